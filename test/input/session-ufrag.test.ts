/**
 * A ufrag past RFC 8839's 256 characters is carried by candidates and sessions in a marked short
 * form (src/input/session-ufrag.ts): the fuzz's output-bound class, a 178 KB ufrag written on each
 * of 4,397 candidates (796 MB of `parse --json` from 363 KB).
 */
import { readInput, scanInput } from '../../src/input/read.js';
import { sessionUfrag } from '../../src/input/session-ufrag.js';
import { CandidateAnalyzer } from '../../src/analysis/analyzer.js';

const sdp = (ufrag: string, n: number) => `v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=ice-ufrag:${ufrag}\r\na=ice-pwd:${'p'.repeat(24)}\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n${Array.from({ length: n }, (_, i) => `a=candidate:${i} 1 udp 2122260223 10.0.0.${i % 250} ${5000 + i} typ host\r\n`).join('')}`;

describe('sessionUfrag', () => {
  it('keeps a ufrag of up to 256 characters, marks a longer one with its length and a hash, the same text the same form', () => {
    expect(sessionUfrag(null)).toBe(null);
    expect(sessionUfrag('abcd')).toBe('abcd');
    expect(sessionUfrag('u'.repeat(256))).toBe('u'.repeat(256));
    const long = sessionUfrag('u'.repeat(5000))!;
    expect(long).toMatch(/^u{32}…\(5000 characters, #[0-9a-f]{8}\)$/);
    expect(sessionUfrag('u'.repeat(5000))).toBe(long);
    expect(sessionUfrag(`${'u'.repeat(4999)}v`)).not.toBe(long);
  });

  it('a description\'s candidates carry the short form, its session is one, and the description keeps the ufrag whole', () => {
    const ufrag = 'u'.repeat(100_000);
    const r = readInput(sdp(ufrag, 50));
    expect(r.descriptions[0]!.description.iceUfrag).toBe(ufrag);
    expect(new Set(r.candidates.map((c) => c.usernameFragment))).toEqual(new Set([sessionUfrag(ufrag)]));
    expect(JSON.stringify(r.candidates).length).toBeLessThan(100_000);
    const a = new CandidateAnalyzer();
    scanInput(sdp(ufrag, 50), a);
    expect(a.finish().sessions.map((s) => [s.ufrag, s.counts.total])).toEqual([[sessionUfrag(ufrag), 50]]);
  });
});
