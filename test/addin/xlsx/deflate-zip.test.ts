/**
 * The command line's copies are compressed by Node's zlib (deflate-zip.ts) from the stored zip ExcelJS writes:
 * every entry comes back byte for byte with a right CRC-32 (JSZip checking it, and Info-ZIP's own `unzip -t`),
 * names in UTF-8 stay so, and the file is about as small as JSZip's own deflate made it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { deflateStored } from '../../../addin/xlsx/deflate-zip';
import { saveXlsx } from '../../../addin/xlsx/file';
import { XlsxGateway } from '../../../addin/xlsx/gateway';

async function contents(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const out = new Map<string, string>();
  for (const f of Object.values(zip.files)) out.set(f.name, f.dir ? '(folder)' : Buffer.from(await f.async('uint8array')).toString('base64'));
  return out;
}

function ledger(): XlsxGateway {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('签约项目');
  ws.addRow(['项目名称', '责任单位', '总投资（亿元）']);
  for (let i = 0; i < 300; i++) ws.addRow([`第${i}号新能源项目`, `单位${i % 9}`, i / 7]);
  return XlsxGateway.of(wb);
}

describe('deflateStored', () => {
  it('gives every entry back unchanged, deflated, with a right CRC-32', async () => {
    const stored = await ledger().save({ stored: true });
    const deflated = await deflateStored(stored);
    expect(await contents(deflated)).toEqual(await contents(stored));
    expect(deflated.length).toBeLessThan(stored.length / 3);
  });

  it('is about as small as JSZip’s deflate, and Info-ZIP finds no error in it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deflate-zip-'));
    try {
      const file = join(dir, 'copy.xlsx');
      const gateway = ledger();
      await saveXlsx(gateway, file);
      const ours = await readFile(file);
      const jszips = await gateway.save();
      expect(Math.abs(ours.length - jszips.length) / jszips.length).toBeLessThan(0.1);
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
      expect(execFileSync('zipinfo', [file], { encoding: 'utf8' })).toMatch(/ defN .* xl\/worksheets\/sheet1\.xml/);
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(ours as unknown as ArrayBuffer);
      expect(back.getWorksheet('签约项目')!.getCell('A301').value).toBe('第299号新能源项目');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps UTF-8 names, empty entries and entries already compressed', async () => {
    const zip = new JSZip();
    zip.file('xl/media/图片一.txt', '红旗'.repeat(100));
    zip.file('empty.xml', '');
    zip.folder('docProps');
    const stored = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
    expect(await contents(await deflateStored(stored))).toEqual(await contents(stored));
    const mixed = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(await contents(await deflateStored(mixed))).toEqual(await contents(stored));
  });

  it('refuses what is not a zip rather than writing a broken file', async () => {
    await expect(deflateStored(new TextEncoder().encode('not a zip at all, just text'))).rejects.toThrow(/no end of central directory/);
  });
});
