/**
 * Shared CLI plumbing: one clear line on stderr and an exit code for every failure, never a stack
 * trace; a closed standard output (`| head`) ends the program quietly with 0.
 */
import { SdpscopeError } from '../src/errors.js';
import { oneLine, terminalSafe } from './render/style.js';

export const EXIT_OK = 0;
/** The input was read and is valid, but has errors the command is about (sdp-diff: negotiation errors; parse: error diagnostics). */
export const EXIT_FINDINGS = 1;
/** It could not be done: bad usage or input, a missing file, a port in use, a relay that refuses. The error code says which. */
export const EXIT_BAD_INPUT = 2;
/** A bug in sdpscope. */
export const EXIT_INTERNAL = 70;

/** The exit code and stderr line for an error thrown by a command. Pure. */
export function describeFailure(program: string, e: unknown): { code: number; message: string } {
  if (e instanceof SdpscopeError) return { code: EXIT_BAD_INPUT, message: `${program}: ${e.message} [${e.code}]` };
  const message = e instanceof Error ? e.message : String(e);
  return { code: EXIT_INTERNAL, message: `${program}: internal error: ${message} (please report it)` };
}

/** True for the error a write to a closed pipe gives. */
const closedPipe = (e: unknown) => (e as { code?: string } | null)?.code === 'EPIPE';

/** A system error from a write (the stream's own error, thrown through a command's `out`). */
const isWriteError = (e: unknown) => !(e instanceof SdpscopeError) && (e as { syscall?: string } | null)?.syscall === 'write';

/** A write error on standard output as the coded error a user reads. */
function outputError(e: unknown): SdpscopeError {
  const code = (e as { code?: string } | null)?.code;
  const why = code === 'ENOSPC' ? 'no space left on the device' : code === 'EIO' ? 'an I/O error' : code === 'EBADF' ? 'it is closed' : e instanceof Error ? e.message : String(e);
  return new SdpscopeError('OUTPUT_UNWRITABLE', `cannot write standard output: ${why}`);
}

/** What the commands write to: standard output (data) and standard error (talk). */
export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

export const STDIO: Io = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
};

/**
 * Standard output and error as a terminal is to show them: the input's control characters
 * escaped (render/style.ts terminalSafe); `colored` says, when each piece is written, whether the
 * command colours (its own colour sequences then pass).
 */
export const terminalIo = (colored: () => boolean): Io => ({
  out: (s) => STDIO.out(terminalSafe(s, colored())),
  err: (s) => STDIO.err(progressSafe(s, colored())),
});

/** What clears a progress line (carriage return, erase to the end of the line). */
export const CLEAR_PROGRESS = '\r\x1b[K';

/**
 * A progress line (`candidates` on a large input) starts with a carriage return, to overwrite
 * itself, and is cleared with CLEAR_PROGRESS: those two stay what they are, the rest is escaped
 * (README walk: the line printed "\r…\u001b[K" as text and grew instead of updating).
 */
export function progressSafe(s: string, color: boolean): string {
  if (s === CLEAR_PROGRESS) return s;
  // The rest on one line whatever it holds: a line feed in a file name made it grow (audit of the change).
  if (s.startsWith('\r')) return `\r${oneLine(s.slice(1), color)}`;
  return terminalSafe(s, color);
}

/**
 * A writer that gathers what it is given and hands it on in pieces of about 64 KiB: a command
 * that writes a record per candidate makes a few thousand writes, not a million. `pause()` hands
 * on what is gathered and gives `drained()` (wait on it between chunks of input); `flush()` at the end.
 */
export function batched(out: (s: string) => void, drained: () => Promise<void> | undefined = () => undefined): { readonly write: (s: string) => void; readonly flush: () => void; readonly pause: () => Promise<void> | undefined } {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length === 0) return;
    const text = parts.join('');
    parts = [];
    size = 0;
    out(text);
  };
  return {
    write: (s) => {
      parts.push(s);
      size += s.length;
      if (size >= 65536) flush();
    },
    flush,
    pause: () => {
      flush();
      return drained();
    },
  };
}

/**
 * Resolves when standard output has taken what was written (a pipe whose reader is slower than
 * sdpscope), or undefined at once when it has: commands that write a lot wait on it between
 * chunks, so that their output never piles up in memory.
 */
let draining: Promise<void> | undefined;

export function stdoutDrained(): Promise<void> | undefined {
  const o = process.stdout;
  if (!o.writableNeedDrain) return undefined;
  // One wait shared by every caller (the thread's pieces and the main side may wait at once): the
  // listeners on standard output stay two, however many wait.
  draining ??= new Promise<void>((resolve) => {
    const done = () => {
      o.off('drain', done);
      o.off('close', done);
      draining = undefined;
      resolve();
    };
    o.on('drain', done);
    o.on('close', done);
  });
  return draining;
}

/** What a closed standard output does: the program ends at once with 0, unless a command must finish first. */
const exitQuietly = () => process.exit(EXIT_OK);
let onClosedOutput: () => void = exitQuietly;

/**
 * Sets what a closed standard output does while a command runs (null: the default, an exit with
 * 0 at once). The relay stops as on SIGTERM instead: its log is flushed and says why.
 */
export function whenOutputCloses(f: (() => void) | null): void {
  onClosedOutput = f ?? exitQuietly;
}

/**
 * Runs a command's promise and exits with its code; prints one line on failure. Whoever reads
 * standard output may stop (`| head -1`): the program then ends at once, with 0, saying nothing.
 */
export function run(program: string, body: () => Promise<number>): void {
  let failed = false;
  // Standard output that cannot be written (`> /dev/full`, an I/O error) ends the program with one
  // coded line, as any other failure: what was to be written is lost, so it is not a success.
  const onOutputError = (e: unknown) => {
    if (closedPipe(e)) return onClosedOutput();
    if (failed) return;
    failed = true;
    const { code, message } = describeFailure(program, outputError(e));
    process.stderr.write(oneLine(message, false) + '\n', () => process.exit(code));
  };
  process.stdout.on('error', onOutputError);
  process.stderr.on('error', (e) => (closedPipe(e) ? process.exit(EXIT_OK) : undefined));
  body().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (closedPipe(e)) process.exit(EXIT_OK);
      if (isWriteError(e)) return onOutputError(e);
      if (failed) return;
      failed = true;
      const { code, message } = describeFailure(program, e);
      // A file name or a peer's value in the message is shown, not run (render/style.ts terminalSafe).
      process.stderr.write(oneLine(message, false) + '\n');
      process.exitCode = code;
      // Ended now, once what was written is out: a read of a pipe still open (`tail -f log |
      // sdpscope candidates --strict`) would otherwise keep the program until the pipe ends.
      process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
    },
  );
}
