/** The candidate table: the Trickle ICE page's columns and more. Pure. */
import { explainCandidate, formatPriorityParts, type Candidate, type FoundCandidate } from '../../src';
import { table, type Style } from './style';

function relayCell(c: Candidate): string {
  const r = explainCandidate(c).relayProtocol;
  if (!r) return '';
  if (r.protocol) return r.protocol;
  if (r.certainty === 'ambiguous') return [...new Set(r.readings.map((x) => x.protocol))].join('/') + '?';
  return '?';
}

function typeCell(type: string, s: Style): string {
  switch (type) {
    case 'host':
      return s.green(type);
    case 'srflx':
      return s.cyan(type);
    case 'prflx':
      return s.blue(type);
    case 'relay':
      return s.magenta(type);
    default:
      return s.red(type);
  }
}

export function candidateRows(found: readonly FoundCandidate[], s: Style): string[][] {
  return found.map((f) => {
    if (!f.candidate) {
      return [String(f.source.line), f.sdpMid ?? '', '', s.red('invalid'), '', '', s.red(f.error?.code ?? ''), '', '', s.dim(f.text.slice(0, 60))];
    }
    const c = f.candidate;
    const x = explainCandidate(c);
    const related = c.relatedAddress !== null ? `${c.relatedAddress}:${c.relatedPort ?? ''}` : '';
    const extras = [
      c.tcpType !== null ? `tcptype ${c.tcpType || '""'}` : '',
      c.generation !== null ? `gen ${c.generation}` : '',
      c.networkId !== null ? `net-id ${c.networkId}` : '',
      c.networkCost !== null ? `cost ${c.networkCost}` : '',
    ].filter(Boolean).join(' ');
    return [
      String(f.source.line),
      f.sdpMid ?? (f.sdpMLineIndex !== null ? `#${f.sdpMLineIndex}` : ''),
      String(c.component),
      typeCell(c.type, s),
      c.foundation,
      c.transport,
      c.address,
      String(c.port),
      formatPriorityParts(x.priority),
      related,
      relayCell(c),
      x.address.class,
      extras,
    ];
  });
}

export const CANDIDATE_HEADER = ['line', 'mid', 'comp', 'type', 'foundation', 'proto', 'address', 'port', 'priority (type|local|comp)', 'related', 'relay', 'class', 'extensions'];

export function renderCandidateTable(found: readonly FoundCandidate[], s: Style): string {
  return table(CANDIDATE_HEADER, candidateRows(found, s), s);
}
