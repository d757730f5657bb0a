/**
 * Node only: reads a file (or standard input for "-") as text, with one clear, coded error for
 * each way that can fail. Not part of the browser core.
 */
import { access, open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { constants, fstatSync, readSync } from 'node:fs';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import { SdpscopeError } from '../errors.js';
import { toBuffer } from './chunks.js';

/**
 * A whole input, read chunk by chunk: binary found in its first 64 KiB ends the read there, and
 * more than MAX_GUNZIPPED bytes is too large (`/dev/zero` and `/dev/urandom` were read without
 * end: 17 GB in 65 s; library audit).
 */
async function readWhole(chunks: AsyncIterable<Uint8Array | string>, name: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  let checked = false;
  for await (const chunk of chunks) {
    const b = toBuffer(chunk, 'readTextInput');
    parts.push(b);
    size += b.length;
    if (!checked && size >= HEAD_BYTES) {
      checked = true;
      const head = parts.length === 1 ? b : Buffer.concat(parts);
      if (detectEncoding(head) === 'binary') throw binaryError(name, head);
    }
    if (size > MAX_GUNZIPPED) throw tooLarge(`${name} is over ${MAX_GUNZIPPED / 1048576} MiB`);
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

const readStdin = (): Promise<Buffer> => readWhole(process.stdin, 'standard input');

/** What the first bytes of an input say it is. */
export type InputEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gzip' | 'binary';

/** Bytes looked at to tell text from binary and UTF-16 from UTF-8. */
const HEAD_BYTES = 65536;

/**
 * What `head` (the first bytes of an input) holds: gzip (its magic number), UTF-16 (a byte order
 * mark, or NUL bytes in every other place: what PowerShell's ">" and Windows tools write), text
 * (UTF-8, or anything mostly text: a stray NUL or Latin-1 byte in a log is a line's problem, not
 * the file's), or binary (more than 5% of the bytes are NULs, control characters or not UTF-8).
 */
export function detectEncoding(head: Uint8Array): InputEncoding {
  if (!(head instanceof Uint8Array)) throw new SdpscopeError('INVALID_ARGUMENT', 'detectEncoding takes bytes (a Uint8Array or Buffer)');
  const b = head.subarray(0, HEAD_BYTES);
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  // A zip archive's local file header ("PK\x03\x04"), or an empty one's end record: binary,
  // however little of it is, as a zip of stored (uncompressed) text is mostly text (README walk:
  // its first line skipped as binary, the rest read, and sdp-diff compared the wrong pair).
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6))) return 'binary';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  // Without a mark: ASCII text in UTF-16 is a printable byte and a NUL, pair after pair.
  const pairs = Math.min(b.length >> 1, 4096);
  let le = 0;
  let be = 0;
  for (let i = 0; i < pairs; i++) {
    const x = b[2 * i]!;
    const y = b[2 * i + 1]!;
    if (y === 0 && isTextByte(x)) le++;
    else if (x === 0 && isTextByte(y)) be++;
  }
  if (pairs >= 4 && le >= pairs * 0.9) return 'utf-16le';
  if (pairs >= 4 && be >= pairs * 0.9) return 'utf-16be';
  return suspiciousBytes(b) * 20 > b.length ? 'binary' : 'utf-8';
}

/** A byte of ASCII text: printable, tab or a line end. */
const isTextByte = (c: number) => (c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13;

/** NULs, C0 controls other than tab, line ends, form feed and escape, and bytes of invalid UTF-8. */
function suspiciousBytes(b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c < 0x80) {
      if (c < 0x20 && c !== 9 && c !== 10 && c !== 11 && c !== 12 && c !== 13 && c !== 27) n++;
      continue;
    }
    // A UTF-8 sequence: its lead byte says how many continuation bytes (0x80..0xBF) follow.
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      // A sequence cut by the end of the head is not held against it.
      if (i + k >= b.length) break;
      if ((b[i + k]! & 0xc0) !== 0x80) ok = false;
    }
    if (ok) i += need;
    else n++;
  }
  return n;
}

/** True when the bytes are not text (see {@link detectEncoding}; UTF-16 and gzip are not binary). */
export function looksBinary(bytes: Uint8Array): boolean {
  if (!(bytes instanceof Uint8Array)) throw new SdpscopeError('INVALID_ARGUMENT', 'looksBinary takes bytes (a Uint8Array or Buffer)');
  return detectEncoding(bytes) === 'binary';
}

/** Largest text a gzip input may decompress to when read whole (a V8 string holds about 512 MiB). */
const MAX_GUNZIPPED = 512 * 1024 * 1024;

/** `bytes` as text: gunzipped, decoded from UTF-16, or read as UTF-8; FILE_BINARY for anything else. */
function decodeText(bytes: Buffer, name: string): string {
  const kind = detectEncoding(bytes);
  if (kind === 'gzip') {
    let inflated: Buffer;
    try {
      inflated = gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED });
    } catch (e) {
      throw gzipError(name, e);
    }
    if (detectEncoding(inflated) === 'gzip') throw new SdpscopeError('FILE_BINARY', `${name} is gzip inside gzip: decompress it first`);
    return decodeText(inflated, `${name} (gunzipped)`);
  }
  if (kind === 'binary') throw binaryError(name, bytes);
  if (kind === 'utf-16le' || kind === 'utf-16be') return new TextDecoder(kind).decode(bytes);
  if (bytes.length > MAX_GUNZIPPED) throw tooLarge(`${name} is ${Math.round(bytes.length / 1048576)} MiB`);
  return bytes.toString('utf8');
}

function binaryError(name: string, head: Uint8Array): SdpscopeError {
  const zip = head[0] === 0x50 && head[1] === 0x4b;
  // A tar header's magic, "ustar", at offset 257 (POSIX.1-1988 and GNU tar).
  const tar = head.length >= 262 && Buffer.from(head.buffer, head.byteOffset + 257, 5).toString('latin1') === 'ustar';
  const hint = zip ? ' (a zip archive: unzip it first)' : tar ? ' (a tar archive: extract it first, tar -xf)' : '';
  return new SdpscopeError('FILE_BINARY', `${name} holds binary data, not text${hint}`);
}

/** Text read whole has a ceiling (a V8 string); said as what it means, with the command that streams. */
function tooLarge(what: string): SdpscopeError {
  return new SdpscopeError('FILE_UNREADABLE', `${what}: too large to read whole (a dump or an SDP file is read at once, up to ${MAX_GUNZIPPED / 1048576} MiB of text); candidate logs of any size stream through "sdpscope candidates"`);
}

function gzipError(name: string, e: unknown): SdpscopeError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ERR_BUFFER_TOO_LARGE') return tooLarge(`${name} decompresses to more than ${MAX_GUNZIPPED / 1048576} MiB`);
  // Its end missing: a download or copy cut short, said so (audit: "unexpected end of file" said nothing more).
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test((e as Error).message)) {
    return new SdpscopeError('FILE_UNREADABLE', `${name} is gzip cut short (unexpected end of file): a download or copy that stopped early; take it again`);
  }
  return new SdpscopeError('FILE_UNREADABLE', `${name} is gzip but does not decompress: ${(e as Error).message}`);
}


/**
 * A stream of an input's bytes as UTF-8 text bytes, with flat memory: gzip decompressed as it
 * streams, UTF-16 decoded, binary refused (FILE_BINARY) from its first bytes. A read that fails
 * half way is the file's FILE_UNREADABLE, not a bug.
 */
export async function* textBytes(stream: AsyncIterable<Uint8Array | string>, name: string): AsyncIterable<Uint8Array> {
  if (stream === null || typeof stream !== 'object' || typeof (stream as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') throw new SdpscopeError('INVALID_ARGUMENT', 'textBytes: the input must be an async iterable of chunks (a Readable, process.stdin)');
  if (typeof name !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', `textBytes: the name must be a string (the input's name in messages), got ${name === null ? 'null' : typeof name}`);
  yield* decodedBytes(stream, name, null);
}

/** `gunzipped`: the name of the gzip input this stream is the decompression of (its errors are the gzip's). */
async function* decodedBytes(stream: AsyncIterable<Uint8Array | string>, name: string, gunzipped: string | null): AsyncIterable<Uint8Array> {
  const it = stream[Symbol.asyncIterator]();
  const next = async () => {
    try {
      return await it.next();
    } catch (e) {
      if (e instanceof SdpscopeError) throw e;
      throw gunzipped !== null && /^(Z_|ERR_BUFFER)/.test(String((e as NodeJS.ErrnoException).code)) ? gzipError(gunzipped, e) : fileError(gunzipped ?? name, e);
    }
  };
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  // 4 KiB to tell the encoding by, or less once a whole line is in: a pipe written a line at a
  // time (`tail -f log |`) is read as its lines come, not once 4 KiB have come (a file's first
  // read is 64 KiB).
  while (size < 4096) {
    const n = await next();
    if (n.done) {
      ended = true;
      break;
    }
    const b = toBuffer(n.value, 'textBytes');
    head.push(b);
    size += b.length;
    // A gzip is told by its first two bytes: it is inflated as it comes (a small .gz on a pipe
    // still open is not held until 4 KiB or a line break came).
    const b0 = head[0]!;
    if (size >= 2 && (b0.length >= 2 ? b0[0] === 0x1f && b0[1] === 0x8b : detectEncoding(Buffer.concat(head)) === 'gzip')) break;
    // A short head that looks binary (a Latin-1 word in a first line of 10 bytes) waits for more.
    if (size >= 8 && b.indexOf(0x0a) >= 0 && detectEncoding(head.length === 1 ? b : Buffer.concat(head)) !== 'binary') break;
  }
  const first = Buffer.concat(head);
  async function* all(): AsyncIterable<Buffer> {
    if (first.length > 0) yield first;
    while (!ended) {
      const n = await next();
      if (n.done) return;
      yield toBuffer(n.value, 'textBytes');
    }
  }
  const kind = detectEncoding(first);
  if (kind === 'binary') throw binaryError(name, first);
  if (kind === 'gzip') {
    yield* decodedBytes(inflate(all()), `${name} (gunzipped)`, name);
    return;
  }
  if (kind === 'utf-16le' || kind === 'utf-16be') {
    const decoder = new TextDecoder(kind);
    for await (const b of all()) {
      const text = decoder.decode(b, { stream: true });
      if (text) yield Buffer.from(text, 'utf8');
    }
    const tail = decoder.decode();
    if (tail) yield Buffer.from(tail, 'utf8');
    return;
  }
  yield* all();
}

/**
 * Compressed bytes are given to zlib in pieces of this size (a file's read): what one piece inflates
 * to (about 0.5 MB for a log; at most about 64 MB for a gzip bomb) is what waits for the reader.
 * 16 KiB pieces cost 20% of the inflate speed.
 */
const GUNZIP_PIECE = 64 * 1024;

/**
 * `source` gunzipped, every byte zlib inflates given before its error. (A Gunzip stream read with
 * `for await` drops what it has inflated but not yet handed out when it fails: the end of a cut
 * gzip was lost or not depending on how fast the reader was.) The reader sets the pace: the next
 * piece goes in once what the last one gave is taken, so at most one piece's output waits.
 */
async function* inflate(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const gunzip = createGunzip();
  const out: Buffer[] = [];
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const woken = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  gunzip.on('data', (b: Buffer) => out.push(b));
  gunzip.on('error', (e: Error) => {
    failure = e;
    woken();
  });
  gunzip.on('end', () => {
    ended = true;
    woken();
  });
  /** Resolves once zlib has taken `piece` (its output is then in `out`), or has failed. */
  const put = (piece: Buffer) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      gunzip.write(piece, () => woken());
    });
  try {
    for await (const chunk of source) {
      for (let at = 0; at < chunk.length && failure === null; at += GUNZIP_PIECE) {
        await put(chunk.subarray(at, at + GUNZIP_PIECE));
        while (out.length > 0) yield out.shift()!;
      }
      if (failure !== null) break;
    }
    if (failure === null) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        gunzip.end();
        if (ended || failure !== null) woken();
      });
    }
    while (out.length > 0) yield out.shift()!;
    if (failure !== null) throw failure;
  } finally {
    gunzip.destroy();
  }
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

/** A file opened for reading, with its size: its error (missing, a directory, not readable) as the file's. */
async function openFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new SdpscopeError('FILE_IS_DIRECTORY', `${path} is a directory, not a file`);
    return { handle: await open(path, 'r'), size: st.size };
  } catch (e) {
    throw fileError(path, e);
  }
}

/**
 * Throws the file's error (missing, a directory, not readable, binary) now, before a command that
 * reads several files one after the other has written anything: its output is then never cut by
 * such a file further down the list (a gzip that is corrupt past its start is found only when read).
 */
export async function checkReadable(path: string): Promise<void> {
  if (path === '-') return checkStdin();
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
    if (st.isDirectory()) throw new SdpscopeError('FILE_IS_DIRECTORY', `${path} is a directory, not a file`);
    // A FIFO, a socket or a character device is not opened here: opening a FIFO waits for its
    // writer, and closing it again would end the writer with SIGPIPE; its bytes are read once, later.
    if (!st.isFile()) {
      await access(path, constants.R_OK);
      return;
    }
  } catch (e) {
    throw fileError(path, e);
  }
  const { handle } = await openFile(path);
  try {
    // A regular file's first read (64 KiB, as openTextStream reads) tells binary now, as the
    // stream would later.
    const head = Buffer.alloc(1 << 16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    checkHead(head.subarray(0, bytesRead), path);
  } catch (e) {
    throw fileError(path, e);
  } finally {
    await handle.close();
  }
}

/** Throws FILE_BINARY for the first bytes of a binary input, or of a gzip of one (a .tar.gz). */
function checkHead(head: Buffer, name: string): void {
  const kind = detectEncoding(head);
  if (kind === 'binary') throw binaryError(name, head);
  if (kind !== 'gzip') return;
  // The start of the first 4 KiB inflated (at most a few MB) is what the stream would look at.
  // A gzip corrupt there fails when it is read.
  let inflated: Buffer | null = null;
  try {
    inflated = gunzipSync(head.subarray(0, 4096), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch {
    inflated = null;
  }
  if (inflated && inflated.length > 0 && detectEncoding(inflated) === 'binary') throw binaryError(`${name} (gunzipped)`, inflated);
}

/** `0< /tmp`: standard input opened on a directory reads as nothing; said as what it is. */
function stdinNotDirectory(): void {
  let dir = false;
  try {
    dir = fstatSync(0).isDirectory();
  } catch {
    dir = false;
  }
  if (dir) throw new SdpscopeError('FILE_IS_DIRECTORY', 'standard input is a directory, not a file');
}

/**
 * Standard input redirected from a regular file (`- < photo.bin`) is checked as a named file is:
 * its next 64 KiB read where it stands (its offset, from /proc; without /proc, not checked), not
 * taken from it. A pipe or a terminal is not read here.
 */
async function checkStdin(): Promise<void> {
  stdinNotDirectory();
  let pos: number;
  try {
    if (!fstatSync(0).isFile()) return;
    const m = /^pos:\s*(\d+)/m.exec(await readFile('/proc/self/fdinfo/0', 'utf8'));
    if (m === null) return;
    pos = Number(m[1]);
  } catch {
    return;
  }
  const head = Buffer.alloc(1 << 16);
  let bytesRead = 0;
  try {
    bytesRead = readSync(0, head, 0, head.length, pos);
  } catch {
    return;
  }
  checkHead(head.subarray(0, bytesRead), 'standard input');
}

/** A path argument: a string, not empty (library audit: readTextInput(5) was FILE_UNREADABLE with Node's own words). */
function requirePath(path: unknown, fn: string): void {
  if (typeof path !== 'string' || path === '') throw new SdpscopeError('INVALID_ARGUMENT', `${fn}: the path must be a file's path, or "-" for standard input, not ${path === '' ? 'an empty string' : path === null ? 'null' : typeof path}`);
}

/**
 * A file (or "-", standard input) opened as a stream of text bytes (gzip inflated, UTF-16
 * decoded, binary refused), with its size when known. Opened here, so that a file that cannot be
 * read says so before anything is printed.
 */
export async function openTextStream(path: string): Promise<{ stream: AsyncIterable<Uint8Array>; size: number | null }> {
  requirePath(path, 'openTextStream');
  if (path === '-') {
    stdinNotDirectory();
    return { stream: textBytes(process.stdin as AsyncIterable<Buffer>, 'standard input'), size: null };
  }
  const { handle, size } = await openFile(path);
  // 64 KiB reads, as a pipe gives them: a chunk is read through before the next collection, so its
  // buffer dies young instead of waiting for a full collection (1 MiB reads cost 27 MB of peak RSS).
  return { stream: textBytes(handle.createReadStream({ highWaterMark: 1 << 16 }), path), size };
}

/**
 * Reads `path` ("-" = stdin) as text: UTF-8, UTF-16 (with or without a byte order mark), or either
 * gzipped. Throws FILE_* or EMPTY_INPUT SdpscopeErrors; a path that is not a string is INVALID_ARGUMENT.
 */
export async function readTextInput(path: string): Promise<string> {
  requirePath(path, 'readTextInput');
  let bytes: Buffer;
  if (path === '-') {
    stdinNotDirectory();
    bytes = await readStdin();
  } else {
    const { handle } = await openFile(path);
    try {
      bytes = await readWhole(handle.createReadStream({ autoClose: false, highWaterMark: 1024 * 1024 }), path);
    } catch (e) {
      throw e instanceof SdpscopeError ? e : fileError(path, e);
    } finally {
      await handle.close();
    }
  }
  const name = path === '-' ? 'standard input' : path;
  const text = decodeText(bytes, name);
  if (text.trim() === '') throw new SdpscopeError('EMPTY_INPUT', `${name} is empty`);
  return text;
}

/** A stream, watched for anything but blanks (an input of blanks is empty: EMPTY_INPUT, not NO_SDP_FOUND). */
export function watchBlank(stream: AsyncIterable<Uint8Array | string>): { stream: AsyncIterable<Uint8Array | string>; blank: () => boolean; head: () => { readonly text: string; readonly whole: boolean } } {
  let blank = true;
  let first = true;
  // The input's first MiB, for what NO_SDP_FOUND can say of it (cli/unread.ts): standard input
  // cannot be read again (audit of the change: it had no hint).
  const head: Buffer[] = [];
  let headBytes = 0;
  let whole = true;
  async function* watched(): AsyncIterable<Uint8Array | string> {
    for await (const chunk of stream) {
      if (whole) {
        const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        const part = b.subarray(0, HINT_BYTES - headBytes);
        head.push(Buffer.from(part));
        headBytes += part.length;
        whole = part.length === b.length;
      }
      if (blank) {
        let text = typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
        // A byte order mark is not content (as `parse` trims it): a file of a BOM and blank lines is empty.
        if (first) text = text.replace(/^(?:\ufeff|\xef\xbb\xbf)/, '');
        blank = !/[^ \t\r\n]/.test(text);
      }
      first = false;
      yield chunk;
    }
  }
  return { stream: watched(), blank: () => blank, head: () => ({ text: Buffer.concat(head).toString('utf8'), whole }) };
}

const HINT_BYTES = 1 << 20;
