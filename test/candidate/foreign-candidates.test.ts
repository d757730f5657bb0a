/**
 * sdpscope's reading of real candidate lines held to Chromium's addIceCandidate
 * (test/fixtures/verdicts/foreign-candidates.json.gz, made by `npm run verdicts`: every candidate
 * line of the shared corpus's logs and SDPs and of the real log samples, each once). A line
 * Chromium refused must be refused by sdpscope or read with a finding saying Chromium refuses it;
 * one it took must be read with no such finding. A line whose address whoever shared it redacted
 * ("[PUBLIC IP]") is not the line the browser saw, and says nothing of it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ForeignCandidateVerdicts } from '../../src/lab/foreign-verdicts.js';
import { tryParseCandidate } from '../../src/candidate/candidate.js';
import { explainCandidate } from '../../src/candidate/explain.js';
import { classifyAddress } from '../../src/candidate/address.js';

const fixture = JSON.parse(gunzipSync(readFileSync(fileURLToPath(new URL('../fixtures/verdicts/foreign-candidates.json.gz', import.meta.url)))).toString('utf8')) as ForeignCandidateVerdicts;

/** What sdpscope says of a line: refused (its code), read with the findings that say Chromium refuses it, or read; "redacted" for a line whose address is a redaction marker. */
function ours(line: string): string {
  const r = tryParseCandidate(line);
  // An address redacted by whoever shared the line, read or not (a line also cut short by them: "…xx 12360 typ srflx raddr 0.0.0.0 rport").
  if (classifyAddress(line.replace(/^(?:a=)?candidate:/i, '').split(/\s+/)[4] ?? '').family === 'redacted') return 'redacted';
  if (!r.ok) return `refused ${r.error.code}`;
  const warnings = explainCandidate(r.candidate).warnings;
  if (warnings.some((w) => w.kind === 'candidate-redacted-address')) return 'redacted';
  const refusing = warnings.filter((w) => / Chromium refuses/.test(w.message) || w.kind === 'candidate-unknown-type' || (w.kind === 'candidate-unknown-tcptype' && r.candidate.tcpType !== ''));
  return refusing.length > 0 ? `read, said refused (${refusing.map((w) => w.kind).join(', ')})` : 'read';
}

describe('real candidate lines, as Chromium\'s addIceCandidate takes them', () => {
  it('the fixture holds at least 600 distinct real lines, some refused', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(600);
    expect(new Set(fixture.cases.map((c) => c.line)).size).toBe(fixture.cases.length);
    expect(fixture.cases.filter((c) => c.chromium.startsWith('rejects')).length).toBeGreaterThan(3);
  });

  it('every line Chromium refused is refused, or read with a finding saying so; every line it took is read without one', () => {
    const wrong = fixture.cases.flatMap((c) => {
      const o = ours(c.line);
      if (o === 'redacted') return [];
      const fine = c.chromium.startsWith('rejects') ? /^(refused|read, said refused)/.test(o) : o === 'read';
      return fine ? [] : [`${c.id} ${JSON.stringify(c.line.slice(0, 100))}: Chromium ${c.chromium.slice(0, 40)}, sdpscope ${o}`];
    });
    expect(wrong).toEqual([]);
  });

  it('LiveKit\'s aligned columns and "tcptype  generation 0" are read with the reason Chromium refuses them (foreign-candidate audit: read, no word)', () => {
    expect(ours('candidate:2929762781 1 udp 2130706431 10.0.0.5      56869 typ host')).toBe('read, said refused (candidate-extension-value)');
    expect(ours('candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype  generation 0')).toMatch(/^read, said refused \(.*candidate-extension-value/);
    // network-cost is read as a number too: its empty value refused, one warning, not "takes the candidate" beside it (audit of the change).
    const cost = tryParseCandidate('candidate:6 1 udp 2122260223 10.0.0.10 56869 typ host ufrag abcd network-cost  10');
    expect(cost.ok && explainCandidate(cost.candidate).warnings.map((w) => w.message).filter((m) => /takes the candidate/.test(m))).toEqual([]);
    expect(ours('candidate:6 1 udp 2122260223 10.0.0.10 56869 typ host ufrag abcd network-cost  10')).toMatch(/^read, said refused/);
    // Where Chromium takes a run of blanks: after "typ host", after ufrag or an unknown name, and a last name with no value.
    for (const line of ['candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host  generation 0', 'candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host ufrag  abcd', 'candidate:1 1 udp 2122260223 10.0.0.1 50000 typ host foo  bar', 'candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype']) expect([line, ours(line)]).toEqual([line, 'read']);
    const tab = tryParseCandidate('candidate:1 1 udp\t2122260223 10.0.0.1 50000 typ host');
    expect(tab.ok && explainCandidate(tab.candidate).warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^a tab between fields, where Chromium splits at blanks only: Chromium refuses the candidate$/));
  });
});
