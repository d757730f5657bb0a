/**
 * Node only: reads a file (or standard input for "-") as text, with one clear, coded error for
 * each way that can fail. Not part of the browser core.
 */
import { readFile, stat } from 'node:fs/promises';
import { SdpscopeError } from '../errors.js';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** True when the bytes are not text: a NUL byte, or not UTF-8 in the first 64 KiB. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (!(bytes instanceof Uint8Array)) throw new SdpscopeError('INVALID_ARGUMENT', 'looksBinary takes bytes (a Uint8Array or Buffer)');
  const head = bytes.subarray(0, 65536);
  if (head.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.length === bytes.length ? head : trimPartial(head));
    return false;
  } catch {
    return true;
  }
}

/** Drops a UTF-8 sequence cut by the 64 KiB window. */
function trimPartial(b: Uint8Array): Uint8Array {
  let end = b.length;
  for (let i = 0; i < 3 && end > 0 && (b[end - 1]! & 0xc0) === 0x80; i++) end--;
  if (end > 0 && b[end - 1]! >= 0xc0) end--;
  return b.subarray(0, end);
}

/** A file system error as the coded error a user reads: what it means, not the syscall. */
export function fileError(path: string, e: unknown): SdpscopeError {
  if (e instanceof SdpscopeError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new SdpscopeError('FILE_NOT_FOUND', `${path}: no such file`);
  if (code === 'EISDIR') return new SdpscopeError('FILE_IS_DIRECTORY', `${path} is a directory, not a file`);
  if (code === 'EACCES' || code === 'EPERM') return new SdpscopeError('FILE_UNREADABLE', `${path}: permission denied`);
  return new SdpscopeError('FILE_UNREADABLE', `${path}: ${(e as Error).message}`);
}

/** Reads `path` ("-" = stdin) as UTF-8 text. Throws FILE_* or EMPTY_INPUT SdpscopeErrors. */
export async function readTextInput(path: string): Promise<string> {
  let bytes: Buffer;
  if (path === '-') {
    bytes = await readStdin();
  } else {
    try {
      const st = await stat(path);
      if (st.isDirectory()) throw new SdpscopeError('FILE_IS_DIRECTORY', `${path} is a directory, not a file`);
      bytes = await readFile(path);
    } catch (e) {
      throw fileError(path, e);
    }
  }
  const name = path === '-' ? 'standard input' : path;
  if (looksBinary(bytes)) throw new SdpscopeError('FILE_BINARY', `${name} holds binary data, not text`);
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new SdpscopeError('EMPTY_INPUT', `${name} is empty`);
  return text;
}
