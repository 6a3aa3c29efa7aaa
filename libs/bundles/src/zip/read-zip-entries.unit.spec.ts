import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BundleRejectedError, BundleTooLargeError } from '../bundle-errors.js';
import { readZipEntries } from './read-zip-entries.js';
import { writeZip } from './write-zip.js';

async function readAll(archive: Buffer, limits = { maxEntries: 10, maxTotalBytes: 1024 * 1024, maxEntryBytes: 512 * 1024 }) {
  const entries: { name: string; text: string }[] = [];
  for await (const entry of readZipEntries(archive, limits)) entries.push(entry);
  return entries;
}

/** A one-entry archive written by hand, so its name and sizes can lie. */
function rawZip(name: string, content: Buffer, declaredSize = content.length): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name, 'utf8');
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(declaredSize, 22); local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20); central.writeUInt32LE(declaredSize, 24); central.writeUInt16LE(nameBytes.length, 28);
  const centralOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10); end.writeUInt32LE(central.length + nameBytes.length, 12); end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

describe('readZipEntries', () => {
  it('reads the text files written by writeZip, in order, skipping folders', async () => {
    const archive = await writeZip([{ name: 'b/metadata.yaml', text: 'version: 1.0.0\n' }, { name: 'b/charts/é.yaml', text: 'slice_name: Café\n' }]);
    expect(await readAll(archive)).toEqual([
      { name: 'b/metadata.yaml', text: 'version: 1.0.0\n' },
      { name: 'b/charts/é.yaml', text: 'slice_name: Café\n' },
    ]);
  });

  it('refuses what is not a ZIP archive', async () => {
    await expect(readAll(Buffer.from('dashboard_title: not a zip'))).rejects.toThrow(BundleRejectedError);
  });

  it.each(['../etc/passwd', 'a/../../b.yaml', '/etc/passwd'])('refuses the entry name %s', async (name) => {
    await expect(readAll(rawZip(name, Buffer.from('x: 1')))).rejects.toThrow(BundleRejectedError);
  });

  it('refuses a zip bomb by its declared size, before inflating it', async () => {
    await expect(readAll(rawZip('bomb.yaml', Buffer.alloc(2 * 1024 * 1024, 'a')))).rejects.toThrow(BundleTooLargeError);
  });

  it('refuses an entry that inflates to more than it declares', async () => {
    await expect(readAll(rawZip('liar.yaml', Buffer.alloc(600 * 1024, 'a'), 10))).rejects.toThrow(/larger than|malformed|inflated/);
  });

  it('refuses more entries than allowed, and more bytes in total than allowed', async () => {
    const many = await writeZip(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.yaml`, text: 'a: 1' })));
    await expect(readAll(many)).rejects.toThrow(BundleTooLargeError);
    const big = await writeZip(Array.from({ length: 3 }, (_, i) => ({ name: `f${i}.yaml`, text: 'a'.repeat(400 * 1024) })));
    await expect(readAll(big)).rejects.toThrow(BundleTooLargeError);
  });

  it('refuses a file that is not UTF-8, naming it', async () => {
    await expect(readAll(rawZip('latin1.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a])))).rejects.toThrow(/latin1\.yaml: the file is not UTF-8/);
  });
});
