/**
 * Properties over the real corpus and mutations of it (fast-check, fixed seed so a failure
 * replays): nothing throws except SdpscopeError with a code; whatever parses writes back to
 * exactly the same text; no input takes more than 10 ms (best of three runs, so a GC pause or a
 * busy CI core does not count; catastrophic regex backtracking would).
 */
import fc from 'fast-check';
import { tryParseCandidate, writeCandidate } from '../src/candidate/candidate.js';
import { explainCandidate } from '../src/candidate/explain.js';
import { ERROR_CODES, SdpscopeError } from '../src/errors.js';
import { readInput } from '../src/input/read.js';
import { parseSdp } from '../src/sdp/parse.js';
import { writeSdp } from '../src/sdp/write.js';
import { candidateLines, sdpFiles } from './support/corpus.js';

const SEED = 20261124;
const RUNS = 300;
const BUDGET_MS = 10;

const sdps = sdpFiles().map((f) => f.text);
const cands = candidateLines().map((l) => l.text);
const NASTY = ['\r', '\n', '\r\n', ' ', '  ', '=', ':', ';', '/', 'a=', 'm=', 'candidate:', 'typ', '\t', '\u0000', '\uFEFF', 'é', '9999999999999', '-1', '{', '"', '\\'];

/** A mutation: insert, delete, replace a slice, duplicate a line, or truncate. */
const mutate = (base: fc.Arbitrary<string>) =>
  fc.tuple(base, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom(...NASTY), fc.nat({ max: 4 })), { minLength: 1, maxLength: 6 })).map(([text, ops]) => {
    let t = text;
    for (const [pos, len, piece, op] of ops) {
      const p = t.length === 0 ? 0 : pos % (t.length + 1);
      if (op === 0) t = t.slice(0, p) + piece + t.slice(p);
      else if (op === 1) t = t.slice(0, p) + t.slice(p + len);
      else if (op === 2) t = t.slice(0, p) + piece + t.slice(p + len);
      else if (op === 3) {
        const lines = t.split('\n');
        const i = p % lines.length;
        lines.splice(i, 0, lines[i]!);
        t = lines.join('\n');
      } else t = t.slice(0, p);
    }
    return t;
  });

function bestOf3(f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function expectCoded(e: unknown): void {
  expect(e).toBeInstanceOf(SdpscopeError);
  expect(Object.keys(ERROR_CODES)).toContain((e as SdpscopeError).code);
}

/** tryParseCandidate's error: plain data of an SdpscopeError with a known code. */
function expectCodedInfo(e: unknown): void {
  expect(e).toMatchObject({ name: 'SdpscopeError', reason: expect.any(String) });
  expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
  expect(Object.keys(ERROR_CODES)).toContain((e as { code: string }).code);
}

describe('parseSdp/writeSdp over mutated corpus SDPs', () => {
  it('round-trips whatever it accepts, rejects with a code otherwise, fast', () => {
    fc.assert(
      fc.property(mutate(fc.constantFrom(...sdps)), (text) => {
        const ms = bestOf3(() => {
          try {
            const d = parseSdp(text);
            if (writeSdp(d) !== text) throw new Error('round trip broke');
          } catch (e) {
            if (e instanceof SdpscopeError) return;
            throw e;
          }
        });
        expect(ms).toBeLessThan(BUDGET_MS);
        try {
          expect(writeSdp(parseSdp(text))).toBe(text);
        } catch (e) {
          expectCoded(e);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('parseCandidate/writeCandidate over mutated corpus lines', () => {
  it('round-trips whatever it accepts, explains it, rejects with a code otherwise', () => {
    fc.assert(
      fc.property(mutate(fc.constantFrom(...cands)), (text) => {
        const ms = bestOf3(() => void tryParseCandidate(text));
        expect(ms).toBeLessThan(BUDGET_MS);
        const r = tryParseCandidate(text);
        if (r.ok) {
          expect(writeCandidate(r.candidate)).toBe(text);
          expect(() => explainCandidate(r.candidate)).not.toThrow();
        } else {
          expectCodedInfo(r.error);
          expect(r.error.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = tryParseCandidate(text);
        if (r.ok) expect(writeCandidate(r.candidate)).toBe(text);
        else expectCodedInfo(r.error);
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
  });
});

describe('readInput over mutated frames and logs', () => {
  const frames = sdps.slice(0, 8).map((sdp, i) => JSON.stringify({ type: i % 2 ? 'answer' : 'offer', sdp })).concat(cands.slice(0, 40).map((c) => JSON.stringify({ type: 'candidate', candidate: c, sdpMid: '0', sdpMLineIndex: 0 })));
  it('never throws, and reports problems with known kinds', () => {
    fc.assert(
      fc.property(mutate(fc.constantFrom(...frames, ...sdps.slice(0, 5))), (text) => {
        const ms = bestOf3(() => void readInput(text));
        expect(ms).toBeLessThan(BUDGET_MS);
        const r = readInput(text);
        for (const c of r.candidates) expect(c.candidate !== null || c.error !== null).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
