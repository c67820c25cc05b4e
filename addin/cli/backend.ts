/**
 * The backend a command talks to: the one named by --api/--token, or the embedded local stack started in
 * this process (data under --data, default the per-user data folder of infra/local/data-dir.ts; in memory for the demo).
 */
import { dataDirOf } from '../../infra/local/data-dir';
import { spawnDynalite } from '../../infra/local/dynalite';
import { ApiCallError, type ApiTarget } from '../app';
import { loopbackFetch } from './loopback-fetch';

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

/**
 * A backend begun but not yet opened: for the embedded stack, dynalite's worker loads meanwhile (a cold sync's
 * workbook is read in that time) without opening or creating anything. Opened once, or discarded when the
 * command stops before it (a refused overwrite, an unreadable file); discarding an opened one does nothing.
 */
export interface PendingBackend {
  open(): Promise<Backend>;
  discard(): Promise<void>;
}

export function prepareBackend(o: BackendChoice): PendingBackend {
  if (o.api) return { open: async () => ({ api: { url: o.api!, token: o.token! }, close: async () => {} }), discard: async () => {} };
  const dynalite = spawnDynalite();
  return {
    open: async () => {
      try {
        // Loaded only here: a command against a remote API needs none of the backend. (require, not import():
        // under tsx the entry runs as CommonJS and a dynamic import() would skip its .ts resolution.)
        // The SDK's Node-version notice means nothing to a clerk syncing against local dynalite.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
        const { startLocalStack } = require('../../infra/local/stack') as typeof import('../../infra/local/stack');
        const dataDir = o.inMemory ? undefined : dataDirOf(o.data);
        const s = await startLocalStack(dataDir ? { dataDir, dynalite } : { inMemory: true, dynalite });
        return { api: { url: s.url, token: s.adminToken, fetch: loopbackFetch }, ...(dataDir ? { dataDir } : {}), close: () => s.close() };
      } catch (e) {
        throw new ApiCallError('network', { zh: `内置后端无法启动（${(e as Error).message}）`, en: `The embedded backend did not start (${(e as Error).message})` });
      }
    },
    // The stack starts or discards the worker once it has it; a discard after that does nothing (spawnDynalite).
    discard: () => dynalite.discard(),
  };
}

export const openBackend = (o: BackendChoice): Promise<Backend> => prepareBackend(o).open();
