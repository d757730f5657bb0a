import fc from 'fast-check';
import { decodePriority, encodePriority, formatPriorityParts } from '../../src/candidate/priority.js';
import { SdpscopeError } from '../../src/errors.js';

describe('decodePriority (RFC 8445 §5.1.2.1)', () => {
  it.each([
    [2122260223, 126, 32542, 1],
    [1686052607, 100, 32542, 1],
    [41885439, 2, 32542, 1],
    [2113937151, 126, 30, 1],
    [2122194686, 126, 32286, 2],
    [16777215, 0, 65535, 1],
    [0, 0, 0, 256],
  ])('%d → %d | %d | %d', (p, t, l, c) => {
    expect(decodePriority(p)).toEqual({ typePreference: t, localPreference: l, componentId: c });
    expect(encodePriority({ typePreference: t, localPreference: l, componentId: c })).toBe(p);
  });

  it('is the inverse of encodePriority over all 32-bit values', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (p) => encodePriority(decodePriority(p)) === p));
  });

  it('says a string is one (README walk: "5" read as "priority 5 is not an integer")', () => {
    expect(() => decodePriority('5' as never)).toThrow(expect.objectContaining({ code: 'PRIORITY_RANGE', reason: 'priority "5" (a string) is not an integer in 0..4294967295' }));
    expect(() => decodePriority(1.5)).toThrow(expect.objectContaining({ reason: 'priority 1.5 is not an integer in 0..4294967295' }));
    expect(() => decodePriority(null as never)).toThrow(expect.objectContaining({ reason: 'priority null is not an integer in 0..4294967295' }));
  });

  it.each([-1, 2 ** 32, 1.5, NaN])('rejects %p with PRIORITY_RANGE', (p) => {
    expect(() => decodePriority(p)).toThrow(expect.objectContaining({ code: 'PRIORITY_RANGE' }) as SdpscopeError);
  });

  it('rejects out-of-range parts with PREFERENCE_RANGE', () => {
    expect(() => encodePriority({ typePreference: 1, localPreference: 70000, componentId: 1 })).toThrow(expect.objectContaining({ code: 'PREFERENCE_RANGE' }) as SdpscopeError);
    expect(() => encodePriority({ typePreference: 1, localPreference: 1, componentId: 0 })).toThrow(expect.objectContaining({ code: 'PREFERENCE_RANGE' }) as SdpscopeError);
  });

  it('formats as the Trickle ICE page does', () => {
    expect(formatPriorityParts(decodePriority(2122260223))).toBe('126 | 32542 | 1');
  });
});
