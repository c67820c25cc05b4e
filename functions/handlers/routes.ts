/**
 * The API's routes, declared once: the local HTTP adapter serves them and the CDK stack wires one Lambda
 * function per entry. `access` is the least table access the function needs (for IAM).
 *
 * Who may call what is decided in the handlers (roles live in the table): every registered caller reads
 * projects, history, config, the weekly report and the dashboard — clerks included, since the weekly report
 * is the county's shared meeting paper and a clerk sees where their units stand; clerks sync their units'
 * rows; leaders read only; admins change config and users. The functions that may register the bootstrap
 * administrator or bind an e-mail profile on first call (sync, config, users, me) have write access on every
 * route, their GETs included (resolveCaller with persist). The read functions never write: a STATE repair they
 * attempt is best-effort (store/projects.ts readerRepair).
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
  { name: 'config', method: 'GET', path: '/v1/config', access: 'readWrite' },
  { name: 'config', method: 'PUT', path: '/v1/config', access: 'readWrite' },
  { name: 'reports', method: 'GET', path: '/v1/reports/weekly', access: 'read' },
  { name: 'dashboard', method: 'GET', path: '/v1/dashboard', access: 'read' },
  { name: 'users', method: 'GET', path: '/v1/users', access: 'readWrite' },
  { name: 'users', method: 'PUT', path: '/v1/users', access: 'readWrite' },
  { name: 'me', method: 'GET', path: '/v1/me', access: 'readWrite' },
  // Push channels and the on-demand weekly cut-off (admins only); the scheduled cut-off is functions/handlers/cutoff-job.ts.
  { name: 'channels', method: 'GET', path: '/v1/channels', access: 'readWrite' },
  { name: 'channels', method: 'PUT', path: '/v1/channels', access: 'readWrite' },
  { name: 'cutoff', method: 'POST', path: '/v1/cutoff', access: 'readWrite' },
];
