/**
 * What both command-line programs share about their arguments: one argument library (yargs),
 * one table of options per command (the parser and the unknown-option check read the same
 * table), `-` for standard input in every file position, numbers checked with a clear message,
 * `-h`/`--help`, `--version`, `--color`/`--no-color`. Pure but for the yargs instance it returns.
 */
import yargs, { type Argv, type Options } from 'yargs';
import { SdpscopeError } from '../src/errors.js';

/**
 * yargs reads a lone "-" as an empty option name, in a positional and as an option's value
 * (`--send -`). The program hands yargs this stand-in instead, and every file argument maps it
 * back to "-" (standard input).
 */
export const STDIN_ARG = '\u0000stdin';

/** argv with every "-" (and `--opt=-`) replaced by {@link STDIN_ARG}. */
export function prepareArgv(argv: readonly string[]): string[] {
  return argv.map((a) => (a === '-' ? STDIN_ARG : /^--[^=]+=-$/.test(a) ? `${a.slice(0, -1)}${STDIN_ARG}` : a));
}

/** A file argument as the user wrote it: "-" is standard input. */
export function fileArg(v: unknown): string {
  const s = String(v);
  return s === STDIN_ARG ? '-' : s;
}

/** A coerce function for an integer option in [min, max]; `words` maps accepted words to values ("unlimited"). */
export function integer<W = never>(name: string, min: number, max: number, words: Readonly<Record<string, W>> = {}): (v: unknown) => number | W {
  return (v: unknown) => {
    const text = String(Array.isArray(v) ? v[v.length - 1] : v);
    if (Object.hasOwn(words, text)) return words[text]!;
    const n = /^-?[0-9]+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const also = Object.keys(words).map((w) => ` or "${w}"`).join('');
      throw new SdpscopeError('USAGE', `--${name} must be an integer from ${min} to ${max}${also}, not "${text}"`);
    }
    return n;
  };
}

/** One command's options, as yargs takes them. */
export type OptionTable = Readonly<Record<string, Options>>;

/** Options every command has. */
export const COMMON_OPTIONS: OptionTable = {
  color: { type: 'boolean', describe: 'colour on (--color) or off (--no-color); wins over NO_COLOR and FORCE_COLOR' },
};

/**
 * Refuses an option the command does not have, before yargs reads the rest: `parse --bogus
 * file` is "unknown option --bogus", not "not enough arguments" (yargs would take "file" as
 * the value of --bogus).
 */
export function checkOptions(argv: readonly string[], table: OptionTable, program: string): void {
  const known = new Set(['help', 'h', 'version']);
  for (const [name, o] of Object.entries(table)) {
    known.add(name);
    if (o.type === 'boolean') known.add(`no-${name}`);
    for (const a of [o.alias ?? []].flat()) known.add(a);
  }
  for (const a of argv) {
    if (a === '--') return;
    if (!a.startsWith('-') || a === STDIN_ARG || /^-[0-9]/.test(a)) continue;
    const name = a.replace(/^--?/, '').replace(/=.*$/, '');
    const names = a.startsWith('--') ? [name] : [...name];
    for (const n of names) {
      if (!known.has(n)) throw new SdpscopeError('USAGE', `unknown option ${a.startsWith('--') ? '--' : '-'}${n} (see ${program} --help)`);
    }
  }
}

/** The yargs parser with the conventions of both programs; failures become USAGE errors. */
export function parser(program: string, argv: readonly string[], version: string): Argv {
  return yargs(argv)
    .scriptName(program)
    .strict()
    .help()
    .alias('h', 'help')
    .version(version)
    .options(COMMON_OPTIONS)
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // yargs hands a command's own errors through here as they are, and wraps what an option's
      // coerce threw (our range checks) in a YError that keeps only its message.
      if (err && err.name !== 'YError') throw err;
      const text = (err?.message ?? msg ?? 'bad arguments').replace(/\u0000stdin/g, '-');
      throw new SdpscopeError('USAGE', `${text} (see ${program} --help)`);
    });
}
