/**
 * The run marker (infra/local/run-marker.ts): a stack that closed leaves none; one that never closed (the process
 * killed) leaves it, and the next start on the folder learns of the unclean stop.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { claimRunMarker } from '../../../infra/local/run-marker';
import { startLocalStack } from '../../../infra/local/stack';
import { useTempDir } from './servers';

const tempDir = useTempDir('invest-flags-marker-', 'each');

describe('run marker', () => {
  it('a clean stop releases it; a second claim without a release is an unclean stop', async () => {
    const dir = tempDir();
    const first = await claimRunMarker(dir);
    expect(first.uncleanStop).toBe(false);
    expect(existsSync(join(dir, 'running'))).toBe(true);
    const second = await claimRunMarker(dir); // the first holder died without releasing
    expect(second.uncleanStop).toBe(true);
    await second.release();
    expect(existsSync(join(dir, 'running'))).toBe(false);
    expect((await claimRunMarker(dir)).uncleanStop).toBe(false);
  });

  it('the local stack holds it while open and removes it on close', async () => {
    const dir = tempDir();
    const stack = await startLocalStack({ dataDir: dir, mode: 'test' });
    expect(existsSync(join(dir, 'running'))).toBe(true);
    await stack.close();
    expect(existsSync(join(dir, 'running'))).toBe(false);
  });
});
