// The one way Greengrass ML reads a text file from disk for analysis (the CLI, partner files of a group, Python
// handlers): only regular files, with the size limit checked on the opened file before anything is read, so a FIFO,
// a device (`x.json -> /dev/zero`) or a huge file gets a clear answer in bounded time and memory.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why a file gave no text. `missing`, `unreadable` and `notFile` mean nothing was read. */
export type TextFileProblemKind = 'missing' | 'unreadable' | 'notFile' | 'tooLarge' | 'binary' | 'utf16' | 'encoding';

/** `problem` is a whole message; `reason` the short phrase for another message ("permission denied"). */
export type TextFileResult = { text: string } | { problem: string; reason: string; kind: TextFileProblemKind; size?: number };

/** Files larger than this many bytes are not read (4 MiB: four times the linter's default size limit). */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

// O_NONBLOCK keeps opening a FIFO with no writer from hanging; it is 0 where the platform has no such flag.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Bytes of a file as text: binary files, UTF-16 and text that is not UTF-8 are refused with a reason. */
export function decodeBytes(bytes: Uint8Array): { text: string } | { problem: string; reason: string; kind: 'binary' | 'utf16' | 'encoding' } {
  if (isUtf16(bytes)) return { problem: 'The file is UTF-16 text; save it as UTF-8', reason: 'it is UTF-16 text; save it as UTF-8', kind: 'utf16' };
  if (bytes.indexOf(0) >= 0) return { problem: 'The file is binary (it contains NUL bytes); lint only JSON text files', reason: 'it is binary', kind: 'binary' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: 'The file is not UTF-8 text; save it as UTF-8', reason: 'it is not UTF-8 text; save it as UTF-8', kind: 'encoding' };
  }
}

/** A UTF-16 byte order mark, or ASCII text whose every other byte is NUL (UTF-16 without a mark). */
function isUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const n = Math.min(bytes.length & ~1, 512);
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  return (evenNul === pairs && oddNul === 0) || (oddNul === pairs && evenNul === 0);
}

/** What an error from opening or reading a path means for the user. */
export function fileProblem(error: unknown): { problem: string; reason: string; kind: TextFileProblemKind } {
  const code = (error as { code?: string }).code ?? '';
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { problem: 'The file does not exist; check the path', reason: 'it does not exist', kind: 'missing' };
    case 'ELOOP':
      return { problem: 'The path goes through a loop of symbolic links; fix the links', reason: 'its path goes through a loop of symbolic links', kind: 'unreadable' };
    case 'EACCES':
    case 'EPERM':
      return { problem: 'The file cannot be read (permission denied); check its permissions', reason: 'permission denied', kind: 'unreadable' };
    case 'EISDIR':
      return { problem: 'The path is a folder, not a file', reason: 'it is a folder', kind: 'notFile' };
    default:
      return { problem: `The file cannot be read; check that it is a readable file: ${code || 'unknown error'}`, reason: code || 'unknown error', kind: 'unreadable' };
  }
}

/**
 * Reads a regular file as UTF-8 text (without a byte order mark), never more than `maxBytes` bytes. Never throws:
 * a missing, unreadable, special (FIFO, device, socket, folder), too large, binary or non-UTF-8 file gives a problem.
 */
export function readTextFile(path: string, maxBytes: number = DEFAULT_MAX_BYTES): TextFileResult {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return fileProblem(error);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const what = stat.isDirectory() ? 'a folder' : stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : 'a device';
      return { problem: `The path is ${what}, not a regular file; only regular files are read`, reason: `it is ${what}, not a regular file`, kind: 'notFile' };
    }
    if (stat.size > maxBytes) {
      return { problem: `The file is too large to read (limit ${maxBytes} bytes); split it: ${stat.size} bytes`, reason: `it is larger than the ${maxBytes}-byte limit`, kind: 'tooLarge', size: stat.size };
    }
    // Read at most one byte more than the limit: a file that grows while it is read is still bounded.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n <= 0) break;
      length += n;
      if (length >= buffer.length) break;
    }
    if (length > maxBytes) return { problem: `The file is too large to read (limit ${maxBytes} bytes); split it: more than ${maxBytes} bytes`, reason: `it is larger than the ${maxBytes}-byte limit`, kind: 'tooLarge' };
    const decoded = decodeBytes(buffer.subarray(0, length));
    if (!('text' in decoded)) return decoded;
    return { text: decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text };
  } catch (error) {
    return fileProblem(error);
  } finally {
    closeSync(fd);
  }
}
