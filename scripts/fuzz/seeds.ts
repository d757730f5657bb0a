/**
 * What the fuzzer mutates: the shared corpus of real captures (../shared/corpus: SDPs, candidate
 * logs, a webrtc-internals dump), the bundled samples, and frames and relay log lines built from
 * them (the shapes the relay, `candidates` and `sdp-diff` read), plus the regression fixtures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PACKAGE_ROOT } from '../../src/node/paths.js';
import type { Seeds } from './mutate.js';

export const CORPUS = join(PACKAGE_ROOT, '../shared/corpus');
export const SAMPLES = join(PACKAGE_ROOT, 'samples');
/** Every reproducer a fuzz run saved (`npm run fuzz -- --save`): each a regression test. */
export const FIXTURES = join(PACKAGE_ROOT, 'test/fixtures/fuzz');

const filesIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort().map((f) => join(dir, f)) : []);

export function loadSeeds(): Seeds {
  const texts: string[] = [];
  const sdps: string[] = [];
  for (const sub of ['sdp', 'candidates', 'dumps']) {
    for (const f of filesIn(join(CORPUS, sub))) {
      const t = readFileSync(f, 'utf8');
      texts.push(t);
      if (sub === 'sdp') sdps.push(t);
    }
  }
  if (sdps.length === 0) throw new Error(`no corpus under ${CORPUS}: the fuzzer mutates real captures`);
  for (const f of filesIn(SAMPLES)) if (!f.endsWith('.md')) texts.push(readFileSync(f, 'utf8'));
  for (const f of loadFixtures()) texts.push(f.text);
  // Frames as the signaling server carries them, and a relay log of a whole call.
  sdps.slice(0, 12).forEach((sdp, i) => {
    texts.push(JSON.stringify({ type: i % 2 ? 'answer' : 'offer', sdp }));
    texts.push(JSON.stringify({ type: 'offer', offer: { type: 'offer', sdp } }));
  });
  const candidates = sdps.flatMap((s) => s.split(/\r?\n/).filter((l) => l.startsWith('a=candidate:')).map((l) => l.slice(2)));
  const log = [
    JSON.stringify({ time: '2026-12-02T10:00:00.000Z', room: 'r', from: 'c1', to: ['c2'], frame: { type: 'offer', sdp: sdps[0] } }),
    JSON.stringify({ time: '2026-12-02T10:00:01.000Z', room: 'r', from: 'c2', to: ['c1'], frame: { type: 'answer', sdp: sdps[1] ?? sdps[0] } }),
    ...candidates.slice(0, 20).map((c, i) => JSON.stringify({ time: `2026-12-02T10:00:0${2 + (i % 7)}.000Z`, room: 'r', from: i % 2 ? 'c2' : 'c1', frame: { type: 'candidate', candidate: c, sdpMid: '0', sdpMLineIndex: 0 } })),
  ];
  texts.push(log.join('\n') + '\n');
  return { texts };
}

/** A fixture's text: large reproducers are kept gzipped (.gz). */
const fixtureText = (f: string): string => (f.endsWith('.gz') ? gunzipSync(readFileSync(f)).toString('utf8') : readFileSync(f, 'utf8'));

/** The saved reproducers, by file name (README.md, which says what they are, aside). */
export function loadFixtures(): { name: string; text: string }[] {
  return filesIn(FIXTURES).filter((f) => !f.endsWith('.md')).map((f) => ({ name: f.slice(FIXTURES.length + 1), text: fixtureText(f) }));
}
