/**
 * a=fingerprint as the browsers hold it: sdpscope reports an error exactly where Chromium's or
 * Firefox's setRemoteDescription rejects the answer, names which (`browsers`), and reports nothing
 * where both accept. The verdicts are test/fixtures/verdicts/fingerprint.json (npm run verdicts
 * writes it; test/e2e/verdicts.e2e.ts asks the browsers again).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSdp } from '../../src/sdp/parse.js';
import { readInput } from '../../src/input/read.js';
import type { Verdicts } from '../../src/lab/verdicts.js';
import { sample } from '../support/corpus.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const verdicts = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/verdicts/fingerprint.json'), 'utf8')) as Verdicts;
const answer = sample('chromium156-answer.sdp');
const word = (v: string) => (v.startsWith('rejects') ? 'rejects' : 'accepts');

describe('a=fingerprint: an error where a browser rejects, saying which; nothing where both accept', () => {
  it.each(Object.entries(verdicts.cases))('%s', (value, v) => {
    const d = parseSdp(answer.replace(/^a=fingerprint:.*$/m, `a=fingerprint:${value}`));
    const found = d.diagnostics.filter((x) => x.kind === 'fingerprint-invalid');
    const expected = { chromium: word(v.chromium), firefox: word(v.firefox) };
    if (expected.chromium === 'accepts' && expected.firefox === 'accepts') expect(found).toEqual([]);
    else expect(found).toEqual([expect.objectContaining({ severity: 'error', column: expect.any(Number), browsers: expected })]);
  });

  it('says which part is wrong, at its column, and who rejects it', () => {
    const d = parseSdp(answer.replace(/^a=fingerprint:.*$/m, 'a=fingerprint:sha-256 AA:BB'));
    expect(d.diagnostics.find((x) => x.kind === 'fingerprint-invalid')).toMatchObject({ message: 'a=fingerprint: sha-256 makes 32 bytes; this fingerprint has 2, so it matches no certificate (where the description is taken, the DTLS handshake fails): Chromium rejects it (Firefox accepts)', column: 23 });
  });

  it('a hash no browser knows beside a SHA-2 one at the same level: Chromium rejects, Firefox takes it (measured: fingerprint-unknown-plus-valid), and no weak-fingerprint for it (DTLS audit)', () => {
    const both = answer.replace(/^(a=fingerprint:)(\S+)( .*)$/m, '$1sha-999$3\r\n$1$2$3');
    const found = parseSdp(both).diagnostics.filter((x) => x.kind === 'fingerprint-invalid');
    expect(found).toEqual([expect.objectContaining({ browsers: { chromium: 'rejects', firefox: 'accepts' }, message: expect.stringMatching(/: Chromium rejects it \(Firefox accepts: a fingerprint of a hash it knows is at the same level\)$/) })]);
    const alone = parseSdp(answer.replace(/^(a=fingerprint:)(\S+)( .*)$/m, '$1sha-999$3')).diagnostics.filter((x) => x.kind === 'fingerprint-invalid');
    expect(alone).toEqual([expect.objectContaining({ browsers: { chromium: 'rejects', firefox: 'rejects' } })]);
  });

  it('a value masked by whoever shared the SDP ("****…", "XX:XX:…", "<redacted>", "REDACTED", as a whole value or after the hash) is fingerprint-redacted, an info, not a browser refusal; a value that is only wrong is still the error (parse audit: janus-gateway#995)', () => {
    const kinds = (v: string) => parseSdp(answer.replace(/^a=fingerprint:.*$/m, `a=fingerprint:${v}`)).diagnostics.filter((x) => x.kind.startsWith('fingerprint')).map((x) => [x.kind, x.severity]);
    for (const v of ['sha-256 ' + '*'.repeat(90), 'sha-256 XX:XX:XX:XX:XX:XX:XX:XX', 'sha-256 xxxxxxxx', 'sha-256 <redacted>', 'sha-256 REDACTED', '<fingerprint>', 'REDACTED', 'sha-256 [hidden]', 'sha-256 57:E5:**:**', 'sha-256 57:E5:...:AD:79', 'sha-256 …', 'sha-256 ...']) expect([v, kinds(v)]).toEqual([v, [['fingerprint-redacted', 'info']]]);
    for (const v of ['sha-256 AB:CD:EF', 'sha-256 ZZ:ZZ', 'sha-256 xx', 'sha-256 AB:CD:E', 'sha-256 AB:67:8X', 'sha-256 5x:E5']) expect([v, kinds(v)]).toEqual([v, [['fingerprint-invalid', 'error']]]);
    // The real post: its fingerprint and an address masked; no error, each said as redacted.
    const janus = readInput(readFileSync(join(ROOT, 'test/fixtures/threads/janus995_videoroom_subscriber_offer_masked_ip_fingerprint.txt'), 'utf8'));
    const said = janus.descriptions.flatMap((d) => d.description.diagnostics).map((x) => [x.kind, x.severity]);
    expect(said).toEqual([['fingerprint-redacted', 'info'], ['candidate-redacted-address', 'info']]);
  });
});

