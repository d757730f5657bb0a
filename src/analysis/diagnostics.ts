/** What `sdpscope candidates` finds in a log: a tagged union on `code`, one table describing each. */
import type { DiagnosticInfo, Severity } from '../diagnostics.js';

export const LOG_DIAGNOSTICS = {
  'no-srflx': {
    severity: 'warning',
    title: 'No server-reflexive candidate',
    description: 'Only host (and maybe relay) candidates: no STUN server was configured, it was unreachable, or outbound UDP is blocked. A peer outside this network cannot reach the host addresses.',
    reference: 'RFC 8445 §5.1.1.2; RFC 8489',
  },
  'no-relay': {
    severity: 'info',
    title: 'No relay candidate',
    description: 'No TURN server was configured, or it was unreachable, or refused the credentials (401/403). Without a relay, two symmetric NATs or a UDP-blocking firewall cannot be crossed.',
    reference: 'RFC 8656; RFC 8445 §5.1.1.2',
  },
  'relay-private-address': {
    severity: 'warning',
    title: 'Relay candidate with a private address',
    description: 'The TURN server allocated on a private, CGNAT or loopback address: it is behind NAT and does not announce its public address (coturn: external-ip). Remote peers cannot reach it.',
    reference: 'RFC 8656 §7; coturn --external-ip',
  },
  'only-mdns-hosts': {
    severity: 'info',
    title: 'Host addresses hidden behind mDNS names',
    description: 'Every host candidate is a .local name (the browser had no media permission or hides local IPs). Only a peer on the same link can resolve them; others need srflx or relay.',
    reference: 'draft-ietf-mmusic-mdns-ice-candidates; RFC 6762',
  },
  'only-tcp': {
    severity: 'warning',
    title: 'Only TCP candidates',
    description: 'No UDP candidate at all: UDP is probably blocked by a firewall (the seed\'s "protocol restriction"). Media over TCP or TURN/TLS only.',
    reference: 'RFC 6544; RFC 8656',
  },
  'ipv6-only': {
    severity: 'info',
    title: 'IPv6 candidates only',
    description: 'No IPv4 candidate: an IPv4-only peer cannot pair with any of them.',
    reference: 'RFC 8445 §6.1.2.2',
  },
  'type-preference-mismatch': {
    severity: 'warning',
    title: 'Type preference contradicts the type',
    description: 'The priority\'s top byte is not a type preference any implementation uses for the declared type: the line was edited or rewritten.',
    reference: 'RFC 8445 §5.1.2.1',
  },
  'candidate-lint': {
    severity: 'warning',
    title: 'Candidate line outside the grammar\'s rules',
    description: 'A candidate that parses but breaks a rule: no raddr/rport on srflx/relay, an address that is not an address, a foundation outside 1*32ice-char.',
    reference: 'RFC 8839 §5.1',
  },
  'duplicate-candidate': {
    severity: 'info',
    title: 'Candidate seen more than once',
    description: 'The same candidate (foundation, component, transport, address, port, type) arrived again in one session: a resend, or a log that records both sides.',
    reference: 'RFC 8838 §4',
  },
  'ice-restart': {
    severity: 'info',
    title: 'ICE restart',
    description: 'The same peer connection or sender started using a new ufrag: an ICE restart (or a new call on the same connection).',
    reference: 'RFC 8445 §9; RFC 8839 §4.4.1.1.1',
  },
  'end-of-candidates-missing': {
    severity: 'info',
    title: 'No end-of-candidates',
    description: 'The session never signalled the end of gathering (a null candidate frame or a=end-of-candidates), so the peer cannot know gathering finished.',
    reference: 'RFC 8838 §8.2; RFC 8840 §4.1',
  },
  'unparseable-candidate': {
    severity: 'error',
    title: 'Candidate line that does not parse',
    description: 'Text that starts like a candidate but is not one (the error code says where it breaks). Counted and skipped; --strict makes it fatal.',
    reference: 'RFC 8839 §5.1',
  },
  'invalid-json': {
    severity: 'warning',
    title: 'Truncated or invalid JSON',
    description: 'A line that starts like JSON but does not parse (cut by a log line limit?). Candidates in its text were still looked for.',
    reference: 'RFC 8259',
  },
  'binary-data': {
    severity: 'warning',
    title: 'Binary data',
    description: 'A line with NUL bytes or invalid UTF-8 was skipped.',
    reference: '-',
  },
  'line-too-long': {
    severity: 'warning',
    title: 'Line too long',
    description: 'A line longer than the limit (64 MiB by default) was skipped to keep memory bounded.',
    reference: '-',
  },
  'sessions-evicted': {
    severity: 'info',
    title: 'Sessions reported early to bound memory',
    description: 'More sessions were open at once than the limit; the least recently active ones were reported and dropped. Pairs between an evicted session and a later peer are not predicted.',
    reference: '-',
  },
} as const satisfies Record<string, DiagnosticInfo>;

export type LogDiagnosticCode = keyof typeof LOG_DIAGNOSTICS;

export interface LogDiagnostic {
  readonly code: LogDiagnosticCode;
  readonly severity: Severity;
  /** The session it is about, or null for the input as a whole. */
  readonly session: string | null;
  readonly message: string;
  /** 1-based input line, where one applies. */
  readonly line: number | null;
}

export function logDiagnostic(code: LogDiagnosticCode, message: string, session: string | null = null, line: number | null = null): LogDiagnostic {
  return { code, severity: LOG_DIAGNOSTICS[code].severity, session, message, line };
}
