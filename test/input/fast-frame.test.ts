/**
 * The fast frame path finds exactly what the JSON walk finds, on every line it takes: real
 * frame lines (the samples, the lab's relay logs) and fuzzed ones (fast-check, fixed seed):
 * frames of every shape the seed and the relay write, with keys, values, nesting, spacing and
 * duplicates drawn to trip it, and mutations of their text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { fastFrame } from '../../src/input/fast-frame.js';
import { walkJson } from '../../src/input/json-walk.js';
import { collectingSink } from '../../src/input/read.js';
import type { InputReport, WalkContext } from '../../src/input/types.js';
import { candidateLines, sample } from '../support/corpus.js';

const SEED = 20261202;
const CTX: WalkContext = { line: 7, format: 'json', file: 'x.log' };

/** What a report holds, independent of key order (sources are compared as plain data). */
const plain = (r: InputReport) => JSON.parse(JSON.stringify(r)) as unknown;

/** Runs both paths; returns whether the fast one took the line. */
function agree(line: string): boolean {
  const fast = collectingSink();
  const took = fastFrame(line, CTX, fast);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    // Not JSON: the fast path must not have taken it.
    expect({ line, took }).toEqual({ line, took: false });
    return false;
  }
  if (!took) {
    expect(fast.report).toEqual({ descriptions: [], candidates: [], endOfCandidates: [], problems: [] });
    return false;
  }
  const slow = collectingSink();
  walkJson(parsed, CTX, slow);
  expect({ line, report: plain(fast.report) }).toEqual({ line, report: plain(slow.report) });
  return true;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('fast frames on real lines', () => {
  const lines = [
    ...sample('call.ndjson').split('\n'),
    ...sample('lab-chromium-firefox.ndjson').split('\n'),
    ...readdirSync(join(ROOT, 'test/fixtures/lab')).flatMap((d) => {
      try {
        return readFileSync(join(ROOT, 'test/fixtures/lab', d, 'relay.ndjson'), 'utf8').split('\n');
      } catch {
        return [];
      }
    }),
    ...(JSON.parse(sample('candidates.json')) as unknown[]).map((f) => JSON.stringify(f)),
  ].filter((l) => l.trim().startsWith('{'));

  it('agrees with the walk on every one, and takes the candidate frames', () => {
    let taken = 0;
    for (const l of lines) if (agree(l.trim())) taken++;
    // Every single-candidate frame of these logs is one the fast path reads.
    const candidateFrames = lines.filter((l) => l.split('candidate:').length === 2 && !l.includes('\\')).length;
    expect(taken).toBe(candidateFrames);
    expect(taken).toBeGreaterThan(20);
  });
});

describe('fast frames on fuzzed lines', () => {
  const cands = candidateLines().map((l) => l.text).filter((t) => !t.includes('"') && !t.includes('\\'));
  const keys = fc.constantFrom('candidate', 'sdpMid', 'sdpMLineIndex', 'usernameFragment', 'time', 'timestamp', 'ts', 'from', 'sender', 'room', 'type', 'frame', 'summary', 'to', 'size', 'x', 'sdp', 'offer', 'PeerConnections');
  const strings = fc.oneof(
    fc.constantFrom(...cands.slice(0, 40)),
    fc.constantFrom('', '0', '1', 'audio', 'candidate', 'offer', 'r1', 'c1', 'v=0', 'type: offer, sdp: v=0', 'sdpMid: 0, sdpMLineIndex: 0, candidate: x', '{}', '[1]', '{x', '2026-11-24T06:00:00.000Z', 'é', '\t'),
    fc.string({ maxLength: 8 }),
  );
  const numbers = fc.oneof(fc.integer({ min: -3, max: 5 }), fc.constantFrom(0.5, 1e21, -0, 1.7e12, 1234567890123), fc.double({ noNaN: true, noDefaultInfinity: true }));
  const { value } = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, strings, numbers, fc.boolean(), fc.constant(null), tie('object'), fc.array(tie('value'), { maxLength: 3 })),
    object: fc.array(fc.tuple(keys, tie('value')), { maxLength: 6 }).map((entries) => Object.fromEntries(entries)),
  }));
  /** Frames shaped like the real ones, with fuzzed parts. */
  const frame = fc.tuple(fc.constantFrom(...cands.slice(0, 60)), fc.dictionary(keys, value, { maxKeys: 4 }), fc.dictionary(keys, value, { maxKeys: 4 }), fc.nat({ max: 4 })).map(([c, extra, wrapper, shape]) => {
    const init = { candidate: c, ...extra };
    switch (shape) {
      case 0:
        return { type: 'candidate', ...init };
      case 1:
        return { type: 'candidate', candidate: init };
      case 2:
        return { ...wrapper, frame: { type: 'candidate', candidate: init } };
      case 3:
        return { ...wrapper, frame: { ...extra, type: 'candidate', candidate: c } };
      default:
        return init;
    }
  });
  /** The text: as JSON.stringify writes it, or spaced, with duplicate keys, or mutated. */
  const text = fc.tuple(fc.oneof(frame, value), fc.nat({ max: 5 }), fc.nat(), fc.constantFrom(' ', '"', '}', ',', ':', '{"sdpMid":"9",', ',"sdpMid":5', 'candidate:', '1e5', '-', '\\')).map(([v, how, pos, piece]) => {
    const t = JSON.stringify(v) ?? 'null';
    if (how === 0) return JSON.stringify(v, null, 1)?.replace(/\n/g, ' ') ?? t;
    if (how === 1 && t.startsWith('{"')) return t.replace(/^\{("[^"]*":"[^"]*")/, '{$1,$1');
    if (how >= 3) {
      const p = pos % (t.length + 1);
      return how === 3 ? t.slice(0, p) + piece + t.slice(p) : t.slice(0, p) + t.slice(p + 1);
    }
    return t;
  });

  it('agrees with the walk on whatever it takes, and takes plain frames', () => {
    let taken = 0;
    fc.assert(
      fc.property(text, (line) => {
        if (agree(line)) taken++;
      }),
      { seed: SEED, numRuns: 3000 },
    );
    expect(taken).toBeGreaterThan(300);
  });
});
