/** The name index on dynalite (functions/store/names.ts): appended, merged on read, never overwritten. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LIMITS } from '../../../contract';
import { nameKeyOf, nameKeyString } from '../../../functions/domain/identity';
import { DynamoStore, ensureTable } from '../../../functions/store';
import { NAMES_PK } from '../../../functions/store/keys';
import { useDynalite } from './dynalite-fixture';

const { doc } = useDynalite();
let store: DynamoStore;
let table = '';
let n = 0;

beforeEach(async () => {
  table = `names-${++n}`;
  await ensureTable(doc(), table);
  store = new DynamoStore(doc(), { tableName: table });
});

const claim = (id: string, name: string, unit = '临涧镇') => ({ key: nameKeyOf(name, unit)!, id, name, unit });
const byKey = async () => new Map((await store.allNames()).map((e) => [nameKeyString(e.key), e]));

it('two writes of one name both stay: the entry is their union, each id once, in order', async () => {
  // Two chunks that both found the name free (a race): neither write replaces the other's.
  await Promise.all([store.putNames([claim('B-2', '沂澜生物研发中心')]), store.putNames([claim('A-1', '沂澜 生物研发中心')])]);
  await store.putNames([claim('A-1', '沂澜生物研发中心')]);
  const entries = await byKey();
  expect(entries.size).toBe(1);
  expect(entries.get(nameKeyString(nameKeyOf('沂澜生物研发中心', '临涧镇')!))?.ids).toEqual(['A-1', 'B-2']);
});

it('a write of thousands of names is a few items, each well under DynamoDB\'s 400 KB; names as long as a cell holds are kept whole', async () => {
  const long = '年产'.repeat(LIMITS.stringLength / 2);
  const claims = [
    ...Array.from({ length: 3000 }, (_, i) => claim(`P-${i}`, `项目${i}号${'园'.repeat(i % 40)}`, ['温水镇', '地方镇'][i % 2])),
    ...Array.from({ length: 40 }, (_, i) => claim(`L-${i}`, `${long}${i}`)),
  ];
  const before = { ...store.writes };
  await store.putNames(claims);
  const items = (await doc().send(new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': NAMES_PK } }))).Items ?? [];
  expect(items.length).toBeGreaterThan(1);
  expect(items.length).toBeLessThan(10);
  expect(store.writes.items - before.items).toBe(items.length);
  for (const item of items) expect(Buffer.byteLength(String(item.entries))).toBeLessThan(350_000);
  const entries = await byKey();
  expect(entries.size).toBe(3040);
  expect(entries.get(nameKeyString(nameKeyOf(`${long}7`, '临涧镇')!))).toMatchObject({ ids: ['L-7'], name: `${long}7`, unit: '临涧镇' });
  expect(entries.get(nameKeyString(nameKeyOf('项目2999号', '地方镇')!))?.ids).toBeUndefined(); // 2999 % 40 = 39 园
  expect(entries.get(nameKeyString(nameKeyOf(`项目2999号${'园'.repeat(39)}`, '地方镇')!))?.ids).toEqual(['P-2999']);
});

it('nothing written: no entries, and a write of none writes nothing', async () => {
  await store.putNames([]);
  expect(store.writes).toEqual({ requests: 0, items: 0 });
  expect(await store.allNames()).toEqual([]);
  expect(await store.legacyNames()).toEqual([]);
});
