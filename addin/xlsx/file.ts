/** The command line's file access around XlsxGateway (Node only; the gateway itself takes bytes). */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { deflateStored } from './deflate-zip';
import { XlsxGateway } from './gateway';

export async function openXlsx(path: string): Promise<XlsxGateway> {
  return XlsxGateway.load(await readFile(path), basename(path));
}

/** Writes beside the target first, then renames, so a crash never leaves half a file. Answers the bytes written. */
export async function saveXlsx(gateway: XlsxGateway, path: string): Promise<Uint8Array> {
  const tmp = `${path}.${process.pid}.tmp`;
  const bytes = await deflateStored(await gateway.save({ stored: true }));
  await writeFile(tmp, bytes);
  await rename(tmp, path);
  return bytes;
}
