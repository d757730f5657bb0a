/**
 * Hostile dumps: real ones with values swapped for what no browser writes (negative and
 * fractional numbers, objects where strings go, {"toString": 1}, nulls, huge strings), decoded
 * JSON strings mutated too. readStatsDump and explainIce may refuse (an SdpscopeError) but never
 * throw anything else. Seeded, so a failure replays.
 */
import { readFileSync } from 'node:fs';
import { readStatsDump } from '../../src/ice/dump.js';
import { describePair, explainCandidateError, explainIce } from '../../src/ice/explain.js';
import { SdpscopeError } from '../../src/errors.js';
import { dumpText } from '../support/dumps.js';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE: unknown[] = [-1, 1.5, 1e308, -0, 0, '', 'x'.repeat(10_000), null, true, [], {}, { toString: 1 }, { valueOf: 1, toString: null }, ['a', 1], '"quoted"', '{"not":"closed"', 'NaN', '9'.repeat(400), '__proto__'];

/** Replaces `count` random nodes of a JSON tree (strings holding JSON are entered too). */
function mutate(value: unknown, rnd: () => number, count: number): unknown {
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 12 || v === null || typeof v !== 'object') return;
    for (const [k, c] of Object.entries(v)) {
      nodes.push({ parent: v as Record<string, unknown>, key: Array.isArray(v) ? Number(k) : k });
      visit(c, depth + 1);
    }
  };
  visit(value, 0);
  for (let i = 0; i < count && nodes.length > 0; i++) {
    const n = nodes[Math.floor(rnd() * nodes.length)]!;
    const current = (n.parent as Record<string | number, unknown>)[n.key];
    let next = HOSTILE[Math.floor(rnd() * HOSTILE.length)];
    // A string holding JSON (webrtc-internals values, configurations): mutate inside it, keep it a string.
    if (typeof current === 'string' && /^[[{]/.test(current) && rnd() < 0.5) {
      try {
        next = JSON.stringify(mutate(JSON.parse(current), rnd, 2));
      } catch {
        /* not JSON after all */
      }
    }
    (n.parent as Record<string | number, unknown>)[n.key] = next;
  }
  return value;
}

const check = (text: string) => {
  try {
    readStatsDump(text).peerConnections.map(explainIce);
  } catch (e) {
    if (!(e instanceof SdpscopeError)) throw e;
  }
};

describe('hostile dumps', () => {
  it.each(['xuyu130-webrtc__webrtc_internals_dump.txt', 'hush_fm__webrtc_internals_dump.txt', 'lab/lost-mid-call__webrtc_internals_dump.gz'])('%s: 150 mutations, no exception but SdpscopeError', (file) => {
    const original = dumpText(file);
    const rnd = prng(20261203);
    for (let i = 0; i < 150; i++) check(JSON.stringify(mutate(JSON.parse(original), rnd, 1 + Math.floor(rnd() * 6))));
  });

  it.each(['jitsi-rtcstats-server__chrome-standard-pc-failed', 'lab/turn-tcp-only__rtcstats_dump.gz', 'lab/answer-refused__rtcstats_dump.gz'])('%s (line by line): 150 mutations', (file) => {
    const lines = dumpText(file).split('\n');
    const rnd = prng(7);
    for (let i = 0; i < 150; i++) {
      const out = lines.map((l) => {
        if (rnd() > 0.2 || !l.startsWith('[')) return l;
        try {
          return JSON.stringify(mutate(JSON.parse(l), rnd, 1 + Math.floor(rnd() * 3)));
        } catch {
          return l;
        }
      });
      check(out.join('\n'));
    }
  });
});

describe('dumps of very many events (parser audit: the call stack ran out)', () => {
  /** What readStatsDump and explainIce make of `text`: verdicts, or the code of an SdpscopeError. */
  const outcome = (text: string) => {
    try {
      return readStatsDump(text).peerConnections.map((pc) => explainIce(pc).verdict.code);
    } catch (e) {
      if (e instanceof SdpscopeError) return e.code;
      throw e;
    }
  };

  it('130,000 rtcstats events of one peer connection, and 140,000 failures: a verdict, no RangeError', () => {
    expect(outcome(`RTCStatsDump\n{}\n${'[7,"p",0,1]\n'.repeat(130_000)}`)).not.toEqual([]);
    expect(outcome(`RTCStatsDump\n{}\n${'[14,"p","e",1]\n'.repeat(140_000)}`)).toEqual(['not-negotiated']);
  });
});

describe('the dump readers\' redaction of JWTs', () => {
  it('finds one after a "-", as the word-boundary expression did, in time that grows like the text (audit of the change: it stopped)', async () => {
    const { redactUrl } = await import('../../src/ice/explain.js');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.abcdefgh';
    expect(redactUrl(`https://app.example/x-${jwt}`)).toBe('https://app.example/x-[redacted]');
    expect(redactUrl(`https://app.example/?session=x-${jwt}&y=1`)).not.toContain('abcdefgh');
    // Best of three: one run of each, beside the other suites on two cores, missed by 10% in a CI run.
    const time = (n: number) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        redactUrl(`https://x/${'-eyJ'.repeat(n)}`);
        best = Math.min(best, performance.now() - t);
      }
      return best;
    };
    time(1000);
    expect(time(256_000)).toBeLessThan(256 * 4 * Math.max(time(1000), 0.1) + 20);
  });
});

describe('numbers that overflow, and peer connections made by hand (library audit)', () => {
  it('bytes of 1e308 in a Firefox report leave no Infinity in the series; iceRestarts not a count is no NaN', () => {
    const text = readFileSync(new URL('../../samples/lab-no-nomination.about_webrtc_report.json', import.meta.url), 'utf8').replace(/"(bytesSent|bytesReceived)": *\d+/g, '"$1": 1e308');
    expect(text).toContain('1e308');
    for (const pc of readStatsDump(text).peerConnections) {
      const r = explainIce(pc);
      for (const p of r.pairs) for (const [, v] of [...p.series.bytesSent, ...p.series.bytesReceived]) expect(Number.isFinite(v)).toBe(true);
      expect(Number.isFinite(explainIce({ ...pc, iceRestarts: undefined as never }).restarts)).toBe(true);
    }
  });

  it('a peer connection made by hand with fields of the wrong kind is INVALID_ARGUMENT naming the field (ICE audit: TypeErrors, and NOT_TEXT about redactText)', () => {
    const pc = readStatsDump(dumpText('lab/lost-mid-call__webrtc_internals_dump.gz')).peerConnections[0]!;
    const stats = new Map(pc.stats);
    stats.set('p', { ...[...pc.stats.values()][0]!, series: undefined as never });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ id: undefined }, /id must be a string/],
      [{ url: 5 }, /url must be a string or null/],
      [{ configuration: 'x' }, /configuration must be an object or null/],
      [{ events: [null] }, /events must be \{time: a number or null, type: a string, value\}/],
      [{ events: [{ time: 'x', type: 'iceconnectionstatechange', value: 'connected' }] }, /events must be/],
      [{ stats }, /stats must map ids to histories/],
      [{ descriptions: [null] }, /descriptions must be/],
    ];
    for (const [change, message] of cases) {
      expect(() => explainIce({ ...pc, ...change } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) }));
    }
  });

  it('explainCandidateError and describePair refuse what an event or a pair never holds (it said "[object Object] failed (NaN)", or threw a TypeError)', () => {
    expect(() => explainCandidateError(Number.NaN, {} as never, [] as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => explainCandidateError('401' as never, null, null)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(explainCandidateError(701, 'turn:x', null)).toMatch(/^turn:x did not answer \(701/);
    expect(() => describePair(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => describePair({ local: 5, remote: null } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(describePair({ local: null, remote: null })).toBe('? ↔ ?');
  });
});

describe('forged proof of a connection (hostile-input audit of 2026-12-07)', () => {
  const ts = 1795501270152;
  const pair = { id: 'CP0', timestamp: ts, type: 'candidate-pair', transportId: 'T01', localCandidateId: 'L0', remoteCandidateId: 'R0', state: 'in-progress', nominated: false, requestsSent: 30, responsesReceived: 0, bytesSent: 0, bytesReceived: 0 };
  const local = { id: 'L0', timestamp: ts, type: 'local-candidate', transportId: 'T01', address: '10.0.0.1', port: 5000, protocol: 'udp', candidateType: 'host', priority: 2122260223 };
  const remote = { id: 'R0', timestamp: ts, type: 'remote-candidate', transportId: 'T01', address: '10.0.0.2', port: 6000, protocol: 'udp', candidateType: 'host', priority: 2122260223 };
  const verdict = (selected: string, ice = 'checking', answered = false) => {
    const p = answered ? { ...pair, state: 'succeeded', responsesReceived: 3 } : pair;
    const [report] = readStatsDump(JSON.stringify([p, local, remote, { id: 'T01', timestamp: ts, type: 'transport', selectedCandidatePairId: selected, dtlsState: ice === 'failed' ? 'failed' : 'new', iceState: ice }])).peerConnections.map(explainIce);
    return report!;
  };
  it('a transport whose selectedCandidatePairId names no pair (nothing, itself, a candidate), or a pair no check answered, is no sign that ICE connected: said, and the verdict is the pairs\'', () => {
    for (const id of ['NOPE', 'T01', 'L0']) {
      const r = verdict(id);
      expect(r.verdict.code).toBe('still-checking');
      expect(r.verdict.evidence).toContain(`a transport names as its selected pair ${id}, which is no candidate pair of the stats: not taken as a sign that ICE connected`);
      expect(verdict(id, 'failed').verdict.code).toBe('checks-unanswered');
    }
    const unanswered = verdict('CP0');
    expect(unanswered.verdict.code).toBe('still-checking');
    expect(unanswered.verdict.evidence).toContain('a transport names as its selected pair CP0, a pair that no check answered (in-progress, 30 requests sent, 0 responses): not taken as a sign that ICE connected');
    // The real thing: a pair answered, named selected.
    expect(verdict('CP0', 'connected', true).verdict.code).toBe('connected');
  });

  it('with DTLS connected (twilio-voice.js\'s real Chrome 2020 stats): a dangling or unanswered selected id is said, and the path claimed is the nominated pair that was answered (new-user audit: unsaid, and "connected through a TURN relay" from a pair of 0 responses)', () => {
    const stats = JSON.parse(dumpText('twilio-voice.js__chrome2020_rtcstatsreport-with-transport.json')) as Record<string, unknown>[];
    const transport = stats.find((r) => r['type'] === 'transport')!;
    const real = String(transport['selectedCandidatePairId']);
    const relay = stats.find((r) => r['type'] === 'candidate-pair' && r['id'] !== real)!;
    const withId = (id: string, edit: (r: Record<string, unknown>) => Record<string, unknown> = (r) => r) => readStatsDump(JSON.stringify(stats.map((r) => edit(r['type'] === 'transport' ? { ...r, selectedCandidatePairId: id } : r)))).peerConnections.map(explainIce)[0]!;
    const base = withId(real);
    const dangling = withId('RTCIceCandidatePair_nonexistent');
    expect(dangling.verdict.code).toBe(base.verdict.code);
    expect(dangling.verdict.evidence).toContain('a transport names as its selected pair RTCIceCandidatePair_nonexistent, which is no candidate pair of the stats: not taken as a sign that ICE connected');
    expect(dangling.verdict.evidence).toContainEqual(expect.stringMatching(/^selected pair \(the one named is no answered pair of the stats: the nominated pair that carried the most bytes\): /));
    const unanswered = withId(String(relay['id']), (r) => (r['id'] === relay['id'] ? { ...r, state: 'in-progress', responsesReceived: 0, bytesReceived: 0, bytesSent: 0 } : r));
    expect(unanswered.verdict.evidence).toContainEqual(expect.stringMatching(/^a transport names as its selected pair .*, a pair that no check answered \(in-progress, \d+ requests? sent, 0 responses\)/));
    expect(unanswered.selectedPair).toEqual(base.selectedPair);
  });
});
