import { escapeUnsafe } from '../src/escape.js';

describe('escapeUnsafe', () => {
  it('writes controls, separators, bidi and invisible characters as JSON escapes, on one line', () => {
    expect(escapeUnsafe('a\nb\r\tc\x1b[2J\u0007\u009b\u202eRTL\u200bX\ufeff\u00ad')).toBe('a\\nb\\r\\tc\\u001b[2J\\u0007\\u009b\\u202eRTL\\u200bX\\ufeff\\u00ad');
  });
  it('returns printable text as it is, emoji and CJK included', () => {
    const t = 'room 日志 ✓ 😀 "quoted"';
    expect(escapeUnsafe(t)).toBe(t);
  });
  it('is linear: a megabyte of controls in one pass', () => {
    expect(escapeUnsafe('\u0001'.repeat(1 << 20))).toHaveLength(6 << 20);
  });
});
