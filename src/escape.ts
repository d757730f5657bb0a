/**
 * Text from the wire as it is to be shown on one line, in a terminal or a page: the characters
 * that act instead of showing (C0 and C1 controls, DEL, line and paragraph separators, the bidi
 * controls U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) and the invisible ones (soft
 * hyphen, zero-width spaces and joiners, word joiner, BOM, the combining grapheme joiner, the
 * Hangul fillers, the braille blank, the tag characters U+E0000–E007F) written as JSON writes escapes:
 * `\n`, `\r`, `\t`, else `\u001b`. One scan; the text itself when there is nothing to escape. Pure.
 */
/**
 * The characters that act instead of showing, or show as nothing, beyond the C0 and C1 controls:
 * a character class's inside (the terminal's escaping, cli/render/style.ts, builds on it too), and
 * the tag characters U+E0000–E007F as their surrogate pairs.
 */
export const INVISIBLE_CLASS = '\\u00ad\\u034f\\u061c\\u115f\\u1160\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\u2800\\u3164\\ufeff\\uffa0';
export const TAG_CHARACTERS = '\\udb40[\\udc00-\\udc7f]';

const UNSAFE = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${INVISIBLE_CLASS}]|${TAG_CHARACTERS}`, 'g');

/** One character (one UTF-16 unit, or a surrogate pair) as JSON escapes it: `\\u001b`, `\\udb40\\udc41`. */
export const unicodeEscape = (c: string): string => (c.length === 2 ? `\\u${c.charCodeAt(0).toString(16)}\\u${c.charCodeAt(1).toString(16)}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function escapeUnsafe(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  UNSAFE.lastIndex = 0;
  return text.replace(UNSAFE, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : unicodeEscape(c)));
}

/** Percent-encoded text decoded (`%20`, `%3D`: a URL's, FreeSWITCH's variables), or as written when it is not valid percent-encoding. Pure. */
export function percentDecoded(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
