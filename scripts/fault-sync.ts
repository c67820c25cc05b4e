/**
 * `npm run fault:sync`: a crash a person can watch. Starts the real local stack (`infra/local/main.ts`, LevelDB on a
 * temporary data folder) as a child process, syncs a 3,000-project sample ledger in copy mode (the ids live only in
 * memory, like the CLI without --in-place), kills the stack with SIGKILL in the middle of the sync, restarts it on
 * the same folder, checks that every project with a history event is listed, syncs the original ledger again, and
 * prints:
 *   stored      projects listed after the re-sync          (must be 3000)
 *   duplicated  projects beyond one per unit + name        (must be 0)
 *   invisible   projects with history but not listed       (must be 0, after the kill and after the re-sync)
 * and how many the dashboard counts (must be every project with history, after the kill and at the end).
 * Options: --projects 3000  --chunk 500  --kill-after-ms <ms after the first chunk's answer, default 400>
 * Exit 0 when the figures are right, 1 otherwise.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Dashboard, ProjectsResponse } from '../contract';
import { readLedger, runSync } from '../addin/app';
import { buildSample } from '../addin/cli/sample';
import { XlsxGateway } from '../addin/xlsx';
import { nameKeyOf, nameKeyString } from '../functions/domain/identity';
import { ended, getJson, startStackProcess, type StackProcess } from './stack-process';

async function listed(s: StackProcess): Promise<ProjectsResponse['projects']> {
  const all: ProjectsResponse['projects'] = [];
  let token: string | undefined;
  do {
    const { body } = await getJson<ProjectsResponse>(s, `/v1/projects?limit=1000${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
    all.push(...body.projects);
    token = body.nextToken;
  } while (token);
  return all;
}

/** Projects the leaders' dashboard counts (its live aggregates: a first read builds them, as on any stack in use). */
const counted = async (s: StackProcess): Promise<number> => (await getJson<Dashboard>(s, '/v1/dashboard')).body.total.count;

/** Of these ids, those with a history event (GET /v1/projects/{id}/history answers 200), 16 at a time. */
async function withHistory(s: StackProcess, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 16) {
    const batch = ids.slice(i, i + 16);
    const answers = await Promise.all(batch.map((id) => getJson(s, `/v1/projects/${encodeURIComponent(id)}/history`)));
    answers.forEach((a, j) => a.status === 200 && found.add(batch[j]!));
  }
  return found;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { projects: { type: 'string', default: '3000' }, chunk: { type: 'string', default: '500' }, 'kill-after-ms': { type: 'string', default: '400' } } });
  const projects = Number(values.projects);
  const chunk = Number(values.chunk);
  const killAfter = Number(values['kill-after-ms']);
  const dir = await mkdtemp(join(tmpdir(), 'invest-flags-fault-'));
  const data = join(dir, 'data');
  const log = (line: string) => console.log(line);
  let stack: StackProcess | undefined;
  try {
    const original = await XlsxGateway.of(await buildSample({ projects, seed: 15, asOf: '2026-06-01', messy: false })).save();
    log(`sample ledger: ${projects} projects; data folder ${data}`);

    // 1. Sync, and kill -9 the stack mid-sync.
    stack = await startStackProcess(['--port', '0', '--data', data]);
    const first = stack;
    await counted(first);
    const copy = await XlsxGateway.load(original);
    let killedAt = '';
    let timer: NodeJS.Timeout | undefined;
    const killed = ended(first.child);
    // The original holds no workbook id: sent as the one the CLI remembers for it (addin/cli/workbook-ids.ts), on both runs.
    const workbookId = 'W-FAULTSYNC234';
    const run = runSync({
      gateway: copy,
      api: { url: first.url, token: first.token },
      options: { rowsPerChunk: chunk, maxAttempts: 1, workbookId: () => workbookId },
      onProgress: (p) => {
        if (p.phase === 'sync' && (p.chunksDone ?? 0) >= 1 && !timer) {
          timer = setTimeout(() => {
            killedAt = `${p.rowsDone} of ${p.rowsTotal} rows answered`;
            first.child.kill('SIGKILL');
          }, killAfter);
        }
      },
    }).then(
      (o) => ({ ok: true as const, o }),
      (e: unknown) => ({ ok: false as const, e }),
    );
    const outcome = await run;
    if (outcome.ok) {
      log(`the sync finished before the kill (${outcome.o.created} created); use a smaller --kill-after-ms`);
      first.child.kill('SIGKILL');
    }
    await killed;
    log(`kill -9 of the stack (pid ${first.child.pid}) after ${killedAt || 'the sync'}; the sync failed: ${outcome.ok ? 'no' : String((outcome.e as Error).message ?? outcome.e).slice(0, 80)}`);

    // 2. Restart on the same data: every project with history must be listed.
    stack = await startStackProcess(['--port', '0', '--data', data]);
    const sentIds = (await readLedger(copy)).rows.map((r) => r.id).filter((id): id is string => !!id);
    const afterKill = await listed(stack);
    const countedAfterKill = await counted(stack);
    const historyAfterKill = await withHistory(stack, sentIds);
    const listedAfterKill = new Set(afterKill.map((p) => p.id));
    const invisibleAfterKill = [...historyAfterKill].filter((id) => !listedAfterKill.has(id)).length;
    log(`after restart: ${historyAfterKill.size} projects with history, ${afterKill.length} listed, ${invisibleAfterKill} invisible, ${countedAfterKill} counted in the dashboard`);

    // 3. The same command again, on the original (copy mode: it has no ids).
    const again = await runSync({ gateway: await XlsxGateway.load(original), api: { url: stack.url, token: stack.token }, options: { rowsPerChunk: chunk, workbookId: () => workbookId } });
    log(`re-sync: ${again.created} created, ${again.matched} matched by unit + name, ${again.unchanged} unchanged, ${again.updated} updated, ${again.rejected} rejected, ${again.warnings.length} possible-duplicate warnings`);

    const final = await listed(stack);
    const byKey = new Map<string, number>();
    for (const p of final) {
      const k = nameKeyOf(p.name, p.unit);
      const key = k ? nameKeyString(k) : `#${p.id}`;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
    const duplicated = [...byKey.values()].reduce((n, c) => n + c - 1, 0);
    const everyId = [...new Set([...sentIds, ...final.map((p) => p.id)])];
    const history = await withHistory(stack, everyId);
    const finalListed = new Set(final.map((p) => p.id));
    const invisible = [...history].filter((id) => !finalListed.has(id)).length;
    log('');
    const countedFinal = await counted(stack);
    log(`stored ${final.length} / duplicated ${duplicated} / invisible ${invisible}   (after the kill: invisible ${invisibleAfterKill}; dashboard counted ${countedAfterKill} of ${historyAfterKill.size} after the kill, ${countedFinal} of ${final.length} at the end)`);
    const ok = final.length === projects && duplicated === 0 && invisible === 0 && invisibleAfterKill === 0 && countedAfterKill === historyAfterKill.size && countedFinal === final.length;
    log(ok ? 'OK' : `FAILED: expected ${projects} / 0 / 0`);
    return ok ? 0 : 1;
  } finally {
    if (stack) {
      const stopped = ended(stack.child);
      stack.child.kill('SIGTERM');
      await stopped;
    }
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
