/**
 * The catalogue of the browser-verdict harness (src/lab/sdp-verdicts.ts): one change each to a
 * real offer or answer, covering each rule class of RFC 3264 and JSEP (RFC 9429): m-lines,
 * directions, mids and BUNDLE (RFC 9143), ICE credentials and options (RFC 8839), DTLS
 * fingerprint (RFC 8122) and setup (RFC 8842), rtcp-mux (RFC 8035) and rtcp-rsize, payload types
 * and the rtpmap/fmtp/rtcp-fb cross-references, rtx (RFC 4588), red (RFC 2198), H264/VP9/AV1
 * parameters, header extensions (RFC 8285), ssrc and ssrc-group (RFC 5576), msid (RFC 8830),
 * rid/simulcast (RFC 8851, RFC 8853), SCTP (RFC 8841), and the syntax of lines. Pure string
 * functions of the description (and the pair it belongs to); a mutation that finds nothing to
 * change returns its input unchanged, and the harness skips it for that browser.
 */

/**
 * The real exchanges mutated: audio+video+data channel bundled, the same unbundled (the answerer
 * saw no BUNDLE group), the same with no BUNDLE group in the offerer's own offer either (removed
 * before its setLocalDescription: a SIP gateway's or a munged offer), a data channel only, a
 * simulcast offer (three rids, sendonly).
 */
export type Base = 'av' | 'no-bundle' | 'no-bundle-offer' | 'data' | 'simulcast';

export interface Mutation {
  readonly id: string;
  /** The rule class (for the README's table). */
  readonly rule: string;
  readonly target: 'offer' | 'answer';
  readonly base: Base;
  readonly description: string;
  mutate(sdp: string, pair: { readonly offer: string; readonly answer: string }): string;
}

type Lines = string[];
interface Parts {
  session: Lines;
  media: Lines[];
}

const EOL = '\r\n';

function split(sdp: string): Parts {
  const lines = sdp.split(EOL);
  if (lines.at(-1) === '') lines.pop();
  const parts: Parts = { session: [], media: [] };
  for (const l of lines) {
    if (l.startsWith('m=')) parts.media.push([l]);
    else if (parts.media.length > 0) parts.media.at(-1)!.push(l);
    else parts.session.push(l);
  }
  return parts;
}

const join = (p: Parts): string => [...p.session, ...p.media.flat()].join(EOL) + EOL;
const kindOf = (m: Lines): string => m[0]!.slice(2, m[0]!.indexOf(' '));

/** Applies `f` to the lines of the first m-section of `kind`. */
const inKind = (kind: string, f: (m: Lines) => Lines) => (sdp: string): string => {
  const p = split(sdp);
  const i = p.media.findIndex((m) => kindOf(m) === kind);
  if (i < 0) return sdp;
  p.media[i] = f([...p.media[i]!]);
  return join(p);
};

/** Every line, whole-line regex replaced (all matches). */
const replaceAll = (re: RegExp, to: string) => (sdp: string): string => sdp.split(EOL).map((l) => l.replace(re, to)).join(EOL);
/** The first line matching, replaced. */
const replaceFirst = (re: RegExp, to: string) => (sdp: string): string => {
  const lines = sdp.split(EOL);
  const i = lines.findIndex((l) => re.test(l));
  if (i < 0) return sdp;
  lines[i] = lines[i]!.replace(re, to);
  return lines.join(EOL);
};
const dropAll = (re: RegExp) => (sdp: string): string => sdp.split(EOL).filter((l) => !re.test(l)).join(EOL);
/** Lines matching, in the section's lines. */
const mapLines = (f: (l: string) => string) => (m: Lines): Lines => m.map(f);
const drop = (re: RegExp) => (m: Lines): Lines => m.filter((l) => !re.test(l));
const append = (...extra: string[]) => (m: Lines): Lines => [...m, ...extra];
const appendSession = (...extra: string[]) => (sdp: string): string => {
  const p = split(sdp);
  p.session.push(...extra);
  return join(p);
};

/** The payload type of a codec in a section (rtpmap name, case-insensitive), or null. */
function ptOf(m: Lines, name: string, fmtp?: RegExp): string | null {
  for (const l of m) {
    const r = /^a=rtpmap:(\d+) ([^/]+)\//.exec(l);
    if (r && r[2]!.toLowerCase() === name.toLowerCase()) {
      if (!fmtp || m.some((f) => f.startsWith(`a=fmtp:${r[1]} `) && fmtp.test(f))) return r[1]!;
    }
  }
  return null;
}

/** Within the first section of `kind`, with the payload type of `codec`: f(lines, pt). */
const withCodec = (kind: string, codec: string, f: (m: Lines, pt: string) => Lines, fmtp?: RegExp) =>
  inKind(kind, (m) => {
    const pt = ptOf(m, codec, fmtp);
    return pt === null ? m : f(m, pt);
  });

/**
 * Within the first section of `kind`, only the payload types whose codec `keep` takes (its name
 * and a=fmtp line): the m-line's list and every rtpmap/fmtp/rtcp-fb line of the others removed;
 * `fmtp` then rewrites a kept one's a=fmtp (one is added when it has none).
 */
const onlyCodecs = (kind: string, keeper: () => (name: string, fmtp: string) => boolean, fmtp?: (name: string) => string | null) =>
  inKind(kind, (m) => {
    const keep = keeper();
    const kept = new Map<string, string>();
    for (const l of m) {
      const r = /^a=rtpmap:(\d+) ([^/]+)\//.exec(l);
      if (r && keep(r[2]!, m.find((f) => f.startsWith(`a=fmtp:${r[1]} `)) ?? '')) kept.set(r[1]!, r[2]!);
    }
    if (kept.size === 0) return m;
    const own = (l: string) => { const r = /^a=(?:rtpmap|fmtp|rtcp-fb):(\d+)[ \t]/.exec(l); return r === null || kept.has(r[1]!); };
    const out = m.filter(own).map((l) => (l.startsWith(`m=${kind} `) ? `${l.split(' ').slice(0, 3).join(' ')} ${[...kept.keys()].join(' ')}` : l));
    if (fmtp === undefined) return out;
    for (const [pt, name] of kept) {
      const to = fmtp(name);
      if (to === null) continue;
      const i = out.findIndex((l) => l.startsWith(`a=fmtp:${pt} `));
      if (i >= 0) out[i] = `a=fmtp:${pt} ${to}`;
      else out.push(`a=fmtp:${pt} ${to}`);
    }
    return out;
  });

/** The first payload type of `name` only (its a=fmtp matching `fmtp` if given): a new test for each description. */
const firstOf = (name: string, fmtp?: RegExp) => () => {
  let seen = false;
  return (n: string, f: string) => {
    if (seen || n.toLowerCase() !== name.toLowerCase() || (fmtp !== undefined && !fmtp.test(f))) return false;
    seen = true;
    return true;
  };
};

const mids = (sdp: string): string[] => split(sdp).media.map((m) => m.find((l) => l.startsWith('a=mid:'))?.slice(6) ?? '');

const a = (id: string, rule: string, description: string, mutate: Mutation['mutate'], base: Base = 'av'): Mutation => ({ id, rule, target: 'answer', base, description, mutate });
const o = (id: string, rule: string, description: string, mutate: Mutation['mutate'], base: Base = 'av'): Mutation => ({ id, rule, target: 'offer', base, description, mutate });

/**
 * The section's first ssrc (and the rtx its FID group names) given two more layers: their a=ssrc
 * lines as the first one's, an a=ssrc-group:SIM of the three, and with `rtx` an rtx ssrc and a FID
 * group for each new layer too.
 */
function simulcastLayers(m: Lines, rtx: boolean): Lines {
  const first = /^a=ssrc:(\d+) /.exec(m.find((l) => l.startsWith('a=ssrc:')) ?? '')?.[1];
  if (first === undefined) return m;
  const own = m.filter((l) => l.startsWith(`a=ssrc:${first} `));
  const copy = (ssrc: string) => own.map((l) => l.replace(`a=ssrc:${first} `, `a=ssrc:${ssrc} `));
  const layers = ['1111111111', '2222222222'];
  const rtxes = ['3333333333', '3444444444'];
  return [...m, ...layers.flatMap(copy), ...(rtx ? rtxes.flatMap(copy) : []), `a=ssrc-group:SIM ${first} ${layers.join(' ')}`, ...(rtx ? layers.map((l, i) => `a=ssrc-group:FID ${l} ${rtxes[i]}`) : [])];
}

const SIM_RIDS = ['a=rid:q recv', 'a=rid:h recv', 'a=rid:f recv'];
/** The RID header extension (RFC 8852 §4.3), and its repaired-stream twin (§4.4). */
const RID_EXTMAP = /^a=extmap:\d+(?:\/\w+)? urn:ietf:params:rtp-hdrext:sdes:(?:repaired-)?rtp-stream-id(?: .*)?$/;

/**
 * An SFU's answer to the simulcast offer: the browser's own answer (which receives one stream)
 * with the offer's RID header extensions, as an SFU that receives the layers answers them
 * (Chromium refuses simulcast without them: simulcast-recv-no-rid-extension), then `extra` lines.
 */
const sfuAnswer = (...extra: string[]): Mutation['mutate'] => (sdp, pair) => {
  const offered = split(pair.offer).media.find((m) => kindOf(m) === 'video')?.filter((l) => RID_EXTMAP.test(l)) ?? [];
  return inKind('video', (m) => {
    const missing = m.some((l) => RID_EXTMAP.test(l)) ? [] : offered;
    const last = m.reduce((at, l, i) => (l.startsWith('a=extmap:') ? i : at), -1);
    const at = last >= 0 ? last + 1 : m.length;
    return [...m.slice(0, at), ...missing, ...m.slice(at), ...extra];
  })(sdp);
};

/** The description's first a=fingerprint moved to session level (where Firefox writes it), written there twice, and no other left. */
const fingerprintTwiceAtSession = (s: string): string => {
  const p = split(s);
  const fp = [...p.session, ...p.media.flat()].find((l) => l.startsWith('a=fingerprint:'));
  if (fp === undefined) return s;
  p.session = p.session.filter((l) => !l.startsWith('a=fingerprint:'));
  p.media = p.media.map((m) => m.filter((l) => !l.startsWith('a=fingerprint:')));
  p.session.push(fp, fp);
  return join(p);
};

export const MUTATIONS: readonly Mutation[] = [
  // ---- m-lines (RFC 3264 §6, JSEP §5.3.1) ----
  a('mline-dropped', 'm-lines', 'the last m-section (the data channel) removed', (s) => { const p = split(s); p.media.pop(); p.session = p.session.map((l) => (l.startsWith('a=group:BUNDLE') ? l.split(' ').slice(0, -1).join(' ') : l)); return join(p); }),
  a('mline-swapped', 'm-lines', 'audio and video m-sections swapped', (s) => { const p = split(s); [p.media[0], p.media[1]] = [p.media[1]!, p.media[0]!]; return join(p); }),
  a('mline-added', 'm-lines', 'an m-section the offer does not have (a copy of audio, mid 9)', (s) => { const p = split(s); p.media.push(p.media[0]!.map((l) => (l.startsWith('a=mid:') ? 'a=mid:9' : l))); return join(p); }),
  a('mline-kind-changed', 'm-lines', 'the audio m-line says video', replaceFirst(/^m=audio /, 'm=video ')),
  a('port-zero', 'm-lines', 'video rejected with port 0, still in the BUNDLE group', inKind('video', mapLines((l) => l.replace(/^m=video \d+/, 'm=video 0')))),
  a('port-zero-unbundled', 'm-lines', 'video rejected with port 0 and taken out of the BUNDLE group', (s) => inKind('video', mapLines((l) => l.replace(/^m=video \d+/, 'm=video 0')))(replaceAll(/^(a=group:BUNDLE.*) 1( |$)/, '$1$2')(s))),
  // A rejected m-line as sofia-sip (FreeSWITCH, Janus' SIP plugin) writes it: port 0, payload type 19 alone, nothing else (SIP audit).
  a('port-zero-pt19', 'm-lines', 'video rejected as sofia-sip writes it: "m=video 0 UDP/TLS/RTP/SAVPF 19" and its a=mid, out of the BUNDLE group', (s) => inKind('video', (m) => ['m=video 0 UDP/TLS/RTP/SAVPF 19', 'c=IN IP4 0.0.0.0', ...m.filter((l) => l.startsWith('a=mid:'))])(replaceAll(/^(a=group:BUNDLE.*) 1( |$)/, '$1$2')(s))),
  a('port-zero-data-only', 'm-lines', 'the data channel, the only m-line, rejected with port 0, the BUNDLE group removed', (s) => inKind('application', mapLines((l) => l.replace(/^m=application \d+/, 'm=application 0')))(dropAll(/^a=group:BUNDLE/)(s)), 'data'),
  a('port-zero-pt19-no-mid', 'm-lines', 'video rejected as sofia-sip writes it, without its a=mid: "m=video 0 UDP/TLS/RTP/SAVPF 19" alone, out of the BUNDLE group', (s) => inKind('video', () => ['m=video 0 UDP/TLS/RTP/SAVPF 19', 'c=IN IP4 0.0.0.0'])(replaceAll(/^(a=group:BUNDLE.*) 1( |$)/, '$1$2')(s))),
  a('port-nonnumeric', 'syntax', 'the audio m-line\'s port is "x"', replaceFirst(/^m=audio \d+/, 'm=audio x')),
  a('proto-changed', 'm-lines', 'video proto RTP/AVPF (no DTLS-SRTP)', replaceFirst(/^m=video (\d+) UDP\/TLS\/RTP\/SAVPF/, 'm=video $1 RTP/AVPF')),
  a('proto-savpf', 'm-lines', 'video proto RTP/SAVPF (the older spelling of a compatible profile)', replaceFirst(/^m=video (\d+) UDP\/TLS\/RTP\/SAVPF/, 'm=video $1 RTP/SAVPF')),
  a('proto-tcp-dtls', 'm-lines', 'video proto TCP/TLS/RTP/SAVPF', replaceFirst(/^m=video (\d+) UDP\/TLS\/RTP\/SAVPF/, 'm=video $1 TCP/TLS/RTP/SAVPF')),
  // ---- directions (RFC 3264 §6.1) ----
  a('direction-sendonly', 'directions', 'audio answered sendonly to a sendrecv offer (legal)', inKind('audio', mapLines((l) => (l === 'a=sendrecv' ? 'a=sendonly' : l)))),
  a('direction-inactive', 'directions', 'audio answered inactive (legal)', inKind('audio', mapLines((l) => (l === 'a=sendrecv' ? 'a=inactive' : l)))),
  a('direction-removed', 'directions', 'audio\'s direction line removed (sendrecv by default)', inKind('audio', drop(/^a=(sendrecv|sendonly|recvonly|inactive)$/))),
  a('direction-twice', 'directions', 'audio says sendrecv and recvonly', inKind('audio', append('a=recvonly'))),
  a('direction-bogus', 'syntax', 'audio says a=sendreceive', inKind('audio', mapLines((l) => (l === 'a=sendrecv' ? 'a=sendreceive' : l)))),
  a('direction-sendonly-to-sendonly', 'directions', 'answered sendonly to a sendonly (simulcast) offer', inKind('video', mapLines((l) => (l === 'a=recvonly' ? 'a=sendonly' : l))), 'simulcast'),
  a('direction-sendrecv-to-sendonly', 'directions', 'answered sendrecv to a sendonly offer', inKind('video', mapLines((l) => (l === 'a=recvonly' ? 'a=sendrecv' : l))), 'simulcast'),
  // ---- mids and BUNDLE (RFC 9143, RFC 5888) ----
  a('mid-changed', 'mids and BUNDLE', 'audio\'s mid changed (in the group too)', (s) => { const m = mids(s)[0]!; return replaceAll(new RegExp(`^a=mid:${m}$`), 'a=mid:x')(replaceAll(/^a=group:BUNDLE (\S+)/, 'a=group:BUNDLE x')(s)); }),
  a('mid-removed', 'mids and BUNDLE', 'audio\'s a=mid removed', inKind('audio', drop(/^a=mid:/))),
  a('mid-removed-unbundled', 'mids and BUNDLE', 'every a=mid and the BUNDLE group removed (an answerer that knows no mids: old SIP gateways)', (s) => dropAll(/^a=(?:mid:|group:BUNDLE)/)(s), 'no-bundle'),
  a('mid-duplicate', 'mids and BUNDLE', 'video has audio\'s mid', (s) => inKind('video', mapLines((l) => (l.startsWith('a=mid:') ? `a=mid:${mids(s)[0]}` : l)))(s)),
  a('mid-repeated', 'mids and BUNDLE', 'a second a=mid in the audio section (its mid, then a=mid:9)', inKind('audio', append('a=mid:9'))),
  a('group-ls-added', 'mids and BUNDLE', 'a=group:LS of the audio and video mids beside BUNDLE (lip sync, RFC 5888; OBS writes one)', (s) => appendSession(`a=group:LS ${mids(s).slice(0, 2).join(' ')}`)(s)),
  a('bundle-removed', 'mids and BUNDLE', 'no BUNDLE group in the answer (the answerer not bundling)', dropAll(/^a=group:BUNDLE/)),
  a('bundle-unknown-mid', 'mids and BUNDLE', 'the BUNDLE group names a mid no m-section has', replaceAll(/^(a=group:BUNDLE .*)$/, '$1 7')),
  a('bundle-reordered', 'mids and BUNDLE', 'the BUNDLE group\'s mids in another order (another tagged m-section)', replaceAll(/^a=group:BUNDLE (\S+) (\S+)/, 'a=group:BUNDLE $2 $1')),
  a('bundle-subset', 'mids and BUNDLE', 'the data channel left out of the BUNDLE group (its own transport)', replaceAll(/^(a=group:BUNDLE .*) (\S+)$/, '$1')),
  a('bundle-added-unoffered', 'mids and BUNDLE', 'a BUNDLE group in the answer to an offer that has none, the offerer\'s own too (sdp-diff audit: said nothing; libwebrtc: "A BUNDLE group was added in the answer that did not exist in the offer")', (s) => (/^a=group:BUNDLE/m.test(s) ? s : appendSession(`a=group:BUNDLE ${mids(s).join(' ')}`)(s)), 'no-bundle-offer'),
  a('bundle-tag-rejected', 'mids and BUNDLE', 'the audio m-section, the BUNDLE group\'s tag, rejected with port 0, the group unchanged and the rest accepted (sdp-diff audit, pion/webrtc#840: Safari "The m= section:1 should be rejected")', inKind('audio', mapLines((l) => l.replace(/^m=audio \d+/, 'm=audio 0')))),
  a('bundle-added', 'mids and BUNDLE', 'a BUNDLE group in the answer to an offer whose answerer saw none', (s) => (/^a=group:BUNDLE/m.test(s) ? s : appendSession(`a=group:BUNDLE ${mids(s).join(' ')}`)(s)), 'no-bundle'),
  a('group-unknown-semantics', 'mids and BUNDLE', 'a=group:FOO over the mids', (s) => appendSession(`a=group:FOO ${mids(s).join(' ')}`)(s)),
  // ---- ICE (RFC 8839) ----
  a('ice-ufrag-removed', 'ICE', 'every a=ice-ufrag removed', dropAll(/^a=ice-ufrag:/)),
  a('ice-pwd-removed', 'ICE', 'every a=ice-pwd removed', dropAll(/^a=ice-pwd:/)),
  a('ice-ufrag-short', 'ICE', 'ice-ufrag of 3 characters', replaceAll(/^a=ice-ufrag:.*$/, 'a=ice-ufrag:abc')),
  a('ice-pwd-short', 'ICE', 'ice-pwd of 21 characters', replaceAll(/^a=ice-pwd:.*$/, 'a=ice-pwd:abcdefghijklmnopqrstu')),
  a('ice-pwd-repeated', 'ICE', 'a second, different a=ice-pwd in the audio section', inKind('audio', append('a=ice-pwd:zyxwvutsrqponmlkjihgfedc'))),
  a('ice-options-commas', 'ICE', 'a=ice-options:trickle,renomination (commas for blanks, as OBS writes ice2,trickle)', replaceAll(/^a=ice-options:.*$/, 'a=ice-options:trickle,renomination')),
  a('ice-ufrag-long', 'ICE', 'ice-ufrag of 257 characters', replaceAll(/^a=ice-ufrag:.*$/, `a=ice-ufrag:${'u'.repeat(257)}`)),
  a('ice-ufrag-bad-char', 'ICE', 'ice-ufrag with a character outside ice-char ("!")', replaceAll(/^a=ice-ufrag:(.*)$/, 'a=ice-ufrag:ab!d$1')),
  a('ice-ufrag-differs-bundled', 'ICE', 'video\'s ice-ufrag differs from audio\'s in one BUNDLE group', inKind('video', mapLines((l) => (l.startsWith('a=ice-ufrag:') ? 'a=ice-ufrag:zzzz' : l)))),
  a('ice-options-unknown', 'ICE', 'a=ice-options:foo (an option nobody knows)', replaceAll(/^a=ice-options:.*$/, 'a=ice-options:foo')),
  a('ice-options-removed', 'ICE', 'every a=ice-options removed (no trickle)', dropAll(/^a=ice-options:/)),
  a('ice-lite', 'ICE', 'the answer says a=ice-lite', appendSession('a=ice-lite')),
  a('ice-credentials-removed-unbundled', 'ICE', 'video\'s ice-ufrag and ice-pwd removed, nothing bundled (audio keeps its own)', inKind('video', drop(/^a=ice-(ufrag|pwd):/)), 'no-bundle'),
  a('ice-credentials-session-level', 'ICE', 'ice-ufrag and ice-pwd moved to the session level', (s) => { const p = split(s); const u = p.media.flatMap((m) => m.filter((l) => /^a=ice-(ufrag|pwd):/.test(l))).slice(0, 2); p.media = p.media.map((m) => m.filter((l) => !/^a=ice-(ufrag|pwd):/.test(l))); p.session.push(...new Set(u)); return join(p); }),
  // ---- DTLS (RFC 8122, RFC 8842) ----
  a('fingerprint-removed', 'DTLS', 'every a=fingerprint removed', dropAll(/^a=fingerprint:/)),
  a('fingerprint-unknown-hash', 'DTLS', 'a=fingerprint with the hash function sha-999', replaceAll(/^a=fingerprint:\S+ /, 'a=fingerprint:sha-999 ')),
  a('fingerprint-other-digest', 'DTLS', 'a well-formed fingerprint of another certificate', replaceAll(/^a=fingerprint:sha-256 .*$/, `a=fingerprint:sha-256 ${Array(32).fill('AB').join(':')}`)),
  a('fingerprint-value-missing', 'DTLS', 'a=fingerprint:sha-256 with no value (an Asterisk 16 offer in a thread: "a=fingerprint:SHA-256")', replaceAll(/^a=fingerprint:(\S+) .*$/, 'a=fingerprint:$1')),
  a('fingerprint-removed-unbundled', 'DTLS', 'one a=fingerprint, in the audio m-section only, nothing bundled (Firefox\'s session-level one moved there)', (s) => { const p = split(s); const fp = [...p.session, ...p.media.flat()].filter((l) => l.startsWith('a=fingerprint:')).slice(0, 1); p.session = p.session.filter((l) => !l.startsWith('a=fingerprint:')); p.media = p.media.map((m) => { const rest = m.filter((l) => !l.startsWith('a=fingerprint:')); return kindOf(m) === 'audio' ? [...rest, ...fp] : rest; }); return join(p); }, 'no-bundle'),
  a('fingerprint-short', 'DTLS', 'a sha-256 fingerprint of 31 bytes', replaceAll(/^a=fingerprint:sha-256 .*$/, `a=fingerprint:sha-256 ${Array(31).fill('AB').join(':')}`)),
  a('setup-actpass', 'DTLS', 'the answer says a=setup:actpass', replaceAll(/^a=setup:\w+$/, 'a=setup:actpass')),
  a('setup-passive', 'DTLS', 'the answer says a=setup:passive (legal)', replaceAll(/^a=setup:\w+$/, 'a=setup:passive')),
  a('setup-holdconn', 'DTLS', 'the answer says a=setup:holdconn', replaceAll(/^a=setup:\w+$/, 'a=setup:holdconn')),
  a('setup-removed', 'DTLS', 'every a=setup removed', dropAll(/^a=setup:/)),
  a('setup-bogus', 'syntax', 'a=setup:foo', replaceAll(/^a=setup:\w+$/, 'a=setup:foo')),
  a('setup-actpass-not-tag', 'DTLS', 'video alone says a=setup:actpass, bundled behind audio (sdp-diff audit: a non-tag m-section\'s transport lines are not applied, RFC 9143 §7.1.3)', inKind('video', mapLines((l) => (l.startsWith('a=setup:') ? 'a=setup:actpass' : l)))),
  a('setup-differs-bundled', 'DTLS', 'video passive while audio is active, in one BUNDLE group', inKind('video', mapLines((l) => (l.startsWith('a=setup:') ? 'a=setup:passive' : l)))),
  // ---- rtcp-mux, rtcp-rsize, rtcp (RFC 8035, RFC 5506, RFC 3605) ----
  a('rtcp-mux-removed', 'rtcp-mux', 'every a=rtcp-mux removed (the offerer requires it)', dropAll(/^a=rtcp-mux$/)),
  a('rtcp-mux-removed-unbundled', 'rtcp-mux', 'a=rtcp-mux removed from unbundled audio', inKind('audio', drop(/^a=rtcp-mux$/)), 'no-bundle'),
  a('rtcp-rsize-removed', 'rtcp-mux', 'every a=rtcp-rsize removed (legal)', dropAll(/^a=rtcp-rsize$/)),
  a('rtcp-bogus', 'syntax', 'a=rtcp:x', replaceAll(/^a=rtcp:\d+.*$/, 'a=rtcp:x')),
  // ---- payload types and their cross-references (RFC 3264 §6.1, RFC 8866 §6.6) ----
  a('pt-not-offered', 'payload types', 'opus answered under a payload type the offer does not use (120 → 35)', withCodec('audio', 'opus', (m, pt) => m.map((l) => l.replace(new RegExp(`^(m=audio .*) ${pt}( |$)`), '$1 35$2').replace(new RegExp(`^a=(rtpmap|fmtp|rtcp-fb):${pt} `), 'a=$1:35 ')))),
  a('pt-rtcp-range', 'payload types', 'opus answered under payload type 70 (64–95 are RTCP packet types under rtcp-mux, RFC 5761 §4)', withCodec('audio', 'opus', (m, pt) => m.map((l) => l.replace(new RegExp(`^(m=audio .*) ${pt}( |$)`), '$1 70$2').replace(new RegExp(`^a=(rtpmap|fmtp|rtcp-fb):${pt} `), 'a=$1:70 ')))),
  o('pt-rtcp-range-offer', 'payload types', 'opus offered under payload type 64 (an RTCP packet type under rtcp-mux, RFC 5761 §4)', withCodec('audio', 'opus', (m, pt) => m.map((l) => l.replace(new RegExp(`^(m=audio .*) ${pt}( |$)`), '$1 64$2').replace(new RegExp(`^a=(rtpmap|fmtp|rtcp-fb):${pt} `), 'a=$1:64 ')))),
  o('session-direction', 'directions', 'the offer\'s direction only at session level: every m-section\'s a=sendrecv removed, a=recvonly at session level', (s) => { const p = split(s); p.media = p.media.map((m) => m.filter((l) => l !== 'a=sendrecv')); p.session.push('a=recvonly'); return join(p); }),
  a('codec-not-offered', 'payload types', 'a codec the offer did not have (opus renamed "opux")', withCodec('audio', 'opus', (m, pt) => m.map((l) => l.replace(new RegExp(`^a=rtpmap:${pt} opus/`), `a=rtpmap:${pt} opux/`)))),
  a('rtpmap-removed', 'payload types', 'opus\'s a=rtpmap removed (a dynamic type without its mapping)', withCodec('audio', 'opus', (m, pt) => m.filter((l) => !l.startsWith(`a=rtpmap:${pt} `)))),
  // An encoding name with no clock rate (rtpengine#686's "a=rtpmap:101 .", which a carrier refused).
  a('rtpmap-no-clock-rate', 'payload types', 'telephone-event\'s a=rtpmap without its clock rate ("a=rtpmap:<pt> telephone-event")', withCodec('audio', 'telephone-event', (m, pt) => m.map((l) => (l.startsWith(`a=rtpmap:${pt} `) ? `a=rtpmap:${pt} telephone-event` : l)))),
  a('rtpmap-pt-nonnumeric', 'payload types', 'an a=rtpmap whose payload type is "abc" (audit of the change)', inKind('audio', append('a=rtpmap:abc opus/48000/2'))),
  a('rtpmap-pt-leading-zeros', 'payload types', 'an a=rtpmap for payload type "00128" (audit of the change)', inKind('audio', append('a=rtpmap:00128 opus/48000/2'))),
  a('rtpmap-pt-above-127', 'payload types', 'an a=rtpmap for payload type 128, which the m-line does not list (library audit)', inKind('audio', append('a=rtpmap:128 opus/48000/2'))),
  a('rtpmap-extra-pt', 'payload types', 'an a=rtpmap for a payload type the m-line does not list', inKind('audio', append('a=rtpmap:77 opus/48000/2'))),
  a('fmtp-unknown-pt', 'payload types', 'an a=fmtp for a payload type the m-line does not list', inKind('audio', append('a=fmtp:77 minptime=10'))),
  a('rtcp-fb-unknown-pt', 'payload types', 'an a=rtcp-fb for a payload type the m-line does not list', inKind('video', append('a=rtcp-fb:77 nack'))),
  a('rtcp-fb-unknown-type', 'payload types', 'a=rtcp-fb with a feedback type nobody knows', withCodec('video', 'VP8', (m, pt) => [...m, `a=rtcp-fb:${pt} foo-bar`])),
  a('rtpmap-clock-bogus', 'syntax', 'opus\'s clock rate "abc"', withCodec('audio', 'opus', (m, pt) => m.map((l) => l.replace(new RegExp(`^a=rtpmap:${pt} opus/48000`), `a=rtpmap:${pt} opus/abc`)))),
  a('rtpmap-clock-changed', 'payload types', 'opus answered at 44100 Hz', withCodec('audio', 'opus', (m, pt) => m.map((l) => l.replace(new RegExp(`^a=rtpmap:${pt} opus/48000`), `a=rtpmap:${pt} opus/44100`)))),
  a('pt-out-of-range', 'syntax', 'a payload type of 128 (m-line and rtpmap)', inKind('audio', mapLines((l) => (l.startsWith('m=audio ') ? `${l} 128` : l)))),
  a('pt-nonnumeric', 'syntax', 'a payload type "abc" on the m-line', inKind('audio', mapLines((l) => (l.startsWith('m=audio ') ? `${l} abc` : l)))),
  a('no-formats', 'payload types', 'the audio m-line lists no payload type', inKind('audio', mapLines((l) => (l.startsWith('m=audio ') ? l.split(' ').slice(0, 3).join(' ') : l)))),
  a('codecs-subset', 'payload types', 'audio answered with opus only (legal)', withCodec('audio', 'opus', (m, pt) => m.filter((l) => !/^a=(rtpmap|fmtp|rtcp-fb):/.test(l) || new RegExp(`^a=(rtpmap|fmtp|rtcp-fb):${pt} `).test(l)).map((l) => (l.startsWith('m=audio ') ? `${l.split(' ').slice(0, 3).join(' ')} ${pt}` : l)))),
  a('pt-listed-twice', 'payload types', 'opus listed twice on the m-line', withCodec('audio', 'opus', (m, pt) => m.map((l) => (l.startsWith('m=audio ') ? `${l} ${pt}` : l)))),
  a('rtpmap-twice', 'payload types', 'two a=rtpmap for opus\'s payload type (opus and PCMU)', withCodec('audio', 'opus', (m, pt) => [...m, `a=rtpmap:${pt} PCMU/8000`])),
  a('fmtp-empty', 'syntax', 'an a=fmtp with no parameters', withCodec('audio', 'opus', (m, pt) => m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? `a=fmtp:${pt} ` : l)))),
  a('fmtp-tab-only', 'syntax', 'an a=fmtp with a tab and no parameters after the payload type (a=fmtp:111<TAB>)', withCodec('audio', 'opus', (m, pt) => m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? `a=fmtp:${pt}\t` : l)))),
  a('fmtp-tab-separated', 'syntax', 'an a=fmtp whose parameters follow a tab, not a space', withCodec('audio', 'opus', (m, pt) => m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? l.replace(`a=fmtp:${pt} `, `a=fmtp:${pt}\t`) : l)))),
  a('fmtp-no-space', 'syntax', 'an a=fmtp with no parameters and no space after the payload type (a=fmtp:96, a BigBlueButton thread\'s answer)', withCodec('audio', 'opus', (m, pt) => m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? `a=fmtp:${pt}` : l)))),
  a('fmtp-glued-parameters', 'syntax', 'an a=fmtp whose parameters are glued to its payload type (a=fmtp:111minptime=10;…, as a munge that writes "a=fmtp:" + pt + params leaves it)', withCodec('audio', 'opus', (m, pt) => m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? l.replace(`a=fmtp:${pt} `, `a=fmtp:${pt}`) : l)))),
  // ---- rtx (RFC 4588) and red (RFC 2198) ----
  a('rtx-apt-unknown', 'rtx and red', 'an rtx apt= naming a payload type not in the m-line', inKind('video', mapLines((l) => l.replace(/^(a=fmtp:\d+) apt=\d+$/, '$1 apt=77')))),
  a('rtx-apt-removed', 'rtx and red', 'an rtx without its a=fmtp apt=', (s) => { let done = false; return inKind('video', (m) => m.filter((l) => { if (!done && /^a=fmtp:\d+ apt=\d+$/.test(l)) { done = true; return false; } return true; }))(s); }),
  a('rtx-apt-nonnumeric', 'syntax', 'an rtx apt=x', inKind('video', mapLines((l) => l.replace(/^(a=fmtp:\d+) apt=\d+$/, '$1 apt=x')))),
  a('rtx-without-primary', 'rtx and red', 'VP8 removed from the answer, its rtx kept', withCodec('video', 'VP8', (m, pt) => m.filter((l) => !new RegExp(`^a=(rtpmap|fmtp|rtcp-fb):${pt} `).test(l)).map((l) => (l.startsWith('m=video ') ? l.split(' ').filter((x, i) => i < 3 || x !== pt).join(' ') : l)))),
  a('red-unknown-pts', 'rtx and red', 'audio red\'s a=fmtp names payload types not in the m-line', withCodec('audio', 'red', (m, pt) => m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? `a=fmtp:${pt} 77/77` : l)))),
  a('red-fmtp-bogus', 'syntax', 'audio red\'s a=fmtp is "x/y"', withCodec('audio', 'red', (m, pt) => m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? `a=fmtp:${pt} x/y` : l)))),
  // ---- codec parameters ----
  a('h264-profile-bogus', 'codec parameters', 'an H264 profile-level-id that is not hex ("zzzzzz")', inKind('video', mapLines((l) => l.replace(/profile-level-id=[0-9a-fA-F]{6}/, 'profile-level-id=zzzzzz')))),
  a('h264-profile-unknown', 'codec parameters', 'an H264 profile-level-id of no profile (ff001f)', inKind('video', mapLines((l) => l.replace(/profile-level-id=[0-9a-fA-F]{6}/, 'profile-level-id=ff001f')))),
  a('h264-packetization-changed', 'codec parameters', 'H264 answered packetization-mode=2', inKind('video', mapLines((l) => l.replace(/packetization-mode=1/, 'packetization-mode=2')))),
  a('vp9-profile-unknown', 'codec parameters', 'VP9 profile-id=9', withCodec('video', 'VP9', (m, pt) => (m.some((l) => l.startsWith(`a=fmtp:${pt} `)) ? m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? `a=fmtp:${pt} profile-id=9` : l)) : [...m, `a=fmtp:${pt} profile-id=9`]))),
  a('av1-profile-unknown', 'codec parameters', 'AV1 profile=9', withCodec('video', 'AV1', (m, pt) => (m.some((l) => l.startsWith(`a=fmtp:${pt} `)) ? m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? `a=fmtp:${pt} profile=9` : l)) : [...m, `a=fmtp:${pt} profile=9`]))),
  // The negotiation audit of 2026-12-06 (read in the browsers' source; measured here):
  a('video-red-ulpfec-only', 'codec parameters', 'video answered with red and ulpfec only (no media codec in common)', onlyCodecs('video', () => (n) => /^(red|ulpfec)$/i.test(n))),
  a('video-unknown-codec-only', 'codec parameters', 'video answered with one codec nobody has (VP8 renamed "FOO")', (s) => withCodec('video', 'VP8', (m, pt) => m.map((l) => l.replace(new RegExp(`^a=rtpmap:${pt} VP8/`), `a=rtpmap:${pt} FOO/`)))(onlyCodecs('video', firstOf('VP8'))(s))),
  a('vp9-profile-2-only', 'codec parameters', 'video answered with VP9 only, profile-id=2', onlyCodecs('video', firstOf('VP9', /^(?!.*profile-id=[1-9])/), () => 'profile-id=2')),
  a('av1-profile-1-only', 'codec parameters', 'video answered with AV1 only, profile=1', onlyCodecs('video', firstOf('AV1', /^(?!.*profile=[1-9])/), () => 'profile=1')),
  // The same with red and ulpfec beside it, as libwebrtc answers carry them (codec audit: Firefox matches AV1 and VP9 by name).
  a('av1-profile-1-with-red', 'codec parameters', 'video answered with AV1 profile=1, red and ulpfec', onlyCodecs('video', () => { const av1 = firstOf('AV1', /^(?!.*profile=[1-9])/)(); return (n, f) => av1(n, f) || /^(red|ulpfec)$/i.test(n); }, (n) => (n.toLowerCase() === 'av1' ? 'profile=1' : null))),
  a('vp9-profile-2-with-red', 'codec parameters', 'video answered with VP9 profile-id=2, red and ulpfec', onlyCodecs('video', () => { const vp9 = firstOf('VP9', /^(?!.*profile-id=[1-9])/)(); return (n, f) => vp9(n, f) || /^(red|ulpfec)$/i.test(n); }, (n) => (n.toLowerCase() === 'vp9' ? 'profile-id=2' : null))),
  a('h264-no-profile-level-id', 'codec parameters', 'video answered with H264 only (packetization-mode=1, Constrained Baseline offered), its profile-level-id removed', onlyCodecs('video', firstOf('H264', /packetization-mode=1.*profile-level-id=42e0|profile-level-id=42e0.*packetization-mode=1/), () => 'level-asymmetry-allowed=1;packetization-mode=1')),
  a('bundle-pt-collision', 'payload types', 'video\'s VP8 answered under opus\'s payload type (one number, two codecs in one BUNDLE group)', (s) => {
    const p = split(s);
    const audio = p.media.find((m) => kindOf(m) === 'audio');
    const opus = audio === undefined ? null : ptOf(audio, 'opus');
    if (opus === null) return s;
    return withCodec('video', 'VP8', (m, pt) => m.map((l) => l.replace(new RegExp(`^(m=video .*) ${pt}( |$)`), `$1 ${opus}$2`).replace(new RegExp(`^a=(rtpmap|fmtp|rtcp-fb):${pt}([ \t])`), `a=$1:${opus}$2`).replace(new RegExp(`^(a=fmtp:\\d+ apt=)${pt}$`), `$1${opus}`)))(s);
  }),
  o('pt-19-offer', 'payload types', 'audio offered with payload type 19 mapped (a=rtpmap:19 foo/8000)', inKind('audio', (m) => [m[0]! + ' 19', ...m.slice(1), 'a=rtpmap:19 foo/8000'])),
  a('opus-fmtp-bogus', 'codec parameters', 'opus\'s a=fmtp "minptime=abc"', withCodec('audio', 'opus', (m, pt) => m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? `a=fmtp:${pt} minptime=abc` : l)))),
  // ---- header extensions (RFC 8285) ----
  a('extmap-id-changed', 'header extensions', 'audio\'s first header extension under another id (1 → 12)', inKind('audio', (m) => { const i = m.findIndex((l) => l.startsWith('a=extmap:')); if (i >= 0) m[i] = m[i]!.replace(/^a=extmap:\d+/, 'a=extmap:12'); return m; })),
  a('extmap-not-offered', 'header extensions', 'a header extension the offer did not have', inKind('audio', append('a=extmap:9 urn:example:not-offered'))),
  a('extmap-id-zero', 'header extensions', 'a header extension with id 0', inKind('audio', (m) => { const i = m.findIndex((l) => l.startsWith('a=extmap:')); if (i >= 0) m[i] = m[i]!.replace(/^a=extmap:\d+/, 'a=extmap:0'); return m; })),
  a('extmap-id-256', 'header extensions', 'a header extension with id 256', inKind('audio', (m) => { const i = m.findIndex((l) => l.startsWith('a=extmap:')); if (i >= 0) m[i] = m[i]!.replace(/^a=extmap:\d+/, 'a=extmap:256'); return m; })),
  a('extmap-id-duplicate', 'header extensions', 'two header extensions under one id', inKind('video', (m) => { const ids = m.filter((l) => l.startsWith('a=extmap:')); if (ids.length < 2) return m; const first = /^a=extmap:(\d+)/.exec(ids[0]!)![1]; return m.map((l) => (l === ids[1] ? l.replace(/^a=extmap:\d+/, `a=extmap:${first}`) : l)); })),
  a('extmap-direction', 'header extensions', 'a header extension answered with direction sendonly', inKind('audio', (m) => { const i = m.findIndex((l) => l.startsWith('a=extmap:')); if (i >= 0) m[i] = m[i]!.replace(/^a=extmap:(\d+) /, 'a=extmap:$1/sendonly '); return m; })),
  a('extmap-direction-bogus', 'syntax', 'a header extension with direction "sideways"', inKind('audio', (m) => { const i = m.findIndex((l) => l.startsWith('a=extmap:')); if (i >= 0) m[i] = m[i]!.replace(/^a=extmap:(\d+) /, 'a=extmap:$1/sideways '); return m; })),
  a('extmap-nonnumeric', 'syntax', 'a=extmap:x urn:…', inKind('audio', (m) => { const i = m.findIndex((l) => l.startsWith('a=extmap:')); if (i >= 0) m[i] = m[i]!.replace(/^a=extmap:\d+/, 'a=extmap:x'); return m; })),
  a('extmap-allow-mixed-removed', 'header extensions', 'every a=extmap-allow-mixed removed (legal)', dropAll(/^a=extmap-allow-mixed$/)),
  a('extmap-two-byte-id', 'header extensions', 'a header extension id of 20 (two-byte header) in the answer', inKind('audio', (m) => { const i = m.findIndex((l) => l.startsWith('a=extmap:')); if (i >= 0) m[i] = m[i]!.replace(/^a=extmap:\d+/, 'a=extmap:20'); return m; })),
  // ---- ssrc, ssrc-group (RFC 5576), msid (RFC 8830) ----
  a('ssrc-nonnumeric', 'ssrc and msid', 'a=ssrc:abc', inKind('audio', mapLines((l) => l.replace(/^a=ssrc:\d+ /, 'a=ssrc:abc ')))),
  a('ssrc-out-of-range', 'ssrc and msid', 'an ssrc of 4294967296 (2^32)', inKind('audio', mapLines((l) => l.replace(/^a=ssrc:\d+ /, 'a=ssrc:4294967296 ')))),
  a('ssrc-group-unknown-ssrc', 'ssrc and msid', 'the FID group names an ssrc with no a=ssrc', inKind('video', mapLines((l) => l.replace(/^(a=ssrc-group:FID \d+) \d+$/, '$1 12345')))),
  a('ssrc-group-bogus', 'ssrc and msid', 'a=ssrc-group:FID with one ssrc', inKind('video', mapLines((l) => l.replace(/^(a=ssrc-group:FID \d+) \d+$/, '$1')))),
  a('ssrc-duplicate', 'ssrc and msid', 'video\'s first ssrc is audio\'s', (s) => { const audio = /^a=ssrc:(\d+) /m.exec(split(s).media.filter((m) => kindOf(m) === 'audio')[0]?.join('\n') ?? '')?.[1]; if (!audio) return s; return inKind('video', (m) => { const first = m.map((l) => /^a=ssrc:(\d+) /.exec(l)?.[1]).find(Boolean); return first ? m.map((l) => l.replaceAll(first, audio)) : m; })(s); }),
  a('msid-removed', 'ssrc and msid', 'every a=msid removed (legal: a track without a stream)', dropAll(/^a=msid:/)),
  a('msid-empty', 'ssrc and msid', 'a=msid: with no id', inKind('audio', mapLines((l) => (l.startsWith('a=msid:') ? 'a=msid:' : l)))),
  a('msid-three-tokens', 'ssrc and msid', 'a=msid with three tokens', inKind('audio', mapLines((l) => (l.startsWith('a=msid:') ? `${l} extra` : l)))),
  // ---- rid and simulcast (RFC 8851, RFC 8853): an SFU's answer to the simulcast offer ----
  a('simulcast-recv', 'rid and simulcast', 'the SFU\'s answer: a=rid recv for each rid, a=simulcast:recv q;h;f (legal)', sfuAnswer(...SIM_RIDS, 'a=simulcast:recv q;h;f'), 'simulcast'),
  a('simulcast-recv-subset', 'rid and simulcast', 'the answer receives two of the three rids (legal)', sfuAnswer('a=rid:q recv', 'a=rid:h recv', 'a=simulcast:recv q;h'), 'simulcast'),
  a('simulcast-unknown-rid', 'rid and simulcast', 'a=simulcast:recv naming a rid the offer did not have', sfuAnswer(...SIM_RIDS, 'a=rid:x recv', 'a=simulcast:recv q;h;x'), 'simulcast'),
  a('simulcast-no-rid-lines', 'rid and simulcast', 'a=simulcast:recv without a=rid lines', sfuAnswer('a=simulcast:recv q;h;f'), 'simulcast'),
  a('simulcast-send-unoffered', 'rid and simulcast', 'an answer to an offer without simulcast sends video simulcast: a=rid:h send, a=rid:l send, a=simulcast:send h;l (where the answer has the rid header extension: simulcast-recv-no-rid-extension is another case)', inKind('video', (m) => (m.some((l) => RID_EXTMAP.test(l)) ? [...m, 'a=rid:h send', 'a=rid:l send', 'a=simulcast:send h;l'] : m))),
  a('simulcast-recv-unoffered', 'rid and simulcast', 'an answer to an offer without simulcast asks for it: a=rid:h recv, a=rid:l recv, a=simulcast:recv h;l (where the answer has the rid header extension)', inKind('video', (m) => (m.some((l) => RID_EXTMAP.test(l)) ? [...m, 'a=rid:h recv', 'a=rid:l recv', 'a=simulcast:recv h;l'] : m))),
  a('simulcast-send-in-answer', 'rid and simulcast', 'the answer says a=simulcast:send (the offer sends)', sfuAnswer('a=rid:q send', 'a=rid:h send', 'a=rid:f send', 'a=simulcast:send q;h;f'), 'simulcast'),
  a('rid-bogus-direction', 'syntax', 'a=rid:q sideways', sfuAnswer('a=rid:q sideways', 'a=rid:h recv', 'a=rid:f recv', 'a=simulcast:recv q;h;f'), 'simulcast'),
  a('simulcast-syntax', 'syntax', 'a=simulcast:recv with an empty stream list ("q;;f")', sfuAnswer(...SIM_RIDS, 'a=simulcast:recv q;;f'), 'simulcast'),
  a('simulcast-recv-no-rid-extension', 'rid and simulcast', 'the SFU\'s answer (a=rid recv, a=simulcast:recv q;h;f) without the RID header extensions (rtp-stream-id, repaired-rtp-stream-id)', inKind('video', (m) => append(...SIM_RIDS, 'a=simulcast:recv q;h;f')(m.filter((l) => !RID_EXTMAP.test(l)))), 'simulcast'),
  a('simulcast-recv-rid-send', 'rid and simulcast', 'a=simulcast:recv q;h;f whose a=rid lines say send', sfuAnswer('a=rid:q send', 'a=rid:h send', 'a=rid:f send', 'a=simulcast:recv q;h;f'), 'simulcast'),
  a('simulcast-recv-rid-missing-one', 'rid and simulcast', 'a=simulcast:recv q;h;f with a=rid recv lines for q and h only', sfuAnswer('a=rid:q recv', 'a=rid:h recv', 'a=simulcast:recv q;h;f'), 'simulcast'),
  // RFC 8851 §5: a rid whose pt= names no payload type of the m= line, and a rid id on two lines, are discarded (libwebrtc's RemoveInvalidRidDescriptions).
  // HexMeet's rid parameters, joined by a blank after pt= (sdp-diff audit, eleventh session).
  a('simulcast-recv-rid-params-blank', 'rid and simulcast', 'a=simulcast:recv q;h;f whose a=rid:f recv says "pt=<the first video pt> max-br=1137; max-temp-layers=2" (a blank, not ";", after pt=, as HexMeet writes it)', (s, pair) => {
    const pt = /^m=video \d+ \S+ (\d+)/m.exec(s)?.[1] ?? '96';
    return sfuAnswer('a=rid:q recv', 'a=rid:h recv', `a=rid:f recv pt=${pt} max-br=1137; max-temp-layers=2`, 'a=simulcast:recv q;h;f')(s, pair);
  }, 'simulcast'),
  a('simulcast-recv-rid-pt-absent', 'rid and simulcast', 'a=simulcast:recv q;h;f whose a=rid:f recv says pt=55, a payload type the m= line does not list', sfuAnswer('a=rid:q recv', 'a=rid:h recv', 'a=rid:f recv pt=55', 'a=simulcast:recv q;h;f'), 'simulcast'),
  a('simulcast-recv-rid-twice', 'rid and simulcast', 'a=simulcast:recv q;h;f with a=rid:f recv written twice', sfuAnswer(...SIM_RIDS, 'a=rid:f recv', 'a=simulcast:recv q;h;f'), 'simulcast'),
  // ---- SCTP (RFC 8841) ----
  a('sctp-port-removed', 'SCTP', 'a=sctp-port removed', dropAll(/^a=sctp-port:/), 'data'),
  a('sctp-udp-dtls-sctpmap', 'SCTP', 'the data channel answered as UDP/DTLS/SCTP 5000 with a=sctpmap and no a=sctp-port (the old form\'s format and attribute under the new proto: node-webrtc wrote it)', (s) => inKind('application', append('a=sctpmap:5000 webrtc-datachannel 1024'))(dropAll(/^a=sctp-port:/)(replaceFirst(/^m=application (\d+) UDP\/DTLS\/SCTP webrtc-datachannel/, 'm=application $1 UDP/DTLS/SCTP 5000')(s))), 'data'),
  a('sctp-legacy-no-sctpmap', 'SCTP', 'the data channel answered in the legacy form "DTLS/SCTP 5000", its port the format, with neither a=sctpmap nor a=sctp-port', inKind('application', (m) => [m[0]!.replace(/^m=application (\d+) \S+ \S+/, 'm=application $1 DTLS/SCTP 5000'), ...m.slice(1).filter((l) => !/^a=(?:sctp-port|sctpmap|max-message-size):/.test(l))]), 'data'),
  a('sctp-port-nonnumeric', 'syntax', 'a=sctp-port:x', replaceAll(/^a=sctp-port:\d+$/, 'a=sctp-port:x'), 'data'),
  a('sctp-port-out-of-range', 'SCTP', 'a=sctp-port:70000', replaceAll(/^a=sctp-port:\d+$/, 'a=sctp-port:70000'), 'data'),
  a('sctp-port-other', 'SCTP', 'a=sctp-port:5001 (another SCTP port, legal)', replaceAll(/^a=sctp-port:\d+$/, 'a=sctp-port:5001'), 'data'),
  a('max-message-size-nonnumeric', 'syntax', 'a=max-message-size:x', replaceAll(/^a=max-message-size:\d+$/, 'a=max-message-size:x'), 'data'),
  a('max-message-size-zero', 'SCTP', 'a=max-message-size:0 (any size, RFC 8841 §6)', replaceAll(/^a=max-message-size:\d+$/, 'a=max-message-size:0'), 'data'),
  a('max-message-size-removed', 'SCTP', 'a=max-message-size removed (64 KiB then)', dropAll(/^a=max-message-size:/), 'data'),
  a('application-proto-changed', 'SCTP', 'the data m-line\'s proto DTLS/SCTP with a format 5000 (the old draft)', replaceAll(/^m=application (\d+) UDP\/DTLS\/SCTP webrtc-datachannel$/, 'm=application $1 DTLS/SCTP 5000'), 'data'),
  a('application-format-changed', 'SCTP', 'the data m-line\'s format "foo"', replaceAll(/^m=application (\d+) UDP\/DTLS\/SCTP webrtc-datachannel$/, 'm=application $1 UDP/DTLS/SCTP foo'), 'data'),
  // ---- syntax of lines (RFC 8866 §5) ----
  a('truncated', 'syntax', 'the answer cut in the middle of its last line', (s) => s.slice(0, s.trimEnd().length - 5)),
  a('truncated-half', 'syntax', 'the answer cut in half', (s) => s.slice(0, Math.floor(s.length / 2))),
  a('version-bogus', 'syntax', 'v=1', replaceFirst(/^v=0$/, 'v=1')),
  a('origin-removed', 'syntax', 'the o= line removed', dropAll(/^o=/)),
  a('origin-bogus', 'syntax', 'o= with three fields', replaceFirst(/^o=.*$/, 'o=- 1 IN')),
  a('session-name-removed', 'syntax', 'the s= line removed', dropAll(/^s=/)),
  a('timing-removed', 'syntax', 'the t= line removed', dropAll(/^t=/)),
  a('connection-bogus', 'syntax', 'c=IN IP4 x.y', replaceAll(/^c=IN IP4 .*$/, 'c=IN IP4 x.y')),
  a('connection-ip6', 'syntax', 'c=IN IP6 :: (legal)', replaceAll(/^c=IN IP4 .*$/, 'c=IN IP6 ::')),
  a('line-without-equals', 'syntax', 'a line "x" in the audio section', inKind('audio', append('x'))),
  a('mline-prefix-lost', 'syntax', 'the video m= line without its "m=" (a broken paste)', replaceFirst(/^m=video /, 'video ')),
  a('unknown-line-type', 'syntax', 'a line "y=1" in the audio section (an unknown type)', inKind('audio', append('y=1'))),
  a('bandwidth-bogus', 'syntax', 'b=AS:x in the video section', inKind('video', (m) => [m[0]!, m[1]!, 'b=AS:x', ...m.slice(2)])),
  a('bandwidth-tias', 'syntax', 'b=TIAS:500000 in the video section (legal)', inKind('video', (m) => [m[0]!, m[1]!, 'b=TIAS:500000', ...m.slice(2)])),
  a('ptime-nonnumeric', 'syntax', 'a=ptime:x in audio', inKind('audio', append('a=ptime:x'))),
  a('ptime-huge', 'syntax', 'a=ptime:99999999999 in audio', inKind('audio', append('a=ptime:99999999999'))),
  a('attribute-empty', 'syntax', 'a line "a=" in the audio section', inKind('audio', append('a='))),
  a('lf-line-endings', 'syntax', 'LF line endings instead of CRLF (legal for browsers)', (s) => s.replaceAll('\r\n', '\n')),
  // The parse audit of 2026-12-06 (other projects' test SDPs; libwebrtc's webrtc_sdp.cc read for what it refuses): measured here.
  a('connection-multicast', 'syntax', 'c=IN IP4 224.0.0.1/127 (multicast, with a TTL)', replaceAll(/^c=IN IP4 .*$/, 'c=IN IP4 224.0.0.1/127')),
  a('connection-ip4-ipv6-literal', 'syntax', 'c=IN IP4 ::1 (an IPv6 address under IP4)', replaceAll(/^c=IN IP4 .*$/, 'c=IN IP4 ::1')),
  a('connection-ip6-ipv4-literal', 'syntax', 'c=IN IP6 192.0.2.1 (an IPv4 address under IP6)', replaceAll(/^c=IN IP4 .*$/, 'c=IN IP6 192.0.2.1')),
  a('connection-no-address', 'syntax', 'c=IN IP4 with no address', replaceAll(/^c=IN IP4 .*$/, 'c=IN IP4')),
  a('session-name-empty', 'syntax', 's= with nothing after it', replaceFirst(/^s=.*$/, 's=')),
  a('attribute-blank-after-equals', 'syntax', '"a= sendrecv" (a blank after "=") in the audio section', inKind('audio', mapLines((l) => (l === 'a=sendrecv' ? 'a= sendrecv' : l)))),
  a('msid-double-space', 'ssrc and msid', 'a=msid with two blanks between its tokens (legal for browsers?)', inKind('audio', mapLines((l) => (l.startsWith('a=msid:') ? l.replace(' ', '  ') : l)))),
  a('msid-trailing-space', 'ssrc and msid', 'a=msid with a trailing blank', inKind('audio', mapLines((l) => (l.startsWith('a=msid:') ? `${l} ` : l)))),
  a('ssrc-no-attribute', 'ssrc and msid', 'a=ssrc:<id> with no attribute', inKind('audio', append('a=ssrc:1234'))),
  a('ssrc-attribute-no-value', 'ssrc and msid', 'a=ssrc:<id> foo (an attribute with no value, RFC 5576 §4.1 allows it)', inKind('audio', append('a=ssrc:1234 foo'))),
  a('ssrc-group-duplicate-ssrc', 'ssrc and msid', 'a=ssrc-group:FID naming one ssrc twice', inKind('video', mapLines((l) => l.replace(/^(a=ssrc-group:FID (\d+)) \d+$/, '$1 $2')))),
  a('candidate-tcptype-invalid', 'ICE', 'an a=candidate with tcptype invalid in the audio section', inKind('audio', append('a=candidate:1 1 tcp 1518280447 192.0.2.1 9 typ host tcptype invalid'))),
  a('candidate-type-unknown', 'ICE', 'an a=candidate of typ foo in the audio section', inKind('audio', append('a=candidate:1 1 udp 2122260223 192.0.2.1 5000 typ foo'))),
  a('candidate-transport-unknown', 'ICE', 'an a=candidate of transport TCP-ACT (Lync\'s) in the audio section', inKind('audio', append('a=candidate:7 1 TCP-ACT 1684798975 192.0.2.1 9 typ host'))),
  o('candidate-transport-unknown-offer', 'ICE', 'an offer\'s a=candidate of transport TCP-PASS (Skype for Business\') in the audio section', inKind('audio', append('a=candidate:8 1 TCP-PASS 1684798975 192.0.2.1 50000 typ host'))),
  // A generation past 32 bits or not a number (library audit: both unsaid; Chromium refuses the description).
  a('candidate-generation-range', 'ICE', 'an a=candidate of generation 4294967296 (past 32 bits) in the audio section', inKind('audio', append('a=candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host generation 4294967296'))),
  a('candidate-generation-nonnumeric', 'ICE', 'an a=candidate of generation x in the audio section', inKind('audio', append('a=candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host generation x'))),
  a('candidate-transport-ssltcp', 'ICE', 'an a=candidate of transport ssltcp (libwebrtc\'s old pseudo-TLS) in the audio section', inKind('audio', append('a=candidate:9 1 ssltcp 1684798975 192.0.2.1 443 typ host'))),
  a('mline-port-out-of-range', 'syntax', 'm=video 65536', replaceFirst(/^m=video \d+ /, 'm=video 65536 ')),
  a('mline-port-count', 'syntax', 'm=audio <port>/2 (a port count)', replaceFirst(/^m=audio (\d+) /, 'm=audio $1/2 ')),
  a('simulcast-double-space', 'rid and simulcast', 'a=simulcast:recv  q;h;f (two blanks)', sfuAnswer(...SIM_RIDS, 'a=simulcast:recv  q;h;f'), 'simulcast'),
  a('simulcast-twice', 'rid and simulcast', 'two a=simulcast lines in one m-section', sfuAnswer(...SIM_RIDS, 'a=simulcast:recv q;h;f', 'a=simulcast:recv q;h;f'), 'simulcast'),
  a('sctp-port-blank', 'SCTP', '"a=sctp-port 5000" (a blank for the colon)', replaceAll(/^a=sctp-port:(\d+)$/, 'a=sctp-port $1'), 'data'),
  a('simulcast-no-list', 'rid and simulcast', 'a=simulcast:recv with no stream list', sfuAnswer(...SIM_RIDS, 'a=simulcast:recv'), 'simulcast'),
  a('simulcast-empty', 'rid and simulcast', 'a=simulcast: with nothing after it', sfuAnswer(...SIM_RIDS, 'a=simulcast:'), 'simulcast'),
  a('rtpmap-one-field', 'syntax', 'a=rtpmap:111 with no encoding name', withCodec('audio', 'opus', (m, pt) => m.map((l) => (l.startsWith(`a=rtpmap:${pt} `) ? `a=rtpmap:${pt}` : l)))),
  a('attribute-colon-empty', 'syntax', '"a=foo:" (an unknown attribute, a colon, no value) in the audio section', inKind('audio', append('a=foo:'))),
  a('key-line-empty', 'syntax', '"k=" (an empty encryption key line) in the audio section', inKind('audio', (m) => [m[0]!, m[1]!, 'k=', ...m.slice(2)])),
  a('timing-one-field', 'syntax', 't=0 (one field)', replaceFirst(/^t=0 0$/, 't=0')),
  a('simulcast-draft03', 'rid and simulcast', '"a=simulcast: recv rid=q;h;f" (draft-ietf-mmusic-sdp-simulcast-03, as Firefox wrote it before version 64)', sfuAnswer(...SIM_RIDS, 'a=simulcast: recv rid=q;h;f'), 'simulcast'),
  a('mline-no-format-rejected', 'syntax', 'the video m-line rejected with no format at all: "m=video 0 UDP/TLS/RTP/SAVPF" (a Kurento answer)', (s) => inKind('video', (m) => [m[0]!.replace(/^(m=video) \d+ (\S+) .*$/, '$1 0 $2'), ...m.slice(1)])(replaceAll(/^(a=group:BUNDLE.*) 1( |$)/, '$1$2')(s))),
  a('mline-trailing-blank', 'syntax', 'a blank after the last format of the video m= line (RongCloud\'s renameCodec joins a list with an undefined in it)', replaceFirst(/^(m=video \d+ \S+ .*\S)$/, '$1 ')),
  o('mline-double-blank', 'syntax', 'two blanks between the first two formats of the audio m= line', replaceFirst(/^(m=audio \d+ \S+ \d+) /, '$1  ')),
  a('mline-no-format', 'syntax', 'the audio m-line with no format: "m=audio 9 UDP/TLS/RTP/SAVPF"', replaceFirst(/^(m=audio \d+ \S+) .*$/, '$1')),
  a('sctp-port-two-blanks', 'SCTP', '"a=sctp-port  5000" (two blanks for the colon)', replaceAll(/^a=sctp-port:(\d+)$/, 'a=sctp-port  $1'), 'data'),
  a('sctp-port-blank-word', 'SCTP', '"a=sctp-port abc" (a blank for the colon, no number)', replaceAll(/^a=sctp-port:(\d+)$/, 'a=sctp-port abc'), 'data'),
  a('sctp-port-blank-trailing', 'SCTP', '"a=sctp-port 5000 " (a blank for the colon and one after the port)', replaceAll(/^a=sctp-port:(\d+)$/, 'a=sctp-port $1 '), 'data'),
  a('sctp-port-colon-trailing', 'SCTP', '"a=sctp-port:5000 " (a blank after the port)', replaceAll(/^a=sctp-port:(\d+)$/, 'a=sctp-port:$1 '), 'data'),
  a('sctp-port-colon-blank', 'SCTP', '"a=sctp-port: 5000" (a blank after the colon)', replaceAll(/^a=sctp-port:(\d+)$/, 'a=sctp-port: $1'), 'data'),
  a('sctp-port-bare', 'SCTP', '"a=sctp-port" with no value', replaceAll(/^a=sctp-port:(\d+)$/, 'a=sctp-port'), 'data'),
  // ---- offers, given to a fresh peer connection ----
  o('simulcast-draft03-offer', 'rid and simulcast', 'the simulcast offer\'s a=simulcast in the draft-03 syntax ("a=simulcast: send rid=q;h;f", Firefox before version 64)', replaceAll(/^a=simulcast:send (\S+)$/, 'a=simulcast: send rid=$1'), 'simulcast'),
  o('rid-underscore-offer', 'rid and simulcast', 'the simulcast offer\'s rid q renamed q_1 in a=rid and a=simulcast (RFC 8851 allows "_" and "-" in a rid-id)', (s) => replaceAll(/^a=simulcast:send q;/, 'a=simulcast:send q_1;')(replaceAll(/^a=rid:q send$/, 'a=rid:q_1 send')(s)), 'simulcast'),
  o('rid-dash-offer', 'rid and simulcast', 'the simulcast offer\'s rid q renamed q-1 in a=rid and a=simulcast (RFC 8851 allows "-" in a rid-id)', (s) => replaceAll(/^a=simulcast:send q;/, 'a=simulcast:send q-1;')(replaceAll(/^a=rid:q send$/, 'a=rid:q-1 send')(s)), 'simulcast'),
  // ---- foreign-offer audit of 2026-12-06: what other stacks' offers were refused for ----
  o('msid-duplicate-offer', 'ssrc and msid', 'the offer\'s video a=msid made the audio\'s (one stream and track id in two m-sections: the WHIP draft\'s example offer)', (s) => { const p = split(s); const am = p.media.find((m) => kindOf(m) === 'audio')?.find((l) => l.startsWith('a=msid:')); if (am === undefined) return s; p.media = p.media.map((m) => (kindOf(m) === 'video' ? m.map((l) => (l.startsWith('a=msid:') ? am : l)) : m)); return join(p); }),
  o('msid-ssrc-duplicate-offer', 'ssrc and msid', 'the offer without a=msid lines, its video\'s a=ssrc msid: lines naming the audio\'s stream and track (the legacy form alone, one msid in two m-sections)', (s) => { const p = split(s); const am = p.media.find((m) => kindOf(m) === 'audio')?.find((l) => /^a=ssrc:\d+ msid:/.test(l)); if (am === undefined) return s; const msid = am.slice(am.indexOf(' msid:') + 6); p.media = p.media.map((m) => m.filter((l) => !l.startsWith('a=msid:')).map((l) => (kindOf(m) === 'video' && /^a=ssrc:\d+ msid:/.test(l) ? `${l.slice(0, l.indexOf(' msid:'))} msid:${msid}` : l))); return join(p); }),
  o('msid-twice-offer', 'ssrc and msid', 'the offer\'s audio a=msid line written twice', inKind('audio', (m) => m.flatMap((l) => (l.startsWith('a=msid:') ? [l, l] : [l])))),
  o('msid-ssrc-msid-offer', 'ssrc and msid', 'the offer\'s audio with an a=ssrc:<ssrc> msid: line naming its a=msid\'s stream and track (the legacy form beside the new one: go2rtc)', inKind('audio', (m) => { const msid = m.find((l) => l.startsWith('a=msid:')); const ssrc = m.find((l) => /^a=ssrc:\d+ cname:/.test(l))?.split(' ')[0]; return msid === undefined || ssrc === undefined || m.some((l) => l.startsWith(`${ssrc} msid:`)) ? m : [...m, `${ssrc} msid:${msid.slice(7)}`]; })),
  o('extmap-collision-offer', 'header extensions', 'the offer\'s video maps the audio\'s first a=extmap id to another URI (one id, two URIs in one BUNDLE group: Firefox 56 to 60 offered so)', (s) => { const p = split(s); const first = p.media.find((m) => kindOf(m) === 'audio')?.find((l) => l.startsWith('a=extmap:')); if (first === undefined) return s; const id = first.slice(9).split(/[ /]/)[0]!; p.media = p.media.map((m) => (kindOf(m) !== 'video' ? m : [...m.filter((l) => !l.startsWith(`a=extmap:${id} `) && !l.startsWith(`a=extmap:${id}/`)), `a=extmap:${id} urn:x-sdpscope:other`])); return join(p); }),
  a('extmap-collision-answer', 'header extensions', 'the answer\'s video maps the audio\'s first a=extmap id to another URI the offer has (one id, two URIs in one BUNDLE group)', (s) => { const p = split(s); const audio = p.media.find((m) => kindOf(m) === 'audio'); const first = audio?.find((l) => l.startsWith('a=extmap:')); const video = p.media.find((m) => kindOf(m) === 'video'); if (first === undefined || video === undefined) return s; const id = first.slice(9).split(/[ /]/)[0]!; const other = video.find((l) => l.startsWith('a=extmap:') && !l.startsWith(`a=extmap:${id} `) && l.split(' ')[1] !== first.split(' ')[1]); if (other === undefined) return s; const uri = other.split(' ')[1]!; p.media = p.media.map((m) => (m !== video ? m : m.filter((l) => l !== other && !l.startsWith(`a=extmap:${id} `)).concat(`a=extmap:${id} ${uri}`))); return join(p); }),
  o('bundle-only-no-rtcp-mux-offer', 'rtcp-mux', 'the offer\'s video bundle-only (port 0, a=bundle-only) without a=rtcp-mux (RFC 8829 §7\'s C1 example)', inKind('video', (m) => [m[0]!.replace(/^m=video \d+/, 'm=video 0'), ...m.slice(1).filter((l) => l !== 'a=rtcp-mux' && l !== 'a=rtcp-mux-only'), 'a=bundle-only'])),
  o('bundle-only-offer', 'mids and BUNDLE', 'the offer\'s video bundle-only (port 0, a=bundle-only), a=rtcp-mux kept (legal)', inKind('video', (m) => [m[0]!.replace(/^m=video \d+/, 'm=video 0'), ...m.slice(1), 'a=bundle-only'])),
  o('offer-ice-ufrag-removed', 'ICE', 'the offer without a=ice-ufrag', dropAll(/^a=ice-ufrag:/)),
  o('offer-fingerprint-removed', 'DTLS', 'the offer without a=fingerprint', dropAll(/^a=fingerprint:/)),
  // A blank line before an m= line (JSEP's examples as RFC 8829 prints them): Firefox stops reading there.
  o('blank-line-before-video', 'syntax', 'a blank line before the video m= line (JSEP\'s examples as RFC 8829 prints them)', (sdp) => { const p = split(sdp); const i = p.media.findIndex((m) => kindOf(m) === 'video'); p.media[i - 1]!.push(''); return join(p); }),
  a('blank-line-before-video-answer', 'syntax', 'a blank line before the video m= line of the answer', (sdp) => { const p = split(sdp); const i = p.media.findIndex((m) => kindOf(m) === 'video'); p.media[i - 1]!.push(''); return join(p); }),
  o('offer-setup-active', 'DTLS', 'the offer says a=setup:active (legal)', replaceAll(/^a=setup:\w+$/, 'a=setup:active')),
  o('offer-setup-removed', 'DTLS', 'the offer without a=setup', dropAll(/^a=setup:/)),
  o('offer-fmtp-no-space', 'syntax', 'an a=fmtp:<pt> with no parameters and no space in the offer', withCodec('audio', 'opus', (m, pt) => m.map((l) => (l.startsWith(`a=fmtp:${pt} `) ? `a=fmtp:${pt}` : l)))),
  o('offer-ice-credentials-removed-unbundled', 'ICE', 'the offer\'s video without ice-ufrag and ice-pwd, its BUNDLE group removed', (s) => inKind('video', drop(/^a=ice-(ufrag|pwd):/))(dropAll(/^a=group:BUNDLE/)(s))),
  o('offer-bundle-removed', 'mids and BUNDLE', 'the offer without its BUNDLE group (legal: nothing bundled)', dropAll(/^a=group:BUNDLE/)),
  o('offer-fingerprint-value-missing', 'DTLS', 'the offer\'s a=fingerprint with no value', replaceAll(/^a=fingerprint:(\S+) .*$/, 'a=fingerprint:$1')),
  o('offer-rtcp-mux-removed', 'rtcp-mux', 'the offer without a=rtcp-mux', dropAll(/^a=rtcp-mux$/)),
  o('offer-mid-duplicate', 'mids and BUNDLE', 'video has audio\'s mid in the offer', (s) => inKind('video', mapLines((l) => (l.startsWith('a=mid:') ? `a=mid:${mids(s)[0]}` : l)))(s)),
  o('offer-mid-17', 'mids and BUNDLE', 'audio\'s mid 17 characters long in the offer (in the group too)', (s) => { const m = mids(s)[0]!; return replaceAll(new RegExp(`^a=mid:${m}$`), `a=mid:${'m'.repeat(17)}`)(replaceAll(/^a=group:BUNDLE (\S+)/, `a=group:BUNDLE ${'m'.repeat(17)}`)(s)); }),
  o('offer-mid-16', 'mids and BUNDLE', 'audio\'s mid 16 characters long in the offer (in the group too; legal)', (s) => { const m = mids(s)[0]!; return replaceAll(new RegExp(`^a=mid:${m}$`), `a=mid:${'m'.repeat(16)}`)(replaceAll(/^a=group:BUNDLE (\S+)/, `a=group:BUNDLE ${'m'.repeat(16)}`)(s)); }),
  o('offer-mid-17-stopped', 'mids and BUNDLE', 'video stopped in the offer (port 0, out of the group) with a mid 17 characters long', (s) => inKind('video', mapLines((l) => (l.startsWith('a=mid:') ? `a=mid:${'v'.repeat(17)}` : l.replace(/^m=video \d+/, 'm=video 0'))))(replaceAll(/^(a=group:BUNDLE.*) 1( |$)/, '$1$2')(s))),
  o('offer-bundle-unknown-mid', 'mids and BUNDLE', 'the offer\'s BUNDLE group names a mid no m-section has', replaceAll(/^(a=group:BUNDLE .*)$/, '$1 7')),
  o('offer-rtpmap-removed', 'payload types', 'the offer without opus\'s a=rtpmap', withCodec('audio', 'opus', (m, pt) => m.filter((l) => !l.startsWith(`a=rtpmap:${pt} `)))),
  o('offer-rtx-apt-unknown', 'rtx and red', 'an rtx apt= naming a payload type not in the offer\'s m-line', inKind('video', mapLines((l) => l.replace(/^(a=fmtp:\d+) apt=\d+$/, '$1 apt=77')))),
  o('offer-extmap-id-duplicate', 'header extensions', 'two header extensions under one id in the offer', inKind('video', (m) => { const ids = m.filter((l) => l.startsWith('a=extmap:')); if (ids.length < 2) return m; const first = /^a=extmap:(\d+)/.exec(ids[0]!)![1]; return m.map((l) => (l === ids[1] ? l.replace(/^a=extmap:\d+/, `a=extmap:${first}`) : l)); })),
  o('offer-ssrc-group-unknown-ssrc', 'ssrc and msid', 'the offer\'s FID group names an ssrc with no a=ssrc', inKind('video', mapLines((l) => l.replace(/^(a=ssrc-group:FID \d+) \d+$/, '$1 12345')))),
  o('offer-simulcast-unknown-rid', 'rid and simulcast', 'a=simulcast:send naming a rid with no a=rid line', replaceAll(/^a=simulcast:send (.*)$/, 'a=simulcast:send $1;x'), 'simulcast'),
  o('offer-rid-malformed', 'syntax', 'a=rid:q with no direction', replaceAll(/^a=rid:q send$/, 'a=rid:q'), 'simulcast'),
  o('offer-simulcast-no-rid-extension', 'rid and simulcast', 'the simulcast offer without the RID header extensions (rtp-stream-id, repaired-rtp-stream-id)', dropAll(RID_EXTMAP), 'simulcast'),
  o('offer-sctp-port-removed', 'SCTP', 'the offer without a=sctp-port', dropAll(/^a=sctp-port:/), 'data'),
  o('offer-proto-bogus', 'm-lines', 'the offer\'s audio proto "FOO/BAR"', replaceFirst(/^m=audio (\d+) UDP\/TLS\/RTP\/SAVPF/, 'm=audio $1 FOO/BAR')),
  o('offer-ice-lite', 'ICE', 'the offer says a=ice-lite (legal: a lite offerer)', appendSession('a=ice-lite')),
  o('offer-direction-twice', 'directions', 'audio says sendrecv and recvonly in the offer', inKind('audio', append('a=recvonly'))),
  o('offer-port-zero-bundled', 'm-lines', 'the offer\'s video at port 0 inside the BUNDLE group (bundle-only, RFC 9143 §7.5.3 without a=bundle-only)', inKind('video', mapLines((l) => l.replace(/^m=video \d+/, 'm=video 0')))),
  o('offer-mline-kind-unknown', 'm-lines', 'an m-line of kind "foo" added to the offer', (s) => { const p = split(s); p.media.push(['m=foo 9 UDP/TLS/RTP/SAVPF 0', 'c=IN IP4 0.0.0.0', 'a=mid:9']); return join(p); }),
  o('offer-ice-pwd-short', 'ICE', 'the offer\'s ice-pwd of 21 characters', replaceAll(/^a=ice-pwd:.*$/, 'a=ice-pwd:abcdefghijklmnopqrstu')),
  o('offer-fingerprint-unknown-hash', 'DTLS', 'the offer\'s a=fingerprint with the hash function sha-999', replaceAll(/^a=fingerprint:\S+ /, 'a=fingerprint:sha-999 ')),
  o('offer-truncated', 'syntax', 'the offer cut in the middle of its last line', (s) => s.slice(0, s.trimEnd().length - 5)),
  // Legacy simulcast as munging writes it (jitsi/sdp-simulcast): layers with rtx for some only, then for all.
  o('ssrc-sim-rtx-partial-offer', 'ssrc and msid', 'the offer\'s video given two more simulcast layers in a=ssrc-group:SIM, the first layer alone with its rtx (a=ssrc-group:FID)', inKind('video', (m) => simulcastLayers(m, false))),
  o('ssrc-sim-fid-twice-offer', 'ssrc and msid', 'the offer\'s video given two more simulcast layers, each with its rtx, and the first layer\'s a=ssrc-group:FID written twice (mediasoup-client\'s Plan B munging)', inKind('video', (m) => { const x = simulcastLayers(m, true); const fid = x.find((l) => l.startsWith('a=ssrc-group:FID ')); return fid === undefined ? x : [...x, fid]; })),
  o('ssrc-sim-rtx-full-offer', 'ssrc and msid', 'the offer\'s video given two more simulcast layers in a=ssrc-group:SIM, each layer with its rtx (a=ssrc-group:FID)', inKind('video', (m) => simulcastLayers(m, true))),
  // RFC 8866 §5's order of lines (munging audit: b=AS written after an m-section's a= lines, both browsers taking it).
  a('order-bandwidth-after-attributes', 'syntax', 'b=AS:500 after the video m-section\'s a= lines (munging code inserts it so)', inKind('video', append('b=AS:500'))),
  a('order-connection-after-attributes', 'syntax', 'the audio m-section\'s c= line after its a= lines', inKind('audio', (m) => [...m.filter((l) => !l.startsWith('c=')), ...m.filter((l) => l.startsWith('c='))])),
  a('order-information-after-attributes', 'syntax', 'i=video after the video m-section\'s a= lines', inKind('video', append('i=video'))),
  a('order-timing-after-attributes', 'syntax', 'the session\'s t= line after its a= lines', (s) => { const p = split(s); p.session = [...p.session.filter((l) => !l.startsWith('t=')), ...p.session.filter((l) => l.startsWith('t='))]; return join(p); }),
  a('order-session-bandwidth-after-timing', 'syntax', 'b=AS:1000 at session level after t= and the session\'s a= lines', appendSession('b=AS:1000')),
  a('order-session-bandwidth-before-attributes', 'syntax', 'b=AS:1000 at session level just after t=, before the session\'s a= lines (RFC 8866 §5: b= before t=)', (s) => { const p = split(s); const t = p.session.findIndex((l) => l.startsWith('t=')); p.session.splice(t + 1, 0, 'b=AS:1000'); return join(p); }),
  a('order-session-bandwidth-before-timing', 'syntax', 'b=AS:1000 at session level before t= (its place in RFC 8866 §5)', (s) => { const p = split(s); const t = p.session.findIndex((l) => l.startsWith('t=')); p.session.splice(t, 0, 'b=AS:1000'); return join(p); }),
  a('order-session-connection-after-bandwidth', 'syntax', 'b=AS:1000 then c=IN IP4 0.0.0.0 at session level before t= (RFC 8866 §5: c= before b=)', (s) => { const p = split(s); const t = p.session.findIndex((l) => l.startsWith('t=')); p.session.splice(t, 0, 'b=AS:1000', 'c=IN IP4 0.0.0.0'); return join(p); }),
  a('order-timing-twice', 'syntax', 'two t= lines at session level (RFC 8866 §5: one or more time descriptions)', (s) => { const p = split(s); const t = p.session.findIndex((l) => l.startsWith('t=')); p.session.splice(t + 1, 0, 't=0 0'); return join(p); }),
  a('msid-semantic-two-blanks', 'syntax', 'a=msid-semantic with two blanks after its colon, as sdp-transform writes a WMS with no stream back ("a=msid-semantic:  WMS")', replaceAll(/^a=msid-semantic: ?WMS(.*)$/, 'a=msid-semantic:  WMS$1')),
  a('bundle-group-empty', 'mids and BUNDLE', 'the answer\'s a=group:BUNDLE with no mids (SIP.js\'s stripVideo left one on a video-only offer)', replaceAll(/^a=group:BUNDLE .*$/, 'a=group:BUNDLE')),
  o('offer-bundle-group-empty', 'mids and BUNDLE', 'the offer\'s a=group:BUNDLE with no mids', replaceAll(/^a=group:BUNDLE .*$/, 'a=group:BUNDLE')),
  o('offer-ssrc-in-data', 'ssrc and msid', 'a=ssrc lines and an a=ssrc-group:SIM in the offer\'s data channel m-section (kurento-utils\' simulcast munge appends them to the last m-section)', inKind('application', append('a=ssrc:1 cname:x', 'a=ssrc:2 cname:x', 'a=ssrc:3 cname:x', 'a=ssrc-group:SIM 1 2 3'))),
  a('order-repeat-email', 'syntax', 'two e= lines at session level before t= (RFC 8866 §5 allows several)', (s) => { const p = split(s); const t = p.session.findIndex((l) => l.startsWith('t=')); p.session.splice(t, 0, 'e=a@example.com', 'e=b@example.com'); return join(p); }),
  a('order-repeat-session-connection', 'syntax', 'two c= lines at session level before t=', (s) => { const p = split(s); const t = p.session.findIndex((l) => l.startsWith('t=')); p.session.splice(t, 0, 'c=IN IP4 0.0.0.0', 'c=IN IP4 0.0.0.0'); return join(p); }),
  a('order-repeat-zone', 'syntax', 'two z= lines after t=', (s) => { const p = split(s); const t = p.session.findIndex((l) => l.startsWith('t=')); p.session.splice(t + 1, 0, 'z=2882844526 -1h', 'z=2898848070 0'); return join(p); }),
  a('order-repeat-media-connection', 'syntax', 'two c= lines in the audio m-section', inKind('audio', (m) => { const i = m.findIndex((l) => l.startsWith('c=')); if (i >= 0) m.splice(i + 1, 0, m[i]!); return m; })),
  a('order-repeat-before-timing', 'syntax', 'an r= line before t= (RFC 8866 §5: r= follows its t=)', (s) => { const p = split(s); const t = p.session.findIndex((l) => l.startsWith('t=')); p.session.splice(t, 0, 'r=604800 3600 0 90000'); return join(p); }),
  a('order-name-after-timing', 'syntax', 'the session\'s s= line after its t= line', (s) => { const p = split(s); const i = p.session.findIndex((l) => l.startsWith('s=')); const t = p.session.findIndex((l) => l.startsWith('t=')); if (i >= 0 && t > i) { const [x] = p.session.splice(i, 1); p.session.splice(t, 0, x!); } return join(p); }),
  o('offer-extmap-id-256', 'header extensions', 'a header extension with id 256 in the offer', inKind('audio', (m) => { const i = m.findIndex((l) => l.startsWith('a=extmap:')); if (i >= 0) m[i] = m[i]!.replace(/^a=extmap:\d+/, 'a=extmap:256'); return m; })),
  // The DTLS/SCTP/ICE audit (2026-12-07, eighth session): a=setup in upper case, fingerprints repeated, SCTP values at their edges, a session attribute in an m-section.
  a('setup-actpass-upper', 'DTLS', 'the answer says a=setup:ACTPASS (upper case)', replaceAll(/^a=setup:\w+$/, 'a=setup:ACTPASS')),
  a('setup-active-upper', 'DTLS', 'the answer says a=setup:ACTIVE (upper case)', replaceAll(/^a=setup:\w+$/, 'a=setup:ACTIVE')),
  o('offer-setup-actpass-upper', 'DTLS', 'the offer says a=setup:ACTPASS (upper case)', replaceAll(/^a=setup:\w+$/, 'a=setup:ACTPASS')),
  o('offer-setup-holdconn', 'DTLS', 'the offer says a=setup:holdconn', replaceAll(/^a=setup:\w+$/, 'a=setup:holdconn')),
  a('fingerprint-session-twice', 'DTLS', 'the a=fingerprint moved to session level (Firefox writes it there), written there twice', fingerprintTwiceAtSession),
  o('offer-fingerprint-session-twice', 'DTLS', 'the offer\'s a=fingerprint moved to session level (Firefox writes it there), written there twice', fingerprintTwiceAtSession),
  a('fingerprint-media-twice', 'DTLS', 'each m-section\'s a=fingerprint written twice (one at session level, as Firefox writes it, is left alone)', (s) => { const p = split(s); p.media = p.media.map((m) => m.flatMap((l) => (l.startsWith('a=fingerprint:') ? [l, l] : [l]))); return join(p); }),
  a('fingerprint-unknown-plus-valid', 'DTLS', 'an a=fingerprint:sha-999 line before each valid one (RFC 8122 §5 allows several)', (s) => s.split(EOL).flatMap((l) => (l.startsWith('a=fingerprint:') ? [l.replace(/^a=fingerprint:\S+ /, 'a=fingerprint:sha-999 '), l] : [l])).join(EOL)),
  a('fingerprint-sha1-plus-valid', 'DTLS', 'an a=fingerprint:sha-1 line (of another certificate, 20 bytes) before each m-section\'s valid one (a session-level one, as Firefox writes it, is left alone)', (s) => { const p = split(s); p.media = p.media.map((m) => m.flatMap((l) => (l.startsWith('a=fingerprint:') ? [`a=fingerprint:sha-1 ${Array(20).fill('AB').join(':')}`, l] : [l]))); return join(p); }),
  a('max-message-size-2e31', 'SCTP', 'a=max-message-size:2147483648 (2^31)', replaceAll(/^a=max-message-size:\d+$/, 'a=max-message-size:2147483648'), 'data'),
  a('max-message-size-2e31-less-1', 'SCTP', 'a=max-message-size:2147483647 (2^31 - 1)', replaceAll(/^a=max-message-size:\d+$/, 'a=max-message-size:2147483647'), 'data'),
  o('offer-max-message-size-2e31', 'SCTP', 'the offer\'s a=max-message-size:2147483648 (2^31)', replaceAll(/^a=max-message-size:\d+$/, 'a=max-message-size:2147483648'), 'data'),
  a('sctp-port-zero', 'SCTP', 'a=sctp-port:0', replaceAll(/^a=sctp-port:\d+$/, 'a=sctp-port:0'), 'data'),
  o('offer-sctp-port-zero', 'SCTP', 'the offer\'s a=sctp-port:0', replaceAll(/^a=sctp-port:\d+$/, 'a=sctp-port:0'), 'data'),
  a('ice-lite-media', 'ICE', 'a=ice-lite in the audio m-section (a session attribute, RFC 8839 §5.3)', inKind('audio', append('a=ice-lite'))),
  // The simulcast audit: blanks libwebrtc's tokenizer passes over.
  a('simulcast-blank-after-colon', 'rid and simulcast', '"a=simulcast: recv q;h;f" (a blank after the colon)', sfuAnswer(...SIM_RIDS, 'a=simulcast: recv q;h;f'), 'simulcast'),
  a('rid-two-blanks', 'rid and simulcast', '"a=rid:f  recv" (two blanks before the direction)', sfuAnswer('a=rid:q recv', 'a=rid:h recv', 'a=rid:f  recv', 'a=simulcast:recv q;h;f'), 'simulcast'),
];
