/**
 * baresip's ICE dump (libre's icem_debug: `----- ICE Media <audio> -----`), which prints every
 * field of each candidate, its own and its peer's apart:
 *
 *      local_ufrag="6MxC6s2" local_pwd="…"
 *      Local Candidates:  (4)
 *       {1} fnd=c0a80264 prio=7e000aff enp8s0:host:192.168.2.100:38774
 *       {1} fnd=2f4741c7 prio=640000ff enp8s0:srflx:47.71.65.198:38774 (rel-addr=192.168.2.100:38774)
 *      Remote Candidates:  (4)
 *       {1} fnd=369ff91d prio=6e0000ff prflx:10.0.1.6:17522
 *
 * A row is `{component} fnd=<foundation> prio=<priority, 8 hex digits> [<interface>:]<type>:<address>:<port>`
 * then ` (rel-addr=<address>:<port>)`, an IPv6 address in brackets (libre's icem_cands_debug and
 * icem_cand_print). libre's ICE is UDP only (its enum ice_transp has UDP alone). Each row is read
 * as the candidate line it stands for, `candidate:<foundation> <component> udp <priority> <address>
 * <port> typ <type> [raddr <address> rport <port>]` (a non-host row without one: `raddr 0.0.0.0 rport 0`), its side the section it is in (the sender
 * `local agent` or `remote agent`: two agents' candidates read as one session had made their two
 * mappings one NAT's), the local ones under the local ufrag the dump states. The password on the
 * ufrag's line is never read. Real dumps: baresip#147, #292 (test/fixtures/logs).
 */
import { emitCandidate } from './found.js';
import type { InputSink, Source } from './types.js';

const ADDRESS = String.raw`(\[[0-9A-Fa-f:.]{2,45}\]|[0-9]{1,3}(?:\.[0-9]{1,3}){3})`;
/** A row; bounded fields, one match a line (linear). */
const ROW = new RegExp(String.raw`^[ \t]{0,16}\{([0-9]{1,3})\} fnd=([A-Za-z0-9+/]{1,32}) prio=([0-9a-f]{8}) (?:[^\s:]{1,64}:)?(host|srflx|prflx|relay):${ADDRESS}:([0-9]{1,5})(?: \(rel-addr=${ADDRESS}:([0-9]{1,5})\))?[ \t]*$`);
const SECTION = /^[ \t]{0,16}(Local|Remote) Candidates:/;
/** Another part of the dump (or a new dump): no side until the next section. */
const OTHER_PART = /^[ \t]{0,16}(?:Components|Check list|Valid list|Selected)\b|----- ICE Media </;
const LOCAL_UFRAG = /^[ \t]{0,16}local_ufrag="([^"\s]{1,256})"/;

const bare = (address: string): string => (address.startsWith('[') ? address.slice(1, -1) : address);

/** Whether a line may be a dump's (a cheap test before the regular expressions): its first character after blanks, or the dump's first line. */
export function mayBeDumpLine(line: string): boolean {
  let i = 0;
  while (i < 16 && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const c = line.charCodeAt(i);
  // { L(ocal) R(emote) C(omponents, heck list) V(alid) S(elected) l(ocal_ufrag)
  return c === 0x7b || c === 0x4c || c === 0x52 || c === 0x43 || c === 0x56 || c === 0x53 || c === 0x6c || line.includes('----- ICE Media <');
}

export class BaresipDump {
  private side: 'local agent' | 'remote agent' | null = null;
  private ufrag: string | null = null;

  /** Reads the line if it is one of a dump's (a row, a section, the local ufrag); false when it is not. */
  line(line: string, at: Source, sink: InputSink): boolean {
    const row = ROW.exec(line);
    if (row !== null) {
      const [, component, foundation, prio, type, address, port, raddr, rport] = row;
      // A row without rel-addr that is not a host (a remote prflx learned from a check, whose base
      // nobody knows): `raddr 0.0.0.0 rport 0`, as browsers write a base they hide and as the
      // Trickle ICE page's rows are read, so that no finding blames the dump's missing column.
      const related = raddr !== undefined ? ` raddr ${bare(raddr)} rport ${rport}` : type === 'host' ? '' : ' raddr 0.0.0.0 rport 0';
      const text = `candidate:${foundation} ${component} udp ${parseInt(prio!, 16)} ${bare(address!)} ${port} typ ${type}${related}`;
      const local = this.side === 'local agent';
      emitCandidate(text, local && this.ufrag !== null ? { usernameFragment: this.ufrag } : {}, this.side !== null ? { ...at, sender: this.side } : at, sink, line.indexOf('{') + 1);
      return true;
    }
    const section = SECTION.exec(line);
    if (section !== null) {
      this.side = section[1] === 'Local' ? 'local agent' : 'remote agent';
      return true;
    }
    if (OTHER_PART.test(line)) {
      this.side = null;
      if (line.includes('----- ICE Media <')) this.ufrag = null;
      return false;
    }
    const ufrag = LOCAL_UFRAG.exec(line);
    if (ufrag !== null) {
      this.ufrag = ufrag[1]!;
      return true;
    }
    return false;
  }
}
