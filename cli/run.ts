/** Shared CLI plumbing: one clear line on stderr and an exit code for every failure, never a stack trace. */
import { SdpscopeError } from '../src/errors.js';

export const EXIT_OK = 0;
/** The input was read and is valid, but has errors the command is about (sdp-diff: negotiation errors). */
export const EXIT_FINDINGS = 1;
/** Bad input or usage: missing file, directory, binary, empty, nothing found, unknown option. */
export const EXIT_BAD_INPUT = 2;
/** A bug in sdpscope. */
export const EXIT_INTERNAL = 70;

/** The exit code and stderr line for an error thrown by a command. Pure. */
export function describeFailure(program: string, e: unknown): { code: number; message: string } {
  if (e instanceof SdpscopeError) return { code: EXIT_BAD_INPUT, message: `${program}: ${e.message} [${e.code}]` };
  const message = e instanceof Error ? e.message : String(e);
  return { code: EXIT_INTERNAL, message: `${program}: internal error: ${message} (please report it)` };
}

/** Runs a command's promise; prints and exits on failure. */
export function run(program: string, body: () => Promise<number>): void {
  body().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const { code, message } = describeFailure(program, e);
      process.stderr.write(message + '\n');
      process.exitCode = code;
    },
  );
}

/**
 * yargs reads a lone "-" (stdin) as an empty flag: "" when typed string, true otherwise.
 * Coerce it back to "-" for file positionals.
 */
export function coerceFile(v: unknown): string {
  return v === true || v === '' ? '-' : String(v);
}
