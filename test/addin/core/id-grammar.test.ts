/** One ID grammar (issue 17): the add-in blocks exactly the ids the API refuses (contract/limits.ts isValidId). */
import { isValidId } from '../../../contract';
import { extractRows, findLayouts, planIds, type LedgerRow } from '../../../addin/core';
import { BAD_IDS, GOOD_IDS } from '../../fixtures/ids';
import { sheet } from '../../fixtures/ledgers';

describe('the one ID grammar', () => {
  it('accepts printable ids up to LIMITS.idLength, refuses #, controls, invisible characters, spaces around, too long', () => {
    for (const id of GOOD_IDS) expect({ id, ok: isValidId(id) }).toEqual({ id, ok: true });
    for (const [what, id] of BAD_IDS) expect({ what, ok: isValidId(id) }).toEqual({ what, ok: false });
    expect(isValidId('W-'.padEnd(100, 'X'), 100)).toBe(true);
    expect(isValidId(42)).toBe(false);
  });

  it('planIds blocks a row whose id breaks the grammar and syncs the valid ones', () => {
    // Ids as a cell holds them (rows trims surrounding spaces, and an empty cell is no id): what the grammar sees.
    const bad = BAD_IDS.filter(([, id]) => id.trim() === id && id !== '');
    const rowsIn = [['项目名称', '项目编号'], ...GOOD_IDS.map((id, i) => [`好${i}`, id]), ...bad.map(([, id], i) => [`坏${i}`, id])];
    const layouts = findLayouts([sheet('重点线索', rowsIn)], {}).sheets;
    const rows: LedgerRow[] = layouts.flatMap((l) => extractRows(l).rows);
    const ids = planIds(layouts, rows, () => 0.5);
    expect(ids.rows.map((r) => r.id)).toEqual(GOOD_IDS);
    expect(ids.blocked.map((r) => r.id)).toEqual(bad.map(([, id]) => id));
    for (const r of ids.blocked) expect(r.issues[0]).toMatchObject({ field: 'id', blocking: true });
  });
});
