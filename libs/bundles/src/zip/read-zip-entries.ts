import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { BundleRejectedError, BundleTooLargeError, rejectBundle } from '../bundle-errors.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-limits.js';

export interface ZipTextEntry {
  name: string;
  text: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text files of a ZIP archive, one at a time. Entry names are checked before anything is
 * inflated; sizes are checked against the declared sizes first (a bomb is refused without
 * inflating it) and again while streaming (a lying header is caught by the byte count).
 */
export async function* readZipEntries(archive: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): AsyncGenerator<ZipTextEntry> {
  const zip = await openZip(archive);
  try {
    if (zip.entryCount > limits.maxEntries) throw new BundleTooLargeError(`the archive has ${zip.entryCount} entries; at most ${limits.maxEntries} are allowed`);
    let total = 0;
    for await (const entry of entries(zip)) {
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      if (entry.isEncrypted()) rejectBundle(name, 'encrypted entries are not supported');
      if (entry.uncompressedSize > limits.maxEntryBytes) throw new BundleTooLargeError(`${name}: larger than ${limits.maxEntryBytes} bytes uncompressed`);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new BundleTooLargeError(`the archive unpacks to more than ${limits.maxTotalBytes} bytes`);
      const bytes = await readBounded(await zip.openReadStreamPromise(entry), name, limits.maxEntryBytes);
      yield { name, text: decodeText(name, bytes) };
    }
  } finally {
    zip.close();
  }
}

async function openZip(archive: Buffer): Promise<yauzl.ZipFile> {
  try {
    // strictFileNames refuses `\`; decodeStrings makes yauzl refuse absolute and `..` names.
    return await yauzl.fromBufferPromise(archive, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: true });
  } catch {
    throw new BundleRejectedError(['the body is not a ZIP archive']);
  }
}

/** yauzl's entries, with its name and format errors turned into a refusal naming the problem. */
async function* entries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  try {
    for await (const entry of zip.eachEntry()) {
      checkEntryName(entry.fileName);
      yield entry;
    }
  } catch (error) {
    if (error instanceof BundleRejectedError || error instanceof BundleTooLargeError) throw error;
    throw new BundleRejectedError([`the archive is malformed or names an entry outside the bundle (${(error as Error).message})`]);
  }
}

/** Relative, forward-slash names inside the bundle only; yauzl checks too, this says why. */
export function checkEntryName(name: string): void {
  const parts = name.split('/');
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.includes('\\')) rejectBundle(name, 'absolute entry names are not allowed');
  if (parts.includes('..')) rejectBundle(name, 'entry names may not contain ".."');
  if (name.includes('\0')) rejectBundle(name, 'entry names may not contain NUL');
}

async function readBounded(stream: Readable, name: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        stream.destroy();
        throw new BundleTooLargeError(`${name}: larger than ${maxBytes} bytes uncompressed`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof BundleTooLargeError) throw error;
    rejectBundle(name, `the entry cannot be inflated (${(error as Error).message})`);
  }
  return Buffer.concat(chunks, size);
}

function decodeText(name: string, bytes: Buffer): string {
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return rejectBundle(name, 'the file is not UTF-8 text');
  }
}
