/**
 * Issue 21 in the command line: the sample's new columns (招商方式, 责任专班, 用地 in 亩 or — on a messy producing
 * sheet — 平方米, 固定资产投资, and 线索时间 before 签约时间 for projects past the clue stage), and `sync --json`
 * printing each project's per-mu figures as the server computed them; the dashboard then has days from clue to
 * signing per 招商方式.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { Dashboard } from '../../../contract';
import type { ProjectFiguresRow } from '../../../addin/app';
import { buildSample } from '../../../addin/cli/sample';
import { main } from '../../../addin/cli/main';
import { captureIo, useCliStack } from './harness';

jest.setTimeout(60_000);
const cli = useCliStack('invest-flags-figures-');

type Sheet = { name: string; headers: string[]; rows: Array<Record<string, unknown>> };
function sheetsOf(wb: ExcelJS.Workbook, headerRow: number): Sheet[] {
  return wb.worksheets.map((ws) => {
    const headers = (ws.getRow(headerRow).values as unknown[]).slice(1).map((v) => String(v ?? ''));
    const rows: Array<Record<string, unknown>> = [];
    ws.eachRow((r, n) => {
      if (n <= headerRow || typeof r.getCell(1).value !== 'number') return;
      rows.push(Object.fromEntries(headers.map((h, i) => [h, r.getCell(i + 1).value])));
    });
    return { name: ws.name, headers, rows };
  });
}
const day = (v: unknown) => (v instanceof Date ? v.getTime() / 86_400_000 : null);

describe('sample: the contribution columns', () => {
  it('keeps the older columns where they were and adds the new ones last; 线索时间 precedes 签约时间 in most rows past the clue stage', async () => {
    const [clue, signed, landed, producing] = sheetsOf(await buildSample({ projects: 200, seed: 2026, asOf: '2026-06-01', messy: false }), 1);
    expect(clue!.headers.slice(-4)).toEqual(['招商方式', '责任专班', '用地面积（亩）', '固定资产投资（亿元）']);
    expect(signed!.headers.slice(-5)).toEqual(['招商方式', '责任专班', '用地面积（亩）', '固定资产投资（亿元）', '线索时间']);
    expect(landed!.headers.slice(-1)).toEqual(['线索时间']);
    expect(producing!.headers.slice(-2)).toEqual(['签约时间', '线索时间']);
    expect(signed!.headers.slice(0, 3)).toEqual(['序号', '项目名称', '投资方']);

    for (const s of [signed!, landed!, producing!]) {
      const withClue = s.rows.filter((r) => r['线索时间'] instanceof Date);
      // A realistic share: most, not all.
      expect(withClue.length / s.rows.length).toBeGreaterThan(0.4);
      expect(withClue.length).toBeLessThan(s.rows.length);
      for (const r of withClue) expect(day(r['签约时间'])! - day(r['线索时间'])!).toBeGreaterThanOrEqual(15);
    }
    for (const r of producing!.rows) expect(day(r['开工时间'])! - day(r['签约时间'])!).toBeGreaterThanOrEqual(30);
    const all = [clue!, signed!, landed!, producing!].flatMap((s) => s.rows);
    expect(all.filter((r) => typeof r['用地面积（亩）'] === 'number').length).toBeGreaterThan(all.length / 3);
    expect(all.filter((r) => r['招商方式']).length).toBeGreaterThan(all.length * 0.8);
  });

  it('a messy producing sheet states land in 平方米 (bare numbers the header converts)', async () => {
    const sheets = sheetsOf(await buildSample({ projects: 80, seed: 7, asOf: '2026-06-01', messy: true }), 3);
    const producing = sheets.find((s) => s.name === '投产项目')!;
    expect(producing.headers).toContain('占地面积（平方米）');
    const m2 = producing.rows.map((r) => r['占地面积（平方米）']).filter((v): v is number => typeof v === 'number');
    expect(m2.length).toBeGreaterThan(0);
    for (const v of m2) expect(v).toBeGreaterThan(2000); // ≥ 5 亩 in square metres
  });
});

describe('sync --json: per-project figures', () => {
  it('lists every stored project with its figures at its name cell; the dashboard has clue → signed days per 招商方式', async () => {
    const input = join(cli.dir, 'demo.xlsx');
    expect(await main(['sample', input, '--projects', '60', '--seed', '2026', '--as-of', '2026-06-01'], captureIo().io)).toBe(0);
    const t = captureIo();
    await main(['sync', input, '--api', cli.stack.url, '--token', cli.stack.adminToken, '--as-of', '2026-06-01', '--json'], t.io);
    const out = JSON.parse(t.out()) as { rows: number; rejected: number; projects: ProjectFiguresRow[] };
    expect(out.projects).toHaveLength(out.rows - out.rejected);
    for (const p of out.projects) {
      expect(p.cell).toBe(`B${p.row}`);
      expect(Object.keys(p.figures).sort()).toEqual(['investmentBasis', 'investmentIntensity', 'landArea', 'outputPerMu', 'taxPerMu']);
      if (p.figures.landArea === null) expect([p.figures.investmentIntensity, p.figures.taxPerMu, p.figures.outputPerMu]).toEqual([null, null, null]);
    }
    const withLand = out.projects.filter((p) => p.figures.landArea !== null);
    expect(withLand.length).toBeGreaterThan(10);
    // Intensity 120–450 万元/亩 from 固定资产投资 where the row gives it (the sample's own range, rounding aside).
    for (const p of withLand.filter((x) => x.figures.investmentBasis === 'fixedInvestment')) {
      expect(p.figures.investmentIntensity!).toBeGreaterThan(100);
      expect(p.figures.investmentIntensity!).toBeLessThan(500);
    }
    // The producing list states output and tax: its projects with land have 亩均产值 and 亩均税收.
    expect(withLand.filter((p) => p.sheet === '投产项目').every((p) => p.figures.taxPerMu !== null && p.figures.outputPerMu !== null)).toBe(true);

    const res = await fetch(`${cli.stack.url}/v1/dashboard?asOf=2026-06-01`, { headers: { authorization: `Bearer ${cli.stack.adminToken}` } });
    const dash = (await res.json()) as Dashboard;
    const methods = dash.contribution!.methods;
    expect(methods.filter((m) => m.clueToSigned.median !== null).length).toBeGreaterThanOrEqual(3);
  });
});
