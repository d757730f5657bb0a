/**
 * CandidateAnalyzer: receives what an input scan finds (it is an InputSink) and builds the
 * ICE picture: candidates grouped into sessions (by ufrag; else by peer connection and side, or
 * by sender), counts, NAT inference, diagnostics, calls (two sessions that exchange frames) and
 * their predicted pairs. Memory stays bounded: at most `maxSessions` open sessions (the least
 * recently active are reported early) and `maxCandidatesPerSession` kept candidates each.
 */
import { INSIDE_CLASSES, isRoutable, libwebrtcMasked } from '../candidate/address.js';
import type { Candidate } from '../candidate/candidate.js';
import type { CandidateExplanation } from '../candidate/explain.js';
import { inferType } from '../input/pair.js';
import { sessionUfrag } from '../input/session-ufrag.js';
import { requireInteger, requireObject, requireOptions, SdpscopeError } from '../errors.js';
import { requireCandidate } from '../candidate/candidate.js';
import { readingModels } from '../model-guard.js';
import { atLine, boundedFindings, diagnostic, SEVERITY, type FindingSink, type InputDiagnostic, type LogDiagnostic, type LogDiagnosticPayloads } from '../diagnostics.js';
import type { FoundCandidate, FoundDescription, FoundEndOfCandidates, InputSink } from '../input/types.js';
import { RELAY_CLIENT_LEFT, RELAY_STARTED } from '../input/relay-runs.js';
import { CANDIDATE_FACTS, type FactsSink } from './fast-facts.js';
import { candidateIdHash, connectionOf, factsOfFound, sideOf, type CandidateFacts, type KeptFacts, type ParsedFound } from './facts.js';
import { toRecord, type CandidateRecord } from './record.js';
import { NatEvidence, type NatVerdict } from './nat.js';
import { IdSet } from './id-set.js';
import { predictPairs, type PredictedPair } from './pairs.js';

export type { CandidateRecord } from './record.js';

/** A session-level finding of the analyzer. */
const at = (kind: keyof LogDiagnosticPayloads, message: string, session: string | null = null, line: number | null = null, file?: string, sdpLine?: number): LogDiagnostic =>
  diagnostic(kind, message, { session, line, ...placeOf(file, sdpLine) });

/**
 * The session of candidates with no ufrag and no connection (plain candidate lines): one per
 * input file when several are read (each file is one agent's, unless its lines say otherwise:
 * merged, two peers' mappings read as one NAT's made a false "symmetric NAT"; candidates audit),
 * one for the input otherwise.
 */
const anonymous = (file: string | undefined, side?: Side): string => `no ufrag${side !== undefined ? `, ${side} side` : ''}${file !== undefined ? `, ${file}` : ''}`;

/** A finding's file and line in an SDP held in one input line, each where there is one. */
const placeOf = (file: string | undefined, sdpLine: number | undefined): { file?: string; sdpLine?: number } =>
  file === undefined ? (sdpLine === undefined ? {} : { sdpLine }) : sdpLine === undefined ? { file } : { file, sdpLine };

/** A kept candidate: what was found, parsed and explained once. */
export interface KeptCandidate {
  readonly candidate: Candidate;
  readonly explanation: CandidateExplanation;
  readonly found: FoundCandidate;
}


export interface SessionCounts {
  readonly total: number;
  readonly byType: Record<string, number>;
  readonly byTransport: Record<string, number>;
  readonly byFamily: Record<string, number>;
}

export interface SessionReport {
  readonly session: string;
  readonly ufrag: string | null;
  /** Where the session was seen: peer connection and side (dumps), sender and room (relay logs). */
  readonly origin: { readonly peerConnection?: string; readonly side?: 'local' | 'remote'; readonly sender?: string; readonly room?: string; readonly file?: string };
  /** Distinct candidates (a resent candidate counts once; see `duplicates`). */
  readonly counts: SessionCounts;
  readonly duplicates: number;
  readonly nat: NatVerdict;
  readonly endOfCandidates: boolean;
  readonly firstLine: number;
  readonly lastLine: number;
  /** The file of `lastLine` when several files are read (that of `firstLine` is `origin.file`). */
  readonly lastFile?: string;
  /** Kept candidates (up to the per-session limit), in arrival order. */
  readonly candidates: readonly KeptCandidate[];
  /** Candidates beyond the per-session limit (counted, not kept). */
  readonly dropped: number;
  readonly diagnostics: readonly LogDiagnostic[];
}

export interface CallReport {
  /** The two sessions; `controlling` names the controlling one (RFC 8445 §6.1.1), or null if unknown. */
  readonly sessions: readonly [string, string];
  readonly controlling: string | null;
  /** How the call was recognised ("peer connection 8-1", "room r1: senders a and b", "offer/answer ufrags"). */
  readonly basis: string;
  /** Distinct candidates of each side in the input (`sessions`' order): a side with none pairs nothing. */
  readonly candidates: readonly [number, number];
  readonly pairs: readonly PredictedPair[];
}

export interface AnalysisReport {
  /** Every candidate as a record (only when `keepRecords`). */
  readonly candidates: readonly CandidateRecord[];
  readonly sessions: readonly SessionReport[];
  readonly calls: readonly CallReport[];
  readonly diagnostics: readonly LogDiagnostic[];
  /**
   * Candidate lines read (`candidates`), of them distinct within their session (`distinct`: a
   * resent candidate counts once), lines that did not parse, sessions seen, and sessions reported
   * early (evicted past `maxSessions`).
   */
  readonly totals: { readonly candidates: number; readonly distinct: number; readonly invalid: number; readonly sessions: number; readonly evicted: number };
}

export interface AnalyzerOptions {
  /** Build a CandidateRecord for every candidate and keep it for the final report (--json). Default false. */
  readonly keepRecords?: boolean;
  /** Called with each candidate record as it is found. */
  readonly onCandidate?: (record: CandidateRecord) => void;
  /** Called with each candidate record as JSON text as it is found (--ndjson, --json): the same as JSON.stringify of onCandidate's, made faster. */
  readonly onCandidateJson?: (json: string) => void;
  /**
   * Called when a session is closed: evicted early, or at finish. With it, closed sessions are
   * handed over and not kept (memory stays flat); `finish().sessions` then holds only those
   * still open at the end, without their kept candidates (a call's pairs are made from them
   * first). Without it, every session is kept whole for the final report.
   */
  readonly onSession?: (report: SessionReport) => void;
  /** Open sessions kept at once (default 2000). */
  readonly maxSessions?: number;
  /** Candidates kept per session for tables and pairs (default 64). */
  readonly maxCandidatesPerSession?: number;
}

type Side = 'local' | 'remote';

interface SessionState {
  readonly key: string;
  readonly ufrag: string | null;
  readonly origin: SessionReport['origin'];
  /** Kept for tables and pairs: made whole (KeptCandidate) when the session is reported. */
  /** Kept for tables and pairs, as little as makes the found candidate again (see CandidateFacts.keep). */
  kept: KeptFacts[] | null;
  readonly seen: IdSet;
  /** TCP candidates on port 9 seen with a mid: their mids by id (at most 1,024 ids), to tell each m-line's apart. */
  port9Mids?: Map<number, Set<string>>;
  /**
   * The rule findings said of this session's candidates, their messages by kind (at most 256 in
   * all): a resent line says only those not said yet. By kind, not as one "kind message" string:
   * that string, made for each resent candidate, was a quarter of the analysis of a log that
   * resends one candidate thousands of times (a fuzzer's finding).
   */
  linted?: { readonly byKind: Map<string, Set<string>>; size: number };
  /**
   * Candidates whose address libwebrtc's own log masked ("192.168.0.x": its "Gathered candidate:
   * Cand[…]"), by the id of that masked form: a whole copy of one after it (the app's own
   * onIceCandidate line) is the same candidate, which it then shows. Made at the first such one.
   */
  masked?: Map<number, MaskedCandidate>;
  readonly byType: Record<string, number>;
  readonly byTransport: Record<string, number>;
  readonly byFamily: Record<string, number>;
  nat: NatEvidence | null;
  readonly diagnostics: LogDiagnostic[];
  /** Into `diagnostics`, bounded per kind (a session of a million bad candidates is a hundred findings and a count). */
  findings: FindingSink<LogDiagnostic> | null;
  total: number;
  dropped: number;
  duplicates: number;
  endOfCandidates: boolean;
  /** The line its first trickled end of candidates was on (0: none, or only a description's a=end-of-candidates), and whether a candidate after it was said. */
  endLine: number;
  /** That end's file and m-section (sdpMid, when it named one): a candidate is after it only in that file, of that m-section. */
  endFile: string | undefined;
  endMid: string | null;
  afterEndSaid: boolean;
  /**
   * Its description does not trickle (no a=ice-options:trickle) or is ICE-lite: its candidates are
   * all in it (RFC 8838 §3; RFC 8445 §2.5), so no end-of-candidates is missing (candidates audit: noise).
   */
  wholeSet: boolean;
  /** Its description is ICE-lite (a=ice-lite), or the list its candidates came in says so (FoundCandidate.iceLite): host candidates only, by definition (RFC 8445 §2.5), so no srflx or relay is missing. */
  lite: boolean;
  /** Distinct host candidates; of them, mDNS names and addresses that are not routable (counted as they come: nothing kept is needed). */
  hosts: number;
  mdnsHosts: number;
  nonRoutableHosts: number;
  firstLine: number;
  lastLine: number;
  lastFile: string | undefined;
  /** When it was last active (a counter), for eviction. */
  lastSeq: number;
}

/** A context where two sides talk: a peer connection, a relay room, or the input as a whole. */
interface CallContext {
  readonly basis: string;
  /** side name → latest session key on that side. */
  readonly sides: Map<string, string>;
  offerer: string | null;
  lite: Set<string>;
  /** Per side, its keys with the tick each began at (the last 16): a leaving side's partner is the key it talked to. */
  keys?: Map<string, { key: string; since: number }[]>;
  /** Per side, the tick it was last seen at. */
  seen?: Map<string, number>;
  /** The calls of sides that left (a third client talked in the room: a peer reloaded, another joined), at most 64. */
  past?: { a: string; b: string; controlling: string | null }[];
  /** Keys whose call is in `past`. */
  recorded?: Set<string>;
  /** Sides taken out of the pair; one heard again means several talk at once (a mesh): no calls are told from such a room. */
  gone?: Set<string>;
  mesh?: boolean;
  /** The tick a third side last took a place in the pair. */
  replacedAt?: number;
}

/** Sides of a room remembered per context, and calls of sides that left it. */
const MAX_SIDE_KEYS = 16;
const MAX_PAST_CALLS = 4096;

/** Outside a relay log, or in its first run: names as they are. */
const NO_RELAY_RUN = { run: 0, inRun: (name: string) => name };

/** A relay room's call context, per relay run (a second run's r1 is another room's). */
const roomContextKey = (room: string, run: number): string => `room ${room}${run > 1 ? ` run ${run}` : ''}`;

/**
 * The controlling side's key of a call of two sides: the offerer's, unless it is ICE-lite and the
 * other side is not (RFC 8445 §6.1.1); null when neither side offered in what was read.
 */
function controllingKey(ctx: CallContext, sideA: string, a: string, sideB: string, b: string): string | null {
  let side = ctx.offerer;
  if (side !== null && (side === sideA || side === sideB) && ctx.lite.has(side) && ctx.lite.size === 1) side = side === sideA ? sideB : sideA;
  return side === sideA ? a : side === sideB ? b : null;
}

/** Distinct candidates a session remembers to recognise a repeat (real sessions have tens). */
const MAX_DISTINCT_TRACKED = 4096;
/** A candidate counted in the form libwebrtc's log masks: what its whole copy replaces (`kept`: its row in the table, -1 if none). */
interface MaskedCandidate {
  readonly family: string;
  readonly routable: boolean;
  readonly kept: number;
  /** Its input line, and the mid its log gave it (a Port's transport name), which a whole copy without one keeps. */
  readonly line: number;
  readonly sdpMid: string | null;
}

/** A srflx or relay candidate on an address inside a network: what is said of it. */
const insideAddress = (f: CandidateFacts, key: string, line: number): LogDiagnostic =>
  at(f.type === 'relay' ? 'relay-private-address' : 'srflx-private-address', `${f.type} ${f.address}:${f.port} is a ${f.addressClass === 'ipv6-ula' ? 'private (IPv6 ULA)' : f.addressClass} address${f.type === 'srflx' ? ': the STUN server that saw it is inside the network' : ''}`, key, line, f.file, f.sdpLine);

/** A kept candidate with the mid another line of it gave. */
const withMid = (k: KeptFacts, sdpMid: string): KeptFacts => ({ found: () => ({ ...k.found(), sdpMid }) });

/** Masked candidates a session remembers to recognise their whole copy (a native log has tens). */
const MAX_MASKED = 4096;

/** The parts of a Source the analyzer groups by (a Source, or a candidate's facts). */
interface Where {
  readonly peerConnection?: string | undefined;
  readonly event?: string | undefined;
  readonly sender?: string | undefined;
  readonly room?: string | undefined;
  /** The input file, when several are read. */
  readonly file?: string | undefined;
}

/** The side of a Source's event. */
const sideOfSource = (source: Where): Side | undefined => sideOf(source.event);

const SOURCE_STRINGS = ['file', 'event', 'peerConnection', 'sender', 'room', 'path'] as const;

/** A source as the readers make it (its line, and the optional strings the analyzer reads). */
function requireSource(source: unknown, who: string): void {
  const s = source as Record<string, unknown> | null;
  if (s === null || typeof s !== 'object' || typeof s['line'] !== 'number' || !Number.isFinite(s['line'])) throw new SdpscopeError('INVALID_ARGUMENT', `${who}: the source must be {line: a number, …}, as readInput makes it`);
  for (const k of SOURCE_STRINGS) {
    if (s[k] !== undefined && typeof s[k] !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', `${who}: source.${k} must be a string when present, as readInput makes it`);
  }
}

/**
 * A found candidate as readInput makes it, in the fields the analyzer reads (library audit: one
 * revived from JSON with a field of the wrong type met a TypeError inside). Off the fast path:
 * the CLI's canonical lines come as facts.
 */
function requireFound(found: FoundCandidate): void {
  const who = 'CandidateAnalyzer.candidate';
  requireSource(found.source, who);
  const bad = (what: string) => new SdpscopeError('INVALID_ARGUMENT', `${who}: the found candidate's ${what}, as readInput makes it`);
  if (typeof found.text !== 'string') throw bad('text must be a string');
  for (const k of ['sdpMid', 'usernameFragment'] as const) if (found[k] !== null && found[k] !== undefined && typeof found[k] !== 'string') throw bad(`${k} must be a string or null`);
  if (found.side !== undefined && found.side !== 'local' && found.side !== 'remote') throw bad('side must be "local" or "remote" when present');
  if (!found.candidate || !found.explanation) return;
  requireCandidate(found.candidate, `${who}: the found candidate's candidate`);
  if (typeof found.explanation !== 'object') throw bad('explanation must be explainCandidate(candidate)');
  const x = found.explanation as unknown as Record<string, unknown>;
  const address = x['address'] as Record<string, unknown> | null;
  const related = x['relatedAddress'] as Record<string, unknown> | null;
  const priority = x['priority'] as Record<string, unknown> | null;
  const ok =
    typeof x === 'object' &&
    priority !== null && typeof priority === 'object' && typeof priority['typePreference'] === 'number' && typeof priority['localPreference'] === 'number' && typeof priority['componentId'] === 'number' &&
    address !== null && typeof address === 'object' && typeof address['family'] === 'string' && typeof address['class'] === 'string' &&
    (related === null || (typeof related === 'object' && typeof related['family'] === 'string' && typeof related['class'] === 'string')) &&
    Array.isArray(x['warnings']);
  if (!ok) throw bad('explanation must be explainCandidate(candidate)');
}

/** AnalyzerOptions as requireOptions checks them (the numbers' ranges are checked after). */
const ANALYZER_OPTIONS = { keepRecords: 'boolean', onCandidate: 'function', onCandidateJson: 'function', onSession: 'function', maxSessions: 'integer', maxCandidatesPerSession: 'integer' } as const;

const bump = (r: Record<string, number>, k: string) => {
  r[k] = (r[k] ?? 0) + 1;
};

/**
 * The candidate-log analysis as a sink for the readers (scanInput, scanStream, readInput's walk):
 * candidates grouped into sessions by ufrag, each decoded, checked and deduplicated, NAT evidence
 * and pairs per session, calls of two sessions told apart; `finish()` gives the report. Bounded
 * memory: `maxSessions` and `maxCandidatesPerSession` (options) cap what is kept.
 */
export class CandidateAnalyzer implements InputSink, FactsSink {
  private readonly sessions = new Map<string, SessionState>();
  /** The session opened last (the sessions' last entry: eviction keeps it). */
  private newest: SessionState | undefined;
  private readonly closed: SessionReport[] = [];
  private readonly records: CandidateRecord[] = [];
  private readonly diags: LogDiagnostic[] = [];
  /** The input's own findings (lines that are not JSON, candidates that do not parse), bounded per kind. */
  private readonly inputFindings = boundedFindings(this.diags);
  private contexts = new Map<string, CallContext>();
  /** Per file, the session of the latest candidate a pasted event gave this side (see eventSide): where such an input's end of gathering goes. */
  private localEvents = new Map<string, string>();
  /** connection (pc+side, room+sender) → its last ufrag, to see ICE restarts. */
  private lastUfrag = new Map<string, string>();
  /** Per connection, the ufrags it restarted from (at most 16 each): a candidate of one is late, not a restart. */
  private earlierUfrags = new Map<string, Set<string>>();
  /** A relay room's sender, its last ICE restart said: taken back if the new ufrag proves a new call (senderSide). */
  private restarts = new Map<string, { readonly finding: LogDiagnostic; readonly ufrag: string }>();
  /** Per file, the relay runs its log has begun (its `listening` records): a second run's c1 is another client. */
  private readonly relayRuns = new Map<string, number>();
  private readonly maxSessions: number;
  private readonly maxKept: number;
  private seq = 0;
  private report: AnalysisReport | null = null;
  private total = 0;
  private distinct = 0;
  private invalid = 0;
  private evicted = 0;
  private sessionCount = 0;

  constructor(private readonly options: AnalyzerOptions = {}) {
    // Callbacks among them: checked now, not met as a TypeError at the first candidate (candidates audit).
    requireOptions(options, 'CandidateAnalyzer: the options', ANALYZER_OPTIONS);
    this.maxSessions = options.maxSessions === undefined ? 2000 : requireInteger(options.maxSessions, 'CandidateAnalyzer: maxSessions', 1, 1e9);
    this.maxKept = options.maxCandidatesPerSession === undefined ? 64 : requireInteger(options.maxCandidatesPerSession, 'CandidateAnalyzer: maxCandidatesPerSession', 0, 1e9);
  }

  /** The room each ufrag was first seen in (relay logs), for ufragKey. */
  private ufragRooms = new Map<string, string>();

  /**
   * The key of a ufrag's session: the ufrag, and in a relay log room other than the one it was
   * first seen in, the ufrag and that room (the same call replayed in two rooms, the README's own
   * sample, had been one session: the second room's candidates "seen again", its sender named as
   * the first's; relay/client audit).
   */
  private ufragKey(ufrag: string, room: string | undefined): string {
    if (room === undefined) return ufrag;
    const first = this.ufragRooms.get(ufrag);
    if (first === undefined) {
      this.ufragRooms.set(ufrag, room);
      this.ufragRooms = this.trim(this.ufragRooms);
      return ufrag;
    }
    return first === room ? ufrag : `${ufrag} (room ${room})`;
  }

  /** Throws ANALYZER_FINISHED once finish() has run. */
  private open(): void {
    if (this.report !== null) throw new SdpscopeError('ANALYZER_FINISHED', 'this CandidateAnalyzer has finished: make a new one for new input');
  }

  /** Where a session is seen from (built once, when the session opens). */
  private originOf(source: Where): SessionReport['origin'] {
    const side = sideOfSource(source);
    const origin: { peerConnection?: string; side?: Side; sender?: string; room?: string; file?: string } = {};
    if (source.peerConnection !== undefined) origin.peerConnection = source.peerConnection;
    if (side) origin.side = side;
    if (source.sender !== undefined) origin.sender = source.sender;
    if (source.room !== undefined) origin.room = source.room;
    if (source.file !== undefined) origin.file = source.file;
    return origin;
  }

  /**
   * A sender's key in its room (relay logs): a third sender that talks there (a peer reloaded its
   * page and came back as another client, someone else joined after one left) takes the place of
   * the side heard from least recently, whose call, with the key its partner had when its own key
   * began, is kept as a call of its own (relay audit: two calls in a row in one room made none).
   */
  private senderSide(ctx: CallContext, side: string, key: string, connectionOfSide: (side: string) => string): void {
    const tick = ++this.seq;
    const keys = (ctx.keys ??= new Map());
    const seen = (ctx.seen ??= new Map());
    // A side that had left the pair talks again: clients talk at once in this room (a mesh, or a
    // peer's late candidates after another took its place), and which two talk cannot be told
    // from senders alone (audit of the change: calls made of clients that never exchanged a frame).
    if (ctx.gone?.has(side)) ctx.mesh = true;
    if (!ctx.sides.has(side) && ctx.sides.size >= 2) {
      let leaving: string | null = null;
      for (const s of ctx.sides.keys()) if (leaving === null || (seen.get(s) ?? 0) < (seen.get(leaving) ?? 0)) leaving = s;
      this.leave(ctx, leaving!, tick, connectionOfSide);
      // A side that comes back to the pair (it had been taken for the one that left) with a new key: a new call too.
      this.takeBackRestart(connectionOfSide(side));
    }
    seen.set(side, tick);
    const list = keys.get(side) ?? [];
    if (list.at(-1)?.key !== key) {
      // A new key of a side that stayed, begun after another took the old partner's place: its call with the newcomer, not a restart (audit of the change).
      const before = list.at(-1);
      if (before !== undefined && ctx.replacedAt !== undefined && ctx.replacedAt > before.since) this.takeBackRestart(connectionOfSide(side));
      list.push({ key, since: tick });
      if (list.length > MAX_SIDE_KEYS) list.shift();
      keys.set(side, list);
    }
  }

  /**
   * `leaving` leaves the pair of `ctx` (a third side took its place, or a relay's `left` record
   * says so): its call, with the key its partner had when its own key began, is kept as a call of
   * its own, and the partner's key begun since it was last heard is a new call's, not a restart.
   */
  private leave(ctx: CallContext, leaving: string, tick: number, connectionOfSide: (side: string) => string): void {
    const keys = (ctx.keys ??= new Map());
    const seen = (ctx.seen ??= new Map());
    ctx.replacedAt = tick;
    const mine = keys.get(leaving)?.at(-1);
    const recorded = (ctx.recorded ??= new Set());
    for (const other of ctx.sides.keys()) {
      if (other === leaving) continue;
      // Its partner: the other side's key when the leaving side's began, or else the first one after
      // it (the answer to its offer); none when the leaving key's call was kept already.
      // Keys of the partner's earlier calls are not this call's (audit of the change: a newcomer that
      // offered was paired with the stayer's key of the call before, its answer's key left out).
      const all = keys.get(other) ?? [];
      const fresh = all.filter((k) => !recorded.has(k.key));
      const list = fresh.length > 0 ? fresh : all;
      const theirs = mine === undefined || recorded.has(mine.key) ? undefined : (list.filter((k) => k.since <= mine.since).at(-1) ?? list.find((k) => k.since > mine.since));
      if (mine !== undefined && theirs !== undefined && theirs.key !== mine.key && (ctx.past ??= []).length < MAX_PAST_CALLS) {
        // The side heard first first, as a call of the sides still there is told.
        const [a, b] = theirs.since <= mine.since ? [theirs.key, mine.key] : [mine.key, theirs.key];
        ctx.past.push({ a, b, controlling: controllingKey(ctx, other, theirs.key, leaving, mine.key) });
        recorded.add(mine.key).add(theirs.key);
      }
      // The partner's key that began after the leaving side was last heard is its call with the
      // newcomer, not an ICE restart of the call that ended: its restart finding is taken back.
      const now = all.at(-1);
      if (now !== undefined && now.since > (seen.get(leaving) ?? 0)) this.takeBackRestart(connectionOfSide(other));
    }
    ctx.sides.delete(leaving);
    (ctx.gone ??= new Set()).add(leaving);
    if (ctx.gone.size > MAX_PAST_CALLS) ctx.gone.clear();
    keys.delete(leaving);
    seen.delete(leaving);
    ctx.lite.delete(leaving);
    if (ctx.offerer === leaving) ctx.offerer = null;
  }

  /** The relay run a log `file` is in (its `listening` records so far), and its senders' names in it (the first run's as they are). */
  private relayRun(file: string | undefined): { readonly run: number; readonly inRun: (name: string) => string } {
    const run = this.relayRuns.get(file ?? '') ?? 0;
    return run > 1 ? { run, inRun: (name) => `${name} (relay run ${run})` } : NO_RELAY_RUN;
  }

  /** A relay-room sender's last ICE restart finding, taken back: its new ufrag is a new call's. */
  private takeBackRestart(connection: string): void {
    const restart = this.restarts.get(connection);
    if (restart === undefined || restart.ufrag !== this.lastUfrag.get(connection)) return;
    const i = this.diags.indexOf(restart.finding);
    if (i >= 0) this.diags.splice(i, 1);
    this.restarts.delete(connection);
  }

  /** The remote side the log's words name, and the log's own agent (its file's "no ufrag" session): a call's two sides. */
  /** A pasted event's session on its side (see add): the two sides of the file's events, a call. */
  private eventSide(side: Side, key: string, file: string | undefined): void {
    const ctxKey = `events ${file ?? ''}`;
    let ctx = this.contexts.get(ctxKey);
    if (!ctx) this.contexts = this.trim(this.contexts);
    if (!ctx) this.contexts.set(ctxKey, (ctx = { basis: 'webrtc-internals\' events pasted without their dump (icecandidate this side\'s, addIceCandidate the other side\'s)', sides: new Map(), offerer: null, lite: new Set() }));
    ctx.sides.set(side, key);
    if (side === 'local') this.localEvents.set(file ?? '', key);
  }

  private wordSide(key: string, file: string | undefined): void {
    const ctxKey = `words ${file ?? ''}`;
    let ctx = this.contexts.get(ctxKey);
    if (!ctx) this.contexts = this.trim(this.contexts);
    if (!ctx) this.contexts.set(ctxKey, (ctx = { basis: 'the log\'s "remote candidate" words, and its own agent\'s candidates', sides: new Map(), offerer: null, lite: new Set() }));
    ctx.sides.set('local', anonymous(file));
    ctx.sides.set('remote', key);
  }

  /**
   * The whole copy `f` of a candidate counted as its masked form `was`: what depends on its
   * address made again from the whole one (its family, whether a host is routable, its NAT
   * evidence, a private srflx or relay said, the table's row); its counts stay.
   */
  private unmask(s: SessionState, was: MaskedCandidate, f: CandidateFacts, key: string, line: number): void {
    s.seen.add(f.id);
    // A repeat, said as one (native-log audit: "+N seen again" had counted only other repeats).
    s.duplicates++;
    if (s.duplicates === 1) findingsOf(s).push(at('duplicate-candidate', `${f.type} ${f.address}:${f.port} (component ${f.component}) seen again: libwebrtc's masked line of it (line ${was.line}), then this whole one`, key, line, f.file, f.sdpLine));
    // The masked line's redaction said no more: its address is known now.
    for (let i = s.diagnostics.length - 1; i >= 0; i--) {
      const d = s.diagnostics[i]!;
      if (d.kind === 'candidate-redacted-address' && d.line === was.line) s.diagnostics.splice(i, 1);
    }
    s.byFamily[was.family] = (s.byFamily[was.family] ?? 1) - 1;
    if (s.byFamily[was.family] === 0) delete s.byFamily[was.family];
    bump(s.byFamily, f.family);
    if (f.type === 'host' && was.routable !== isRoutable(f.addressClass)) s.nonRoutableHosts += was.routable ? 1 : -1;
    if (f.type === 'srflx' || f.type === 'relay') {
      (s.nat ??= new NatEvidence()).unmask(f);
      if (INSIDE_CLASSES.has(f.addressClass)) findingsOf(s).push(insideAddress(f, key, line));
    }
    // The whole one in the table, with the masked one's mid where it has none (a Port's transport name: native-log audit).
    if (s.kept !== null && was.kept >= 0 && was.kept < s.kept.length) s.kept[was.kept] = f.sdpMid === null && was.sdpMid !== null ? withMid(f.keep(), was.sdpMid) : f.keep();
  }

  private session(key: string, ufrag: string | null, source: Where, line: number, words?: Side): SessionState {
    let s = this.sessions.get(key);
    if (s) {
      s.lastSeq = ++this.seq;
      return s;
    }
    const diagnostics: LogDiagnostic[] = [];
    s = {
      key,
      ufrag,
      origin: words !== undefined ? { ...this.originOf(source), side: words } : this.originOf(source),
      kept: null,
      seen: new IdSet(MAX_DISTINCT_TRACKED),
      byType: {},
      byTransport: {},
      byFamily: {},
      nat: null,
      diagnostics,
      findings: null,
      total: 0,
      dropped: 0,
      duplicates: 0,
      endOfCandidates: false,
      endLine: 0,
      endFile: undefined,
      endMid: null,
      afterEndSaid: false,
      wholeSet: false,
      lite: false,
      hosts: 0,
      mdnsHosts: 0,
      nonRoutableHosts: 0,
      firstLine: line,
      lastLine: line,
      lastFile: source.file,
      lastSeq: ++this.seq,
    };
    this.sessions.set(key, s);
    this.newest = s;
    this.sessionCount++;
    if (this.sessions.size > this.maxSessions) this.evict(s);
    return s;
  }

  /**
   * Reports and drops the least recently active sessions, down to 90% of the limit at once, so
   * that eviction costs O(log n) a session on average.
   */
  private evict(keep: SessionState): void {
    if (this.evicted === 0) this.inputFindings.push(at('sessions-evicted', `more than ${this.maxSessions} session${this.maxSessions === 1 ? '' : 's'} open at once: the least recently active are reported early`));
    const target = Math.max(1, Math.floor(this.maxSessions * 0.9));
    const count = this.sessions.size - target;
    // The `count` least recently active, oldest first. Their last activity (each session's is its
    // own number) sorted as numbers finds the newest of them; only those are sorted as sessions
    // (a sort of every open session at each eviction was 4% of `candidates --summary` on the bench's log).
    const seqs = new Float64Array(this.sessions.size - 1);
    let n = 0;
    for (const x of this.sessions.values()) if (x !== keep) seqs[n++] = x.lastSeq;
    const newest = seqs.sort()[count - 1]!;
    const order: SessionState[] = [];
    for (const x of this.sessions.values()) if (x !== keep && x.lastSeq <= newest) order.push(x);
    order.sort((a, b) => a.lastSeq - b.lastSeq);
    for (const old of order) {
      this.evicted++;
      this.close(old);
      this.sessions.delete(old.key);
    }
  }

  /** Notes which session a context side is on (for calls) and ICE restarts on a connection. */
  private track(source: Where, key: string, ufrag: string | null, given: string | null, line: number, role?: { type: string | null; lite: boolean }): void {
    // Nothing to track for a candidate with no connection and no role (plain text logs).
    if (given === null && role === undefined && source.room === undefined) return;
    // A relay log's second run and later: its senders and rooms are another run's (relay audit: c1 of two runs was one client, a false restart).
    const { run, inRun } = source.room !== undefined && source.peerConnection === undefined ? this.relayRun(source.file) : NO_RELAY_RUN;
    const connection = given !== null ? inRun(given) : null;
    if (connection !== null && ufrag !== null) {
      const last = this.lastUfrag.get(connection);
      if (last !== undefined && last !== ufrag) {
        // A candidate of a generation this connection restarted from arrives late (it was in
        // flight): it is that session's, not a restart back to it (candidates audit: a second
        // "restart", and the call predicted with the abandoned session).
        const earlier = this.earlierUfrags.get(connection);
        if (earlier?.has(ufrag)) return;
        const restart = at('ice-restart', `${connection}: ufrag ${last} → ${ufrag}`, ufrag, line, source.file);
        this.inputFindings.push(restart);
        // In a relay room, it may prove a new call to another client (senderSide takes it back then).
        if (source.room !== undefined && source.peerConnection === undefined) {
          this.restarts.set(connection, { finding: restart, ufrag });
          this.restarts = this.trim(this.restarts);
        }
        const set = earlier ?? new Set<string>();
        if (set.size < 16) set.add(last);
        if (!earlier) {
          this.earlierUfrags.set(connection, set);
          this.earlierUfrags = this.trim(this.earlierUfrags);
        }
      }
      if (last !== ufrag) {
        this.lastUfrag.set(connection, ufrag);
        this.lastUfrag = this.trim(this.lastUfrag);
      }
    }
    const ctxKey = source.peerConnection !== undefined ? `pc ${source.peerConnection}` : source.room !== undefined ? roomContextKey(source.room, run) : 'input';
    let ctx = this.contexts.get(ctxKey);
    if (!ctx) this.contexts = this.trim(this.contexts);
    if (!ctx) this.contexts.set(ctxKey, (ctx = { basis: source.peerConnection !== undefined ? `peer connection ${source.peerConnection}` : source.room !== undefined ? `room ${source.room}` : source.sender !== undefined ? 'the senders the input names' : 'offer and answer in the input', sides: new Map(), offerer: null, lite: new Set() }));
    const side = source.peerConnection !== undefined ? sideOfSource(source) : source.sender !== undefined ? source.sender : role?.type ?? undefined;
    if (side === undefined || side === null) return;
    if (source.peerConnection === undefined && source.sender !== undefined) this.senderSide(ctx, side, key, (s) => inRun(connectionOf({ sender: s, room: source.room })!));
    ctx.sides.set(side, key);
    if (role?.type === 'offer' && ctx.offerer === null) ctx.offerer = side;
    if (role?.lite) ctx.lite.add(side);
  }

  /** A description the readers found: its ufrag opens (or names) a session, its candidates are read into it. */
  description(found: FoundDescription): void {
    this.open();
    requireObject(found, 'CandidateAnalyzer.description: the found description', 'description', 'source');
    requireSource(found.source, 'CandidateAnalyzer.description');
    // A description revived from JSON with a field of the wrong type: INVALID_ARGUMENT (it was a TypeError).
    readingModels('CandidateAnalyzer.description', [found.description], ['the found description'], () => this.describe(found));
  }

  private describe(found: FoundDescription): void {
    const d = found.description;
    if (d.fragment) {
      // A run of a= lines in a log: an a=end-of-candidates among them ends the gathering of the latest session.
      const ends = d.endOfCandidates || d.media.some((m) => m.endOfCandidates);
      if (!ends) return;
      // With its own a=ice-ufrag, the fragment names its session (its candidates join it too).
      const own = sessionUfrag(d.iceUfrag ?? d.media.find((m) => m.ice.ufrag !== null)?.ice.ufrag ?? null);
      if (own !== null) this.session(this.ufragKey(own, found.source.room), own, found.source, found.source.line).endOfCandidates = true;
      else this.endOfCandidates({ sdpMid: null, source: found.source });
      return;
    }
    const ufrag = sessionUfrag(d.media.find((m) => m.ice.ufrag !== null)?.ice.ufrag ?? d.iceUfrag);
    const connection = connectionOf(found.source);
    const key = ufrag !== null ? this.ufragKey(ufrag, found.source.room) : connection ?? anonymous(found.source.file);
    // A description opens its session even before any candidate arrives.
    const s = this.session(key, ufrag, found.source, found.source.line);
    const wholeSet = d.iceLite || !(d.iceOptions.includes('trickle') || d.media.some((m) => m.ice.options.includes('trickle')));
    // m-sections with ICE credentials of their own (aiortc's offers, an unbundled SIP gateway's):
    // each ufrag its own session, ended by its own m-sections' a=end-of-candidates (candidates
    // audit: the second ufrag's was taken for none, "end-of-candidates-missing").
    const others = new Map<string, boolean>();
    for (const m of d.media) {
      const u = sessionUfrag(m.ice.ufrag);
      if (u === null || u === ufrag) continue;
      others.set(u, (others.get(u) ?? false) || m.endOfCandidates);
    }
    const ownEnds = others.size === 0 ? d.endOfCandidates || d.media.some((m) => m.endOfCandidates) : d.endOfCandidates || d.media.some((m) => m.endOfCandidates && sessionUfrag(m.ice.ufrag) === ufrag);
    for (const [u, ends] of others) {
      const o = this.session(this.ufragKey(u, found.source.room), u, found.source, found.source.line);
      if (ends) o.endOfCandidates = true;
      if (wholeSet) o.wholeSet = true;
      if (d.iceLite) o.lite = true;
    }
    if (ownEnds) s.endOfCandidates = true;
    if (wholeSet) s.wholeSet = true;
    if (d.iceLite) s.lite = true;
    // No stated type (a raw SDP in a log): a=setup:actpass is an offer's, active or passive an
    // answer's (JSEP, RFC 9429 §5.2.1, §5.3.1; candidates audit: raw offer and answer made no call).
    this.track(found.source, key, ufrag, connection, found.source.line, { type: found.type ?? inferType(found), lite: d.iceLite });
  }

  /** A trickled candidate the readers found (or one made by hand as readTrickled makes it): read into its session. */
  candidate(found: FoundCandidate): void {
    this.open();
    requireObject(found, 'CandidateAnalyzer.candidate: the found candidate', 'candidate', 'source');
    requireFound(found);
    const line = found.source.line;
    if (!found.candidate || !found.explanation) {
      this.invalid++;
      // Past the bound, counted without being made (a log of bad candidates is a finding each).
      if (this.inputFindings.skip('unparseable-candidate', line)) return;
      const e = found.error;
      this.inputFindings.push(diagnostic('unparseable-candidate', `${e?.reason ?? 'not a candidate'}${e?.column != null ? ` (column ${e.column} of the candidate)` : ''} — ${JSON.stringify(found.text.slice(0, 80))}${found.text.length > 80 ? '…' : ''}`, {
        ...atLine(line, null, found.sdpMid),
        ...placeOf(found.source.file, found.source.sdpLine),
        session: null,
        errorCode: e?.code ?? 'CANDIDATE_PREFIX',
      }));
      return;
    }
    this.add(factsOfFound(found as ParsedFound), found.iceLite === true);
  }

  /** @internal A candidate the fast path read from a log line (see fast-facts.ts). */
  /** @internal A relay's `listening` record in `file`: its clients are another run's (relay-runs.ts). */
  [RELAY_STARTED](file: string | undefined): void {
    const k = file ?? '';
    this.relayRuns.set(k, (this.relayRuns.get(k) ?? 0) + 1);
  }

  /**
   * @internal A relay's `left` record in `file`: `client` left `room`. Its call is over; the client
   * that talks there next starts a new call with the one that stayed, whoever offers (relay audit:
   * a reloaded page's new client offering to the one that stayed had made no call).
   */
  [RELAY_CLIENT_LEFT](file: string | undefined, room: string, client: string): void {
    const { run, inRun } = this.relayRun(file);
    const ctx = this.contexts.get(roomContextKey(room, run));
    if (ctx === undefined || !ctx.sides.has(client)) return;
    this.leave(ctx, client, ++this.seq, (s) => inRun(connectionOf({ sender: s, room })!));
    // The next call's offerer is whoever offers next.
    ctx.offerer = null;
  }

  [CANDIDATE_FACTS](facts: CandidateFacts): void {
    this.open();
    this.add(facts);
  }

  /** `lite`: the list the candidate came in says its agent is ICE-lite (mediasoup's iceParameters.iceLite). */
  private add(f: CandidateFacts, lite = false): void {
    const line = f.line;
    const connection = f.connection;
    // A candidate without a ufrag (Firefox's never carry one) belongs to the session its sender's
    // latest description opened (RFC 8839 §5.4: candidates follow the description they extend).
    const ufrag = f.usernameFragment ?? f.ufrag ?? (connection !== null ? this.lastUfrag.get(connection) : undefined) ?? null;
    // Nothing else places it: a remote side its log line's words give it ("remote candidate: …",
    // "addIceCandidate"), apart from the log's own agent, whose session takes its "local" words and
    // its candidates without words alike (audit of the change: a libdatachannel log's "Issuing local
    // candidate" and "Gathered candidate" of one agent had been two sessions).
    const remote = ufrag === null && connection === null && f.side === 'remote';
    // webrtc-internals' events pasted without their dump, each candidate with its ufrag: this
    // side's (icecandidate) and the other's (addIceCandidate) are one call, as a dump's two sides
    // are, and the end of gathering is this side's (candidate-log audit: two sessions, no call, a
    // false end-of-candidates-missing).
    const key = ufrag !== null ? this.ufragKey(ufrag, f.room) : connection ?? anonymous(f.file, remote ? 'remote' : undefined);
    let s = this.sessions.get(key);
    if (s) s.lastSeq = ++this.seq;
    else {
      s = this.session(key, ufrag, f, line, remote ? 'remote' : undefined);
      // The remote side and the log's own agent are a call (its pairs predicted), as a dump's two sides are.
      if (remote) this.wordSide(key, f.file);
    }
    // An ICE-lite agent's list (a server's transport parameters): host candidates only and all of
    // them at once, as an ICE-lite description's (candidates audit: mediasoup's had "no srflx",
    // "end-of-candidates missing", and its own priorities called type-preference mismatches).
    if (lite) {
      s.lite = true;
      s.wholeSet = true;
    }
    // (The event's side, not a log line's words: those place a candidate without a ufrag only.)
    const evented = ufrag !== null && connection === null && f.peerConnection === undefined && f.sender === undefined ? sideOf(f.event) : undefined;
    if (evented !== undefined) this.eventSide(evented, key, f.file);
    this.total++;
    s.lastLine = line;
    s.lastFile = f.file;
    const id = f.id;
    // A TCP candidate on port 9 (RFC 6544 §4.5: every active one) is the same text on each
    // m-line's transport: another m-line's (another mid) is another candidate, while a copy
    // without its mid (a log line besides the SDP) is the same one (candidates audit; the change
    // audit caught a first fix counting that copy twice).
    let seen = s.seen.has(id);
    if (f.port === 9 && f.transport === 'tcp' && f.sdpMid !== null) {
      const mids = (s.port9Mids ??= new Map()).get(id);
      if (seen && mids !== undefined && mids.size > 0 && !mids.has(f.sdpMid)) seen = false;
      if (mids !== undefined) mids.add(f.sdpMid);
      else if (s.port9Mids.size < 1024) s.port9Mids.set(id, new Set([f.sdpMid]));
    }
    // libwebrtc's masked form of a candidate, then the app's whole line of it (a native app's
    // logcat holds both): one candidate, shown whole (Known-left of the candidate audits: counted
    // twice, its NAT evidence the masked one's). A masked one after the whole is counted apart.
    let unmasked = false;
    if (!seen && (f.family === 'redacted' || s.masked !== undefined)) {
      const form = libwebrtcMasked(f.address);
      if (form !== null) {
        const maskId = candidateIdHash(f.foundation, f.component, f.transport, form, f.port, f.type);
        if (form === f.address) {
          if (s.masked === undefined || s.masked.size < MAX_MASKED) {
            const row = this.maxKept > 0 ? (s.kept?.length ?? 0) : -1;
            (s.masked ??= new Map()).set(maskId, { family: f.family, routable: isRoutable(f.addressClass), kept: row < this.maxKept ? row : -1, line, sdpMid: f.sdpMid });
          }
        } else {
          const was = s.masked?.get(maskId);
          if (was !== undefined) {
            s.masked!.delete(maskId);
            this.unmask(s, was, f, key, line);
            unmasked = true;
          }
        }
      }
    }
    if (unmasked) {
      // Counted once already, as its masked form: now that candidate, whole.
    } else if (seen) {
      s.duplicates++;
      if (s.duplicates === 1) findingsOf(s).push(at('duplicate-candidate', `${f.type} ${f.address}:${f.port} (component ${f.component}) seen again`, key, line, f.file, f.sdpLine));
      // The same candidate resent differently ("tcptype  generation 0" after a line without it):
      // its own findings, those not already said in this session (candidates audit: folded, they were lost).
      if (f.warnings.length > 0) for (const w of f.warnings) if (s.linted?.byKind.get(w.kind)?.has(w.message) !== true) this.lintOf(s, w, f, key, line);
    } else {
      s.total++;
      this.distinct++;
      // A new candidate trickled after the session's end of candidates: an agent sends none after it
      // (a new one needs an ICE restart), or the end was not this side's (candidates audit: a page's
      // own "iceGatheringState: complete" ended the peer's candidates, the TCP one after it unsaid).
      // Of a session its ufrag names only: without one, a later candidate may be an ICE restart's or another call's (audit of the change: rtpengine-258's two calls, a Firefox restart).
      if (s.ufrag !== null && s.endLine > 0 && f.sdpLine === undefined && !s.afterEndSaid && line > s.endLine && f.file === s.endFile && (s.endMid === null || f.sdpMid === null || f.sdpMid === s.endMid)) {
        s.afterEndSaid = true;
        findingsOf(s).push(at('candidate-after-end', `${f.type} ${f.address}:${f.port} came after the end of candidates on line ${s.endLine}: an agent sends no more candidates after its end-of-candidates (a new one means an ICE restart, a new ufrag), so either this agent broke that or the end was the other side's (a page's own "gathering complete" among the peer's candidates)`, key, line, f.file, f.sdpLine));
      }
      // Duplicates are told apart whatever is kept for tables (--summary keeps none), among a session's first distinct ones.
      s.seen.add(id);
      bump(s.byType, f.type);
      bump(s.byTransport, f.transport);
      bump(s.byFamily, f.family);
      if (f.type === 'srflx' || f.type === 'relay') (s.nat ??= new NatEvidence()).add(f);
      // Session facts from every distinct candidate, whatever is kept for tables (--summary keeps none).
      if (f.type === 'host') {
        s.hosts++;
        if (f.family === 'mdns') s.mdnsHosts++;
        if (!isRoutable(f.addressClass)) s.nonRoutableHosts++;
      } else if (f.type === 'relay' || f.type === 'srflx') {
        // An IPv6 ULA (fc00::/7) is as private as RFC 1918 (candidates audit: not flagged). A srflx
        // so is a STUN server inside the network (ICE audit: a coturn thread's 192.168.11.138 srflx had no finding).
        if (INSIDE_CLASSES.has(f.addressClass)) findingsOf(s).push(insideAddress(f, key, line));
      }
      const kept = this.maxKept > 0 ? (s.kept ??= []) : null;
      if (kept !== null && kept.length < this.maxKept) kept.push(f.keep());
      else s.dropped++;
      if (f.warnings.length > 0) for (const w of f.warnings) this.lintOf(s, w, f, key, line);
    }
    if (connection !== null || f.room !== undefined) this.track(f, key, ufrag, connection, line, lite ? { type: null, lite: true } : undefined);
    if (this.options.keepRecords || this.options.onCandidate) {
      const found = f.found();
      const r = toRecord(found, found.candidate, found.explanation, key);
      if (this.options.keepRecords) this.records.push(r);
      this.options.onCandidate?.(r);
    }
    this.options.onCandidateJson?.(f.recordJson(key));
  }

  /** A rule finding of a candidate, placed, into its session's findings (and the session's said set). */
  private lintOf(s: SessionState, w: CandidateFacts['warnings'][number], f: CandidateFacts, key: string, line: number): void {
    // An ICE-lite agent's priorities order nothing (its peer checks in its own order: RFC 8445 §2.5), as parseSdp says (audit of the change: candidates still warned).
    if (s.lite && w.kind === 'type-preference-mismatch') return;
    const said = (s.linted ??= { byKind: new Map(), size: 0 });
    if (said.size < 256) {
      let messages = said.byKind.get(w.kind);
      if (messages === undefined) said.byKind.set(w.kind, (messages = new Set()));
      if (!messages.has(w.message)) {
        messages.add(w.message);
        said.size++;
      }
    }
    findingsOf(s).push({ ...w, line, mid: f.sdpMid, session: key, ...placeOf(f.file, f.sdpLine) });
  }

  endOfCandidates(found: FoundEndOfCandidates): void {
    this.open();
    requireObject(found, 'CandidateAnalyzer.endOfCandidates: the found end of candidates', 'source');
    requireSource(found.source, 'CandidateAnalyzer.endOfCandidates');
    // With no ufrag in the frame, the end belongs to the connection's latest session.
    const conn = connectionOf(found.source);
    const key = conn ?? anonymous(found.source.file);
    const ufrag = conn !== null ? this.lastUfrag.get(conn) : undefined;
    // The newest, not the sessions' values copied to find it (per end of candidates: quadratic; parser audit).
    // The generation the frame names comes first (candidates audit: it went to the newest session).
    const named = typeof found.usernameFragment === 'string' ? this.sessions.get(this.ufragKey(found.usernameFragment, found.source.room)) : undefined;
    // A pasted event's end of gathering (icegatheringstatechange "complete") is this side's.
    const local = conn === null && sideOf(found.source.event) === 'local' ? this.localEvents.get(found.source.file ?? '') : undefined;
    const target = named ?? (local !== undefined ? this.sessions.get(local) : undefined) ?? this.sessions.get(ufrag !== undefined ? this.ufragKey(ufrag, found.source.room) : key) ?? this.newest;
    if (target) {
      target.endOfCandidates = true;
      if (target.endLine === 0) {
        target.endLine = found.source.line;
        target.endFile = found.source.file;
        target.endMid = found.sdpMid ?? null;
      }
    }
  }

  problem(p: InputDiagnostic): void {
    this.open();
    const d = requireObject<Record<string, unknown>>(p, 'CandidateAnalyzer.problem: the diagnostic', 'kind', 'message');
    if (typeof d['kind'] !== 'string' || !(d['kind'] in SEVERITY) || typeof d['message'] !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', 'CandidateAnalyzer.problem: the diagnostic must be {kind: a diagnostic kind, message: a string, …}, as readInput makes it');
    // Candidate rejections arrive as candidates with an error too; they are counted once, there.
    // SDP rejections and JSON that does not parse are the input's.
    if (p.kind === 'invalid-json' || p.kind === 'input-sdp' || p.kind === 'binary-data' || p.kind === 'line-too-long' || p.kind === 'sdp-cut' || p.kind === 'sdp-lines-glued' || p.kind === 'sdp-lines-unfolded') this.inputFindings.push(p);
  }

  private close(s: SessionState): void {
    const report = sessionReport(s);
    if (this.options.onSession) this.options.onSession(report);
    else this.closed.push(report);
  }

  /** Keeps a bookkeeping map within bounds: past the limit, its older half goes (insertion order). */
  private trim<K, V>(map: Map<K, V>): Map<K, V> {
    const limit = this.maxSessions * 2;
    if (map.size <= limit) return map;
    return new Map([...map].slice(map.size - Math.floor(limit / 2)));
  }

  /** The report (once; a second call gives the same report). Feeding the analyzer afterwards throws ANALYZER_FINISHED. */
  finish(): AnalysisReport {
    this.report ??= this.build();
    return this.report;
  }

  private build(): AnalysisReport {
    const open = this.sessions;
    // The calls, first as pairs of open sessions (what each needs is known before any report is made).
    const planned: { readonly a: string; readonly b: string; readonly basis: string; readonly controlling: string | null }[] = [];
    const seenCalls = new Set<string>();
    for (const ctx of this.contexts.values()) {
      if (ctx.mesh) continue;
      for (const p of ctx.past ?? []) {
        const id = [p.a, p.b].sort().join('\u0000');
        if (seenCalls.has(id)) continue;
        seenCalls.add(id);
        if (open.has(p.a) && open.has(p.b)) planned.push({ a: p.a, b: p.b, basis: ctx.basis, controlling: p.controlling });
      }
      const sides = [...ctx.sides.entries()];
      if (sides.length !== 2) continue;
      const [[sideA, a], [sideB, b]] = sides as [[string, string], [string, string]];
      // One call seen from both ends (a dump of both peer connections) is one call.
      const id = [a, b].sort().join('\u0000');
      if (a === b || seenCalls.has(id)) continue;
      seenCalls.add(id);
      if (!open.has(a) || !open.has(b)) continue;
      planned.push({ a, b, basis: ctx.basis, controlling: controllingKey(ctx, sideA, a, sideB, b) });
    }
    // Two files, no call recognised: the busiest session of each (the first of the most distinct candidates) is taken as the two sides.
    const files = [...new Set([...open.values()].map((s) => s.origin.file).filter((f): f is string => f !== undefined))];
    if (planned.length === 0 && files.length === 2) {
      const busiest = (f: string) => {
        let best: SessionState | null = null;
        for (const s of open.values()) if (s.origin.file === f && (best === null || s.total > best.total)) best = s;
        return best!.key;
      };
      planned.push({ a: busiest(files[0]!), b: busiest(files[1]!), basis: `one session from each file (${files[0]}, ${files[1]})`, controlling: null });
    }
    // No offerer known: a lite side against a full one is controlled all the same (RFC 8445 §6.1.1;
    // candidates audit: the lite side was "assumed" controlling, the result hanging on file order).
    for (let i = 0; i < planned.length; i++) {
      const c = planned[i]!;
      if (c.controlling !== null) continue;
      const liteA = open.get(c.a)!.lite === true;
      const liteB = open.get(c.b)!.lite === true;
      if (liteA !== liteB) planned[i] = { ...c, controlling: liteA ? c.b : c.a };
    }
    const sides = new Set(planned.flatMap((c) => [c.a, c.b]));
    // A side with no candidate in the input, while candidates came for sessions no call has: say
    // whose they are (the notes' own call log: the descriptions of one session, candidates of
    // others; "no pairs" was all it said).
    for (const c of planned) {
      const empty = [c.a, c.b].filter((k) => open.get(k)!.total === 0);
      if (empty.length === 0) continue;
      const strays = [...open.values()].filter((x) => x.total > 0 && !sides.has(x.key)).map((x) => x.key);
      const who = empty.length === 2 ? `neither side (${c.a}, ${c.b}) has a candidate in the input` : `${empty[0]} has no candidate in the input (${empty[0] === c.a ? c.b : c.a} has ${open.get(empty[0] === c.a ? c.b : c.a)!.total})`;
      const why = strays.length > 0
        ? `; candidates came for ${strays.slice(0, 5).join(', ')}${strays.length > 5 ? `, … (${strays.length})` : ''}, which ${strays.length === 1 ? 'is' : 'are'} in no call: another session's (an ICE generation before a restart, another call) or a ufrag changed on the way`
        : empty.length === 2 ? ': a log of the descriptions only, or the candidates were not logged'
          // A dump's own side whose gathering completed with none: the browser logs each candidate it finds, so it found none (renegotiation audit: "not logged, or never sent").
          : (() => {
            const e = open.get(empty[0]!)!;
            return e.origin.peerConnection !== undefined && e.origin.side === 'local' && e.endOfCandidates
              ? ': the dump\'s icecandidate events are every candidate this browser signalled, and its gathering completed with none: it signalled none (no usable network interface, an ICE transport policy of relay with no TURN server that answered, or candidates it does not signal: the stats may list some with no address, 0.0.0.0 or ::); sdpscope ice on the dump says which'
              : ': its candidates were not logged, or never sent (the signaling did not forward them)';
          })();
      this.inputFindings.push(at('call-without-candidates', `call ${c.a} ⇄ ${c.b}: ${who}${why}`, empty[0]!));
    }
    // Each open session reported in turn. Handed over (onSession), it is kept without its candidates
    // unless a call needs them: the sessions still open are not all made whole at once (flat memory).
    const whole = new Map<string, SessionReport>();
    const reports: SessionReport[] = [];
    for (const s of open.values()) {
      const r = sessionReport(s);
      if (sides.has(r.session)) whole.set(r.session, r);
      if (this.options.onSession) {
        this.options.onSession(r);
        reports.push(r.candidates.length === 0 ? r : { ...r, candidates: [] });
      } else reports.push(r);
    }
    const calls = planned.map((c) => callBetween(whole.get(c.a)!, whole.get(c.b)!, c.basis, c.controlling));
    const sessions = [...this.closed, ...reports];
    return {
      candidates: this.records,
      sessions,
      calls,
      diagnostics: [...this.diags, ...sessions.flatMap((s) => s.diagnostics)],
      totals: { candidates: this.total, distinct: this.distinct, invalid: this.invalid, sessions: this.sessionCount, evicted: this.evicted },
    };
  }
}

/**
 * The call between two sessions, with its pairs: the check list of the controlling agent (its
 * srflx pruned to their bases, RFC 8445 §6.1.2.4), whichever session came first (candidates
 * audit: the list was the first session's, so the order of the files decided whose srflx were
 * pruned, and an ICE-lite offerer's peer kept its own). `controlling` names one of them, or null
 * (the first is assumed).
 */
export function callBetween(a: SessionReport, b: SessionReport, basis: string, controlling: string | null): CallReport {
  const ends = (r: SessionReport) => r.candidates.map((k) => ({ session: r.session, candidate: k.candidate, explanation: k.explanation, mid: k.found.sdpMid }));
  const [first, second] = controlling === b.session ? [b, a] : [a, b];
  // The sessions in the pairs' order (local = the controlling one): the table's columns are named from them (change audit: swapped labels).
  return { sessions: [first.session, second.session], controlling, basis, candidates: [first.counts.total, second.counts.total], pairs: predictPairs(ends(first), ends(second), true) };
}

/** A session's findings, bounded per kind (made with its first finding). */
const findingsOf = (s: SessionState): FindingSink<LogDiagnostic> => (s.findings ??= boundedFindings(s.diagnostics));

/** The NAT verdict of an ICE-lite session: its host candidates are the addresses it is reached at, no mapping is shown. */
const LITE_VERDICT: NatVerdict = {
  mapping: 'unknown',
  evidence: ['ICE-lite (a=ice-lite, or mediasoup\'s iceParameters.iceLite): an agent that gathers host candidates only (RFC 8445 §2.5), as servers do; they must be addresses the peer can reach (a public address, or one a port forward carries)'],
  seedTypes: 'cannot be told: an ICE-lite agent shows no mapping (it is meant to be on a public address, or behind a 1:1 NAT its configuration names)',
  cannotSee: 'whether its host addresses are reachable from the peer: only the checks (sdpscope ice, or the server\'s log) tell',
};

/**
 * …and of one that writes a srflx all the same (Mobicents, restcomm-ios-sdk#78's answer): it runs
 * no STUN, so its srflx is the external address its configuration names, not a mapping a STUN
 * server saw (real-log audit of 2026-12-07: "one STUN server, or identical mappings deduplicated by
 * the browser" had been said of it).
 */
const LITE_SRFLX_VERDICT: NatVerdict = {
  ...LITE_VERDICT,
  evidence: [LITE_VERDICT.evidence[0]!, 'its srflx is the external address its configuration names (a 1:1 NAT, a port forward or a cloud address it was told of): an ICE-lite agent sends no STUN request, so no server saw that mapping'],
};

/** The evidence of a session without a srflx candidate. */
const NO_EVIDENCE = /* @__PURE__ */ new NatEvidence();

function sessionReport(s: SessionState): SessionReport {
  // One finding for a session's repeats, the first, now saying how many there were (README walk:
  // ten repeats read as one).
  const diagnostics = s.duplicates > 1 ? s.diagnostics.map((d) => (d.kind === 'duplicate-candidate' ? { ...d, message: `${d.message} (the first of ${s.duplicates} repeats in this session)` } : d)) : [...s.diagnostics];
  const types = s.byType;
  if (s.total > 0) {
    // An ICE-lite agent (a server: SRS, mediasoup, Janus in lite mode, an SFU) gathers host
    // candidates only: no STUN or TURN to blame (WHIP/SFU audit: "check iceServers" of four servers' answers).
    if (!s.lite && !types['srflx'] && s.hosts > 0 && s.nonRoutableHosts > 0) diagnostics.push(at('no-srflx', `${s.total} candidate${s.total === 1 ? '' : 's'}, none srflx: no STUN server, STUN unreachable, or UDP blocked`, s.key));
    if (!s.lite && !types['relay']) diagnostics.push(at('no-relay', 'no relay candidate: no TURN server configured, unreachable, or credentials refused', s.key));
    // …but one whose every address is private is the usual server failure (a container): said (audit of the change: nothing was).
    if (s.lite && s.hosts > 0 && s.nonRoutableHosts === s.hosts && s.hosts === s.total) diagnostics.push(at('lite-hosts-not-routable', `ICE-lite, and ${s.hosts === 1 ? 'its one candidate is an address' : `all ${s.hosts} candidates are addresses`} no peer outside its network can reach: a server without its public address configured`, s.key));
    if (s.hosts > 0 && s.mdnsHosts === s.hosts) diagnostics.push(at('only-mdns-hosts', `all ${s.hosts} host candidate${s.hosts === 1 ? ' is an mDNS name' : 's are mDNS names'}`, s.key));
    if (!s.byTransport['udp'] && Object.keys(s.byTransport).length > 0) diagnostics.push(at('only-tcp', `no UDP candidate among ${s.total}`, s.key));
    // Not when some addresses are redacted or unreadable: they may be IPv4 (README walk: libwebrtc's own "192.168.0.x").
    if (s.byFamily['ipv6'] && !s.byFamily['ipv4'] && !s.byFamily['mdns'] && !s.byFamily['redacted'] && !s.byFamily['invalid']) diagnostics.push(at('ipv6-only', 'only IPv6 addresses', s.key));
    if (!s.endOfCandidates && !s.wholeSet) diagnostics.push(at('end-of-candidates-missing', 'no end-of-candidates signalled', s.key));
  }
  return {
    session: s.key,
    ufrag: s.ufrag,
    origin: s.origin,
    counts: { total: s.total, byType: s.byType, byTransport: s.byTransport, byFamily: s.byFamily },
    duplicates: s.duplicates,
    nat: s.lite ? (types['srflx'] ? LITE_SRFLX_VERDICT : LITE_VERDICT) : (s.nat ?? NO_EVIDENCE).verdict(),
    endOfCandidates: s.endOfCandidates,
    firstLine: s.firstLine,
    lastLine: s.lastLine,
    ...(s.lastFile !== undefined ? { lastFile: s.lastFile } : {}),
    candidates: s.kept === null ? [] : s.kept.map(keptOf),
    dropped: s.dropped,
    diagnostics,
  };
}

/** A kept candidate, plain data (the reader's facts made whole). */
function keptOf(f: KeptFacts): KeptCandidate {
  const found = f.found();
  return { candidate: found.candidate, explanation: found.explanation, found };
}
