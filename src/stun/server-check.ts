/**
 * Why a STUN or TURN server check failed (`sdpscope probe`, `ProbeError.code`): a closed set,
 * each kind described once here (the README's table is generated from it). Pure.
 */
export const PROBE_ERRORS = {
  'no-answer': 'No answer before the deadline (UDP retransmitted meanwhile): the server is down or unreachable, or a firewall drops that protocol to that port. When UDP got nothing, a Binding over TCP to the same server tells whether UDP is what is blocked. Where the server showed it is there (it answered the Binding and not the Allocate: a STUN-only server; it accepted the TCP connection and answered nothing: another service on that port), the explanation says so. A `turn:` server that answers no Binding (TURN only) is asked its Allocate all the same.',
  refused: 'Nothing listens on that port: TCP refused the connection, or UDP got ICMP port unreachable back at once (the probe watches the first Binding to each UDP server from a connected socket, so a closed port is not waited out to the timeout). A wrong port, the server down, or a firewall that rejects (not drops). A Binding over TCP to the same port then tells a UDP-only problem apart.',
  unreachable: 'No route to the server from this machine (EHOSTUNREACH, ENETUNREACH), or another socket error.',
  dns: 'The server\'s host name does not resolve.',
  tls: 'The TLS handshake failed (turns:, stuns:): an untrusted, expired or mismatched certificate (NODE_EXTRA_CA_CERTS adds a CA), or a port that does not speak TLS.',
  'needs-credentials': 'The server answered 401 with a realm and a nonce and no credentials were given: pass --username and --credential.',
  unauthorized: '401 after credentials (RFC 8489 §9.2): a wrong username or password; for a username that reads as a TURN REST-API one whose time has passed, that is said as the likely cause.',
  forbidden: '403 (RFC 8656 §18.4): the server refuses this user or this peer address (loopback, a denied range, its own relay addresses); to an Allocate, which names no peer, this user or this client\'s address.',
  'allocation-mismatch': '437 (RFC 8656 §7.2): an allocation for this 5-tuple exists already.',
  'stale-nonce': '438 (RFC 8489 §9.2.4) on every retry: the server\'s nonces expire faster than a round trip.',
  'wrong-credentials': '441 (RFC 8656 §7.2): the username differs from the allocation\'s.',
  'unsupported-transport': '442 (RFC 8656 §7.2): the server does not relay UDP.',
  'allocation-quota': '486 (RFC 8656 §7.2): this user has too many allocations.',
  'insufficient-capacity': '508 (RFC 8656 §7.2): the server has no relay port left, or refuses new allocations.',
  'stun-error': 'Any other STUN error code (RFC 8489 §14.8), with the server\'s reason phrase. A 400 to the Allocate that carried the credentials, right after the 401 asking for them, is said to be what pion/turn (and LiveKit\'s server, built on it) answers a wrong username or password with.',
  integrity: 'An answer\'s MESSAGE-INTEGRITY does not match the credentials\' key (RFC 8489 §14.5): something rewrote it, or the server hashes differently.',
  'relay-unreachable': 'The server relayed between two of its own allocations, but a datagram from a plain socket of this machine to the relayed address it advertises did not come through (or the answer did not come back): no peer can reach the relay. The advertised address is not where the relay listens (coturn\'s --external-ip wrong or missing behind a NAT, a cloud VM\'s private address), or a firewall drops the relay ports. A server relays between its own allocations without going through that address (coturn maps it back), so only this leg shows it.',
  'relay-failed': 'Allocations were made but a datagram sent through one relay did not reach the other, or did not come back: the server\'s peer rules or a firewall between its relay ports.',
  closed: 'The server closed the TCP or TLS connection instead of answering: not a STUN/TURN server on that port, or it refused this client.',
  interrupted: 'The probe was interrupted (Ctrl-C, or SIGTERM) before the check finished; the allocations it had made were freed.',
  deadline: 'The whole probe ran past its deadline (`--deadline`, `deadlineMs`) before this check began or finished; the allocations it had made were freed.',
  'bad-response': 'An answer that no conforming server sends: bytes that do not decode as STUN (an RFC 3489 server without the magic cookie, a length that overruns, a FINGERPRINT that does not match), an error without ERROR-CODE or with a code outside 300–699, a success without a readable mapped or relayed address, an answer of another method or class, REALM or NONCE over 763 bytes, a 401 without them.',
  local: 'This machine could not open a socket (EMFILE: too many open files) or send the request (EMSGSIZE).',
} as const;

export type ProbeErrorCode = keyof typeof PROBE_ERRORS;
