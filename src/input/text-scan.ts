/** Candidates and JSON-escaped SDPs in free text: a log line that is not JSON, or JSON that did not parse. */
import { atLine, diagnostic } from '../diagnostics.js';
import { tryReadCandidate } from '../candidate/candidate.js';
import { cutCandidate, elided, emitCandidate, emitDescription } from './found.js';
import type { InputSink, SdpType, Source } from './types.js';

/** Characters that end a candidate quoted in a log line: ) , ; ] } and white space. */
const CLOSERS = new Set([...'),;]}', ' ', '\t', '\r', '\n', '\v', '\f', '\u00a0'].map((c) => c.charCodeAt(0)));

export function scanText(line: string, lineNo: number, sink: InputSink, file?: string, timestamp?: string, source?: Source, inQuotes = false, typeAbove: SdpType | null = null): void {
  // `typeAbove`: the type a line above stated, for the line's first SDP when the line states none
  // (a pretty-printed JSON object cut short: its "type" member is lines above its "sdp").

  // `source`: the text is a JSON string (a structured log's message), found where that says.
  const at: Source = source ?? { line: lineNo, format: 'text', ...(file !== undefined ? { file } : {}), ...(timestamp !== undefined ? { timestamp } : {}) };
  let from = 0;
  /** Where each SDP read from the line starts and ends: candidates are looked for around them, not only after the last (real-dump audit: a candidate frame before an offer on one line, a mysqldump row, was lost). */
  const spans: number[] = [];
  const escaped = /v=0(?:\\r)?\\n/g;
  // The line's first quote, found once (each SDP's "is it quoted" is then constant time).
  const hasSdp = line.includes('v=0');
  const dq = hasSdp ? line.indexOf('"') : -1;
  const sq = hasSdp ? line.indexOf("'") : -1;
  const firstQuote = dq < 0 ? sq : sq < 0 ? dq : Math.min(dq, sq);
  for (let m = hasSdp ? escaped.exec(line) : null; m; m = escaped.exec(line)) {
    const start = m.index;
    // The SDP is the JSON string text from here to the first unescaped quote (or the line's end);
    // in single quotes, Node's util.inspect (a `debug` log) writes a long string as pieces joined
    // by `' + '` (real-log audit: every line after v=0 was an invalid line, the candidates lost).
    // In a template literal (`` `v=0\r\n…\r\n`; ``): read to its closing backtick, not into the code after it (audit of the change: "`; }" an SDP line).
    const tick = start > 0 && line.charCodeAt(start - 1) === 96 ? closingBacktick(line, start) : -1;
    const read = start > 0 && line.charCodeAt(start - 1) === 39 ? readInspectString(line, start) : unescapeJsonString(tick >= 0 ? line.slice(0, tick) : line, start);
    if (read.text === null) {
      // An escape that is not JSON's: the next try starts past it (so that each character is read once).
      escaped.lastIndex = Math.max(escaped.lastIndex, read.end);
      continue;
    }
    // Double-quoted pieces joined on one line, by "+" (JS, Java, Go) or side by side (C; a C table's
    // braces, joined into one line by the object reader): one string (SDPs-in-code audit: v=0 alone,
    // every other line lost).
    const decoded = start > 0 && line.charCodeAt(start - 1) === 34 ? joinedPieces(line, read.text, read.end) : { text: read.text, end: read.end, capped: false };
    if (decoded.capped) sink.problem(diagnostic('sdp-cut', `the SDP joined from string literals on line ${lineNo} goes on past ${MAX_JOINED_PIECES} pieces: read up to there, the rest read as the text it is`, atLine(lineNo, null, null, file)));
    // A literal of the v= line alone is no SDP (code that tests for one: `sdp.startsWith("v=0\r\n")`;
    // audit of the change: a description of nothing and a false missing-line error).
    if (/^v=[0-9]*\r?\n$/.test(decoded.text) && start > 0 && (line.charCodeAt(start - 1) === 34 || line.charCodeAt(start - 1) === 39 || line.charCodeAt(start - 1) === 96)) {
      escaped.lastIndex = Math.max(escaped.lastIndex, decoded.end);
      continue;
    }
    // No closing quote before the line's end: the line was cut, maybe inside the SDP's last line.
    // Only an SDP in a quoted string can be cut so: a quote before it on the line (audit of the
    // late commits: `v=0\r\n…` with no quote before it lost its last candidate as "cut inside the
    // quoted string").
    const quoted = inQuotes || (firstQuote >= 0 && firstQuote < start);
    emitDescription(decoded.text, typeBefore(line, from, start) ?? typeAfter(line, decoded.end) ?? (from === 0 ? typeAbove : null), at, sink, false, quoted && decoded.end === line.length);
    spans.push(start, decoded.end);
    from = decoded.end;
    escaped.lastIndex = decoded.end;
  }
  // An SDP escaped twice (a frame logged as a JSON string, in a line that did not parse: cut): the
  // outer string decoded once, then read as a line is, its SDP and candidates placed at this line.
  // Escaped three times too (JSON in a JSON string in a C# or JavaScript string literal: an xCloud
  // client's comment, an OpenWPM record; sample hunt, NO_SDP_FOUND): decoded once here, and again below.
  const twice = from === 0 && line.includes('v=0\\\\') ? /v=0(?:(?:\\\\){1,2}r)?(?:\\\\){1,2}n/.exec(line) : null;
  if (twice !== null) {
    const outer = unescapeJsonString(line, twice.index);
    if (outer.text !== null) {
      // The outer string is a quoted one (its quote before it on the line): what is in it is quoted too.
      // The type stated before the outer string's first SDP (a mysqldump row's `{\"type\":\"offer\",\"sdp\":…`) is out of the decoded text: given to it.
      scanText(outer.text, lineNo, sink, file, timestamp, at, inQuotes || (firstQuote >= 0 && firstQuote < twice.index), typeBefore(line, 0, twice.index) ?? typeAbove);
      spans.push(twice.index, outer.end);
      from = outer.end;
    }
  }
  // Candidates written as fields, no candidate line: Jingle XML (Jitsi, XEP-0176) and aiortc's
  // Python repr (real-log audit: NO_SDP_FOUND for both).
  if (line.includes('<candidate ')) fieldCandidates(line, '<candidate ', '>', JINGLE_FIELD, at, sink);
  if (line.includes('RTCIceCandidate(')) fieldCandidates(line, 'RTCIceCandidate(', ')', REPR_FIELD, at, sink);
  // aioice's Candidate repr, `Candidate(<the candidate line without its prefix>)` (its log of a
  // peer-reflexive candidate it discovered; format research: NO_SDP_FOUND).
  if (line.includes('Candidate(')) aioiceCandidates(line, at, sink);
  // werift's Candidate printed by util.inspect (its `debug` log), one line once its object is joined (object-block.ts).
  if (line.includes(' Candidate {')) fieldCandidates(line, ' Candidate {', '}', INSPECT_FIELD, at, sink);
  // webrtc-rs's RTCIceCandidate as Rust's Debug prints it (`RTCIceCandidate { foundation: "1709623001",
  // priority: 1694498815, address: "43.155.95.230", protocol: Udp, port: 58096, typ: Srflx, … }`;
  // ICE audit, webrtc-rs#271: its srflx lost beside a false error).
  // Its first field is stats_id (Chrome's console prints `RTCIceCandidate {candidate: '…'`, its line read as such).
  if (line.includes('RTCIceCandidate { stats_id: ')) fieldCandidates(line, 'RTCIceCandidate { stats_id: ', '}', DEBUG_FIELD, at, sink);
  // A row of the Trickle ICE page's table, as pasted in threads (ICE audit: NO_SDP_FOUND).
  if (line.includes(' | ')) trickleRow(line, at, sink);
  // Its closing row, written when gathering is complete (gatheringStateChange: "Done",
  // "Authentication failed?", "Not reachable?"): the end of its candidates (sample hunt: a false
  // end-of-candidates-missing on every pasted table).
  else if (line.length < 64 && TRICKLE_DONE.test(line)) sink.endOfCandidates({ sdpMid: null, source: at });
  // Native libwebrtc's own log of a gathered candidate (Android, iOS, desktop apps).
  if (line.includes('Cand[')) libwebrtcCandidates(line, at, sink);
  // doubango's (sipML5's, webrtc2sip's) log of a gathered candidate: `*INFO: Candidate: mc6HnV1uF 1
  // udp 2130706431 46.191.76.29 64072 typ host` (candidates audit, doubango#230: NO_SDP_FOUND).
  if (line.includes('Candidate: ')) capitalCandidates(line, at, sink);
  const re = /(?:a=)?candidate:/g;
  const starts = new CandidateStarts(line);
  // Only a line that names an sdpMid or sdpMLineIndex is searched for one around each candidate,
  // between the candidates before and after it.
  const hasMidKey = line.includes('sdpM');
  let previousEnd = 0;
  /** The next SDP span (its start at spans[span]). */
  let span = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    // Inside an SDP read above: its candidates are its own lines.
    while (span < spans.length && spans[span + 1]! <= m.index) span += 2;
    if (span < spans.length && spans[span]! <= m.index) {
      re.lastIndex = spans[span + 1]!;
      previousEnd = spans[span + 1]!;
      continue;
    }
    if (m[0].length === 10 && selectorAt(line, m.index)) continue;
    // Two candidates in one line ("… typ srflx raddr … rport 5000 and candidate:4 …"): the first ends
    // where the next begins (found first, so that no character is scanned twice: linear in the line).
    const next = starts.after(m.index + m[0].length);
    let end = candidateTextEnd(line, m.index, next < 0 ? line.length : next);
    // `\/` in a quoted candidate is JSON's escape of "/" (a ufrag or password holds one): the
    // candidate goes on past it (iOS NSLog of pretty-printed JSON; real-log audit: ufrag "CFFG" of
    // "CFFG\/Fe13BM95qu8", and two sessions whose ufrags share a prefix merged).
    let slashes = false;
    while (line.charCodeAt(end) === 92 && line.charCodeAt(end + 1) === 47 && quoted(line, m.index)) {
      slashes = true;
      end = candidateTextEnd(line, end + 2, next < 0 ? line.length : next);
    }
    // "candidate: candidate:…" and "candidate:candidate:…" are one (doubled) prefix, not two candidates.
    if (/^(?:a=)?candidate:\s*$/.test(line.slice(m.index, candidateTextStop(line, m.index, end)))) continue;
    let stop = end;
    // A separator glued to the next candidate ("…5000|candidate:4", "remote=candidate:4", "[candidate:4") is neither's.
    if (end === next && end > m.index && !isBlank(line.charCodeAt(end - 1))) stop--;
    stop = candidateTextStop(line, m.index, stop);
    stop = withoutSourceLocation(line, m.index, stop);
    // …and a word between the two ("and", "vs", "->") belongs to neither: a last field with no value
    // is dropped; so is one at the line's end ("… typ host sent", "… rport 5000 OK"), the log's text
    // (audit of the change: each was an extension with a warning about Chromium).
    // Cut and marked so (" ...", "…" at its end, which ends a candidate as any non-ASCII character does): refused whole below, not shortened to a last word.
    if (ellipsisCut(line, stop)) stop++;
    if (!elided(line.slice(Math.max(m.index, stop - 4), stop))) stop = withoutDanglingWord(line, m.index, stop);
    // In free text, "candidate:" and a blank that does not read as a candidate (one with an empty
    // foundation does) is a sentence ("Resolved candidate: 10.0.0.98 56116", "Failed to add
    // candidate: timeout", util.inspect's "candidate: {"), unless a candidate's fields follow
    // ("Parsing candidate: 1 1 UDP 2122317823 10.0.0.98 56116 typ host", libdatachannel): read
    // then (real-log audit: each was an unparseable-candidate error).
    if (m[0].length === 10 && isBlank(line.charCodeAt(m.index + 10)) && !quoted(line, m.index) && line.charCodeAt(m.index - 1) !== 39 && !tryReadCandidate(line.slice(m.index, stop)).ok) {
      const fields = fieldsAfterBlank(line, m.index + 10, stop);
      if (fields !== null) {
        // Read as the candidate it stands for, readable or not (a bad port is its error, as before);
        // a word joining it to the next candidate ("… typ host and candidate: 2 …") is neither's.
        let text = `candidate:${line.slice(fields, stop)}`;
        text = text.slice(0, withoutDanglingWord(text, 0, text.length));
        emitCandidate(text, {}, at, sink, fields + 1, null, sideAt(line, m.index, previousEnd, at));
      }
      re.lastIndex = end;
      continue;
    }
    const android = androidInit(line, m.index);
    if (android !== null) stop = withoutServerUrl(line, m.index, stop);
    const text = slashes ? line.slice(m.index, stop).replaceAll('\\/', '/') : line.slice(m.index, stop);
    if (text.length === 0) continue;
    // A stats id in quotes, "candidate:" and one token (webrtc-rs's `stats_id: "candidate:FIV8…"`,
    // pion's candidate ids): no candidate line (ICE audit: an unparseable-candidate error each).
    const q = line.charCodeAt(m.index - 1);
    if ((q === 34 || q === 39) && line.charCodeAt(end) === q && !/\s/.test(text)) {
      previousEnd = end;
      re.lastIndex = end;
      continue;
    }
    const init = android ?? legacyInit(line, m.index) ?? namedInit(line, m.index) ?? (hasMidKey ? objectInit(line, m.index, end, previousEnd, next < 0 ? line.length : next) : null) ?? {};
    emitCandidate(text, init, at, sink, m.index + 1, cutInQuotes(line, m.index, end) ? cutCandidate() : null, sideAt(line, m.index, previousEnd, at));
    previousEnd = end;
    re.lastIndex = end;
  }
}

const isBlank = (c: number): boolean => c === 32 || c === 9;

/**
 * Whether the "…" at `at` marks the candidate before it cut (DevTools' elision of a long string:
 * the line's end, a blank or a closing quote or bracket after it), not a sentence's ellipsis ("…然后").
 */
export function ellipsisCut(line: string, at: number): boolean {
  if (line.charCodeAt(at) !== 0x2026) return false;
  const c = line.charCodeAt(at + 1);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 13 || c === 34 || c === 39 || c === 96 || c === 41 || c === 93 || c === 125 || c === 44;
}

/** The words before a candidate that say it is this agent's: "local candidate: …", "local ICE candidate=…", "onIceCandidate …". */
/** The "<mid>:<m-line index>:" IceCandidate.toString writes before the candidate line. */
const TOSTRING_PREFIX = /(?<=[\s:="'(\[>])[A-Za-z0-9_-]{1,32}:[0-9]{1,3}:$/;
const LOCAL_WORDS = /(?<![a-z-])(?:local[ _-]?(?:ice[ _-]?)?candidates?|on[ _-]?ice[ _-]?candidate)[\s:="'(\[>-]{0,6}$/i;
/** …and the other agent's: "remote candidate: …", "onRemoteCandidate: …", "addIceCandidate …", "addRemoteCandidate(…", react-native-webrtc's "addICECandidateresult:1, …". */
const REMOTE_WORDS = /(?<![a-z-])(?:(?:on|got|handle|set|received|new)[ _-]?)?(?:remote[ _-]?(?:ice[ _-]?)?candidates?|add(?:[ _-]?ice|remote)[ _-]?candidate(?:[ _-]?(?:result|success)[\s:=]{0,3}(?:1|true|ok)?[,;]?)?)[\s:="'(\[>-]{0,6}$/i;

/**
 * The side a candidate's log line gives it in the words just before it (`[webrtc] local
 * candidate: candidate:…`, `remote candidate=candidate:…`), where nothing else names one (a dump's
 * event, a relay's sender): a candidate without a ufrag is then that side's, and the two sides a
 * call (SDK-log audit: go2rtc's, a C++ client's and a page's logs mixed both agents' mappings in
 * one session and one NAT verdict). Looked for in the 48 characters before the candidate, after
 * the one before it: linear in the line.
 */
function sideAt(line: string, at: number, previousEnd: number, source: Source): 'local' | 'remote' | undefined {
  if (source.event !== undefined || source.peerConnection !== undefined || source.sender !== undefined) return undefined;
  return lineSide(line, at, previousEnd);
}

/**
 * Firefox's nICEr names a pair `<local label>|<remote label>`, its local candidates by
 * `host(IP4:…)`, `srflx(IP4:…|server)`, `turn-relay(…)`, a remote one by the line it was given
 * (nr_ice_peer_candidate_from_attribute keeps it as the label): `…(host(IP4:192.168.1.101:42705/UDP)|candidate:…)`
 * in CAND-PAIR and STUN-CLIENT lines (native-log audit: the peer's candidates were the log's own
 * agent's, its no-srflx advice told to the Firefox user).
 */
// A local TCP candidate's label ends in its tcptype: `host(IP4:192.168.1.154:58097/TCP) active|candidate:…`
// (Kurento/bugtracker#167's Firefox 57 log: the server's passive candidate had been this side's).
const NICER_PAIR = /\((?:host|srflx|prflx|relay|turn-relay|peer-reflexive)\([^()]{1,120}\)(?: (?:active|passive|so))?\|$/;
/** about:webrtc's "raw candidates" row: `host(IP4:192.168.1.101:42705/UDP)<TAB>candidate:…`, the local label alone before the tab. */
const NICER_RAW_ROW = /^\s{0,8}(?:host|srflx|prflx|relay|turn-relay|peer-reflexive)\([^()]{1,120}\)(?: (?:active|passive|so))?\t$/;
/**
 * …and the lines where nICEr names a remote candidate by its line: "no such component for
 * candidate candidate:…" (one it could not place), "peer (…) parsing trickle ICE candidate
 * candidate:…" (nr_ice_peer_ctx_parse_trickle_candidate), "ICE-PEER(…)/CAND(MTTH): Pairing with
 * peer candidate candidate:…" (nr_ice_component_pair_candidate), and its dump of a remote component
 * (nr_ice_component_dump_state: after "Remote component N in state S - dumping candidates", each
 * candidate as `ICE(…)/ICE-STREAM(…)/CAND(MTTH): candidate:…`). A local candidate's label is
 * `host(IP4:…)`, never a "candidate:" line (bigbluebutton#9223's log: the peer's candidate had
 * been this side's; audit of the change: so had those of the trickle and pairing lines).
 */
const NICER_REMOTE = /(?:no such component for candidate |parsing trickle ICE candidate |\)\/CAND\([^()\s]{1,16}\): (?:Pairing with peer candidate )?)$/;

/** The side the words in `line` before a candidate at `at` (after `floor`) give it (sideAt; the fast path's lazy half asks too). */
export function lineSide(line: string, at: number, floor = 0): 'local' | 'remote' | undefined {
  const from = Math.max(floor, at - 48);
  if (at - from < 9) return undefined;
  // webrtc-internals' rows as its page shows them: "addIceCandidate (host) sdpMid: 0,
  // sdpMLineIndex: 0, candidate: candidate:…" (the event's name beyond the 48 characters; audit of
  // the change: both agents' rows had been one session).
  if (line.charCodeAt(at - 1) === 32 && at - floor > 40) {
    const near = line.slice(Math.max(floor, at - 160), at);
    const fields = near.includes('sdpMLineIndex') ? INTERNALS_FIELDS.exec(near) : null;
    const row = fields !== null ? INTERNALS_EVENT.exec(near.slice(0, fields.index)) : null;
    if (row !== null) return row[1] !== undefined ? 'remote' : 'local';
  }
  if (line.charCodeAt(at - 1) === 124) return NICER_PAIR.test(line.slice(Math.max(floor, at - 160), at)) ? 'remote' : undefined;
  // A row of about:webrtc's raw candidates table as its copy gives it: the local candidate's
  // nICEr label, a tab, the remote one's line (candidates audit: a Firefox 62 copy's remote host
  // had been one session with the local SDP's candidates).
  if (line.charCodeAt(at - 1) === 9 && floor === 0 && at <= 160) return NICER_RAW_ROW.test(line.slice(0, at)) ? 'remote' : undefined;
  // Android's IceCandidate.toString and iOS's description put "<mid>:<index>:" before the line
  // (`addIceCandidate audio:0:candidate:…`): the words are before that (native-log audit: the
  // peer's candidates had been the log's own agent's).
  const tostring = TOSTRING_PREFIX.exec(line.slice(Math.max(from, at - 40), at));
  const words = line.slice(from, tostring !== null ? at - tostring[0].length : at);
  if (NICER_REMOTE.test(words)) return 'remote';
  return LOCAL_WORDS.test(words) ? 'local' : REMOTE_WORDS.test(words) ? 'remote' : undefined;
}

/** The fields webrtc-internals writes before a candidate line in its text: "sdpMid: 0, sdpMLineIndex: 0, candidate: ". */
const INTERNALS_FIELDS = /sdpMid: ?[^,]{0,40}, ?sdpMLineIndex: ?[0-9]{1,3}, ?candidate: ?$/;
/** …after its event's name: "icecandidate (host) ", "addIceCandidate(sdpMid: 0, sdpMLineIndex: 0, type: host) " (group 1: the remote side's "add"). */
const INTERNALS_EVENT = /(?:^|[\s|])(?:on)?(add)?ice ?candidate(?: ?\([^()]{0,80}\))?[\s:]{0,4}$/i;

/** `type: 'offer'`, `"type":"answer"`, `type=pranswer`, `"sdpType":"answer"`, `"messageType":"answer"` (xCloud's): a type stated in an object's or a log line's text. */
const STATED_TYPE = /\b(?:sdp|message)?type\\{0,3}["']?\s{0,4}[:=]\s{0,4}\\{0,3}["']?(offer|answer|pranswer)\b/gi;

/**
 * The type a text states, the last if it states several: webrtc-internals' "type: answer, sdp:
 * v=0", "createOfferOnSuccess type: offer, …" (the line before an SDP: line-scanner.ts), an object
 * util.inspect printed, `{ type: 'answer', sdp: 'v=0…' }`.
 */
export function statedType(text: string): SdpType | null {
  let type: SdpType | null = null;
  let at = -1;
  STATED_TYPE.lastIndex = 0;
  for (let m = STATED_TYPE.exec(text); m !== null; m = STATED_TYPE.exec(text)) {
    type = m[1]!.toLowerCase() as SdpType;
    at = m.index;
  }
  // A key that names it, `"sdpOffer":"v=0…"` (Amazon Chime's signaling; real-log audit: "type unknown"), when it comes last.
  SDP_KEY_TYPE.lastIndex = 0;
  for (let m = SDP_KEY_TYPE.exec(text); m !== null; m = SDP_KEY_TYPE.exec(text)) {
    if (m.index > at) {
      type = m[1]!.toLowerCase() as SdpType;
      at = m.index;
    }
  }
  return type;
}

/** `"sdpOffer":`, `sdp_answer=`: a key naming the description's type (bounded blanks, linear). */
const SDP_KEY_TYPE = /\bsdp[_-]?(offer|answer)\\?["']?\s{0,4}[:=]/gi;

/**
 * The type the text just before an SDP states (within 200 characters, after the SDP before it):
 * an object joined from its lines had been "type unknown" (change audit).
 */
const typeBefore = (line: string, from: number, start: number): SdpType | null => {
  // The SDP's own object and those it is nested in (`{"type":"offer","payload":{"sdp":…`), the
  // objects before it left out, whole: another frame's (real-dump audit: two frames on a line,
  // `{"sdp":…,"type":"offer"} {"sdp":…}`) and a member's (audit of the change: `"from":{…}`
  // between the type and the SDP had hidden it when the search stopped at the last "}").
  // Within the window only (a search of the whole line per SDP would be quadratic in a line of many).
  let out = '';
  let depth = 0;
  let end = start;
  const stop = Math.max(from, start - 200);
  for (let i = start - 1; i >= stop; i--) {
    const c = line.charCodeAt(i);
    if (c === 125 /* } */) {
      if (depth === 0) out = line.slice(i + 1, end) + out;
      depth++;
    } else if (c === 123 /* { */ && depth > 0 && --depth === 0) end = i;
  }
  if (depth === 0) out = line.slice(stop, end) + out;
  return statedType(out);
};

/**
 * The type stated after an SDP in its own object, `{"sdp":"v=0…","type":"offer"}`: up to that
 * object's end (a frame's members in any order; real-dump audit: a mysqldump row's frames, and two
 * frames on one log line, were "type unknown").
 */
const typeAfter = (line: string, end: number): SdpType | null => {
  let out = '';
  let depth = 0;
  let run = end;
  const stop = Math.min(line.length, end + 200);
  for (let i = end; i < stop; i++) {
    const c = line.charCodeAt(i);
    // A repr's parentheses as an object's braces: aiortc's `RTCSessionDescription(sdp='v=0…', type='offer')` (sample hunt: "type unknown").
    if (c === 123 /* { */ || c === 40 /* ( */) {
      if (depth === 0) out += line.slice(run, i);
      depth++;
    } else if (c === 125 /* } */ || c === 41 /* ) */) {
      if (depth === 0) return statedType(out + line.slice(run, i));
      if (--depth === 0) run = i + 1;
    }
  }
  // No end of its object within the window: not said to be its own.
  return null;
};

/**
 * A row of the Trickle ICE page's table (webrtc.github.io/samples, trickle-ice): time, component,
 * type, foundation, protocol, address, port, the priority as `type | local | 256 − component`,
 * then in newer versions the mid, the m-line index and the ufrag. Bounded fields, one match a line.
 */
const TRICKLE_ROW = /(?:^|[\s>|])(\d{1,3})\s+(host|srflx|prflx|relay)\s+([^\s|]{1,64})\s+(udp|tcp)\s+([^\s|]{1,256})\s+(\d{1,5})\s+(\d{1,3}) \| (\d{1,5}) \| (\d{1,3})(?:\s+([^\s|]{1,64})\s+(\d{1,5})(?:\s+([^\s|]{1,256}))?)?\s*$/i;

/**
 * The candidate a Trickle ICE row stands for, read as the line it was made from:
 * `candidate:<foundation> <component> <protocol> <priority> <address> <port> typ <type>` (a TCP
 * one at port 9 is active, RFC 6544 §4.5), its ufrag and mid where the row has them. The page
 * shows no related address: a srflx, prflx or relay gets `raddr 0.0.0.0 rport 0`, as browsers
 * write a base they hide (none is invented, and no finding says the table's missing column is
 * the candidate's).
 */
/**
 * The page's table since its component column went (2023 on): time, type, foundation, protocol,
 * address, port, the priority, then the STUN or TURN URL that gave the candidate and the relay
 * protocol, when there are (`0.139  srflx  2254117770  udp  192.168.122.1  52626  100 | 30 | 255
 * stun:domain.com:3478`). The component is the priority's last part's (256 − component).
 */
const TRICKLE_ROW_URL = /(?:^|[\s>|])\d{1,6}\.\d{3}\s+(host|srflx|prflx|relay)\s+([^\s|]{1,64})\s+(udp|tcp)\s+([^\s|]{1,256})\s+(\d{1,5})\s+(\d{1,3}) \| (\d{1,5}) \| (\d{1,3})(?:\s+(?:stuns?|turns?):[^\s|]{1,256})?(?:\s+(?:udp|tcp|tls))?\s*$/i;
/** The table's last row: its time and the page's verdict on gathering. */
const TRICKLE_DONE = /^[\s>]{0,8}\d{1,6}\.\d{3}\s+(?:Done|Authentication failed\?|Not reachable\?)\s*$/;

function trickleRow(line: string, at: Source, sink: InputSink): void {
  // A row is under 200 characters: a longer line is no row, and the match stays short (linear time).
  if (line.length > 512) return;
  const n = TRICKLE_ROW.exec(line) === null ? TRICKLE_ROW_URL.exec(line) : null;
  if (n !== null) {
    const [, type, foundation, protocol, address, port, tp, lp, cp] = n;
    const [t, l, c] = [Number(tp), Number(lp), Number(cp)];
    if (t > 126 || l > 65535 || c > 255 || c < 1 || Number(port) > 65535) return;
    const text = `candidate:${foundation} ${256 - c} ${protocol} ${t * 16777216 + l * 256 + c} ${address} ${port} typ ${type}${type!.toLowerCase() === 'host' ? '' : ' raddr 0.0.0.0 rport 0'}${protocol!.toLowerCase() === 'tcp' && port === '9' ? ' tcptype active' : ''}`;
    emitCandidate(text, {}, at, sink, n.index + 1);
    return;
  }
  const m = TRICKLE_ROW.exec(line);
  if (m === null) return;
  const [, component, type, foundation, protocol, address, port, tp, lp, cp, mid, index, ufrag] = m;
  const [t, l, c] = [Number(tp), Number(lp), Number(cp)];
  if (t > 126 || l > 65535 || c > 255 || Number(port) > 65535) return;
  const priority = t * 16777216 + l * 256 + c;
  const tcp = protocol!.toLowerCase() === 'tcp';
  const text = `candidate:${foundation} ${component} ${protocol} ${priority} ${address} ${port} typ ${type}${type!.toLowerCase() === 'host' ? '' : ' raddr 0.0.0.0 rport 0'}${tcp && port === '9' ? ' tcptype active' : ''}${ufrag !== undefined ? ` ufrag ${ufrag}` : ''}`;
  emitCandidate(text, mid !== undefined ? { sdpMid: mid, sdpMLineIndex: Number(index) } : {}, at, sink, m.index + 1);
}

/**
 * Each `Candidate(…)` of the line that is aioice's repr (candidate.py: `"Candidate(%s)" %
 * self.to_sdp()`): the candidate line without its `candidate:` prefix, read as that line. Not
 * `RTCIceCandidate(` (aiortc's, read as fields) nor any other word ending in Candidate.
 */
function aioiceCandidates(line: string, at: Source, sink: InputSink): void {
  // The next ")" is searched again only past the last one found: a line of many "Candidate(" and
  // no ")" is read once (linear time).
  let close = -1;
  for (let i = line.indexOf('Candidate('); i >= 0; i = line.indexOf('Candidate(', i + 10)) {
    const before = i > 0 ? line.charCodeAt(i - 1) : 32;
    if (isAlnum(before) || before === 95) continue;
    const open = i + 10;
    if (close < open) close = line.indexOf(')', open);
    if (close < 0) return;
    if (close - open > 600 || !startsLikeCandidateFields(line.slice(open, close))) continue;
    // A non-host without a related address (a peer-reflexive one learned from a check, whose base
    // nobody knows): `raddr 0.0.0.0 rport 0` after its type, as browsers write a base they hide and
    // as baresip's rows are read (second audit of the change: a finding blamed the log).
    const fields = line.slice(open, close);
    const typ = / typ (srflx|prflx|relay)\b/.exec(fields);
    const text = typ !== null && !/ raddr /.test(fields) ? `${fields.slice(0, typ.index + typ[0].length)} raddr 0.0.0.0 rport 0${fields.slice(typ.index + typ[0].length)}` : fields;
    emitCandidate(`candidate:${text}`, {}, at, sink, open + 1);
  }
}

/**
 * `Candidate: <a candidate line's fields>`, a word of its own (doubango's log): the candidate it
 * stands for. Read only where the fields follow (a sentence, "Candidate: none", is not).
 */
function capitalCandidates(line: string, at: Source, sink: InputSink): void {
  for (let i = line.indexOf('Candidate: '); i >= 0; i = line.indexOf('Candidate: ', i + 11)) {
    const before = i > 0 ? line.charCodeAt(i - 1) : 32;
    if (isAlnum(before) || before === 95 || before === 45) continue;
    const fields = fieldsAfterBlank(line, i + 10, line.length);
    if (fields === null) continue;
    const next = line.indexOf('Candidate: ', fields);
    const end = candidateTextEnd(line, fields, next < 0 ? line.length : next);
    let text = `candidate:${line.slice(fields, end)}`;
    text = text.slice(0, withoutDanglingWord(text, 0, text.length));
    // "Remote Candidate: 4 1 udp …" is the remote one, as "remote candidate: candidate:…" is (audit of the change).
    emitCandidate(text, {}, at, sink, fields + 1, null, sideAt(line, fields, 0, at));
  }
}

/** A Jingle candidate's attribute: name="value" or name='value' (XEP-0176 §5). */
const JINGLE_FIELD = /(?<![\w-])([A-Za-z][\w-]*)=(?:"([^"]*)"|'([^']*)')/g;
/** A Python repr's field: name='value', name=number or name=None (aiortc's RTCIceCandidate). */
const REPR_FIELD = /(?<!\w)([A-Za-z]\w*)=(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+|None))/g;
/**
 * A field util.inspect prints: name: 'value', name: number, name: undefined or null (werift's
 * Candidate: foundation, component, transport, priority, host, port, type, relatedAddress,
 * relatedPort, tcptype, generation; a real werift log, werift-webrtc#326).
 */
const INSPECT_FIELD = /(?<![\w$])([A-Za-z]\w*): (?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+|undefined|null))/g;
/** A field Rust's Debug prints: name: "value", name: number, or name: an enum variant (Udp, Srflx). */
const DEBUG_FIELD = /(?<![\w$])([a-z]\w*): (?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(-?\d+|[A-Z][A-Za-z]*))/g;
/** An element longer than this is no candidate's (real ones are under 600 characters): not read, so no search is long. */
const MAX_FIELD_ELEMENT = 4096;

/**
 * Each candidate of the line written as fields between `open` and `close` (a Jingle
 * `<candidate …/>` element, aiortc's `RTCIceCandidate(…)`), read as the candidate line it stands
 * for: `candidate:<foundation> <component> <protocol> <priority> <ip> <port> typ <type>`, then
 * raddr/rport, tcptype, generation and network-id where it has them. One without the seven
 * fields a candidate needs is not one (a `<candidate>` of another schema).
 */
function fieldCandidates(line: string, open: string, close: string, field: RegExp, at: Source, sink: InputSink): void {
  // Jingle: a candidate is its <transport ufrag="…">'s (XEP-0176; its own element has none): the
  // last ufrag attribute before it, found in one pass (server-log audit: a bridge's and a client's
  // candidates had been one "no ufrag" session).
  const jingle = field === JINGLE_FIELD;
  let u = jingle ? line.indexOf(' ufrag=') : -1;
  let ufrag: string | undefined;
  for (let i = line.indexOf(open); i >= 0; ) {
    while (u >= 0 && u < i) {
      // In double or single quotes (Jicofo's and colibri2's XML write either).
      const q = line[u + 7];
      const e = q === '"' || q === "'" ? line.indexOf(q, u + 8) : -1;
      const v = e < 0 || e - u > 264 ? '' : line.slice(u + 8, e);
      ufrag = /^[A-Za-z0-9+/=_-]{1,256}$/.test(v) ? v : undefined;
      u = line.indexOf(' ufrag=', u + 7);
    }
    const end = line.indexOf(close, i + open.length);
    const stop = end < 0 ? line.length : end;
    const f = new Map<string, string>();
    // The element's own text: a search past it would be quadratic in a line of many (and a field
    // name is matched only where a name can start: a run of letters was searched from each one;
    // audit of the late commits: 100 KB took 9 s).
    const element = stop - i > MAX_FIELD_ELEMENT ? '' : line.slice(i + open.length, stop);
    field.lastIndex = 0;
    for (let m = field.exec(element); m !== null; m = field.exec(element)) {
      const v = m[2] ?? m[3] ?? m[4];
      if (v !== undefined && v !== 'None' && v !== 'undefined' && v !== 'null' && !f.has(m[1]!)) f.set(m[1]!, v);
    }
    // Rust's enum variants (Udp, Srflx) are the wire's lower-case words; its tcp_type "unspecified" is none.
    if (field === DEBUG_FIELD) {
      for (const k of ['protocol', 'typ']) if (f.has(k)) f.set(k, f.get(k)!.toLowerCase());
      if (f.get('tcp_type') === 'unspecified') f.delete('tcp_type');
    }
    const get = (...names: string[]) => names.map((n) => f.get(n)).find((v) => v !== undefined && v !== '');
    // werift writes a remote candidate's missing foundation as '': kept empty, as the line it stands for reads.
    const foundation = field === INSPECT_FIELD && f.get('foundation') === '' ? '' : get('foundation');
    const fields = [foundation, get('component'), get('protocol', 'transport'), get('priority'), get('ip', 'address', 'host'), get('port'), get('type', 'typ')];
    if (fields.every((v) => v !== undefined && !/\s/.test(v))) {
      const [foundation, component, protocol, priority, ip, port, type] = fields as string[];
      const raddr = get('rel-addr', 'relatedAddress', 'related_address');
      const rport = get('rel-port', 'relatedPort', 'related_port');
      const tcp = get('tcptype', 'tcpType', 'tcp_type');
      const gen = get('generation');
      const net = get('network');
      const text = `candidate:${foundation} ${component} ${protocol} ${priority} ${ip} ${port} typ ${type}${raddr !== undefined && rport !== undefined ? ` raddr ${raddr} rport ${rport}` : ''}${tcp !== undefined ? ` tcptype ${tcp}` : ''}${gen !== undefined ? ` generation ${gen}` : ''}${jingle && ufrag !== undefined ? ` ufrag ${ufrag}` : ''}${net !== undefined ? ` network-id ${net}` : ''}`;
      const mid = get('sdpMid');
      const index = get('sdpMLineIndex');
      emitCandidate(text, { ...(mid !== undefined ? { sdpMid: mid } : {}), ...(index !== undefined && /^\d+$/.test(index) ? { sdpMLineIndex: Number(index) } : {}) }, at, sink, i + 1);
    }
    i = end < 0 ? -1 : line.indexOf(open, end);
  }
}

/**
 * A candidate's fields, as far as "typ": foundation (1*32 ice-char, RFC 8839 §5.1), component
 * (1*3DIGIT), transport, priority (1*10DIGIT), address, port (1*5DIGIT): what tells "Parsing
 * candidate: 1 1 UDP 2122317823 10.0.0.98 56116 typ host" from "Failed to add candidate: error
 * 701 STUN binding request timed out" (audit of the late commits: that was called a bad candidate).
 */
const CANDIDATE_START = /^[A-Za-z0-9+/]{1,32}[ \t]+[0-9]{1,3}[ \t]+[A-Za-z][\w-]*[ \t]+[0-9]{1,10}[ \t]+\S{1,255}[ \t]+[0-9]{1,5}[ \t]+typ\b/i;

/** Whether a text is a candidate's fields without the prefix, as far as "typ" (Janus's admin API lists them so). */
export const startsLikeCandidateFields = (s: string): boolean => CANDIDATE_START.test(s.slice(0, 360));

/** Where a candidate's fields start after the blanks at `at` (up to `stop`), when they start as one's; else null (a sentence). */
function fieldsAfterBlank(line: string, at: number, stop: number): number | null {
  let k = at;
  while (k < stop && isBlank(line.charCodeAt(k))) k++;
  return CANDIDATE_START.test(line.slice(k, k + 360)) ? k : null;
}

/** `sdpMid:sdpMLineIndex:` right before a candidate, as Android's IceCandidate.toString() writes it. */
const ANDROID_PREFIX = /(?:^|[\s"'=(\[])([A-Za-z0-9_.\-]{1,64}):(\d{1,5}):$/;

/**
 * The sdpMid and sdpMLineIndex of a candidate written by Android's `org.webrtc.IceCandidate.toString()`
 * (`audio:0:candidate:… network-id 2:stun:host:3478`: mid, index, the candidate, then its server's
 * URL, empty for a host candidate), or null when the candidate at `from` is not written so. The
 * real-log audit: `network-id 2:` and `network-cost 10:stun:…` were read as the values.
 */
export function androidInit(line: string, from: number): { sdpMid: string; sdpMLineIndex: number } | null {
  if (from < 3 || line.charCodeAt(from - 1) !== 58) return null;
  const m = ANDROID_PREFIX.exec(line.slice(Math.max(0, from - 72), from));
  return m === null ? null : { sdpMid: m[1]!, sdpMLineIndex: Number(m[2]) };
}

/** webrtc-internals' text form before Chrome M118, right before a candidate: `sdpMid: 0, sdpMLineIndex: 0, candidate: `. */
const LEGACY_PREFIX = /sdpMid: ([^\s,]{0,64}), sdpMLineIndex: (\d{1,9}|null), candidate: $/;

/**
 * The sdpMid and sdpMLineIndex webrtc-internals' text form gives a candidate (its event list as
 * copied from the page, or a dump's `value` lines pasted in a thread), or null. They had been
 * read in a whole dump only: a pasted excerpt's candidates lost their m-line, and those of three
 * m-lines fell into one pool (real-dump audit, a KVS thread).
 */
function legacyInit(line: string, from: number): { sdpMid: string; sdpMLineIndex: number | null } | null {
  if (from < 40 || line.charCodeAt(from - 1) !== 32) return null;
  const m = LEGACY_PREFIX.exec(line.slice(Math.max(0, from - 120), from));
  return m === null ? null : { sdpMid: m[1]!, sdpMLineIndex: m[2] === 'null' ? null : Number(m[2]) };
}

/**
 * An m-line named right before a candidate in other logs' words: Janus's `Trickle candidate
 * (sdparta_0): candidate:…`, and the old iOS RTCICECandidate description `Mid[audio] Index[0]
 * Sdp[candidate:…]` (candidates audit: both lost their mid).
 */
const NAMED_PREFIX = /(?:Trickle candidate \(([^()\s]{1,64})\): |Mid\[([^\]\s]{0,64})\] Index\[(\d{1,9})\] Sdp\[)$/;

export function namedInit(line: string, from: number): { sdpMid: string; sdpMLineIndex?: number } | null {
  // "): " or "Sdp[" right before: the only lines the pattern is tried on.
  const before = line.charCodeAt(from - 1);
  if (from < 10 || !(before === 32 ? line.charCodeAt(from - 2) === 58 && line.charCodeAt(from - 3) === 41 : before === 91 && line.charCodeAt(from - 2) === 112)) return null;
  const m = NAMED_PREFIX.exec(line.slice(Math.max(0, from - 100), from));
  if (m === null) return null;
  return m[1] !== undefined ? { sdpMid: m[1] } : { sdpMid: m[2]!, sdpMLineIndex: Number(m[3]) };
}

/**
 * An sdpMid key and its value in JavaScript-object or JSON text: `sdpMid: 1`, `"sdpMid":"1"`,
 * `sdpMid: 'data'`, and JSON escaped in a string (`\"sdpMid\":\"2\"`). An unquoted value ends at
 * a blank, a comma, a quote, a brace, a bracket or a parenthesis (`sdpMid: 1)` is mid 1).
 */
const OBJECT_MID = /(?<![\w$\\])\\{0,3}["']?sdpMid\\{0,3}["']?[ \t]{0,4}[:=][ \t]{0,4}(?:\\{0,3}"([^"\\\s,{}]{0,64})\\{0,3}"|'([^'\s,{}]{0,64})'|([^\s,"'{}()[\]\\]{1,64}))/;
// Escaped once to three times (a frame's JSON inside a JSON string, printed in quotes: react-native-webrtc#1604's console line; candidate-log audit, its mid lost).
const OBJECT_INDEX = /(?<![\w$\\])\\{0,3}["']?sdpMLineIndex\\{0,3}["']?[ \t]{0,4}[:=][ \t]{0,4}\\{0,3}["']?(\d{1,9})(?![\w.])/;
/** How far from a candidate its object's braces are looked for: an RTCIceCandidateInit's other keys are short. */
const OBJECT_REACH = 256;

/**
 * The sdpMid and sdpMLineIndex of the object a candidate is written in, when that object is not
 * JSON (a JavaScript object printed by a Java or React Native log: `{sdpMid: 1, sdpMLineIndex: 1,
 * candidate: "candidate:…"}`, `{candidate: candidate:… network-cost 10, sdpMLineIndex: 1, sdpMid:
 * 1, }`) or is JSON cut by the log: the keys between the nearest `{` before the candidate and `}`
 * after it, each within OBJECT_REACH (candidates audit: OpenVidu and React Native logs lost the
 * mid, and two unbundled m-lines looked like one transport). A `null` mid is none.
 */
function objectInit(line: string, from: number, end: number, previousEnd: number, nextStart: number): { sdpMid?: string; sdpMLineIndex?: number } | null {
  let open = -1;
  // Not past the candidate before it, nor the one after it: a list of them is not one object (audit of the change).
  for (let i = from - 1; i >= previousEnd && i >= from - OBJECT_REACH; i--) {
    const c = line.charCodeAt(i);
    if (c === 123) {
      open = i;
      break;
    }
    if (c === 125) return null;
  }
  if (open < 0) return null;
  let close = Math.min(nextStart, end + OBJECT_REACH);
  for (let i = end; i < close; i++) {
    const c = line.charCodeAt(i);
    if (c === 125 || c === 123) {
      close = i;
      break;
    }
  }
  const around = `${line.slice(open + 1, from)} ${line.slice(end, close)}`;
  const mid = OBJECT_MID.exec(around);
  const index = OBJECT_INDEX.exec(around);
  const value = mid === null ? undefined : (mid[1] ?? mid[2] ?? mid[3])!;
  const init: { sdpMid?: string; sdpMLineIndex?: number } = {};
  if (value !== undefined && value !== 'null' && value !== 'undefined') init.sdpMid = value;
  if (index !== null) init.sdpMLineIndex = Number(index[1]);
  return init.sdpMid === undefined && init.sdpMLineIndex === undefined ? null : init;
}

/**
 * Native libwebrtc's log of a candidate, `Cand[transport:foundation:component:protocol:priority:
 * address:port:type:related-address:related-port:ufrag:password:network-id:network-cost:generation]`
 * (`Candidate::ToString`, written by basicportallocator.cc's "Gathered candidate", turnport.cc and
 * others): an IPv6 address in brackets, a related address `:0` for none, the type in libwebrtc's
 * older words (`local` host, `stun` srflx) or the current ones. The password is never read.
 */
export const LIBWEBRTC_CAND_HEAD = String.raw`Cand\[([^:\]\s]{0,64}):([^:\]\s]{1,64}):(\d{1,3}):([a-z]{2,8}):(\d{1,10}):(\[[0-9A-Fa-fx:.]{1,64}\]|[^:\]\s]{1,256}):(\d{1,5}):(local|stun|prflx|relay|host|srflx):(\[[0-9A-Fa-fx:.]{0,64}\]|[^:\]\s]{0,256}):(\d{1,5}):([^:\]\s]{0,256}):`;
/** LIBWEBRTC_CAND_HEAD (its fields as far as the ufrag, each bounded, none holding ":" or "]"), then the password, not read, and the three numbers. */
const LIBWEBRTC_CAND = /* @__PURE__ */ new RegExp(String.raw`${LIBWEBRTC_CAND_HEAD}[^:\]\s]{0,256}((?::\d{1,10}){0,3})\]`, 'y');
/** The Port[...] a libwebrtc line names before its candidate: its content (transport) name, the mid of its m-line or BUNDLE tag. */
const LIBWEBRTC_PORT = /Port\[(?:[0-9A-Fa-fx]{1,18}:)?([^:\]\s]{1,64}):\d{1,3}:\d{1,5}:[a-z]{4,6}:Net\[/;
const LIBWEBRTC_TYPES: Record<string, string> = { local: 'host', stun: 'srflx', prflx: 'prflx', relay: 'relay', host: 'host', srflx: 'srflx' };
export const unbracket = (a: string): string => (a.startsWith('[') ? a.slice(1, -1) : a);

/**
 * Each `Cand[…]` of a native libwebrtc log line, read as the candidate line Chromium would write for
 * it (SerializeCandidate: raddr/rport for a type other than host, a TCP one's tcptype, generation
 * and ufrag, network-id and network-cost when not 0); its mid the Cand's transport name, or the Port's on
 * the line (candidates audit: NO_SDP_FOUND for Android, UWP and Godot logs).
 */
function libwebrtcCandidates(line: string, at: Source, sink: InputSink): void {
  for (let i = line.indexOf('Cand['); i >= 0; i = line.indexOf('Cand[', i + 5)) {
    LIBWEBRTC_CAND.lastIndex = i;
    const m = LIBWEBRTC_CAND.exec(line);
    if (m === null) continue;
    const [, transport, foundation, component, protocol, priority, address, port, kind, raddr, rport, ufrag, tail] = m as unknown as string[];
    const type = LIBWEBRTC_TYPES[kind!]!;
    const numbers = tail!.split(':').slice(1);
    const [networkId, networkCost, generation] = numbers.length === 3 ? numbers : [undefined, undefined, undefined];
    let text = `candidate:${foundation} ${component} ${protocol} ${priority} ${unbracket(address!)} ${port} typ ${type}`;
    if (type !== 'host') text += ` raddr ${raddr === '' ? '0.0.0.0' : unbracket(raddr!)} rport ${rport}`;
    // Cand[…] does not write the tcptype: libwebrtc's TCPPort makes an active candidate at port 9
    // (or 0) and a passive one at its listening port (audit of the change: "tcptype missing" was
    // said of a line sdpscope had made).
    if (protocol === 'tcp') text += port === '9' || port === '0' ? ' tcptype active' : ' tcptype passive';
    if (generation !== undefined) text += ` generation ${generation}`;
    if (ufrag !== '') text += ` ufrag ${ufrag}`;
    if (networkId !== undefined && networkId !== '0') text += ` network-id ${networkId}`;
    if (networkCost !== undefined && networkCost !== '0') text += ` network-cost ${networkCost}`;
    const mid = transport !== '' ? transport : LIBWEBRTC_PORT.exec(line.slice(Math.max(0, i - 300), i))?.[1];
    emitCandidate(text, mid !== undefined ? { sdpMid: mid } : {}, at, sink, i + 1);
    i = LIBWEBRTC_CAND.lastIndex - 5;
  }
}

/** An adapter type at the end of Android's toString (`…:WIFI`, `…::UNKNOWN`, `…:CELLULAR_4G`), after the server URL. */
const ADAPTER_TYPE = /:[A-Z][A-Z0-9_]*$/;

/**
 * The end of an Android candidate [from, stop) without what its toString adds after it: the server
 * URL (`:`, `:stun:…`, `:turn:…`) and, in current WebRTC, the adapter type (`::WIFI`; audit of the
 * change: network-cost "10::WIFI" was called not a number).
 */
function withoutServerUrl(line: string, from: number, stop: number): number {
  const adapter = ADAPTER_TYPE.exec(line.slice(Math.max(from, stop - 40), stop));
  if (adapter !== null) stop -= adapter[0].length;
  if (stop > from && line.charCodeAt(stop - 1) === 58) return stop - 1;
  const text = line.slice(from, stop);
  let best = -1;
  for (const scheme of [':stun:', ':stuns:', ':turn:', ':turns:']) best = Math.max(best, text.lastIndexOf(scheme));
  // The URL is the text's last field: no blank after it.
  if (best < 0 || /[ \t]/.test(text.slice(best))) return stop;
  return from + best;
}
const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);

/**
 * Where candidates start in a line: "candidate:" or "a=candidate:" after the line's start or a
 * character that is not a letter or digit ("… and candidate:4", "remote=candidate:4", "[candidate:4";
 * not "onicecandidate:"). No field of a candidate holds one. Asked with growing positions, it
 * searches each part of the line once (a search per candidate from its own start to the line's end
 * was quadratic on a line of quoted candidates).
 */
class CandidateStarts {
  /** The first start at or after `searchedFrom`, or -1 for none up to the line's end. */
  private found = -1;
  private searchedFrom = Number.POSITIVE_INFINITY;

  constructor(private readonly line: string) {}

  after(from: number): number {
    if (from >= this.searchedFrom && (this.found < 0 || this.found >= from)) return this.found;
    const line = this.line;
    this.searchedFrom = from;
    this.found = -1;
    for (let k = line.indexOf('candidate:', from); k >= 0; k = line.indexOf('candidate:', k + 10)) {
      const at = k >= 2 && line.charCodeAt(k - 2) === 97 && line.charCodeAt(k - 1) === 61 ? k - 2 : k;
      if (at === 0 || !isAlnum(line.charCodeAt(at - 1))) {
        this.found = at;
        break;
      }
    }
    return this.found;
  }
}

/**
 * A browser console's source location at the end of a copied line: "sip.js:19049:9",
 * "app.bundle.js?v=3:12:5", "VM123:45", "(index):80". No candidate field holds ":" followed by
 * a line number (RFC 8839 §5.1: a token has no ":").
 */
const SOURCE_LOCATION = /^(?:[\w.@/~-]*\.(?:[cm]?[jt]sx?|html?|vue|svelte)(?:\?[^\s:]*)?|VM\d+|\(index\)):\d+(?::\d+)?$/;

/**
 * The candidate text [from, stop) without a console's source location as its last word (candidate
 * audit: SIP.js's Firefox log, "… typ host sip.js:19049:9", read as an extension), else `stop`.
 */
function withoutSourceLocation(line: string, from: number, stop: number): number {
  let blank = stop - 1;
  while (blank > from && stop - blank < 200 && !isBlank(line.charCodeAt(blank))) blank--;
  if (blank <= from || !isBlank(line.charCodeAt(blank)) || !SOURCE_LOCATION.test(line.slice(blank + 1, stop))) return stop;
  while (blank > from && isBlank(line.charCodeAt(blank - 1))) blank--;
  return blank;
}

/**
 * The candidate text [from, stop) without a last word that has no value, when that is what keeps it
 * from reading (a word joining it to the next candidate): the candidate, not the joined words, is
 * what the line says. Otherwise `stop` as it was (its error is the candidate's).
 */
function withoutDanglingWord(line: string, from: number, stop: number): number {
  // Eight fields, then extensions in pairs: a dangling word makes the count odd. Counted first, a
  // pass over the characters: most candidates need no second parse (it runs for every one now).
  let tokens = 0;
  for (let i = from, inToken = false; i < stop; i++) {
    const blank = isBlank(line.charCodeAt(i));
    if (!blank && !inToken) tokens++;
    inToken = !blank;
  }
  if (tokens % 2 === 0) return stop;
  const text = line.slice(from, stop);
  const r = tryReadCandidate(text);
  // A last name with no value reads (Chromium takes such a line, ignoring it), but between two
  // candidates on a log line it is a word joining them.
  const last = r.ok ? r.candidate.extensions.at(-1) : undefined;
  // …but "raddr" or "rport" last is the candidate's own, cut there (aiortc#219: read as Chromium takes it, and said).
  const dangling = r.ok && last !== undefined && last.value === '' && !isBlank(text.charCodeAt(text.length - 1)) && last.name !== 'raddr' && last.name !== 'rport';
  if (!dangling) return stop;
  let blank = stop - 1;
  while (blank > from && !isBlank(line.charCodeAt(blank))) blank--;
  if (blank <= from) return stop;
  const shorter = candidateTextStop(line, from, blank);
  return tryReadCandidate(line.slice(from, shorter)).ok ? shorter : stop;
}

/**
 * What ends a candidate in a log line written in Chinese or Japanese (the notes' language), or in
 * typeset prose: the ideographic space, the full-width punctuation around it
 * (、。，：；！？（）［］｛｝「」『』【】《》), curly quotes (‘’“”) and the ellipsis (…).
 * No candidate holds one: the grammar is ASCII (RFC 8839 §5.1).
 */
const CJK_STOPS = new Set([
  0x3000, 0x3001, 0x3002, 0xff0c, 0xff1a, 0xff1b, 0xff01, 0xff1f, 0xff08, 0xff09, 0xff3b, 0xff3d, 0xff5b, 0xff5d,
  0x300c, 0x300d, 0x300e, 0x300f, 0x3010, 0x3011, 0x300a, 0x300b, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026,
]);

/**
 * Where a candidate that starts at `from` in a log line ends: at a quote, a backquote, a backslash,
 * "<" or ">", " (", " |", ", " or "; ", an ideographic space or full-width punctuation, or the
 * line's end (or `limit`).
 */
export function candidateTextEnd(line: string, from: number, limit = line.length): number {
  let end = from;
  for (; end < limit; end++) {
    const c = line.charCodeAt(end);
    // A backquote too: Markdown's inline code, how candidates are shared in issues and chats (candidates audit: "host`").
    // …but an address redacted as "<external-ip>" (a blank before it, a blank after it) is the candidate's (real-log audit: go2rtc's shared logs, "connection address is missing").
    if (c === 60 && end > from && line.charCodeAt(end - 1) === 32) {
      const close = redactionEnd(line, end, limit);
      if (close > 0) {
        end = close;
        continue;
      }
    }
    if (c === 34 || c === 39 || c === 92 || c === 60 || c === 62 || c === 96) break; /* " ' \ < > ` */
    // " |": a Markdown table's next cell (no candidate field is "|": RFC 8839 §5.1).
    if (c === 124 && end > from && line.charCodeAt(end - 1) === 32) break;
    // " (": a word that no candidate field starts with (a token has no parenthesis, RFC 8839 §5.1):
    // the log's own words after the candidate ("typ host (laptop)").
    if (c === 40 && end > from && line.charCodeAt(end - 1) === 32) break;
    // ", " and "; ": the log's list goes on ("typ host, sdpMid 0"); no field ends in a comma before a blank.
    if ((c === 44 || c === 59) && end + 1 < line.length && (line.charCodeAt(end + 1) === 32 || line.charCodeAt(end + 1) === 9)) break;
    if (c >= 0x2018 && CJK_STOPS.has(c)) break;
    // ")): " or "): ": the label the candidate was inside ends, the log's words follow (nICEr's
    // `STUN-CLIENT(…|candidate:… ufrag 8186)): Received response`; native-log audit: ufrag "8186)):").
    if (c === 41) {
      let k = end + 1;
      while (k < limit && line.charCodeAt(k) === 41) k++;
      if (line.charCodeAt(k) === 58 && (k + 1 >= line.length || isBlank(line.charCodeAt(k + 1)))) break;
    }
  }
  return end;
}

/** The position of the ">" of a placeholder `<word>` or `<two words>` at `at` followed by a blank (bounded: 48 characters), or -1. */
function redactionEnd(line: string, at: number, limit: number): number {
  const stop = Math.min(limit, at + 48);
  for (let i = at + 1; i < stop; i++) {
    const c = line.charCodeAt(i);
    if (c === 62) return i > at + 1 && i + 1 < limit && (line.charCodeAt(i + 1) === 32 || line.charCodeAt(i + 1) === 9) ? i : -1;
    // Letters, digits, "-", "_", "." only, and blanks between words ("<IP address>": the session audit's "connection address is missing").
    if (c === 32 && i > at + 1 && line.charCodeAt(i - 1) !== 32) continue;
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46)) return -1;
  }
  return -1;
}

/**
 * "candidate:" in a method name (Swift's `sendCandidate(candidate:target:)`, `(candidate:)`): its
 * next word holds a ":" or a parenthesis, which no foundation has (RFC 8445 §5.1.1.3: ice-chars):
 * no candidate (real-log audit: a LiveKit Swift log's false unparseable-candidate on every send).
 */
export function selectorAt(line: string, k: number): boolean {
  const stop = Math.min(line.length, k + 10 + 64);
  for (let i = k + 10; i < stop; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) return false;
    if (c === 58 || c === 40 || c === 41) return true;
  }
  return false;
}

/**
 * True when the candidate at `from` opens a quoted string ("candidate:… or 'candidate:…) that the line ends
 * before closing: a log line or JSON frame cut short, whose last field ("typ ho", "ufrag ab")
 * would be read as if whole.
 */
export function cutInQuotes(line: string, from: number, end: number): boolean {
  // Ended by the line, or by an escape the line cuts (`…typ host\`, `…\u00`): what followed is lost.
  if (end !== line.length && !danglingEscape(line, end)) return false;
  const q = from > 0 ? line.charCodeAt(from - 1) : 0;
  if (q === 34 || q === 39) return true; /* " or ' (util.inspect, Python's repr) */
  // After an escaped line break (`\r\n`, `\\r\\n` when escaped twice): a line of an SDP or a
  // fragment inside a quoted string, which the line ends before closing; with no quote before it
  // in the line, a log that writes a line break as `\n` text before each SDP line (OpenWebRTC's
  // iOS log; real-log audit: twelve whole candidates were said to be cut).
  const i = from - 1;
  if (i >= 1 && line.charCodeAt(i) === 110 /* n */ && line.charCodeAt(i - 1) === 92) return quoteBefore(line, i - 1);
  return insideJsonString(line, from);
}

/** Whether the candidate at `from` opens a JSON string: right after a double quote (a whole JSON line is JSON.parse's). */
function quoted(line: string, from: number): boolean {
  return from > 0 && line.charCodeAt(from - 1) === 34;
}

/** Whether a double or single quote comes before `at` in the line. */
function quoteBefore(line: string, at: number): boolean {
  const d = line.indexOf('"');
  const q = line.indexOf("'");
  return (d >= 0 && d < at) || (q >= 0 && q < at);
}

/**
 * True when `at` is inside a JSON string of the line: after its first `{` or `[`, an odd number of
 * quotes not escaped come before it (`{"msg":"got candidate:…`, a frame cut short). Once a line, for
 * the candidate its end cuts: linear.
 */
function insideJsonString(line: string, at: number): boolean {
  let open = -1;
  for (let k = 0; k < at; k++) {
    const c = line.charCodeAt(k);
    if (c === 123 || c === 91) {
      open = k;
      break;
    }
  }
  if (open < 0) return false;
  let inside = false;
  for (let k = open + 1; k < at; k++) {
    const c = line.charCodeAt(k);
    if (c === 92 /* \ */ && inside) k++;
    else if (c === 34) inside = !inside;
  }
  return inside;
}

/**
 * True when the line ends in escapes from `at` on, the last one cut or the string left open: a run
 * of backslashes, then nothing or `u` and fewer than four hex digits (`…\\`, `…\\u00`, and
 * escaped twice, `…\\\\`, `…\\\\u00`). Linear in the run.
 */
export function danglingEscape(line: string, at: number): boolean {
  let i = at;
  while (line.charCodeAt(i) === 92) i++;
  return i > at && (i === line.length || cutUnicode(line, i));
}

/** True when the one escape at `at` is cut by the line's end (`\\` alone, `\\u` and fewer than four hex digits). */
function cutEscape(line: string, at: number): boolean {
  return line.charCodeAt(at) === 92 && (at + 1 === line.length || cutUnicode(line, at + 1));
}

/** True when the line ends at `at` in `u` and fewer than four hex digits: a \\u escape the line's end cuts. */
function cutUnicode(line: string, at: number): boolean {
  if (line.charCodeAt(at) !== 117 /* u */ || line.length - at > 4) return false;
  for (let k = at + 1; k < line.length; k++) if (!/[0-9a-fA-F]/.test(line[k]!)) return false;
  return true;
}

/**
 * The candidate's end without what closes it in a log (")", ",", ";", "]", "}", blanks). A loop
 * from the end, not a trailing regex: that one is quadratic over a run of blanks (the growth test).
 */
export function candidateTextStop(line: string, from: number, end: number): number {
  let stop = end;
  while (stop > from && CLOSERS.has(line.charCodeAt(stop - 1))) stop--;
  return stop;
}

// With MySQL's \' too (a mysqldump's rows of JSON: one such escape in a later row lost every SDP of
// the line, audit of the change); JSON has no such escape, and it can only mean the quote.
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', "'": "'", b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The JSON string content that starts at `start` and ends at the first unescaped quote (or the end
 * of the line), decoded (RFC 8259 §7); `text` is null when an escape is not one of JSON's, and
 * `end` is then where the bad escape is; an escape the line's end cuts ends the string there (`end`
 * is the line's length). One pass.
 */
/** JavaScript's escapes in a single-quoted string as util.inspect writes them (`\'` too; `\xNN` and `\uNNNN` apart). */
const JS_ESCAPES: Readonly<Record<string, string>> = { "'": "'", '"': '"', '\\': '\\', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * A string util.inspect wrote in single quotes from `start` (after its opening quote), its pieces
 * joined (`'v=0\r\n' + 'o=…\r\n' + …`) and decoded; `end` is past the last piece's closing quote
 * (or the line's end, for a line cut inside it); `text` is null at an escape JavaScript does not
 * have. One pass.
 */
/** Pieces joined into one string, at most (past them, said: sdp-cut). */
const MAX_JOINED_PIECES = 4096;

/** Where the template literal from `start` closes: its next backtick not escaped, or -1. */
function closingBacktick(line: string, start: number): number {
  for (let i = start; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 96) return i;
  }
  return -1;
}

/** A double-quoted string read (its text, its closing quote at `end`), with the pieces that follow it joined: `" + "`, `" "`, `"+"`. */
function joinedPieces(line: string, first: string, firstEnd: number): { text: string; end: number; capped: boolean } {
  let text = first;
  let end = firstEnd;
  let n = 0;
  for (; n < MAX_JOINED_PIECES && line.charCodeAt(end) === 34; n++) {
    let k = end + 1;
    while (line.charCodeAt(k) === 32 || line.charCodeAt(k) === 9) k++;
    if (line.charCodeAt(k) === 43) k++;
    while (line.charCodeAt(k) === 32 || line.charCodeAt(k) === 9) k++;
    // A piece commented out (`//"a=…"`, its line joined into this one): passed over.
    const commented = line.charCodeAt(k) === 47 && line.charCodeAt(k + 1) === 47;
    if (commented) {
      k += 2;
      while (line.charCodeAt(k) === 32 || line.charCodeAt(k) === 9) k++;
    }
    if (line.charCodeAt(k) !== 34) break;
    const next = unescapeJsonString(line, k + 1);
    if (next.text === null) break;
    if (!commented) text += next.text;
    end = next.end;
  }
  return { text, end, capped: n === MAX_JOINED_PIECES };
}

function readInspectString(line: string, start: number): { text: string | null; end: number } {
  let out = '';
  let run = start;
  let i = start;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 39 /* ' */) {
      out += line.slice(run, i);
      // The next piece: ` + '` (blanks around the plus).
      let k = i + 1;
      while (line.charCodeAt(k) === 32) k++;
      if (line.charCodeAt(k) !== 43 /* + */) return { text: out, end: i };
      k++;
      while (line.charCodeAt(k) === 32) k++;
      if (line.charCodeAt(k) !== 39) return { text: out, end: i };
      i = k;
      run = k + 1;
      continue;
    }
    if (c !== 92 /* \ */) continue;
    out += line.slice(run, i);
    const e = line[i + 1];
    if (e === undefined) return { text: out, end: line.length };
    const hex = e === 'x' ? line.slice(i + 2, i + 4) : e === 'u' ? line.slice(i + 2, i + 6) : null;
    if (hex !== null) {
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== (e === 'x' ? 2 : 4)) return { text: null, end: i + 1 };
      out += String.fromCharCode(parseInt(hex, 16));
      i += 1 + hex.length;
    } else if (JS_ESCAPES[e] !== undefined) {
      out += JS_ESCAPES[e];
      i += 1;
    } else return { text: null, end: i + 1 };
    run = i + 1;
  }
  return { text: out + line.slice(run, i), end: i };
}

export function unescapeJsonString(line: string, start: number): { text: string | null; end: number } {
  let out = '';
  let run = start;
  let i = start;
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34 /* " */) break;
    if (c !== 92 /* \ */) continue;
    out += line.slice(run, i);
    const e = line[i + 1];
    // The line cut inside this escape: the string so far, ended by the line (a cut the caller sees).
    if (cutEscape(line, i)) return { text: out, end: line.length };
    if (e === 'u') {
      const hex = line.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) return { text: null, end: i + 1 };
      out += String.fromCharCode(parseInt(hex, 16));
      i += 5;
    } else if (e !== undefined && ESCAPES[e] !== undefined) {
      out += ESCAPES[e];
      i += 1;
    } else return { text: null, end: i + 1 };
    run = i + 1;
  }
  return { text: out + line.slice(run, i), end: i };
}
