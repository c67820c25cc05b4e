/**
 * The leaders' possible duplicates (functions/app/duplicates.ts): near names found through their first characters
 * are exactly the near names of a comparison of every pair, on random names built to meet and to miss the rule
 * (containment, at least four characters, numbers not cut); and the dashboard answers them from a snapshot taken
 * again only when a sync changed names — at once on the embedded stack, at the next tick in the cloud.
 */
import fc from 'fast-check';
import type { DuplicatePair } from '../../../contract';
import { dashboardAnswer } from '../../../functions/app/aggregates';
import { possibleDuplicates } from '../../../functions/app/duplicates';
import { upkeep } from '../../../functions/app/upkeep';
import { createDocumentClient, DEFAULT_TABLE_NAME } from '../../../functions/store';
import { createLiveAggregates, LiveAggregateRecords } from '../../../functions/store/live-aggregates';
import { request, row, sync, useTestStack } from '../handlers/api';
import type { NameEntry } from '../../../functions/app/ports';
import { isNearName } from '../../../functions/domain/identity';

/** Every pair compared: what possibleDuplicates found before it used an index. */
function everyPairNear(entries: readonly NameEntry[]): DuplicatePair[] {
  const out: DuplicatePair[] = [];
  const byUnit = new Map<string, NameEntry[]>();
  for (const e of entries) if (e.ids.length) byUnit.set(e.key.unit, [...(byUnit.get(e.key.unit) ?? []), e]);
  for (const unit of byUnit.values()) {
    for (let i = 0; i < unit.length; i++) {
      for (let j = i + 1; j < unit.length; j++) {
        const [a, b] = [unit[i]!, unit[j]!];
        if (isNearName(a.key.name, b.key.name)) out.push({ kind: 'near', a: { id: a.ids[0]!, name: a.name, unit: a.unit }, b: { id: b.ids[0]!, name: b.name, unit: b.unit } });
      }
    }
  }
  return out;
}

const key = (x: DuplicatePair) => `${x.a.id}|${x.b.id}`;
const sorted = (xs: DuplicatePair[]) => xs.map(key).sort();

describe('possible duplicates', () => {
  it('near pairs: the indexed search finds exactly what comparing every pair finds', () => {
    const piece = fc.constantFrom('食品', '罐头', '光伏', '组件', '山东', '某某', '1', '2', '12', '产业园', '生产线', 'A');
    const name = fc.array(piece, { minLength: 1, maxLength: 5 }).map((p) => p.join(''));
    const entries = fc.uniqueArray(fc.record({ unit: fc.constantFrom('温水镇', '地方镇'), name }), { maxLength: 40, selector: (e) => `${e.unit}#${e.name}` });
    fc.assert(
      fc.property(entries, (list) => {
        const named: NameEntry[] = list.map((e, i) => ({ key: { unit: e.unit, name: e.name }, ids: [`P${i}`], name: e.name, unit: e.unit }));
        const near = possibleDuplicates(named).pairs.filter((p) => p.kind === 'near');
        const expected = everyPairNear(named);
        // Within the cap, the same pairs, each with the same sides.
        if (expected.length <= 200) expect(sorted(near)).toEqual(sorted(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('same, other-unit and near pairs, with the total beyond the cap', () => {
    const e = (unit: string, name: string, ...ids: string[]): NameEntry => ({ key: { unit, name }, ids, name, unit });
    const { pairs, total } = possibleDuplicates([e('温水镇', '光伏组件', 'A', 'B'), e('地方镇', '光伏组件', 'C'), e('温水镇', '山东光伏组件生产线', 'D'), e('温水镇', '罐头项目1', 'E'), e('温水镇', '罐头项目12', 'F')]);
    expect(pairs.map((p) => `${p.kind}:${p.a.id}-${p.b.id}`).sort()).toEqual(['near:A-D', 'otherUnit:A-C', 'same:A-B']);
    expect(total).toBe(3);
  });
});

describe('the dashboard answers a snapshot of them', () => {
  const CLOCK = '2026-03-04T02:00:00.000Z';
  const stack = useTestStack({ clock: () => CLOCK });
  const deps = (mode: 'cloud' | 'test') => ({
    store: stack.store, mode, clock: () => CLOCK, log: () => {},
    aggregates: createLiveAggregates(createDocumentClient({ endpoint: stack.dynamoEndpoint, region: 'local' }), { tableName: DEFAULT_TABLE_NAME }),
  });
  const ids = async (mode: 'cloud' | 'test') => (await dashboardAnswer(deps(mode), {})).duplicates!.map((p) => `${p.kind}:${[p.a.id, p.b.id].sort().join('-')}`).sort();

  it('taken again after a sync that changed names, else read as stored; the cloud waits for the tick', async () => {
    await sync(stack, stack.adminToken, request([row('S-1', { name: '鲁南光伏组件', unit: '温水镇' }), row('S-2', { name: '鲁南光伏组件', unit: '地方镇' })]));
    expect(await ids('test')).toEqual(['otherUnit:S-1-S-2']);
    const allNames = jest.spyOn(stack.store, 'allNames');
    try {
      expect(await ids('test')).toEqual(['otherUnit:S-1-S-2']);
      expect(allNames).not.toHaveBeenCalled(); // no sync since: the snapshot
      await sync(stack, stack.adminToken, request([row('S-3', { name: '山东鲁南光伏组件生产线', unit: '温水镇' })]));
      allNames.mockClear(); // the sync's own lookup of near names
      const openChunks = jest.spyOn(LiveAggregateRecords.prototype, 'openChunks');
      expect(await ids('cloud')).toEqual(['otherUnit:S-1-S-2']); // read-only: as stored
      expect(allNames).not.toHaveBeenCalled();
      expect(openChunks).not.toHaveBeenCalled(); // nor the chunks: it could not store a fresher one anyway
      openChunks.mockRestore();
      await upkeep(deps('cloud')); // the cut-off tick
      expect(await ids('cloud')).toEqual(['near:S-1-S-3', 'otherUnit:S-1-S-2']);
      expect(allNames).toHaveBeenCalledTimes(1);
    } finally {
      allNames.mockRestore();
    }
  });
});

it('one project under two keys of its unit (a key left from an earlier rule or a rename) is no pair', () => {
  const entry = (name: string, ids: string[]): NameEntry => ({ key: { unit: '临涧镇', name }, ids, name, unit: '临涧镇' });
  const { pairs, total } = possibleDuplicates([entry('管理服务中心', ['X-1']), entry('项目管理服务中心', ['X-1']), entry('项目管理服务中心二期', ['X-2'])]);
  expect(pairs.map((p) => [p.a.id, p.b.id].sort())).toEqual([['X-1', 'X-2'], ['X-1', 'X-2']]);
  expect(total).toBe(2);
});
