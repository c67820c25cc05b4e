import { createDocumentClient, DynamoStore, ensureTable, type StoredEvent } from '../../../functions/store';
import { startDynalite, type RunningDynalite } from '../../../infra/local/dynalite';
import { state } from './state-fixture';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { projectPk, eventSk } from '../../../functions/store/keys';
import type { ProjectState } from '../../../functions/domain/types';

let db: RunningDynalite;
let store: DynamoStore;
const doc = () => createDocumentClient({ endpoint: db.endpoint });
let tableNo = 0;

beforeAll(async () => {
  db = await startDynalite();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  const tableName = `t-${++tableNo}`;
  await ensureTable(doc(), tableName);
  store = new DynamoStore(doc(), { tableName });
});

function event(s: ProjectState, over: Partial<StoredEvent> = {}): StoredEvent {
  return { id: s.id, version: s.version, at: s.updatedAt, kind: s.version === 1 ? 'created' : 'fields', by: 'clerk-a', workbook: 'wb-1', state: s, ...over };
}

describe('DynamoStore', () => {
  it('creates the table once', async () => {
    expect(await ensureTable(doc(), `t-${tableNo}`)).toBe('existed');
  });

  it('commits an event and its state, and reads them back in one batch', async () => {
    const s1 = state('P-1');
    expect(await store.commit(event(s1))).toBe('committed');
    expect(store.writes).toEqual({ requests: 2, items: 2 });
    const { states } = await store.loadProjects(['P-1', 'P-2']);
    expect(states.get('P-1')).toEqual(s1);
    expect(states.has('P-2')).toBe(false);
    expect(await store.listEvents('P-1')).toEqual([{ version: 1, at: s1.updatedAt, kind: 'created', by: 'clerk-a', workbook: 'wb-1' }]);
  });

  it('refuses a second writer of the same version (the optimistic lock) and keeps the first', async () => {
    await store.commit(event(state('P-1')));
    const s2a = state('P-1', { version: 2, fields: { progress: 'A' } });
    const s2b = state('P-1', { version: 2, fields: { progress: 'B' } });
    expect(await store.commit(event(s2a))).toBe('committed');
    expect(await store.commit(event(s2b))).toBe('conflict');
    expect((await store.latestState('P-1'))?.fields.progress).toBe('A');
    expect(await store.listEvents('P-1')).toHaveLength(2);
  });

  it('never moves STATE backwards', async () => {
    const s3 = state('P-1', { version: 3 });
    await store.commit(event(s3));
    await store.commit(event(state('P-1', { version: 2 })));
    expect((await store.loadProjects(['P-1'])).states.get('P-1')?.version).toBe(3);
  });

  it('repairs STATE from the newest event when a writer died between the two puts', async () => {
    await store.commit(event(state('P-1')));
    const s2 = state('P-1', { version: 2, fields: { progress: '已开工' } });
    // The event landed, the STATE put did not.
    await doc().send(new PutCommand({ TableName: `t-${tableNo}`, Item: { PK: projectPk('P-1'), SK: eventSk(2), ...event(s2) } }));
    expect((await store.loadProjects(['P-1'])).states.get('P-1')?.version).toBe(1);
    expect(await store.latestState('P-1')).toEqual(s2);
    expect((await store.loadProjects(['P-1'])).states.get('P-1')).toEqual(s2);
  });

  it('the history reader repairs too', async () => {
    await store.commit(event(state('P-1')));
    const s2 = state('P-1', { version: 2 });
    await doc().send(new PutCommand({ TableName: `t-${tableNo}`, Item: { PK: projectPk('P-1'), SK: eventSk(2), ...event(s2) } }));
    expect((await store.listEvents('P-1'))?.map((e) => e.version)).toEqual([1, 2]);
    expect((await store.loadProjects(['P-1'])).states.get('P-1')?.version).toBe(2);
  });

  it('a created project may have its STATE written later, in a batch; a late batch is repaired', async () => {
    const s1 = state('P-1');
    expect(await store.commit(event(s1), { stateLater: true })).toBe('committed');
    expect(store.writes).toEqual({ requests: 1, items: 1 });
    expect((await store.loadProjects(['P-1'])).states.size).toBe(0);
    // A second writer finds the event, repairs STATE from it, and moves on to version 2 …
    expect(await store.latestState('P-1')).toEqual(s1);
    const s2 = state('P-1', { version: 2, fields: { progress: 'later' } });
    expect(await store.commit(event(s2))).toBe('committed');
    // … then the first writer's batched STATE v1 lands late: STATE is behind its newest event until a reader repairs it.
    await store.putCreatedStates([s1]);
    expect((await store.loadProjects(['P-1'])).states.get('P-1')?.version).toBe(1);
    expect(await store.latestState('P-1')).toEqual(s2);
    expect((await store.loadProjects(['P-1'])).states.get('P-1')?.version).toBe(2);
  });

  it('knows no history for an unknown project', async () => {
    expect(await store.listEvents('nope')).toBeNull();
    expect(await store.latestState('nope')).toBeNull();
  });

  it('reads more than 100 projects (several batches) with their week snapshots', async () => {
    const ids = Array.from({ length: 130 }, (_, i) => `P-${i}`);
    for (const id of ids.slice(0, 120)) await store.commit(event(state(id)));
    await store.putWeekSnapshots(ids.slice(0, 5).map((id) => ({
      id, week: '2026-W10', name: id, stage: 'clue', flag: 'none', rules: [], unit: '温水镇', leader: null, amount: 1, progressUpdated: true, version: 1, at: 'x',
    })));
    const { states, weeks } = await store.loadProjects(ids, '2026-W10');
    expect(states.size).toBe(120);
    expect([...weeks.keys()].sort()).toEqual(ids.slice(0, 5).sort());
  });

  it('keeps and lists workbook membership', async () => {
    const before = store.writes.requests;
    await store.putMemberships('wb-1', Array.from({ length: 30 }, (_, i) => `P-${i}`));
    expect(store.writes.requests - before).toBe(2);
    expect((await store.listMembership('wb-1')).sort()).toHaveLength(30);
    expect(await store.listMembership('wb-2')).toEqual([]);
  });

  it('lists projects by unit, stage and flag, paged with nextToken', async () => {
    for (let i = 0; i < 12; i++) {
      await store.commit(event(state(`P-${String(i).padStart(2, '0')}`, {
        stage: i % 2 ? 'signed' : 'clue',
        flag: { level: i % 3 === 0 ? 'red' : 'none', reasons: [] },
        fields: { unit: i < 8 ? '温水镇' : '开发区' },
      })));
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await store.queryProjects({}, 5, token);
      seen.push(...page.items.map((p) => p.id));
      token = page.nextToken;
      pages++;
    } while (token);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    expect(pages).toBe(3);
    expect((await store.queryProjects({ unit: '温水镇' }, 100)).items).toHaveLength(8);
    expect((await store.queryProjects({ unit: '温水镇', stage: 'signed' }, 100)).items.map((p) => p.id)).toEqual(['P-01', 'P-03', 'P-05', 'P-07']);
    expect((await store.queryProjects({ stage: 'clue', flag: 'red' }, 100)).items.map((p) => p.id).sort()).toEqual(['P-00', 'P-06']);
    expect((await store.queryProjects({ unit: '开发区', flag: 'red' }, 100)).items.map((p) => p.id)).toEqual(['P-09']);
    const small = await store.queryProjects({ flag: 'red' }, 1);
    expect(small.items).toHaveLength(1);
    expect(small.nextToken).toBeDefined();
    await expect(store.queryProjects({}, 5, 'not-a-token')).rejects.toThrow('invalid nextToken');
  });

  it('keeps the county configuration', async () => {
    expect(await store.getConfig()).toBeNull();
    await store.putConfig({ county: '平邑县' });
    expect(await store.getConfig()).toEqual({ county: '平邑县' });
  });

  it('finds users by subject first, then by e-mail', async () => {
    await store.putUser({ email: 'Clerk@County.gov.cn', role: 'clerk', units: ['温水镇'] });
    expect(await store.getUser('sub-1', 'clerk@county.gov.cn')).toMatchObject({ role: 'clerk', units: ['温水镇'] });
    await store.putUser({ subject: 'sub-1', role: 'leader', units: [] });
    expect((await store.getUser('sub-1', 'clerk@county.gov.cn'))?.role).toBe('leader');
    expect(await store.getUser('sub-2')).toBeNull();
    await expect(store.putUser({ role: 'admin', units: [] })).rejects.toThrow(/subject or an e-mail/);
  });
});
