/**
 * Everything the library returns survives JSON.stringify as is: only strings, finite numbers,
 * booleans, null, plain arrays and objects (no bigint, no undefined, no NaN or Infinity, no
 * class instance), errors through their documented toJSON; parsed back, it is the same data.
 * Checked on what every public function returns over the samples and the corpus.
 */
import {
  CandidateAnalyzer,
  diffDescriptions,
  explainCandidate,
  negotiate,
  pairFromOne,
  parseCandidate,
  parseSdp,
  readInput,
  scanInput,
  SdpscopeError,
  summarizeFrame,
  tryParseCandidate,
} from '../src/index.js';
import { candidateLines, corpusFile, sample, sdpFiles } from './support/corpus.js';

/** The first place in `v` that JSON would change or refuse, or null. */
function unsafe(v: unknown, at = '$'): string | null {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return null;
  if (typeof v === 'number') return Number.isFinite(v) ? null : `${at}: ${v}`;
  if (typeof v !== 'object') return `${at}: a ${typeof v}`;
  if (v instanceof SdpscopeError) return unsafe(v.toJSON(), `${at}.toJSON()`);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = unsafe(v[i], `${at}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return `${at}: an instance of ${(v as object).constructor.name}`;
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) return `${at}.${k}: undefined`;
    const bad = unsafe(x, `${at}.${k}`);
    if (bad) return bad;
  }
  return null;
}

/** Safe, and JSON.parse(JSON.stringify(v)) and structuredClone(v) are v (errors in results are plain data). */
function expectJson(v: unknown): void {
  expect(unsafe(v)).toBeNull();
  const back = JSON.parse(JSON.stringify(v)) as unknown;
  const errorsAsJson = JSON.parse(JSON.stringify(v, (_k, x: unknown) => (x instanceof SdpscopeError ? x.toJSON() : x))) as unknown;
  expect(back).toEqual(errorsAsJson);
}

/** Results hold no class instance at all (a Web Worker's postMessage keeps all of them). */
function expectPlain(v: unknown): void {
  expect(JSON.stringify(structuredClone(v))).toBe(JSON.stringify(v));
}

const texts = [
  sample('offer.json'),
  sample('answer.json'),
  sample('call.ndjson'),
  sample('candidates.json'),
  sample('alice.log'),
  sample('webrtc-internals-dump.json'),
  sample('lab-chromium-firefox.ndjson'),
  corpusFile('dumps/local__chromium156_webrtc_internals_audio_video_dc.json'),
];

describe('what the library returns is JSON as is', () => {
  it('parseSdp, on every corpus SDP', () => {
    for (const f of sdpFiles()) expectJson(parseSdp(f.text));
  });

  it('parseCandidate, tryParseCandidate (errors included) and explainCandidate, on every corpus line', () => {
    for (const l of candidateLines()) {
      const r = tryParseCandidate(l.text);
      expectJson(r);
      if (r.ok) expectJson([parseCandidate(l.text), explainCandidate(r.candidate)]);
    }
    expectJson(tryParseCandidate('candidate:1 1 udp 1 1.2.3.4 99999 typ host'));
  });

  it('readInput, on the samples and a dump, and survives structuredClone (rejected candidates keep their error)', () => {
    for (const t of texts) {
      expectJson(readInput(t));
      expectPlain(readInput(t));
    }
    const bad = readInput('a=candidate:1 1 udp x 1.2.3.4 5 typ host\ncandidate:1 1 udp 1 1.2.3.4 99999 typ host');
    expect(structuredClone(bad).candidates.map((c) => c.error?.code)).toEqual(['CANDIDATE_PRIORITY', 'CANDIDATE_PORT']);
  });

  it('negotiate, diffDescriptions and the description pair', () => {
    const found = readInput(sample('call.ndjson')).descriptions;
    const pair = pairFromOne(found, 'call.ndjson');
    expectJson(pair);
    expectJson(negotiate(pair.first.description, pair.second.description));
    expectJson(diffDescriptions(pair.first.description, pair.second.description));
  });

  it('CandidateAnalyzer.finish (pairs with 64-bit priorities, kept candidates, records)', () => {
    for (const t of texts) {
      const a = new CandidateAnalyzer({ keepRecords: true });
      scanInput(t, a);
      const r = a.finish();
      expectJson(r);
      if (r.calls.some((c) => c.pairs.length > 0)) expect(typeof r.calls.find((c) => c.pairs.length > 0)!.pairs[0]!.priority).toBe('string');
    }
  });

  it('summarizeFrame', () => {
    for (const line of sample('call.ndjson').split('\n').filter(Boolean)) expectJson(summarizeFrame(JSON.parse(line)));
  });

  it('an SdpscopeError serialises with its code, reason and position', () => {
    const r = tryParseCandidate('candidate:1 1 udp 1 1.2.3.4 99999 typ host');
    expect(JSON.parse(JSON.stringify(r))).toMatchObject({ ok: false, error: { name: 'SdpscopeError', code: 'CANDIDATE_PORT', reason: 'port must be a number from 0 to 65535, not "99999"', column: 29, line: null } });
  });
});
