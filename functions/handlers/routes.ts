/**
 * The API's routes, declared once: the local HTTP adapter serves them and the CDK stack wires one Lambda
 * function per entry. `access` is the least table access the function needs (for IAM).
 */
export type TableAccess = 'read' | 'readWrite';

export interface RouteDefinition {
  /** Function name, also the handler file under functions/handlers (`<name>.ts`, export `handler`). */
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  /** API Gateway route path, with {param} placeholders. */
  path: string;
  access: TableAccess;
}

export const ROUTES: readonly RouteDefinition[] = [
  { name: 'sync', method: 'POST', path: '/v1/sync', access: 'readWrite' },
  { name: 'projects', method: 'GET', path: '/v1/projects', access: 'read' },
  { name: 'history', method: 'GET', path: '/v1/projects/{id}/history', access: 'read' },
  { name: 'config', method: 'GET', path: '/v1/config', access: 'read' },
  { name: 'config', method: 'PUT', path: '/v1/config', access: 'readWrite' },
];
