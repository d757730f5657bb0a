import { constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { checkReadable, detectEncoding, openTextStream, readTextInput, textBytes } from '../../src/node/files.js';
import { SdpscopeError } from '../../src/errors.js';
import { scratchDir } from '../support/scratch.js';

/** A stream that gives `first`, then waits for `release()` before giving `rest`. */
function gated(first: Buffer, rest: Buffer) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  async function* stream() {
    yield first;
    await gate;
    yield rest;
  }
  return { stream: stream(), release };
}

async function all(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const b of stream) parts.push(Buffer.from(b));
  return Buffer.concat(parts).toString('utf8');
}

describe('arguments of the wrong kind', () => {
  it('readTextInput and openTextStream take a path: anything else is INVALID_ARGUMENT, not Node\'s words as FILE_UNREADABLE (library audit)', async () => {
    for (const bad of [5, undefined, null, '', {}]) {
      await expect(readTextInput(bad as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^readTextInput: the path must be a file's path, or "-" for standard input, not /) });
      await expect(openTextStream(bad as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
  });
});

describe('zip archives', () => {
  it('one of stored (uncompressed) text is binary too, by its header (README walk: its first line skipped, the rest read as the input)', () => {
    const text = Buffer.from(`${'{"type":"offer","sdp":"v=0\\r\\n"}\n'.repeat(200)}`);
    const stored = Buffer.concat([Buffer.from([0x50, 0x4b, 3, 4, 10, 0, 0, 0, 0, 0]), Buffer.alloc(20), Buffer.from('kvs.log'), text]);
    expect(detectEncoding(stored)).toBe('binary');
    expect(detectEncoding(Buffer.from([0x50, 0x4b, 5, 6, ...Buffer.alloc(18)]))).toBe('binary');
    // Text that starts with "PK" is text.
    expect(detectEncoding(Buffer.from('PK stands for something\n'))).toBe('utf-8');
  });
});

describe('textBytes', () => {
  it('gives a line written to a pipe as it comes, not once 4 KiB have come (tail -f | sdpscope candidates --ndjson held every record to the end)', async () => {
    const line = '{"type":"candidate","candidate":"candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host"}\n';
    const { stream, release } = gated(Buffer.from(line), Buffer.from(line));
    const it = textBytes(stream, 'stdin')[Symbol.asyncIterator]();
    const first = await it.next();
    expect(Buffer.from(first.value as Uint8Array).toString()).toBe(line);
    release();
    expect(Buffer.from((await it.next()).value as Uint8Array).toString()).toBe(line);
    expect((await it.next()).done).toBe(true);
  });

  it('inflates a gzip on a pipe as it comes, not once 4 KiB or a line break came (audit: a small .gz on an open pipe waited)', async () => {
    const line = '{"type":"candidate","candidate":"candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host"}\n';
    const { stream, release } = gated(gzipSync(line), gzipSync(line));
    const it = textBytes(stream, 'stdin')[Symbol.asyncIterator]();
    expect(Buffer.from((await it.next()).value as Uint8Array).toString()).toBe(line);
    release();
    expect(Buffer.from((await it.next()).value as Uint8Array).toString()).toBe(line);
    expect((await it.next()).done).toBe(true);
  });

  it('does not call a pipe binary from a short first line of Latin-1 (audit: "D\\xe9marr\\xe9 pc-1" alone was 2 bad bytes in 14)', async () => {
    const line = 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n';
    const { stream, release } = gated(Buffer.from('D\xe9marr\xe9 pc-1\n', 'latin1'), Buffer.from(line));
    const text = all(textBytes(stream, 'standard input'));
    release();
    expect(await text).toContain(line);
  });

  it('still tells gzip, UTF-16 and binary from a first chunk of one short line', async () => {
    const text = 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n';
    expect(await all(textBytes((async function* () { yield gzipSync(text); })(), 'x.gz'))).toBe(text);
    const utf16 = Buffer.from(text, 'utf16le');
    expect(detectEncoding(utf16.subarray(0, 12))).toBe('utf-16le');
    expect(await all(textBytes((async function* () { yield utf16.subarray(0, 10); yield utf16.subarray(10); })(), 'x'))).toBe(text);
    const binary = Buffer.from([0, 1, 2, 3, 0, 255, 0, 7, 10, 0, 1]);
    await expect(all(textBytes((async function* () { yield binary; })(), 'x.bin'))).rejects.toBeInstanceOf(SdpscopeError);
  });

  it('gives every byte a cut gzip inflates to before its error, to a reader slow or fast (a slow one lost the end)', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `candidate:${i} 1 udp 2122260223 10.0.${(i >> 8) & 255}.${i & 255} ${5000 + (i % 997)} typ host\n`).join('');
    const gz = gzipSync(lines);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    const expected = gunzipSync(cut, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    expect(expected.length).toBeGreaterThan(lines.length / 2);
    for (const delayMs of [0, 3]) {
      const source = (async function* () {
        for (let at = 0; at < cut.length; at += 65536) yield cut.subarray(at, at + 65536);
      })();
      const got: Buffer[] = [];
      let failure: unknown = null;
      try {
        for await (const b of textBytes(source, 'cut.gz')) {
          got.push(Buffer.from(b));
          if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        }
      } catch (e) {
        failure = e;
      }
      expect(failure).toMatchObject({ code: 'FILE_UNREADABLE', message: expect.stringContaining('cut.gz is gzip cut short (unexpected end of file): a download or copy that stopped early') });
      expect(Buffer.concat(got).equals(expected)).toBe(true);
    }
  });
});

describe('checkReadable', () => {
  const dir = scratchDir('sdpscope-check-');
  const file = (name: string, bytes: Buffer | string) => (writeFileSync(join(dir, name), bytes), join(dir, name));

  it('refuses a binary file from its first bytes, before any file is read through', async () => {
    const bin = file('bin.dat', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    await expect(checkReadable(bin)).rejects.toMatchObject({ code: 'FILE_BINARY' });
    await expect(checkReadable(file('zip.zip', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)])))).rejects.toThrow(/zip archive/);
  });

  it('lets text, UTF-16, gzip and an empty file through, as the stream reads them', async () => {
    const text = 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n';
    for (const f of [file('a.log', text), file('a16.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])), file('a.log.gz', gzipSync(text)), file('empty.log', '')]) {
      await expect(checkReadable(f)).resolves.toBeUndefined();
    }
    await expect(checkReadable(join(dir, 'missing.log'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('refuses a gzip whose content is binary (a .tar.gz), from its first bytes', async () => {
    const binary = Buffer.from(Array.from({ length: 1 << 17 }, (_, i) => (i * 7919 + (i >> 8)) % 256));
    await expect(checkReadable(file('logs.tar.gz', gzipSync(binary)))).rejects.toMatchObject({ code: 'FILE_BINARY', message: expect.stringContaining('(gunzipped)') });
    // A tar of logs, gzipped or not: said to be one.
    const logs = scratchDir('sdpscope-tar-');
    writeFileSync(join(logs, 'a.log'), 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n');
    execFileSync('tar', ['-czf', join(dir, 'logs.tar.gz'), '-C', logs, '.']);
    execFileSync('tar', ['-cf', join(dir, 'logs.tar'), '-C', logs, '.']);
    await expect(checkReadable(join(dir, 'logs.tar.gz'))).rejects.toThrow(/logs\.tar\.gz \(gunzipped\) holds binary data, not text \(a tar archive: extract it first/);
    await expect(checkReadable(join(dir, 'logs.tar'))).rejects.toThrow(/logs\.tar holds binary data, not text \(a tar archive/);
    // A gzip cut after its header is let through here: the stream says what is wrong when it reads it.
    await expect(checkReadable(file('cut.gz', gzipSync('candidate:1 1 udp 1 10.0.0.1 1 typ host\n').subarray(0, 12)))).resolves.toBeUndefined();
  });

  it('does not open a FIFO: its writer keeps writing, and the bytes are there for the one read', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    // Before the check, no writer: opening the FIFO would wait for one (the check must not).
    await expect(checkReadable(fifo)).resolves.toBeUndefined();
    const writer = spawn('sh', ['-c', `printf 'candidate:1 1 udp 1 10.0.0.1 1 typ host\\n' > '${fifo}'; echo $?`]);
    let status = '';
    writer.stdout.on('data', (d) => (status += d));
    const closed = new Promise((r) => writer.on('close', r));
    await expect(checkReadable(fifo)).resolves.toBeUndefined();
    const { stream } = await openTextStream(fifo);
    let text = '';
    for await (const b of stream) text += Buffer.from(b).toString();
    await closed;
    expect(text).toBe('candidate:1 1 udp 1 10.0.0.1 1 typ host\n');
    expect(status.trim()).toBe('0');
    await expect(checkReadable(join(dir, 'missing-fifo'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});

describe('readTextInput on endless inputs (library audit: /dev/zero was read to 17 GB)', () => {
  it.each(['/dev/zero', '/dev/urandom'])('%s: FILE_BINARY from its first 64 KiB, at once', async (path) => {
    const started = Date.now();
    await expect(readTextInput(path)).rejects.toMatchObject({ code: 'FILE_BINARY' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('streams that are not of bytes (library audit: Node\'s raw TypeError came out)', () => {
  const drain = async (it: AsyncIterable<unknown>) => {
    for await (const x of it) void x;
  };
  it('an object-mode stream, null, or a name that is no string: INVALID_ARGUMENT naming the function', async () => {
    const { Readable } = await import('node:stream');
    const { scanStream } = await import('../../src/node/stream.js');
    const { collectingSink } = await import('../../src/input/read.js');
    await expect(scanStream(Readable.from([{ type: 'offer' }]), collectingSink())).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^scanStream: the stream gave a chunk that is object, not bytes or text/) });
    await expect(drain(textBytes(Readable.from([Buffer.from('v=0\n'), 42 as unknown as string]), 'x'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/^textBytes: the stream gave a chunk that is number/) });
    await expect(drain(textBytes(null as unknown as AsyncIterable<string>, 'x'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    // Other typed arrays and an ArrayBuffer are named, with what to give instead (a Uint16Array had been "object").
    await expect(drain(textBytes(Readable.from([new Uint16Array([118, 61, 48])]), 'x'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/a chunk that is a Uint16Array \(give its bytes as a Uint8Array or Buffer\)/) });
    await expect(drain(textBytes(Readable.from([new ArrayBuffer(4)]), 'x'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/a chunk that is an ArrayBuffer \(wrap it: new Uint8Array\(buffer\)\)/) });
    await expect(drain(textBytes(Readable.from(['v=0\n']), 7 as unknown as string))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/the name must be a string/) });
    // Text, and bytes in a plain Uint8Array, as before.
    const sink = collectingSink();
    await scanStream(Readable.from(['a=ice-ufrag:ab12\n', new Uint8Array(Buffer.from('a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n'))]), sink);
    expect(sink.report.candidates.map((c) => c.candidate?.address)).toEqual(['10.0.0.1']);
  });
});
