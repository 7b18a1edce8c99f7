import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Builds a .zip in memory, laid out as APPNOTE.TXT (PKWARE's .ZIP File Format
 * Specification) describes and Python's `zipfile` and Info-ZIP write it: local
 * headers, the central directory, and its end record (with the ZIP64 end
 * record and locator when asked). It can lie where damaged or hostile
 * archives do: a wrong CRC, a declared size that is not the real one, the
 * encryption flag.
 */
export interface ZipFileSpec {
  name: string;
  data: Buffer;
  /** Deflate (default) or store. */
  store?: boolean;
  /** A CRC-32 to write instead of the true one. */
  crc?: number;
  /** An inflated size to declare instead of the true one. */
  size?: number;
  encrypted?: boolean;
}

export function makeZip(files: ZipFileSpec[], options: { zip64?: boolean } = {}): Buffer {
  const zip64 = options.zip64 ?? false;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const body = f.store ? f.data : deflateRawSync(f.data);
    const crc = f.crc ?? crc32(f.data);
    const size = f.size ?? f.data.length;
    const flags = 0x800 | (f.encrypted ? 1 : 0);
    const method = f.store ? 0 : 8;
    const version = zip64 ? 45 : 20;
    const extra64 = (...values: number[]) => {
      const e = Buffer.alloc(4 + 8 * values.length);
      e.writeUInt16LE(1, 0);
      e.writeUInt16LE(8 * values.length, 2);
      for (const [i, v] of values.entries()) e.writeBigUInt64LE(BigInt(v), 4 + 8 * i);
      return e;
    };
    const localExtra = zip64 ? extra64(size, body.length) : Buffer.alloc(0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5b61, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(zip64 ? 0xffffffff : body.length, 18);
    local.writeUInt32LE(zip64 ? 0xffffffff : size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    const centralExtra = zip64 ? extra64(size, body.length, offset) : Buffer.alloc(0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(version, 4);
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5b61, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? 0xffffffff : body.length, 20);
    central.writeUInt32LE(zip64 ? 0xffffffff : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    const localRecord = Buffer.concat([local, name, localExtra, body]);
    locals.push(localRecord);
    centrals.push(Buffer.concat([central, name, centralExtra]));
    offset += localRecord.length;
  }
  const directory = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(files.length), 24);
    record.writeBigUInt64LE(BigInt(files.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : files.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : files.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, directory, ...tail, end]);
}
