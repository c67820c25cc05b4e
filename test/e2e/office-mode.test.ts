/**
 * Office mode end to end: the built task pane in headless Chromium with the fake Excel host served in place of
 * office.js. The clerk clicks 同步, sees progress and the summary, goes to an error's cell, applies the moves.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { FakeExcelHost } from '../support/fake-excel';
import { ARTIFACTS } from './browser';
import { useOfficePane } from './office-pane';
import { FLAG_STYLE } from '../../addin/core/flag-style';

jest.setTimeout(180_000);

const HEAD = ['序号', '项目名称', '所属单位', '包联领导', '线索时间', '签约时间', '计划开工', '本周进展', '存在问题'];
/** A clue ledger: one project already signed (moves to 签约项目), one with a bad date, one with no leader. */
const BOOK = [
  {
    name: '重点线索',
    rows: [
      ['平邑县2026年重点招商线索台账', null, null, null, null, null, null, null, null],
      HEAD,
      [1, '年产5000吨乳品加工项目', '仲村镇', '王明远', '2026-01-05', '2026-02-20', null, '已签约', null],
      [2, '储能电池模组项目', '温水镇', '陈思远', '2026年13月', null, null, '洽谈中', null],
      [3, '石膏粉体项目', '地方镇', null, '2025-06-01', null, null, '对接中', '用地指标未落实'],
      [4, '木业家居项目', '保太镇', '李春华', '2025-05-10', null, null, '考察', null],
    ],
  },
  { name: '签约项目', rows: [['平邑县2026年签约项目台账'], HEAD, [1, '高端板材项目', '平邑街道', '吴海平', '2025-10-01', '2025-11-15', '2026-09-01', '厂房设计', null]] },
];

const pane = useOfficePane(BOOK);
const openPane = () => pane.open();

type BookView = { name: string; values: Array<Array<string | number | boolean | null>>; fills: string[] }[];

/** The fake workbook's sheets as plain values (row-major from A1) plus the addresses with a flag fill. */
async function book(page: Page): Promise<BookView> {
  return page.evaluate(() => {
    const host = (globalThis as unknown as { __fakeHost: FakeExcelHost }).__fakeHost;
    return host.book.sheets.map((s) => {
      const values: Array<Array<string | number | boolean | null>> = [];
      const fills: string[] = [];
      for (const [k, cell] of s.cells) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        (values[r - 1] ??= [])[c - 1] = cell.value;
        if (cell.fill) fills.push(`${r},${c}:${cell.fill.toUpperCase()}`);
      }
      return { name: s.name, values: Array.from(values, (row) => Array.from(row ?? [], (v) => v ?? null)), fills };
    });
  });
}

const column = (sheet: BookView[number], header: string): Array<string | number | boolean | null> => {
  const headerRow = sheet.values.findIndex((r) => r.includes(header));
  const c = sheet.values[headerRow]!.indexOf(header);
  return sheet.values.slice(headerRow + 1).map((r) => r[c] ?? null);
};

it('syncs the open workbook, goes to an error cell and applies the moves', async () => {
  const page = await openPane();
  // In Excel the pane has no file card, and the 同步 button is ready at once.
  await page.getByText('Excel 工作簿', { exact: false }).waitFor();
  expect(await page.locator('#open-file').isVisible()).toBe(false);

  // Hold the sync request so the progress bar can be seen, then let it through.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/v1/sync', async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: '同步' }).click();
  await page.locator('#progress').waitFor({ state: 'visible' });
  await page.getByText(/第 0\/1 批/).waitFor();
  expect(await page.getByRole('button', { name: '同步' }).isDisabled()).toBe(true);
  expect(await page.getByRole('progressbar').getAttribute('aria-valuemax')).toBe('1');
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-office-progress.png') });
  release();

  await page.locator('#result').waitFor({ state: 'visible' });
  expect(await page.locator('#progress').isVisible()).toBe(false);
  expect(await page.locator('#stat-rows').textContent()).toBe('5');
  const red = Number(await page.locator('#stat-red').textContent());
  const yellow = Number(await page.locator('#stat-yellow').textContent());
  expect(red + yellow).toBeGreaterThan(0);

  // Flags were written into the fake workbook: as many flag cells and fills as the pane counts.
  let sheets = await book(page);
  const lists = sheets.filter((s) => s.name === '重点线索' || s.name === '签约项目');
  const flags = lists.flatMap((s) => column(s, '旗帜')).filter((v) => v === FLAG_STYLE.red.zh || v === FLAG_STYLE.yellow.zh);
  expect(flags.length).toBe(red + yellow);
  expect(sheets.flatMap((s) => s.fills).filter((f) => f.endsWith(FLAG_STYLE.red.fill.toUpperCase())).length).toBeGreaterThanOrEqual(red);

  // The bad date is listed as sheet!cell; its link selects that cell in Excel.
  const link = page.getByRole('button', { name: '转到 重点线索!E4' });
  await link.waitFor();
  await link.click();
  await page.waitForFunction(() => (globalThis as unknown as { __selection: unknown }).__selection !== null);
  expect(await page.evaluate(() => (globalThis as unknown as { __selection: unknown }).__selection)).toEqual({ sheet: '重点线索', address: 'E4' });

  // The signed clue awaits confirmation; applying moves it to the end of 签约项目.
  await page.locator('#moves-list li').first().waitFor();
  expect(await page.locator('#moves-list li').allTextContents()).toEqual([expect.stringMatching(/^年产5000吨乳品加工项目：重点线索 → 签约项目，用时 \d+ 天$/)]);
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-office-mode.png'), fullPage: true });
  await page.getByRole('button', { name: '移动到新清单' }).click();
  await page.getByText('已移动 1 行。').waitFor();
  expect(await page.locator('#moves').isVisible()).toBe(false);

  sheets = await book(page);
  const clues = sheets.find((s) => s.name === '重点线索')!;
  const signed = sheets.find((s) => s.name === '签约项目')!;
  expect(column(clues, '项目名称')).not.toContain('年产5000吨乳品加工项目');
  expect(column(clues, '项目名称').filter(Boolean)).toEqual(['储能电池模组项目', '石膏粉体项目', '木业家居项目']);
  expect(column(signed, '项目名称').filter(Boolean)).toEqual(['高端板材项目', '年产5000吨乳品加工项目']);
  // The bad date's row moved up with the deleted row above it, and its link follows.
  await page.getByRole('button', { name: '转到 重点线索!E3' }).click();
  await page.waitForFunction(() => (globalThis as unknown as { __selection: { address: string } }).__selection.address === 'E3');
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-office-moved.png'), fullPage: true });
});

it('switches to English and back, and shows the settings with the detected mapping', async () => {
  const page = await openPane();
  await page.getByRole('button', { name: '同步' }).waitFor();
  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('button', { name: 'Sync' }).waitFor();
  await page.getByRole('button', { name: 'Settings' }).click();
  // Keyboard: opening settings puts focus on its Back button.
  await page.getByText('Detected headers: 重点线索').waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('back');
  await page.getByText('Detected headers: 重点线索').click();
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-settings-en.png'), fullPage: true });
  expect(await page.getByLabel('重点线索').inputValue()).toBe('clue');
  expect(await page.getByLabel('签约项目').inputValue()).toBe('signed');
  await page.getByRole('button', { name: 'Back' }).press('Enter');
  await page.getByRole('button', { name: 'Sync' }).waitFor();
  await page.getByLabel('Language').selectOption('zh');
  await page.getByRole('button', { name: '同步' }).waitFor();
});
