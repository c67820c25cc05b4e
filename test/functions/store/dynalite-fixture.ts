import { createClients, createDocumentClient } from '../../../functions/store';
import { startDynalite, type RunningDynalite } from '../../../infra/local/dynalite';

/**
 * One dynalite for the test file, and the clients a store is built with (as the handlers and the local stack build
 * them: single puts through the cached low-level client).
 */
export function useDynalite(): { doc: () => ReturnType<typeof createDocumentClient>; putClient: () => ReturnType<typeof createClients>['put'] } {
  let db: RunningDynalite;
  let put: ReturnType<typeof createClients>['put'];
  beforeAll(async () => {
    db = await startDynalite();
    put = createClients({ endpoint: db.endpoint }).put;
  });
  afterAll(async () => {
    put.destroy();
    await db.close();
  });
  return { doc: () => createDocumentClient({ endpoint: db.endpoint }), putClient: () => put };
}
