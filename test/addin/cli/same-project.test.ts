/**
 * One project stays one project (issue 15), through the CLI flow on the real stack (in-memory dynalite): the
 * original ledger synced again in copy mode, and a sync interrupted after each chunk in turn and run again.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectsResponse } from '../../../contract';
import { runSync } from '../../../addin/app';
import { buildSample } from '../../../addin/cli/sample';
import { main } from '../../../addin/cli/main';
import { XlsxGateway } from '../../../addin/xlsx';
import { startLocalStack, type LocalStack } from '../../../infra/local/stack';
import { captureIo } from './harness';

jest.setTimeout(120_000);

async function projects(stack: LocalStack): Promise<ProjectsResponse['projects']> {
  const all: ProjectsResponse['projects'] = [];
  let token: string | undefined;
  do {
    const res = await fetch(`${stack.url}/v1/projects?limit=1000${token ? `&nextToken=${token}` : ''}`, { headers: { authorization: `Bearer ${stack.adminToken}` } });
    const body = (await res.json()) as ProjectsResponse;
    all.push(...body.projects);
    token = body.nextToken;
  } while (token);
  return all;
}

const sampleBytes = async (n: number, seed: number) => XlsxGateway.of(await buildSample({ projects: n, seed, asOf: '2026-06-01', messy: false })).save();

describe('the original ledger synced twice in copy mode', () => {
  it('creates nothing the second time: every row is matched to its stored project', async () => {
    const stack = await startLocalStack({ inMemory: true, mode: 'test' });
    const dir = await mkdtemp(join(tmpdir(), 'same-project-'));
    try {
      const input = join(dir, 'ledger.xlsx');
      await writeFile(input, await sampleBytes(120, 3));
      const before = readFileSync(input);
      const run = async (out: string) => {
        const t = captureIo();
        const code = await main(['sync', input, '--api', stack.url, '--token', stack.adminToken, '--out', join(dir, out), '--json'], t.io);
        return { code, json: JSON.parse(t.out()) as { created: number; updated: number; matched: number; errors: unknown[]; warnings: unknown[]; missing: { name: string }[] } };
      };
      const first = await run('a.xlsx');
      expect(first.json.created).toBe(120);
      const stored = (await projects(stack)).length;
      expect(stored).toBe(120);
      expect(readFileSync(input).equals(before)).toBe(true); // the original kept no ids
      const second = await run('b.xlsx');
      expect(second.json.created).toBe(0);
      expect(second.json.matched).toBe(120);
      expect(second.json.warnings).toEqual([]);
      // …and as the same workbook (remembered for the original, which holds no id): nothing to record, no history event.
      expect(second.json.updated).toBe(0);
      expect((await projects(stack)).length).toBe(stored);
      // The second copy carries the canonical ids: synced once more it matches nothing and changes nothing.
      const copy = await XlsxGateway.load(readFileSync(join(dir, 'b.xlsx')));
      const third = await runSync({ gateway: copy, api: { url: stack.url, token: stack.adminToken } });
      expect([third.created, third.matched, third.idsAssigned]).toEqual([0, 0, 0]);
      // A row deleted from the original is reported missing from it (never deleted from the store).
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(input);
      const sheet = wb.worksheets.find((w) => w.rowCount > 5)!;
      const header = sheet.getRow(1).values as unknown[];
      const nameCol = header.findIndex((v) => v === '项目名称');
      const gone = String(sheet.getRow(3).getCell(nameCol).value);
      sheet.spliceRows(3, 1);
      await wb.xlsx.writeFile(input);
      const fourth = await run('c.xlsx');
      expect([fourth.json.created, fourth.json.updated]).toEqual([0, 0]);
      expect(fourth.json.missing.map((m) => m.name)).toEqual([gone]);
    } finally {
      await stack.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a sync interrupted after chunk k, run again', () => {
  const N = 50;
  const CHUNK = 10; // five chunks
  for (const k of [1, 2, 3, 4]) {
    it(`k = ${k}: creates nothing twice`, async () => {
      const stack = await startLocalStack({ inMemory: true, mode: 'test' });
      try {
        const bytes = await sampleBytes(N, 20 + k);
        let sent = 0;
        const failing: typeof fetch = async (input, init) => {
          if (String(input).endsWith('/v1/sync') && sent++ >= k) throw new TypeError('fetch failed: the backend went away');
          return fetch(input, init);
        };
        // Copy mode: the new ids live only in this gateway, which is dropped with the failure.
        const gateway = await XlsxGateway.load(bytes);
        await expect(
          runSync({ gateway, api: { url: stack.url, token: stack.adminToken, fetch: failing }, options: { rowsPerChunk: CHUNK, concurrency: 1, maxAttempts: 1 } }),
        ).rejects.toThrow();
        expect((await projects(stack)).length).toBe(k * CHUNK);
        const again = await runSync({ gateway: await XlsxGateway.load(bytes), api: { url: stack.url, token: stack.adminToken }, options: { rowsPerChunk: CHUNK } });
        expect(again.created).toBe(N - k * CHUNK);
        expect(again.matched).toBe(k * CHUNK);
        expect((await projects(stack)).length).toBe(N);
      } finally {
        await stack.close();
      }
    });
  }
});
