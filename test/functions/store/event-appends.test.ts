/**
 * The embedded stack's batched event appends (functions/store/event-appends.ts) keep the optimistic lock the cloud's
 * conditional puts give: each version appended once, the first writer kept, a refused item failing alone.
 */
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoStore, ensureTable, type StoredEvent } from '../../../functions/store';
import { eventSk, projectPk } from '../../../functions/store/keys';
import { eventState } from '../../../functions/store/project-items';
import type { ProjectState } from '../../../functions/domain/types';
import { useDynalite } from './dynalite-fixture';
import { state } from './state-fixture';

const { doc, putClient } = useDynalite();
let tableNo = 0;
let tableName: string;

beforeEach(async () => {
  tableName = `appends-${++tableNo}`;
  await ensureTable(doc(), tableName);
});

const storeOf = (soleWriter: boolean) => new DynamoStore(doc(), { tableName, putClient: putClient(), soleWriter });
const event = (s: ProjectState): StoredEvent => ({ id: s.id, version: s.version, at: s.updatedAt, kind: s.version === 1 ? 'created' : 'fields', by: 'clerk-a', workbook: 'wb-1', state: s });
const storedProgress = async (id: string, version: number) =>
  eventState((await doc().send(new GetCommand({ TableName: tableName, Key: { PK: projectPk(id), SK: eventSk(version) }, ConsistentRead: true }))).Item!).fields.progress;

describe('batched event appends (the embedded stack, sole writer of its table)', () => {
  it('appends 300 events at once in a tenth of the requests the conditional puts take, each once', async () => {
    const events = Array.from({ length: 300 }, (_, i) => event(state(`P-${i}`)));
    const batched = storeOf(true);
    expect(await Promise.all(events.map((e) => batched.commit(e)))).toEqual(events.map(() => 'committed'));
    expect(batched.writes.items).toBe(300);
    expect(batched.writes.requests).toBeLessThanOrEqual(30);
    // The same events again (a retried chunk): all refused, nothing written.
    expect(await Promise.all(events.map((e) => batched.commit(e)))).toEqual(events.map(() => 'conflict'));
    expect(batched.writes.items).toBe(300);
    for (const id of ['P-0', 'P-150', 'P-299']) expect(await batched.listEvents(id)).toHaveLength(1);

    tableName = `appends-${++tableNo}`;
    await ensureTable(doc(), tableName);
    const conditional = storeOf(false);
    await Promise.all(events.map((e) => conditional.commit(e)));
    expect(conditional.writes.requests).toBe(300);
  });

  it('the same version from several writers at once: one appended, the others refused, the stored event is the appended one', async () => {
    const store = storeOf(true);
    const writers = ['A', 'B', 'C'].map((p) => event(state('P-1', { fields: { progress: p } })));
    // Other keys in the same flush, so the contested key is one among many.
    const others = Array.from({ length: 40 }, (_, i) => event(state(`Q-${i}`)));
    const outcomes = await Promise.all([...writers, ...others].map((e) => store.commit(e)));
    const won = writers.filter((_, i) => outcomes[i] === 'committed');
    expect(won).toHaveLength(1);
    expect(outcomes.slice(3)).toEqual(others.map(() => 'committed'));
    expect(await storedProgress('P-1', 1)).toBe(won[0]!.state.fields.progress);
  });

  it('an append arriving while a flush still writes the same version waits for it, and is refused', async () => {
    const real = doc();
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    let writes = 0;
    // Every BatchWriteItem waits at the gate: the first flush is then held in the middle of its write.
    const gated = Object.assign(Object.create(real) as typeof real, {
      send: async (command: Parameters<typeof real.send>[0]) => {
        if (command instanceof BatchWriteCommand) {
          writes++;
          await gate;
        }
        return real.send(command);
      },
    });
    const store = new DynamoStore(gated, { tableName, putClient: putClient(), soleWriter: true });
    const first = store.commit(event(state('P-1', { fields: { progress: 'first' } })));
    while (writes === 0) await new Promise((ok) => setImmediate(ok));
    const second = store.commit(event(state('P-1', { fields: { progress: 'second' } })));
    // Give a second flush every chance to run (and check P-1 while it is not yet written) before the gate opens.
    for (let i = 0; i < 20; i++) await new Promise((ok) => setImmediate(ok));
    release();
    expect([await first, await second]).toEqual(['committed', 'conflict']);
    expect(await storedProgress('P-1', 1)).toBe('first');
  });

  it('never overwrites a version stored before, by anyone', async () => {
    await storeOf(false).commit(event(state('P-1', { fields: { progress: 'first' } })));
    const store = storeOf(true);
    expect(await store.commit(event(state('P-1', { fields: { progress: 'second' } })))).toBe('conflict');
    expect(await store.commit(event(state('P-1', { version: 2, fields: { progress: 'next' } })))).toBe('committed');
    expect(await storedProgress('P-1', 1)).toBe('first');
    expect(await storedProgress('P-1', 2)).toBe('next');
  });

  it('an event DynamoDB refuses (over 400 KB) fails alone; the rest of its batch is appended', async () => {
    const store = storeOf(true);
    const huge = event(state('P-big', { fields: { progress: 'x'.repeat(450_000) } }));
    const small = Array.from({ length: 30 }, (_, i) => event(state(`S-${i}`)));
    const outcomes = await Promise.allSettled([huge, ...small].map((e) => store.commit(e)));
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { name: 'ValidationException' } });
    expect(outcomes.slice(1).map((o) => (o.status === 'fulfilled' ? o.value : o.reason))).toEqual(small.map(() => 'committed'));
    expect(await store.listEvents('P-big')).toBeNull();
    expect(await store.listEvents('S-29')).toHaveLength(1);
    // The lock let go of every key: the refused one can be appended once it fits.
    expect(await store.commit(event(state('P-big')))).toBe('committed');
  });

  it('a contested version whose first writer is refused goes to the next writer, who waited for it', async () => {
    const store = storeOf(true);
    const [tooBig, fits] = await Promise.allSettled([
      store.commit(event(state('P-1', { fields: { progress: 'x'.repeat(450_000) } }))),
      store.commit(event(state('P-1', { fields: { progress: 'fits' } }))),
    ]);
    expect(tooBig).toMatchObject({ status: 'rejected', reason: { name: 'ValidationException' } });
    expect(fits).toEqual({ status: 'fulfilled', value: 'committed' });
    expect(await storedProgress('P-1', 1)).toBe('fits');
  });

  it('a batch that landed but whose answer was lost on every attempt is still answered as appended, not as taken', async () => {
    const real = doc();
    let lost = 0;
    // The table applies each BatchWriteItem, and the answer never arrives (a connection reset after the write).
    const flaky = Object.assign(Object.create(real) as typeof real, {
      send: async (command: Parameters<typeof real.send>[0]) => {
        const out = await real.send(command);
        if (command instanceof BatchWriteCommand) {
          lost++;
          throw Object.assign(new Error('socket hang up'), { name: 'ECONNRESET' });
        }
        return out;
      },
    });
    const store = new DynamoStore(flaky, { tableName, putClient: putClient(), soleWriter: true });
    const events = Array.from({ length: 30 }, (_, i) => event(state(`L-${i}`)));
    expect(await Promise.all(events.map((e) => store.commit(e)))).toEqual(events.map(() => 'committed'));
    expect(lost).toBeGreaterThan(0);
    expect(await store.listEvents('L-29')).toHaveLength(1);
  });
});
