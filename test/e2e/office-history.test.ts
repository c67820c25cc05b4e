/**
 * "查看所选行历史 / History of selected row" end to end: the built task pane in headless Chromium, the fake Excel
 * host in place of office.js, the local stack behind it. The clerk syncs, clicks a project's row in Excel and asks
 * for its history: the created event names the local admin and the workbook. They change the week's progress,
 * sync again, and the history shows the change. Rows without a synced project say so in plain words.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { FakeExcelHost } from '../support/fake-excel';
import { ARTIFACTS } from './browser';
import { useOfficePane } from './office-pane';

jest.setTimeout(180_000);

const HEAD = ['序号', '项目名称', '所属单位', '包联领导', '线索时间', '签约时间', '计划开工', '本周进展', '存在问题'];
const PROGRESS_COL = 8;
const BOOK = [
  { name: '重点线索', rows: [['平邑县2026年重点招商线索台账'], HEAD, [1, '储能电池模组项目', '温水镇', '陈思远', '2026-03-05', null, null, '洽谈中', null]] },
  { name: '签约项目', rows: [['平邑县2026年签约项目台账'], HEAD, [1, '高端板材项目', '平邑街道', '吴海平', '2025-10-01', '2025-11-15', '2026-09-01', '厂房设计', null]] },
];

const pane = useOfficePane(BOOK);
const openPane = () => pane.open();

type ShimPage = { __fakeHost: FakeExcelHost; __clickCell(sheet: string, cell: string): void };

const click = (page: Page, sheet: string, cell: string) => page.evaluate(([s, c]) => (globalThis as unknown as ShimPage).__clickCell(s!, c!), [sheet, cell]);
const setCell = (page: Page, sheet: string, row: number, col: number, value: string) =>
  page.evaluate(([s, r, c, v]) => void (globalThis as unknown as ShimPage).__fakeHost.book.sheet(s as string)!.cells.set(`${r},${c}`, { value: v as string }), [sheet, row, col, value] as const);

/** Clicks 同步 and waits until the backend answered and the pane has written the result back. */
async function sync(page: Page): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/v1/sync') && r.request().method() === 'POST');
  await page.getByRole('button', { name: '同步' }).click();
  await answered;
  await page.locator('#sync[aria-busy="false"]').waitFor({ state: 'attached' });
  await page.locator('#result').waitFor({ state: 'visible' });
}

async function showHistory(page: Page): Promise<void> {
  await page.getByRole('button', { name: '查看所选行历史' }).click();
  await page.locator('#show-history[aria-busy="false"]').waitFor();
}

it('shows who created the selected row’s project from which workbook, then the change a later sync sent', async () => {
  const page = await openPane();
  await page.getByRole('button', { name: '查看所选行历史' }).waitFor();
  await sync(page);

  // The clerk clicks the 计划开工 cell of 高端板材项目 and asks for its history.
  await click(page, '签约项目', 'G3');
  await showHistory(page);
  await page.locator('#history-list li').first().waitFor();
  const target = await page.locator('#history-target').textContent();
  expect(target).toMatch(/^高端板材项目（P-[0-9A-Z]{8}）· 签约项目 第 3 行$/);
  expect(await page.locator('#history-list > li').count()).toBe(1);
  const created = page.locator('#history-list > li').first();
  expect(await created.locator('.timeline-kind').textContent()).toBe('新建');
  expect(await created.locator('.timeline-user').textContent()).toBe('本地管理员');
  expect(await created.locator('.timeline-user').getAttribute('title')).toBe('admin@localhost');
  expect(await created.locator('.timeline-who').textContent()).toBe('本地管理员 · 来自 平邑县招商台账.xlsx');
  // The fields it was created with are folded; opened, they read by their Chinese names.
  await created.locator('summary').click();
  expect(await created.locator('li.change[data-field="name"]').textContent()).toBe('项目名称：（空） → 高端板材项目');
  expect(await created.locator('li.change[data-field="progress"]').textContent()).toBe('本周进展：（空） → 厂房设计');

  // This week's progress changes in Excel; the next sync sends it; the history shows it first.
  await setCell(page, '签约项目', 3, PROGRESS_COL, '主体结构封顶，设备进场调试');
  await sync(page);
  await showHistory(page);
  await page.waitForFunction(() => document.querySelectorAll('#history-list > li').length === 2);
  const latest = page.locator('#history-list > li').first();
  expect(await latest.locator('.timeline-kind').textContent()).toBe('修改');
  expect(await latest.locator('.timeline-who').textContent()).toBe('本地管理员 · 来自 平邑县招商台账.xlsx');
  expect(await latest.locator('li.change').allTextContents()).toEqual(['本周进展：厂房设计 → 主体结构封顶，设备进场调试']);
  expect(await page.locator('#history-status').textContent()).toBe('共 2 条记录，最新的在前。');
  expect(await page.locator('#history-problem').isVisible()).toBe(false);
  await page.locator('#history').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-history.png'), fullPage: true });

  // In English, the same timeline.
  await page.getByLabel('语言').selectOption('en');
  await page.getByRole('button', { name: 'History of selected row' }).waitFor();
  expect(await latest.locator('.timeline-kind').textContent()).toBe('Changed');
  expect(await latest.locator('li.change').allTextContents()).toEqual(['Progress this week: 厂房设计 → 主体结构封顶，设备进场调试']);
  await page.getByLabel('Language').selectOption('zh');
});

it('says in plain words why a row has no history: a title row, a new row without an id, an id never synced', async () => {
  const page = await openPane();
  await page.getByRole('button', { name: '查看所选行历史' }).waitFor();
  await sync(page);
  const problem = page.locator('#history-problem');

  await click(page, '签约项目', 'A1');
  await showHistory(page);
  expect(await problem.textContent()).toBe('“签约项目”第 1 行不是项目行（表头、标题、空行或合计行）。请选中某个项目所在的行。');

  // A project typed in after the sync: no 项目编号 yet.
  await setCell(page, '重点线索', 4, 2, '木业家居项目');
  await setCell(page, '重点线索', 4, 3, '保太镇');
  await click(page, '重点线索', 'B4');
  await showHistory(page);
  expect(await problem.textContent()).toBe('该行还没有项目编号，请先同步。');
  expect(await page.locator('#history-list > li').count()).toBe(0);

  // An id typed by hand that the backend has never seen: 404, in plain words.
  const idCol = await page.evaluate(() => {
    const sheet = (globalThis as unknown as ShimPage).__fakeHost.book.sheet('重点线索')!;
    return [...sheet.cells].find(([, c]) => c.value === '项目编号')![0].split(',').map(Number)[1]!;
  });
  await setCell(page, '重点线索', 4, idCol, 'P-HANDMADE');
  await showHistory(page);
  expect(await problem.textContent()).toBe('项目 P-HANDMADE 还没有同步到后台，请先同步。');
  await page.screenshot({ path: join(ARTIFACTS, 'taskpane-history-problem.png'), fullPage: true });
});
