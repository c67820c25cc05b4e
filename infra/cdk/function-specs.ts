import type { RouteDefinition, TableAccess } from '../../functions/handlers/routes';

/** One Lambda function of the stack: every route that shares a handler name shares the function. */
export interface FunctionSpec {
  /** Handler name, also the file `functions/handlers/<name>.ts`. */
  name: string;
  /** The strongest table access any of its routes needs (IAM is per function, not per route). */
  access: TableAccess;
  routes: readonly RouteDefinition[];
}

const STRENGTH: Record<TableAccess, number> = { read: 0, readWrite: 1 };

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;

/** Table actions each access level may use. Read is a subset of read-write; nothing else is ever granted. */
export const TABLE_ACTIONS: Record<TableAccess, readonly string[]> = {
  read: READ_ACTIONS,
  readWrite: [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
};

/** Handler names become construct ids and file names: keep them to a safe alphabet. */
const NAME = /^[a-z][A-Za-z0-9]*$/;

/** Groups the route table into functions, in first-appearance order (stable logical ids). */
export function functionSpecs(routes: readonly RouteDefinition[]): FunctionSpec[] {
  const byName = new Map<string, { access: TableAccess; routes: RouteDefinition[] }>();
  const seen = new Set<string>();
  for (const route of routes) {
    if (!NAME.test(route.name)) {
      throw new Error(
        `路由处理函数名不合法: "${route.name}"（应为小写字母开头的字母数字） / ` +
          `Invalid route handler name "${route.name}" (expected a letter followed by letters/digits)`,
      );
    }
    const key = `${route.method} ${route.path}`;
    if (seen.has(key)) {
      throw new Error(`路由重复: ${key} / Duplicate route: ${key}`);
    }
    seen.add(key);
    const entry = byName.get(route.name);
    if (!entry) {
      byName.set(route.name, { access: route.access, routes: [route] });
    } else {
      entry.routes.push(route);
      if (STRENGTH[route.access] > STRENGTH[entry.access]) entry.access = route.access;
    }
  }
  return [...byName].map(([name, { access, routes: own }]) => ({ name, access, routes: own }));
}

/** `config` → `Config`: a construct id / log-friendly label for a handler name. */
export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
