import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawnDynalite, startDynalite } from '../../../infra/local/dynalite';
import { createDocumentClient } from '../../../functions/store';
import { useTempDir } from './servers';

/** dynalite on its worker thread: a start that cannot work says why, and close always finishes. */
describe('startDynalite', () => {
  const tempDir = useTempDir('dynalite-', 'each');
  const tables = async (endpoint: string) => {
    const doc = createDocumentClient({ endpoint, region: 'local' });
    try {
      return (await doc.send(new ListTablesCommand({}))).TableNames;
    } finally {
      doc.destroy();
    }
  };

  it('refuses a port already in use, naming the cause', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port } = blocker.address() as { port: number };
      await expect(startDynalite({ port })).rejects.toThrow(/could not start: .*EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });

  it('refuses a data folder another dynalite holds, at start rather than on the first request', async () => {
    const path = join(tempDir(), 'db');
    const first = await startDynalite({ path });
    try {
      await expect(startDynalite({ path })).rejects.toThrow(new RegExp(`database folder ${path} cannot be opened.*lock`));
      expect(await tables(first.endpoint)).toEqual([]); // the holder is unharmed
    } finally {
      await first.close();
    }
  });

  it('refuses a data folder that is a file', async () => {
    const file = join(tempDir(), 'db');
    await writeFile(file, 'not a folder');
    await expect(startDynalite({ path: file })).rejects.toThrow(/数据库文件夹无法打开.*cannot be opened/);
  });

  it('closes once however often called, and lets go of its folder', async () => {
    const path = join(tempDir(), 'db');
    const db = await startDynalite({ path });
    expect(await tables(db.endpoint)).toEqual([]);
    await Promise.all([db.close(), db.close()]);
    await db.close();
    await expect(tables(db.endpoint)).rejects.toThrow(); // nobody listens any more
    const again = await startDynalite({ path });
    try {
      expect(await tables(again.endpoint)).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('spawned ahead (as the CLI does while it reads the workbook), opens nothing until started; a discard after the start does nothing', async () => {
    const path = join(tempDir(), 'db');
    const discarded = spawnDynalite();
    await discarded.discard();
    expect(existsSync(path)).toBe(false);
    await expect(discarded.start({ path })).rejects.toThrow(/started or discarded already/);
    const ahead = spawnDynalite();
    expect(existsSync(path)).toBe(false);
    const db = await ahead.start({ path });
    try {
      expect(existsSync(path)).toBe(true);
      expect(await tables(db.endpoint)).toEqual([]);
      await expect(ahead.start({ path })).rejects.toThrow(/started or discarded already/);
      await ahead.discard(); // does nothing once started
      expect(await tables(db.endpoint)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  // Fails by hanging (the test's timeout) if close or a request waits for ever.
  it('closes while requests are in flight: every request settles and close finishes', async () => {
    const db = await startDynalite();
    const doc = createDocumentClient({ endpoint: db.endpoint, region: 'local' });
    try {
      await doc.send(new ListTablesCommand({})); // a connection is open
      const inFlight = Array.from({ length: 20 }, () => doc.send(new ListTablesCommand({})).then((o) => o.TableNames, (e: unknown) => e));
      await db.close();
      for (const s of await Promise.all(inFlight)) {
        if (Array.isArray(s)) expect(s).toEqual([]);
        else expect(s).toBeInstanceOf(Error);
      }
    } finally {
      doc.destroy();
    }
  });
});
