/** parseSdp vs sdp-transform's parse on the same inputs: the seed offer, a large multi-m-line SDP, and every SDP of the shared corpus. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as sdpTransform from 'sdp-transform';
import { parseSdp, writeSdp } from '../src/index.js';
import { compare, report } from './harness.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

function seedOffer(): string {
  const frame = JSON.parse(readFileSync(resolve(__dirname, '../../samples/offer.json'), 'utf8')) as { offer: { sdp: string } };
  return frame.offer.sdp;
}

/**
 * The seed offer with its video m-section repeated to `count` m-lines (distinct mids and ssrcs,
 * all in BUNDLE): a description a browser takes (one ssrc in two m-sections Chromium refuses).
 */
export function largeSdp(count: number): string {
  const sdp = seedOffer();
  const at = sdp.indexOf('m=video');
  const head = sdp.slice(0, sdp.indexOf('m=audio'));
  const video = sdp.slice(at);
  const sections: string[] = [];
  for (let i = 0; i < count; i++) sections.push(video.replace('a=mid:1\r\n', `a=mid:${i}\r\n`).replace(/^a=ssrc(-group)?:.*$/gm, (line) => line.replace(/\b\d{6,10}\b/g, (n) => String((Number(n) + i) % 4294967296))));
  return head.replace('a=group:BUNDLE 0 1', `a=group:BUNDLE ${[...Array(count).keys()].join(' ')}`) + sections.join('');
}

export function runParseBench(): boolean {
  const inputs: [string, string][] = [
    ['seed offer (2 m-lines, 168 lines)', seedOffer()],
    ['large offer (100 m-lines, 19k lines)', largeSdp(100)],
  ];
  let ok = true;
  // The shared corpus of real captures (../shared/corpus/sdp, beside the checkout), every SDP once a round.
  const corpus = resolve(__dirname, '../../../shared/corpus/sdp');
  if (existsSync(corpus)) {
    const texts = readdirSync(corpus).filter((f) => f.endsWith('.sdp')).map((f) => readFileSync(resolve(corpus, f), 'utf8'));
    for (const t of texts) if (writeSdp(parseSdp(t)) !== t) throw new Error('round trip failed on a corpus SDP');
    const kb = texts.reduce((n, t) => n + t.length, 0) / 1024;
    ok = report(`parseSdp, the corpus (${texts.length} real SDPs, ${kb.toFixed(0)} KB, a pass each op)`, compare({ name: 'sdpscope', fn: () => texts.forEach((t) => parseSdp(t)) }, { name: 'sdp-transform', fn: () => texts.forEach((t) => sdpTransform.parse(t)) }, 7), 2) && ok;
  } else console.log(`parseSdp, the corpus: not found at ${corpus}, skipped`);
  for (const [label, text] of inputs) {
    if (writeSdp(parseSdp(text)) !== text) throw new Error(`round trip failed on ${label}`);
    const rounds = text.length > 100_000 ? 5 : 7;
    ok = report(`parseSdp, ${label}`, compare({ name: 'sdpscope', fn: () => parseSdp(text) }, { name: 'sdp-transform', fn: () => sdpTransform.parse(text) }, rounds), 2) && ok;
  }
  return ok;
}
