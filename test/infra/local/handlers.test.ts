import { ROUTES } from '../../../functions/handlers/routes';
import type { Deps } from '../../../functions/app/deps';
import { buildHandlers } from '../../../infra/local/handlers';

describe('buildHandlers', () => {
  it('has exactly one handler per handler name of the route table (else the adapter answers 500 for that route)', () => {
    // The factories take deps lazily, so building needs no store.
    const handlers = buildHandlers({} as Deps);
    expect(Object.keys(handlers).sort()).toEqual([...new Set(ROUTES.map((r) => r.name))].sort());
    for (const h of Object.values(handlers)) expect(typeof h).toBe('function');
  });
});
