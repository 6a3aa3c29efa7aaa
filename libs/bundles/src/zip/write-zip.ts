import yazl from 'yazl';

/** A ZIP archive of text files, deflated; entries in the order given. */
export async function writeZip(files: Iterable<{ name: string; text: string }>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date('2026-01-01T00:00:00Z'); // fixed, so the same content gives the same bytes
  for (const file of files) zip.addBuffer(Buffer.from(file.text, 'utf8'), file.name, { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
