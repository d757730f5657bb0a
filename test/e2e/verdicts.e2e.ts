/**
 * The browser verdicts sdpscope's SDP rules are held to (test/fixtures/verdicts/*.json), asked of
 * Chromium and Firefox ESR again on every run, in the lab's namespaces: each answer, munged as the
 * fixture says, given to setRemoteDescription after the matching offer.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { askCandidateVerdicts, askFingerprintVerdicts, askIceServerUrlVerdicts, type Verdicts } from '../../src/lab/verdicts.js';
import { parseIceServerUri } from '../../src/stun/uri.js';
import { askMutationVerdicts, type MutationVerdicts } from '../../src/lab/sdp-verdicts.js';
import { MUTATIONS } from '../../src/lab/sdp-mutations.js';
import { askForeignCandidates, askForeignOffers, type ForeignCandidateVerdicts, type ForeignVerdicts } from '../../src/lab/foreign-verdicts.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

describe('the browsers still give the verdicts of the fixtures', () => {
  it('a=fingerprint, Chromium and Firefox', async () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/verdicts/fingerprint.json'), 'utf8')) as Verdicts;
    const now = await askFingerprintVerdicts(Object.keys(fixture.cases));
    // The verdicts must hold; the browsers' wording may change with their versions.
    const words = (v: Verdicts) => Object.fromEntries(Object.entries(v.cases).map(([k, x]) => [k, { chromium: x.chromium.split(':')[0], firefox: x.firefox.split(':')[0] }]));
    expect(words(now)).toEqual(words(fixture));
  });

  it('candidate lines given to addIceCandidate, Chromium and Firefox', async () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/verdicts/candidates.json'), 'utf8')) as Verdicts;
    const now = await askCandidateVerdicts(Object.keys(fixture.cases));
    const words = (v: Verdicts) => Object.fromEntries(Object.entries(v.cases).map(([k, x]) => [k, { chromium: x.chromium.split(':')[0], firefox: x.firefox.split(':')[0] }]));
    expect(words(now)).toEqual(words(fixture));
  });

  it('STUN and TURN URLs in an RTCConfiguration: each browser refuses what parseIceServerUri\'s browsersRefuse names, and takes the rest', async () => {
    const urls = ['turn:127.0.0.1?transport=udp', 'turn:127.0.0.1?Transport=udp', 'turn:127.0.0.1?transport=UDP', 'TURN:127.0.0.1?transport=udp', 'STUN:127.0.0.1', 'turn:127.0.0.1?TRANSPORT=tcp', 'turns:127.0.0.1?transport=tcp', 'turns:127.0.0.1?transport=TCP', 'turn:[::1]:3478?transport=tcp'];
    const now = await askIceServerUrlVerdicts(urls);
    for (const u of urls) {
      const said = parseIceServerUri(u).browsersRefuse ?? '';
      const refuses = (b: 'chromium' | 'firefox') => now.cases[u]![b].startsWith('rejects');
      expect({ u, chromium: refuses('chromium'), firefox: refuses('firefox') }).toEqual({ u, chromium: /Chromium/.test(said) && !/Chromium \d+ takes it/.test(said), firefox: /Firefox/.test(said) });
    }
  });

  it(`${MUTATIONS.length} changes to real offers and answers, Chromium and Firefox: the same verdicts as the fixture`, async () => {
    const fixture = JSON.parse(gunzipSync(readFileSync(join(ROOT, 'test/fixtures/verdicts/mutations.json.gz'))).toString('utf8')) as MutationVerdicts;
    const now = await askMutationVerdicts(MUTATIONS);
    const words = (v: MutationVerdicts) => Object.fromEntries(v.cases.map((c) => [c.id, { chromium: c.results.chromium?.verdict.split(':')[0] ?? 'n/a', firefox: c.results.firefox?.verdict.split(':')[0] ?? 'n/a' }]));
    expect(words(now)).toEqual(words(fixture));
  });

  it('offers of other stacks, Chromium and Firefox: the same verdicts as the fixture', async () => {
    const fixture = JSON.parse(gunzipSync(readFileSync(join(ROOT, 'test/fixtures/verdicts/foreign-offers.json.gz'))).toString('utf8')) as ForeignVerdicts;
    const now = await askForeignOffers(fixture.cases.map(({ id, sdp }) => ({ id, sdp })));
    const words = (v: ForeignVerdicts) => Object.fromEntries(v.cases.map((c) => [c.id, { chromium: c.results.chromium.verdict.split(':')[0], firefox: c.results.firefox.verdict.split(':')[0] }]));
    expect(words(now)).toEqual(words(fixture));
  });

  it('candidate lines of real logs, Chromium: the same verdicts as the fixture', async () => {
    const fixture = JSON.parse(gunzipSync(readFileSync(join(ROOT, 'test/fixtures/verdicts/foreign-candidates.json.gz'))).toString('utf8')) as ForeignCandidateVerdicts;
    const now = await askForeignCandidates(fixture.cases.map(({ line, id }) => ({ line, id })));
    const words = (v: ForeignCandidateVerdicts) => Object.fromEntries(v.cases.map((c) => [c.line, c.chromium.split(':')[0]]));
    expect(words(now)).toEqual(words(fixture));
  });
});
