/**
 * One table describes every modeled attribute: a sample line, how its value reads, how it is
 * written. The parse loop and the writer walk this same table; a new attribute is one entry
 * plus a fixture. `parse` returns undefined when the value does not follow the grammar (the line
 * is then kept as an uninterpreted attribute with a diagnostic).
 */
import { parseCandidate, writeParsed } from '../candidate/candidate.js';
import { extmapExact, fmtpExact, readExtmap, readFmtp, readRtcpFb, readRtpmap, rtcpFbExact, rtpmapExact } from './attribute-readers.js';
import type { AttributeName, AttributeValues, FmtpParameter, Setup } from './model.js';

export interface AttributeRule<V> {
  /** A line as real endpoints write it. */
  readonly sample: string;
  readonly parse: (value: string | null) => V | undefined;
  readonly format: (value: V) => string | null;
  /**
   * When the text is canonical by construction, so the parser need not format it to compare:
   * true when format(parse(v)) === v for every v that parses, or a test of v that implies it.
   * Asked only of a value that parsed. Absent: always compare. (The fuzz round-trip test holds every rule to this.)
   */
  readonly exact?: boolean | ((value: string) => boolean);
}

type Grammar = { readonly [K in AttributeName]: AttributeRule<AttributeValues[K]> };

const SETUPS: readonly string[] = ['actpass', 'active', 'passive', 'holdconn'];

/** Non-negative integer of at most `max` digits, or undefined. */
function int(text: string | undefined, max = 10): number | undefined {
  if (text === undefined || text.length === 0 || text.length > max || !/^[0-9]+$/.test(text)) return undefined;
  return Number(text);
}

const flag: AttributeRule<null> = {
  sample: 'a=rtcp-mux',
  parse: (v) => (v === null ? null : undefined),
  format: () => null,
  exact: true,
};
const text = (sample: string): AttributeRule<string> => ({
  sample,
  parse: (v) => (v === null || v === '' ? undefined : v),
  format: (v) => v,
  exact: true,
});
const flagRule = (sample: string): AttributeRule<null> => ({ ...flag, sample });

/** Whether an attribute of this rule is a flag (no value: a=rtcp-mux, a=recvonly…). */
export const isFlag = (rule: AttributeRule<unknown> | undefined): boolean => rule !== undefined && rule.parse === flag.parse;

const splitSpace = (v: string): string[] => v.split(' ');

/**
 * A packet time in milliseconds (RFC 8866 §6.4, §6.5): an integer or a decimal, within a day
 * (10 digits) and to the microsecond (6 decimals). Any other spelling, or a value beyond that,
 * is off the grammar: kept as text with a diagnostic, never rounded into another number.
 */
const milliseconds: Omit<AttributeRule<number>, 'sample'> = {
  exact: (v) => String(Number(v)) === v,
  parse: (v) => (v !== null && /^[0-9]{1,10}(?:\.[0-9]{1,6})?$/.test(v) ? Number(v) : undefined),
  format: (n) => String(n),
};

/** Format parameters as a=fmtp writes them: `name=value` (or a bare token) joined by ";". The one place fmtp text is made. */
export function formatFmtpParameters(parameters: readonly FmtpParameter[]): string {
  return parameters.map((p) => (p.name === null ? p.value : `${p.name}=${p.value}`)).join(';');
}

export const GRAMMAR: Grammar = {
  'group': {
    exact: true,
    sample: 'a=group:BUNDLE 0 1',
    parse: (v) => {
      if (!v) return undefined;
      const [semantics, ...mids] = splitSpace(v);
      return semantics ? { semantics, mids } : undefined;
    },
    format: (g) => [g.semantics, ...g.mids].join(' '),
  },
  'msid-semantic': {
    exact: (v) => v.charCodeAt(0) === 32 && v.charCodeAt(1) !== 32,
    sample: 'a=msid-semantic: WMS d15c6979-87f7-4177-b082-e54548148e46',
    // libwebrtc writes a space after the colon; that is the canonical spelling here.
    parse: (v) => {
      if (!v) return undefined;
      // Blanks before the semantic, any number: sdp-transform writes a WMS with no stream back as
      // "a=msid-semantic:  WMS", which both browsers take (measured; SIP/SFU munging audit: an attribute-syntax warning).
      let i = 0;
      while (i < v.length && v.charCodeAt(i) === 32) i++;
      const [semantic, ...identifiers] = splitSpace(v.slice(i));
      return semantic ? { semantic, identifiers } : undefined;
    },
    format: (m) => ' ' + [m.semantic, ...m.identifiers].join(' '),
  },
  'ice-lite': flagRule('a=ice-lite'),
  'ice-ufrag': text('a=ice-ufrag:JDVd'),
  'ice-pwd': text('a=ice-pwd:kXT7EgT23rvctdmdZUSU0dT1'),
  'ice-options': {
    exact: true,
    sample: 'a=ice-options:trickle',
    parse: (v) => (v ? splitSpace(v) : undefined),
    format: (o) => o.join(' '),
  },
  'fingerprint': {
    exact: true,
    sample: 'a=fingerprint:sha-256 3B:60:C9:3B:27:5F:74:C9:AF:FE:98:15:A5:80:BA:FB:F4:09:8D:2A:EB:8D:13:1D:56:94:C3:5F:6C:D5:B7:B6',
    parse: (v) => {
      const m = v ? /^(\S+) (\S+)$/.exec(v) : null;
      return m ? { algorithm: m[1]!, value: m[2]! } : undefined;
    },
    format: (f) => `${f.algorithm} ${f.value}`,
  },
  'setup': {
    // In any case: both browsers read "ACTPASS" as actpass (measured: an answer's a=setup:ACTPASS is
    // refused as actpass by both, ACTIVE taken); written back as read.
    exact: (v) => SETUPS.includes(v),
    sample: 'a=setup:actpass',
    parse: (v) => {
      if (v === null) return undefined;
      const s = SETUPS.includes(v) ? v : v.toLowerCase();
      return SETUPS.includes(s) ? (s as Setup) : undefined;
    },
    format: (s) => s,
  },
  'mid': text('a=mid:0'),
  'extmap': {
    exact: extmapExact,
    sample: 'a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
    parse: readExtmap,
    format: (e) => `${e.id}${e.direction ? '/' + e.direction : ''} ${e.uri}${e.attributes !== null ? ' ' + e.attributes : ''}`,
  },
  'extmap-allow-mixed': flagRule('a=extmap-allow-mixed'),
  'sendrecv': flagRule('a=sendrecv'),
  'sendonly': flagRule('a=sendonly'),
  'recvonly': flagRule('a=recvonly'),
  'inactive': flagRule('a=inactive'),
  'rtpmap': {
    exact: rtpmapExact,
    sample: 'a=rtpmap:111 opus/48000/2',
    parse: readRtpmap,
    format: (r) => `${r.payloadType} ${r.encodingName}/${r.clockRate}${r.channels !== null ? '/' + r.channels : ''}`,
  },
  'fmtp': {
    exact: fmtpExact,
    sample: 'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
    parse: readFmtp,
    format: (f) => `${f.format} ${formatFmtpParameters(f.parameters)}`,
  },
  'rtcp-fb': {
    exact: rtcpFbExact,
    sample: 'a=rtcp-fb:96 nack pli',
    parse: readRtcpFb,
    format: (f) => `${f.format} ${f.type}${f.parameter !== null ? ' ' + f.parameter : ''}`,
  },
  'rtcp': {
    exact: (v) => /^(?:0|[1-9][0-9]*)(?: |$)/.test(v),
    sample: 'a=rtcp:9 IN IP4 0.0.0.0',
    parse: (v) => {
      const m = v ? /^([0-9]{1,5})(?: (\S+) (\S+) (\S+))?$/.exec(v) : null;
      if (!m) return undefined;
      return { port: Number(m[1]), netType: m[2] ?? null, addressType: m[3] ?? null, address: m[4] ?? null };
    },
    format: (r) => `${r.port}${r.netType !== null ? ` ${r.netType} ${r.addressType} ${r.address}` : ''}`,
  },
  'rtcp-mux': flagRule('a=rtcp-mux'),
  'rtcp-rsize': flagRule('a=rtcp-rsize'),
  'ssrc': {
    exact: true,
    sample: 'a=ssrc:3437501515 cname:MxV7vls3AO3u1lWD',
    parse: (v) => {
      const m = v ? /^([0-9]{1,10}) ([^:]+)(?::(.*))?$/.exec(v) : null;
      return m ? { ssrc: m[1]!, attribute: m[2]!, value: m[3] ?? null } : undefined;
    },
    format: (s) => `${s.ssrc} ${s.attribute}${s.value !== null ? ':' + s.value : ''}`,
  },
  'ssrc-group': {
    exact: true,
    sample: 'a=ssrc-group:FID 583334944 2876421606',
    parse: (v) => {
      if (!v) return undefined;
      const [semantics, ...ssrcs] = splitSpace(v);
      return semantics && ssrcs.every((s) => /^[0-9]{1,10}$/.test(s)) ? { semantics, ssrcs } : undefined;
    },
    format: (g) => [g.semantics, ...g.ssrcs].join(' '),
  },
  'msid': {
    exact: true,
    sample: 'a=msid:d15c6979-87f7-4177-b082-e54548148e46 b8e4fae9-2614-4222-8eb2-73c42d5594d6',
    parse: (v) => {
      const m = v ? /^(\S+)(?: (\S+))?$/.exec(v) : null;
      return m ? { streamId: m[1]!, trackId: m[2] ?? null } : undefined;
    },
    format: (m) => `${m.streamId}${m.trackId !== null ? ' ' + m.trackId : ''}`,
  },
  'rid': {
    // Blanks around the fields, any number: libwebrtc reads the line with rtc::tokenize, which drops
    // empty tokens, and both browsers take "a=rid:f  recv" (measured, rid-two-blanks; simulcast
    // audit: the layer had been said dropped). Written back as read.
    exact: (v) => !v.startsWith(' ') && !v.endsWith(' ') && !v.includes('  '),
    sample: 'a=rid:1 send',
    parse: (v) => {
      const m = v ? /^ *(\S+) +(send|recv)(?: +(\S.*)?)?$/.exec(v) : null;
      if (!m) return undefined;
      // Trailing blanks off by a loop (a lazy group before " *$" is quadratic on a run of blanks).
      const p = m[3];
      let end = p?.length ?? 0;
      while (end > 0 && p!.charCodeAt(end - 1) === 32) end--;
      return { id: m[1]!, direction: m[2] as 'send' | 'recv', params: p === undefined ? null : p.slice(0, end) };
    },
    format: (r) => `${r.id} ${r.direction}${r.params !== null ? ' ' + r.params : ''}`,
  },
  'simulcast': {
    exact: (v) => !(v.startsWith('recv') && v.includes(' send ')) && !v.startsWith(' ') && !v.endsWith(' ') && !v.includes('  '),
    sample: 'a=simulcast:send 1;2;3',
    // Written send first; a line that puts recv first keeps its spelling through `verbatim`. Blanks
    // around the fields, any number, as libwebrtc's rtc::tokenize reads them: both browsers take
    // "a=simulcast: recv q;h;f" (measured, simulcast-blank-after-colon; simulcast audit: it had
    // been "one stream is sent").
    parse: (v) => {
      const m = v ? /^ *(send|recv) +(\S+)(?: +(send|recv) +(\S+))? *$/.exec(v) : null;
      // draft-03's "rid=q;h;f" (Firefox before 64) is no RFC 8853 list: left unread, its own line rule's (audit of the change: read as a layer "rid=q").
      if (!m || m[1] === m[3] || m[2]!.includes('=') || (m[4] !== undefined && m[4].includes('='))) return undefined;
      const pairs: Record<string, string> = { [m[1]!]: m[2]! };
      if (m[3]) pairs[m[3]] = m[4]!;
      return { send: pairs['send'] ?? null, recv: pairs['recv'] ?? null };
    },
    format: (s) => [s.send !== null ? `send ${s.send}` : null, s.recv !== null ? `recv ${s.recv}` : null].filter((x) => x !== null).join(' '),
  },
  'sctp-port': {
    exact: (v) => /^(?:0|[1-9][0-9]*)$/.test(v),
    sample: 'a=sctp-port:5000',
    parse: (v) => int(v ?? undefined, 5),
    format: (n) => String(n),
  },
  'max-message-size': {
    exact: (v) => /^(?:0|[1-9][0-9]*)$/.test(v),
    sample: 'a=max-message-size:262144',
    parse: (v) => int(v ?? undefined, 15),
    format: (n) => String(n),
  },
  'sctpmap': {
    exact: (v) => /^(?:0|[1-9][0-9]*) \S+(?: (?:0|[1-9][0-9]*))?$/.test(v),
    sample: 'a=sctpmap:5000 webrtc-datachannel 1024',
    parse: (v) => {
      const m = v ? /^([0-9]{1,5}) (\S+)(?: ([0-9]{1,5}))?$/.exec(v) : null;
      return m ? { port: Number(m[1]), protocol: m[2]!, streams: m[3] === undefined ? null : Number(m[3]) } : undefined;
    },
    format: (s) => `${s.port} ${s.protocol}${s.streams !== null ? ' ' + s.streams : ''}`,
  },
  'bundle-only': flagRule('a=bundle-only'),
  'candidate': {
    // The candidate keeps its own spelling (Candidate.verbatim), so the line always writes back as read.
    exact: true,
    sample: 'a=candidate:2789144953 1 udp 2122129151 10.18.117.180 51018 typ host generation 0',
    // Read by the candidate scanner; the SDP parser reports its errors with their codes.
    // Never undefined: a value that is not a candidate throws, and the line keeps the error (OtherAttributeLine.rejection).
    parse: (v) => parseCandidate(v === null ? 'a=candidate' : 'a=candidate:' + v),
    format: (c) => writeParsed(c).replace(/^(a=)?candidate:/i, ''),
  },
  'end-of-candidates': flagRule('a=end-of-candidates'),
  'ptime': { ...milliseconds, sample: 'a=ptime:20' },
  'maxptime': { ...milliseconds, sample: 'a=maxptime:120' },
};

const RULES: ReadonlyMap<string, AttributeRule<unknown>> = new Map(Object.entries(GRAMMAR) as [string, AttributeRule<unknown>][]);

export function isModeled(name: string): name is AttributeName {
  return RULES.has(name);
}

/** The rule for an attribute name, or undefined when sdpscope does not model it. */
export function ruleFor(name: string): AttributeRule<unknown> | undefined {
  return RULES.get(name);
}
