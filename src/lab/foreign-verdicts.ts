/**
 * Offers made by other stacks (the corpus's SDPs and the audits' real samples: Janus, mediasoup,
 * pion, aiortc, GStreamer, FreeSWITCH, SRS, old browsers, the RFCs' examples), each given as it
 * is to a fresh RTCPeerConnection's setRemoteDescription in Chromium and Firefox ESR, then
 * createAnswer (never set: no gathering, no check towards the offer's candidates). What each
 * browser says of each is kept (test/fixtures/verdicts/foreign-offers.json.gz), so that what
 * `sdpscope parse` says of an offer can be held to it without a browser
 * (test/sdp/foreign-offers.test.ts). Node only: the browsers run in the NAT lab's namespaces.
 */
import type { BrowserName } from './kinds.js';
import { inEachBrowser } from './verdicts.js';

/** An offer to ask about: where it comes from (a path of the project or of the shared corpus) and its text. */
export interface ForeignOffer {
  readonly id: string;
  readonly sdp: string;
}

/** A browser's word on one offer. */
export interface ForeignVerdict {
  /** "accepts", or "rejects: " and the browser's message (setRemoteDescription's). */
  readonly verdict: string;
  /** For an offer it accepted: why createAnswer failed, when it did. */
  readonly answerError?: string;
}

export interface ForeignVerdicts {
  readonly browsers: Readonly<Record<BrowserName, string>>;
  readonly cases: readonly (ForeignOffer & { readonly results: Readonly<Record<BrowserName, ForeignVerdict>> })[];
}

const PAGE = `(() => {
  if (window.__fo) return 'ready';
  const message = (e) => String(e && e.message || e).replace(/^Failed to execute '\\w+' on 'RTCPeerConnection': /, '').trim();
  window.__fo = {
    async offer(sdp) {
      const pc = new RTCPeerConnection();
      try {
        try { await pc.setRemoteDescription({ type: 'offer', sdp }); }
        catch (e) { return { verdict: 'rejects: ' + message(e) }; }
        try { await pc.createAnswer(); return { verdict: 'accepts' }; }
        catch (e) { return { verdict: 'accepts', answerError: message(e) }; }
      } finally { pc.close(); }
    },
  };
  return 'ready';
})()`;

/** Asks Chromium and Firefox ESR (root, Linux: the lab) about every offer. */
export async function askForeignOffers(offers: readonly ForeignOffer[], onLine: (l: string) => void = () => undefined): Promise<ForeignVerdicts> {
  const { results, versions } = await inEachBrowser(async (p) => {
    await p.evaluate(PAGE);
    const out = new Map<string, ForeignVerdict>();
    for (const o of offers) out.set(o.id, await p.evaluate<ForeignVerdict>(`window.__fo.offer(${JSON.stringify(o.sdp)})`));
    onLine(`${p.browser} ${p.version}: ${out.size} offers`);
    return out;
  });
  return { browsers: versions, cases: offers.map((o) => ({ ...o, results: { chromium: results.chromium.get(o.id)!, firefox: results.firefox.get(o.id)! } })) };
}
