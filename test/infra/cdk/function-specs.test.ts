import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROUTES, type RouteDefinition } from '../../../functions/handlers/routes';
import { functionSpecs, pascal, TABLE_ACTIONS } from '../../../infra/cdk/function-specs';

describe('functionSpecs', () => {
  it('makes one function per handler name in ROUTES, in first-appearance order', () => {
    const specs = functionSpecs(ROUTES);
    const names = [...new Set(ROUTES.map((r) => r.name))];
    expect(specs.map((s) => s.name)).toEqual(names);
    expect(specs.flatMap((s) => s.routes)).toHaveLength(ROUTES.length);
  });

  it('gives a function the strongest access of its routes, whatever their order', () => {
    const get: RouteDefinition = { name: 'config', method: 'GET', path: '/v1/config', access: 'read' };
    const put: RouteDefinition = { name: 'config', method: 'PUT', path: '/v1/config', access: 'readWrite' };
    expect(functionSpecs([get, put])[0]!.access).toBe('readWrite');
    expect(functionSpecs([put, get])[0]!.access).toBe('readWrite');
    expect(functionSpecs([get])[0]!.access).toBe('read');
  });

  it('picks up routes added later with no other change', () => {
    const more: RouteDefinition[] = [
      ...ROUTES,
      { name: 'exports', method: 'GET', path: '/v1/exports', access: 'read' },
      { name: 'imports', method: 'POST', path: '/v1/imports', access: 'readWrite' },
    ];
    const specs = functionSpecs(more);
    expect(specs.slice(-2).map((s) => [s.name, s.access])).toEqual([
      ['exports', 'read'],
      ['imports', 'readWrite'],
    ]);
  });

  it('rejects a duplicate method+path and an unsafe handler name, in zh and en', () => {
    const r: RouteDefinition = { name: 'sync', method: 'POST', path: '/v1/sync', access: 'readWrite' };
    expect(() => functionSpecs([r, { ...r, name: 'other' }])).toThrow(/路由重复: POST \/v1\/sync .*Duplicate route/);
    expect(() => functionSpecs([{ ...r, name: '../evil' }])).toThrow(/处理函数名不合法.*Invalid route handler name "\.\.\/evil"/);
  });

  it('pascal-cases names for construct ids', () => {
    expect(pascal('sync')).toBe('Sync');
    expect(pascal('weeklyReport')).toBe('WeeklyReport');
  });
});

describe('TABLE_ACTIONS', () => {
  it('read is a strict subset of readWrite, and read has no write action', () => {
    expect(TABLE_ACTIONS.readWrite).toEqual(expect.arrayContaining([...TABLE_ACTIONS.read]));
    expect(TABLE_ACTIONS.readWrite.length).toBeGreaterThan(TABLE_ACTIONS.read.length);
    for (const a of TABLE_ACTIONS.read) expect(a).toMatch(/^dynamodb:(Get|BatchGet|Query)/);
  });

  it('never grants a wildcard action', () => {
    for (const a of [...TABLE_ACTIONS.read, ...TABLE_ACTIONS.readWrite]) expect(a).not.toContain('*');
  });

  it('covers every DynamoDB command the runtime store code sends', () => {
    // lib-dynamodb command → IAM action. A store change that starts using, say, Scan must fail here, not in
    // production with AccessDenied.
    const action: Record<string, string> = {
      Get: 'GetItem',
      Put: 'PutItem',
      Update: 'UpdateItem',
      Delete: 'DeleteItem',
      Query: 'Query',
      Scan: 'Scan',
      BatchGet: 'BatchGetItem',
      BatchWrite: 'BatchWriteItem',
      TransactGet: 'TransactGetItems',
      TransactWrite: 'TransactWriteItems',
    };
    const dir = path.join(__dirname, '..', '..', '..', 'functions', 'store');
    // create-table.ts creates the local (dynalite) table; in the cloud CloudFormation owns the table.
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'create-table.ts');
    const used = new Set<string>();
    for (const f of files) {
      for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/new (\w+?)(?:Item)?Command\(/g)) {
        used.add(m[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) {
      expect(action[name]).toBeDefined();
      expect(TABLE_ACTIONS.readWrite).toContain(`dynamodb:${action[name]}`);
    }
  });
});
