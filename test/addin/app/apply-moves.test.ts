/**
 * applyMoves: confirming the row moves the last sync reported moves those rows from the answers that sync kept —
 * nothing is POSTed again — exactly where a sync with the moves confirmed would put them; a row that changed
 * since the sync is skipped and reported, and nothing is written for it.
 */
import ExcelJS from 'exceljs';
import type { SyncRequest } from '../../../contract';
import { applyMoves, runSync, type SyncOutcome } from '../../../addin/app';
import { XlsxGateway } from '../../../addin/xlsx';
import { fakeBackend } from '../../fixtures/fakeBackend';
import { messyWorkbook } from '../../fixtures/workbooks';

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The messy ledger with a clue (row 3, 预制菜加工) that now has a 签约时间: the server says it belongs on the signed list. */
async function ledgerWithAMove(): Promise<Uint8Array> {
  const wb = await load(await messyWorkbook());
  wb.getWorksheet('重点线索')!.getCell('F1').value = '签约时间';
  wb.getWorksheet('重点线索')!.getCell('F3').value = 46020;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function syncOnce(bytes: Uint8Array, log: SyncRequest[], options = {}): Promise<{ gateway: XlsxGateway; outcome: SyncOutcome }> {
  const gateway = await XlsxGateway.load(bytes);
  const outcome = await runSync({ gateway, api: { url: 'http://fake', token: 't', fetch: fakeBackend(log) }, options: { workbookName: 'ledger.xlsx', ...options } });
  return { gateway, outcome };
}

describe('applyMoves', () => {
  it('moves the pending rows without a single POST, where a confirmed sync would put them', async () => {
    const log: SyncRequest[] = [];
    const { gateway, outcome } = await syncOnce(await ledgerWithAMove(), log);
    expect(outcome.pendingMoves.map((m) => m.name)).toEqual(['预制菜加工']);
    expect(outcome.pendingResults.map((r) => [r.id, r.targetList])).toEqual([[outcome.pendingMoves[0]!.id, 'signed']]);
    const posts = log.length;
    expect(posts).toBeGreaterThan(0);

    const done = await applyMoves({ gateway, pending: outcome });
    expect(log.length - posts).toBe(0); // confirming sends nothing
    expect(done.skipped).toEqual([]);
    expect(done.pendingMoves).toEqual([]);
    expect(done.pendingResults).toEqual([]);
    expect(done.moved.map((m) => [m.id, m.to])).toEqual([[outcome.pendingMoves[0]!.id, { list: 'signed', sheet: '2026年签约项目台账', row: 8 }]]);

    // The same cells as a sync with the move confirmed (test/addin/xlsx/roundtrip.test.ts) writes.
    const res = await load(await gateway.save());
    const signed = res.getWorksheet('2026年签约项目台账')!;
    expect([signed.getCell('B8').value, signed.getCell('D8').value, signed.getCell('I8').value]).toEqual(['预制菜加工', 46020, outcome.pendingMoves[0]!.id]);
    expect(signed.getCell('J8').value).toBe('黄旗');
    expect(res.getWorksheet('重点线索')!.getCell('B3').value).toBe('重复编号的项目'); // the source row is gone

    const confirmedLog: SyncRequest[] = [];
    const confirmed = await syncOnce(await ledgerWithAMove(), confirmedLog, { confirmMoves: true });
    expect(confirmed.outcome.moved.map((m) => m.to)).toEqual(done.moved.map((m) => m.to));
    const viaSync = (await load(await confirmed.gateway.save())).getWorksheet('2026年签约项目台账')!;
    for (const col of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K']) expect(`${col}8 ${JSON.stringify(signed.getCell(`${col}8`).value)}`).toBe(`${col}8 ${JSON.stringify(viaSync.getCell(`${col}8`).value)}`);
  });

  it('skips and reports a row that is no longer where the sync saw it, writing nothing and POSTing nothing', async () => {
    const log: SyncRequest[] = [];
    const first = await syncOnce(await ledgerWithAMove(), log);
    const move = first.outcome.pendingMoves[0]!;
    // The clerk deletes the row before confirming: row 3 now holds the next project.
    const wb = await load(await first.gateway.save());
    wb.getWorksheet('重点线索')!.spliceRows(3, 1);
    const edited = new Uint8Array(await wb.xlsx.writeBuffer());
    const gateway = await XlsxGateway.load(edited);
    const posts = log.length;

    const done = await applyMoves({ gateway, pending: first.outcome });
    expect(log.length - posts).toBe(0);
    expect(done.moved).toEqual([]);
    expect(done.cellsWritten).toBe(0);
    expect(done.skipped).toHaveLength(1);
    expect(done.skipped[0]!.move).toEqual(move);
    expect(done.skipped[0]!.message.zh).toContain(`第3行已不是项目 ${move.id}`);
    expect(done.skipped[0]!.message.en).toContain('sync again');
    const after = await load(await gateway.save());
    expect(after.getWorksheet('2026年签约项目台账')!.getCell('B10').value).toBeNull();
  });

  it('moves nothing for pending moves of another workbook, and only the confirmed ids', async () => {
    const log: SyncRequest[] = [];
    const { gateway, outcome } = await syncOnce(await ledgerWithAMove(), log);
    const other = await applyMoves({ gateway, pending: { ...outcome, workbookId: 'W-ANOTHER' } });
    expect(other.moved).toEqual([]);
    expect(other.skipped.map((s) => s.message.en)).toEqual(['The pending moves belong to another workbook; nothing was moved — sync again.']);

    const none = await applyMoves({ gateway, pending: outcome, confirm: [] });
    expect(none.moved).toEqual([]);
    expect(none.pendingMoves).toEqual(outcome.pendingMoves);
    expect(none.pendingResults).toEqual(outcome.pendingResults);
    expect(log.length).toBe(1);
  });
});
