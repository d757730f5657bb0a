/** The shared corpus of real captures (../shared/corpus, see its README) and the bundled samples. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

export const CORPUS = resolve(__dirname, '../../../shared/corpus');
export const SAMPLES = resolve(__dirname, '../../samples');

export function sdpFiles(): { name: string; text: string }[] {
  const dir = join(CORPUS, 'sdp');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sdp'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** The real SDPs of test/fixtures (threads, offers, pairs, the munged answers, the sdp-diff audits; each folder's README or ORIGINS.md gives their origin), not the harness's generated mutations (munged/). */
export function fixtureSdpFiles(): { name: string; text: string }[] {
  const root = resolve(__dirname, '../fixtures');
  return ['threads', 'offers', 'pairs', 'munged-answers', 'sdp-diff-audit', 'sdp-diff-audit/2026-12-06'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.sdp'))
      .sort()
      .map((name) => ({ name: `${dir}/${name}`, text: readFileSync(join(root, dir, name), 'utf8') })),
  );
}

export function candidateLines(): { file: string; line: number; text: string }[] {
  const dir = join(CORPUS, 'candidates');
  const out: { file: string; line: number; text: string }[] = [];
  for (const file of readdirSync(dir).sort()) {
    readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (text !== '') out.push({ file, line: i + 1, text });
      });
  }
  return out;
}

export function sample(name: string): string {
  return readFileSync(join(SAMPLES, name), 'utf8');
}

export function corpusFile(rel: string): string {
  return readFileSync(join(CORPUS, rel), 'utf8');
}

/** The seed's offer/answer SDP strings (samples/offer.json, samples/answer.json). */
export function seedSdp(kind: 'offer' | 'answer'): string {
  const frame = JSON.parse(sample(`${kind}.json`)) as Record<string, { sdp: string }>;
  return frame[kind]!.sdp;
}
