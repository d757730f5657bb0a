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
 * <port> typ <type> [raddr <address> rport <port>]` (a non-host row without one: `raddr 0.0.0.0
 * rport 0`), its side the section it is in (the sender `local agent` or `remote agent`: two
 * agents' candidates read as one session had made their two mappings one NAT's), its media the
 * dump's with the local ufrag it states (`audio 6MxC6s2`, as the room: an audio and a video dump
 * are two calls, not one whose pairs mix them, and so are two calls' dumps of one media, whose
 * two mappings had made a false symmetric NAT). The ufrag is not the session's key (one ufrag for
 * every media would merge them again), and the password beside it is never read. A log prefix
 * before each line (journald, a time) is allowed. Real dumps: baresip#147, #292
 * (test/fixtures/logs).
 */
import { emitCandidate } from './found.js';
import { unbracket } from './text-scan.js';
import type { InputSink, Source } from './types.js';

const ADDRESS = String.raw`(\[[0-9A-Fa-f:.]{2,45}(?:%[\w.-]{1,32})?\]|[0-9]{1,3}(?:\.[0-9]{1,3}){3})`;
/**
 * A row, anywhere in its line (after a log prefix): `{component} fnd=<foundation>` padded to two
 * characters (libre's `%-2s`), the interface maybe with a colon of its own (`eth0:1`). Bounded
 * fields, one match a line (linear).
 */
const ROW = new RegExp(String.raw`\{([0-9]{1,3})\} fnd=([A-Za-z0-9+/]{1,32}) {1,2}prio=([0-9a-fA-F]{8}) (?:\S{1,64}?:)?(host|srflx|prflx|relay):${ADDRESS}:([0-9]{1,5})(?: \(rel-addr=${ADDRESS}:([0-9]{1,5})\))?[ \t]*$`);
/**
 * A section's header, its count two spaces after it as libre prints it, at the end of its line
 * (a log prefix may come before it): `Local Candidates:  (4)`.
 */
const SECTION = /\b(Local|Remote) Candidates: {2}\([0-9]{1,6}\)[ \t]*$/;
/** A dump's first line, its media: `----- ICE Media <audio> -----`. */
const MEDIA = /----- ICE Media <([^<>\s]{1,64})> -----/;
/** The dump's local ufrag (its password beside it is never read): `local_ufrag="6MxC6s2" local_pwd="…"`. */
const LOCAL_UFRAG = /\blocal_ufrag="([^"\s]{1,256})"/;

/** Whether a line may be a dump's (a cheap test before the regular expressions). */
export const mayBeDumpLine = (line: string): boolean => line.includes('} fnd=') || line.includes('Candidates:  (') || line.includes('----- ICE Media <') || line.includes('local_ufrag="');

export class BaresipDump {
  private side: 'local agent' | 'remote agent' | null = null;
  /** The room of its rows: the media, and the local ufrag where the dump states one. */
  private media: string | null = null;
  private ufrag: string | null = null;

  /** Reads the line if it is one of a dump's rows or section headers; false when it is not (it is then read as any line). */
  line(line: string, at: Source, sink: InputSink): boolean {
    const row = ROW.exec(line);
    if (row !== null) {
      const [, component, foundation, prio, type, address, port, raddr, rport] = row;
      // A row without rel-addr that is not a host (a remote prflx learned from a check, whose base
      // nobody knows): `raddr 0.0.0.0 rport 0`, as browsers write a base they hide and as the
      // Trickle ICE page's rows are read, so that no finding blames the dump's missing column.
      const related = raddr !== undefined ? ` raddr ${unbracket(raddr)} rport ${rport}` : type === 'host' ? '' : ' raddr 0.0.0.0 rport 0';
      const text = `candidate:${foundation} ${component} udp ${parseInt(prio!, 16)} ${unbracket(address!)} ${port} typ ${type}${related}`;
      const room = this.media === null ? null : this.ufrag === null ? this.media : `${this.media} ${this.ufrag}`;
      const where: Source = this.side === null ? at : room === null ? { ...at, sender: this.side } : { ...at, sender: this.side, room };
      emitCandidate(text, {}, where, sink, row.index + 1);
      return true;
    }
    const section = SECTION.exec(line);
    // Not a header where the line holds a candidate too (second audit of the change: it was lost).
    if (section !== null && !line.includes('andidate:')) {
      this.side = section[1] === 'Local' ? 'local agent' : 'remote agent';
      return true;
    }
    const media = MEDIA.exec(line);
    if (media !== null) {
      this.side = null;
      this.media = media[1]!;
      this.ufrag = null;
      return false;
    }
    const ufrag = LOCAL_UFRAG.exec(line);
    if (ufrag !== null && this.media !== null) {
      this.ufrag = ufrag[1]!;
      // Nothing else is read of it: the password is on this line.
      return true;
    }
    return false;
  }
}
