// A ZIP archive in memory, as the tests upload it (a Lambda function's code, a model archive).
import { ZipFile } from 'yazl';

/** The archive of `files` (name → text). */
export async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
