import { escapeUnsafe } from '../src/escape.js';

describe('escapeUnsafe', () => {
  it('writes controls, separators, bidi and invisible characters as JSON escapes, on one line', () => {
    expect(escapeUnsafe('a\nb\r\tc\x1b[2J\u0007\u009b\u202eRTL\u200bX\ufeff\u00ad')).toBe('a\\nb\\r\\tc\\u001b[2J\\u0007\\u009b\\u202eRTL\\u200bX\\ufeff\\u00ad');
  });
  it('escapes the look-alike blanks too: tag characters, the combining grapheme joiner, the Hangul fillers, the braille blank (audit of the change)', () => {
    expect(escapeUnsafe('default\u{E0041}|\u034f|\u3164|\u115f|\uffa0|\u2800')).toBe('default\\udb40\\udc41|\\u034f|\\u3164|\\u115f|\\uffa0|\\u2800');
  });
  it('returns printable text as it is, emoji and CJK included', () => {
    const t = 'room 日志 ✓ 😀 "quoted"';
    expect(escapeUnsafe(t)).toBe(t);
  });
  it('is linear: a megabyte of controls in one pass', () => {
    expect(escapeUnsafe('\u0001'.repeat(1 << 20))).toHaveLength(6 << 20);
  });
});
