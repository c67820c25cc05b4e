/**
 * Browser file mode end to end: the task pane served by the local stack, opened outside Office in headless
 * Chromium; the clerk opens a messy generated ledger, syncs, downloads, and the downloaded .xlsx has the flags.
 * A ledger with charts and a pivot table shows, as soon as it is opened, that the download will not keep them;
 * an old .xls gets words saying what it is and what to do.
 */
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSample } from '../../addin/cli/sample';
import { XlsxGateway } from '../../addin/xlsx';
import { oldXls } from '../addin/xlsx/not-workbook-fixtures';
import { partsOf, withParts } from '../addin/xlsx/unkept-fixtures';
import { ARTIFACTS, startE2E, type E2E } from './browser';
import { FLAG_STYLE } from '../../addin/core/flag-style';

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
  expect(await page.locator('#stored-line').textContent()).toMatch(/^新建 \d+ · 更新 0 · 未变 0$/);

  // Under the counts, the red then yellow projects with their reasons (issue 20); file mode has no row to select.
  const flaggedItems = page.locator('#flagged-list li');
  expect(await flaggedItems.count()).toBe(red + yellow);
  expect(await page.locator('#flagged-list li.red').count()).toBe(red);
  if (red) expect((await page.locator('#flagged-list li.red .flagged-reasons').first().textContent())!.length).toBeGreaterThan(0);
  expect(await page.locator('#flagged-list button').count()).toBe(0);

  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-file-mode.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载已标记的工作簿' }).click()]);
  // The same name the command line gives its copy (issue 20).
  expect(download.suggestedFilename()).toBe('平邑县招商台账-flagged.xlsx');
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

  // The original opened and synced again (it kept no ids, no workbook id): the same projects, as the same workbook —
  // nothing created, and no project's history grows.
  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${e2e.stack.url}${path}`, { headers: { authorization: `Bearer ${e2e.stack.adminToken}` } })).json()) as T;
  const projects = async () => (await api<{ projects: { id: string }[] }>('/v1/projects?limit=1000')).projects.map((p) => p.id).sort();
  const historyLengths = async (ids: string[]) => Promise.all(ids.map(async (id) => (await api<{ events: unknown[] }>(`/v1/projects/${id}/history`)).events.length));
  const stored = await projects();
  const before = await historyLengths(stored);
  await page.setInputFiles('#file-input', input);
  // The same name as before: the file is read again once the last result is cleared.
  await page.locator('#result').waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: '同步' }).click();
  await page.locator('#result').waitFor({ state: 'visible' });
  expect(await projects()).toEqual(stored);
  expect(await historyLengths(stored)).toEqual(before);
  // …and the clerk is told so: nothing created or updated, every row recognised by unit and name.
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-file-mode-again.png'), fullPage: true });
  expect(await page.locator('#stored-line').textContent()).toMatch(/^新建 0 · 更新 0 · 未变 \d+；\d+ 行按单位和名称认出已有项目，已写入其编号$/);

  // The page ran offline: Office.js came from the local copy, never the CDN; the only outside request is Office.js'
  // own telemetry frame, which was refused without harm.
  expect(e2e.outside.filter((u) => !u.startsWith(OFFICE_TELEMETRY))).toEqual([]);
});

it('warns, as soon as a ledger with charts and a pivot table is opened, that the download will not keep them', async () => {
  const asOf = new Date().toISOString().slice(0, 10);
  const clean = await XlsxGateway.of(await buildSample({ projects: 12, seed: 3, asOf, messy: false })).save();
  const input = join(work, '含图表的台账.xlsx');
  writeFileSync(input, await withParts([{ kind: 'chart', sheet: '重点线索', count: 2 }, { kind: 'pivotTable', sheet: '落地项目' }], clean));
  const plain = join(work, '普通台账.xlsx');
  writeFileSync(plain, clean);

  const page = await e2e.page();
  await page.goto(`${e2e.stack.url}/taskpane.html?token=${encodeURIComponent(e2e.stack.adminToken)}`);
  await page.getByRole('button', { name: '打开 .xlsx' }).waitFor();
  const warning = page.locator('#unkept');
  expect(await warning.isVisible()).toBe(false);

  await page.setInputFiles('#file-input', input);
  await page.getByText('已打开：含图表的台账.xlsx').waitFor();
  expect(await warning.isVisible()).toBe(true);
  expect(await warning.textContent()).toBe('此文件中的 2 个图表（工作表：重点线索）、1 个数据透视表（工作表：落地项目）在输出文件中不会保留；原文件未改动。如需保留，请在 Excel 中用加载项同步。');
  expect(await page.locator('#problem').isVisible()).toBe(false);

  // The warning stays while the clerk syncs and downloads; the download indeed lacks the charts.
  await page.getByRole('button', { name: '同步' }).click();
  await page.locator('#result').waitFor({ state: 'visible' });
  expect(await warning.isVisible()).toBe(true);
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-file-unkept.png'), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载已标记的工作簿' }).click()]);
  const saved = join(work, 'unkept-flagged.xlsx');
  await download.saveAs(saved);
  expect((await partsOf(readFileSync(saved))).filter((p) => /charts|pivot/i.test(p))).toEqual([]);

  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('button', { name: 'Sync' }).waitFor();
  expect(await warning.textContent()).toMatch(/^This file's 2 charts \(sheet 重点线索\), 1 pivot table \(sheet 落地项目\) will not be kept in the output file; the original file is unchanged\./);

  // Another file without such parts: the warning goes.
  await page.setInputFiles('#file-input', plain);
  await page.getByText('Opened: 普通台账.xlsx').waitFor();
  expect(await warning.isVisible()).toBe(false);
});

it('says what a file that is not an .xlsx is, and what to do, instead of failing to read it', async () => {
  const xls = join(work, '旧台账.xls');
  writeFileSync(xls, oldXls());
  const page = await e2e.page();
  await page.goto(`${e2e.stack.url}/taskpane.html?token=${encodeURIComponent(e2e.stack.adminToken)}`);
  await page.getByRole('button', { name: '打开 .xlsx' }).waitFor();
  await page.setInputFiles('#file-input', xls);
  const problem = page.locator('#problem');
  await problem.getByText('「旧台账.xls」是旧版工作簿格式', { exact: false }).waitFor();
  expect(await problem.textContent()).toContain('请在 Excel 或 WPS 中另存为 .xlsx 后再同步。');
  expect(await problem.textContent()).not.toMatch(/central directory/);
  expect(await page.getByRole('button', { name: '同步' }).isDisabled()).toBe(true);
  // The bar's 关闭 keeps its two characters on one line beside a long message.
  const dismiss = problem.getByRole('button', { name: '关闭' });
  const { height, lineHeight } = await dismiss.evaluate((el) => ({ height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) }));
  expect(height).toBeLessThan(lineHeight * 1.5);
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-file-problem.png'), fullPage: true });
});

it('a week typed wrongly for the leaders\' sheets is said at the week box, not in the bar at the top; a new week clears it', async () => {
  const input = join(work, '周次台账.xlsx');
  await (await buildSample({ projects: 5, seed: 4, asOf: '2026-06-01', messy: false })).xlsx.writeFile(input);
  const page = await e2e.page();
  await page.goto(`${e2e.stack.url}/taskpane.html?token=${encodeURIComponent(e2e.stack.adminToken)}`);
  await page.setInputFiles('#file-input', input);
  await page.getByText('已打开：周次台账.xlsx').waitFor();
  const week = page.locator('#leaders-week');
  await week.fill('W50');
  await page.locator('#refresh-leaders').click();
  const error = page.locator('#leaders-week-error');
  await error.waitFor({ state: 'visible' });
  expect(await error.textContent()).toBe('周次应为 2026-W48 这样的格式，或留空表示本周。');
  expect(await week.getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#problem').isVisible()).toBe(false);
  await page.locator('#leaders').screenshot({ path: join(ARTIFACTS, 'taskpane-leaders-bad-week.png') });
  await week.fill('2026-W50');
  await error.waitFor({ state: 'hidden' });
  expect(await week.getAttribute('aria-invalid')).toBe('false');
});

it('loads at / without office.js or a 404 for deployment.json, and logs no console error', async () => {
  const page = await e2e.page();
  const errors: string[] = [];
  const failed: string[] = [];
  const requested: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requested.push(r.url()));
  page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`);
  });
  await page.goto(`${e2e.stack.url}/?token=${encodeURIComponent(e2e.stack.adminToken)}`);
  await page.getByRole('button', { name: '打开 .xlsx' }).waitFor();
  await page.waitForLoadState('networkidle');
  expect(requested.filter((u) => /office\.js/i.test(u))).toEqual([]);
  expect(requested.filter((u) => u.endsWith('/deployment.json'))).toHaveLength(1); // answered "local" by the stack
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});
