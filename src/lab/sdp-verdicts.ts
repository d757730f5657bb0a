/**
 * The browser-verdict harness: real offers and answers made by Chromium and Firefox ESR (four
 * bases: audio+video+data channel with BUNDLE, the same without BUNDLE, data channel only, a
 * simulcast offer), each mutated in one place (src/lab/sdp-mutations.ts), and given to the same
 * browser's setRemoteDescription: a mutated answer after the offer it answers, a mutated offer to
 * a fresh peer connection (which then answers it). Every verdict, the browser's message and the
 * exact texts are kept (test/fixtures/verdicts/mutations.json.gz), so that sdp-diff can be held
 * to them without a browser. Node only: the browsers run in the NAT lab's namespaces.
 */
import type { LabPeer } from './browsers.js';
import type { BrowserName } from './kinds.js';
import { inEachBrowser } from './verdicts.js';
import { MUTATIONS, type Base, type Mutation } from './sdp-mutations.js';

/** One case as a browser saw it. */
export interface BrowserCase {
  /** "accepts", or "rejects: " and the browser's message. */
  readonly verdict: string;
  /** The description the verdict is about (mutated) and the other side of the exchange. */
  readonly offer: string;
  /**
   * The answer that goes with `offer`: for an answer case the mutated answer; for an offer case
   * the browser's own answer to it, or (when it refused the offer, or could not answer it) its
   * answer to the unchanged offer: `answerFrom` says which.
   */
  readonly answer: string;
  readonly answerFrom: 'mutated' | 'browser' | 'unchanged-offer';
  /** For an offer it accepted: why it could not then answer it, if it could not. */
  readonly answerError?: string;
}

export interface MutationVerdicts {
  readonly browsers: Readonly<Record<BrowserName, string>>;
  readonly cases: readonly {
    readonly id: string;
    readonly rule: string;
    readonly target: 'offer' | 'answer';
    readonly base: Base;
    readonly description: string;
    /** Per browser; absent where the mutation did not apply to that browser's description. */
    readonly results: Partial<Record<BrowserName, BrowserCase>>;
  }[];
}

/** The page's side: make a base pair, then give one mutated description to setRemoteDescription. */
const PAGE = `(() => {
  if (window.__sv) return 'ready';
  const media = () => {
    const c = document.createElement('canvas'); c.width = 64; c.height = 48;
    c.getContext('2d').fillRect(0, 0, 8, 8);
    const video = c.captureStream(5).getVideoTracks()[0];
    const ac = new AudioContext(); const dest = ac.createMediaStreamDestination(); const osc = ac.createOscillator(); osc.connect(dest); osc.start();
    return new MediaStream([dest.stream.getAudioTracks()[0], video]);
  };
  const message = (e) => String(e && e.message || e).replace(/^Failed to execute 'setRemoteDescription' on 'RTCPeerConnection': /, '').trim();
  window.__sv = {
    async pair(base) {
      if (window.__sv.offerer) window.__sv.offerer.close();
      const offerer = new RTCPeerConnection(); const answerer = new RTCPeerConnection();
      if (base === 'data') offerer.createDataChannel('x');
      else if (base === 'simulcast') {
        const s = media();
        offerer.addTransceiver(s.getVideoTracks()[0], { streams: [s], direction: 'sendonly', sendEncodings: [{ rid: 'q', scaleResolutionDownBy: 4 }, { rid: 'h', scaleResolutionDownBy: 2 }, { rid: 'f' }] });
      } else { const s = media(); for (const t of s.getTracks()) offerer.addTrack(t, s); offerer.createDataChannel('x'); }
      const made = await offerer.createOffer();
      const unbundled = (sdp) => sdp.replace(/a=group:BUNDLE[^\\r\\n]*\\r\\n/, '');
      try { await offerer.setLocalDescription(base === 'no-bundle-offer' ? { type: 'offer', sdp: unbundled(made.sdp) } : made); }
      catch (e) { return { refused: message(e) }; }
      const offer = offerer.localDescription.sdp;
      await answerer.setRemoteDescription({ type: 'offer', sdp: base === 'no-bundle' ? unbundled(offer) : offer });
      if (base === 'av' || base === 'no-bundle' || base === 'no-bundle-offer') { const s = media(); for (const t of s.getTracks()) answerer.addTrack(t, s); }
      await answerer.setLocalDescription(await answerer.createAnswer());
      const answer = answerer.localDescription.sdp;
      answerer.close();
      window.__sv.offerer = offerer;
      return { offer, answer };
    },
    async answer(sdp) {
      try { await window.__sv.offerer.setRemoteDescription({ type: 'answer', sdp }); return { verdict: 'accepts' }; }
      catch (e) { return { verdict: 'rejects: ' + message(e) }; }
    },
    async offer(sdp) {
      const pc = new RTCPeerConnection();
      try { await pc.setRemoteDescription({ type: 'offer', sdp }); }
      catch (e) { pc.close(); return { verdict: 'rejects: ' + message(e) }; }
      try { await pc.setLocalDescription(await pc.createAnswer()); return { verdict: 'accepts', answer: pc.localDescription.sdp }; }
      catch (e) { return { verdict: 'accepts', answerError: message(e) }; }
      finally { pc.close(); }
    },
  };
  return 'ready';
})()`;

/** One browser's verdicts on every mutation (the page already loaded). */
async function askOne(peer: LabPeer, mutations: readonly Mutation[], onRefused?: (l: string) => void): Promise<Map<string, BrowserCase>> {
  await peer.evaluate(PAGE);
  const out = new Map<string, BrowserCase>();
  for (const m of mutations) {
    const base = await peer.evaluate<{ offer: string; answer: string; refused?: string }>(`window.__sv.pair(${JSON.stringify(m.base)})`);
    // A browser that refuses its own offer so changed (munged) has no case to give.
    if (base.refused !== undefined) {
      onRefused?.(`${m.id}: ${peer.browser} refuses its own offer for base ${m.base}: ${base.refused}`);
      continue;
    }
    const original = m.target === 'answer' ? base.answer : base.offer;
    const mutated = m.mutate(original, { offer: base.offer, answer: base.answer });
    if (mutated === original) continue; // does not apply to this browser's description
    if (m.target === 'answer') {
      const r = await peer.evaluate<{ verdict: string }>(`window.__sv.answer(${JSON.stringify(mutated)})`);
      out.set(m.id, { verdict: r.verdict, offer: base.offer, answer: mutated, answerFrom: 'mutated' });
    } else {
      const r = await peer.evaluate<{ verdict: string; answer?: string; answerError?: string }>(`window.__sv.offer(${JSON.stringify(mutated)})`);
      out.set(m.id, { verdict: r.verdict, offer: mutated, answer: r.answer ?? base.answer, answerFrom: r.answer !== undefined ? 'browser' : 'unchanged-offer', ...(r.answerError !== undefined ? { answerError: r.answerError } : {}) });
    }
  }
  return out;
}

/** Asks Chromium and Firefox ESR (root, Linux: the lab) about every mutation. */
export async function askMutationVerdicts(mutations: readonly Mutation[] = MUTATIONS, onLine: (l: string) => void = () => undefined): Promise<MutationVerdicts> {
  const { results, versions } = await inEachBrowser(async (p) => {
    const r = await askOne(p, mutations, onLine);
    onLine(`${p.browser} ${p.version}: ${r.size} cases`);
    return r;
  });
  return {
    browsers: versions,
    cases: mutations.map((m) => ({
      id: m.id,
      rule: m.rule,
      target: m.target,
      base: m.base,
      description: m.description,
      results: Object.fromEntries((['chromium', 'firefox'] as const).filter((b) => results[b].has(m.id)).map((b) => [b, results[b].get(m.id)!])),
    })),
  };
}
