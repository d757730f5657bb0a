/**
 * One SDP line: read into a typed node, written back. Both directions use the same table
 * (grammar.ts) for attributes; the other line types are read here.
 */
import { SdpscopeError } from '../errors.js';
import { atLine, diagnostic, type FindingSink, type ParseDiagnostic } from '../diagnostics.js';
import { tryReadCandidate } from '../candidate/candidate.js';
import { GRAMMAR, isFlag, ruleFor, type AttributeRule } from './grammar.js';
import { extmapDirectionWord } from './attribute-readers.js';
import type { AttributeLine, MediaLine, SdpLine } from './model.js';

/** A blank line's finding, among the lines and after the last one (parse.ts). */
export const BLANK_INSIDE = 'blank line: both browsers reject it (Chromium: "Invalid SDP line"; Firefox stops reading at it)';
export const BLANK_BEFORE_MEDIA = 'blank line before an m= line: Chromium rejects it ("Invalid SDP line"); Firefox stops reading at it and takes the description above it, the m-sections from here on lost (an answer then has fewer m-lines than its offer, which Firefox refuses)';
export const BLANK_AFTER = 'blank line after the last line: Chromium rejects it ("Invalid SDP line"); Firefox ignores it';

type Unplaced<T> = T extends SdpLine ? Omit<T, 'eol' | 'verbatim'> : never;
type Node = Unplaced<SdpLine>;

export function readMedia(value: string): MediaLine | undefined {
  // <media> SP <port>[/<number of ports>] SP <proto> 1*(SP <fmt>)
  const parts = value.split(' ');
  if (parts.length < 3) return undefined;
  const pm = /^([0-9]{1,5})(?:\/([0-9]{1,5}))?$/.exec(parts[1]!);
  if (!pm || parts[0] === '' || parts[2] === '') return undefined;
  return {
    kind: parts[0]!,
    port: Number(pm[1]),
    portCount: pm[2] === undefined ? null : Number(pm[2]),
    protocol: parts[2]!,
    // An empty format list (seen from Edge legacy: "m=video 0 RTP/SAVPF ") reads as none.
    formats: parts.slice(3).filter((f) => f !== ''),
  };
}

/**
 * chrome://webrtc-internals shows each section of a description folded under a summary: its first
 * line, " (N more lines)", and for an m-section " direction=<dir>" and " mid=<mid>" (" munged" when
 * setLocalDescription's differs from createOffer's): peer_connection_update_table.js. Text copied
 * from the page carries the summary on the v= and m= lines (GetStream's own test offer does).
 */
export const PAGE_SUMMARY = /* @__PURE__ */ summaryRegExp('$', '');

/** A summary with a line glued after it by a copy of the rendered page (Cisco's CMS notes): line-scanner.ts splits such lines. */
export const GLUED_SUMMARY = /* @__PURE__ */ summaryRegExp(' (?=[a-z]=)', 'g', true);

/** The summary's form, ended by `end`; `counted`: only the form with "(N more lines)" (group 1: N). */
function summaryRegExp(end: string, flags: string, counted = false): RegExp {
  const direction = ' direction=(?:sendrecv|sendonly|recvonly|inactive)';
  const rest = '(?: mid=\\S{1,256})?(?: munged)?';
  const withCount = ` \\(([0-9]{1,7}) more lines?\\)(?:${direction})?${rest}${end}`;
  return new RegExp(counted ? withCount : `${withCount}|${direction}${rest}${end}`, flags);
}

/** The line's value without a webrtc-internals summary (PAGE_SUMMARY); the value itself when it has none. */
function withoutSummary(value: string): string {
  if (!value.includes(' (') && !value.includes(' direction=')) return value;
  const m = PAGE_SUMMARY.exec(value);
  return m ? value.slice(0, m.index) : value;
}

/** What an m= line is without its "m=": a media type, a port, a proto (RFC 8866 §5.14). */
const LOST_MLINE = /^(?:audio|video|application|text|message) \d{1,5}(?:\/\d{1,5})? [A-Za-z]{1,8}\/[\w/]{1,30}(?: |$)/;

function readNode(content: string, line: number, problems: FindingSink<ParseDiagnostic>): Node {
  const c0 = content.charCodeAt(0) | 32;
  if (content.length < 2 || content.charCodeAt(1) !== 61 /* = */ || c0 < 97 || c0 > 122) {
    // (Past the bound of each kind, findings are counted without being made: the line is kept.)
    if (content.trim() === '') {
      // Among the lines: both reject; parseSdp says a trailing one again as Chromium's alone.
      if (!problems.skip('blank-line', line)) problems.push(diagnostic('blank-line', BLANK_INSIDE, { ...atLine(line), browsers: { chromium: 'rejects', firefox: 'rejects' } }));
    } else {
      // An m= line that lost its "m=" (a broken paste): both browsers refuse the description
      // there (measured), which is its error; it is read as the m= line it is, so that what
      // follows is its m-section's (sdp-diff audit, README walk: the rest read into the m-section
      // above gave 72 and 90 errors that followed from the one). Written back as it was.
      const lost = LOST_MLINE.test(content) ? readMedia(content) : undefined;
      if (!problems.skip('invalid-line', line)) {
        const mline = lost ? ': an m= line without its "m=": both browsers refuse the description here; read as the m= line it looks like' : '';
        problems.push(diagnostic('invalid-line', `not "<type>=<value>": ${JSON.stringify(content.slice(0, 60))}${mline}`, atLine(line, 1)));
      }
      if (lost) return { line, kind: 'media', value: lost };
    }
    return { line, kind: 'invalid', text: content };
  }
  const letter = content[0]!;
  if (letter === 'a') return readAttribute(content, line, problems);
  // A summary copied from webrtc-internals is read around (views.ts says so); the line keeps its text.
  const value = letter === 'm' || letter === 'v' ? withoutSummary(content.slice(2)) : content.slice(2);
  let m: RegExpExecArray | null;
  switch (letter) {
    case 'o':
      m = /^(\S+) (\S+) (\S+) (\S+) (\S+) (\S+)$/.exec(value);
      if (m) return { line, kind: 'origin', value: { username: m[1]!, sessionId: m[2]!, sessionVersion: m[3]!, netType: m[4]!, addressType: m[5]!, address: m[6]! } };
      break;
    case 'c':
      m = /^(\S+) (\S+) (\S+)$/.exec(value);
      if (m) return { line, kind: 'connection', value: { netType: m[1]!, addressType: m[2]!, address: m[3]! } };
      break;
    case 'b':
      m = /^([^:\s]+):([0-9]{1,15})$/.exec(value);
      if (m) return { line, kind: 'bandwidth', value: { type: m[1]!, bandwidth: Number(m[2]) } };
      break;
    case 't':
      m = /^(\S+) (\S+)$/.exec(value);
      if (m) return { line, kind: 'timing', value: { start: m[1]!, stop: m[2]! } };
      break;
    case 'm': {
      const media = readMedia(value);
      if (media) return { line, kind: 'media', value: media };
      problems.push(diagnostic('invalid-line', 'm= line is not "<media> <port> <proto> <fmt>..."; kept as text, no m-section started', atLine(line)));
      break;
    }
  }
  return { line, kind: 'field', letter, value };
}

/**
 * A fingerprint value masked by whoever shared the SDP (parse audit: janus-gateway#995's
 * "sha-256 ****…" had been a browser-refusal error beside its masked addresses' info): a run of
 * "*", "x", "#" or "?" with or without colons ("XX:XX:…"), a placeholder in brackets, or a word.
 */
export function redactedFingerprint(value: string): boolean {
  if (value.length >= 4 && /^[*xX#?]+(?::[*xX#?]+)*$/.test(value)) return true;
  // Hex pairs some of them masked ("57:E5:**:**") or elided ("57:E5:...:AD:79"), each group whole:
  // a stray letter in a pair ("…:67:8X") is no mask (audits of the change).
  if (value.length <= 400 && /^(?:[0-9A-Fa-f]{2}|[*xX#?]{2}|\.{2,3}|…)(?::(?:[0-9A-Fa-f]{2}|[*xX#?]{2}|\.{2,3}|…))*$/.test(value) && /(?:^|:)(?:[*xX#?]{2}|\.{2,3}|…)(?::|$)/.test(value) && (value.includes(':') || /\.|…/.test(value))) return true;
  if (value === '...' || value === '…') return true;
  if (/^(?:\[[^\]]{1,40}\]|<[^>]{1,40}>|\([^)]{1,40}\))$/.test(value) && /[A-Za-z]/.test(value)) return true;
  return /^(?:redacted|hidden|masked|removed|omitted|obfuscated|anonymi[sz]ed|fingerprint)$/i.test(value);
}

function redacted(line: number, column: number, problems: FindingSink<ParseDiagnostic>): void {
  if (!problems.skip('fingerprint-redacted', line)) problems.push(diagnostic('fingerprint-redacted', 'a=fingerprint: the value is a redaction marker, not a fingerprint (masked by whoever shared the SDP: as sent, it had one)', atLine(line, column)));
}

/** Digest sizes of the hash functions of a=fingerprint (bytes). */
export const DIGEST_BYTES: Readonly<Record<string, number>> = { 'sha-1': 20, 'sha-224': 28, 'sha-256': 32, 'sha-384': 48, 'sha-512': 64, md5: 16, md2: 16 };

const BOTH = { chromium: 'rejects', firefox: 'rejects' } as const;

/**
 * RFC 8122 §5 a=fingerprint as the browsers hold it, measured with their setRemoteDescription
 * (test/fixtures/verdicts/fingerprint.json, asked again by test/e2e/verdicts.e2e.ts): an error
 * wherever one of them rejects, saying which, at the column of what is wrong.
 */
function checkFingerprint(f: { algorithm: string; value: string }, content: string, line: number, problems: FindingSink<ParseDiagnostic>): void {
  const valueColumn = content.indexOf(' ', 14) + 2;
  if (redactedFingerprint(f.value)) return redacted(line, valueColumn, problems);
  const hash = f.algorithm.toLowerCase();
  const bytes = DIGEST_BYTES[hash];
  const report = (why: string, column: number, browsers: { chromium: 'rejects' | 'accepts'; firefox: 'rejects' | 'accepts' }) => {
    const who = browsers.chromium === 'rejects' && browsers.firefox === 'rejects' ? 'Chromium and Firefox reject it' : browsers.chromium === 'rejects' ? 'Chromium rejects it (Firefox accepts)' : 'Firefox rejects it (Chromium accepts)';
    if (!problems.skip('fingerprint-invalid', line)) problems.push(diagnostic('fingerprint-invalid', `a=fingerprint: ${why}: ${who}`, { ...atLine(line, column), browsers }));
  };
  if (bytes === undefined) return report(`hash function ${JSON.stringify(f.algorithm.slice(0, 24))} is none of RFC 8122's (sha-1, sha-224, sha-256, sha-384, sha-512, md5, md2)`, 15, BOTH);
  if (!/^[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*$/.test(f.value)) return report('the value is not hex pairs joined by ":"', valueColumn, BOTH);
  // The rest each one browser rejects: together, the union.
  const reasons: { why: string; column: number; who: 'chromium' | 'firefox' }[] = [];
  if (hash === 'md5' || hash === 'md2') reasons.push({ why: `${hash} (RFC 8122 §5 wants the certificate's signature hash)`, column: 15, who: 'chromium' });
  if (/[a-f]/.test(f.value)) reasons.push({ why: 'lower-case hex (RFC 8122 §5: UHEX)', column: valueColumn, who: 'firefox' });
  // Firefox takes the line, and no certificate's digest can match it: its DTLS handshake fails later (DTLS audit: "Firefox accepts" read as working).
  if ((f.value.length + 1) / 3 !== bytes) reasons.push({ why: `${f.algorithm} makes ${bytes} bytes; this fingerprint has ${(f.value.length + 1) / 3}, so it matches no certificate (where the description is taken, the DTLS handshake fails)`, column: valueColumn, who: 'chromium' });
  if (reasons.length === 0) return;
  const browsers = { chromium: reasons.some((r) => r.who === 'chromium') ? 'rejects' : 'accepts', firefox: reasons.some((r) => r.who === 'firefox') ? 'rejects' : 'accepts' } as const;
  report(reasons.map((r) => r.why).join('; '), reasons[0]!.column, browsers);
}

/** An a=candidate line the candidate scanner rejected, with its code and the column (in this line: it reads "a=candidate:…" whole). */
function rejectedCandidate(e: SdpscopeError, line: number, value: string | null, problems: FindingSink<ParseDiagnostic>): Node {
  if (!problems.skip('unparseable-candidate', line)) problems.push(diagnostic('unparseable-candidate', e.reason, { ...atLine(line, e.column), session: null, errorCode: e.code }));
  return { line, kind: 'other-attribute', name: 'candidate', value, rejection: e.toJSON() };
}

const SCTP_PORT_BLANK = /^sctp-port [0-9]{1,5} *$/;

/** `content` is the whole line, "a=" included. */
function readAttribute(content: string, line: number, problems: FindingSink<ParseDiagnostic>): Node {
  // Names are short: a loop beats indexOf on a slice of the description (a tenth of this function's time).
  let colon = 2;
  while (colon < content.length && content.charCodeAt(colon) !== 58) colon++;
  if (colon === content.length) colon = -1;
  let name = colon < 0 ? content.slice(2) : content.slice(2, colon);
  let value = colon < 0 ? null : content.slice(colon + 1);
  // "a=sctp-port 5000", one blank for the colon: libwebrtc's ParseSctpPort splits on the blank when
  // there is no colon, and both browsers open the data channel on that port (measured). Read as the
  // port, its spelling kept.
  const blank = colon < 0 && name.startsWith('sctp-port ') && SCTP_PORT_BLANK.test(name);
  if (blank) {
    // Blanks after the port too ("a=sctp-port 5000 "): libwebrtc reads the second field alone (measured).
    value = name.slice(10).trimEnd();
    name = 'sctp-port';
  }
  // A flag with more after it ("a=recvonly      ...★4", a note in a blog's SDP; "a=recvonly:x";
  // "a=sendonly  note: …"): both browsers read the flag and pass over the rest (measured); after a
  // tab Firefox alone does. The rule is looked up once for the common line (a second lookup per
  // attribute was a tenth of parseSdp).
  let rule = ruleFor(name);
  let extra: string | null = null;
  if (rule === undefined && name.length > 5) {
    const sp = name.indexOf(' ');
    const tab = name.indexOf('\t');
    if (sp > 0 && (tab < 0 || sp < tab) && isFlag(ruleFor(name.slice(0, sp)))) {
      extra = colon < 0 ? name.slice(sp) : `${name.slice(sp)}:${value!}`;
      name = name.slice(0, sp);
      value = null;
      rule = ruleFor(name);
    } else if (tab > 0 && isFlag(ruleFor(name.slice(0, tab))) && !problems.skip('attribute-syntax', line)) {
      problems.push(diagnostic('attribute-syntax', `a=${name.slice(0, tab)} with a tab and words after it: Firefox reads a=${name.slice(0, tab)}, Chromium reads an attribute it does not know (a tab ends no attribute name to it; measured), so the two browsers see this line differently`, atLine(line, tab + 3)));
    }
  } else if (value !== null && isFlag(rule)) {
    extra = ':' + value;
    value = null;
  }
  if (extra !== null && !problems.skip('attribute-syntax', line)) {
    problems.push(diagnostic('attribute-syntax', `a=${name} has ${extra.startsWith(':') ? 'a value' : extra.trim() === '' ? 'blanks after it' : 'words after it'} (${JSON.stringify(extra.length > 40 ? `${extra.slice(0, 40)}…` : extra)}): a=${name} takes none; both browsers read a=${name} and pass over the rest (measured)`, atLine(line, name.length + 3)));
  }
  if (name === 'candidate' && value !== null) {
    // Read whole, as it stands (no copy with the prefix put back); a rejection is returned, its stack never made.
    const r = tryReadCandidate(content);
    return r.ok ? ({ line, kind: 'attribute', name, value: r.candidate } as Node) : rejectedCandidate(r.error, line, value, problems);
  }
  if (rule) {
    try {
      const parsed = rule.parse(value);
      if (parsed !== undefined) {
        if (name === 'fingerprint') checkFingerprint(parsed as { algorithm: string; value: string }, content, line, problems);
        else if (name === 'extmap') {
          const word = extmapDirectionWord(value!);
          if (word !== null && !problems.skip('attribute-syntax', line)) problems.push(diagnostic('attribute-syntax', `a=extmap direction ${JSON.stringify(word.slice(0, 40))} is none of sendrecv, sendonly, recvonly, inactive (RFC 8285 §8): both browsers take the description (measured), and Chromium reads no direction from any a=extmap, so the extension is read as having none`, atLine(line, 10 + value!.indexOf('/'))));
          // Skype for Business writes `http:\\www.webrtc.org\experiments\rtp-hdrext\abs-send-time` (parse audit: shown cut, not said).
          const uri = (parsed as { uri: string }).uri;
          if (uri.includes('\\') && !problems.skip('attribute-syntax', line)) {
            const slashed = uri.replace(/\\/g, '/');
            problems.push(diagnostic('attribute-syntax', `a=extmap URI ${uri.slice(0, 100)}${uri.length > 100 ? '…' : ''} holds a backslash, which no URI does (RFC 8285 §5: an absolute URI, RFC 3986)${/^[a-z][a-z0-9+.-]*:\/\//i.test(slashed) ? `; it is not ${slashed.slice(0, 100)} to a browser, which looks an extension up by its URI as written` : ''}: no browser negotiates the extension`, atLine(line, 1 + content.indexOf(uri))));
          }
        }
        const node = { line, kind: 'attribute', name, value: parsed } as Node;
        // Its spelling decided here, where the rule and the value are at hand (readLine keeps it as it is).
        const exact = rule.exact;
        return !blank && extra === null && (exact === true || (typeof exact === 'function' && value !== null && exact(value))) ? node : (withSpelling(node, content) as Node);
      }
      if (name === 'fingerprint') {
        // The whole value masked ("a=fingerprint:<redacted>"), or the hash's value ("sha-256 <redacted>").
        const masked = value !== null && (redactedFingerprint(value.trim()) || redactedFingerprint(value.trim().split(/\s+/).slice(1).join(' ')));
        if (masked) {
          redacted(line, 15, problems);
          return { line, kind: 'other-attribute', name, value };
        }
        // Browsers refuse the description, not only the attribute: an error.
        if (!problems.skip('fingerprint-invalid', line)) problems.push(diagnostic('fingerprint-invalid', `a=fingerprint: ${JSON.stringify((value ?? '').slice(0, 80))}${(value ?? '').length > 80 ? '…' : ''} is not "<hash function> <hex pairs>": Chromium and Firefox reject it`, { ...atLine(line, 15), browsers: BOTH }));
        return { line, kind: 'other-attribute', name, value };
      }
      if (!problems.skip('attribute-syntax', line)) problems.push(diagnostic('attribute-syntax', `a=${name} value ${JSON.stringify(value === null ? null : value.slice(0, 80))}${value !== null && value.length > 80 ? '…' : ''} does not follow its grammar (e.g. "${rule.sample}")`, atLine(line)));
    } catch (e) {
      // "a=candidate" with no value: the scanner's rejection too.
      if (!(e instanceof SdpscopeError)) throw e;
      return rejectedCandidate(e, line, value, problems);
    }
  }
  // A known name in other letters (a=RECVONLY, a=Rtcp-Mux): libwebrtc compares names as written,
  // Firefox does not (measured by the sdp-diff audit and its check: a=RECVONLY left Chromium's m-line
  // sendrecv and made Firefox's recvonly; Firefox took a=Rtcp-Mux): the browsers differ; sdpscope
  // reads it as Chromium does, and says so.
  const lower = rule === undefined && name.length <= 32 && /[A-Z]/.test(name) ? name.toLowerCase() : null;
  if (lower !== null && ruleFor(lower) !== undefined && !problems.skip('attribute-syntax', line)) {
    problems.push(diagnostic('attribute-syntax', `a=${name} is a=${lower} in other letters: Chromium reads attribute names as written and does not take it for a=${lower}, Firefox does (measured of a=RECVONLY and a=Rtcp-Mux): the two browsers read this line differently; sdpscope reads it as Chromium does (write it in lower case)`, atLine(line, 3)));
  }
  return { line, kind: 'other-attribute', name, value };
}

/** The canonical text of a node (without line ending). */
export function formatNode(node: Node | SdpLine): string {
  switch (node.kind) {
    case 'field':
      return `${node.letter}=${node.value}`;
    case 'origin': {
      const o = node.value;
      return `o=${o.username} ${o.sessionId} ${o.sessionVersion} ${o.netType} ${o.addressType} ${o.address}`;
    }
    case 'connection':
      return `c=${node.value.netType} ${node.value.addressType} ${node.value.address}`;
    case 'bandwidth':
      return `b=${node.value.type}:${node.value.bandwidth}`;
    case 'timing':
      return `t=${node.value.start} ${node.value.stop}`;
    case 'media': {
      const m = node.value;
      return `m=${m.kind} ${m.port}${m.portCount !== null ? '/' + m.portCount : ''} ${m.protocol}${m.formats.length > 0 ? ' ' + m.formats.join(' ') : ''}`;
    }
    case 'attribute': {
      const rule = GRAMMAR[node.name] as AttributeRule<unknown>;
      const v = rule.format((node as AttributeLine).value);
      return v === null ? `a=${node.name}` : `a=${node.name}:${v}`;
    }
    case 'other-attribute':
      return node.value === null ? `a=${node.name}` : `a=${node.name}:${node.value}`;
    case 'invalid':
      return node.text;
  }
}

const CANONICAL_NUMBER = /^(?:0|[1-9][0-9]*)$/;

/** True when a node's canonical text is its text by construction, so there is nothing to compare. */
function spelledAsRead(node: Node, content: string): boolean {
  switch (node.kind) {
    case 'field':
      // A v= line read without a webrtc-internals summary is not.
      return node.value.length + 2 === content.length;
    case 'invalid':
    case 'other-attribute':
    case 'origin':
    case 'connection':
    case 'timing':
      return true;
    case 'bandwidth':
      return CANONICAL_NUMBER.test(content.slice(content.indexOf(':') + 1));
    case 'media':
      return false;
    case 'attribute':
      // readAttribute decided it.
      return true;
  }
}

/** Reads one line (without its ending) into a node, keeping its spelling when not canonical. */
export function readLine(content: string, line: number, problems: FindingSink<ParseDiagnostic>): SdpLine {
  const node = readNode(content, line, problems);
  return spelledAsRead(node, content) ? (node as SdpLine) : withSpelling(node, content);
}

/** The node, with its spelling kept (`verbatim`) when its canonical text is not `content`. */
function withSpelling(node: Node, content: string): SdpLine {
  const canonical = formatNode(node);
  return (canonical === content ? node : { ...node, verbatim: { text: content, canonical } }) as SdpLine;
}

const strings = (...xs: unknown[]) => xs.every((x) => typeof x === 'string');

/** A sink that keeps nothing (a line re-read to check it). */
const DISCARD: FindingSink<ParseDiagnostic> = { push: () => undefined, skip: () => true };

/**
 * Whether `text`, the line written from `node`'s fields (a line not as parseSdp read it), is one
 * line that reads back as that kind of line (that attribute) with the same fields: not for a
 * value with fields missing or of the wrong type, which wrote "a=rtpmap:undefined
 * undefined/undefined" or "o=undefined …", nor for one holding a line feed, which wrote more
 * lines, nor for fields that read back as others (library audit: an origin's username with a
 * blank, an m-line's port of 10^12, an attribute named "x:y", a mid "a b" in a=group, a
 * candidate's port 99999). Whatever parseSdp reads reads back as itself ("a=sendrecv " with its
 * blank, "a=:x", an m-line's port 99999). A lone CR stays: parseSdp keeps one inside a line. A
 * string where a number was ("a=ptime:twenty") does not read back as that value: refused (library
 * audit: the README had said it was written as given).
 */
export function writesAsRead(node: SdpLine, text: string): boolean {
  if (text.includes('\n')) return false;
  switch (node.kind) {
    case 'invalid':
      // A text that reads as another line would be that line when read back (library audit: an
      // invalid line of "m=audio 9 RTP/AVP 0" became an m-section). Every invalid line parseSdp
      // makes reads alone as invalid (the corpus and fixtures, 38 lines).
      return typeof node.text === 'string' && !text.includes('\r') && readNode(text, 0, DISCARD).kind === 'invalid';
    case 'field':
      // Read again below: a letter of two ("ab=x") or of another kind of line ("a=x y") is not this line (library audit).
      if (typeof node.value !== 'string' || typeof node.letter !== 'string') return false;
      break;
    // The fields' types first (a line of missing fields reads back as itself: "o=undefined undefined …").
    case 'other-attribute':
      if (typeof node.name !== 'string' || (node.value !== null && typeof node.value !== 'string')) return false;
      break;
    case 'origin': {
      const o = node.value;
      if (!strings(o.username, o.sessionId, o.sessionVersion, o.netType, o.addressType, o.address)) return false;
      break;
    }
    case 'connection':
      if (!strings(node.value.netType, node.value.addressType, node.value.address)) return false;
      break;
    case 'timing':
      if (!strings(node.value.start, node.value.stop)) return false;
      break;
    case 'bandwidth':
      if (typeof node.value.type !== 'string' || !Number.isSafeInteger(node.value.bandwidth)) return false;
      break;
    case 'media': {
      const m = node.value;
      if (!(strings(m.kind, m.protocol) && Number.isSafeInteger(m.port) && (m.portCount === null || Number.isSafeInteger(m.portCount)) && Array.isArray(m.formats) && m.formats.every((f) => typeof f === 'string'))) return false;
      break;
    }
    case 'attribute':
      // No field missing (undefined) or not a finite number anywhere in its value (audit of the
      // change: "a=mid:undefined", "a=rtpmap:111 undefined/48000/2" and "a=group: 0 1" were written).
      if (typeof node.name !== 'string' || !plainValue(node.value, 0)) return false;
      break;
  }
  // Read again: the same kind of line, the same name, the same fields ("a=mid:[object Object]"
  // reads as a mid, not as the object; "a=group:BUNDLE a b" as two mids, not the one "a b"; "m=audio
  // 1000000000000 …" as no m-line at all).
  const back = readNode(text, 0, DISCARD);
  if (back.kind !== node.kind || formatNode(back) !== text) return false;
  if (back.kind === 'attribute' || back.kind === 'other-attribute') {
    if (back.name !== (node as AttributeLine).name) return false;
  }
  if (back.kind === 'field' && back.letter !== (node as { letter: string }).letter) return false;
  // A candidate read from a trickled "candidate:…" (parseCandidate of RTCIceCandidate.candidate)
  // is the same candidate on an a=candidate line: its prefix, and the prefix of its spelling, are
  // the line's (library audit: writeSdp refused it, blaming its fields).
  const value = back.kind === 'attribute' && back.name === 'candidate' ? asLineCandidate((node as { value: unknown }).value) : (node as { value: unknown }).value;
  return sameValue((back as { value: unknown }).value, value, 0);
}

/**
 * A line's own spelling (`verbatim.text`) of a description parseSdp did not make, or changed
 * since: it must read back as the line's fields, one line of the same kind and name (library
 * audit: a verbatim text edited to "…useinbandfec=0\r\na=ssrc:1 cname:injected" was written
 * whole, beside fields that said useinbandfec=1; a number was written as "42").
 */
export function verbatimReadsAs(node: SdpLine, text: unknown): boolean {
  if (typeof text !== 'string' || text.includes('\n') || text.includes('\r')) return false;
  const back = readNode(text, 0, DISCARD);
  if (back.kind !== node.kind) return false;
  if ((back.kind === 'attribute' || back.kind === 'other-attribute') && back.name !== (node as AttributeLine).name) return false;
  if (back.kind === 'field' && back.letter !== (node as { letter: string }).letter) return false;
  return formatNode(back) === formatNode(node);
}

/** A candidate with the a=candidate line's prefix, its spelling's too. */
function asLineCandidate(v: unknown): unknown {
  const c = v as { prefix?: unknown; verbatim?: { text?: unknown; canonical?: unknown } };
  if (typeof v !== 'object' || v === null || c.prefix !== 'candidate:') return v;
  const fix = (t: unknown) => (typeof t === 'string' && t.startsWith('candidate:') ? `a=${t}` : t);
  return { ...c, prefix: 'a=candidate:', ...(c.verbatim !== undefined ? { verbatim: { ...c.verbatim, text: fix(c.verbatim.text), canonical: fix(c.verbatim.canonical) } } : {}) };
}

/** A value of the model: strings, finite numbers, booleans, null, and arrays and objects of them (no undefined). */
function plainValue(v: unknown, depth: number): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      if (depth > 8) return false;
      if (Array.isArray(v)) return v.every((x) => plainValue(x, depth + 1));
      for (const k in v) if (k !== 'verbatim' && !plainValue((v as Record<string, unknown>)[k], depth + 1)) return false;
      return true;
    default:
      return false;
  }
}

/** Two model values alike, a candidate's `verbatim` aside (what a line re-read gives against what was written). */
function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || depth > 8) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => k !== 'verbatim');
  const kb = Object.keys(b).filter((k) => k !== 'verbatim');
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1));
}

/** The text of a line: as read while its fields are unchanged, else their canonical spelling. */
export function writeLine(node: SdpLine): string {
  const canonical = formatNode(node);
  return node.verbatim !== undefined && node.verbatim.canonical === canonical ? node.verbatim.text : canonical;
}
