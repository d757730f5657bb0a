/** The table measures of cli/render/style.ts: columns as a terminal shows them, cuts that keep characters whole. */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { clip, visibleLength } from '../../cli/render/style.js';

describe('visibleLength', () => {
  it('gives what string-width gives, a character at a time where no character joins a cluster', () => {
    const cases = ['', 'abc', '日志.log:1', 'é漢字', 'a\u200bb', 'x…', '😀 ok', '👨‍👩‍👧', 'e\u0301', 'ｱｲ', '한국어', '🇫🇷', '\ud800x', '1\u20e3', '☺\ufe0f', '👍🏽', 'ß Ω Ж ע ش', '\u00a0x'];
    for (const t of cases) expect([t, visibleLength(t)]).toEqual([t, stringWidth(t)]);
  });

  it('agrees with string-width on random text of every plane (seeded), its colour codes aside', () => {
    // Printable text as a cell holds it once escaped: no C0, DEL or C1 controls.
    const printable = fc.fullUnicodeString({ maxLength: 24 }).map((s) => s.replace(/[\x00-\x1f\x7f-\x9f]/g, ''));
    fc.assert(
      fc.property(printable, fc.boolean(), (t, red) => {
        const cell = red ? `\x1b[31m${t}\x1b[39m` : t;
        expect([t, visibleLength(cell)]).toEqual([t, stringWidth(t)]);
      }),
      { seed: 20261204, numRuns: 3000 },
    );
  });

  it('counts ASCII text less its colour codes, as a copy without them measures it, whatever escapes and near-codes it holds (seeded)', () => {
    const piece = fc.constantFrom('\x1b[31m', '\x1b[39m', '\x1b[1;4m', '\x1b[m', '\x1b[', '\x1b[3', '\x1b[31', '\x1b[31x', '\x1b', '\x1b\x1b[2m', '[31m', 'm', ';', '9', 'ab', ' ');
    const text = fc.array(piece, { maxLength: 12 }).map((ps) => ps.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect([t, visibleLength(t)]).toEqual([t, t.replace(/\x1b\[[0-9;]*m/g, '').length]);
      }),
      { seed: 20261206, numRuns: 3000 },
    );
  });
});

describe('clip', () => {
  it('cuts to the length with an ellipsis, never between the halves of a character', () => {
    expect(clip('abcdef', 10)).toBe('abcdef');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('abc😀d', 5)).toBe('abc…');
  });
});

describe('terminal text from the wire', () => {
  it('escapes invisible characters as the pages do (rooms "default" and "default\\u200b" printed alike; lab audit), and cuts a frame line\'s own words', async () => {
    const { oneLine } = await import('../../cli/render/style.js');
    const { renderRelayLine } = await import('../../cli/commands/relay.js');
    const { makeStyle } = await import('../../cli/render/style.js');
    expect(oneLine('default\u200b \u00ad\ufeff\u2060x', false)).toBe('default\\u200b \\u00ad\\ufeff\\u2060x');
    const line = renderRelayLine({ kind: 'frame', time: '2026-12-05T23:00:00.000Z', room: 'r\u200b', from: 'c1', to: ['c2'], size: 5000, summary: { kind: 'signal', type: 'x'.repeat(5000) }, text: 'x'.repeat(5000) }, makeStyle(false));
    expect(line).toContain('r\\u200b');
    expect(line.length).toBeLessThan(400);
    expect(line.endsWith('x…')).toBe(true);
    // Cut once escaped (5,000 zero-width spaces were a 1,842-character line), never inside a surrogate pair.
    const zw = renderRelayLine({ kind: 'frame', time: '2026-12-05T23:00:00.000Z', room: 'r', from: 'c1', to: ['c2'], size: 5000, summary: { kind: 'signal', type: 'x' }, text: '\u200b'.repeat(5000) }, makeStyle(false));
    expect(zw.length).toBeLessThan(400);
    const emoji = renderRelayLine({ kind: 'frame', time: '2026-12-05T23:00:00.000Z', room: 'r', from: 'c1', to: ['c2'], size: 5000, summary: { kind: 'signal', type: 'x' }, text: 'a'.repeat(298) + '😀zzz' }, makeStyle(false));
    expect(emoji).not.toMatch(/[\ud800-\udbff]…$/);
    expect(emoji.endsWith('a…')).toBe(true);
  });
});
