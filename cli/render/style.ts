/** Colours for the CLIs: chalk with an explicit level, so renders are pure and testable. */
import { Chalk, type ChalkInstance } from 'chalk';
import { eastAsianWidth } from 'get-east-asian-width';
import stringWidth from 'string-width';
import { INVISIBLE_CLASS, TAG_CHARACTERS, unicodeEscape } from '../../src/escape.js';

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
  const visible = visibleLength(text);
  return visible >= width ? text : text + ' '.repeat(width - visible);
}

/**
 * The width of text as a terminal shows it, in columns, without its colour codes: ASCII (nearly
 * every cell) by its length; anything else by the terminals' rule (columns: a CJK character or an
 * emoji takes two columns, a combining mark or a zero-width space none): a file named
 * 日志.log, an sdpMid é漢字, measured by their UTF-16 length, pushed the columns after them out of line.
 */
export function visibleLength(text: string): number {
  const esc = text.indexOf('\x1b');
  // ASCII (colour codes are): its length less its colour codes', counted in place (a copy
  // without them, per cell of a coloured table, was a twelfth of `parse`).
  if (!NOT_ASCII.test(text)) return esc < 0 ? text.length : text.length - ansiLength(text, esc);
  return columns(esc < 0 ? text : text.replace(ANSI, ''));
}

/** The UTF-16 units of the colour codes in `text` (what ANSI matches), the first escape at `from`. */
function ansiLength(text: string, from: number): number {
  let n = 0;
  for (let i = from; i >= 0; i = text.indexOf('\x1b', i + 1)) {
    if (text.charCodeAt(i + 1) !== 91) continue;
    let j = i + 2;
    for (let c = text.charCodeAt(j); (c >= 48 && c <= 57) || c === 59; c = text.charCodeAt(++j));
    if (text.charCodeAt(j) === 109) {
      n += j + 1 - i;
      i = j;
    }
  }
  return n;
}

// (One native scan each: a loop over the characters in JavaScript cost a tenth of a table's time.)
const NOT_ASCII = /[^\x00-\x7e]/;
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/;

/**
 * What joins characters into one cluster on a terminal (combining and enclosing marks, format
 * and default-ignorable characters such as ZWJ and variation selectors, emoji modifiers, regional
 * indicators, Hangul jamo, the keycap mark) and lone surrogates: text holding none is measured a
 * character at a time.
 */
const CLUSTERED = /[\p{Mn}\p{Me}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Emoji_Modifier}\p{Regional_Indicator}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u20e3]/u;

/**
 * Columns of text without colour codes: each character's East Asian Width (get-east-asian-width:
 * wide and fullwidth two, the rest one), unless a character joins others into a cluster, then
 * string-width's grapheme rules. string-width alone segments every string (Intl.Segmenter, an
 * emoji regex per cluster): 55 µs for a 70-character cell with one emoji, 60% of `parse` on a log
 * of such invalid candidates.
 */
function columns(plain: string): number {
  if (CLUSTERED.test(plain)) return stringWidth(plain);
  let width = 0;
  for (let i = 0; i < plain.length; i++) {
    const c = plain.codePointAt(i)!;
    if (c > 0xffff) i++;
    width += c < 0x7f ? 1 : eastAsianWidth(c);
  }
  return width;
}

/** The widest a table cell is shown (the JSON output has every field whole). */
export const MAX_CELL = 64;

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * A cell as shown: its control characters escaped as the terminal filter escapes them (so that
 * its width is measured as written: oneLine, `color` as the style's), cut to MAX_CELL visible
 * characters with an ellipsis (a field of a hostile line may be a megabyte).
 */
export function fitCell(raw: string, color: boolean, max = MAX_CELL): string {
  const cell = oneLine(raw, color);
  if (cell.length <= max) return cell;
  const plain = cell.indexOf('\x1b') < 0 ? cell : cell.replace(ANSI, '');
  return plain.length <= max ? cell : clip(plain, max);
}

/** Text cut to `max` UTF-16 units, the last an ellipsis, never between the two halves of a character. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** Widens `widths` (one per column) to hold a row of cells already cut (fitCell). */
export function widenTo(widths: number[], cells: readonly string[]): void {
  for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, visibleLength(cells[i] ?? ''));
}

/** One line of a table: each cell but the last padded to its column's width, two spaces apart. */
export function tableLine(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!))).join('  ').trimEnd();
}

/**
 * A left-aligned table: header row, then rows; columns as wide as their widest cell (cells cut at
 * MAX_CELL). A table too long to hold is written by widths first (widenTo), then lines (tableLine).
 * `lastMax`: where the last column's cells are cut, which moves no column after them (sdp-diff's
 * reason a codec was dropped, cut at 64, had lost its point: README audit).
 */
export function table(header: string[], rows: string[][], s: Style, lastMax = MAX_CELL): string {
  const color = s.level > 0;
  const cut = rows.map((r) => r.map((c, i) => fitCell(c, color, i === r.length - 1 ? lastMax : MAX_CELL)));
  const widths = header.map(visibleLength);
  for (const r of cut) widenTo(widths, r);
  return [s.bold(tableLine(header, widths)), ...cut.map((r) => tableLine(r, widths))].join('\n');
}

const UNSAFE = new RegExp(`[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f${INVISIBLE_CLASS}]|${TAG_CHARACTERS}`, 'g');
// With colour: the same, but the SGR sequences the style writes (bold, dim, underline, red to cyan
// and their ends, chalk level 1) pass; an input's own (conceal, black, a background) do not.
const UNSAFE_BUT_OURS = new RegExp(`[\\x00-\\x08\\x0b-\\x1a\\x1c-\\x1f\\x7f-\\x9f${INVISIBLE_CLASS}]|${TAG_CHARACTERS}|\\x1b(?!\\[(?:1|2|4|22|24|3[1-6]|39)m)`, 'g');

/**
 * Text as a terminal is to show it: the control characters an input brings (a hostile SDP's
 * `\x1b]0;…\x07` retitles the terminal, `\x1b[2J` clears it, `\x1b[8m` hides what follows, `\r`
 * writes over the line before, U+009B is a CSI to some terminals, U+202E turns the text around, as
 * do the other bidi controls: U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), and the
 * invisible ones (soft hyphen, zero-width spaces and joiners, word joiner, BOM: rooms "default"
 * and "default\u200b" printed alike; lab audit), the set src/escape.ts escapes on pages,
 * written as JSON writes them (`\u001b`, `\u009b`, `\u202e`; `\r`), never acted on. Kept: line
 * feeds, tabs, and with colour the style's own colour sequences. JSON stays JSON: it has no raw
 * C0 character, and the others, inside its strings, become the escapes JSON reads back as them.
 * One scan of the text; a copy only when there is something to escape.
 */
export function terminalSafe(text: string, color: boolean): string {
  const re = color ? UNSAFE_BUT_OURS : UNSAFE;
  re.lastIndex = 0;
  if (!re.test(text)) return text;
  re.lastIndex = 0;
  return text.replace(re, (c) => (c === '\r' ? '\\r' : unicodeEscape(c)));
}

/**
 * Text that is to stay on one line of a terminal (a table cell, a one-line error): terminalSafe,
 * and its line feeds and tabs, which that keeps, written as JSON writes them (`\n`, `\t`): a line
 * feed in an sdpMid or a file name broke the row, a tab moved the columns after it.
 */
export function oneLine(text: string, color: boolean): string {
  // Printable ASCII (nearly every cell of a million-row table): nothing to escape.
  if (!NOT_PRINTABLE_ASCII.test(text)) return text;
  const safe = terminalSafe(text, color);
  return safe.indexOf('\n') < 0 && safe.indexOf('\t') < 0 ? safe : safe.replace(/[\n\t]/g, (c) => (c === '\n' ? '\\n' : '\\t'));
}
