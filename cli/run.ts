/**
 * Shared CLI plumbing: one clear line on stderr and an exit code for every failure, never a stack
 * trace; a closed standard output (`| head`) ends the program quietly with 0.
 */
import { SdpscopeError } from '../src/errors.js';

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
 * Runs a command's promise and exits with its code; prints one line on failure. Whoever reads
 * standard output may stop (`| head -1`): the program then ends at once, with 0, saying nothing.
 */
export function run(program: string, body: () => Promise<number>): void {
  const onPipeError = (e: unknown) => {
    if (closedPipe(e)) process.exit(EXIT_OK);
    throw e;
  };
  process.stdout.on('error', onPipeError);
  process.stderr.on('error', (e) => (closedPipe(e) ? process.exit(EXIT_OK) : undefined));
  body().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      if (closedPipe(e)) process.exit(EXIT_OK);
      const { code, message } = describeFailure(program, e);
      process.stderr.write(message + '\n');
      process.exitCode = code;
    },
  );
}
