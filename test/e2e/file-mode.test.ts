/**
 * Browser file mode end to end: the task pane served by the local stack, opened outside Office in headless
 * Chromium; the clerk opens a messy generated ledger, syncs, downloads, and the downloaded .xlsx has the flags.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSample } from '../../addin/cli/sample';
import { FLAG_STYLE } from '../../functions/contract';
import { ARTIFACTS, startE2E, type E2E } from './browser';

jest.setTimeout(180_000);
const OFFICE_TELEMETRY = 'https://telemetryservice.firstpartyapps.oaspapps.com/';

let e2e: E2E;
let work: string;
beforeAll(async () => {
  e2e = await startE2E();
  work = mkdtempSync(join(tmpdir(), 'taskpane-file-'));
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await e2e?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

/** Flag cells of every list sheet: the 旗帜 column's text, its fill, and the 预警原因 next to it. */
function flagsOf(wb: ExcelJS.Workbook): Array<{ sheet: string; row: number; flag: string; fill: string | undefined; reason: string }> {
  const out: Array<{ sheet: string; row: number; flag: string; fill: string | undefined; reason: string }> = [];
  for (const ws of wb.worksheets) {
    let flagCol = 0;
    let reasonCol = 0;
    let headerRow = 0;
    ws.eachRow((row, r) => {
      if (headerRow) return;
      row.eachCell((cell, c) => {
        if (cell.value === '旗帜') (flagCol = c), (headerRow = r);
        if (cell.value === '预警原因') reasonCol = c;
      });
    });
    if (!flagCol) continue;
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const cell = ws.getCell(r, flagCol);
      const flag = typeof cell.value === 'string' ? cell.value : '';
      if (!flag) continue;
      const fill = cell.fill?.type === 'pattern' ? cell.fill.fgColor?.argb : undefined;
      out.push({ sheet: ws.name, row: r, flag, fill, reason: String(ws.getCell(r, reasonCol).value ?? '') });
    }
  }
  return out;
}

it('opens an .xlsx, syncs it against the local stack and downloads the flagged workbook', async () => {
  const asOf = new Date().toISOString().slice(0, 10);
  const sample = await buildSample({ projects: 60, seed: 11, asOf, messy: true });
  const input = join(work, '平邑县招商台账.xlsx');
  await sample.xlsx.writeFile(input);

  const page = await e2e.page();
  await page.goto(`${e2e.stack.url}/taskpane.html?token=${encodeURIComponent(e2e.stack.adminToken)}`);
  // Outside Office the pane is in file mode, in Chinese (the browser's language).
  await page.getByRole('button', { name: '打开 .xlsx' }).waitFor();
  expect(await page.getByRole('button', { name: '同步' }).isDisabled()).toBe(true);

  await page.setInputFiles('#file-input', input);
  await page.getByText('已打开：平邑县招商台账.xlsx').waitFor();
  await page.getByRole('button', { name: '同步' }).click();
  await page.locator('#result').waitFor({ state: 'visible' });

  const red = Number(await page.locator('#stat-red').textContent());
  const yellow = Number(await page.locator('#stat-yellow').textContent());
  const rows = Number(await page.locator('#stat-rows').textContent());
  expect(rows).toBeGreaterThanOrEqual(60);
  expect(red + yellow).toBeGreaterThan(0);
  expect(await page.locator('#problem').isVisible()).toBe(false);
  // The messy sample has bad cells: they are listed by address; file mode shows no "go to" link.
  const errors = await page.locator('#errors-list li .address').allTextContents();
  expect(errors.length).toBeGreaterThan(0);
  for (const a of errors) expect(a).toMatch(/^.+![A-Z]+\d+$/);
  expect(await page.locator('#errors-list button').count()).toBe(0);
  expect(await page.locator('#last-sync').textContent()).toMatch(/^上次同步：/);

  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-file-mode.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载已标记的工作簿' }).click()]);
  expect(download.suggestedFilename()).toBe('平邑县招商台账-红黄旗.xlsx');
  const saved = join(work, 'flagged.xlsx');
  await download.saveAs(saved);

  const flagged = new ExcelJS.Workbook();
  await flagged.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
  const flags = flagsOf(flagged);
  const reds = flags.filter((f) => f.flag === FLAG_STYLE.red.zh);
  const yellows = flags.filter((f) => f.flag === FLAG_STYLE.yellow.zh);
  expect([reds.length, yellows.length]).toEqual([red, yellow]);
  for (const f of reds) expect([f.sheet, f.row, f.fill]).toEqual([f.sheet, f.row, argb(FLAG_STYLE.red.fill)]);
  for (const f of yellows) expect([f.sheet, f.row, f.fill]).toEqual([f.sheet, f.row, argb(FLAG_STYLE.yellow.fill)]);
  for (const f of [...reds, ...yellows]) expect(f.reason.trim()).not.toBe('');
  // The page ran offline: Office.js came from the local copy, never the CDN; the only outside request is Office.js'
  // own telemetry frame, which was refused without harm.
  expect(e2e.outside.filter((u) => !u.startsWith(OFFICE_TELEMETRY))).toEqual([]);
});
