/**
 * What a browser's setRemoteDescription refuses in a description on its own, measured: each
 * rule below was found by the browser-verdict harness (src/lab/sdp-verdicts.ts: real offers and
 * answers of Chromium 156 and Firefox ESR 153, changed in one place, given back to the same
 * browser), and `browsers` is what the browsers said, kept in test/fixtures/verdicts/ and held
 * there by test/sdp/browser-rules.test.ts. A rule says only what was measured: where one browser
 * accepts, it says so. Pure; run by parseSdp over the lines as written.
 */
import { classifyAddress } from '../candidate/address.js';
import { extensionOf, innerExtension } from './attribute-readers.js';
import { diagnostic, type BrowserVerdicts, type Diagnostic, type LinePosition } from '../diagnostics.js';
import type { AttributeLine, AttributeName, AttributeValues, MediaLine, SdpLine } from './model.js';
import { PAGE_SUMMARY } from './line.js';

const C: BrowserVerdicts = { chromium: 'rejects', firefox: 'accepts' };
const F: BrowserVerdicts = { chromium: 'accepts', firefox: 'rejects' };
const BOTH: BrowserVerdicts = { chromium: 'rejects', firefox: 'rejects' };

/**
 * Who rejects, per rule: what parseSdp needs (the words of each rule are in BROWSER_RULES, which a
 * bundle that only parses leaves out: 6 KiB).
 */
const RULE_BROWSERS = {
  'no-final-line-ending': C,
  version: F,
  'origin-fields': BOTH,
  'unknown-line-type': F,
  'connection-address': F,
  'connection-ipv6-as-ip4': BOTH,
  'connection-ipv4-as-ip6': C,
  'connection-multicast': C,
  'connection-fields': BOTH,
  'session-name-empty': C,
  'key-empty': BOTH,
  'timing-fields': F,
  'rtpmap-fields': C,
  'attribute-blank': C,
  'mline-port': C,
  'mline-no-format': C,
  'mline-empty-field': C,
  'candidate-unknown-kind': C,
  'candidate-transport-unknown': C,
  'bandwidth-value': BOTH,
  'empty-attribute': BOTH,
  'format-nonnumeric': C,
  'payload-type-range': BOTH,
  'payload-type-rtcp-range': BOTH,
  'payload-type-reserved': F,
  'unknown-protocol': BOTH,
  'ice-credentials-missing': BOTH,
  'fingerprint-missing': BOTH,
  'fingerprint-session-repeated': C,
  'mid-duplicate': C,
  'msid-duplicate': C,
  'extmap-bundle-collision': C,
  'mid-repeated': C,
  'session-line-order': C,
  'connection-repeated': F,
  'session-connection-repeated': BOTH,
  'mid-length': BOTH,
  'mid-length-stopped': C,
  'fmtp-no-space': C,
  'setup-value': C,
  'extmap-id-syntax': C,
  'extmap-id-range': BOTH,
  'extmap-two-byte-id': F,
  'extmap-id-duplicate': BOTH,
  'ssrc-syntax': C,
  'ssrc-group-size': C,
  'ssrc-group-unknown': C,
  'ssrc-duplicate': C,
  'ssrc-attribute': C,
  'ssrc-group-repeated': C,
  'ssrc-sim-rtx-partial': C,
  'msid-syntax': C,
  'rtpmap-clock': C,
  'rtpmap-duplicate': C,
  'codec-attribute-unknown-pt': C,
  'rtpmap-payload-type-range': C,
  'candidate-generation': C,
  'rtx-apt': C,
  'sctp-port-range': C,
  'sctp-port-value': C,
  'max-message-size-value': C,
  'max-message-size-range': C,
  'sctp-format': BOTH,
  'sctp-format-sctpmap': F,
  'rid-direction': F,
  'rid-chars': F,
  'simulcast-syntax': BOTH,
  'simulcast-rid-missing': F,
  'simulcast-rid-extension': C,
  'simulcast-repeated': C,
  'simulcast-empty': C,
  'simulcast-list-missing': BOTH,
  'rtcp-mux-missing': BOTH,
  'rtcp-mux-missing-bundle-only': F,
} as const satisfies Record<string, BrowserVerdicts>;

export type BrowserRule = keyof typeof RULE_BROWSERS;

/** Each rule's words: what the browsers refuse, and the grammar or rule behind it (how to write it so they take it: BROWSER_RULE_FIXES). */
const RULE_WORDS: { readonly [R in BrowserRule]: { readonly what: string; readonly reference: string } } = {
  'no-final-line-ending': { what: 'the last line has no line ending (Chromium: "Invalid SDP line" on it)', reference: 'RFC 8866 §5' },
  version: { what: 'v= other than 0', reference: 'RFC 8866 §5.1' },
  'origin-fields': { what: 'o= without its six fields', reference: 'RFC 8866 §5.2' },
  'unknown-line-type': { what: 'a line type SDP does not define (Firefox\'s parser stops)', reference: 'RFC 8866 §5' },
  'connection-address': { what: 'c=IN IP4 with an address that is not dotted-decimal (a name)', reference: 'RFC 8866 §5.7' },
  'connection-ipv6-as-ip4': { what: 'c=IN IP4 with an IPv6 address', reference: 'RFC 8866 §5.7' },
  'connection-ipv4-as-ip6': { what: 'c=IN IP6 with an IPv4 address', reference: 'RFC 8866 §5.7' },
  'connection-multicast': { what: 'c= with a TTL or count after "/" (multicast)', reference: 'RFC 8866 §5.7' },
  'connection-fields': { what: 'c= without its three fields', reference: 'RFC 8866 §5.7' },
  'session-name-empty': { what: 's= with nothing after it', reference: 'RFC 8866 §5.3' },
  'key-empty': { what: 'k= with nothing after it', reference: 'RFC 8866 §5.12' },
  'timing-fields': { what: 't= without its start and stop times', reference: 'RFC 8866 §5.9' },
  'rtpmap-fields': { what: 'a=rtpmap:<pt> with no encoding name, or a name with no /<clock rate>', reference: 'RFC 8866 §6.6' },
  'attribute-blank': { what: 'a blank right after "a="', reference: 'RFC 8866 §5' },
  'mline-port': { what: 'm= port above 65535, or with a port count (9/2)', reference: 'RFC 8866 §5.14' },
  'mline-no-format': { what: 'an m-line with no format after its proto, a rejected one (port 0) too (Chromium: "Expects at least 4 fields"; Firefox takes a rejected one, and finds no codec in common in one in use)', reference: 'RFC 8866 §5.14' },
  'mline-empty-field': { what: 'an m= line with an empty field: a blank at its end or two in a row (Chromium splits on each blank and refuses the empty format: "Failed to parse SessionDescription"; Firefox splits on runs of blanks and takes it; measured)', reference: 'RFC 8866 §5.14, §9' },
  'candidate-unknown-kind': { what: 'an a=candidate of an unknown typ or tcptype: the whole description is refused', reference: 'RFC 8839 §5.1, RFC 6544 §4.5' },
  'candidate-transport-unknown': { what: 'an a=candidate whose transport is none of udp, tcp and ssltcp (Lync\'s and Skype for Business\' TCP-ACT and TCP-PASS, Webex\'s xTLS): "Unsupported transport type", the whole description is refused (measured; Firefox skips the candidate)', reference: 'RFC 8839 §5.1' },
  'bandwidth-value': { what: 'b= whose value is not a number', reference: 'RFC 8866 §5.8' },
  'empty-attribute': { what: 'a= with no attribute name', reference: 'RFC 8866 §5.13' },
  'format-nonnumeric': { what: 'an RTP m-line format that is not a payload type number', reference: 'RFC 8866 §5.14, RFC 3551' },
  'payload-type-range': { what: 'a payload type above 127', reference: 'RFC 3550 §5.1' },
  'payload-type-rtcp-range': { what: 'a payload type from 64 to 95: under rtcp-mux they are RTCP packet types 192–223 (Chromium: "invalid payload type … rtcp-mux:enabled"; Firefox: "Illegal audio/video payload type", with or without rtcp-mux)', reference: 'RFC 5761 §4' },
  'payload-type-reserved': { what: 'payload type 1, 2 or 19 on an RTP m-line (reserved by RFC 3551; Firefox: "Illegal audio/video payload type", measured with 19 in an offer, 1 and 2 by its source\'s GetForbiddenSdpPayloadTypes; Chromium takes it)', reference: 'RFC 3551 §6' },
  'unknown-protocol': { what: 'an m= proto neither browser knows (measured with FOO/BAR)', reference: 'RFC 8866 §5.14' },
  'ice-credentials-missing': { what: 'an m-section in use, not bundled behind another, without both a=ice-ufrag and a=ice-pwd (its own or the session\'s), offer or answer (Chromium: "Called with SDP without ice-ufrag and ice-pwd"; Firefox: "no ice-ufrag attribute at level 1")', reference: 'RFC 8839 §5.4' },
  'fingerprint-session-repeated': { what: 'two or more a=fingerprint lines at session level, offer or answer (Chromium: "Can\'t have multiple fingerprint attributes at the same level."; in an m-section it takes the last, and Firefox takes several anywhere, as RFC 8122 §5 allows)', reference: 'RFC 8122 §5' },
  'fingerprint-missing': { what: 'an m-section in use, not bundled behind another, without a=fingerprint (its own or the session\'s), offer or answer, plain RTP and SDES too (Chromium: "Called with SDP without DTLS fingerprint"; Firefox: "no fingerprint attribute at level 1")', reference: 'RFC 8122 §5, RFC 8827 §6.5' },
  'mid-duplicate': { what: 'one a=mid in two m-sections (Chromium: "Duplicate a=mid value"; Firefox takes such an offer)', reference: 'RFC 5888 §4' },
  'extmap-bundle-collision': { what: 'one a=extmap id naming two URIs in m-sections of one BUNDLE group, offer or answer (Chromium: "A BUNDLE group contains a codec collision for header extension id=…"; Firefox 56 to 60 offered so, Firefox ESR takes such an offer)', reference: 'RFC 8843 §9.1.1, RFC 8285 §6' },
  'msid-duplicate': { what: 'one a=msid, stream and track id, in two m-sections in use, or one a=ssrc:<ssrc> msid: naming them so (Chromium: "Duplicate a=msid lines detected"; RFC 8830 §2 does not permit it; one written twice in one m-section, or a stream id alone in two, it takes)', reference: 'RFC 8830 §2' },
  'session-line-order': { what: 'session lines out of RFC 8866 §5\'s order (v o s i u e p c b t r z k a): t= after the session\'s a= lines ("Expect line: t="), b= after t= ("Expects m line"), c= after b=, s= after t=, r= before t=, and a second of the lines Chromium reads once (two e=, c= or z=; RFC 8866 allows several e= and p=) (Chromium refuses each, measured; Firefox takes them; within an m-section both take c=, b= and i= after the a= lines, measured)', reference: 'RFC 8866 §5' },
  'connection-repeated': { what: 'two c= lines in one m-section (Firefox: "c= line specified twice at same level"; Chromium takes them; measured)', reference: 'RFC 8866 §5.7' },
  'session-connection-repeated': { what: 'two c= lines at session level (Firefox: "c= line specified twice at same level"; Chromium: "Expect line: t=", it reads one; measured)', reference: 'RFC 8866 §5, §5.7' },
  'mid-repeated': { what: 'two a=mid of different values in one m-section, a=group:BUNDLE naming the first: Chromium reads the last, and finds no m-section for the mid the group names (Chromium: "A BUNDLE group contains a MID=\'0\' matching no m= section"; Firefox takes it; measured in an answer)', reference: 'RFC 5888 §4' },
  'mid-length': { what: 'an a=mid over 16 bytes, more than the sdes:mid header extension carries (Chromium: "The MID attribute exceeds the maximum supported length")', reference: 'RFC 8843 §15.1, RFC 8285 §4.2' },
  'mid-length-stopped': { what: 'an a=mid over 16 bytes on a stopped m-section (port 0): Chromium checks every mid, Firefox skips stopped ones', reference: 'RFC 8843 §15.1, RFC 8285 §4.2' },
  'fmtp-no-space': { what: 'a=fmtp with no space after its payload type: nothing after it (a=fmtp:111), its parameters after a tab, or glued to it (a=fmtp:96x-google-min-bitrate=900; Chromium: "Expects at least 2 fields", "Invalid value"; "a=fmtp:111 " with the space both take)', reference: 'RFC 8866 §6.15' },
  'setup-value': { what: 'a=setup other than active, passive, actpass, holdconn (in any case: both browsers read ACTPASS as actpass, measured)', reference: 'RFC 4145 §4' },
  'extmap-id-syntax': { what: 'a=extmap id that is not a number', reference: 'RFC 8285 §8' },
  'extmap-id-range': { what: 'a=extmap id 0 or above 255', reference: 'RFC 8285 §5' },
  'extmap-two-byte-id': { what: 'a=extmap id from 15 to 255 (two-byte headers; Firefox takes 1 to 14)', reference: 'RFC 8285 §4.3' },
  'extmap-id-duplicate': { what: 'one a=extmap id for two extensions in one m-section', reference: 'RFC 8285 §5' },
  'ssrc-syntax': { what: 'a=ssrc that is not a 32-bit number', reference: 'RFC 5576 §4.1' },
  'ssrc-group-size': { what: 'a=ssrc-group:FID with fewer than two ssrcs', reference: 'RFC 5576 §4.2, RFC 4588 §8.1' },
  'ssrc-group-unknown': { what: 'a=ssrc-group naming an ssrc with no a=ssrc line in its m-section', reference: 'RFC 5576 §4.2' },
  'ssrc-duplicate': { what: 'one ssrc in two m-sections', reference: 'RFC 8843 §9.2' },
  'ssrc-attribute': { what: 'a=ssrc without <attribute>:<value> (RFC 5576 allows no value)', reference: 'RFC 5576 §4.1' },
  'ssrc-sim-rtx-partial': { what: 'a=ssrc-group:SIM (legacy simulcast) whose layers have an rtx ssrc (a=ssrc-group:FID) for some only, or one FID group written twice (Chromium: "Failed to add remote stream ssrc"; its log, "RTX SSRCs exist, but don\'t cover all SSRCs"; jitsi/sdp-simulcast\'s and mediasoup-client\'s Plan B munging wrote them, measured; Firefox takes it)', reference: 'RFC 5576 §4.2, RFC 4588 §8.1' },
  'ssrc-group-repeated': { what: 'a=ssrc-group naming one ssrc twice', reference: 'RFC 5576 §4.2' },
  'msid-syntax': { what: 'a=msid with an empty id or more than two tokens', reference: 'RFC 8830 §2' },
  'rtpmap-clock': { what: 'a=rtpmap clock rate that is not a number', reference: 'RFC 8866 §6.6' },
  'rtpmap-duplicate': { what: 'two a=rtpmap for one payload type', reference: 'RFC 8866 §6.6' },
  'rtpmap-payload-type-range': { what: 'an a=rtpmap whose payload type is no number from 0 to 127 as written ("abc", "-1", "00128"), or one above 127 that the m-line does not list (Chromium: "Failed to parse SessionDescription."; one the m-line lists is payload-type-range; measured)', reference: 'RFC 3550 §5.1' },
  'candidate-generation': { what: 'an a=candidate whose generation is not a number from 0 to 4294967295 (Chromium: "Invalid generation", for the whole description; addIceCandidate refuses such a line alone; measured)', reference: 'RFC 8839 §5.1 (extension-att-value)' },
  'codec-attribute-unknown-pt': { what: 'a=fmtp or a=rtcp-fb for a payload type the m-line does not list', reference: 'RFC 8866 §6.15, RFC 4585 §4.2' },
  'rtx-apt': { what: 'an rtx payload type without apt=, or whose apt= names no payload type of the m-line', reference: 'RFC 4588 §8.6' },
  'sctp-port-range': { what: 'a=sctp-port above 65535', reference: 'RFC 8841 §5.2' },
  'sctp-port-value': { what: 'an a=sctp-port whose port is not a number, or missing: "a=sctp-port:x", "a=sctp-port abc", "a=sctp-port  5000" (two blanks for the colon), "a=sctp-port:5000 " and "a=sctp-port: 5000" (a blank beside the port), "a=sctp-port" (Chromium: "Invalid sctp port value", "Expects at least 2 fields"; Firefox refuses such an answer but where blanks stand beside the port, which it reads; one blank for the colon both take)', reference: 'RFC 8841 §5.2' },
  'max-message-size-range': { what: 'a=max-message-size above 2147483647, offer or answer (libwebrtc reads it as a signed 32-bit number: "Invalid SCTP max message size.")', reference: 'RFC 8841 §6' },
  'max-message-size-value': { what: 'a=max-message-size that is not a number', reference: 'RFC 8841 §6' },
  'sctp-format': { what: 'an m=application with a=sctp-port whose format is not webrtc-datachannel (the old DTLS/SCTP 5000 form)', reference: 'RFC 8841 §4.1, §5.2' },
  'sctp-format-sctpmap': { what: 'UDP/DTLS/SCTP (or TCP/…) with a port number for format and a=sctpmap (Firefox: "No webrtc-datachannel token in m= media line")', reference: 'RFC 8841 §4.1, §5.2' },
  'rid-direction': { what: 'a=rid without "send" or "recv"', reference: 'RFC 8851 §10' },
  'rid-chars': { what: 'a rid, in a=rid or a=simulcast, with a character other than a letter or a digit: "q_1" and "q-1" (RFC 8851 §10 allows "_" and "-"), or the "rid=" of the draft-03 syntax Firefox itself wrote before version 64, "a=simulcast: send rid=q;h;f" (Firefox: "Rid can contain only alphanumeric characters"; Chromium accepts them)', reference: 'RFC 8851 §10, RFC 8853 §5.1' },
  'simulcast-syntax': { what: 'a=simulcast with an empty rid in its list', reference: 'RFC 8853 §5.1' },
  'simulcast-rid-missing': { what: 'a=simulcast naming a rid with no a=rid line of its direction in its m-section: a recv rid needs "a=rid:<id> recv", a send rid "a=rid:<id> send" (Firefox: "No rid attribute for …"; Chromium accepts it and drops the layer: measured, the offerer\'s encodings lose it, and with every a=rid on the wrong side one encoding is left)', reference: 'RFC 8853 §5.1, RFC 8851 §4' },
  'simulcast-rid-extension': { what: 'a=simulcast in an m-section without a=extmap for the RID header extension, urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id (Chromium: "negotiates simulcast but does not negotiate the RID RTP header extension", in an offer and in an answer; repaired-rtp-stream-id is not needed)', reference: 'RFC 8852 §4.3, RFC 8853' },
  'simulcast-repeated': { what: 'two a=simulcast lines in one m-section', reference: 'RFC 8853 §5.1' },
  'simulcast-empty': { what: 'a=simulcast: with nothing after it', reference: 'RFC 8853 §5.1' },
  'simulcast-list-missing': { what: 'a=simulcast with a direction and no stream list after it', reference: 'RFC 8853 §5.1' },
  'rtcp-mux-missing': { what: 'an audio or video …/SAVPF m-section without a=rtcp-mux (the browsers\' rtcpMuxPolicy is "require"), in an offer or an answer, bundled or not', reference: 'RFC 8035, RFC 9429 §4.1.1' },
  'rtcp-mux-missing-bundle-only': { what: 'a bundle-only audio or video m-section (port 0, a=bundle-only) without a=rtcp-mux, in an offer (Firefox: "m-section at level 1 is missing a=rtcp-mux, which is required by rtcpMuxPolicy"; Chromium takes it: RFC 8829 §7\'s own C1 offer has one)', reference: 'RFC 8843 §7.1.3, RFC 9429 §5.2.1' },
};

/** Every rule: which browsers reject, what, and the grammar or rule behind it. */
export const BROWSER_RULES: { readonly [R in BrowserRule]: { readonly browsers: (typeof RULE_BROWSERS)[R]; readonly what: string; readonly reference: string } } = /* @__PURE__ */ withBrowsers(RULE_WORDS);

function withBrowsers(words: typeof RULE_WORDS): typeof BROWSER_RULES {
  const out: Record<string, { browsers: BrowserVerdicts; what: string; reference: string }> = {};
  for (const rule of Object.keys(words) as BrowserRule[]) out[rule] = { browsers: RULE_BROWSERS[rule], ...words[rule] };
  return out as typeof BROWSER_RULES;
}

const LINE_TYPES = new Set('vosiuepcbtrzkam');
/** The RID header extension (RFC 8852 §4.3): what tells simulcast layers apart on the wire. */
const RID_EXTENSION = 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';
/** The protos of RFC 8866 §5.14's registry that WebRTC and its predecessors use. */
const KNOWN_PROTOCOLS = new Set(['RTP/AVP', 'RTP/SAVP', 'RTP/AVPF', 'RTP/SAVPF', 'UDP/TLS/RTP/SAVP', 'UDP/TLS/RTP/SAVPF', 'TCP/TLS/RTP/SAVP', 'TCP/TLS/RTP/SAVPF', 'TCP/DTLS/RTP/SAVPF', 'UDP/DTLS/SCTP', 'TCP/DTLS/SCTP', 'DTLS/SCTP', 'UDP', 'TCP', 'TCP/RTP/AVP', 'UDP/BFCP', 'TCP/BFCP', 'TCP/TLS/BFCP']);

/** All digits (and at least one). */
function isUint(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Where a rule's findings go: the rule, its line and column, and what was found. */
export type RuleSink = (rule: BrowserRule, line: number | null, column: number | null, detail: string) => void;

/** Whether an m= proto is one the browsers know (the others are refused: unknown-protocol). */
export const isKnownProtocol = (proto: string): boolean => KNOWN_PROTOCOLS.has(proto.toUpperCase());

/** The longest detail a rule's message quotes (UTF-16 units); longer ones end in "…". */
const MAX_DETAIL = 160;

/** A finding as the diagnostic parseSdp reports: rejected-by-browser, its rule, who rejects it and what. */
export function ruleDiagnostic(rule: BrowserRule, detail: string, at: LinePosition): Diagnostic<'rejected-by-browser'> {
  const b = RULE_BROWSERS[rule];
  const who = b.chromium === 'rejects' ? (b.firefox === 'rejects' ? 'Chromium and Firefox reject it' : 'Chromium rejects it (Firefox accepts)') : 'Firefox rejects it (Chromium accepts)';
  // The detail quotes the input: a value of any length (an SDP with CR-only line ends is one v= line) is cut.
  const said = detail.length > MAX_DETAIL ? `${detail.slice(0, MAX_DETAIL - 1)}…` : detail;
  return diagnostic('rejected-by-browser', `${said}: ${who}${rule === 'no-final-line-ending' ? '; was the SDP cut?' : ''}`, { ...at, browsers: b, rule });
}

/**
 * The rules on one line that is not a modeled attribute (a field, c=, m=, or an attribute whose
 * value did not read): parseSdp calls it on those only, so modeled attribute lines cost nothing.
 */
/** `rejected`: the line is a rejected m-line's (port 0, not bundle-only), whose formats are placeholders. */
export function lineRules(l: SdpLine, add: RuleSink, rtp = true, rejected = false, inMedia = false): void {
  switch (l.kind) {
    case 'field': {
      const { letter, value } = l;
      if (!LINE_TYPES.has(letter)) add('unknown-line-type', l.line, 1, `"${letter}=" is not an SDP line type`);
      else if (letter === 'v' && value !== '0') add('version', l.line, 3, `v=${JSON.stringify(value.slice(0, 80))}${value.length > 80 ? '…' : ''}`);
      else if (letter === 'o') add('origin-fields', l.line, 3, `o= has ${value.split(' ').length} fields`);
      else if (letter === 'b') add('bandwidth-value', l.line, 3 + value.indexOf(':') + 1, `b= value ${JSON.stringify(value.slice(value.indexOf(':') + 1))}`);
      // Fewer than three fields (measured: no address); extra blanks between them Chromium skips (tokenize_first), and a
      // fourth word makes the address a name, which it takes (as c=IN IP4 x.y, measured): no rule for those (audit of the change).
      else if (letter === 'c' && value.split(' ').filter((x) => x !== '').length < 3) add('connection-fields', l.line, 3, `c=${value.length > 40 ? `${value.slice(0, 40)}…` : value} has ${value.split(' ').filter((x) => x !== '').length} of its 3 fields`);
      else if (letter === 's' && value === '') add('session-name-empty', l.line, 3, 's= is empty');
      else if (letter === 'k' && value === '') add('key-empty', l.line, 3, 'k= is empty');
      // Fewer than two times (measured: "t=0"); extra blanks or tabs Firefox's tokenizer skips (second audit of the change: a false error).
      else if (letter === 't' && value.split(/[ \t]+/).filter((x) => x !== '').length < 2) add('timing-fields', l.line, 3, `t=${value.length > 40 ? `${value.slice(0, 40)}…` : value} is not <start> <stop>`);
      return;
    }
    case 'connection': {
      const [address, ...rest] = l.value.address.split('/');
      if (rest.length > 0) add('connection-multicast', l.line, null, `c= address ${JSON.stringify(l.value.address)}`);
      // A redaction marker ("192.168.*.*", by whoever shared the SDP) is not what was sent: no rule (sdp-diff audit: an error, while the candidates' said "redacted").
      const family = address === '' ? null : classifyAddress(address!).family;
      if (family === 'redacted') return;
      if (l.value.addressType === 'IP4' && family === 'ipv6') add('connection-ipv6-as-ip4', l.line, null, `c=IN IP4 ${address}`);
      else if (l.value.addressType === 'IP4' && family !== null && family !== 'ipv4') add('connection-address', l.line, null, `c= address ${JSON.stringify(l.value.address)}`);
      else if (l.value.addressType === 'IP6' && family === 'ipv4') add('connection-ipv4-as-ip6', l.line, null, `c=IN IP6 ${address}`);
      return;
    }
    case 'media':
      if (l.value.port > 65535 || l.value.portCount !== null) add('mline-port', l.line, 3 + l.value.kind.length + 1, l.value.portCount !== null ? `m= port ${l.value.port}/${l.value.portCount}` : `m= port ${l.value.port}`);
      // No format at all, port 0 too (Chromium: "Expects at least 4 fields"; a Kurento answer's rejected video, thread audit).
      if (l.value.formats.length === 0) add('mline-no-format', l.line, null, `m=${l.value.kind} ${l.value.port} ${l.value.protocol} has no format`);
      // A blank at the end or two in a row (readMedia drops the empty format): RongCloud's renameCodec joins a list with an undefined in it (munging audit 7).
      else if (l.verbatim !== undefined) {
        const text = l.verbatim.text;
        const summary = PAGE_SUMMARY.exec(text);
        const bare = summary === null ? text : text.slice(0, summary.index);
        const at = bare.endsWith(' ') ? bare.length : bare.indexOf('  ');
        if (at >= 0) add('mline-empty-field', l.line, at + 1, bare.endsWith(' ') ? `the m= line ends with a blank` : `the m= line has two blanks in a row`);
      }
      if (!isKnownProtocol(l.value.protocol)) add('unknown-protocol', l.line, null, `proto ${JSON.stringify(l.value.protocol)}`);
      if (/RTP\//i.test(l.value.protocol)) {
        // One finding a rule for the line, with the first format that breaks it and how many do
        // (an m= line of 262,000 "=" formats made a finding each: most of its parse).
        let nonNumeric: string | null = null;
        let nonNumericCount = 0;
        let above: string | null = null;
        let aboveCount = 0;
        let rtcp: string | null = null;
        let rtcpCount = 0;
        let reserved: string | null = null;
        for (const fmt of l.value.formats) {
          if (!isUint(fmt)) {
            nonNumeric ??= fmt;
            nonNumericCount++;
          } else if (Number(fmt) > 127) {
            above ??= fmt;
            aboveCount++;
          } else if (Number(fmt) >= 64 && Number(fmt) <= 95) {
            rtcp ??= fmt;
            rtcpCount++;
          } else if (reserved === null && (fmt === '1' || fmt === '2' || fmt === '19')) reserved = fmt;
        }
        // Audit against both browsers: they refuse these, and sdp-diff had passed them.
        // The negotiation audit of 2026-12-06 (Firefox's GetForbiddenSdpPayloadTypes), measured: an offer with 19.
        // Not on a rejected m-line: both browsers take sofia-sip's "m=video 0 … 19" (measured: port-zero-pt19).
        if (reserved !== null && !rejected) add('payload-type-reserved', l.line, null, `payload type ${reserved}`);
        if (rtcp !== null) add('payload-type-rtcp-range', l.line, null, rtcpCount === 1 ? `payload type ${rtcp}` : `${rtcpCount.toLocaleString('en-US')} payload types are from 64 to 95, the first ${rtcp}`);
        if (nonNumeric !== null) add('format-nonnumeric', l.line, null, nonNumericCount === 1 ? `format ${JSON.stringify(nonNumeric)}` : `${nonNumericCount.toLocaleString('en-US')} formats are not numbers, the first ${JSON.stringify(nonNumeric)}`);
        if (above !== null) add('payload-type-range', l.line, null, aboveCount === 1 ? `payload type ${above}` : `${aboveCount.toLocaleString('en-US')} payload types are above 127, the first ${above}`);
      }
      return;
    case 'other-attribute':
      otherAttribute(l.name, l.value, l.line, add, rtp, inMedia);
      return;
    default:
      return;
  }
}

/** An attribute whose value did not read (or that sdpscope does not model), as written. */
function otherAttribute(name: string, value: string | null, n: number, add: RuleSink, rtp: boolean, inMedia: boolean): void {
  const v = value ?? '';
  const col = 3 + name.length + 1;
  // A space only: libwebrtc's GetLine refuses "a= …" (measured); a tab passes it (the attribute then ignored as unknown).
  if (name.startsWith(' ')) {
    add('attribute-blank', n, 3, `"a=${name.slice(0, 40)}" has a blank after "="`);
    return;
  }
  // "a=sctp-port" with a blank where the colon goes and no port after it (one blank and a port is read as the port: line.ts).
  if (name === 'sctp-port' || name.startsWith('sctp-port ')) {
    const written = name === 'sctp-port' ? (value === null ? '' : `:${value}`) : name.slice(9);
    // libwebrtc's ParseSctpPort reads the field after the colon, else the second of the fields split at each blank (empty ones kept).
    const port = name === 'sctp-port' ? value : name.split(' ')[1]!;
    if (port === null || !isUint(port)) add('sctp-port-value', n, 3, `a=sctp-port${written.slice(0, 40)}${written === '' ? ' has no port' : ' is not a port number after a colon or one blank'}`);
    return;
  }
  switch (name) {
    case '':
      add('empty-attribute', n, 3, '"a=" names no attribute');
      break;
    case 'fmtp':
      // Chromium splits the value at its first space: none, and the line has one field (a tab is no space to it, measured).
      if (!v.includes(' ') && /^\d+(?:\t|$)/.test(v)) add('fmtp-no-space', n, col, v.includes('\t') ? `a=fmtp:${v.slice(0, v.indexOf('\t'))} has a tab, not a space, after its payload type` : `a=fmtp:${v} has no parameters`);
      // Parameters glued to the payload type with no space anywhere ("a=fmtp:96x-google-min-bitrate=900"),
      // which the fmtp reader does not take; with a space further on the line reads, and sectionRules says it.
      else if (GLUED_FMTP.test(v)) add('fmtp-no-space', n, col, gluedFmtp(v));
      break;
    case 'setup':
      if (!['active', 'passive', 'actpass', 'holdconn'].includes(v.toLowerCase())) add('setup-value', n, col, `a=setup:${v}`);
      break;
    case 'extmap': {
      const id = v.split(' ')[0]!.split('/')[0]!;
      if (!isUint(id)) add('extmap-id-syntax', n, col, `a=extmap id ${JSON.stringify(id)}`);
      else if (Number(id) === 0 || Number(id) > 255) add('extmap-id-range', n, col, `a=extmap id ${id}`);
      break;
    }
    case 'ssrc': {
      const id = v.split(' ')[0]!;
      if (!isUint(id) || Number(id) > 0xffffffff) add('ssrc-syntax', n, col, `a=ssrc:${id}`);
      // In an RTP m-section: libwebrtc reads a=ssrc only there ("Ignored line" in a data channel's; audit of the change).
      else if (!v.includes(' ') && rtp) add('ssrc-attribute', n, col, `a=ssrc:${id} has no attribute`);
      break;
    }
    case 'msid': {
      // Chromium reads it with rtc::tokenize, which drops empty tokens: two blanks or a trailing
      // one are no third token (parse audit: a false error; Firefox splits on white space too).
      const t = tokens(v);
      if (t.length === 0 || t.length > 2) add('msid-syntax', n, col, `a=msid:${v}`);
      break;
    }
    case 'rtpmap': {
      const clock = /^\d+ [^/]+\/([^/]*)/.exec(v)?.[1];
      const pt = tokens(v)[0] ?? '';
      // A payload type that is no number from 0 to 127 as written ("abc", "-1", "00128"): Chromium refuses
      // the description, Firefox takes it (audit of the change, measured: rtpmap-pt-nonnumeric, -leading-zeros).
      if (rtp && inMedia && pt !== '' && !/^(?:0|[1-9]\d?|1[01]\d|12[0-7])$/.test(pt)) add('rtpmap-payload-type-range', n, col, `a=rtpmap:${pt.slice(0, 24)}`);
      else if (clock !== undefined && !isUint(clock)) add('rtpmap-clock', n, col + v.indexOf('/') + 1, `clock rate ${JSON.stringify(clock)}`);
      // One field only (Chromium: "Expects at least 2 fields"; an ONVIF camera's SDP had it).
      else if (tokens(v).length < 2) add('rtpmap-fields', n, col, `a=rtpmap:${v.slice(0, 40)} has no encoding name`);
      // A name without "/<clock rate>" (rtpengine#686's "a=rtpmap:101 ."; measured: Chromium 156 refuses
      // 'Expected format "<encoding name>/<clock rate>…"', Firefox ESR 153 takes it).
      else if (!tokens(v)[1]!.includes('/')) add('rtpmap-fields', n, col, `a=rtpmap:${v.slice(0, 40)} has no "/<clock rate>" after its encoding name`);
      break;
    }
    case 'max-message-size':
      add('max-message-size-value', n, col, `a=max-message-size:${v}`);
      break;
    case 'sctp-port':
      if (isUint(v) && Number(v) > 65535) add('sctp-port-range', n, col, `a=sctp-port:${v}`);
      break;
    case 'rid': {
      const [id, dir] = v.split(' ');
      if (dir !== 'send' && dir !== 'recv') add('rid-direction', n, col, `a=rid:${v}`);
      else if (!RID_CHARS.test(id!)) add('rid-chars', n, col, `a=rid: ${ridChars(id!)}`);
      break;
    }
    case 'simulcast': {
      if (!rtp) break;
      // Empty (Chromium: "Simulcast attribute is empty"), or a direction with no list after it (both: "Must have one or two <direction, streams> pairs", "Missing rid").
      const t = tokens(v);
      if (t.length === 0) add('simulcast-empty', n, col, 'a=simulcast: is empty');
      else if (t.length % 2 === 1) add('simulcast-list-missing', n, col, `a=simulcast:${v.slice(0, 60)} has no stream list after ${JSON.stringify(t[t.length - 1]!.slice(0, 20))}`);
      // Its direction and list are space-separated tokens (empty ones dropped, as both browsers read them); an empty rid within a list is the error.
      else if (t.some((x, i) => i % 2 === 1 && simulcastRids(x).some((r) => r === '' || r === '~'))) add('simulcast-syntax', n, col, `a=simulcast:${v}`);
      else {
        const odd = t.flatMap((x, i) => (i % 2 === 1 ? simulcastRids(x) : [])).find((r) => !RID_CHARS.test(r.replace(/^~/, '')));
        if (odd !== undefined) add('rid-chars', n, col, `a=simulcast: ${ridChars(odd.replace(/^~/, ''))}`);
      }
      break;
    }
    default:
      break;
  }
}

/** A rid as Firefox reads one (its parser: "Rid can contain only alphanumeric characters"); RFC 8851 §10 allows "-" and "_" too. */
const RID_CHARS = /^[A-Za-z0-9]+$/;

/** What a rid of other characters is: the draft-03 "rid=" said as such. */
const ridChars = (id: string): string => id.startsWith('rid=') ? `rid ${JSON.stringify(id.slice(0, 40))}: the draft-03 syntax ("send rid=q;h;f", Firefox before version 64), not RFC 8853's` : `rid ${JSON.stringify(id.slice(0, 40))} has a character other than a letter or a digit`;

/** A value's space-separated tokens, empty ones dropped (libwebrtc's rtc::tokenize; Firefox's split_whitespace). */
const tokens = (v: string): string[] => v.split(' ').filter((x) => x !== '');

/** The rids an a=simulcast stream list names (RFC 8853 §5.1: streams ";", a stream's alternative rids ","; "~" pauses one). */
export const simulcastRids = (list: string | null): string[] => (list === null ? [] : list.split(';').flatMap((alt) => alt.split(',')));

type Lines<K extends AttributeName> = readonly (AttributeLine & { readonly name: K; readonly value: AttributeValues[K] })[];

/** An a=fmtp value whose parameters start right after the payload type's digits: `96x-google-min-bitrate=900`. */
const GLUED_FMTP = /^\d{1,3}[^\d\s]/;
/** fmtp-no-space's words for such a value (`96x-google-min-bitrate=900;`), read as a line or not. */
const gluedFmtp = (v: string): string => `a=fmtp:${/^\d+/.exec(v)![0]} has its parameters glued to its payload type, no space between ("${v.length > 32 ? `${v.slice(0, 32)}…` : v}")`;

/** A section's modeled attributes by name (parseSdp's index of them). */
export interface SectionAttributes {
  all<K extends AttributeName>(name: K): Lines<K>;
  has(name: AttributeName): boolean;
}

/** The rules on one m-section, from its attributes by name: no pass over its lines. */
export function sectionRules(m: MediaLine, line: number, a: SectionAttributes, add: RuleSink, muxWritten = false, sessionExtmaps: Lines<'extmap'> = []): void {
  const rtp = /RTP\//i.test(m.protocol);
  const formats = new Set(m.formats);
  if (rtp) {
    // Each payload type's apt= and its line, found once: the last given, over all of its a=fmtp
    // lines, which libwebrtc merges (an apt= on a second line had been "no apt=": SDP audit, PingOS).
    const apts = new Map<string, { readonly apt: string; readonly line: number; readonly exact: boolean }>();
    for (const l of a.all('fmtp')) {
      const pt = l.value.format;
      // (The name's length first: a lower-cased copy of every parameter name of every a=fmtp was
      // measurable.) "apt" as written wins over another case of it, as in libwebrtc's map of
      // parameters, where the names are as written (audit of the change: apt=96;APT=100).
      for (const p of l.value.parameters) {
        if (p.name === null || p.name.length !== 3 || p.name.toLowerCase() !== 'apt') continue;
        const had = apts.get(pt);
        if (p.name === 'apt' || had === undefined || !had.exact) apts.set(pt, { apt: p.value, line: l.line, exact: p.name === 'apt' });
      }
      // Its parameters glued to the payload type ("a=fmtp:96x-google-min-bitrate=900;": a munge that
      // wrote no space; munging audit): Chromium reads "96x-google-…" as the payload type and refuses
      // it ("Invalid value"), Firefox takes it (measured): not "a payload type the m-line does not list".
      if (GLUED_FMTP.test(pt)) add('fmtp-no-space', l.line, 8, gluedFmtp(pt));
      else if (pt !== '' && pt !== '*' && !formats.has(pt)) add('codec-attribute-unknown-pt', l.line, 8, `a=fmtp for payload type ${pt}, which the m-line does not list`);
    }
    for (const l of a.all('rtcp-fb')) {
      const pt = l.value.format;
      if (pt !== '' && pt !== '*' && !formats.has(pt)) add('codec-attribute-unknown-pt', l.line, 11, `a=rtcp-fb for payload type ${pt}, which the m-line does not list`);
    }
    const rtpmaps = new Map<number, number>();
    for (const l of a.all('rtpmap')) {
      const n = l.value.payloadType;
      const had = rtpmaps.get(n);
      if (had !== undefined) add('rtpmap-duplicate', l.line, 10, `payload type ${n} has a=rtpmap on line ${had} too`);
      else rtpmaps.set(n, l.line);
      const name = l.value.encodingName;
      if (name.length !== 3 || name.toLowerCase() !== 'rtx' || had !== undefined) continue;
      const pt = String(n);
      if (!formats.has(pt)) continue;
      const found = apts.get(pt);
      if (found === undefined) add('rtx-apt', l.line, null, `rtx payload type ${pt} has no apt=`);
      else if (!isUint(found.apt) || !formats.has(found.apt)) add('rtx-apt', found.line, null, `rtx payload type ${pt}: apt=${found.apt} is no payload type of the m-line`);
    }
    // Audio or video in a WebRTC profile (…/SAVPF), where it was measured (an m=foo is rejected by port, not for this).
    if (!a.has('rtcp-mux') && !muxWritten && (m.kind === 'audio' || m.kind === 'video') && /SAVPF$/i.test(m.protocol)) {
      if (m.port !== 0) add('rtcp-mux-missing', line, null, 'no a=rtcp-mux');
      // Bundle-only (port 0): Firefox checks it too, Chromium not (measured: RFC 8829 §7's C1 offer, whose video has none).
      else if (a.has('bundle-only')) add('rtcp-mux-missing-bundle-only', line, null, 'a bundle-only m-section without a=rtcp-mux');
    }
  }
  const ids = new Map<number, string>();
  for (const l of a.all('extmap')) {
    const id = l.value.id;
    // An encrypted extension (RFC 6904) is its URI after the wrapper: two of them are two extensions (parse audit).
    const uri = extensionOf(l.value);
    if (id === 0 || id > 255) {
      add('extmap-id-range', l.line, 10, `a=extmap id ${id}`);
      continue;
    }
    if (id >= 15) add('extmap-two-byte-id', l.line, 10, `a=extmap id ${id}`);
    const was = ids.get(id);
    if (was !== undefined && was !== uri) add('extmap-id-duplicate', l.line, 10, `id ${id} is ${was} too`);
    else ids.set(id, uri);
  }
  const ssrcs = new Set<string>();
  for (const l of a.all('ssrc')) {
    if (!isUint(l.value.ssrc) || Number(l.value.ssrc) > 0xffffffff) add('ssrc-syntax', l.line, 8, `a=ssrc:${l.value.ssrc}`);
    else ssrcs.add(l.value.ssrc);
  }
  for (const l of a.all('ssrc-group')) {
    if (l.value.semantics === 'FID' && l.value.ssrcs.length < 2) add('ssrc-group-size', l.line, 15, `a=ssrc-group:FID with ${l.value.ssrcs.length} ssrc`);
    for (const x of l.value.ssrcs) if (!ssrcs.has(x)) add('ssrc-group-unknown', l.line, 15, `ssrc ${x} has no a=ssrc line`);
    if (new Set(l.value.ssrcs).size < l.value.ssrcs.length) add('ssrc-group-repeated', l.line, 15, `a=ssrc-group:${l.value.semantics} names an ssrc twice`);
  }
  // A SIM group whose layers have an rtx ssrc (FID) for some only: Chromium refuses the stream
  // (webrtc_video_engine.cc ValidateStreamParams, "RTX SSRCs exist, but don't cover all SSRCs";
  // measured: jitsi/sdp-simulcast's munged offers, "Failed to add remote stream ssrc"). Where the
  // side sends (a recvonly or inactive m-section's ssrcs make no stream).
  if (!a.has('recvonly') && !a.has('inactive')) {
    const groups = a.all('ssrc-group');
    for (const sim of groups) {
      if (sim.value.semantics !== 'SIM') continue;
      const layers = new Set(sim.value.ssrcs);
      // Counted as groups: one FID group written twice is refused too (measured: mediasoup-client's
      // Plan B addLegacySimulcast repeated the first layer's, "Failed to add remote stream ssrc").
      const fids = groups.filter((g) => g.value.semantics === 'FID' && layers.has(g.value.ssrcs[0]!));
      const withRtx = new Set(fids.map((g) => g.value.ssrcs[0]!));
      if (fids.length > 0 && withRtx.size < layers.size) add('ssrc-sim-rtx-partial', sim.line, 15, `a=ssrc-group:SIM of ${layers.size} ssrcs, ${withRtx.size} of them with an rtx ssrc (a=ssrc-group:FID)`);
      else if (fids.length > layers.size) add('ssrc-sim-rtx-partial', fids[fids.length - 1]!.line, 15, `a=ssrc-group:SIM of ${layers.size} ssrcs, ${fids.length} a=ssrc-group:FID for them (one written twice)`);
    }
  }
  // An attribute with no value ("a=ssrc:1 foo", legal in RFC 5576): Chromium wants <attribute>:<value> (in an RTP m-section, where it reads a=ssrc).
  if (rtp) for (const l of a.all('ssrc')) if (l.value.value === null) add('ssrc-attribute', l.line, null, `a=ssrc:${l.value.ssrc} ${l.value.attribute.slice(0, 40)} has no ":<value>"`);
  for (const l of a.all('candidate')) {
    const c = l.value;
    const type = c.type.toLowerCase();
    if (type !== 'host' && type !== 'srflx' && type !== 'prflx' && type !== 'relay') add('candidate-unknown-kind', l.line, null, `a=candidate typ ${JSON.stringify(c.type.slice(0, 40))}`);
    else if (c.tcpType !== null && c.tcpType !== 'active' && c.tcpType !== 'passive' && c.tcpType !== 'so') add('candidate-unknown-kind', l.line, null, `a=candidate tcptype ${JSON.stringify(String(c.tcpType).slice(0, 40))}`);
    // The transport as written (the model keeps it lower-cased): Chromium's ParseCandidate knows udp, tcp and ssltcp only (measured: TCP-ACT refused, ssltcp taken).
    if (c.transport !== 'udp' && c.transport !== 'tcp' && c.transport !== 'ssltcp') add('candidate-transport-unknown', l.line, null, `a=candidate transport ${JSON.stringify(c.transportText.slice(0, 24))}`);
    // libwebrtc reads generation as a 32-bit unsigned number (library audit: 4294967296 and "x" unsaid).
    if (c.generation === null || c.generation > 0xffffffff) {
      // A last "generation" with no value Chromium passes over and takes the candidate (audit of the change, measured).
      const g = c.extensions.find((e) => e.name === 'generation' && e.value !== '');
      if (g !== undefined) add('candidate-generation', l.line, null, `a=candidate generation ${JSON.stringify(g.value.length > 24 ? `${g.value.slice(0, 24)}…` : g.value)}`);
    }
  }
  // An a=rtpmap above 127 for a payload type the m-line does not list (one it lists is payload-type-range's).
  if (rtp) for (const r of a.all('rtpmap')) if (r.value.payloadType > 127 && !formats.has(String(r.value.payloadType))) add('rtpmap-payload-type-range', r.line, 9, `a=rtpmap:${r.value.payloadType}`);
  for (const r of a.all('rid')) if (!RID_CHARS.test(r.value.id)) add('rid-chars', r.line, 7, `a=rid: ${ridChars(r.value.id)}`);
  const sims = a.all('simulcast');
  if (sims.length > 1 && rtp) add('simulcast-repeated', sims[1]!.line, null, `a=simulcast on lines ${sims[0]!.line} and ${sims[1]!.line}`);
  if (sims.length > 0) {
    // The rids of each direction: a recv stream's rid is an a=rid recv line's (Firefox looks it up so).
    const rids = { send: new Set<string>(), recv: new Set<string>() };
    for (const r of a.all('rid')) rids[r.value.direction].add(r.value.id);
    for (const l of sims) {
      const named = [...simulcastRids(l.value.send), ...simulcastRids(l.value.recv)];
      if (named.some((r) => r === '' || r === '~')) add('simulcast-syntax', l.line, 13, `a=simulcast: an empty rid in ${JSON.stringify([l.value.send, l.value.recv].filter((x) => x !== null).join(' '))}`);
      else {
        const odd = named.map((r) => r.replace(/^~/, '')).find((r) => !RID_CHARS.test(r));
        if (odd !== undefined) add('rid-chars', l.line, 13, `a=simulcast: ${ridChars(odd)}`);
      }
      const said: string[] = [];
      for (const dir of ['send', 'recv'] as const) {
        const other = dir === 'send' ? 'recv' : 'send';
        const missing = simulcastRids(l.value[dir]).map((r) => r.replace(/^~/, '')).filter((r) => r !== '' && !rids[dir].has(r));
        if (missing.length === 0) continue;
        const wrong = missing.filter((r) => rids[other].has(r));
        said.push(`${dir} rid ${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no a=rid ${dir} line${wrong.length > 0 ? ` (the a=rid line of ${wrong.join(', ')} says ${other})` : ''}`);
      }
      if (said.length > 0) add('simulcast-rid-missing', l.line, 13, said.join('; '));
    }
    // A session-level a=extmap is every m-section's (RFC 8285 §5; libwebrtc hands it to each: audit of the change).
    if (!a.all('extmap').some((e) => innerExtension(e.value) === RID_EXTENSION) && !sessionExtmaps.some((e) => innerExtension(e.value) === RID_EXTENSION)) add('simulcast-rid-extension', sims[0]!.line, null, `a=simulcast with no a=extmap for ${RID_EXTENSION} (in its m-section or at session level)`);
  }
  for (const l of a.all('sctp-port')) if (l.value > 65535) add('sctp-port-range', l.line, 13, `a=sctp-port:${l.value}`);
  for (const l of a.all('max-message-size')) if (l.value > 2147483647) add('max-message-size-range', l.line, 20, `a=max-message-size:${l.value}`);
  // Measured with a=sctp-port only. The old form (a number format and a=sctpmap, no a=sctp-port),
  // which Firefox 46 and Opera wrote and the corpus holds, is not this rule's (audit: it erred on it).
  if (m.kind === 'application' && a.has('sctp-port') && !m.formats.includes('webrtc-datachannel')) add('sctp-format', line, null, `format ${m.formats.join(' ')} with a=sctp-port`);
  // The new proto with the old format and a=sctpmap (node-webrtc's answer in a real thread): Firefox refuses it, measured.
  else if (m.kind === 'application' && /^(UDP|TCP)\/DTLS\/SCTP$/i.test(m.protocol) && !m.formats.includes('webrtc-datachannel') && a.has('sctpmap')) add('sctp-format-sctpmap', line, null, `${m.protocol} ${m.formats.join(' ')} with a=sctpmap`);
}
