import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { ended, startStackProcess } from '../../../scripts/stack-process';
import { request, row } from '../../functions/handlers/api';
import { useTempDir } from './servers';

const exitCode = async (child: Parameters<typeof ended>[0]) => (await ended(child)).code;

describe('npm start (infra/local/main.ts)', () => {
  const tempDir = useTempDir('invest-flags-main-');

  it('prints the URL and an admin token, stops cleanly on SIGTERM/SIGINT, and keeps data across restarts', async () => {
    const data = join(tempDir(), 'data');
    const a = await startStackProcess(['--port', '0', '--data', data]);
    const { iat, exp } = decodeJwt(a.token);
    expect(exp! - iat!).toBe(12 * 3600); // short-lived: it is printed to the terminal
    expect(a.out()).toContain('12 小时 / 12 hours');
    const res = await fetch(`${a.url}/v1/sync`, { method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }, body: JSON.stringify(request([row('MAIN-1', {})])) });
    expect(res.status).toBe(200);
    const stopped = exitCode(a.child);
    a.child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    expect(a.out()).toContain('shutting down');

    const b = await startStackProcess(['--port', '0', '--data', data]);
    const h = await fetch(`${b.url}/v1/projects/MAIN-1/history`, { headers: { authorization: `Bearer ${b.token}` } });
    expect(h.status).toBe(200);
    const again = exitCode(b.child);
    b.child.kill('SIGINT');
    expect(await again).toBe(0);
  }, 60_000);

  it('refuses a bad --port with a bilingual message', async () => {
    await expect(startStackProcess(['--port', 'abc', '--in-memory'])).rejects.toThrow(/exited early \(2\)[\s\S]*--port 必须是/);
  }, 30_000);
});
