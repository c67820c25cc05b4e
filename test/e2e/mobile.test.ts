/**
 * The leaders' phone page (addin/mobile) end to end at 360×740 in headless Debian Chromium, against the local stack
 * serving the built page, with data: projects synced over four weeks (some red: no progress for weeks), the past
 * weeks closed by the cut-off (the trend's history). Checks the red list with leader and reasons, the unit table,
 * 未按时调度, the trend chart (an SVG drawn by ECharts), the timeline on tap, English for an English browser, no
 * horizontal scrolling at 360 px, and no request outside the stack. Screenshots in test-artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SyncRow } from '../../contract';
import { ARTIFACTS, startE2E, type E2E } from './browser';

jest.setTimeout(240_000);
let e2e: E2E;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const UNITS = ['平邑街道', '地方镇', '温水镇', '临涧镇'];
let rowNo = 3;
const row = (i: number, progress: string, amount: number): SyncRow => ({
  ref: { sheet: '重点线索', row: ++rowNo },
  list: i % 3 === 0 ? 'signed' : 'clue',
  id: `M-${i}`,
  cells: {
    name: `${['新能源电池', '食品加工', '智能装备', '中药材深加工'][i % 4]}项目${i}`,
    unit: UNITS[i % 4]!,
    leader: ['张县长', '李副县长', '王副县长'][i % 3]!,
    amount,
    progress,
    ...(i % 3 === 0 ? { signedDate: day(-40) } : {}),
    ...(i % 5 === 0 ? { problem: '用地指标尚未落实' } : {}),
  },
});

async function post(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${e2e.stack.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${e2e.stack.adminToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}
const sync = (rows: SyncRow[], asOf: string) => post('/v1/sync', { workbook: { id: 'wb-mobile', name: '台账.xlsx' }, dateSystem: 1900, rows, asOf });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  e2e = await startE2E();
  const ids = Array.from({ length: 12 }, (_, i) => i);
  await sync(ids.map((i) => row(i, `第1周进展${i}`, 1 + i / 10)), day(-28));
  await sync(ids.filter((i) => i % 2 === 0).map((i) => row(i, `第2周进展${i}`, 1 + i / 10)), day(-21));
  await post('/v1/cutoff', {});
  // Today: everyone's amount is re-entered (flags re-evaluated); only units of odd rows changed no progress since.
  await sync(ids.map((i) => row(i, i % 4 === 1 ? `第1周进展${i}` : `本周进展${i}`, 2 + i / 10)), day(0));
});
afterAll(async () => {
  await e2e?.close();
});

async function open(locale: string): Promise<Page> {
  const ctx = await e2e.browser.newContext({ viewport: { width: 360, height: 740 }, locale, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(e2e.stack.url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    e2e.outside.push(url);
    return route.abort();
  });
  const page = await ctx.newPage();
  await page.goto(`${e2e.stack.url}/mobile.html`);
  await page.waitForSelector('#chart svg', { timeout: 60_000 });
  return page;
}

test('Chinese by default: red list with leader and reasons, units, not reported, trend chart; timeline on tap', async () => {
  const page = await open('zh-CN');
  const text = await page.textContent('main');
  expect(text).toContain('红旗项目');
  expect(text).toContain('各单位情况');
  expect(text).toContain('未按时调度');
  expect(text).toContain('近 12 周红黄旗趋势');
  const cards = await page.$$('#red-list > li');
  expect(cards.length).toBeGreaterThan(0);
  const first = (await cards[0]!.textContent())!;
  expect(first).toMatch(/分管领导：(张县长|李副县长|王副县长)/);
  expect(await cards[0]!.$$('.reasons li')).not.toHaveLength(0);
  expect(await page.$$eval('#units tbody tr', (rows) => rows.map((r) => r.firstElementChild!.textContent))).toEqual(expect.arrayContaining(UNITS));
  expect(await page.$$('#not-reported li')).not.toHaveLength(0);
  // The trend: 12 weeks on the x axis, two lines (red, yellow).
  expect(await page.$$eval('#chart svg path', (ps) => ps.length)).toBeGreaterThan(2);
  // 360 px wide: nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: join(ARTIFACTS, 'mobile-zh.png'), fullPage: true });

  await page.selectOption('#trend-pick', { index: 5 }); // the first unit's lines
  await page.waitForSelector('#chart svg');

  await cards[0]!.tap();
  await page.waitForSelector('#timeline .event');
  const timeline = (await page.textContent('#timeline'))!;
  expect(timeline).toContain('项目动态');
  expect(timeline).toContain('首次录入');
  expect(await page.$$('#timeline .event')).not.toHaveLength(0);
  await page.screenshot({ path: join(ARTIFACTS, 'mobile-timeline.png') });
  await page.click('#timeline .close');
  expect(await page.$('#timeline')).toBeNull();
  await page.context().close();
});

test('English when the browser is English', async () => {
  const page = await open('en-US');
  const text = (await page.textContent('main'))!;
  expect(text).toContain('Red-flag projects');
  expect(text).toContain('By unit');
  expect(text).toContain('12-week trend');
  await page.screenshot({ path: join(ARTIFACTS, 'mobile-en.png'), fullPage: true });
  await page.context().close();
  expect(e2e.outside).toEqual([]);
});
