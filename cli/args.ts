/**
 * What both command-line programs share about their arguments: one argument library (yargs),
 * one table of options per command (the parser and the unknown-option check read the same
 * table), `-` for standard input in every file position, numbers checked with a clear message,
 * `-h`/`--help`, `--version`, `--color`/`--no-color`. Pure but for the yargs instance it returns.
 */
import yargs, { type Argv, type Options } from 'yargs';
import ipaddr from 'ipaddr.js';
import { SdpscopeError } from '../src/errors.js';

/**
 * yargs reads a lone "-" as an empty option name, in a positional and as an option's value
 * (`--send -`). The program hands yargs this stand-in instead, and every file argument maps it
 * back to "-" (standard input).
 */
export const STDIN_ARG = '\u0000stdin';
/** What stands for an argument after "--" (a file named "--json"): yargs would not give it to a positional. */
const LITERAL = '\u0000lit:';

/** argv with every "-" (and `--opt=-`) replaced by {@link STDIN_ARG}, and what follows "--" kept as plain arguments. */
export function prepareArgv(argv: readonly string[]): string[] {
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  const literal = end < 0 ? [] : argv.slice(end + 1);
  return [
    ...options.map((a) => (a === '-' ? STDIN_ARG : /^--[^=]+=-$/.test(a) ? `${a.slice(0, -1)}${STDIN_ARG}` : a)),
    ...literal.map((a) => (a === '-' ? STDIN_ARG : LITERAL + a)),
  ];
}

/**
 * argv with each file argument named "help" kept as a file: yargs takes a last positional "help"
 * for --help (`sdp-diff offer.sdp help`, with a file of that name, printed the usage: README
 * audit). Positionals only, from the `skip`+1st on (sdpscope's first is its command; `sdpscope
 * help` stays help); an option's value is the option's, and an array option's values run to the
 * next option, as yargs reads them.
 */
export function helpAsFile(argv: readonly string[], table: OptionTable, skip = 0): string[] {
  const byName = new Map<string, Options>();
  for (const [name, o] of Object.entries(table)) for (const n of [name, ...[o.alias ?? []].flat()]) byName.set(n, o);
  let positionals = 0;
  let values: 'none' | 'one' | 'many' = 'none';
  return argv.map((a) => {
    if (a.startsWith('-') && a !== STDIN_ARG && !/^-[0-9]/.test(a)) {
      const names = a.startsWith('--') ? [a.slice(2)] : [...a.slice(1)];
      const o = a.includes('=') ? undefined : byName.get(names[names.length - 1]!);
      values = o === undefined || o.type === 'boolean' ? 'none' : o.array === true ? 'many' : 'one';
      return a;
    }
    if (values !== 'none') {
      if (values === 'one') values = 'none';
      return a;
    }
    if (a.startsWith(LITERAL)) return a;
    return ++positionals > skip && a === 'help' ? LITERAL + a : a;
  });
}

/** An argument as the user wrote it: "-" is standard input. */
export function fileArg(v: unknown): string {
  const s = String(v);
  return s === STDIN_ARG ? '-' : s.startsWith(LITERAL) ? s.slice(LITERAL.length) : s;
}

/** The last of an option's values when it was given more than once (yargs then makes a list of them). */
export const lastOf = (v: unknown): unknown => (Array.isArray(v) ? v[v.length - 1] : v);

/** A coerce function for an integer option in [min, max]; `words` maps accepted words to values ("unlimited"). */
export function integer<W = never>(name: string, min: number, max: number, words: Readonly<Record<string, W>> = {}): (v: unknown) => number | W {
  return (v: unknown) => {
    const text = String(lastOf(v));
    if (Object.hasOwn(words, text)) return words[text]!;
    const n = /^-?[0-9]+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const also = Object.keys(words).map((w) => ` or "${w}"`).join('');
      throw new SdpscopeError('USAGE', `--${name} must be an integer from ${min} to ${max}${also}, not "${text}"`);
    }
    return n;
  };
}

/** One command's options, as yargs takes them (an option that takes a value must be given one: see {@link parser}). */
export type OptionTable = Readonly<Record<string, Options>>;


/**
 * A table where every option that takes a value must be given one (`--port` alone is an error,
 * not the default), and one that takes one value, given twice, is the last one, as the integer
 * options have always read it (lab audit: "--nat-a full-cone --nat-a symmetric" reached the lab
 * as a list, which built a third NAT; "--browser-a firefox --browser-a chromium" needed
 * "undefined"). Lists (`array: true`: --origin, --video-codecs) keep every value.
 */
export function valued<T extends OptionTable>(table: T): T {
  return Object.fromEntries(
    Object.entries(table).map(([k, o]) => [k, o.type === 'boolean' ? o : { ...o, requiresArg: true, ...(o.array === true || o.coerce !== undefined ? {} : { coerce: lastOf }) }]),
  ) as T;
}

/** A coerce function for a text option that may not be empty (`--host ''`). */
export function nonEmpty(name: string): (v: unknown) => string {
  return (v: unknown) => {
    const text = String(lastOf(v));
    if (text.trim() === '') throw new SdpscopeError('USAGE', `--${name} is empty`);
    return text;
  };
}

/**
 * A coerce function for an address to bind (`relay --host`): a host name, or an IP address that
 * is one. Text of digits and dots must be an IPv4 address in four parts, and text with a colon an
 * IPv6 address (brackets allowed): `127.0.0.999` had been looked up in the DNS (getaddrinfo
 * ENOTFOUND), a query to the resolver for a typing error.
 */
export function bindHost(name: string): (v: unknown) => string {
  const text = nonEmpty(name);
  return (v: unknown) => {
    const host = text(v);
    const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
    if (/^[\d.]+$/.test(bare) && !ipaddr.IPv4.isValidFourPartDecimal(bare)) throw new SdpscopeError('USAGE', `--${name} ${host} is no IPv4 address (four numbers, 0 to 255, such as 127.0.0.1)`);
    if (bare.includes(':') && !ipaddr.IPv6.isValid(bare)) throw new SdpscopeError('USAGE', `--${name} ${host} is no IPv6 address (such as ::1)`);
    return host;
  };
}

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
  const booleans = new Set(Object.entries(table).filter(([, o]) => o.type === 'boolean').map(([n]) => n));
  for (const a of argv) {
    if (!a.startsWith('-') || a === STDIN_ARG || /^-[0-9]/.test(a)) continue;
    const name = a.replace(/^--?/, '').replace(/=.*$/, '');
    const names = a.startsWith('--') ? [name] : [...name];
    for (const n of names) {
      if (!known.has(n)) throw new SdpscopeError('USAGE', `unknown option ${a.startsWith('--') ? '--' : '-'}${n} (see ${program} --help)`);
    }
    // --json=maybe: yargs would read it as false.
    const value = /^--[^=]+=(.*)$/.exec(a)?.[1];
    if (value !== undefined && booleans.has(name) && value !== 'true' && value !== 'false') {
      throw new SdpscopeError('USAGE', `--${name} is a switch: --${name}, --no-${name}, or --${name}=true|false, not "${value}" (see ${program} --help)`);
    }
  }
}

/** yargs' messages in the words of the rest of the program, on one line. */
export function usageText(message: string): string {
  const m = message.replace(/\u0000stdin/g, '-').replace(/\u0000lit:/g, '');
  const choices = /^Invalid values:\s*Argument: ([\w-]+), Given: ("[^"]*"|\S+), Choices: (.*)$/s.exec(m);
  if (choices) return `--${choices[1]} must be one of ${choices[3]!.replace(/"/g, '').trim()}, not ${choices[2]}`;
  const conflict = /^Arguments ([\w-]+) and ([\w-]+) are mutually exclusive$/.exec(m);
  if (conflict) return `--${conflict[1]} and --${conflict[2]} exclude each other`;
  const unknown = /^Unknown arguments?: (.*)$/.exec(m);
  if (unknown) return `unexpected argument${unknown[1]!.includes(',') ? 's' : ''} ${unknown[1]}`;
  const missing = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(m);
  if (missing) return Number(missing[1]) === 0 ? 'nothing to read: give a file, or - for standard input' : `${Number(missing[2]) - Number(missing[1])} more file needed (- for standard input)`;
  const needs = /^Not enough arguments following: ([\w-]+)$/.exec(m);
  if (needs) return `--${needs[1]} needs a value`;
  return m.replace(/\s*\n\s*/g, ' ');
}

/** "sdpscope relay" for a command's errors, so that --help shows that command's options. */
function helpFor(program: string, argv: readonly string[]): string {
  const command = argv.find((a) => !a.startsWith('-') && !a.startsWith('\u0000'));
  return program === 'sdpscope' && command !== undefined && /^[a-z]+$/.test(command) ? `${program} ${command}` : program;
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
    // Examples are whole command lines: not wrapped, so that they copy and paste.
    .wrap(null)
    .fail((msg, err) => {
      // yargs hands a command's own errors through here as they are, and wraps what an option's
      // coerce threw (our range checks) in a YError that keeps only its message.
      if (err && err.name !== 'YError') throw err;
      throw new SdpscopeError('USAGE', `${usageText(err?.message ?? msg ?? 'bad arguments')} (see ${helpFor(program, argv)} --help)`);
    });
}
