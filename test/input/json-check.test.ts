/**
 * isJson against its oracle, JSON.parse: the same verdict on real JSON (the corpus's dumps and
 * frames, the samples), on every line of them, on hand-picked edges of RFC 8259's grammar, and on
 * seeded mutations of all of those. JsonParser gives JSON.parse's values, before and after it
 * starts checking first. The readers that use it keep their answers on input full of bad lines.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readStatsDump } from '../../src/ice/dump.js';
import { isJson, JsonParser, nestsDeeperThan, NOT_JSON } from '../../src/input/json-check.js';
import { readInput } from '../../src/input/read.js';
import { Rng } from '../../scripts/fuzz/mutate.js';
import { CORPUS, SAMPLES } from '../support/corpus.js';
import { streamed } from '../support/streamed.js';

const DUMPS = fileURLToPath(new URL('../fixtures/dumps', import.meta.url));

const parses = (t: string): boolean => {
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
};

/** The corpus's and the samples' JSON-bearing files, as text (compressed ones skipped). */
function jsonishFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const dir of [join(CORPUS, 'dumps'), join(CORPUS, 'candidates'), SAMPLES, DUMPS]) {
    for (const f of readdirSync(dir).sort()) {
      const p = join(dir, f);
      if (!statSync(p).isFile() || f.endsWith('.gz') || f.endsWith('.md')) continue;
      out.push({ name: f, text: readFileSync(p, 'utf8') });
    }
  }
  return out;
}

/** Characters that matter to the grammar, and a few that do not belong anywhere in it. */
const ALPHABET = ['{', '}', '[', ']', '"', '\\', ':', ',', ' ', '\t', '\n', '\r', '-', '+', '.', 'e', 'E', '0', '1', '9', 't', 'f', 'n', 'u', 'a', 'x', '\u0000', '\u001f', '\ud800', '\u2028', '/', 'null', 'true', 'false', '\\u00e9', '\\uD83D'];

/** One to three edits (delete, insert, replace a character, cut the rest), seeded (the fuzzer's Rng). */
function mutate(text: string, rng: Rng): string {
  let t = text;
  const edits = 1 + rng.below(3);
  for (let k = 0; k < edits; k++) {
    const at = rng.below(t.length + 1);
    const op = rng.below(20);
    const piece = rng.pick(ALPHABET);
    if (op < 7) t = t.slice(0, at) + t.slice(at + 1);
    else if (op < 14) t = t.slice(0, at) + piece + t.slice(at);
    else if (op < 17) t = t.slice(0, at) + piece + t.slice(at + 1);
    else t = t.slice(0, at);
  }
  return t;
}

describe('isJson says what JSON.parse says', () => {
  const EDGES = [
    '', ' ', '0', '-0', '-', '01', '1.', '.5', '1.5', '1e5', '1E+5', '1e', '1e+', '-1.5e-7', '2.', '00', '-01',
    '"', '""', '"a', '"\\"', '"\\u00e9"', '"\\u00g9"', '"\\u00"', '"\\x"', '"\\/"', '"\t"', '"\u007f"', '"\ud800"', '"\u2028"',
    'true', 'tru', 'truex', 'false', 'null', 'nul', 'NaN', 'Infinity', 'undefined',
    '{}', '{ }', '[]', '[ ]', '[,]', '[1,]', '[,1]', '[1 2]', '[1,2]', '{"a"}', '{"a":}', '{"a":1,}', '{,"a":1}', '{"a":1 "b":2}',
    '{"a":1}', '{"a" : [1, {"b": null}] }', '{a:1}', "{'a':1}", '[1]]', '[[1]', '{"a":1}}', '{"a":{"b":[]}}', '[{}', '[}', '{]',
    ' \n\t\r[1]\n ', '[1] x', '[1]\u00a0', '\ufeff[1]', '[1]\u0000', '[\u00a0]', '"a"b', '1 2', '{"__proto__":1}',
    '['.repeat(5000) + ']'.repeat(5000), '['.repeat(5000) + ']'.repeat(4999), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
  ];
  it.each(EDGES.map((e) => [JSON.stringify(e).slice(0, 60), e]))('%s', (_name, text) => {
    expect(isJson(text)).toBe(parses(text));
  });

  it('on every corpus and sample file, whole and line by line', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const { name, text } of jsonishFiles()) {
      for (const t of [text, ...text.split('\n')]) {
        checked++;
        if (isJson(t) !== parses(t)) wrong.push(`${name}: ${JSON.stringify(t.slice(0, 80))}`);
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });

  it('on 20,000 seeded mutations of the corpus lines and the edges', () => {
    const rng = new Rng(20261204, 1);
    const lines = jsonishFiles()
      .flatMap(({ text }) => text.split('\n'))
      .filter((l) => l.length > 0 && l.length < 4000);
    const bases = [...lines, ...EDGES.filter((e) => e.length < 200)];
    const wrong: string[] = [];
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const t = mutate(rng.pick(bases), rng);
      const want = parses(t);
      if (want) valid++;
      if (isJson(t) !== want) wrong.push(JSON.stringify(t.slice(0, 120)));
    }
    expect(wrong).toEqual([]);
    // Both verdicts are exercised, not only rejections.
    expect(valid).toBeGreaterThan(400);
    expect(valid).toBeLessThan(19_000);
  });

  it('reads only between from and to', () => {
    const t = 'xx{"a":[1,2]}yy';
    expect(isJson(t, 2, t.length - 2)).toBe(true);
    expect(isJson(t, 2, t.length - 3)).toBe(false);
    expect(isJson('"abc"', 0, 4)).toBe(false);
    expect(isJson('truex', 0, 4)).toBe(true);
    expect(isJson('tru', 0, 3)).toBe(false);
  });
});

/** The deepest nesting of a JSON value, from the parsed value (the reference for nestsDeeperThan). */
const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0);

describe('nestsDeeperThan (ice refuses a document nested past any dump before JSON.parse: 10 MB of "[" took 835 MB)', () => {
  it('says what the parsed value\'s depth says, on every JSON file of the corpus, samples and dumps, and no dump nests past ten', () => {
    let checked = 0;
    for (const { name, text } of jsonishFiles()) {
      if (!parses(text)) continue;
      const depth = depthOf(JSON.parse(text));
      expect([name, depth <= 10]).toEqual([name, true]);
      expect([name, nestsDeeperThan(text, depth)]).toEqual([name, false]);
      if (depth > 0) expect([name, nestsDeeperThan(text, depth - 1)]).toEqual([name, true]);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
  it('skips strings, their escaped quotes and backslashes too', () => {
    expect(nestsDeeperThan('{"a":"[[[[{{{{"}', 1)).toBe(false);
    // ["\\"]: a string of one backslash; ["\\\"[[[", [1]]: a backslash, a quote and brackets in a string, then a second level; ["\"[[[", 1]: a quote and brackets in a string.
    expect(nestsDeeperThan('["\\\\"]', 1)).toBe(false);
    expect(nestsDeeperThan('["\\\\\\"[[[", [1]]', 1)).toBe(true);
    expect(nestsDeeperThan('["\\"[[[", 1]', 1)).toBe(false);
    expect(nestsDeeperThan('[' + '"unterminated', 1)).toBe(false);
  });
  it('the readers read a deep document past 1 MiB as text, with what it is, in both readers, and still find what follows it', async () => {
    const deep = '['.repeat(600_000) + ']'.repeat(600_000);
    const text = `${deep}\ncandidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag abcd\n`;
    for (const r of [readInput(text), await streamed(text)]) {
      expect(r.candidates.map((c) => c.candidate?.address)).toEqual(['10.0.0.1']);
      expect(r.problems.map((p) => p.message)).toEqual(['line 1 is JSON nested more than 256 deep, deeper than any input: read as text']);
    }
    // Under 1 MiB, it is JSON.parse's, as any text.
    expect(readInput('['.repeat(300) + ']'.repeat(300)).problems).toEqual([]);
  });
  it('readStatsDump refuses a deep document past 1 MiB with what it is, and still reads a large real dump', () => {
    expect(() => readStatsDump('['.repeat(600_000) + ']'.repeat(600_000))).toThrow(/nests arrays or objects more than 256 deep, which no dump does/);
    const real = JSON.parse(readFileSync(join(SAMPLES, 'webrtc-internals-dump.json'), 'utf8')) as Record<string, unknown>;
    const large = JSON.stringify({ ...real, padding: 'x'.repeat(1_200_000) });
    expect(readStatsDump(large).peerConnections.length).toBeGreaterThan(0);
  });
});

describe('JsonParser', () => {
  it("gives JSON.parse's values and NOT_JSON, the same before and after it starts checking first", () => {
    const p = new JsonParser();
    const texts = ['{"a":[1,"x",null]}', '[x]', '{x}', '"s"', '12', '[1,', 'a=x'];
    const first = texts.map((t) => p.parse(t));
    for (let i = 0; i < 100; i++) p.parse('[not json');
    const after = texts.map((t) => p.parse(t));
    expect(after).toEqual(first);
    expect(first).toEqual([{ a: [1, 'x', null] }, NOT_JSON, NOT_JSON, 's', 12, NOT_JSON, NOT_JSON]);
  });
});

/** Runs `f` counting the exceptions JSON.parse throws meanwhile (each costs microseconds). */
function parseThrows<T>(f: () => T): { value: T; throws: number } {
  const real = JSON.parse;
  let throws = 0;
  JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
    try {
      return real(text, reviver);
    } catch (e) {
      throws++;
      throw e;
    }
  }) as typeof JSON.parse;
  try {
    return { value: f(), throws };
  } finally {
    JSON.parse = real;
  }
}

describe('readers on input full of lines that are not JSON', () => {
  it('a text of 5,000 "{x}" values and one frame: the candidate read, JSON.parse thrown at most twice', () => {
    const cand = '{"type":"candidate","candidate":"candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host","sdpMid":"0"}';
    const text = ['{x}', ...Array.from({ length: 2500 }, () => '{x}'), cand, ...Array.from({ length: 2500 }, () => '{x}')].join('\n');
    const { value: r, throws } = parseThrows(() => readInput(text));
    expect(r.candidates.map((c) => c.candidate?.port)).toEqual([5000]);
    expect(throws).toBeLessThanOrEqual(2);
  });

  it('a stats dump with 20,000 stray lines reads as the dump without them', () => {
    const dump = readFileSync(join(DUMPS, 'jitsi-rtcstats-server__chrome-standard-pc-failed'), 'utf8');
    const lines = dump.split('\n');
    expect(readStatsDump(dump).peerConnections.length).toBeGreaterThan(0);
    const header = `RTCStatsDump\n{"fileFormat":3}\n`;
    // Every entry followed by strays that open like JSON (and one that is JSON of no entry's shape).
    const strays = ['[x]', '{x}', 'a=x\r', '[1,', '"'];
    const noisy = lines.flatMap((l, i) => [l, ...Array.from({ length: Math.ceil(20_000 / lines.length) }, (_, k) => strays[(i + k) % strays.length]!)]).join('\n');
    const { value: read, throws } = parseThrows(() => readStatsDump(noisy));
    // The same dump, and its notes say what was skipped (the last line is a stray: "cut").
    const withoutNotes = (d: ReturnType<typeof readStatsDump>) => ({ ...d, notes: [], cut: false });
    expect(withoutNotes(read)).toEqual(readStatsDump(lines.join('\n')));
    expect(read.notes.join('\n')).toMatch(/\d+ line\(s\) that are not JSON were skipped \(the first: line 2\)/);
    expect(throws).toBeLessThanOrEqual(40);
    expect(withoutNotes(readStatsDump(header + noisy))).toEqual(readStatsDump(header + lines.join('\n')));
  });

  it('a log with 5,000 lines of braces that are not JSON: those that open like JSON diagnosed, the candidates read', () => {
    const cand = '{"type":"candidate","candidate":"candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host","sdpMid":"0"}';
    // Lines that open like JSON (diagnosed), and log lines with braces in them (read as text).
    const bad = ['{"x}', '[1, x]', '{x}', 'log {x: 1} here'];
    const text = [cand, ...Array.from({ length: 5000 }, (_, i) => bad[i % bad.length]!), cand.replace('5000', '5002')].join('\n');
    const { value: r, throws } = parseThrows(() => readInput(text));
    expect(r.candidates.map((c) => c.candidate?.port)).toEqual([5000, 5002]);
    // A few, then each line is checked before it is parsed.
    expect(throws).toBeLessThanOrEqual(40);
    const invalid = r.problems.filter((p) => p.kind === 'invalid-json');
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid[0]!.message).toBe('line 2 starts like JSON but does not parse');
  });
});
