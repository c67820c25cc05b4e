/**
 * Compresses a zip whose entries are stored (what ExcelJS writes with `compression: 'STORE'`) with Node's own zlib:
 * native, and on the thread pool, where JSZip's pako deflated on the main thread (≈ 40 ms of a cold 200-project
 * sync's copy). The output is the same zip with each stored entry deflated (level 6, as JSZip's default): names,
 * times and CRC-32s are copied from the input's central directory (a CRC is of the uncompressed bytes, so it holds).
 * Node only (file.ts); the browser keeps JSZip's deflate.
 */
import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const STORED = 0;
const DEFLATED = 8;
/** General-purpose flag bit 11: the name is UTF-8. Bit 3 (sizes after the data) is not carried: ours are in the header. */
const UTF8_NAME = 0x0800;

interface Entry {
  name: Buffer;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  size: number;
  data: Buffer;
}

function readEntries(zip: Buffer): Entry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== END) end--;
  if (end < 0) throw new Error('deflateStored: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error(`deflateStored: central directory entry ${i} is damaged`);
    const nameLength = zip.readUInt16LE(at + 28);
    const compressed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    // 0xFFFFFFFF marks zip64 sizes, which a workbook ExcelJS wrote in memory never needs.
    if (compressed === 0xffffffff || local === 0xffffffff || zip.readUInt32LE(local) !== LOCAL) throw new Error(`deflateStored: entry ${i} is not a plain zip entry`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.push({
      name: zip.subarray(at + 46, at + 46 + nameLength),
      flags: zip.readUInt16LE(at + 8) & UTF8_NAME,
      method: zip.readUInt16LE(at + 10),
      time: zip.readUInt16LE(at + 12),
      date: zip.readUInt16LE(at + 14),
      crc: zip.readUInt32LE(at + 16),
      size: zip.readUInt32LE(at + 24),
      data: zip.subarray(start, start + compressed),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The header fields a local and a central record share, from "version needed" on (26 bytes). */
function common(e: Entry, method: number, compressed: number): Buffer {
  const b = Buffer.alloc(26);
  b.writeUInt16LE(20, 0); // version needed: 2.0 (deflate)
  b.writeUInt16LE(e.flags, 2);
  b.writeUInt16LE(method, 4);
  b.writeUInt16LE(e.time, 6);
  b.writeUInt16LE(e.date, 8);
  b.writeUInt32LE(e.crc, 10);
  b.writeUInt32LE(compressed, 14);
  b.writeUInt32LE(e.size, 18);
  b.writeUInt16LE(e.name.length, 22);
  return b; // extra field length (24) stays 0
}

export async function deflateStored(stored: Uint8Array): Promise<Uint8Array> {
  const zip = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  const entries = readEntries(zip);
  // Entries already compressed (none from ExcelJS today), and empty ones (folders), are copied as they are.
  const deflates = (e: Entry) => e.method === STORED && e.size > 0;
  const bodies = await Promise.all(entries.map((e) => (deflates(e) ? deflate(e.data, { level: 6 }) : Promise.resolve(e.data))));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    const body = bodies[i]!;
    const method = deflates(e) ? DEFLATED : e.method;
    const fields = common(e, method, body.length);
    const signature = Buffer.alloc(4);
    signature.writeUInt32LE(LOCAL);
    parts.push(signature, fields, e.name, body);
    const head = Buffer.alloc(6);
    head.writeUInt32LE(CENTRAL);
    head.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes (none)
    const tail = Buffer.alloc(14); // comment length, disk, internal and external attributes: 0; then the local offset
    tail.writeUInt32LE(offset, 10);
    central.push(head, fields, tail, e.name);
    offset += 30 + e.name.length + body.length;
  });
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}
