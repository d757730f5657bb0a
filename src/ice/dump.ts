/**
 * Stats dumps, read into one model: chrome://webrtc-internals "Create Dump" files, rtcstats
 * dumps (the rtcstats project's `RTCStatsDump` file format 3, and the older server-stored form of
 * jitsi/fippo rtcstats-server), and Firefox's about:webrtc "Copy Report" JSON. Per peer
 * connection: its URL and configuration, its events in order with their times, and the history
 * of its ICE stats objects (candidate pairs, candidates, transports). Pure.
 *
 * Only the stats that ICE needs are kept (memory stays bounded on dumps of tens of MB): in
 * webrtc-internals dumps a series' values are decoded when first asked for; in rtcstats dumps
 * a value is kept only when it changes.
 */
import { listSome } from '../arrays.js';
import { describe, requireOptions, SdpscopeError } from '../errors.js';
import { isJson, JsonParser, MAX_JSON_DEPTH, NOT_JSON, tooDeepToParse } from '../input/json-check.js';
import { objectLiteralJson } from '../input/js-literal.js';

/** `getstats`: getStats() results saved as JSON (peerConnectionFromStats reads live ones). */
export type DumpFormat = 'webrtc-internals' | 'rtcstats' | 'firefox-about-webrtc' | 'getstats';

/** One event of a peer connection, as the dump recorded it. */
export interface DumpEvent {
  /** Epoch milliseconds; null when the dump gave no usable time. */
  readonly time: number | null;
  /**
   * The event or method, with a leading "on" of an event handler removed so that the formats
   * agree: `iceconnectionstatechange`, `icecandidate`, `icecandidateerror`,
   * `setRemoteDescriptionOnFailure`, `addIceCandidate`, `restartIce`...
   */
  readonly type: string;
  /** The value, decoded when it was JSON text (Chrome writes `"\"connected\""`). */
  readonly value: unknown;
}

/** A value of a stats property at a time (epoch ms). */
export interface StatsPoint {
  readonly time: number;
  readonly value: unknown;
}

/** One stats object (RTCStats, W3C webrtc-stats) over the dump's time. */
export interface StatsHistory {
  readonly id: string;
  /** RTCStatsType: `candidate-pair`, `local-candidate`, `remote-candidate`, `transport`... */
  readonly type: string;
  /** Every property's last value. */
  readonly last: Readonly<Record<string, unknown>>;
  /** A property's values over time (each change, or each sample). */
  series(property: string): readonly StatsPoint[];
  /** The time of the last sample of this object (epoch ms), or null. */
  readonly lastTime: number | null;
}

export interface PeerConnectionDump {
  /** The dump's own id: webrtc-internals `"<pid>-<lid>"`, rtcstats `PC_0`, Firefox's pcid. */
  readonly id: string;
  readonly url: string | null;
  /** RTCConfiguration as the dump has it (credentials as given: redact before showing). */
  readonly configuration: Readonly<Record<string, unknown>> | null;
  readonly events: readonly DumpEvent[];
  /** The ICE stats objects by id. */
  readonly stats: ReadonlyMap<string, StatsHistory>;
  /** ICE restarts the browser counted (Firefox reports), or null. */
  readonly iceRestarts: number | null;
  /**
   * Local and remote SDPs the dump kept outside its events (Firefox `sdpHistory`). `errors`: why
   * the browser refused it (Firefox's `sdpHistory[].errors`, `{lineNumber, error}` each, as
   * text); a refused description was not set.
   */
  readonly descriptions: readonly { readonly time: number | null; readonly local: boolean; readonly sdp: string; readonly errors?: readonly string[] }[];
  /**
   * True when its candidates are known from its candidate pairs alone (about:webrtc's page text):
   * a local srflx, paired through its base, never shows, so its absence says nothing.
   */
  readonly candidatesFromPairs?: boolean;
}

export interface StatsDump {
  readonly format: DumpFormat;
  readonly userAgent: string | null;
  readonly peerConnections: readonly PeerConnectionDump[];
  /** What to know about the dump as a whole: an rtcstats dump cut in its last line, lines that are not JSON skipped. */
  readonly notes: readonly string[];
  /** The dump stops in the middle of its last line (a download cut short): what it says may not be how the call ended. */
  readonly cut: boolean;
}

/** The stats types ICE needs; Firefox's older spellings included. */
const ICE_TYPES = new Set(['candidate-pair', 'local-candidate', 'remote-candidate', 'transport', 'peer-connection', 'candidatepair', 'localcandidate', 'remotecandidate']);
const canonicalType = (t: string) => (t === 'candidatepair' ? 'candidate-pair' : t === 'localcandidate' ? 'local-candidate' : t === 'remotecandidate' ? 'remote-candidate' : t);

const fail = (reason: string): never => {
  throw new SdpscopeError('NOT_A_DUMP', reason);
};

/** Any JSON value as text, without calling its own toString (a dump may hold {"toString": 1}). */
/** A number JSON.parse gave that is a number (a literal past double range gives Infinity). */
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || v === null ? String(v) : (JSON.stringify(v) ?? ''));

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The RTCPeerConnection events a dump logs, as their DOM names (lower case). */
const DOM_EVENTS = new Set(['icecandidate', 'icecandidateerror', 'iceconnectionstatechange', 'connectionstatechange', 'signalingstatechange', 'icegatheringstatechange', 'negotiationneeded', 'track', 'datachannel']);

/**
 * An event's name as explainIce reads it: "on" + a lower-case event name loses its "on"; the
 * camel-case spellings older Chrome logged (`onIceCandidate`, `iceConnectionStateChange`, Chrome
 * 86) are the DOM names in lower case (ICE audit: a connected call read as no candidates). Method
 * names (`setLocalDescription`, `addIceCandidate`) stay as they are.
 */
export function eventName(type: string): string {
  const bare = /^on[A-Za-z]/.test(type) ? type.slice(2) : type;
  const lower = bare.toLowerCase();
  return DOM_EVENTS.has(lower) ? lower : bare;
}

/** A value that is JSON text (an object, an array, a quoted string) decoded; other strings as they are. */
function decodeValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trimStart();
  if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) {
    const d = json.parse(v);
    return d === NOT_JSON ? v : d;
  }
  return v;
}

/** The JSON parser of the dump being read (set by readStatsDump, which runs to its end in one call): a dump of bad values or lines costs a check each, not an exception each. */
let json = new JsonParser();

/** Reads a dump's text; throws NOT_A_DUMP naming the formats it expected. */
export function readStatsDump(text: string): StatsDump {
  if (typeof text !== 'string') throw new SdpscopeError('NOT_TEXT', `readStatsDump takes the dump's text (a string)${isStatsReport(text) ? ': for an RTCStatsReport, peerConnectionFromStats([report])' : ''}`);
  json = new JsonParser();
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.trimStart();
  // Empty is empty, as parseSdp says it (library audit: "it does not start as JSON does").
  if (start === '') throw new SdpscopeError('EMPTY_INPUT', 'the dump is empty');
  // An rtcstats dump is read line by line, each line's JSON bounded by the parser (json-check.ts).
  if (start.startsWith('RTCStatsDump')) return readRtcStats(text, true);
  if (start.startsWith('[')) {
    // rtcstats-server's stored dumps: one JSON array per line, no header.
    const firstLine = start.slice(0, start.indexOf('\n') < 0 ? start.length : start.indexOf('\n'));
    try {
      // A first line nested past any dump is not parsed (the document check below says so).
      const first = (tooDeepToParse(firstLine) ? null : JSON.parse(firstLine)) as unknown;
      // The stored form: [method, peer connection id or null, value, (time)], its methods named
      // ("connectionInfo", "create", "getstats"...). A JSON array of candidate lines or URLs is
      // not one (ICE audit: it was read as a dump with a peer connection named by a candidate).
      if (Array.isArray(first) && first.length >= 3 && first.length <= 4 && typeof first[0] === 'string' && /^[A-Za-z][\w.]{0,63}$/.test(first[0]) && (first[1] === null || typeof first[1] === 'string') && (first.length === 3 || typeof first[3] === 'number')) {
        return readRtcStats(text, false);
      }
    } catch {
      /* not line-oriented: maybe one JSON document */
    }
  }
  // No dump nests deeper than ten: a deeper document is refused before JSON.parse, whose memory
  // grows fastest with nesting (hostile-input audit: 10 MB of "[" took 835 MB). Small texts parse
  // anyway. The line-oriented dumps were read above, line by line (fix audit: one cut line's quote
  // had made a whole rtcstats dump "nested" and refused it).
  if ((start.startsWith('[') || start.startsWith('{')) && tooDeepToParse(text)) {
    return fail(`not a stats dump: its JSON nests arrays or objects more than ${MAX_JSON_DEPTH} deep, which no dump does`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    // A JavaScript object literal (keys unquoted, strings in single quotes), as threads paste
    // getStats() results: read as the JSON it stands for, said in the notes (ICE audit).
    // A comment may come first (audit of the change: "// stats" above the literal was not read).
    const literal = /^\s*(?:[[{]|\/[/*])/.test(text) ? objectLiteralJson(text) : null;
    if (literal !== null && isJson(literal)) {
      const r = readStatsDump(literal);
      return { ...r, notes: ['read as JSON written the JavaScript way (keys unquoted, strings in single quotes, comments or trailing commas, as a console or source code writes it), taken as the JSON it stands for', ...r.notes] };
    }
    const why = (e as Error).message.replace(/\s+/g, ' ').slice(0, 120);
    // JSON that stops in the middle of a value (its error at the very end): a cut file, not another format.
    const at = /at position (\d+)/.exec(why);
    if (/^\s*[[{]/.test(text) && (/Unexpected end of JSON input|Unterminated string/.test(why) || (at !== null && Number(at[1]) >= text.trimEnd().length))) {
      return fail(`the dump is cut: its JSON stops in the middle of a value after ${text.length.toLocaleString('en-US')} characters (a download or copy that stopped early, or a size limit); take the dump again`);
    }
    // A text that does not open as JSON is not "almost JSON": V8's words for a log starting with a
    // year ("Unexpected non-whitespace character after JSON at position 4") sent users looking for a broken dump (candidates audit).
    // A log's "[2024-01-01 …]" or "[000:057]" opens with a bracket too: JSON opens a dump's object or array of values.
    // Firefox's about:webrtc page as text, with its ICE Stats table (what issues paste): read from
    // the table (ICE audit: pion#1544's every pair failed and no relay though TURN was configured;
    // only "use Copy Report" had been said).
    const page = /^\s*[[{]/.test(text) ? null : readAboutWebrtcText(text);
    if (page !== null) return page;
    const notJson = /^\s*(?:\{\s*["}]|\[\s*[[{"\]])/.test(text) ? `its JSON does not parse: ${why}` : 'it does not start as JSON does';
    // A Map as a console prints it ({"CP…" => {…}}, React Native's; Node's "Map(3) {…}"): what it is, and what to save instead (ICE audit: react-native-webrtc#1725's paste got V8's "Expected ':'").
    const head = text.slice(0, 4096);
    // Node, Chromium and React Native print "=>", Firefox "→", Safari "Map {…}" without the size.
    if (/^\s*(?:Map(?:\(\d{1,9}\))? )?\{\s*(?:"[^"\n]{1,256}"|'[^'\n]{1,256}') (?:=>|→) [{[]/.test(head)) {
      return fail('not a stats dump: a Map as a console prints it ("id" => {…}, or →), an RTCStatsReport logged with console.log, which is no JSON; save JSON.stringify([...report.values()]) (or Object.fromEntries(report)) and give that');
    }
    return fail(`not a stats dump: neither JSON (${notJson}) nor an rtcstats dump (a first line "RTCStatsDump", or one JSON array per line)${otherInput(text)}`);
  }
  // rtcstats-server's client format of 2016 (fippo/rtcstats-server test/clienttest.json: lists of
  // events with the legacy getStats, under "peerConnections"), which may carry an empty
  // "PeerConnections" too: said as not read, not as "no peer connection" (ICE audit).
  if (isObject(doc) && isObject(doc['peerConnections']) && Object.values(doc['peerConnections']).some(Array.isArray) && (!isObject(doc['PeerConnections']) || Object.keys(doc['PeerConnections']).length === 0)) {
    return read2016(doc, doc['peerConnections'] as Record<string, unknown>);
  }
  if (isObject(doc) && isObject(doc['PeerConnections'])) return readInternals(doc);
  if (isObject(doc) && (typeof doc['pcid'] === 'string' || Array.isArray(doc['iceCandidatePairStats']))) return readFirefox([doc], doc);
  if (isObject(doc) && Array.isArray(doc['reports'])) return readFirefox(doc['reports'].filter(isObject), doc);
  // getStats() results saved as JSON: one ([...report.values()] or Object.fromEntries(report)), or a list of them over time.
  const here = readableStats(doc);
  let snapshots = here?.snapshots ?? null;
  let shape = here?.shape ?? null;
  // An app's record holding them under one member ({"callSid": …, "stats": [...]}: new-user audit,
  // where candidates sent the user to ice and ice refused), or under a member of one
  // ({"call": {"stats": [...]}}): read there, said.
  let under: string | null = null;
  if (snapshots === null) {
    const found = statsUnder(doc, 2);
    if (found !== null) [{ snapshots, shape }, under] = found;
  }
  // The legacy getStats of Chrome before 80 beside its candidates ("localcandidate" reads as an ICE
  // type, googCandidatePair does not): said as that, not read as a result with no pair (ICE audit:
  // SimplePeerDemo's report was "stats-filtered" though its googCandidatePair had carried media).
  const legacyFirst = snapshots !== null && !snapshots.some((x, i) => [...statsOf(x, i)].some((r) => isObject(r) && r['type'] === 'candidate-pair')) ? legacyStatsType(doc) : null;
  if (legacyFirst !== null) return fail(legacyWords(legacyFirst));
  // One RTCStats object alone (console.log(JSON.stringify(stat)) of a candidate pair: ICE audit,
  // it was NOT_A_DUMP while matching the words of that message): a result of that one report.
  const single = snapshots === null && isRtcStats(doc) && ICE_TYPES.has(canonicalType(doc['type'] as string));
  if (single) snapshots = [[doc]];
  if (snapshots !== null) {
    const stray = strayMembers(snapshots);
    const notes = [
      ...(single ? [`one RTCStats object alone (a ${(doc as Record<string, unknown>)['type'] as string} report, not a whole getStats() result): read as a result of that one report; what it names (candidates, transport) is not in the input`] : []),
      ...(under !== null ? [`the getStats results are read from the record's ${under} member; its other members are passed over`] : []),
      ...(stray.length > 0 ? [`values that are no RTCStats object (no id and type) were passed over: ${stray.join(', ')}`] : []),
      ...(Array.isArray(doc) && doc.some(isObjectString) ? [`the text ${JSON.stringify(doc.find(isObjectString))} (a report printed as a string, which shows nothing of it) was passed over`] : []),
      ...(valuesNested(snapshots) ? ['each report\'s fields are read from its "values" member, as flutter_webrtc\'s StatsReport (and old react-native-webrtc) writes them'] : []),
      ...(shape === 'grouped' ? ['the RTCStats objects are grouped by type (a member per type, as exporters and apps save them): read together as one getStats() result'] : []),
      ...(shape === 'entries' ? ['a list of [id, stats] pairs (JSON of [...report], an RTCStatsReport spread into its entries): read as one getStats() result'] : []),
      ...(shape === 'key-value' ? ['a list of {key, value} objects (an RTCStatsReport\'s entries as objects): read as one getStats() result'] : []),
    ];
    // Results that share no ICE stats id with the one before: two peer connections' results in one
    // list, or an ICE restart between them (Firefox writes no transport). Which, the ids cannot
    // tell, so they are read as one over time and the break said (ICE audit: two peer connections'
    // results had been merged unsaid, "DTLS new" beside "DTLS connected"; audit of the change: a
    // split by ids cut a Firefox restart in two and kept two Chromium connections, "T01" each, one).
    const breaks = idBreaks(snapshots);
    if (breaks.length > 0) notes.push(`result${breaks.length === 1 ? '' : 's'} ${breaks.slice(0, 5).map((k) => k + 1).join(', ')}${breaks.length > 5 ? ', …' : ''} of the list share${breaks.length === 1 ? 's' : ''} no ICE stats id (candidate, pair, transport) with the one before: another peer connection's results, or an ICE restart; read as one peer connection over time (give each peer connection's results in a list of its own)`);
    return { format: 'getstats', userAgent: null, peerConnections: [peerConnectionFromStats(snapshots, { id: 'pc' })], notes, cut: false };
  }
  // Signaling said only of a frame or a list of them: a dump with a key renamed holds candidates too (audit of the change).
  const first = Array.isArray(doc) ? doc[0] : doc;
  const signaling = isObject(first) && (typeof first['sdp'] === 'string' || typeof first['candidate'] === 'string' || isObject(first['candidate']) || ['offer', 'answer', 'candidate'].includes(first['type'] as string) || isObject(first['offer']) || isObject(first['answer']));
  // The legacy getStats of Chrome before 80 (react-native-webrtc and Android apps of that time:
  // googCandidatePair): said as that (ICE audit: simple-peer#221 was told it lacked an id).
  const legacy = legacyStatsType(doc);
  if (legacy !== null) return fail(legacyWords(legacy));
  const untimed = untimedStatsAt(doc);
  // Objects with an id and an ICE stats type but no timestamp (an app that copies some fields of
  // each report: ICE audit, a teaching stand's records): said, not only the formats expected.
  const why = untimed !== null ? `; ${untimed === '' ? 'the input holds' : `at ${untimed} are`} objects with an id and an ICE stats type but no timestamp: a getStats() report keeps its timestamp, an app that copies some fields of each drops it (log the reports whole)` : '';
  // RTCStats objects deeper than the results are looked for (an exporter's batch of records, each
  // holding a result: ICE audit, told "expected RTCStats objects" of a file of 27): where, said.
  const deep = untimed === null ? findWithin(doc, '', 6, { left: 1024 }, (o) => (isRtcStats(o) && ICE_TYPES.has(canonicalType(o['type'] as string)) ? true : null))?.[1] ?? null : null;
  const nested = deep !== null ? `; it holds RTCStats objects ${deep === '' ? 'in lists of lists' : `within ${deep}`}, nested deeper than one getStats() result is looked for (a batch of records, each with a result): give one result (the object or list that holds a report's RTCStats), or a list of results over time` : '';
  return fail(`not a stats dump: expected a chrome://webrtc-internals dump (an object with "PeerConnections"), an rtcstats dump, a Firefox about:webrtc report (an object with "pcid" and "iceCandidatePairStats"), or getStats() results as JSON (RTCStats objects with id, type and timestamp, ICE ones among them)${why}${nested}${signaling ? SIGNALING_HINT : ''}`);
}

/**
 * The first object within `depth` levels of `v` that `pick` says something of (16 items of a
 * list, 64 members of an object looked at, `budget.left` values in all), with its member path
 * (`"call"."stats"`, "" for `v` itself); null when none.
 */
function findWithin<T>(v: unknown, path: string, depth: number, budget: { left: number }, pick: (o: Record<string, unknown>) => T | null): [T, string] | null {
  if (budget.left-- <= 0 || depth < 0 || v === null || typeof v !== 'object') return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && i < 16; i++) {
      const at = findWithin(v[i], path, depth - 1, budget, pick);
      if (at !== null) return at;
    }
    return null;
  }
  const o = v as Record<string, unknown>;
  const here = pick(o);
  if (here !== null) return [here, path];
  // Its first 64 members, not a list of all of them made first (an object of a million keys).
  let looked = 0;
  for (const k in o) {
    if (looked++ >= 64) break;
    const at = findWithin(o[k], path === '' ? JSON.stringify(k) : `${path}.${JSON.stringify(k)}`, depth - 1, budget, pick);
    if (at !== null) return at;
  }
  return null;
}

/** The indexes of the results of a list that share no ICE stats id (candidate, pair, transport) with the result before them. */
function idBreaks(snapshots: readonly StatsSnapshot[]): number[] {
  const out: number[] = [];
  let before: Set<string> | null = null;
  snapshots.forEach((s, i) => {
    const ids = new Set<string>();
    for (const r of statsOf(s, i)) if (isObject(r) && typeof r['id'] === 'string' && typeof r['type'] === 'string' && ICE_TYPES.has(canonicalType(r['type'])) && canonicalType(r['type']) !== 'peer-connection') ids.add(r['id']);
    if (before !== null && before.size > 0 && ids.size > 0 && ![...ids].some((id) => before!.has(id))) out.push(i);
    before = ids;
  });
  return out;
}

/** The ICE Stats table's columns the page writes in English (Firefox 43's order and today's differ), as stats fields. */
const PAGE_COLUMNS: Readonly<Record<string, string>> = {
  'ice state': 'state',
  nominated: 'nominated',
  selected: 'selected',
  'local candidate': 'local',
  'remote candidate': 'remote',
  'component id': 'componentId',
  priority: 'priority',
  'bytes sent': 'bytesSent',
  'bytes received': 'bytesReceived',
};

/**
 * A line of the page's ICE Stats table as cells: split at its tabs, as the page copies it. A copy
 * whose tabs became blanks (an issue page's rendering: loowid#7, ICE audit: NOT_A_DUMP) is read
 * by words: a header made of the known column names alone ("Local candidate Remote candidate
 * ICE State …") is those names, a row its blank-free cells (addresses, states, numbers).
 */
function pageCells(line: string): string[] {
  if (line.includes('\t') || !/\S\s+\S/.test(line) || line.length > 4096) return line.split('\t', 64);
  const words = line.trim().toLowerCase().replace(/\s+/g, ' ');
  const names: string[] = [];
  let rest = words;
  while (rest !== '') {
    const name = Object.keys(PAGE_COLUMNS).find((k) => rest === k || rest.startsWith(`${k} `));
    if (name === undefined) break;
    names.push(name);
    rest = rest.slice(name.length).trimStart();
  }
  if (rest === '' && names.length >= 3) return names;
  // A row starts with a candidate (address:port/transport(type)); any other line (a sentence after
  // the table, "ICE restarts: 0") is one cell, which ends the table.
  const cells = line.trim().split(/\s+/, 64);
  return /^\S{1,200}:[0-9]{1,5}\/[A-Za-z]{2,8}\(/.test(cells[0]!) ? cells : [line.trim()];
}

/** The page's candidate types (Firefox 43 wrote them long): as getStats spells them. */
const PAGE_TYPES: Readonly<Record<string, string>> = { host: 'host', srflx: 'srflx', serverreflexive: 'srflx', prflx: 'prflx', peerreflexive: 'prflx', relay: 'relay', relayed: 'relay' };

/**
 * Firefox's about:webrtc page copied as text, in English: each peer connection's ICE Stats table
 * (its pairs, with their candidates as "192.168.1.2:62096/udp(host)") and its RTCConfiguration's
 * ICE servers, as one snapshot; null when the text holds no such table. Lines are looked at in
 * one pass, each row split at its tabs.
 */
function readAboutWebrtcText(text: string): StatsDump | null {
  const lines = text.split('\n', 200_000);
  const pcs: PeerConnectionDump[] = [];
  let id = 'pc';
  let url: string | null = null;
  let time = 0;
  let servers: string[] = [];
  let policy: string | null = null;
  let bundle: string | null = null;
  /** The page showed its RTCConfiguration (Firefox 43's has none: no servers are then known, not "none"). */
  let configured = false;
  let columns: string[] | null = null;
  let stats = new Map<string, GrowingHistory>();
  let unread = 0;
  const close = () => {
    if (stats.size > 0) {
      const iceServers = servers.length > 0 ? [{ urls: servers }] : [];
      const configuration = configured ? { iceServers, ...(policy !== null ? { iceTransportPolicy: policy } : {}), ...(bundle !== null ? { bundlePolicy: bundle } : {}) } : null;
      pcs.push({ id, url, configuration, events: [], stats, iceRestarts: null, descriptions: [], candidatesFromPairs: true });
    }
    // Each peer connection's own (audit of the change: the policies had carried over to the next).
    stats = new Map();
    servers = [];
    policy = null;
    bundle = null;
    configured = false;
    columns = null;
  };
  const candidate = (cell: string, type: 'local-candidate' | 'remote-candidate'): string | null => {
    const m = /^(\[[0-9A-Fa-f:.]{2,45}\]|[^\s/()]{1,253}):([0-9]{1,5})\/(udp|tcp)\(([a-z-]{2,20})\)/i.exec(cell.trim());
    if (m === null) return null;
    const [kind, relayProtocol] = m[4]!.toLowerCase().split('-');
    const candidateType = PAGE_TYPES[kind!];
    if (candidateType === undefined) return null;
    const key = `${type} ${m[1]}:${m[2]}/${m[3]!.toLowerCase()}(${candidateType})`;
    if (!stats.has(key)) {
      const h = new GrowingHistory(key, type);
      h.add(time, { address: m[1]!.replace(/^\[|\]$/g, ''), port: Number(m[2]), protocol: m[3]!.toLowerCase(), candidateType, ...(relayProtocol !== undefined ? { relayProtocol } : {}) });
      stats.set(key, h);
    }
    return key;
  };
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    // Each test behind a cheap one, its runs bounded: linear however long the line (hostile input).
    const pc = line.includes('(id=') && /PeerConnection ID/i.test(line) ? /(?:^|\s)(\d{10,24}) \(id=(\d{1,24}) url=([^)\s]{0,2048})\)/.exec(line) : null;
    if (pc !== null) {
      close();
      id = pc[2]!;
      url = pc[3] === '' ? null : pc[3]!;
      continue;
    }
    // The session's header ("[ 12 | 6442450945 ] https://… (closed) Sat Nov 21 2020 21:25:33 GMT+0400 (…)"): the snapshot's time.
    const when = line.startsWith('[') && line.length < 1024 ? /\b(\w{3} \w{3} \d{1,2} \d{4} \d{2}:\d{2}:\d{2} GMT[+-]\d{4})/.exec(line) : null;
    if (when !== null) {
      const ms = Date.parse(when[1]!);
      if (Number.isFinite(ms)) time = ms;
      continue;
    }
    if (/^[ \t]*RTCConfiguration[ \t]*$/.test(line)) {
      configured = true;
      continue;
    }
    const urls = line.length < 4096 && line.includes('urls:') ? /^[ \t]*urls:[ \t]*\[(.{0,4000})\][ \t]*$/.exec(line) : null;
    if (urls !== null) {
      configured = true;
      for (const u of urls[1]!.split(',')) {
        const v = u.trim().replace(/^"|"$/g, '');
        if (/^(?:stuns?|turns?):/i.test(v)) servers.push(v);
      }
      continue;
    }
    const setting = line.length < 128 && line.includes('Policy:') ? /^[ \t]*(iceTransportPolicy|bundlePolicy):[ \t]*(\w{1,20})[ \t]*$/.exec(line) : null;
    if (setting !== null) {
      configured = true;
      if (setting[1] === 'iceTransportPolicy') policy = setting[2]!;
      else bundle = setting[2]!;
      continue;
    }
    // A table has a dozen columns: the first 64 cells are enough.
    const cells = pageCells(line);
    if (cells.length >= 3 && /local candidate/i.test(line) && /remote candidate/i.test(line) && /ice state/i.test(line)) {
      // The header, maybe glued to the sentence before it ("…highlighted in blueICE State").
      columns = cells.map((c) => {
        const name = c.trim().toLowerCase();
        const known = Object.keys(PAGE_COLUMNS).find((k) => name === k || name.endsWith(k));
        return known === undefined ? '' : PAGE_COLUMNS[known]!;
      });
      continue;
    }
    if (columns === null) continue;
    if (cells.length < 2) {
      if (line.trim() !== '') columns = null;
      continue;
    }
    const at = (field: string) => {
      const i = columns!.indexOf(field);
      return i < 0 ? '' : (cells[i] ?? '').trim();
    };
    const local = candidate(at('local'), 'local-candidate');
    const remote = candidate(at('remote'), 'remote-candidate');
    if (local === null || remote === null) {
      // A row of a pair whose address is not one (a reporter's "raspberry pi ip"): counted, said.
      if (at('local') !== '' && at('remote') !== '') unread++;
      continue;
    }
    const pairId = `${local} ↔ ${remote}`;
    if (stats.has(pairId)) continue;
    const pair = new GrowingHistory(pairId, 'candidate-pair');
    const number = (v: string) => (/^[0-9]{1,20}$/.test(v) ? Number(v) : undefined);
    const fields: Record<string, unknown> = { localCandidateId: local, remoteCandidateId: remote, state: at('state').toLowerCase().replace('inprogress', 'in-progress') };
    // Only where the table has the column: a page without it says nothing of nomination (audit of the change: "never nominated").
    if (columns.includes('nominated')) fields['nominated'] = at('nominated') === 'true';
    if (columns.includes('selected')) fields['selected'] = at('selected') === 'true';
    for (const f of ['priority', 'bytesSent', 'bytesReceived', 'componentId']) if (number(at(f)) !== undefined) fields[f] = number(at(f));
    pair.add(time, fields);
    stats.set(pairId, pair);
  }
  close();
  if (pcs.length === 0) return null;
  const notes = ['read from the text of Firefox\'s about:webrtc page (its ICE Stats table and RTCConfiguration), one snapshot: no events, no SDPs, no check counts, and candidates only as pairs show them (a local srflx, paired through its base, never does); its "Copy Report" button, where the page has one, gives the whole report as JSON'];
  if (unread > 0) notes.push(`${unread} row${unread === 1 ? '' : 's'} of the ICE Stats table with a candidate that is no address:port/protocol(type) (an address replaced by words?) passed over`);
  if (lines.length === 200_000) notes.push('only the first 200,000 lines of the text were read');
  return { format: 'firefox-about-webrtc', userAgent: null, peerConnections: pcs, notes, cut: false };
}

/** What the legacy getStats() stats are, for NOT_A_DUMP: `type`, the legacy report found. */
const legacyWords = (type: string): string => `not a stats dump sdpscope reads: these are the legacy getStats() stats of Chrome before 80 (and of old react-native-webrtc and Android apps: a "${type}" report), which sdpscope does not read; take the standard getStats() (its promise form, an RTCStatsReport), a chrome://webrtc-internals dump or an rtcstats dump`;

/**
 * getStats() results in a shape read here: as they come (getStatsSnapshots), grouped by type
 * (groupedSnapshot), or as [id, stats] entries (`JSON.stringify([...report])`: ICE audit, it was a
 * bare NOT_A_DUMP); `shape` says which for the notes.
 */
function readableStats(v: unknown): { snapshots: StatsSnapshot[]; shape: 'grouped' | 'entries' | 'key-value' | null } | null {
  const plain = getStatsSnapshots(v);
  if (plain !== null) return { snapshots: plain, shape: null };
  const grouped = groupedSnapshot(v);
  if (grouped !== null) return { snapshots: [grouped], shape: 'grouped' };
  if (Array.isArray(v) && v.length > 0 && v.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && isRtcStats(x[1]))) {
    const values = v.map((x) => (x as unknown[])[1]);
    if (isSnapshot(values)) return { snapshots: [values], shape: 'entries' };
  }
  // The same entries as objects, {key, value} (a Map written as [...map].map(([key, value]) => ({key, value})):
  // MyPureCloud's webrtc-stats-gatherer's Chrome 78 result; ICE audit, it had been NOT_A_DUMP).
  if (Array.isArray(v) && v.length > 0 && v.every((x) => isObject(x) && !Array.isArray(x) && typeof (x as Record<string, unknown>)['key'] === 'string' && isRtcStats((x as Record<string, unknown>)['value']))) {
    const values = v.map((x) => (x as Record<string, unknown>)['value']);
    if (isSnapshot(values)) return { snapshots: [values], shape: 'key-value' };
  }
  return null;
}

/** The type of a legacy (pre-standard) stats report within three levels of `v`, or null. */
const legacyStatsType = (v: unknown): string | null =>
  findWithin(v, '', 3, { left: 256 }, (o) => (typeof o['type'] === 'string' && /^(?:goog(?:CandidatePair|Component|LibjingleSession|Track|Certificate)|VideoBwe)$/.test(o['type']) ? o['type'] : null))?.[0] ?? null;

/** Where within four levels of `v` (a member path, "" for itself) an object with a string id and an ICE stats type but no timestamp is; null when none is. */
const untimedStatsAt = (v: unknown): string | null =>
  findWithin(v, '', 4, { left: 256 }, (o) => (typeof o['id'] === 'string' && typeof o['type'] === 'string' && ICE_TYPES.has(canonicalType(o['type'])) && !isFiniteNumber(o['timestamp']) ? true : null))?.[1] ?? null;

/**
 * getStats results under a member of a record, or under a member of one of its members
 * (`depth` 2), the first 64 members at each level looked at: the results and the member's path
 * (`"call"."stats"`), or null.
 */
function statsUnder(doc: unknown, depth: number): [NonNullable<ReturnType<typeof readableStats>>, string] | null {
  if (depth === 0 || !isObject(doc) || Array.isArray(doc)) return null;
  let looked = 0;
  for (const k in doc) {
    if (looked++ >= 64) break;
    const inner = readableStats(doc[k]);
    if (inner !== null) return [inner, JSON.stringify(k)];
  }
  looked = 0;
  for (const k in doc) {
    if (looked++ >= 64) break;
    const deeper = statsUnder(doc[k], depth - 1);
    if (deeper !== null) return [deeper[0], `${JSON.stringify(k)}.${deeper[1]}`];
  }
  return null;
}

/**
 * What a text that is no dump is, when it is what the other readers take (README walk: an SDP
 * given to `ice` quoted V8's JSON error): said, with who reads it. Its first 64 KiB are looked at.
 */
function otherInput(text: string): string {
  const head = text.slice(0, 65536);
  // Blanks within the line only: "\s*" under /m crossed lines, quadratic on a run of blank lines
  // (fuzz seed 20261206, input 363: 28 KB took 780 ms); a foundation of 32 characters at most, as
  // "\S+" was quadratic on "candidate:candidate:…" (input 169: 74 KB, 352 ms).
  // Firefox's about:webrtc page as rendered, copied as text: what issues hold (ICE audit: pion#1544).
  // Its peer connection line in any language ("PeerConnection ID: 1605979520897000 (id=6442450945
  // url=…)", "Identifiant PeerConnection : …"): a label, a colon, the id and Firefox's "(id=… url=…)"
  // (audit of the change: a French page and Firefox 34's were not told); nICEr's "ICE(PC:…" is not one.
  // Or from its ICE Stats table on (janus-gateway#508: Firefox 43's, its peer connection line not copied).
  if (/^(?:[^\n(]{1,60}[:：][ \t]*)?\d{10,} \(id=\d+ url=/m.test(head) || /^[ \t]*Local Candidate[ \t]+Remote Candidate[ \t]+ICE State\b/m.test(head)) return '; it is the text of Firefox\'s about:webrtc page as the page shows it: its "Copy Report" button, where the page has one, gives the report as JSON, which sdpscope ice reads (or a Chrome webrtc-internals or rtcstats dump), and its SDPs ("Show SDP") are what sdpscope parse and sdp-diff read';
  // Chrome's webrtc-internals page as rendered, its event log copied as text ("23/05/2021, 20:26:28 |
  // icecandidate (host) sdpMid: 0, …": coturn#772; ICE audit of 2026-12-07: it had been told to the signaling readers only).
  if (INTERNALS_PAGE_EVENT.test(head)) return '; it is the text of Chrome\'s chrome://webrtc-internals page, its event log as the page shows it: the page\'s "Create Dump" section ("Download the PeerConnection updates and stats data") gives the dump sdpscope ice reads; sdpscope candidates and parse read the candidates and SDPs this text holds';
  for (const [mark, name, cause] of AGENT_LOGS) {
    if (!mark.test(head)) continue;
    return `; it is ${name}: a log, not a stats dump (sdpscope ice reads a webrtc-internals or rtcstats dump, a Firefox about:webrtc report or getStats results of the same call); sdpscope candidates reads the candidate lines a log holds, and says what it cannot read${cause(head)}`;
  }
  if (/^[ \t]*v=0[ \t]*\r?$/m.test(head) && /^m=\S+ \d/m.test(head)) return '; it holds an SDP: sdpscope parse and sdp-diff (parseSdp, readInput) read those';
  if (/"(?:sdp|offer|answer)"\s*:/.test(head) || /\ba?=?candidate:[^\s:]{1,32} \d{1,3} (?:udp|tcp) /i.test(head) || /\bCand\[[^\]:]*:[^\]:]+:\d{1,3}:(?:udp|tcp):/.test(head)) return SIGNALING_HINT;
  return '';
}

/**
 * What libwebrtc's log says of a failure (within `head`, its first 64 KiB).
 * - 401s to TURN Allocates with none that succeeded: after the first (the server's challenge), a
 *   401 answers the credentials (MixedReality-WebRTC#598: repeated, unsaid). Counted per TURN port
 *   (Port[<id>:…]): each port's first 401 is its challenge (new-user audit: one 401 on each of two
 *   ports had been said refused credentials).
 * - p2p_transport_channel's "Failed to resolve ICE candidate hostname X.local with error -2": the
 *   other side's mDNS name unresolved (android-emulator-container-scripts#210: an emulator's
 *   libwebrtc in a container and a browser's .local candidates; it had been said a log, no more).
 */
function libwebrtcCause(head: string): string {
  const perPort = new Map<string, number>();
  for (const m of head.matchAll(/Port\[([0-9a-fx]{1,18}):[^\n]{0,300}?TURN allocate error response, id=\w{1,64}, code=401\b/g)) perPort.set(m[1]!, (perPort.get(m[1]!) ?? 0) + 1);
  const denied = Math.max(0, ...perPort.values());
  const turn = denied >= 2 && !head.includes('TURN allocate requested successfully') ? `; one of its TURN ports had its Allocate answered 401 ${denied} times, and none succeeded in the part read (its first ${Math.round(head.length / 1024)} KiB): after the server's first challenge, a 401 refuses the credentials (wrong, or a TURN REST one expired)` : '';
  const names = new Set<string>();
  let error = '';
  for (const m of head.matchAll(/Failed to resolve ICE candidate hostname ([^\s]{1,300}) with error (-?\d{1,9})/g)) {
    names.add(m[1]!);
    error ||= m[2]!;
  }
  const mdns = names.size === 0 ? '' : `; it could not resolve ${names.size === 1 ? 'the other side\'s candidate name' : `${names.size} candidate names of the other side`} (${listSome([...names], String)}, error ${error})${[...names].every((n) => /\.local\.?$/i.test(n)) ? ': .local names are mDNS ones, which only a peer on the same link resolves (multicast DNS, UDP 5353): across networks, or from a container or VM without host networking, those host candidates cannot be paired, and only a srflx or relay candidate connects' : ''}`;
  return turn + mdns;
}

/**
 * What nICEr's log (Firefox's ICE engine) says of a failure: candidates of a STUN or TURN server that
 * "failed to initialize" (nothing came from that server: greenlight#2382, every TURN over TCP and TLS
 * on 443 and the STUN on 3478), and checks that all failed ("all checks completed success=0 fail=1":
 * bigbluebutton#9223). Both had been a bare NOT_A_DUMP. A success is logged at DEBUG only, so a
 * failure is said of the candidates it names, not of the whole gathering.
 */
function nicerCause(head: string): string {
  // A TURN server's address as nICEr labels its client (`TURN(relay(<local>|IP4:<server>/UDP))`):
  // the srflx of the same server comes from its Allocate, so a failed one is TURN's too (ICE audit
  // of 2026-12-07: node-turn#5's refused TURN server had been called a STUN server).
  const turnServers = new Set<string>();
  for (const m of head.matchAll(/TURN\(relay\(IP[46]:[^|\n]{1,80}\|([^\s)]{1,200})\)\)/g)) turnServers.add(m[1]!);
  // A TURN client that gave up ("Exceeded the number of retries") after a 401 to its Allocate:
  // refused credentials. The last error before it is the one: a 438 (stale nonce) ends the same
  // way in nICEr's nr_turn_stun_ctx_cb, and is no credentials' fault (change audit).
  const lastError = new Map<string, string>();
  const refused = new Set<string>();
  for (const m of head.matchAll(/STUN-CLIENT\(relay\(IP[46]:[^|\n]{1,80}\|([^\s)]{1,200})\)::TURN\): [^\n]{0,120}?stun error code (\d{3})\b|TURN\(relay\(IP[46]:[^|\n]{1,80}\|([^\s)]{1,200})\)\): Exceeded the number of retries/g)) {
    if (m[1] !== undefined) lastError.set(m[1], m[2]!);
    else if (lastError.get(m[3]!) === '401') refused.add(m[3]!);
  }
  const failed = new Map<string, number>();
  const servers = new Set<string>();
  for (const m of head.matchAll(/CAND\((relay|srflx)\(IP[46]:[^|\n]{1,80}\/(UDP|TCP|TLS)\|([^\s)]{1,200})\)[^)\n]{0,20}\): failed to initialize/g)) {
    servers.add(m[3]!);
    const what = `${m[1] === 'relay' || turnServers.has(m[3]!) ? 'TURN' : 'STUN'} ${m[3]!.replace(/\/(?:UDP|TCP|TLS)$/, '')} over ${m[2]}`;
    failed.set(what, (failed.get(what) ?? 0) + 1);
  }
  const said: string[] = [];
  const unanswered = [...servers].some((x) => !refused.has(x));
  if (failed.size > 0) said.push(`candidates of its servers failed to initialize, nothing coming from them: ${listSome([...failed], ([what, n]) => `${what}${n > 1 ? ` (${n} times)` : ''}`)}${unanswered ? '; the server did not answer (blocked on the way, down, a wrong address or port) or refused (the lines before say which: "Timed out", an error code)' : ''}`);
  if (refused.size > 0) said.push(`its TURN server ${listSome([...refused], (x) => x.replace(/\/(?:UDP|TCP|TLS)$/, ''))} answered the Allocate 401 until nICEr gave up ("Exceeded the number of retries"): the credentials were refused (a wrong username or password, or a TURN REST credential expired; RFC 8656 §7.2, RFC 8489 §9.2)`);
  // No server is at 0.0.0.0 (livekit#656: its TURN over TLS on 443 there).
  const nowhere = [...servers].filter((x) => /^IP4:0\.0\.0\.0:|^IP6:(?:\[::\]|::):/.test(x));
  if (nowhere.length > 0) said.push(`${nowhere.length === 1 ? 'a server\'s address is' : 'servers\' addresses are'} ${listSome(nowhere, (x) => x.replace(/\/(?:UDP|TCP|TLS)$/, ''))}, where no server is: its name resolved to that address (a DNS record, or a server announcing 0.0.0.0), or the iceServers URL gives it`);
  let checks: RegExpMatchArray | null = null;
  for (const m of head.matchAll(/all checks completed success=(\d{1,9}) fail=(\d{1,9})/g)) if (m[1] === '0') checks = m;
  if (checks !== null) said.push(`every connectivity check of a stream failed (success=0 fail=${checks[2]}): no pair of its candidates and the other side's answered`);
  return said.map((x) => `; ${x}`).join('');
}

/** Native ICE agents' logs, told by their own lines (ICE audit: each was a bare NOT_A_DUMP), and what each says of a failure. Each bounded: linear. */
const AGENT_LOGS: readonly (readonly [RegExp, string, (head: string) => string])[] = [
  [/\((?:port|turnport|turn_port|stun_port|p2p_transport_channel|basic_port_allocator|connection)\.cc:\d{1,6}\)|\bConn\[[^\]\n]{0,300}\]: (?:Sent|Received) STUN ping|\bP2PTransportChannel\b/, 'libwebrtc\'s native log (Chrome\'s --enable-logging, an Android app\'s logcat)', libwebrtcCause],
  [/\bice (?:TRACE|DEBUG|INFO|WARNING|ERROR): |\bping STUN from (?:host|srflx|prflx|relay) /, 'pion/ice\'s log', () => ''],
  // webrtc-rs (pion's port to Rust) and ice4j (Jitsi's bridge, JVB): named too (ICE audit: a bare NOT_A_DUMP for each).
  [/\bwebrtc_ice::agent\b/, 'webrtc-rs\'s log (its webrtc_ice agent)', () => ''],
  [/\bConnectivityCheckClient\.\w+#\d+|\[o\.i\.i\.Agent\]|\borg\.ice4j\./, 'ice4j\'s log (Jitsi Videobridge, Jicofo)', () => ''],
  [/libnice-DEBUG|\bComponent state changed for component \d{1,3} in stream \d{1,3}/, 'libnice\'s log (Janus, GStreamer)', () => ''],
  // Its lines: "(ice/WARNING) ICE(PC:1608473931480000 (id=… url=…))/CAND(…): …", the level prefix not always copied;
  // newer Firefox puts a braced id first, "ICE(PC:{bbfd384f-…} 1650884650707338 (id=…" (livekit#656, unprefixed: it had been a bare NOT_A_DUMP).
  [/\((?:ice|stun|turn)\/(?:DEBUG|INFO|NOTICE|WARNING|ERR|ERROR|CRIT|ALERT|EMERG)\) |\bICE(?:-PEER)?\(PC:(?:\{[0-9a-fA-F-]{8,40}\} )?\d{1,24} \(id=/, 'nICEr\'s log (Firefox\'s ICE engine: about:webrtc\'s connection log, or MOZ_LOG=nicer)', nicerCause],
];

/** A row of webrtc-internals' event log as its page shows it: a time, " | ", an event of RTCPeerConnection's. */
const INTERNALS_PAGE_EVENT = /^[^\n|]{0,40}\| ?(?:icegatheringstatechange|iceconnectionstatechange|connectionstatechange|signalingstatechange|icecandidate|icecandidateerror|addIceCandidate|setLocalDescription|setRemoteDescription|createOffer|createAnswer|negotiationneeded|transceiverAdded|transceiverModified|setConfiguration)\b/m;

const SIGNALING_HINT = '; it holds signaling (SDPs, candidates): sdpscope parse, candidates and sdp-diff (readInput) read those';

// ---- chrome://webrtc-internals ----

/**
 * Splits a stats key into the stats id and the property: ids may hold "-" (a codec id with its
 * fmtp line), a property never does, except webrtc-internals' own bracketed ones ("-[a-b]").
 */
export function splitStatsKey(key: string): [id: string, property: string] | null {
  const at = key.endsWith(']') ? key.lastIndexOf('-[') : key.lastIndexOf('-');
  return at <= 0 ? null : [key.slice(0, at), key.slice(at + 1)];
}

interface RawSeries {
  readonly startTime: unknown;
  readonly endTime: unknown;
  readonly values: unknown;
}

function internalsHistory(id: string, type: string, props: Map<string, RawSeries>): StatsHistory {
  const cache = new Map<string, StatsPoint[]>();
  const decode = (raw: RawSeries | undefined): unknown[] => {
    if (!raw) return [];
    const v = typeof raw.values === 'string' ? decodeValue(raw.values) : raw.values;
    return Array.isArray(v) ? v : [];
  };
  let times: number[] | null = null;
  const timesFor = (n: number, raw: RawSeries): number[] => {
    times ??= decode(props.get('timestamp')).filter(isFiniteNumber);
    // Values missing while a property was absent are dropped, not null-filled: align from the end.
    if (times.length >= n) return times.slice(times.length - n);
    const a = typeof raw.startTime === 'string' ? Date.parse(raw.startTime) : NaN;
    const b = typeof raw.endTime === 'string' ? Date.parse(raw.endTime) : NaN;
    if (!Number.isFinite(a) || !Number.isFinite(b) || n < 2) return Array.from({ length: n }, () => (Number.isFinite(b) ? b : 0));
    return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  };
  const series = (property: string): StatsPoint[] => {
    let s = cache.get(property);
    if (!s) {
      const raw = props.get(property);
      const values = decode(raw);
      const t = raw ? timesFor(values.length, raw) : [];
      s = values.map((value, i) => ({ time: t[i]!, value }));
      cache.set(property, s);
    }
    return s;
  };
  let lastTime: number | null = null;
  for (const raw of props.values()) {
    const t = typeof raw.endTime === 'string' ? Date.parse(raw.endTime) : NaN;
    if (Number.isFinite(t) && (lastTime === null || t > lastTime)) lastTime = t;
  }
  const last: Record<string, unknown> = {};
  for (const p of props.keys()) {
    Object.defineProperty(last, p, { enumerable: true, get: () => series(p).at(-1)?.value });
  }
  return { id, type, last, series, lastTime };
}

/** A series without statsType (Chrome 86 and older): its type is told by typeUntyped. */
const UNTYPED = '';

/**
 * The stats type of the objects whose series carry no statsType (Chrome 86's dumps: ICE audit,
 * their pair grid was dropped unsaid), from libwebrtc's ids (`RTCIceCandidatePair_…`,
 * `RTCTransport_…`, `RTCIceCandidate_…`): a candidate is remote when its `isRemote` says so or a
 * pair names it as its remote one. Objects of other types are dropped.
 */
function typeUntyped(byId: Map<string, { type: string; props: Map<string, RawSeries> }>): void {
  const lastOf = (props: Map<string, RawSeries>, p: string): unknown => {
    const raw = props.get(p);
    const v = raw === undefined ? undefined : typeof raw.values === 'string' ? decodeValue(raw.values) : raw.values;
    return Array.isArray(v) ? v.at(-1) : undefined;
  };
  const remoteIds = new Set<string>();
  const localIds = new Set<string>();
  for (const [id, e] of byId) {
    if (e.type === UNTYPED && id.startsWith('RTCIceCandidatePair_')) e.type = 'candidate-pair';
    if (e.type !== 'candidate-pair') continue;
    const r = lastOf(e.props, 'remoteCandidateId');
    const l = lastOf(e.props, 'localCandidateId');
    if (typeof r === 'string') remoteIds.add(r);
    if (typeof l === 'string') localIds.add(l);
  }
  for (const [id, e] of byId) {
    if (e.type !== UNTYPED) continue;
    if (id.startsWith('RTCTransport_')) e.type = 'transport';
    else if (id.startsWith('RTCIceCandidate_')) {
      const isRemote = lastOf(e.props, 'isRemote');
      e.type = isRemote === true || (isRemote === undefined && remoteIds.has(id) && !localIds.has(id)) ? 'remote-candidate' : 'local-candidate';
    } else if (id.startsWith('RTCPeerConnection')) e.type = 'peer-connection';
    else byId.delete(id);
  }
}

/**
 * rtcstats-server's client record of 2016: per peer connection a list of `{time, type, value}`
 * events, as an rtcstats dump's (its SDPs, candidates and states), and the legacy getStats of
 * Chrome before 80, not read and said, as of a webrtc-internals dump of then (ICE audit: the whole
 * record had been NOT_A_DUMP, a past call's only record).
 */
function read2016(doc: Record<string, unknown>, byPc: Record<string, unknown>): StatsDump {
  const pcs: PeerConnectionDump[] = [];
  let legacy = false;
  for (const [id, list] of Object.entries(byPc)) {
    if (!Array.isArray(list)) continue;
    const events: DumpEvent[] = [];
    let configuration: Record<string, unknown> | null = null;
    for (const e of list) {
      if (!isObject(e) || typeof e['type'] !== 'string') continue;
      const method = e['type'];
      if (method === 'getStats' || method === 'getstats') {
        legacy = true;
        continue;
      }
      const t = e['time'];
      const time = isFiniteNumber(t) ? t : typeof t === 'string' && Number.isFinite(Date.parse(t)) ? Date.parse(t) : null;
      if (method === 'create' && isObject(e['value'])) configuration = e['value'];
      events.push({ time, type: eventName(method), value: decodeValue(e['value']) });
    }
    pcs.push({ id, url: typeof doc['url'] === 'string' ? doc['url'] : null, configuration, events, stats: new Map(), iceRestarts: null, descriptions: [] });
  }
  const notes = ['an rtcstats-server client record of the 2016 format ("peerConnections": a list of events per peer connection): its events read (SDPs, candidates, states)'];
  if (legacy) notes.push('its stats are the legacy getStats of Chrome before 80 (googCandidatePair, localcandidate, "Conn-…" ids), which sdpscope does not read: pairs and their checks are not known here, candidates and states come from the events');
  return { format: 'rtcstats', userAgent: typeof doc['userAgent'] === 'string' ? doc['userAgent'] : null, peerConnections: pcs, notes, cut: false };
}

function readInternals(doc: Record<string, unknown>): StatsDump {
  const pcs: PeerConnectionDump[] = [];
  let legacy = false;
  /** What could not be read, said in the notes (ICE audit: a dump of wrong shapes read as "no ICE data", exit 0). */
  const unread: string[] = [];
  for (const [id, raw] of Object.entries(doc['PeerConnections'] as Record<string, unknown>)) {
    if (!isObject(raw)) {
      unread.push(`peer connection ${id.slice(0, 40)} is not an object`);
      continue;
    }
    if (raw['updateLog'] !== undefined && !Array.isArray(raw['updateLog'])) unread.push(`peer connection ${id.slice(0, 40)}'s updateLog is not a list`);
    if (raw['stats'] !== undefined && !isObject(raw['stats'])) unread.push(`peer connection ${id.slice(0, 40)}'s stats are not an object`);
    const events: DumpEvent[] = [];
    const clock = new LocalClock();
    /** Events whose time is a local clock reading (older Chrome), placed once the stats' times are known. */
    const local: { index: number; ms: number }[] = [];
    for (const e of Array.isArray(raw['updateLog']) ? raw['updateLog'] : []) {
      if (!isObject(e) || typeof e['type'] !== 'string') continue;
      const ts = e['timestamp'];
      const reading = isFiniteNumber(ts) || typeof e['time'] !== 'string' ? null : clock.read(e['time']);
      if (reading !== null) local.push({ index: events.length, ms: reading });
      events.push({ time: isFiniteNumber(ts) ? ts : null, type: eventName(e['type']), value: decodeValue(e['value']) });
    }
    // Group the series by stats id; keep the ICE types only.
    const byId = new Map<string, { type: string; props: Map<string, RawSeries> }>();
    const stats = isObject(raw['stats']) ? raw['stats'] : {};
    for (const [key, series] of Object.entries(stats)) {
      if (!isObject(series)) continue;
      // The legacy getStats of Chrome before 80 (googCandidatePair, "Conn-audio-1-0" ids): not read, said (ICE audit: "no pair stats in the dump").
      if (!legacy && (series['statsType'] === 'googCandidatePair' || series['statsType'] === 'localcandidate' || /^Conn-[\w-]+-googActiveConnection$/.test(key))) legacy = true;
      // Older Chrome (86) wrote no statsType: the type is told from the id below.
      const type = typeof series['statsType'] === 'string' ? canonicalType(series['statsType']) : UNTYPED;
      if (type !== UNTYPED && !ICE_TYPES.has(type)) continue;
      const split = splitStatsKey(key);
      if (!split) continue;
      let entry = byId.get(split[0]);
      if (!entry) byId.set(split[0], (entry = { type, props: new Map() }));
      entry.props.set(split[1], { startTime: series['startTime'], endTime: series['endTime'], values: series['values'] });
    }
    typeUntyped(byId);
    const histories = new Map<string, StatsHistory>();
    for (const [sid, { type, props }] of byId) histories.set(sid, internalsHistory(sid, type, props));
    placeLocalTimes(events, local, histories);
    const config = configurationOf(raw['rtcConfiguration']);
    pcs.push({
      id,
      url: typeof raw['url'] === 'string' ? raw['url'] : null,
      configuration: isObject(config) ? config : null,
      events,
      stats: histories,
      iceRestarts: null,
      descriptions: [],
    });
  }
  if (unread.length > 0) unread.splice(0, unread.length, `not read: ${unread.slice(0, 5).join('; ')}${unread.length > 5 ? `; and ${unread.length - 5} more` : ''} (a dump edited or written by another tool?)`);
  const notes = legacy ? [...unread, 'the stats are the legacy getStats of Chrome before 80 (googCandidatePair, localcandidate, "Conn-…" ids), which sdpscope does not read: pairs and their checks are not known here, candidates and states come from the events'] : unread;
  return { format: 'webrtc-internals', userAgent: typeof doc['UserAgent'] === 'string' ? doc['UserAgent'] : null, peerConnections: pcs, notes, cut: false };
}

/**
 * The time of day of an older Chrome's updateLog entry, `time: "12/3/2026, 10:46:37 AM"`: the
 * browser's local time, in its locale's format (`3.12.2026, 10:46:37` in de-DE), with no zone.
 * Date.parse read it in the zone of the machine running sdpscope (the verdict changed with TZ:
 * ICE audit of 2026-12-05) and read de-DE's day as the month. Only the time of day is read
 * (hours, minutes, seconds, an AM/PM, fractions); a day is added each time the clock goes back
 * by more than 12 hours (the log is in order). Milliseconds on a clock of its own, or null.
 */
class LocalClock {
  private day = 0;
  private last: number | null = null;
  read(raw: string): number | null {
    // Arabic-Indic and Persian digits read as ASCII ones (ar-EG "١٢:٤٦:٣٧ م", fa-IR; audit of the change).
    const text = raw.slice(0, 64).replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
    const m = /(\d{1,2}):(\d{2}):(\d{2})(?:[.,](\d{1,3}))?/.exec(text);
    if (m === null) return null;
    let h = Number(m[1]);
    const min = Number(m[2]);
    const s = Number(m[3]);
    if (h > 23 || min > 59 || s > 60) return null;
    // The half of the day, after the time (en-US "AM"/"PM", "a.m.") or before it (ko-KR "오후",
    // zh-TW "下午", ja "午後"; audit of the change: those read 12 hours off).
    const half = HALF_PM.test(text) ? 'p' : HALF_AM.test(text) ? 'a' : undefined;
    if (half !== undefined) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (half === 'p' ? 12 : 0);
    }
    const fraction = m[4] === undefined ? 0 : Number(m[4].padEnd(3, '0'));
    let ms = ((h * 60 + min) * 60 + s) * 1000 + fraction + this.day * 86_400_000;
    if (this.last !== null && ms < this.last - 43_200_000) {
      this.day++;
      ms += 86_400_000;
    }
    this.last = ms;
    return ms;
  }
}

/** The markers of the afternoon and of the morning, in the locales webrtc-internals was read in. */
const HALF_PM = /\b[Pp]\.?\s?[Mm]\b|오후|下午|午後|\u0645(?![\u0600-\u06ff])|ب\.ظ/;
const HALF_AM = /\b[Aa]\.?\s?[Mm]\b|오전|上午|午前|\u0635(?![\u0600-\u06ff])|ق\.ظ/;

/**
 * Places events read on the local clock (LocalClock) on the stats' clock (epoch milliseconds,
 * UTC), shifted by a whole number of quarter hours (every time zone is one): the one that brings
 * the first of them nearest the first stats sample, moved back while it would put the last of
 * them after the last sample (a page opened minutes into the call starts its stats late). Without stats, they keep the local clock:
 * their order and the durations between them hold, only the date is not known.
 */
function placeLocalTimes(events: DumpEvent[], local: readonly { index: number; ms: number }[], histories: ReadonlyMap<string, StatsHistory>): void {
  if (local.length === 0) return;
  let first = Infinity;
  let end = -Infinity;
  for (const h of histories.values()) {
    const t = h.series('timestamp')[0]?.time ?? h.lastTime;
    if (t !== null && t !== undefined && Number.isFinite(t) && t < first) first = t;
    if (h.lastTime !== null && Number.isFinite(h.lastTime) && h.lastTime > end) end = h.lastTime;
  }
  const QUARTER = 900_000;
  let shift = 0;
  if (Number.isFinite(first)) {
    // The shift that brings the first event nearest the first sample (an app may log its first
    // event seconds after the peer connection is sampled: audit of the change, where a "latest
    // shift at or before" put such events a quarter hour early)...
    shift = Math.round((first - local[0]!.ms) / QUARTER) * QUARTER;
    // ...moved back while it puts the last event more than 30 s after the last sample (a page
    // opened minutes into the call starts its stats late, and nearest was then a quarter hour too
    // late; the stats are sampled every second to the end, so events follow them by seconds).
    const last = local[local.length - 1]!.ms;
    for (let i = 0; i < 112 && Number.isFinite(end) && last + shift > end + 30_000; i++) shift -= QUARTER;
  }
  for (const { index, ms } of local) events[index] = { ...events[index]!, time: ms + shift };
}

/**
 * rtcConfiguration as webrtc-internals writes it: JSON text, or in older Chrome a text form,
 * `{ iceServers: [stun:stun.l.google.com:19302, turn:…], iceTransportPolicy: relay, bundlePolicy: balanced, … }`.
 */
function configurationOf(v: unknown): unknown {
  const d = decodeValue(v);
  if (typeof d !== 'string') return d;
  const urls = [...d.matchAll(/\b(?:stuns?|turns?):[^\s,\]}]+/gi)].map((m) => m[0]);
  const word = (name: string) => new RegExp(`\\b${name}:\\s*([A-Za-z-]+)`).exec(d)?.[1];
  const out: Record<string, unknown> = { iceServers: urls.map((u) => ({ urls: u })) };
  for (const k of ['iceTransportPolicy', 'bundlePolicy', 'rtcpMuxPolicy', 'sdpSemantics']) {
    const w = word(k);
    if (w !== undefined) out[k] = w;
  }
  return urls.length > 0 || Object.keys(out).length > 1 ? out : null;
}

// ---- rtcstats ----

/** rtcstats' method table (rtcstats-shared compression.js; numbers are never reassigned). */
const METHODS: Readonly<Record<string, string>> = {
  g: 'getStats', 1: 'getStats', 2: 'createOffer', 3: 'createOfferOnSuccess', 4: 'createAnswer', 5: 'createAnswerOnSuccess', 6: 'setLocalDescription', 7: 'setLocalDescriptionOnSuccess',
  8: 'setRemoteDescription', 9: 'setRemoteDescriptionOnSuccess', 10: 'addIceCandidate', 11: 'addIceCandidateOnSuccess', 12: 'createOfferOnFailure', 13: 'createAnswerOnFailure',
  14: 'setLocalDescriptionOnFailure', 15: 'setRemoteDescriptionOnFailure', 16: 'addIceCandidateOnFailure', 20: 'onicecandidate', 21: 'onicecandidateerror', 22: 'ontrack',
  23: 'onsignalingstatechange', 24: 'oniceconnectionstatechange', 25: 'onconnectionstatechange', 26: 'onicegatheringstatechange', 27: 'onnegotiationneeded', 28: 'ondatachannel',
  30: 'addTrack', 31: 'addTrackOnSuccess', 32: 'addTransceiver', 33: 'addTransceiverOnSuccess', 34: 'removeTrack', 35: 'createDataChannel', 36: 'close', 37: 'restartIce',
  38: 'setConfiguration', 39: 'create', 40: 'constraints', 41: 'setCodecPreferences', 42: 'setHeaderExtensionsToNegotiate', 50: 'setParameters', 51: 'replaceTrack',
};

/** rtcstats' compressed property names (the ones ICE needs; others pass through). */
const PROPERTIES: Readonly<Record<string, string>> = {
  t: 'timestamp', 5: 'transportId', 121: 'iceRole', 122: 'iceLocalUsernameFragment', 123: 'dtlsState', 124: 'iceState', 125: 'selectedCandidatePairId', 132: 'selectedCandidatePairChanges',
  116: 'protocol', 134: 'address', 135: 'port', 136: 'candidateType', 137: 'priority', 138: 'url', 139: 'relayProtocol', 140: 'foundation', 141: 'relatedAddress', 142: 'relatedPort',
  143: 'usernameFragment', 144: 'tcpType', 145: 'networkType', 148: 'localCandidateId', 149: 'remoteCandidateId', 150: 'nominated', 151: 'lastPacketSentTimestamp',
  152: 'currentRoundTripTime', 153: 'availableOutgoingBitrate', 154: 'availableIncomingBitrate', 155: 'requestsReceived', 156: 'requestsSent', 157: 'responsesReceived',
  158: 'responsesSent', 159: 'consentRequestsSent', 34: 'lastPacketReceivedTimestamp', 41: 'bytesReceived', 80: 'bytesSent', 76: 'totalRoundTripTime', 118: 'state',
};
const STATS_TYPES: Readonly<Record<string, string>> = { 5: 'transport', 6: 'candidate-pair', 7: 'local-candidate', 8: 'remote-candidate', 10: 'peer-connection' };

/** A history kept as it is read: a point only where a value changes. */
class GrowingHistory implements StatsHistory {
  readonly last: Record<string, unknown> = {};
  private readonly points = new Map<string, StatsPoint[]>();
  constructor(
    readonly id: string,
    readonly type: string,
  ) {}
  lastTime: number | null = null;
  add(time: number, report: Record<string, unknown>): void {
    if (this.lastTime === null || time > this.lastTime) this.lastTime = time;
    for (const [k, v] of Object.entries(report)) {
      if (k === 'id' || k === 'type' || k === 'timestamp') continue;
      let s = this.points.get(k);
      if (!s) this.points.set(k, (s = []));
      const prev = s.at(-1);
      if (!prev || JSON.stringify(prev.value) !== JSON.stringify(v)) s.push({ time, value: v });
      this.last[k] = v;
    }
  }
  series(property: string): readonly StatsPoint[] {
    return this.points.get(property) ?? [];
  }
}

interface RtcPc {
  id: string;
  url: string | null;
  configuration: Record<string, unknown> | null;
  events: DumpEvent[];
  stats: Map<string, GrowingHistory>;
  /** The merged getStats state of the ICE objects (the base the next delta applies to). */
  base: Map<string, Record<string, unknown>>;
  /** Ids seen whose type is not an ICE one (their deltas are skipped). */
  ignored: Set<string>;
}

/** Media capture calls (getUserMedia, getDisplayMedia, enumerateDevices, track events) in an rtcstats dump. */
const MEDIA_METHOD = /^(navigator\.|getUserMedia|getDisplayMedia|enumerateDevices|MediaStream)/;

function readRtcStats(text: string, header: boolean): StatsDump {
  const pcs = new Map<string, RtcPc>();
  let userAgent: string | null = null;
  let url: string | null = null;
  let time = 0;
  let line = 0;
  let at = 0;
  let skipped = 0;
  let firstSkipped: number | null = null;
  /** The line number of the last line read when it was not JSON (null once a good one follows). */
  let torn: number | null = null;
  while (at <= text.length) {
    const nl = text.indexOf('\n', at);
    const raw = text.slice(at, nl < 0 ? text.length : nl);
    at = nl < 0 ? text.length + 1 : nl + 1;
    line++;
    const l = raw.trim();
    if (l === '' || (header && line === 1)) continue;
    const entry = json.parse(l);
    if (entry === NOT_JSON) {
      // A torn last line, or a stray one: counted, and said.
      skipped++;
      firstSkipped ??= line;
      torn = line;
      continue;
    }
    torn = null;
    if (header && line === 2) {
      if (isObject(entry)) {
        if (typeof entry['userAgent'] === 'string') userAgent = entry['userAgent'];
        if (typeof entry['url'] === 'string') url = entry['url'];
      }
      continue;
    }
    if (!Array.isArray(entry) || entry.length < 3) continue;
    const name = asText(entry[0]);
    const method = /^\d+$|^g$/.test(name) ? (METHODS[name] ?? name) : name;
    // File format 3: the last item is a delta to the previous line's time. The stored form: the
    // fourth is the absolute time, and jitsi's rtcstats-server of 2023 on writes a sequence number
    // after it (`[method, pc, value, time, seq]`: read as the time, every event was 1 ms apart;
    // dumps audit). A number past double range (JSON.parse gives Infinity) is not a time: the previous one holds.
    const last = header ? entry[entry.length - 1] : entry[3];
    if (isFiniteNumber(last) && Number.isFinite(header ? time + last : last)) time = header ? time + last : last;
    const pcId = entry[1];
    const value = entry[2];
    // Chrome's export: a first "create" with no peer connection describes the browser.
    if (method === 'create' && pcId === null && isObject(value) && userAgent === null) {
      const brands = (value['userAgentData'] as { brands?: { brand?: unknown; version?: unknown }[] } | undefined)?.brands;
      const named = Array.isArray(brands) ? brands.find((b) => typeof b?.brand === 'string' && !/not.?a.?brand/i.test(b.brand)) : undefined;
      if (named) userAgent = `${asText(named.brand)}/${asText(named.version)}`;
      continue;
    }
    if (method === 'connectionInfo') {
      // An object, or (rtcstats-server of 2023 on) the same object as JSON text: its browser and page were lost (dumps audit).
      const info = typeof value === 'string' ? json.parse(value) : value;
      if (isObject(info)) {
        if (typeof info['userAgent'] === 'string') userAgent = info['userAgent'];
        if (typeof info['url'] === 'string') url = info['url'];
      }
      continue;
    }
    if (typeof pcId !== 'string') continue;
    // Chrome's export files getUserMedia and its kin under an id of their own ("8-0"): not a peer connection.
    if (MEDIA_METHOD.test(method)) continue;
    let pc = pcs.get(pcId);
    if (!pc) pcs.set(pcId, (pc = { id: pcId, url, configuration: null, events: [], stats: new Map(), base: new Map(), ignored: new Set() }));
    if (method === 'getStats' || method === 'getstats') {
      if (isObject(value)) applyStats(pc, value, time, header);
      continue;
    }
    if (method === 'create' && isObject(value)) {
      pc.configuration = value;
      // Chrome's export: ["create", id, configuration, url, delta].
      if (typeof entry[3] === 'string' && entry.length >= 5) pc.url = entry[3];
    }
    pc.events.push({ time, type: eventName(method), value: decodeValue(value) });
  }
  const notes: string[] = [];
  // The last line torn (no line ending after it): a download cut short (ICE audit: read in silence, and "connected" from a dump of a call lost later).
  const cut = torn !== null && !/\n[ \t\r]*$/.test(text.slice(-4096));
  if (cut) notes.push(`the dump is cut: its last line (${torn}) stops in the middle, as a download cut short leaves it; what is said is of the lines before it, and the call may have gone on`);
  const stray = skipped - (cut ? 1 : 0);
  if (stray > 0) notes.push(`${stray} line(s) that are not JSON were skipped (the first: line ${firstSkipped})`);
  return { format: 'rtcstats', userAgent, peerConnections: [...pcs.values()].map(({ id, url: u, configuration, events, stats }) => ({ id, url: u, configuration, events, stats, iceRestarts: null, descriptions: [] })), notes, cut };
}

/** One getStats delta merged into the base (RTCStatsDump format 3 or the older merge), then recorded. */
function applyStats(pc: RtcPc, delta: Record<string, unknown>, lineTime: number, format3: boolean): void {
  const top = delta[format3 ? 't' : 'timestamp'];
  const t = isFiniteNumber(top) ? top : lineTime;
  for (const [rid, raw] of Object.entries(delta)) {
    if (rid === 't' || rid === 'timestamp') continue;
    if (raw === null) {
      pc.base.delete(rid);
      continue;
    }
    if (!isObject(raw) || pc.ignored.has(rid)) continue;
    const report: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) report[format3 ? (PROPERTIES[k] ?? k) : k] = k === 'type' && format3 ? (STATS_TYPES[asText(v)] ?? v) : v;
    const prev = pc.base.get(rid);
    if (!prev) {
      const type = typeof report['type'] === 'string' ? canonicalType(report['type']) : '';
      if (!ICE_TYPES.has(type)) {
        pc.ignored.add(rid);
        continue;
      }
      report['type'] = type;
    }
    const merged = { ...(prev ?? {}), ...report };
    pc.base.set(rid, merged);
  }
  // The older compression sends every report still there (an unchanged one as {timestamp: 0}):
  // a report it leaves out was removed from getStats.
  if (!format3) for (const rid of [...pc.base.keys()]) if (!(rid in delta)) pc.base.delete(rid);
  for (const [rid, report] of pc.base) {
    let h = pc.stats.get(rid);
    if (!h) pc.stats.set(rid, (h = new GrowingHistory(rid, asText(report['type']))));
    const ts = report['timestamp'];
    h.add(isFiniteNumber(ts) && ts > 0 ? ts : t, report);
  }
}

// ---- live getStats() ----

/** An RTCStats object: {id, type, timestamp, …}. */
const isRtcStats = (v: unknown): v is Record<string, unknown> => isObject(v) && typeof v['id'] === 'string' && typeof v['type'] === 'string' && isFiniteNumber(v['timestamp']);

/** A saved getStats() result (an array of RTCStats, or an object of them by id), with an ICE one in it. */
function isSnapshot(v: unknown): boolean {
  const list = Array.isArray(v) ? v : isObject(v) ? Object.values(v) : null;
  if (list === null || list.length === 0) return false;
  // An app's own members beside the RTCStats (a "tracks" object of its own: real-dump audit, an
  // app that logs its stats keyed by type) are passed over, said in the notes; most must be RTCStats.
  let stats = 0;
  let ice = false;
  for (const x of list) {
    if (!isRtcStats(x)) continue;
    stats++;
    ice ||= ICE_TYPES.has(canonicalType(x['type'] as string));
  }
  return ice && stats * 2 >= list.length;
}

/** The members of a getStats() result saved as an object that are no RTCStats object (their keys), for the notes. */
function strayMembers(snapshots: readonly StatsSnapshot[]): string[] {
  const keys = new Set<string>();
  // What is read: an object with an id and a type, a timestamp or not (new-user audit: an untimed
  // pair beside timed reports was said passed over, and read).
  const read = (v: unknown) => isObject(v) && typeof v['id'] === 'string' && typeof v['type'] === 'string';
  for (const s of snapshots) if (isObject(s) && !Array.isArray(s)) for (const [k, v] of Object.entries(s)) if (!read(v)) keys.add(k);
  let items = 0;
  for (const s of snapshots) if (Array.isArray(s)) for (const v of s) if (!read(v) && !isObjectString(v)) items++;
  return [...[...keys].slice(0, 5).map((k) => JSON.stringify(k)), ...(keys.size > 5 ? [`${keys.size - 5} more`] : []), ...(items > 0 ? [`${items} item(s) of a list`] : [])];
}

/**
 * A stats object's fields: its own, or, when it keeps them under a "values" member beside its
 * id, type and timestamp, those (flutter_webrtc's StatsReport.toMap(): an object; old
 * react-native-webrtc: a list of one-field objects). An RTCStats dictionary has no "values"
 * member (W3C webrtc-stats): read as it is, a pair of that shape was "still checking" in a call
 * that had connected (ICE audit).
 */
function fieldsOf(raw: Record<string, unknown>): Record<string, unknown> {
  const v = raw['values'];
  const own = { id: raw['id'], type: raw['type'], timestamp: raw['timestamp'] };
  // Entries, not assignment: a "__proto__" field stays a field.
  if (isObject(v) && !Array.isArray(v)) return Object.fromEntries([...Object.entries(v), ...Object.entries(own)]);
  if (Array.isArray(v) && v.length > 0 && v.every((x) => isObject(x) && !Array.isArray(x))) return Object.fromEntries([...v.flatMap((x) => Object.entries(x as object)), ...Object.entries(own)]);
  return raw;
}

/** Whether some ICE stats object of the snapshots keeps its fields under "values" (see fieldsOf). */
function valuesNested(snapshots: readonly StatsSnapshot[]): boolean {
  return snapshots.some((s, i) => [...statsOf(s, i)].some((r) => isObject(r) && typeof r['type'] === 'string' && ICE_TYPES.has(canonicalType(r['type'])) && fieldsOf(r) !== r));
}

/** "[object RTCStatsReport]": what a report printed with String() or "+" gives (a paste beside its values: simple-peer#221). */
const isObjectString = (v: unknown): boolean => typeof v === 'string' && /^\[object \w{1,64}\]$/.test(v);

/** A document of getStats() results as JSON: one snapshot, or an array of them; null when it is not one. */
function getStatsSnapshots(doc: unknown): StatsSnapshot[] | null {
  if (isSnapshot(doc)) return [doc as StatsSnapshot];
  if (Array.isArray(doc) && doc.length > 0 && doc.every(isSnapshot)) return doc as StatsSnapshot[];
  // Beside "[object RTCStatsReport]" strings: those passed over (said in the notes).
  if (Array.isArray(doc) && doc.some(isObjectString)) {
    const kept = doc.filter((x) => !isObjectString(x));
    if (kept.length > 0 && kept.every(isSnapshot)) return kept as StatsSnapshot[];
  }
  return null;
}

/**
 * A getStats() result grouped by type, as apps and exporters save one: `{"candidate-pair": [...],
 * "local-candidate": [...], …}`, or `{"candidatePair": [...], "audio": {"outbound": [...]}}` (a
 * member's members, one level down): its RTCStats objects as one list, or null. Two groups of
 * RTCStats at least, an ICE one among them; the first 64 members at each level looked at.
 * (ICE audit: webrtc-stats-exporter's grouping had its candidate pairs read alone, and "0 local,
 * 0 remote, no transport" said of a connected call.)
 */
function groupedSnapshot(v: unknown): unknown[] | null {
  if (!isObject(v) || isRtcStats(v)) return null;
  const members: Record<string, unknown> = v;
  const out: unknown[] = [];
  let groups = 0;
  let ice = false;
  const ids = new Set<string>();
  let mixed = false;
  const take = (list: unknown) => {
    if (!Array.isArray(list) || list.length === 0 || !list.every(isRtcStats)) return;
    // A group is of one type, and no id is in two: an object of whole results (`{"before": [...],
    // "after": [...]}`, two browsers' results) is no grouping (audit of the change: merged into one).
    const type = (list[0] as Record<string, unknown>)['type'];
    for (const x of list as Record<string, unknown>[]) {
      if (x['type'] !== type || ids.has(x['id'] as string)) mixed = true;
      ids.add(x['id'] as string);
    }
    groups++;
    for (const x of list) {
      out.push(x);
      ice ||= ICE_TYPES.has(canonicalType(x['type'] as string));
    }
  };
  let looked = 0;
  for (const k in members) {
    if (looked++ >= 64) break;
    const m = members[k];
    if (Array.isArray(m)) take(m);
    else if (isObject(m) && !isRtcStats(m)) {
      const group: Record<string, unknown> = m;
      let inner = 0;
      for (const k2 in group) {
        if (inner++ >= 64) break;
        take(group[k2]);
      }
    }
  }
  return groups >= 2 && ice && !mixed ? out : null;
}

/**
 * One getStats() result: an RTCStatsReport (a Map by id), its values as an array, or an object by
 * id (`Object.fromEntries(report)`, what JSON keeps of one).
 */
export type StatsSnapshot = ReadonlyMap<string, unknown> | readonly unknown[] | Readonly<Record<string, unknown>> | StatsMaplike;

/**
 * An RTCStatsReport as TypeScript's "DOM" lib alone declares it (forEach only; get, values and
 * the rest come with "DOM.Iterable"): `[await pc.getStats()]` type-checks under `lib: ["ES2022",
 * "DOM"]` too (library audit: TS2322 under the project's own browser settings).
 */
export interface StatsMaplike {
  forEach(callbackfn: (value: unknown, key: string, parent: unknown) => void): void;
}

export interface LiveStatsOptions {
  /** The peer connection's name in the report (default "live"). */
  readonly id?: string;
  /** Its current local and remote SDPs (pc.localDescription?.sdp, pc.remoteDescription?.sdp), when you have them. */
  readonly localSdp?: string | null | undefined;
  readonly remoteSdp?: string | null | undefined;
  /** Its RTCConfiguration (pc.getConfiguration()): the ICE servers and policy the report then names. */
  readonly configuration?: object | null | undefined;
}

/** An RTCStatsReport (maplike: a browser's is no Map subclass) or a Map. */
export const isStatsReport = (s: unknown): s is ReadonlyMap<string, unknown> =>
  s instanceof Map || (s !== null && typeof s === 'object' && typeof (s as { values?: unknown }).values === 'function' && typeof (s as { get?: unknown }).get === 'function');

/** The stats objects of one snapshot, each {id, type, timestamp, …}. */
function statsOf(s: unknown, i: number): Iterable<unknown> {
  if (isStatsReport(s)) return s.values();
  if (Array.isArray(s)) return s;
  if (s !== null && typeof s === 'object' && typeof (s as { forEach?: unknown }).forEach === 'function') {
    const values: unknown[] = [];
    (s as StatsMaplike).forEach((v) => values.push(v));
    return values;
  }
  if (isObject(s)) return Object.values(s);
  throw new SdpscopeError('INVALID_ARGUMENT', `peerConnectionFromStats: snapshot ${i} must be a getStats() result (an RTCStatsReport, its values as an array, or an object by id), got ${describe(s)}`);
}

/**
 * A getStats timestamp in epoch milliseconds. Native libwebrtc's RTCStats::ToJson writes
 * microseconds (Momo's metrics, M88: 1608355682366521): past 1e14 (the year 5138 in ms) it is
 * read as µs (ICE audit: every threshold was 1000× off, and the verdict changed).
 */
export const msOf = (t: number): number => (t > 1e14 ? t / 1000 : t);

/**
 * A peer connection as explainIce reads it, from live getStats() results (a dashboard's own
 * calls, no dump): one or several snapshots, oldest first, with the SDPs and configuration when
 * you have them. Each ICE stats object (candidate pairs, local and remote candidates, transports)
 * gets its history over the snapshots (library audit: live stats could not reach explainIce).
 * A dump's events (state changes, candidates signalled) are not in getStats: the report rests on
 * the stats and the SDPs.
 */
export function peerConnectionFromStats(snapshots: readonly StatsSnapshot[], options: LiveStatsOptions = {}): PeerConnectionDump {
  if (!Array.isArray(snapshots)) throw new SdpscopeError('INVALID_ARGUMENT', `peerConnectionFromStats: the snapshots must be an array of getStats() results, oldest first (one: [await pc.getStats()]), got ${describe(snapshots)}`);
  requireOptions(options, 'peerConnectionFromStats: the options', { id: 'string', localSdp: 'string?', remoteSdp: 'string?', configuration: 'object?' });
  if (snapshots.length === 0) throw new SdpscopeError('INVALID_ARGUMENT', 'peerConnectionFromStats: no snapshot: give at least one getStats() result ([await pc.getStats()])');
  const stats = new Map<string, GrowingHistory>();
  let rtcStats = 0;
  let peerConnection = false;
  snapshots.forEach((snapshot, i) => {
    for (const raw of statsOf(snapshot, i)) {
      // An RTCStats object is a plain dictionary (Chromium's and Firefox's reports hold them).
      if (!isObject(raw) || typeof raw['id'] !== 'string' || typeof raw['type'] !== 'string') continue;
      rtcStats++;
      const type = canonicalType(raw['type']);
      if (type === 'peer-connection') peerConnection = true;
      if (!ICE_TYPES.has(type)) continue;
      const fields = fieldsOf(raw);
      let h = stats.get(raw['id']);
      if (!h) stats.set(raw['id'], (h = new GrowingHistory(raw['id'], type)));
      h.add(isFiniteNumber(raw['timestamp']) ? msOf(raw['timestamp']) : 0, fields);
    }
  });
  // Both browsers' getStats() always holds a peer-connection object, from a fresh connection on
  // (measured, Chromium 156 and Firefox ESR 153): snapshots with neither it nor an ICE object are
  // no whole report, and "ICE had not started" would be a verdict on nothing (library audit:
  // [], [new Map()], a report filtered to outbound-rtp while media flowed).
  if (stats.size === 0 && !peerConnection) {
    throw new SdpscopeError('INVALID_ARGUMENT', `peerConnectionFromStats: ${rtcStats === 0 ? 'the snapshots hold no RTCStats object (one with string id and type)' : `the snapshots' ${rtcStats} RTCStats objects include no peer-connection and no ICE object (candidate-pair, local-candidate, remote-candidate, transport)`}: give whole getStats() results, which always hold a peer-connection object`);
  }
  const descriptions: { time: number | null; local: boolean; sdp: string }[] = [];
  for (const [sdp, local, what] of [[options.localSdp, true, 'localSdp'], [options.remoteSdp, false, 'remoteSdp']] as const) {
    if (sdp === undefined || sdp === null) continue;
    if (typeof sdp !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', `peerConnectionFromStats: ${what} must be an SDP string or null, got ${describe(sdp)}`);
    descriptions.push({ time: null, local, sdp });
  }
  const id = options.id ?? 'live';
  if (typeof id !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', `peerConnectionFromStats: the id must be a string, got ${describe(id)}`);
  const configuration = options.configuration ?? null;
  if (configuration !== null && !isObject(configuration)) throw new SdpscopeError('INVALID_ARGUMENT', `peerConnectionFromStats: the configuration must be an object (pc.getConfiguration()), got ${describe(configuration)}`);
  return { id, url: null, configuration, events: [], stats, iceRestarts: null, descriptions };
}

// ---- Firefox about:webrtc ----

/**
 * The page URL in a Firefox pcid ("… (id=… url=https://…)"): what /url=(\S+?)\)?$/ matched, the
 * first "url=" after the last blank, without a closing ")"; found in one pass (that regex tried
 * every "url=" to the end: quadratic; parser audit).
 */
function pageUrlOf(pcid: string): string | null {
  let from = 0;
  for (let i = pcid.length - 1; i >= 0; i--) {
    if (BLANK.test(pcid[i]!)) {
      from = i + 1;
      break;
    }
  }
  const at = pcid.indexOf('url=', from);
  if (at < 0 || at + 4 >= pcid.length) return null;
  const v = pcid.slice(at + 4);
  return v.length > 1 && v.endsWith(')') ? v.slice(0, -1) : v;
}
const BLANK = /\s/;

function readFirefox(reports: Record<string, unknown>[], doc: Record<string, unknown>): StatsDump {
  const histories = (report: Record<string, unknown>): Map<string, StatsHistory> => {
    const out = new Map<string, StatsHistory>();
    const time = isFiniteNumber(report['timestamp']) ? report['timestamp'] : 0;
    const add = (list: unknown, fallbackType: string) => {
      for (const s of Array.isArray(list) ? list : []) {
        if (!isObject(s) || typeof s['id'] !== 'string') continue;
        const type = canonicalType(typeof s['type'] === 'string' ? s['type'] : fallbackType);
        const h = new GrowingHistory(s['id'], type);
        h.add(isFiniteNumber(s['timestamp']) ? s['timestamp'] : time, s);
        out.set(s['id'], h);
      }
    };
    add(report['iceCandidatePairStats'], 'candidate-pair');
    add(report['iceCandidateStats'], 'local-candidate');
    add(report['trickledIceCandidateStats'], 'remote-candidate');
    // Firefox 125 and later: the transports, with iceRole, iceState and dtlsState.
    add(report['transportStats'], 'transport');
    return out;
  };
  const pcs = reports.map((r): PeerConnectionDump => {
    const pcid = typeof r['pcid'] === 'string' ? r['pcid'] : 'pc';
    const descriptions: { time: number | null; local: boolean; sdp: string; errors?: string[] }[] = [];
    for (const h of Array.isArray(r['sdpHistory']) ? r['sdpHistory'] : []) {
      if (!isObject(h) || typeof h['sdp'] !== 'string') continue;
      // Firefox keeps a refused description too, with why (ICE audit: counted as set, its error never shown).
      const errors = (Array.isArray(h['errors']) ? h['errors'] : []).map((e) => (isObject(e) ? `${isFiniteNumber(e['lineNumber']) ? `line ${e['lineNumber']}: ` : ''}${asText(e['error'] ?? '')}` : asText(e)).slice(0, 500));
      descriptions.push({ time: isFiniteNumber(h['timestamp']) ? h['timestamp'] : null, local: h['isLocal'] === true, sdp: h['sdp'], ...(errors.length > 0 ? { errors } : {}) });
    }
    if (typeof r['localSdp'] === 'string') descriptions.push({ time: null, local: true, sdp: r['localSdp'] });
    if (typeof r['remoteSdp'] === 'string') descriptions.push({ time: null, local: false, sdp: r['remoteSdp'] });
    const url = pageUrlOf(pcid);
    // A closed peer connection ("closed": true) is an event of its own, at the report's time.
    const events: DumpEvent[] = r['closed'] === true ? [{ time: isFiniteNumber(r['timestamp']) ? r['timestamp'] : null, type: 'close', value: null }] : [];
    return {
      id: /id=(\S+)/.exec(pcid)?.[1] ?? pcid,
      url,
      configuration: isObject(r['configuration']) ? r['configuration'] : null,
      events,
      stats: histories(r),
      iceRestarts: isFiniteNumber(r['iceRestarts']) ? r['iceRestarts'] : null,
      descriptions,
    };
  });
  return { format: 'firefox-about-webrtc', userAgent: typeof doc['userAgent'] === 'string' ? doc['userAgent'] : null, peerConnections: pcs, notes: [], cut: false };
}
