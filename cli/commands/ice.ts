/** `sdpscope ice FILE...`: why ICE failed (or how it connected), per peer connection of each dump. */
import { SdpscopeError } from '../../src/errors.js';
import { readStatsDump } from '../../src/ice/dump.js';
import { explainIce, type IceReport } from '../../src/ice/explain.js';
import { readTextInput } from '../../src/node/files.js';
import { renderIce } from '../render/ice.js';
import { pretty } from '../render/json.js';
import { makeStyle } from '../render/style.js';
import { describeFailure, EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK } from '../run.js';

export interface IceCommandOptions {
  readonly files: readonly string[];
  readonly pc?: string;
  /** No file was given and --pc names a file: the id was probably forgotten (said if standard input is empty). */
  readonly pcIsFile?: boolean;
  readonly json: boolean;
  readonly color: boolean;
}

/**
 * `err` takes the one-line error of each file that cannot be read when there are several: the
 * others are read and reported (ICE dumps come in folders: one stray file had stopped the run
 * with nothing said of the rest), and the exit code is 2.
 */
export async function iceCommand(o: IceCommandOptions, out: (s: string) => void, err: (s: string) => void = () => undefined): Promise<number> {
  const files = o.files.length > 0 ? o.files : ['-'];
  // As candidates says it (README walk: the second "-" read as an empty standard input).
  if (files.filter((f) => f === '-').length > 1) throw new SdpscopeError('USAGE', 'standard input can be read only once');
  const all: { file: string; format: string; userAgent: string | null; notes: readonly string[]; cut: boolean; peerConnections: IceReport[]; otherIds?: string[] }[] = [];
  /** The files that could not be read (several files only), with their error. */
  const failed: { file: string; error: { code: string; message: string } }[] = [];
  const ids: string[] = [];
  for (const file of files) {
    const name = file === '-' ? 'standard input' : file;
    let dump;
    try {
      // Reading names the file itself ("x.txt is empty"); what the dump reader says is named here.
      const text = await readTextInput(file);
      try {
        dump = readStatsDump(text);
      } catch (e) {
        if (e instanceof SdpscopeError && (e.code === 'NOT_A_DUMP' || e.code === 'EMPTY_INPUT')) throw new SdpscopeError(e.code, `${name}: ${e.reason}`);
        throw e;
      }
    } catch (e) {
      if (o.pcIsFile === true && e instanceof SdpscopeError && e.code === 'EMPTY_INPUT') throw pcFileError(o.pc!);
      if (files.length === 1 || !(e instanceof SdpscopeError)) throw e;
      err(`${describeFailure('sdpscope', e).message}\n`);
      failed.push({ file: name, error: { code: e.code, message: e.message } });
      continue;
    }
    ids.push(`${files.length > 1 ? `${name}: ` : ''}${dump.peerConnections.length ? dump.peerConnections.map((pc) => pc.id).join(', ') : '(none)'}`);
    const pcs = dump.peerConnections.filter((pc) => o.pc === undefined || pc.id === o.pc);
    all.push({ file: name, format: dump.format, userAgent: dump.userAgent, notes: dump.notes, cut: dump.cut, peerConnections: pcs.map(explainIce), ...(o.pc !== undefined && pcs.length === 0 ? { otherIds: dump.peerConnections.map((pc) => pc.id) } : {}) });
  }
  const s = makeStyle(o.color);
  const count = all.reduce((n, f) => n + f.peerConnections.length, 0);
  // Not one file read: each said why on standard error already (and --json still writes its document).
  if (all.length === 0) {
    if (o.json) out(pretty({ files: [], unread: failed }) + '\n');
    return EXIT_BAD_INPUT;
  }
  if (count === 0) {
    const read = all.map((f) => f.file);
    if (o.pc !== undefined) throw new SdpscopeError('NO_PEER_CONNECTION', `no peer connection ${JSON.stringify(o.pc)} in ${read.join(', ')}: the ids are ${ids.join('; ')}`);
    // The hint for the tool that made the dump: only webrtc-internals must be open before the call.
    const formats = new Set(all.map((f) => f.format));
    const hint = formats.has('webrtc-internals') ? 'was webrtc-internals opened before the call?'
      : formats.has('rtcstats') ? 'the rtcstats client saw no RTCPeerConnection: was the call made in the page it watched, after it loaded?'
      : 'was the report taken while the call was up?';
    throw new SdpscopeError('NO_PEER_CONNECTION', `${read.join(', ')}: no peer connection in ${read.length > 1 ? 'these dumps' : 'this dump'} (${hint})`);
  }
  // One file: {format, userAgent, peerConnections}; several: {files: [{file, format, userAgent, peerConnections}]}.
  if (o.json) out(pretty(files.length === 1 ? { format: all[0]!.format, userAgent: all[0]!.userAgent, notes: all[0]!.notes, cut: all[0]!.cut, peerConnections: all[0]!.peerConnections } : { files: all.map(({ otherIds: _ids, ...f }) => f), ...(failed.length > 0 ? { unread: failed } : {}) }) + '\n');
  else
    for (const f of all) {
      if (files.length > 1) out(s.bold(`== ${f.file}\n`));
      for (const n of f.notes) out(`${s.yellow('!')} ${n}\n`);
      // With --pc, a dump without that one is said so, with its ids (ICE audit: "no peer connection in this dump" of one that had one).
      const none = f.otherIds !== undefined && f.otherIds.length > 0 ? `no peer connection ${JSON.stringify(o.pc)} in this dump (its ids: ${f.otherIds.slice(0, 20).join(', ')}${f.otherIds.length > 20 ? ', …' : ''})` : 'no peer connection in this dump';
      out(f.peerConnections.length > 0 ? renderIce(f.peerConnections, s, f) : s.dim(`${none}\n\n`));
    }
  // A peer connection never used (no-ice-data) is no failure of the call. A cut dump is 1 whatever
  // its verdicts: they are of what came before the cut (audit of the change: "connected", exit 0,
  // from a dump of a call lost later).
  if (failed.length > 0) return EXIT_BAD_INPUT;
  if (all.some((f) => f.cut)) return EXIT_FINDINGS;
  return all.every((f) => f.peerConnections.every((r) => r.verdict.code === 'connected' || r.verdict.code === 'closed-by-peer' || r.verdict.code === 'no-ice-data' || r.verdict.code === 'stats-filtered' || r.verdict.code === 'success-unconfirmed')) ? EXIT_OK : EXIT_FINDINGS;
}

/** `--pc FILE` with the id forgotten, and nothing on standard input: said so (README walk: "standard input is empty"). */
export const pcFileError = (pc: string) => new SdpscopeError('USAGE', `--pc takes a peer connection id, and ${JSON.stringify(pc)} is a file: sdpscope ice FILE --pc ID (without --pc, every peer connection)`);
