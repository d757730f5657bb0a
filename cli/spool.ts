/**
 * Items of a JSON array that is written after others, kept in memory up to a limit and past it
 * spooled to a temporary file, so that `candidates --json` holds flat memory whatever the number
 * of sessions: each item is written once, as it comes, and read back once, at the end.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { jsonItem, type JsonItems } from './render/json.js';

/** Bytes kept in memory before the spool goes to disk. */
const IN_MEMORY = 1024 * 1024;

/**
 * Spool folders not yet removed: removed on any way out too (a closed pipe ends the program
 * with process.exit, an interrupt or termination signal), not only when the command finishes.
 */
const LIVE = new Set<string>();
let hooked = false;

function removeLive(): void {
  for (const dir of LIVE) rmSync(dir, { recursive: true, force: true });
  LIVE.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', removeLive);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      removeLive();
      process.exit(code);
    });
  }
}

/** Told of each spool folder made (in the worker thread: so that the main thread removes it on any way out). */
let announce: ((dir: string) => void) | null = null;

/** Sets who is told of each spool folder made (cli/candidates-thread.ts). */
export function onSpoolDir(f: (dir: string) => void): void {
  announce = f;
}

/**
 * A spool folder another thread made: removed on any way out of this process too (a worker
 * thread gets no signals, and stops with the process without running its exit handlers).
 */
export function trackSpoolDir(dir: string): void {
  hookExit();
  LIVE.add(dir);
}

export class Spool implements JsonItems {
  /**
   * The items not yet spooled, as UTF-8 bytes: outside the JavaScript heap, so that they do not
   * count toward what the collector lets the heap grow to (held as strings, up to 4 MB each, the
   * two spools of `candidates --json` cost about 100 MB of peak RSS on the bench's 1M-line log).
   */
  private bytes: Buffer | null = null;
  private used = 0;
  private dir: string | null = null;
  private fd: number | null = null;
  count = 0;

  constructor(private readonly name: string) {}

  /** Adds an element (what JSON.stringify takes). */
  add(value: unknown): void {
    this.append((this.count++ === 0 ? '' : ',\n') + jsonItem(value));
  }

  /** Adds a line of text holding no line feed (a spool is used by add or by addLine, not both). */
  addLine(line: string): void {
    this.count++;
    this.append(line + '\n');
  }

  private append(text: string): void {
    const bytes = (this.bytes ??= Buffer.allocUnsafe(IN_MEMORY));
    // A UTF-16 unit is at most three bytes of UTF-8.
    if (this.used + text.length * 3 > bytes.length) {
      this.spill();
      if (text.length * 3 > bytes.length) {
        writeSync(this.fd!, text);
        return;
      }
    }
    this.used += bytes.write(text, this.used);
  }

  private spill(): void {
    if (this.fd === null) {
      hookExit();
      this.dir = mkdtempSync(join(tmpdir(), 'sdpscope-spool-'));
      LIVE.add(this.dir);
      announce?.(this.dir);
      this.fd = openSync(join(this.dir, `${this.name}.json`), 'w+');
    }
    for (let at = 0; at < this.used; ) at += writeSync(this.fd, this.bytes!, at, this.used - at);
    this.used = 0;
  }

  async write(out: (s: string) => void, drained: () => Promise<void> | undefined): Promise<void> {
    const decoder = new StringDecoder('utf8');
    if (this.fd !== null) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      for (let at = 0; ; ) {
        const n = readSync(this.fd, chunk, 0, chunk.length, at);
        if (n === 0) break;
        at += n;
        out(decoder.write(chunk.subarray(0, n)));
        await drained();
      }
    }
    if (this.bytes !== null) out(decoder.write(this.bytes.subarray(0, this.used)));
    out(decoder.end());
  }

  /** Gives back each line addLine added, in order, waiting on `drained` between chunks read. */
  async lines(each: (line: string) => void, drained: () => Promise<void> | undefined): Promise<void> {
    let carry = '';
    await this.write((text) => {
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        each(carry + text.slice(from, nl));
        carry = '';
        from = nl + 1;
      }
      carry += text.slice(from);
    }, drained);
  }

  /** Removes the temporary file, if any. */
  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir !== null) {
      rmSync(this.dir, { recursive: true, force: true });
      LIVE.delete(this.dir);
    }
    this.fd = null;
    this.bytes = null;
    this.used = 0;
    this.dir = null;
  }
}
