import { deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer for tests and fixture building (no zip-writing library is installed):
 * local headers, central directory and end record, STORE or DEFLATE, fixed timestamps so the
 * same input always gives the same bytes. It writes names verbatim, which is exactly what the
 * unsafe-archive fixtures need.
 */
export interface ZipInput {
  name: string;
  data: Buffer | string;
  method?: 'store' | 'deflate';
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// 2024-01-01 00:00:00 in MS-DOS format.
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;
const UTF8_FLAG = 0x0800;

export function buildZip(entries: readonly ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const deflate = (entry.method ?? 'deflate') === 'deflate';
    const body = deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(entry.name, 'utf8');
    const fields = {
      method: deflate ? 8 : 0,
      crc: crc32(raw),
      compressed: body.length,
      size: raw.length,
      name,
    };
    const local = localHeader(fields);
    locals.push(local, body);
    centrals.push(centralHeader(fields, offset));
    offset += local.length + body.length;
  }
  const central = Buffer.concat(centrals);
  return Buffer.concat([...locals, central, endRecord(entries.length, central.length, offset)]);
}

interface HeaderFields {
  method: number;
  crc: number;
  compressed: number;
  size: number;
  name: Buffer;
}

function localHeader(f: HeaderFields): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(UTF8_FLAG, 6);
  header.writeUInt16LE(f.method, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(f.crc, 14);
  header.writeUInt32LE(f.compressed, 18);
  header.writeUInt32LE(f.size, 22);
  header.writeUInt16LE(f.name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, f.name]);
}

function centralHeader(f: HeaderFields, localOffset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(UTF8_FLAG, 8);
  header.writeUInt16LE(f.method, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(f.crc, 16);
  header.writeUInt32LE(f.compressed, 20);
  header.writeUInt32LE(f.size, 24);
  header.writeUInt16LE(f.name.length, 28);
  // Extra length, comment length, disk number, internal and external attributes stay zero.
  header.writeUInt32LE(localOffset, 42);
  return Buffer.concat([header, f.name]);
}

function endRecord(count: number, centralSize: number, centralOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(centralOffset, 16);
  return end;
}
