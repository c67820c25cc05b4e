/** The command line's file access around XlsxGateway (Node only; the gateway itself takes bytes). */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { XlsxGateway } from './gateway';

export async function openXlsx(path: string): Promise<XlsxGateway> {
  return XlsxGateway.load(await readFile(path), basename(path));
}

/** Writes beside the target first, then renames, so a crash never leaves half a file. */
export async function saveXlsx(gateway: XlsxGateway, path: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, await gateway.save());
  await rename(tmp, path);
}
