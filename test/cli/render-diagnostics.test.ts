/** cli/render/diagnostics.ts: the text form of a list of findings. */
import { renderDiagnostics } from '../../cli/render/diagnostics.js';
import { makeStyle } from '../../cli/render/style.js';
import { diagnostic, type Diagnostic } from '../../src/diagnostics.js';

const plain = makeStyle(false);

describe('renderDiagnostics', () => {
  const bad = (line: number): Diagnostic => diagnostic('unparseable-candidate', 'not a candidate', { line, column: null, mid: null, session: null, errorCode: 'CANDIDATE_PREFIX' });
  const elided = diagnostic('diagnostics-elided', '650 more unparseable-candidate findings (lines 101 to 750), counted, not listed (the first 100 are)', { line: 101, column: null, mid: null, of: 'unparseable-candidate', count: 650, lastLine: 750 });

  it('past its limit, still says what was counted and not kept (diagnostics-elided), after the count of those not shown (candidates audit: "… and 81 more" of 750)', () => {
    const out = renderDiagnostics([...Array.from({ length: 100 }, (_, i) => bad(i + 1)), elided], plain, 20);
    expect(out).toHaveLength(22);
    expect(out[20]).toBe('… and 80 more');
    expect(out[21]).toMatch(/^info {4}diagnostics-elided \(line 101\): 650 more unparseable-candidate findings/);
  });

  it('within its limit, every finding in order', () => {
    const list = [bad(1), elided, bad(2)];
    expect(renderDiagnostics(list, plain, 5)).toHaveLength(3);
    expect(renderDiagnostics(list, plain)[1]).toMatch(/diagnostics-elided/);
  });
});
