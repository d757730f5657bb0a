/**
 * What NO_SDP_FOUND can add about a file: lines that name a candidate type beside an address, in
 * a form no reader takes (pion's `udp4 srflx 1.2.3.4:5678 related …`, baresip's check lines:
 * candidates audit, each was a bare "no candidate found"), and the native ICE stack whose
 * log it looks like, with what to log instead. Reads the input's first MiB (kept as it was read:
 * standard input too), only when nothing was found.
 */
import { gluedSdpLines } from '../src/input/line-scanner.js';
import { GETSTATS_MARK, readInput } from '../src/input/read.js';

/** A candidate type word, not one before a quoted value (Asterisk's "host '24.34.48.22'" is a host name; candidates audit). */
const TYPE = /\b(?:host|srflx|prflx|relay)\b(?![ \t]{0,4}['"])/;
/** An IPv4 address, or an IPv6 one of five groups or more or with "::" (not a time, "10:43:42"). */
const ADDRESS = /\b\d{1,3}(?:\.\d{1,3}){3}\b|\b(?:[0-9a-f]{1,4}:){4,7}[0-9a-f]{1,4}\b|\b[0-9a-f]{1,4}::[0-9a-f]{1,4}\b/i;
/** A line that speaks of a candidate. */
const ANNOUNCED = /\bcandidate\b/i;
/** A candidate as Firefox's about:webrtc ICE Stats table writes it: "192.168.1.2:5000/udp(host)" (ICE audit: janus-gateway#508's table went unsaid). */
const FIREFOX_CELL = /:\d{1,5}\/(?:udp|tcp)\((?:host|serverreflexive|peerreflexive|relayed|relay)[\w-]{0,16}\)/;
/** Longer lines are not looked at (a candidate line is under 600 characters). */
const MAX_LINE = 2000;

/**
 * Native ICE stacks whose own logs print candidates without the fields a candidate line needs
 * (research of their sources and of logs in their issues, 2026-12-06): what each leaves out, and
 * what to log instead for lines sdpscope reads. The first whose mark a line has is named.
 */
const STACKS: readonly { readonly mark: RegExp; readonly says: string }[] = [
  {
    // getStats() results saved as JSON (an RTCStatsReport's values): `sdpscope ice` reads them (dumps audit: a bare "no candidate found").
    // A snapshot from before ICE began has no candidate in it, only a transport or a peer-connection (real-dump audit).
    // Firefox before 50 named them localcandidate, remotecandidate, candidatepair (ICE audit: rtc-health's Firefox 36 stats got a bare NO_SDP_FOUND).
    mark: GETSTATS_MARK,
    says: 'it looks like getStats() results (RTCStats objects: candidate-pair, local-candidate…), which sdpscope ice reads (the pairs, their checks, the verdict); the candidate lines themselves are in the icecandidate events and the SDPs',
  },
  {
    // pion/ice's Candidate.String() (candidate_base.go) in its trace lines; webrtc-rs prints the same.
    mark: /\b(?:udp|tcp)[46] (?:host|srflx|prflx|relay) \S{1,300}:\d{1,5}\b|\b[Pp]ing STUN from |Setting new connection state: (?:New|Checking|Connected|Completed|Disconnected|Failed|Closed)\b|\bSet selected candidate pair: |\(local, prio \d/,
    says: 'it looks like pion/ice\'s log (or webrtc-rs\'), whose "udp4 host 10.0.0.1:5000" leaves out each candidate\'s foundation and ufrag (its priority is in pair lines only): log ICECandidate.ToJSON().Candidate in OnICECandidate, and the SDPs (for the ufrags), for lines sdpscope reads',
  },
  {
    // libnice's debug lines (agent.c, conncheck.c): through GLib, or forwarded by libdatachannel as "nice: …".
    mark: /libnice-DEBUG|\bnice: Agent |\bAgent (?:0x)?[0-9a-f]{6,16} ?: (?:gathered|Adding|new pair|added a new pair|STUN-CC)/,
    says: 'it looks like libnice\'s debug log, which leaves out each candidate\'s type, foundation and related address (and a local one\'s priority): log the candidate lines the application signals (GStreamer webrtcbin\'s on-ice-candidate, Janus\' trickle), and the SDPs',
  },
  {
    // Janus' own lines about the candidates libnice found (ice.c), beside its trickle lines.
    mark: /\bAdding remote candidate component:\d{1,3} stream:\d{1,3} type:|\bDiscovered new remote candidate for component /,
    says: 'it looks like Janus\' ICE log, whose own lines about a candidate libnice found ("Discovered new remote candidate … type=prflx", then its address, priority and foundation over lines) are not read: its "Trickle candidate (mid): candidate:…" lines and the SDPs are (a peer-reflexive candidate, learned from a check, is in neither)',
  },
  {
    // The Amazon KVS WebRTC C SDK's IceAgent.c.
    mark: /\bice candidate discovered\. Id: |\bfromCheckConnectionIceAgentState\(\)|\bIce agent state changed from ICE_AGENT_STATE_/,
    says: 'it looks like the KVS WebRTC SDK\'s log, whose "New local ice candidate discovered" leaves out each candidate\'s foundation, priority and related address: log the signaling messages (their ICE_CANDIDATE and SDP payloads are read, base64 or not)',
  },
  {
    // baresip's check lines (libre's icecomp_printf): its ICE media dump is read (src/input/baresip.ts).
    mark: /\{ {0,12}\w{1,16}\.\d\} /,
    says: 'it looks like baresip\'s log, whose check lines ("{audio.1} Rx host:… <--- srflx:…") name a candidate\'s type and address only: its ICE media dump (the "Local Candidates:" and "Remote Candidates:" of its debug output) is read, and so are the SDPs',
  },
  {
    // Firefox's about:webrtc page as text: its ICE Stats table's pairs (`10.0.0.1:5000/udp(host)`), which `sdpscope ice` reads (candidates audit: a bare "form sdpscope does not read").
    mark: /\S:\d{1,5}\/(?:udp|tcp)\((?:host|srflx|prflx|relay|relayed(?:-udp|-tcp)?|serverreflexive|peerreflexive)\)/i,
    says: 'it looks like the ICE Stats table of Firefox\'s about:webrtc page, whose pairs name each candidate by its address and type only: sdpscope ice reads the table (its verdict, its pairs); the candidate lines are in the page\'s raw candidates and its SDPs ("Show SDP")',
  },
  {
    // aioice's pair checks (ice.py): addresses only.
    mark: /\bCandidatePair\(\('/,
    says: 'it looks like aioice\'s log, whose CandidatePair checks name addresses only (its Candidate(…) lines are read): log the RTCIceCandidate objects (their repr is read) or the SDPs',
  },
];

/** ": N lines name a candidate type and an address …", or "" (none): of the input's first MiB (`head`; `whole`: all of it). */
export function unreadCandidatesHint(head: { readonly text: string; readonly whole: boolean }): string {
  const text = head.text;
  let count = 0;
  let first: { line: number; text: string } | null = null;
  let stack: string | null = null;
  // getStats JSON saved minified is one long line (audit of the change: no hint for it): its mark looked for in the head as a whole.
  const getStats = STACKS[0]!;
  if (getStats.mark.test(text)) stack = getStats.says;
  // SDP lines glued together, their breaks lost (a post's paste): said, not a bare NO_SDP_FOUND
  // (new-user audit: the sdp-lines-glued warning showed only beside a candidate).
  if (stack === null && gluedSdpLines(text)) stack = 'it holds SDP lines glued together, their line breaks lost ("…a=rtcp-muxa=rtpmap:111 …"): where each line ends cannot be told; take the description again with its line breaks (the application\'s own log of the SDP, a webrtc-internals dump)';
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.length > MAX_LINE) continue;
    stack ??= STACKS.find((s) => s.mark.test(l))?.says ?? null;
    if (!TYPE.test(l) || !ADDRESS.test(l)) continue;
    count++;
    first ??= { line: i + 1, text: l.trim() };
  }
  if (first === null) return stack === null ? '' : `; ${stack}`;
  const shown = first.text.length > 80 ? `${first.text.slice(0, 80)}…` : first.text;
  return `; ${count}${head.whole ? '' : '+'} line${count === 1 ? ' names' : 's name'} a candidate type and an address in a form sdpscope does not read (line ${first.line}: ${JSON.stringify(shown)}): ${stack ?? 'README\'s "What it reads" lists the forms read'}`;
}

/**
 * Lines of the input's first MiB that name a candidate type beside an address and that no reader
 * took (no candidate, description or problem at that line), when other candidates were read: a
 * note that they were passed over, with the first (candidate-log audit: KVS's "New remote ice
 * candidate discovered … Ip: …" lines went unsaid beside one candidate read); "" when none.
 */
export function unreadLinesNote(head: { readonly text: string; readonly whole: boolean }): string {
  const lines = head.text.split('\n');
  // The lines the note could name, by their words alone: with none, the input is not read again
  // (it was, whole, for every table: twice the work on an input under 1 MiB, a fuzzer's finding).
  const named: number[] = [];
  for (let i = 0; i < lines.length; i++) if (mayName(lines[i]!)) named.push(i);
  if (named.length === 0) return '';
  const r = readInput(head.text);
  const read = new Set<number>();
  // The endpoints read: a line naming one again (Janus's "Adding remote candidate … 10.30.2.74:57112"
  // after the candidate line) says nothing new.
  const endpoints: string[] = [];
  for (const c of r.candidates) {
    read.add(c.source.line);
    if (c.candidate && endpoints.length < 4096) endpoints.push(`${c.candidate.address}:${c.candidate.port}`, `${c.candidate.address} ${c.candidate.port}`);
  }
  for (const p of r.problems) if (p.line !== null) read.add(p.line);
  // An SDP's own lines (its a=candidate lines among them) are read with it.
  for (const d of r.descriptions) {
    const n = d.text.split('\n').length;
    for (let i = 0; i < n; i++) read.add(d.source.line + i);
  }
  let count = 0;
  let first: { line: number; text: string } | null = null;
  for (const i of named) {
    const l = lines[i]!;
    if (read.has(i + 1) || endpoints.some((e) => l.includes(e))) continue;
    count++;
    first ??= { line: i + 1, text: l.trim() };
  }
  if (first === null) return '';
  const shown = first.text.length > 80 ? `${first.text.slice(0, 80)}…` : first.text;
  return `${count}${head.whole ? '' : '+'} other line${count === 1 ? ' names' : 's name'} a candidate type and an address in a form sdpscope does not read, passed over (line ${first.line}: ${JSON.stringify(shown)}): README's "What it reads" lists the forms read`;
}

/**
 * A line that announces a candidate in other words ("New remote ice candidate discovered … Ip: …,
 * Type: host"), not one in a read form ("candidate:…", whose object may start lines above) nor a
 * pair, a port or a check that names addresses (libwebrtc's Port[…], baresip's checks).
 */
function mayName(l: string): boolean {
  const cell = FIREFOX_CELL.test(l);
  return l.length <= MAX_LINE && (ANNOUNCED.test(l) || cell) && !/candidate:/i.test(l) && (TYPE.test(l) || cell) && ADDRESS.test(l);
}
