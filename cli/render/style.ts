/** Colours for the CLIs: chalk with an explicit level, so renders are pure and testable. */
import { Chalk, type ChalkInstance } from 'chalk';

export type Style = ChalkInstance;

/** A chalk instance: colour when `color` is true, plain text otherwise. */
export function makeStyle(color: boolean): Style {
  return new Chalk({ level: color ? 1 : 0 });
}

/**
 * Whether to colour, in this order: the flag (--color / --no-color) wins; then NO_COLOR (set and
 * not empty: no colour, no-color.org); then FORCE_COLOR as chalk reads it ("0" or "false": none;
 * "", "1", "true", "2", "3": colour); then whether the stream is a terminal (not TERM=dumb).
 */
export function wantColor(flag: boolean | undefined, stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (flag !== undefined) return flag;
  const no = env['NO_COLOR'];
  if (no !== undefined && no !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  return stream.isTTY === true && env['TERM'] !== 'dumb';
}

/** Pads plain text to a width, ignoring ANSI codes in the measurement. */
export function pad(text: string, width: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/\x1b\[[0-9;]*m/g, '').length;
  return visible >= width ? text : text + ' '.repeat(width - visible);
}

/** A left-aligned table: header row, then rows; columns as wide as their widest cell. */
export function table(header: string[], rows: string[][], s: Style): string {
  // eslint-disable-next-line no-control-regex
  const len = (t: string) => t.replace(/\x1b\[[0-9;]*m/g, '').length;
  const widths = header.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd();
  return [s.bold(line(header)), ...rows.map(line)].join('\n');
}
