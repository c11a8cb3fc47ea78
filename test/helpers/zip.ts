/**
 * A zip written by hand from parts already deflated by zlib, for hostile .xlsx files: a part of
 * hundreds of megabytes is written from its deflated bytes without JSZip holding it unpacked.
 */
import { constants, crc32, deflateRawSync } from "zlib";
import JSZip from "jszip";

export interface ZipPart {
  name: string;
  /** The part's bytes, or, for a part too large to hold, its deflated bytes with its size and CRC. */
  data: Buffer | { deflated: Buffer; size: number; crc: number };
}

/** The parts of an existing zip (an .xlsx exceljs wrote), as bytes. */
export async function zipParts(bytes: Buffer | Uint8Array): Promise<ZipPart[]> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: ZipPart[] = [];
  for (const name of Object.keys(zip.files)) {
    if (!zip.files[name]!.dir) parts.push({ name, data: Buffer.from(await zip.files[name]!.async("uint8array")) });
  }
  return parts;
}

/**
 * `head`, `count` copies of `chunk` and `tail`, deflated a megabyte at a time without ever holding
 * them all unpacked: each piece is flushed without ending the stream, and an empty final block ends it.
 */
export function deflatedRepeat(head: string, chunk: string, count: number, tail: string): { deflated: Buffer; size: number; crc: number } {
  const out: Buffer[] = [];
  let size = 0;
  let crc = 0;
  const write = (text: string) => {
    const b = Buffer.from(text, "utf8");
    size += b.length;
    crc = crc32(b, crc);
    out.push(deflateRawSync(b, { finishFlush: constants.Z_SYNC_FLUSH }));
  };
  write(head);
  const perBlock = Math.max(1, Math.floor(1_048_576 / chunk.length));
  const block = chunk.repeat(perBlock);
  let left = count;
  for (; left >= perBlock; left -= perBlock) write(block);
  if (left > 0) write(chunk.repeat(left));
  write(tail);
  out.push(Buffer.from([0x03, 0x00]));
  return { deflated: Buffer.concat(out), size, crc };
}

/** The zip of these parts, every one deflated. */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const body = Buffer.isBuffer(part.data) ? { deflated: deflateRawSync(part.data), size: part.data.length, crc: crc32(part.data) } : part.data;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(body.crc >>> 0, 14);
    local.writeUInt32LE(body.deflated.length, 18);
    local.writeUInt32LE(body.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body.deflated);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(body.crc >>> 0, 16);
    entry.writeUInt32LE(body.deflated.length, 20);
    entry.writeUInt32LE(body.size >>> 0, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + body.deflated.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
