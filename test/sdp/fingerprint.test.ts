/**
 * a=fingerprint as Chromium holds it: sdpscope reports an error exactly where Chromium's
 * setRemoteDescription rejects the answer, and nothing where it accepts (the verdicts in
 * test/fixtures/verdicts/fingerprint.json, which test/e2e/verdicts.e2e.ts asks Chromium again).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSdp } from '../../src/sdp/parse.js';
import { sample } from '../support/corpus.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const verdicts = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/verdicts/fingerprint.json'), 'utf8')) as { cases: Record<string, string> };
const answer = sample('chromium156-answer.sdp');

describe('a=fingerprint: an error where Chromium rejects, nothing where it accepts', () => {
  it.each(Object.entries(verdicts.cases))('%s → %s', (value, verdict) => {
    const d = parseSdp(answer.replace(/^a=fingerprint:.*$/m, `a=fingerprint:${value}`));
    const found = d.diagnostics.filter((x) => x.kind === 'fingerprint-invalid');
    if (verdict.startsWith('rejects')) {
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'error', column: expect.any(Number) });
    } else expect(found).toEqual([]);
  });

  it('says which part is wrong, at its column', () => {
    const d = parseSdp(answer.replace(/^a=fingerprint:.*$/m, 'a=fingerprint:sha-256 AA:BB'));
    expect(d.diagnostics.find((x) => x.kind === 'fingerprint-invalid')).toMatchObject({ message: 'a=fingerprint: sha-256 makes 32 bytes; this fingerprint has 2', column: 23 });
  });
});
