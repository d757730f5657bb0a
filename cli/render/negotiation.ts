/** sdp-diff's report: per m-line, what was negotiated and why; then diagnostics. Pure. */
import type { DescriptionDiff, DescriptionPair, Diagnostic, MediaNegotiation, Negotiation, NegotiationDiagnostic, SessionDescription, SimulcastNegotiation } from '../../src/index.js';
import { writeLine } from '../../src/sdp/line.js';
import { multisetDiff } from '../../src/negotiation/diff.js';
import { renderActions, renderDiagnostics } from './diagnostics.js';
import { clip, table, type Style } from './style.js';
import { pushAll } from '../../src/arrays.js';
import { groupMids } from './parse.js';

/** The codec table's last column, rtcp-fb or why a codec was not negotiated: cut far later than other cells (it moves no column), still bounded. */
const REASON_CELL = 512;

function where(f: DescriptionPair['first'], name: string): string {
  const bits = [`${name}:${f.source.line}`];
  if (f.source.peerConnection) bits.push(`pc ${f.source.peerConnection}`);
  if (f.source.event) bits.push(f.source.event);
  return bits.join(', ');
}

/** What one side's input and description say about themselves (JSON that did not parse, a cut SDP...). */
export interface SideFindings {
  readonly side: 'offer' | 'answer' | 'before' | 'after';
  /** Problems of the input it was read from: lines count in the file. */
  readonly input: readonly Diagnostic[];
  /** The description's own diagnostics: lines count in the SDP. */
  readonly description: readonly Diagnostic[];
}

/** The header of one side: where it came from, then its own findings. */
function sideHeader(label: string, f: DescriptionPair['first'], name: string, findings: SideFindings, s: Style): string[] {
  return [
    s.bold(label.padEnd(7)) + where(f, name),
    ...renderDiagnostics(findings.input, s, 5).map((l) => `       ${l}`),
    ...renderDiagnostics(findings.description, s, 10, 'SDP line').map((l) => `       ${l}`),
  ];
}

function statusText(m: MediaNegotiation, s: Style): string {
  switch (m.status) {
    case 'accepted':
      return s.green('accepted');
    case 'bundle-only':
      return s.green('accepted (bundle-only)');
    case 'moved-out-of-bundle':
      return s.yellow('accepted, moved out of BUNDLE');
    case 'rejected':
      return s.red('rejected');
    case 'missing':
      return s.red('no answer m-line');
    case 'mismatched':
      return s.red('not negotiated: the answer\'s m-line here is of another kind');
  }
}

const ok = (b: boolean, s: Style) => (b ? s.green('✓') : s.red('✗'));

/**
 * A value a session-level line gives every m-line (a ufrag, a fingerprint), cut for its line:
 * one of 842,050 characters was printed twice for each of 300 m-lines, past the longest string
 * V8 makes (fuzz seed 20261205, "Invalid string length"). RFC 8839 bounds a ufrag at 256.
 */
const inherited = (v: string) => clip(v, 256);

function mediaBlock(m: MediaNegotiation, mine: readonly NegotiationDiagnostic[], s: Style, sipLegs: boolean): string[] {
  const out: string[] = [];
  // The tag whose transport the group uses is the answer's (RFC 8843 §7.3.1; BUNDLE audit: an answer
  // group "1 0", or the offer's tag rejected, still labelled the offer's tag alone). An m-line the
  // answer moved out is in the offer's group only (SFU-pairs audit: "moved out of BUNDLE · in BUNDLE").
  const b = m.bundle;
  const tag = b.offerTag && b.answerTag ? ' · BUNDLE tag' : b.offerTag ? " · the offer's BUNDLE tag" : b.answerTag ? " · in BUNDLE, the answer's tag" : b.inOffer && b.inAnswer ? ' · in BUNDLE' : b.inOffer ? " · in the offer's BUNDLE" : '';
  out.push(s.bold(`m-line ${m.index} · ${m.kind} · mid ${m.mid ?? '-'} · `) + statusText(m, s) + s.dim(`${tag} · ${m.protocol.offer}${m.protocol.answer && m.protocol.answer !== m.protocol.offer ? ' → ' + m.protocol.answer : ''}`));
  // Chromium sends nothing where the answer pauses every simulcast layer or names none the offer sends (sdp-diff audit: "offerer sends" of an m-line that sent 0 packets).
  const silent = m.direction.offererSends && m.simulcast?.chromiumSendsNothing === true ? s.yellow(' (Chromium: nothing, see simulcast)') : '';
  // Another kind in the answer's place: nothing to compare, its finding says so (sdp-diff audit: every row had read as negotiated).
  if (m.status === 'mismatched') {
    if (mine.length > 0) pushAll(out, renderDiagnostics(mine, s).map((l) => '  ' + l));
    return out;
  }
  const flow = m.status === 'rejected' || m.status === 'missing' ? '' : `  offerer ${m.direction.offererSends ? `sends${silent}` : s.yellow('does not send')}, answerer ${m.direction.answererSends ? 'sends' : s.yellow('does not send')}`;
  // No answer m-line: nothing of the answer to hold against the offer, so no ✓ (README audit); an offer's own fault still ✗.
  const mark = (valid: boolean) => (m.status === 'missing' && valid ? '' : ` ${ok(valid, s)}`);
  out.push(`  direction  ${m.direction.offer} → ${m.direction.answer ?? '-'}${mark(m.direction.valid)}${flow}`);
  if (m.dtls.offerSetup !== null || m.dtls.answerSetup !== null || m.dtls.offerFingerprints.length > 0) {
    // A bundled answer m-line other than the tag uses the tag's transport: the roles are the tag's, its own a=setup is not applied.
    const shared = m.bundle.answerSharesTag && m.status !== 'rejected' && m.status !== 'missing';
    const roles = m.dtls.offererRole ? `: offerer DTLS ${m.dtls.offererRole}, answerer ${m.dtls.answererRole}${shared ? ' (the BUNDLE tag\'s transport)' : ''}` : '';
    out.push(`  DTLS       setup ${m.dtls.offerSetup ?? '-'} → ${m.dtls.answerSetup ?? '-'}${mark(m.dtls.valid)}${roles} · fingerprint ${m.dtls.offerFingerprints.map(inherited).join(',') || s.red('none')} / ${m.dtls.answerFingerprints.map(inherited).join(',') || (m.status === 'rejected' || m.status === 'missing' ? '-' : s.red('none'))}`);
  }
  const a = m.ice.answer;
  // A bundled answer m-line other than the tag needs no credentials of its own: the tag's are used.
  const tags = a !== null && (a.ufrag === null || a.pwd === null) && m.bundle.answerSharesTag;
  const iceOk = m.ice.offer.ufragValid && m.ice.offer.pwdValid && (!a || m.status === 'rejected' || tags || (a.ufragValid && a.pwdValid));
  // rtcp-mux is RTP's: not said of a data channel or BFCP (pairs audit: "rtcp-mux no / no" on SCTP).
  const mux = !/RTP/i.test(m.protocol.offer) ? '' : ` · rtcp-mux ${m.rtcpMux.offer ? 'yes' : 'no'} / ${m.rtcpMux.answer === null ? '-' : m.rtcpMux.answer ? 'yes' : 'no'}`;
  // An answer m-line in use without a ufrag is "none", as the offer's is; "-" is no answer m-line or a rejected one (pairs audit: "none / -").
  const answerUfrag = a?.ufrag != null ? inherited(a.ufrag) : tags ? 'none' : a === null || m.status === 'rejected' || m.status === 'missing' ? '-' : s.red('none');
  if (sipLegs) out.push(`  ICE        none on either side (SIP/RTP legs: the addresses are c= and m=)${mux}`);
  else out.push(`  ICE        ufrag ${m.ice.offer.ufrag !== null ? inherited(m.ice.offer.ufrag) : s.red('none')} / ${answerUfrag}${tags ? ' (the BUNDLE tag\'s are used)' : ''}${mark(iceOk)}${m.ice.offer.lite || a?.lite ? ` · ice-lite ${m.ice.offer.lite && a?.lite ? 'both' : m.ice.offer.lite ? 'offer' : 'answer'}` : ''}${mux}`);
  // Each side's max-message-size is what it receives: the other sends at most that (RFC 8841 §6; data channel audit: which way each number limits went unsaid, and 0 read as nothing).
  if (m.sctp) out.push(`  SCTP       port ${m.sctp.offerPort ?? '-'} / ${m.sctp.answerPort ?? '-'} · max-message-size ${messageSize(m.sctp.offerMaxMessageSize)} / ${messageSize(m.sctp.answerMaxMessageSize)} (the largest message each side receives: the other sends at most that)`);

  const rows: string[][] = [];
  for (const c of m.codecs.negotiated) {
    rows.push([s.green('✓'), codecName(c), String(c.offerPayloadType), String(c.answerPayloadType), keyFirst(c.fmtp), c.rtx ? `${c.rtx.offerPayloadType}/${c.rtx.answerPayloadType}` : '', c.rtcpFeedback.join(', ')]);
  }
  for (const c of m.codecs.offerOnly) rows.push([s.red('✗'), codecName(c), String(c.payloadType), '-', keyFirst(c.fmtp), '', s.red(c.reason)]);
  for (const c of m.codecs.answerOnly) rows.push([s.red('!'), codecName(c), '-', String(c.payloadType), keyFirst(c.fmtp), '', s.red(c.reason)]);
  if (rows.length > 0) {
    out.push('  codecs');
    pushAll(out, table(['', 'codec', 'offer PT', 'answer PT', 'fmtp (✓ ! answer, ✗ offer)', 'rtx', 'rtcp-fb / reason'], rows, s, REASON_CELL).split('\n').map((l) => '    ' + l));
  }
  const ext = m.headerExtensions;
  if (ext.negotiated.length + ext.offerOnly.length + ext.answerOnly.length > 0) {
    // A URI with backslashes (Skype for Business's) shown whole: cut at its "http:" it read as another name.
    const short = (uri: string) => (uri.includes('\\') ? uri : uri.replace(/^.*[/:]/, ''));
    // Those answered in directions that leave them unused are counted apart (audit of the change: "5 negotiated (… unused …)").
    const used = ext.negotiated.filter((e) => e.sends.offerer || e.sends.answerer).length;
    out.push(`  header extensions  ${used} negotiated${used < ext.negotiated.length ? `, ${ext.negotiated.length - used} unused` : ''}${ext.negotiated.length ? ` (${ext.negotiated.map((e) => `${e.answerId} ${short(e.uri)}${e.sends.offerer && e.sends.answerer ? '' : e.sends.offerer ? ' offerer → answerer' : e.sends.answerer ? ' answerer → offerer' : s.yellow(' unused')}`).join(', ')})` : ''}${ext.offerOnly.length ? ` · offer only: ${ext.offerOnly.map((e) => short(e.uri)).join(', ')}` : ''}${ext.answerOnly.length ? s.red(` · answer only: ${ext.answerOnly.map((e) => short(e.uri)).join(', ')}`) : ''}`);
  }
  // An alternative the answer left out is said (RFC 8853 §6.2.1: "2,3 ✓ 2 (3 dropped)").
  const kept = (l: SimulcastNegotiation['layers'][number]) => (l.received && l.answered.length < l.rids.length ? ` ${l.answered.join(',')} (${l.rids.filter((r) => !l.answered.includes(r)).join(',')} dropped)` : '');
  const layer = (l: SimulcastNegotiation['layers'][number]) => `${l.rids.join(',')} ${!l.received ? s.red('✗') : l.paused ? s.yellow('paused') : s.green('✓')}${kept(l)}`;
  // Not answered: one stream, the first layer's (Chromium keeps that encoding; sdp-diff audit: every layer ✗ read as nothing sent).
  const one = m.simulcast?.answer === null && m.direction.offererSends ? `one stream, no simulcast (Chromium sends the first layer, ${m.simulcast.layers[0]?.rids.join(',') ?? ''})` : null;
  if (m.simulcast !== null) out.push(`  simulcast  send ${m.simulcast.offer} → recv ${m.simulcast.answer ?? s.red('none')} · ${one ?? m.simulcast.layers.map(layer).join(' · ')}`);
  // Legacy simulcast by ssrc (a=ssrc-group:SIM, no rids): nothing to answer, said so it is not taken for rid simulcast (simulcast audit: only the ssrcs showed).
  for (const [side, groups] of [['offer', m.streams.offer.sim], ['answer', m.streams.answer.sim]] as const) {
    for (const g of groups ?? []) out.push(`  simulcast  legacy, the ${side}'s a=ssrc-group:SIM: ${g.length} layer${g.length === 1 ? '' : 's'} by ssrc (${g.join(' ')}), no rids; nothing for the ${side === 'offer' ? 'answer' : 'offer'} to take`);
  }
  // The offer receives simulcast (a server asking for layers): the answer's send list (simulcast audit: no row at all).
  const received = m.simulcastReceived;
  if (received !== null && received !== undefined) out.push(`  simulcast  recv ${received.offer} → send ${received.answer ?? s.red('none')} · ${received.layers.map(layer).join(' · ')}`);
  const st = m.streams;
  if (st.offer.ssrcs.length + st.answer.ssrcs.length + st.offer.msids.length + st.answer.msids.length > 0) {
    out.push(`  streams    offer ssrc ${st.offer.ssrcs.join(' ') || '-'}${st.offer.msids.length ? ` msid ${st.offer.msids.join(', ')}` : ''} · answer ssrc ${st.answer.ssrcs.join(' ') || '-'}${st.answer.msids.length ? ` msid ${st.answer.msids.join(', ')}` : ''}`);
  }
  if (mine.length > 0) pushAll(out, renderDiagnostics(mine, s).map((l) => '  ' + l));
  return out;
}

export function renderNegotiation(n: Negotiation, pair: DescriptionPair, names: readonly [string, string], sides: readonly [SideFindings, SideFindings], s: Style): string {
  const out: string[] = [];
  pushAll(out, sideHeader('offer', pair.first, names[0], sides[0], s));
  pushAll(out, sideHeader('answer', pair.second, names[1], sides[1], s));
  for (const note of pair.notes) out.push(s.dim(`note: ${note}`));
  // Every group, ' | ' between two (a description may have several, RFC 8843 §7).
  const groups = (gs: readonly (readonly string[])[]) => (gs.length === 0 ? 'none' : gs.map(groupMids).join(' | '));
  out.push(`BUNDLE offer ${groups(n.bundle.offerGroups)} → answer ${groups(n.bundle.answerGroups)}${n.iceLite.offer || n.iceLite.answer ? ` · ice-lite: ${[n.iceLite.offer ? 'offer' : '', n.iceLite.answer ? 'answer' : ''].filter(Boolean).join(', ')}` : ''}`);
  out.push('');
  // The findings of each m-line, grouped once (a search of them per m-line was quadratic: 45 ms
  // for a 16 KB pair of many m-lines and findings, the fuzz's input 4940 of seed 20261209).
  const byIndex = new Map<number, NegotiationDiagnostic[]>();
  for (const d of n.diagnostics) {
    if (d.index === null) continue;
    const list = byIndex.get(d.index);
    if (list) list.push(d);
    else byIndex.set(d.index, [d]);
  }
  const indices = new Set(n.media.map((m) => m.index));
  for (const m of n.media) {
    pushAll(out, mediaBlock(m, byIndex.get(m.index) ?? [], s, n.diagnostics.some((x) => x.kind === 'sip-legs')));
    out.push('');
  }
  const general = n.diagnostics.filter((d) => d.index === null || !indices.has(d.index));
  if (general.length > 0) {
    out.push(s.bold('session'));
    pushAll(out, renderDiagnostics(general, s).map((l) => '  ' + l));
    out.push('');
  }
  const all = [...sides.flatMap((x) => [...x.input, ...x.description]), ...n.diagnostics];
  const count = (sev: string) => all.filter((d) => d.severity === sev).length;
  const actions = renderActions(all, s);
  if (actions.length > 0) {
    pushAll(out, actions);
    out.push('');
  }
  const accepted = n.media.filter((m) => m.status !== 'rejected' && m.status !== 'missing' && m.status !== 'mismatched').length;
  const errors = count('error');
  out.push(`${n.media.length} m-line${n.media.length === 1 ? '' : 's'}: ${accepted} accepted, ${n.media.length - accepted} not · ${errors ? s.red(`${errors} error${errors === 1 ? '' : 's'}`) : s.green('0 errors')}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}`);
  return out.join('\n') + '\n';
}

/**
 * The parameters that tell codecs of one name apart first (H.264's profile-level-id and
 * packetization-mode, VP9's profile-id, AV1's profile), the rest as written: a cell cut at its
 * width had shown six H.264 rows all "level-asymmetry-allowed=1;packetization-mode=1;profile-le…"
 * (sdp-diff audit).
 */
const KEY_PARAMETERS = ['profile-level-id', 'packetization-mode', 'profile-id', 'profile', 'level-idx', 'tier-flag', 'apt'];
function keyFirst(fmtp: string): string {
  if (!fmtp.includes(';')) return fmtp;
  const rank = (part: string) => {
    const i = KEY_PARAMETERS.indexOf(part.trim().split('=')[0]!.toLowerCase());
    return i < 0 ? KEY_PARAMETERS.length : i;
  };
  // An empty part (Jitsi's "a=fmtp:107 ;level-asymmetry-allowed=1") is left out: sorted last it read ";;" (SFU audit); --json keeps the line as written.
  return fmtp.split(';').filter((part) => part.trim() !== '').map((part, i) => ({ part, i, r: rank(part) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.part.trim()).join(';');
}

/** Two texts of one description: what `--diff` says of them, in the text and in the JSON's notes. */
export const LAYOUT_ONLY = 'the same lines, laid out otherwise (line endings, or the order of lines within a section)';
/** …and of two whose lines differ in the default address alone (c=, the m= port), which gathering fills in. */
export const GATHERED_ONLY = 'the same but for the default address and port that gathering fills in (c= and the m= port: createOffer\'s 9 and 0.0.0.0, then a candidate\'s)';

/** Which of the two a diff without changes is (change audit: "laid out otherwise" had been said of a gathered c=). */
export function unchangedWords(pair: DescriptionPair): string {
  const lines = (d: SessionDescription) => [...d.lines, ...d.media.flatMap((m) => m.lines)].map(writeLine).sort();
  const a = lines(pair.first.description);
  const b = lines(pair.second.description);
  if (a.join('\n') === b.join('\n')) return LAYOUT_ONLY;
  // Which lines differ: the o= line alone is its version (renegotiation audit: said "gathering" of a raised version).
  const differ = [...multisetDiff(a, b), ...multisetDiff(b, a)];
  const version = differ.some((l) => l.startsWith('o=')) ? (() => {
    const [x, y] = [pair.first.description.origin?.sessionVersion, pair.second.description.origin?.sessionVersion];
    return `the o= version (${x ?? '?'} → ${y ?? '?'}: nothing else changed, as a second createOffer or a SIP session refresh writes)`;
  })() : null;
  if (differ.every((l) => l.startsWith('o='))) return `the same but for ${version}`;
  return version === null ? GATHERED_ONLY : `${GATHERED_ONLY}, and for ${version}`;
}

const EOL_NAMES: Readonly<Record<string, string>> = { '\r\n': 'CRLF', '\n': 'LF', '\r': 'CR' };

/**
 * The line endings' change beside the lines' (a munge that splits on "\n" and joins on "\r\n":
 * OWT's setCodecParam on an LF offer; munging audit, said only when nothing else changed), or null.
 */
export function eolChange(pair: DescriptionPair): string | null {
  const [a, b] = [pair.first.description.eol, pair.second.description.eol];
  return a === b ? null : `line endings ${EOL_NAMES[a] ?? JSON.stringify(a)} → ${EOL_NAMES[b] ?? JSON.stringify(b)} as well (both browsers read either; a server or a script that splits on one kind may not)`;
}

export function renderDiff(d: DescriptionDiff, pair: DescriptionPair, names: readonly [string, string], sides: readonly [SideFindings, SideFindings], s: Style): string {
  const out: string[] = [];
  pushAll(out, sideHeader('before', pair.first, names[0], sides[0], s));
  pushAll(out, sideHeader('after', pair.second, names[1], sides[1], s));
  for (const note of pair.notes) out.push(s.dim(`note: ${note}`));
  out.push('');
  // Texts that differ with nothing said: the layout only (every line is compared as written: munging audit).
  if (d.changes.length === 0) out.push(`no changes: ${pair.first.text === pair.second.text ? 'the same description' : unchangedWords(pair)}` + (d.sameSession ? '' : s.yellow(' · different sessions')));
  // The kind column as wide as its longest entry (ice-credentials-changed is 23).
  const kindWidth = Math.max(20, ...d.changes.map((c) => c.kind.length));
  for (const c of d.changes) {
    const at = c.index === null ? 'session' : `m-line ${c.index} mid ${c.mid ?? '-'}`;
    const colour = c.kind.endsWith('-added') ? s.green : c.kind.endsWith('-removed') || c.kind === 'mline-rejected' ? s.red : s.yellow;
    out.push(`${colour(c.kind.padEnd(kindWidth))} ${s.dim(at.padEnd(16))} ${c.message}`);
  }
  const actions = renderActions(sides.flatMap((x) => [...x.input, ...x.description]), s);
  if (actions.length > 0) {
    out.push('');
    pushAll(out, actions);
  }
  const eol = d.changes.length > 0 ? eolChange(pair) : null;
  if (eol !== null) out.push(s.dim(`note: ${eol}`));
  // The count closes a list; with none, "no changes" above said it (README walk: "0 changes" after it).
  if (d.changes.length > 0) out.push('', `${d.changes.length} change${d.changes.length === 1 ? '' : 's'}${d.sameSession ? '' : s.yellow(' · different sessions')}`);
  return out.join('\n') + '\n';
}

/** A codec in the table's name column: name/clock rate, and its channels when more than one, in every row (sdp-diff audit: "red/48000" beside "red/48000/2 not in answer"). */
function codecName(c: { readonly name: string; readonly clockRate: number | null; readonly channels: number | null }): string {
  return `${c.name || '?'}/${c.clockRate ?? '?'}${c.channels !== null && c.channels > 1 ? `/${c.channels}` : ''}`;
}

/** a=max-message-size as said: absent is 64 KiB, 0 no limit (RFC 8841 §6). */
function messageSize(n: number | null): string {
  return n === null ? '(none: 64 KiB)' : n === 0 ? '0 (no limit)' : String(n);
}
