/**
 * What the fuzzer mutates: the shared corpus of real captures (../shared/corpus: SDPs, candidate
 * logs, a webrtc-internals dump), the bundled samples, and frames and relay log lines built from
 * them (the shapes the relay, `candidates` and `sdp-diff` read), plus the regression fixtures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { encodeStunMessage, STUN_ATTRIBUTES, STUN_METHODS, xorAddressValue } from '../../src/stun/message.js';
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
  // Real logs of the forms the readers take (native stacks' prints, util.inspect objects, dumps).
  for (const f of filesIn(join(PACKAGE_ROOT, 'test/fixtures/logs'))) if (!f.endsWith('.md')) texts.push(fixtureText(f));
  // The stats dumps and reports the lab made (sdpscope ice), and STUN messages as bytes (one UTF-16 unit a byte).
  for (const f of filesIn(join(PACKAGE_ROOT, 'test/fixtures/dumps/lab'))) texts.push(fixtureText(f));
  const tid = Uint8Array.from({ length: 12 }, (_x, i) => i * 17);
  const latin1 = (b: Uint8Array) => String.fromCharCode(...b);
  const crypto = { hmacSha1: (_k: Uint8Array, d: Uint8Array) => d.subarray(0, 20), md5: (d: Uint8Array) => d.subarray(0, 16) };
  texts.push(
    [
      encodeStunMessage({ class: 'request', method: STUN_METHODS.binding, transactionId: tid, attributes: [{ type: STUN_ATTRIBUTES.USERNAME, value: new TextEncoder().encode('abcd:efgh') }, { type: STUN_ATTRIBUTES.PRIORITY, value: new Uint8Array([0x6e, 0, 0, 0xff]) }], integrityKey: new Uint8Array(4), fingerprint: true }, crypto),
      encodeStunMessage({ class: 'success', method: STUN_METHODS.binding, transactionId: tid, attributes: [{ type: STUN_ATTRIBUTES.XOR_MAPPED_ADDRESS, value: xorAddressValue({ family: 'ipv4', address: '203.0.113.7', port: 53502 }, tid) }, { type: STUN_ATTRIBUTES.XOR_MAPPED_ADDRESS, value: xorAddressValue({ family: 'ipv6', address: '2001:db8::1', port: 3478 }, tid) }], fingerprint: true }),
      encodeStunMessage({ class: 'error', method: STUN_METHODS.allocate, transactionId: tid, attributes: [{ type: STUN_ATTRIBUTES.ERROR_CODE, value: new Uint8Array([0, 0, 4, 1, ...new TextEncoder().encode('Unauthorized')]) }, { type: STUN_ATTRIBUTES.REALM, value: new TextEncoder().encode('example.org') }] }),
    ].map(latin1).join(''),
  );
  texts.push(['stun:stun.example.org', 'turn:[2001:db8::1]:3478?transport=tcp', 'turns:turn.example.org:443', 'stun:203.0.113.1:19302'].join('\n'));
  return { texts };
}

/** A fixture's text: large reproducers are kept gzipped (.gz). */
const fixtureText = (f: string): string => (f.endsWith('.gz') ? gunzipSync(readFileSync(f)).toString('utf8') : readFileSync(f, 'utf8'));

/** The saved reproducers, by file name (README.md, which says what they are, aside). */
export function loadFixtures(): { name: string; text: string }[] {
  return filesIn(FIXTURES).filter((f) => !f.endsWith('.md')).map((f) => ({ name: f.slice(FIXTURES.length + 1), text: fixtureText(f) }));
}
