/**
 * The backend a command talks to: the one named by --api/--token, or the embedded local stack started in
 * this process (data under --data, default the per-user data folder of infra/local/data-dir.ts; in memory for the demo).
 */
import { dataDirOf } from '../../infra/local/data-dir';
import { ApiCallError, type ApiTarget } from '../app';

export interface BackendChoice {
  api?: string;
  token?: string;
  data?: string;
  inMemory?: boolean;
}

export interface Backend {
  api: ApiTarget;
  /** The embedded stack's data folder (absolute), for the command to print; none for --api or in memory. */
  dataDir?: string;
  close(): Promise<void>;
}

export async function openBackend(o: BackendChoice): Promise<Backend> {
  if (o.api) return { api: { url: o.api, token: o.token! }, close: async () => {} };
  try {
    // Loaded only here: a command against a remote API needs none of the backend. (require, not import():
    // under tsx the entry runs as CommonJS and a dynamic import() would skip its .ts resolution.)
    // The SDK's Node-version notice means nothing to a clerk syncing against local dynalite.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const { startLocalStack } = require('../../infra/local/stack') as typeof import('../../infra/local/stack');
    const dataDir = o.inMemory ? undefined : dataDirOf(o.data);
    const s = await startLocalStack(dataDir ? { dataDir } : { inMemory: true });
    return { api: { url: s.url, token: s.adminToken }, ...(dataDir ? { dataDir } : {}), close: () => s.close() };
  } catch (e) {
    throw new ApiCallError('network', { zh: `内置后端无法启动（${(e as Error).message}）`, en: `The embedded backend did not start (${(e as Error).message})` });
  }
}
