// A ZIP archive in memory, as the tests upload it (a Lambda function's code, a model archive).
import { ZipFile } from 'yazl';

/** Every entry's time: the same files give the same bytes, so the same code has the same CodeSha256 in Lambda. */
const MTIME = new Date('2026-01-01T00:00:00Z');

/** The archive of `files` (name → text). */
export async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name, { mtime: MTIME });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
