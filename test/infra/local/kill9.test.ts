/**
 * The crash invariant (functions/store/projects.ts) against a real kill -9: the local stack (a child process,
 * LevelDB on disk) is SIGKILLed in the middle of a sync — between events, and after all events but before any
 * STATE — then restarted on the same data folder. Every project with a history event is listed and counted.
 */
import { join } from 'node:path';
import type { Dashboard, ProjectsResponse, SyncRow } from '../../../contract';
import { request } from '../../functions/handlers/api';
import { ended, getJson as get, ROOT, startStackProcess, type StackProcess } from '../../../scripts/stack-process';
import { useTempDir } from './servers';

const killed = async (c: StackProcess['child']) => (await ended(c)).signal;

const rows = (n: number, tag: string): SyncRow[] =>
  Array.from({ length: n }, (_, i) => ({
    ref: { sheet: '重点线索', row: i + 4 },
    list: 'clue',
    id: `${tag}-${String(i).padStart(4, '0')}`,
    cells: { name: `${tag}测试项目${i}号`, unit: ['温水镇', '地方镇', '仲村镇'][i % 3]!, leader: '张县长', progress: '对接中', amount: (i % 9) + 1 },
  }));

async function listed(c: StackProcess): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const { body } = await get<ProjectsResponse>(c, `/v1/projects?limit=1000${token ? `&nextToken=${token}` : ''}`);
    ids.push(...body.projects.map((p) => p.id));
    token = body.nextToken;
  } while (token);
  return ids.sort();
}

describe('kill -9 of the local stack in the middle of a sync', () => {
  const tempDir = useTempDir('invest-flags-kill9-');

  for (const [fault, label] of [['commit:120', 'between events (120 of 300 appended)'], ['settle', 'after every event, before any STATE']] as const) {
    it(`${label}: after a restart every project with history is listed and counted`, async () => {
      const data = join(tempDir(), fault.replace(':', '-'));
      const sent = rows(300, fault === 'settle' ? 'KS' : 'KC');
      const a = await startStackProcess(['--port', '0', '--data', data], { script: join(ROOT, 'test/infra/local/fault-child.ts'), env: { FAULT: fault } });
      // The live aggregates are built (the stack builds them at start; app/upkeep.ts), as on any stack in use: the crash then
      // comes between the chunk's events and their deltas, which no retry applies (the rows are then unchanged).
      expect((await get<Dashboard>(a, '/v1/dashboard')).body.total.count).toBe(0);
      const reached = new Promise<void>((ok) => a.child.stdout!.on('data', (d: Buffer) => void (d.toString().includes('FAULT reached') && ok())));
      const sync = fetch(`${a.url}/v1/sync`, { method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }, body: JSON.stringify(request(sent)) }).catch(() => null);
      await reached;
      const exit = killed(a.child);
      a.child.kill('SIGKILL');
      expect(await exit).toBe('SIGKILL');
      expect(await sync).toBeNull(); // the sync never answered

      const b = await startStackProcess(['--port', '0', '--data', data]);
      try {
        // Lists and the dashboard first: reading a project's history repairs its STATE, which would hide the bug.
        const list = await listed(b);
        const dash = await get<Dashboard>(b, '/v1/dashboard');
        const withHistory: string[] = [];
        for (const r of sent) if ((await get(b, `/v1/projects/${r.id}/history`)).status === 200) withHistory.push(r.id);
        expect(withHistory.length).toBeGreaterThanOrEqual(fault === 'settle' ? 300 : 120);
        expect(list).toEqual(withHistory.sort());
        expect(dash.body.total.count).toBe(withHistory.length);
      } finally {
        const stopped = killed(b.child);
        b.child.kill('SIGTERM');
        await stopped;
      }
    }, 300_000);
  }
});
