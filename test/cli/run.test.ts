/** cli/run.ts: what the commands write to a terminal. */
import { CLEAR_PROGRESS, progressSafe } from '../../cli/run.js';

describe('progressSafe (what reaches a terminal on stderr)', () => {
  it('keeps the carriage return that starts a progress line and the sequence that clears it; escapes the rest (README walk: both were printed as text)', () => {
    expect(progressSafe('\rbig.log: 5% (1 of 20 MB), 253 lines', false)).toBe('\rbig.log: 5% (1 of 20 MB), 253 lines');
    expect(progressSafe(CLEAR_PROGRESS, false)).toBe('\r\x1b[K');
    // A file name with control characters stays escaped inside the line.
    expect(progressSafe('\rev\x1b[2Jil\r.log: 5%', false)).toBe('\rev\\u001b[2Jil\\r.log: 5%');
    // Anything else as before: a carriage return elsewhere, or a line of text with one, is escaped.
    expect(progressSafe('a\rb\n', false)).toBe('a\\rb\n');
    // A line feed in a file name stays inside the line (audit of the change: the line grew).
    expect(progressSafe('\rwe\nird.log: 5%', false)).toBe('\rwe\\nird.log: 5%');
  });
});
