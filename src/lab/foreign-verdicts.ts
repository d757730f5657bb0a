/**
 * Offers made by other stacks (the corpus's SDPs and the audits' real samples: Janus, mediasoup,
 * pion, aiortc, GStreamer, FreeSWITCH, SRS, old browsers, the RFCs' examples), each given as it
 * is to a fresh RTCPeerConnection's setRemoteDescription in Chromium and Firefox ESR, then
 * createAnswer (never set: no gathering, no check towards the offer's candidates). What each
 * browser says of each is kept (test/fixtures/verdicts/foreign-offers.json.gz), so that what
 * `sdpscope parse` says of an offer can be held to it without a browser
 * (test/sdp/foreign-offers.test.ts). The candidate lines of the same logs and SDPs likewise, each
 * given to addIceCandidate on a peer connection whose remote offer alone is set (no local
 * description: no gathering, no check towards the line's address): only Chromium's word says what
 * a browser reads (Firefox resolves addIceCandidate for any line, its parser runs later). Node only:
 * the browsers run in the NAT lab's namespaces.
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
  /** For an offer it accepted: the answer createAnswer made (not set: no gathering, so no candidates in it). */
  readonly answer?: string;
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
        try { const a = await pc.createAnswer(); return { verdict: 'accepts', answer: a.sdp }; }
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

export interface ForeignCandidateVerdicts {
  readonly browsers: Readonly<Record<BrowserName, string>>;
  /** Each line (without "a="), with where it was first found, and each browser's word. */
  readonly cases: readonly { readonly line: string; readonly id: string; readonly chromium: string; readonly firefox: string }[];
}

const CANDIDATE_PAGE = `(() => {
  if (window.__fc) return 'ready';
  const message = (e) => String(e && e.message || e).replace(/^Failed to execute 'addIceCandidate' on 'RTCPeerConnection': /, '').trim();
  window.__fc = {
    async lines(lines) {
      const maker = new RTCPeerConnection(); maker.createDataChannel('x');
      const offer = await maker.createOffer(); maker.close();
      const mid = (offer.sdp.match(/a=mid:(\\S+)/) || [])[1] || '0';
      const out = [];
      // One peer connection for many lines: Chromium caps the peer connections a page may make (closed ones count until collected).
      let pc = null;
      for (let i = 0; i < lines.length; i++) {
        if (i % 50 === 0) { if (pc) pc.close(); pc = new RTCPeerConnection(); await pc.setRemoteDescription(offer); }
        out.push(await pc.addIceCandidate({ candidate: lines[i], sdpMid: mid }).then(() => 'accepts', (e) => 'rejects: ' + message(e)));
      }
      if (pc) pc.close();
      return out;
    },
  };
  return 'ready';
})()`;

/** Asks Chromium and Firefox ESR (root, Linux: the lab) what addIceCandidate says of each candidate line. */
export async function askForeignCandidates(lines: readonly { readonly line: string; readonly id: string }[], onLine: (l: string) => void = () => undefined): Promise<ForeignCandidateVerdicts> {
  const { results, versions } = await inEachBrowser(async (p) => {
    await p.evaluate(CANDIDATE_PAGE);
    const out = await p.evaluate<string[]>(`window.__fc.lines(${JSON.stringify(lines.map((l) => l.line))})`);
    onLine(`${p.browser} ${p.version}: ${out.length} candidate lines`);
    return out;
  });
  return { browsers: versions, cases: lines.map((l, i) => ({ ...l, chromium: results.chromium[i]!, firefox: results.firefox[i]! })) };
}
