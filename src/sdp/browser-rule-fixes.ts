/**
 * What to do about a finding: how to write each thing a browser refused so that it takes it
 * (BROWSER_RULE_FIXES, one per rule of BROWSER_RULES), and every other kind's action (DIAGNOSTICS).
 * Apart from the rules so that parseSdp does not carry the advice (a bundle of parseSdp alone
 * stays as it was). Pure.
 */
import { DIAGNOSTICS, type Diagnostic } from '../diagnostics.js';
import { requireObject, SdpscopeError } from '../errors.js';
import type { BrowserRule } from './browser-rules.js';

/** Per rule of BROWSER_RULES: how to write it so the browsers take it (the "what to do" of its findings). */
export const BROWSER_RULE_FIXES: Readonly<Record<BrowserRule, string>> = {
  'no-final-line-ending': 'End every line with CRLF, the last one too; if the text was cut (a log line\'s limit, a copy that stopped short), take the whole SDP from where it came from.',
  version: 'Write v=0: it is the only SDP version.',
  'origin-fields': 'Write o= with its six fields: o=<username> <sess-id> <sess-version> IN IP4 <address>, as the browsers do (o=- 4611731400430051336 2 IN IP4 127.0.0.1).',
  'unknown-line-type': 'Remove the line, or write what it says as an attribute (a=…): SDP\'s line types are v o s i u e p c b t r z k a m.',
  'connection-address': 'Write c=IN IP4 with a dotted-decimal address (c=IN IP4 0.0.0.0 when none is known yet: the candidates carry the real ones); an IPv6 address goes with c=IN IP6.',
  'connection-ipv6-as-ip4': 'Write an IPv6 address with c=IN IP6 (c=IN IP6 ::), an IPv4 one with c=IN IP4.',
  'connection-ipv4-as-ip6': 'Write an IPv4 address with c=IN IP4 (c=IN IP4 0.0.0.0), an IPv6 one with c=IN IP6.',
  'connection-multicast': 'Write the unicast address alone, no "/<ttl>" or "/<count>" after it (c=IN IP4 0.0.0.0): WebRTC is unicast.',
  'connection-fields': 'Write c= with its three fields: c=IN IP4 <address> (c=IN IP4 0.0.0.0 when none is known yet).',
  'session-name-empty': 'Write s=- when the session has no name (RFC 8866 §5.3), as the browsers do.',
  'key-empty': 'Remove the k= line: WebRTC keys media with DTLS-SRTP, and RFC 8866 §5.12 deprecates k=.',
  'timing-fields': 'Write t=0 0 (start and stop times; 0 0 for a session with no bounds).',
  'rtpmap-fields': 'Write a=rtpmap:<pt> <encoding name>/<clock rate>[/<channels>] (a=rtpmap:111 opus/48000/2), or leave the line out.',
  'attribute-blank': 'Remove the blank after "a=" (a=sendrecv, not a= sendrecv).',
  'mline-port': 'Write one port from 0 to 65535 on the m= line, no "/<count>" (9 when the candidates carry the real ones).',
  'mline-no-format': 'Keep a format on every m-line, a rejected one too: m=video 0 UDP/TLS/RTP/SAVPF 0 (the offer\'s first, or any; RFC 8866 §5.14 requires one).',
  'candidate-unknown-kind': 'Write typ host, srflx, prflx or relay, and tcptype active, passive or so (RFC 6544), or leave the candidate out: one unknown candidate makes Chromium refuse the whole description (trickled, only that candidate is refused).',
  'candidate-transport-unknown': 'Leave out candidates of other transports (TCP-ACT, TCP-PASS, xTLS) before setRemoteDescription, as Webex\'s SDK strips its xTLS ones: one makes Chromium refuse the whole description.',
  'bandwidth-value': 'Write b=<type>:<kilobits per second> as a whole number (b=AS:2000; b=TIAS in bits per second), or remove the line.',
  'empty-attribute': 'Remove the a= line that has no attribute name.',
  'mline-empty-field': 'Write the m= line\'s fields with one blank between them and none at its end (a munge that joins a list with an empty or undefined entry in it leaves one).',
  'format-nonnumeric': 'List payload type numbers on an RTP m= line; a codec\'s name goes in its a=rtpmap line.',
  'payload-type-range': 'Give the codec a payload type from 96 to 127 (or 35 to 63, which Chromium uses when those run out) and renumber its a=rtpmap, a=fmtp and a=rtcp-fb lines with it.',
  'payload-type-reserved': 'Use a dynamic payload type (96–127, or 35–63) for the codec, and renumber its a=rtpmap, a=fmtp and a=rtcp-fb lines.',
  'payload-type-rtcp-range': 'Move the codec out of 64–95 (to 96–127, or 35–63 as Chromium does) and renumber its a=rtpmap, a=fmtp and a=rtcp-fb lines and any apt= that names it.',
  'unknown-protocol': 'Use the proto the browsers write: UDP/TLS/RTP/SAVPF for audio and video, UDP/DTLS/SCTP for data channels.',
  'fmtp-no-space': 'Write a space after the payload type, then the parameters (a=fmtp:111 minptime=10), or leave out an a=fmtp line with no parameters.',
  'ice-credentials-missing': 'Keep the a=ice-ufrag and a=ice-pwd the ICE agent made (4 to 256 and 22 to 256 ice-chars), in each m-section or at session level: a server or a munging step that drops them drops the connection.',
  'fingerprint-missing': 'Add a=fingerprint:sha-256 with the hash of the DTLS certificate (each m-section or the session): the browsers implement DTLS-SRTP only, so a SIP trunk\'s RTP/AVP or SDES offer needs a gateway that speaks DTLS.',
  'mid-duplicate': 'Give each m-section an a=mid of its own (an m-section copied by hand copies its a=mid too), and name each once in a=group:BUNDLE.',
  'extmap-bundle-collision': 'Give each header extension URI one id across the m-sections of a BUNDLE group (they share one RTP stream\'s header space), and each id one URI; an answer keeps the offer\'s ids.',
  'msid-duplicate': 'Give each m-section\'s track its own id in a=msid:<stream> <track> (the MediaStreamTrack\'s id, one per sender): an audio and a video track named alike, or an m-section copied by hand, repeats it.',
  'session-line-order': 'Write the session lines in RFC 8866 §5\'s order: v=, o=, s=, then i=, u=, e=, p=, c=, b=, then t= (and r=), z=, k=, and the a= lines last (a b=AS for the whole session goes before t=).',
  'session-connection-repeated': 'Keep one c= line at session level (an m-section that needs another address has its own).',
  'connection-repeated': 'Keep one c= line per level (the session\'s, and one in each m-section that needs its own).',
  'ssrc-sim-rtx-partial': 'Give every layer of the SIM group its rtx ssrc (an a=ssrc-group:FID each, as Chrome\'s own simulcast does), or none.',
  'mid-repeated': 'Keep one a=mid in each m-section (two usually mean lines of two m-sections joined: a lost "m=" line, a bad paste).',
  'mid-length': 'Use mids of 16 characters at most (a UUID is 36: a counter or a short hash does), the same in a=mid and a=group:BUNDLE.',
  'mid-length-stopped': 'Use mids of 16 characters at most, stopped m-sections\' too (a recycled or stopped transceiver keeps its mid in every later offer).',
  'setup-value': 'Write a=setup:actpass in an offer, a=setup:active or a=setup:passive in an answer.',
  'extmap-id-syntax': 'Write a=extmap:<id> <URI> with a number id, from 1 to 14.',
  'extmap-id-range': 'Give the extension an id from 1 to 14 (one-byte headers; 15 to 255 need two-byte headers, which Firefox refuses), unused in the m-section.',
  'extmap-two-byte-id': 'Renumber the extension to an id from 1 to 14 not used in the m-section (in an answer, the offer\'s id must be kept: the offerer has to change it).',
  'extmap-id-duplicate': 'Give each header extension an a=extmap id of its own within the m-section.',
  'ssrc-syntax': 'Write a=ssrc:<ssrc> with a number from 0 to 4294967295.',
  'ssrc-attribute': 'Write a=ssrc:<ssrc> <attribute>:<value> (a=ssrc:1234 cname:x), or leave the line out.',
  'ssrc-group-repeated': 'Name each ssrc once in a=ssrc-group (FID: the media ssrc, then its rtx ssrc).',
  'ssrc-group-size': 'Write a=ssrc-group:FID <media ssrc> <retransmission ssrc>, both with a=ssrc lines, or remove the group.',
  'ssrc-group-unknown': 'Add a=ssrc lines (a=ssrc:<ssrc> cname:<cname> at least) for every ssrc the group names, in the same m-section, or remove the group.',
  'ssrc-duplicate': 'Give each m-section ssrcs of its own (an m-section copied by hand copies its a=ssrc and a=ssrc-group lines too).',
  'msid-syntax': 'Write a=msid:<stream id> <track id>, one or two tokens, the stream id not empty ("-" for no stream).',
  'rtpmap-clock': 'Write a=rtpmap:<pt> <name>/<clock rate>[/<channels>] with a number clock rate (opus/48000/2, VP8/90000).',
  'rtpmap-duplicate': 'Keep one a=rtpmap per payload type; give the other codec a payload type of its own (and list it on the m= line).',
  'rtpmap-payload-type-range': 'Map a payload type from 96 to 127 (the dynamic range, RFC 3551 §3), and list it on the m= line; or remove the line.',
  'candidate-generation': 'Write generation as a number from 0 to 4294967295 (libwebrtc writes 0 and counts ICE restarts up from it), or leave the extension out.',
  'codec-attribute-unknown-pt': 'List the payload type on the m= line, or remove its a=fmtp and a=rtcp-fb lines (removing a codec by hand leaves them behind).',
  'rtx-apt': 'Give each rtx payload type a=fmtp:<rtx pt> apt=<pt> naming a payload type of the same m= line, or remove the rtx codec with its lines.',
  'sctp-port-range': 'Write a=sctp-port with a port from 1 to 65535 (0 is no SCTP port, RFC 9260 §3.1; browsers write 5000).',
  'sctp-port-value': 'Write a=sctp-port:5000, a colon and the port (the browsers write 5000).',
  'max-message-size-range': 'Write a=max-message-size at most 2147483647, or 0 for no limit (Chromium writes 262144).',
  'fingerprint-session-repeated': 'Write one a=fingerprint at session level, or one in each m-section (several hashes of one certificate: one of them).',
  'max-message-size-value': 'Write a=max-message-size:<bytes> as a whole number (Chromium writes 262144), or remove it.',
  'sctp-format': 'Write m=application 9 UDP/DTLS/SCTP webrtc-datachannel with a=sctp-port:5000: the old form (DTLS/SCTP 5000 with a=sctpmap) is not read with a=sctp-port.',
  'sctp-format-sctpmap': 'Write m=application 9 UDP/DTLS/SCTP webrtc-datachannel with a=sctp-port:5000 (the new form), or DTLS/SCTP 5000 with a=sctpmap (the old one, whole): not the new proto with the old format.',
  'rid-direction': 'Write a=rid:<id> send or a=rid:<id> recv.',
  'rid-chars': 'Name rids with letters and digits only (q, h, f or 0, 1, 2: what the browsers write), and a=simulcast as RFC 8853 has it: a=simulcast:send q;h;f, with no "rid=".',
  'simulcast-empty': 'Write a=simulcast:<direction> <streams> (a=simulcast:recv q;h;f), or leave the line out.',
  'simulcast-list-missing': 'Write the stream list after each direction (a=simulcast:recv q;h;f), the rids of its a=rid lines.',
  'simulcast-repeated': 'Keep one a=simulcast line per m-section, its send and recv lists in it (a=simulcast:send q;h;f recv r).',
  'simulcast-syntax': 'Remove the empty rid from a=simulcast: a doubled or trailing ";" or ",", or a "~" (paused) with no rid after it.',
  'simulcast-rid-missing': 'Add a=rid:<id> <direction> for every rid a=simulcast names in that direction: an answer answers the offer\'s a=rid:<id> send with a=rid:<id> recv and a=simulcast:recv.',
  'simulcast-rid-extension': 'Add a=extmap:<free id> urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id to the m-section (an answer: with the offer\'s id), or remove a=simulcast and its a=rid lines.',
  'rtcp-mux-missing': 'Add a=rtcp-mux to every audio and video m-section: both browsers require it.',
  'rtcp-mux-missing-bundle-only': 'Write a=rtcp-mux in the bundle-only m-section too, as in every audio and video m-section: Firefox reads it there.',
};

/** What to do about a refusal by `rule` (a name of BROWSER_RULES), with its label in a "what to do" list. */
export function ruleAction(rule: string): { readonly label: string; readonly action: string } {
  return { label: `rejected-by-browser (${rule})`, action: (BROWSER_RULE_FIXES as Readonly<Record<string, string | undefined>>)[rule] ?? DIAGNOSTICS['rejected-by-browser'].action };
}

/**
 * What to do about a finding: for rejected-by-browser, its rule's fix (BROWSER_RULE_FIXES); for
 * every other kind, the action of its kind in DIAGNOSTICS. `label` names it in a "what to do"
 * list: the kind, and a browser rule's name after it.
 */
export function diagnosticAction(d: Diagnostic): { readonly label: string; readonly action: string } {
  // Diagnostics come to dashboards as JSON: a wrong one is said, not a TypeError (library audit).
  requireObject(d, 'diagnosticAction: the diagnostic', 'kind');
  if (typeof d.kind !== 'string' || !Object.hasOwn(DIAGNOSTICS, d.kind)) throw new SdpscopeError('INVALID_ARGUMENT', `diagnosticAction: ${JSON.stringify(String(d.kind).slice(0, 60))} is not a kind of diagnostic this version of sdpscope knows (DIAGNOSTICS lists them)`);
  if (d.kind === 'rejected-by-browser' && typeof d.rule !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', 'diagnosticAction: a rejected-by-browser diagnostic needs its rule (a name of BROWSER_RULES)');
  if (d.kind === 'diagnostics-elided' && d.rules !== undefined && !(Array.isArray(d.rules) && d.rules.every((r) => typeof r === 'string'))) throw new SdpscopeError('INVALID_ARGUMENT', 'diagnosticAction: a diagnostics-elided\'s rules must be a list of rule names');
  // The refusals past the bound, not listed: their rules' fixes are still what to do (audit of the change: they were lost).
  if (d.kind === 'diagnostics-elided' && d.of === 'rejected-by-browser' && d.rules !== undefined && d.rules.length > 0) {
    return { label: `rejected-by-browser (${d.count} not listed)`, action: d.rules.map((r) => `${r}: ${ruleAction(r).action}`).join(' ') };
  }
  if (d.kind === 'rejected-by-browser') return ruleAction(d.rule);
  return { label: d.kind, action: DIAGNOSTICS[d.kind].action };
}
