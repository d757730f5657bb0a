/**
 * What the candidate analyzer reads of one candidate that parsed: its fields and what they mean,
 * derived once where the candidate was found, as plain values, and the found candidate itself
 * for what is kept (tables, pairs) and recorded.
 */
import type { AddressClass, AddressFamily } from '../candidate/address.js';
import type { Candidate } from '../candidate/candidate.js';
import type { CandidateExplanation, CandidateFinding } from '../candidate/explain.js';
import type { FoundCandidate } from '../input/types.js';
import { toRecord } from './record.js';

/** One parsed candidate as the analyzer reads it (every field of its CandidateRecord is derived from these). */
export interface CandidateFacts {
  /** 1-based line of the input. */
  readonly line: number;
  /** Where it was found (Source fields the analyzer groups by). */
  readonly peerConnection: string | undefined;
  readonly event: string | undefined;
  /** The side its log line's words give it (FoundCandidate.side). */
  readonly side: 'local' | 'remote' | undefined;
  readonly sender: string | undefined;
  readonly room: string | undefined;
  readonly file: string | undefined;
  /** Its line in an SDP held within the input line (Source.sdpLine). */
  readonly sdpLine: number | undefined;
  readonly sdpMid: string | null;
  /** RTCIceCandidateInit.usernameFragment or the candidate's own ufrag (FoundCandidate.usernameFragment). */
  readonly usernameFragment: string | null;
  /** The candidate's `ufrag` extension. */
  readonly ufrag: string | null;
  readonly foundation: string;
  readonly component: number;
  /** Lower-cased. */
  readonly transport: string;
  readonly address: string;
  readonly port: number;
  /** The candidate's priority (RFC 8445 §5.1.2): a relay's tells its protocol to the TURN server (the NAT evidence reads it). */
  readonly priority: number;
  readonly type: string;
  readonly relatedAddress: string | null;
  readonly relatedPort: number | null;
  readonly family: AddressFamily;
  readonly addressClass: AddressClass;
  readonly relatedFamily: AddressFamily | null;
  readonly relatedClass: AddressClass | null;
  /** The rules the candidate breaks, not yet placed (CandidateExplanation.warnings). */
  readonly warnings: readonly CandidateFinding[];
  /** What tells it from another candidate of its session: a hash of `foundation component transport address port type` (see {@link candidateIdHash}). */
  readonly id: number;
  /** The connection it came over: see {@link connectionOf}. */
  readonly connection: string | null;
  /** The found candidate, whole: what kept candidates, records and pairs are made of. */
  found(): FoundCandidate & { readonly candidate: Candidate; readonly explanation: CandidateExplanation };
  /** What a session keeps of it for its tables and pairs: as little as makes the found candidate again. */
  keep(): KeptFacts;
  /** Its record in `session`, as JSON text: `JSON.stringify(toRecord(...))`, however it is made. */
  recordJson(session: string): string;
}

/** A kept candidate, until its session is reported. */
export interface KeptFacts {
  found(): ParsedFound;
}

/**
 * What tells a candidate from another of its session (a resent candidate has the same): its
 * `foundation component transport address port type`, as a 53-bit hash (two 32-bit string hashes,
 * FNV-1a and a Murmur3-style mix, over the same fields), never 0. No string is made.
 */
export function candidateIdHash(foundation: string, component: number, transport: string, address: string, port: number, type: string): number {
  HASH[0] = 0x811c9dc5;
  HASH[1] = 0x9747b28c;
  hashText(foundation);
  hashCode(component + 0x10000);
  hashText(transport);
  hashText(address);
  hashCode(port + 0x10000);
  hashText(type);
  let b = HASH[1]!;
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
  b ^= b >>> 13;
  // 32 bits of one and 21 of the other; | 1 keeps it from 0 (the empty slot of IdSet).
  return (HASH[0]! >>> 0) * 0x200000 + ((b >>> 11) | 1);
}

/** The two running hashes of candidateIdHash. */
const HASH = /* @__PURE__ */ new Int32Array(2);

function hashCode(c: number): void {
  HASH[0] = Math.imul(HASH[0]! ^ c, 0x01000193);
  const b = Math.imul(HASH[1]! ^ c, 0xcc9e2d51);
  HASH[1] = (b << 15) | (b >>> 17);
}

/** A field's characters, then a separator no character can be (so that fields cannot run into each other). */
function hashText(s: string): void {
  let a = HASH[0]!;
  let b = HASH[1]!;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0xcc9e2d51);
    b = (b << 15) | (b >>> 17);
  }
  HASH[0] = a;
  HASH[1] = b;
  hashCode(0x20000);
}

/** The connection a source names (a peer connection and its side, or a room and a sender), or null. */
export function connectionOf(source: { readonly peerConnection?: string | undefined; readonly event?: string | undefined; readonly sender?: string | undefined; readonly room?: string | undefined }): string | null {
  if (source.peerConnection !== undefined) return `pc ${source.peerConnection} ${sideOf(source.event) ?? '?'}`;
  if (source.sender !== undefined) return `sender ${source.room ?? ''}/${source.sender}`;
  return null;
}

const LOCAL_EVENTS = /^(onicecandidate|icecandidate|onIceCandidate|setLocalDescription|createOffer|createAnswer|onicegatheringstatechange|icegatheringstatechange|iceGatheringStateChange)/;
const REMOTE_EVENTS = /^(addIceCandidate|setRemoteDescription)/;

/** Which side of its peer connection an event is on (webrtc-internals event names), or undefined. */
export function sideOf(event: string | undefined): 'local' | 'remote' | undefined {
  if (!event) return undefined;
  if (LOCAL_EVENTS.test(event)) return 'local';
  if (REMOTE_EVENTS.test(event)) return 'remote';
  return undefined;
}

/** A found candidate that parsed: its candidate and explanation are there. */
export type ParsedFound = FoundCandidate & { readonly candidate: Candidate; readonly explanation: CandidateExplanation };

/** The facts of a found candidate that parsed, read from it as asked for (one small object: nothing is parsed again). */
class FoundFacts implements CandidateFacts {
  constructor(private readonly f: ParsedFound) {}
  get line(): number {
    return this.f.source.line;
  }
  get peerConnection(): string | undefined {
    return this.f.source.peerConnection;
  }
  get event(): string | undefined {
    return this.f.source.event;
  }
  get side(): 'local' | 'remote' | undefined {
    // webrtc-internals' events pasted without their dump ({"type": "addIceCandidate", "value": "…"}):
    // the event names the side, as in a dump (candidate-log audit: read as the log's own agent).
    return this.f.side ?? (this.f.source.peerConnection === undefined && this.f.source.format === 'json' ? sideOf(this.f.source.event) : undefined);
  }
  get sender(): string | undefined {
    return this.f.source.sender;
  }
  get room(): string | undefined {
    return this.f.source.room;
  }
  get file(): string | undefined {
    return this.f.source.file;
  }
  get sdpLine(): number | undefined {
    return this.f.source.sdpLine;
  }
  get sdpMid(): string | null {
    return this.f.sdpMid;
  }
  get usernameFragment(): string | null {
    return this.f.usernameFragment;
  }
  get ufrag(): string | null {
    return this.f.candidate.ufrag;
  }
  get foundation(): string {
    return this.f.candidate.foundation;
  }
  get component(): number {
    return this.f.candidate.component;
  }
  get transport(): string {
    return this.f.candidate.transport;
  }
  get address(): string {
    return this.f.candidate.address;
  }
  get port(): number {
    return this.f.candidate.port;
  }
  get priority(): number {
    return this.f.candidate.priority;
  }
  get type(): string {
    return this.f.candidate.type;
  }
  get relatedAddress(): string | null {
    return this.f.candidate.relatedAddress;
  }
  get relatedPort(): number | null {
    return this.f.candidate.relatedPort;
  }
  get family(): AddressFamily {
    return this.f.explanation.address.family;
  }
  get addressClass(): AddressClass {
    return this.f.explanation.address.class;
  }
  get relatedFamily(): AddressFamily | null {
    return this.f.explanation.relatedAddress?.family ?? null;
  }
  get relatedClass(): AddressClass | null {
    return this.f.explanation.relatedAddress?.class ?? null;
  }
  get warnings(): readonly CandidateFinding[] {
    return this.f.explanation.warnings;
  }
  get id(): number {
    const c = this.f.candidate;
    return candidateIdHash(c.foundation, c.component, c.transport, c.address, c.port, c.type);
  }
  get connection(): string | null {
    return connectionOf(this.f.source);
  }
  found(): ParsedFound {
    return this.f;
  }
  keep(): KeptFacts {
    return this;
  }
  recordJson(session: string): string {
    return JSON.stringify(toRecord(this.f, this.f.candidate, this.f.explanation, session));
  }
}

/** The facts of a found candidate that parsed (read from it: nothing is parsed again). */
export function factsOfFound(found: ParsedFound): CandidateFacts {
  return new FoundFacts(found);
}
