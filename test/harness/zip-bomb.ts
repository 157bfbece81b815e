import { deflateRawSync } from 'node:zlib';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * An .xlsx-looking zip whose sharedStrings.xml really unpacks to `unpackedBytes` (one repeated
 * character: about a thousandth of that on disk). The CRC of the big entry is left 0: nothing
 * that refuses the file in time ever inflates it far enough to check.
 *
 * `statedSize`: the size the directory and the local header claim for it instead (a lying bomb).
 * `hiddenEntry`: one more deflated entry in the data that the directory does not list.
 */
export function xlsxZipBomb(unpackedBytes: number, options: { statedSize?: number; hiddenEntry?: boolean } = {}): Buffer {
  const entries = [
    {
      name: '[Content_Types].xml',
      data: Buffer.from(CONTENT_TYPES),
      method: 0,
      size: Buffer.byteLength(CONTENT_TYPES),
      crc: crc32(Buffer.from(CONTENT_TYPES)),
    },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>'), method: 0, size: 11, crc: crc32(Buffer.from('<workbook/>')) },
    ...(options.hiddenEntry ? [{ name: 'xl/hidden.xml', data: deflateRawSync(Buffer.alloc(1024, 0x42)), method: 8, size: 1024, crc: 0, hidden: true }] : []),
    {
      name: 'xl/sharedStrings.xml',
      data: deflateRawSync(Buffer.alloc(unpackedBytes, 0x41), { level: 9 }),
      method: 8,
      size: options.statedSize ?? unpackedBytes,
      crc: 0,
    },
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    if (!('hidden' in e)) centrals.push(central, name);
    offset += local.length + name.length + e.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const listed = entries.filter((e) => !('hidden' in e)).length;
  end.writeUInt16LE(listed, 8);
  end.writeUInt16LE(listed, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
