/** The contract row of one candidate (`sdpscope candidates --json`, `--ndjson`). */
import type { Candidate } from '../candidate/candidate.js';
import type { AddressClass, AddressFamily } from '../candidate/address.js';
import type { CandidateExplanation, RelayProtocol } from '../candidate/explain.js';
import type { PriorityParts } from '../candidate/priority.js';
import type { FoundCandidate, Source } from '../input/types.js';

/** One row of the report: a candidate with its decoded parts (the JSON contract of `sdpscope candidates`). */
export interface CandidateRecord {
  readonly session: string;
  readonly foundation: string;
  readonly component: number;
  readonly transport: string;
  readonly priority: number;
  readonly priorityParts: PriorityParts;
  readonly address: string;
  readonly port: number;
  readonly type: string;
  readonly relatedAddress: string | null;
  readonly relatedPort: number | null;
  readonly tcpType: string | null;
  readonly ufrag: string | null;
  readonly generation: number | null;
  readonly networkId: string | null;
  readonly networkCost: number | null;
  /** TURN transport implied by a relay's type preference; null for other types or when unknown/ambiguous. */
  readonly relayProtocol: RelayProtocol | null;
  /** `certain`, `ambiguous` (relayProtocols lists the readings) or `unknown`; null for non-relays. */
  readonly relayProtocolCertainty: 'certain' | 'ambiguous' | 'unknown' | null;
  readonly relayProtocols: readonly RelayProtocol[];
  readonly addressClass: AddressClass;
  readonly addressFamily: AddressFamily;
  readonly sdpMid: string | null;
  readonly sdpMLineIndex: number | null;
  /** The time the input gives the candidate, if any. */
  readonly time: number | string | null;
  readonly source: { readonly line: number } & Omit<Source, 'line'>;
}

/** The contract row for one candidate. */
export function toRecord(found: FoundCandidate, c: Candidate, x: CandidateExplanation, session: string): CandidateRecord {
  const relay = x.relayProtocol;
  const { line, ...rest } = found.source;
  return {
    session,
    foundation: c.foundation,
    component: c.component,
    transport: c.transport,
    priority: c.priority,
    priorityParts: x.priority,
    address: c.address,
    port: c.port,
    type: c.type,
    relatedAddress: c.relatedAddress,
    relatedPort: c.relatedPort,
    tcpType: c.tcpType,
    ufrag: found.usernameFragment ?? c.ufrag,
    generation: c.generation,
    networkId: c.networkId,
    networkCost: c.networkCost,
    relayProtocol: relay?.protocol ?? null,
    relayProtocolCertainty: relay?.certainty ?? null,
    relayProtocols: relay?.protocols ?? [],
    addressClass: x.address.class,
    addressFamily: x.address.family,
    sdpMid: found.sdpMid,
    sdpMLineIndex: found.sdpMLineIndex,
    time: found.source.timestamp ?? null,
    source: { line, ...rest },
  };
}
