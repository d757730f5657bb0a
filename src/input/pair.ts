/**
 * Picks the two descriptions sdp-diff compares: an offer and its answer (negotiation), or two
 * offers / two answers (a renegotiation diff), from one input or from two.
 */
import { listSome } from '../arrays.js';
import { requireObject, requireOptions, SdpscopeError } from '../errors.js';
import { sideOfType } from './found.js';
import type { FoundDescription, SdpType } from './types.js';

export interface DescriptionPair {
  /** `negotiation`: first is the offer, second the answer. `diff`: two of a kind, before → after. */
  readonly mode: 'negotiation' | 'diff';
  readonly first: FoundDescription;
  readonly second: FoundDescription;
  /** How the pair was chosen, where it took a guess (shown to the user). */
  readonly notes: readonly string[];
}

/** The type the input says, else what a=setup implies (actpass offers; active/passive answers). */
export function inferType(f: FoundDescription): SdpType | null {
  // A browser's description has its type already (audit of the change: the hint said to parse its .sdp, which inferType does not take either).
  if (f !== null && typeof f === 'object' && typeof (f as { sdp?: unknown }).sdp === 'string' && !('description' in f)) {
    throw new SdpscopeError('INVALID_ARGUMENT', "inferType takes one of readInput(text).descriptions, got an object with an sdp (an RTCSessionDescription?): its .type is the type; readInput(JSON.stringify(desc)).descriptions[0] is what inferType reads");
  }
  requireObject(requireObject<FoundDescription>(f, "inferType: the found description (readInput's descriptions[i])", 'type', 'description').description, "inferType: the found description's description", 'setup', 'media');
  if (f.type === 'offer' || f.type === 'answer') return f.type;
  if (f.type === 'pranswer') return 'answer';
  const setups = [f.description.setup, ...f.description.media.map((m) => m.setup)].filter((s) => s !== null);
  if (setups.includes('actpass')) return 'offer';
  if (setups.some((s) => s === 'active' || s === 'passive')) return 'answer';
  return null;
}

const complete = (found: readonly FoundDescription[]) => found.filter((f) => !f.description.fragment);

/** The type an input states ({type: …}, a frame's type, a dump's event); a pranswer answers. */
const stated = (f: FoundDescription): 'offer' | 'answer' | null => sideOfType(f.type);

/**
 * Which is the offer: a type the inputs state wins; otherwise the order they were given in (the
 * first is the offer). Never a=setup: an answer that wrongly says actpass must be reported as
 * the error it is, not taken for an offer. Two of a stated kind, or `diff`, compare as a
 * renegotiation (before → after).
 */
function orient(a: FoundDescription, b: FoundDescription, notes: string[], diff = false, oneFile = false): DescriptionPair {
  const ta = stated(a);
  const tb = stated(b);
  if (diff) return { mode: 'diff', first: a, second: b, notes: [...notes, 'compared as before → after (--diff)'] };
  if (ta !== null && ta === tb) return { mode: 'diff', first: a, second: b, notes: [...notes, `both say they are ${ta}s: showing what changed (renegotiation)`] };
  if (ta === 'answer' || tb === 'offer') return { mode: 'negotiation', first: b, second: a, notes: [...notes, `the first input ${ta === 'answer' ? 'says it is the answer' : 'is taken as the answer: the second says it is the offer'}: compared as offer = second, answer = first`] };
  // Two files that say no type, given answer first: their a=setup says so (the first active or
  // passive, the second actpass), and they are compared the other way round, said (sdp-diff audit:
  // the swapped pair read as offer-setup-not-actpass and a DTLS role conflict, with no word of the order).
  if (ta === null && tb === null && !oneFile && inferType(a) === 'answer' && inferType(b) === 'offer') {
    return { mode: 'negotiation', first: b, second: a, notes: [...notes, "neither input says offer or answer, and they seem given answer first: the second's a=setup:actpass is an offer's, the first's a=setup an answer's (active or passive): compared as offer = second, answer = first"] };
  }
  // Of one file holding both, "description" (audit of the change: "neither input" of one file).
  if (ta === null && tb === null) notes.push(oneFile ? 'neither description says offer or answer: the first is taken as the offer, the second as the answer (their order in the file)' : 'neither input says offer or answer: the first is taken as the offer, the second as the answer (the order given)');
  else if (ta === null || tb === null) notes.push(`${ta === null ? 'the first input' : 'the second input'} does not say its type: taken as the ${ta === null ? 'offer' : 'answer'}, the other being the ${ta === null ? 'answer' : 'offer'}`);
  return { mode: 'negotiation', first: a, second: b, notes };
}

export interface PairOptions {
  /** A relay log with several rooms: the room to take the offer and answer from. */
  readonly room?: string;
  /** A webrtc-internals dump with several peer connections: the one to take them from ("8-1"). */
  readonly peerConnection?: string;
  /**
   * Which offer/answer round (a renegotiation is a round; each is an offer and the first answer
   * after it): 1 the first (the default), 2 the second, -1 the last, -2 the one before it.
   */
  readonly round?: number;
  /**
   * The round (the last unless `round` says) against the one before it, as before → after: its
   * offer against what the same side wrote in the round before (mode "diff").
   */
  readonly diff?: boolean;
}

/** One offer/answer round: the offer answered, its answer, the answers it replaced (a pranswer, a refused one), and the offers it passed over (rolled back, in glare, refused). */
interface Round {
  readonly offer: FoundDescription;
  answer: FoundDescription;
  readonly replaced: FoundDescription[];
  readonly superseded: readonly FoundDescription[];
}

const made = (f: FoundDescription) => /^(?:on)?create(?:Offer|Answer)OnSuccess$/i.test(f.source.event ?? '');
const setLocally = (f: FoundDescription) => /^(?:on)?setLocalDescription$/i.test(f.source.event ?? '');
const refused = (f: FoundDescription) => f.source.refusedWith !== undefined;

/**
 * Which of the offers since the last round an answer answers (null when none). Of untyped ones
 * guessed by a=setup, the first (a second actpass may be a broken answer: sdp-diff audit); else the
 * latest stated one that was not refused (glare's remote offer, which rolled the local one back; a
 * good offer after a refused one), from another sender than the answer's where the input names
 * senders (a relay log holds both sides: new-user audit, an offer paired with its own sender's
 * answer), and createOffer's where setLocalDescription gave the same right after (asSet pairs them,
 * saying a munge).
 */
function answeredOffer(offers: readonly FoundDescription[], answer: FoundDescription | null): FoundDescription | null {
  if (offers.length === 0) return null;
  let pool = offers.filter((o) => stated(o) !== null);
  if (pool.length === 0) return offers[0]!;
  const sender = answer?.source.sender;
  if (sender !== undefined) {
    const others = pool.filter((o) => o.source.sender !== undefined && o.source.sender !== sender);
    if (others.length > 0) pool = others;
  }
  const good = pool.filter((o) => !refused(o));
  const from = good.length > 0 ? good : pool;
  const i = from.length - 1;
  return setLocally(from[i]!) && i > 0 && made(from[i - 1]!) ? from[i - 1]! : from[i]!;
}

/**
 * The offer/answer rounds in `found`, in order, and the offer after the last that no answer
 * followed (null when none). In one pass (renegotiation audit: glare, refusals and pranswers had
 * been paired wrong): the offer a round answers is answeredOffer's; a round's answer is replaced by
 * the next answer before another offer when it was provisional (a pranswer: SIP's 183, RFC 9429
 * §4.1.10.1) or refused, and a refused one after it is kept with those it replaced (hostile-input
 * audit: a second refused answer went unsaid).
 */
function roundsOf(found: readonly FoundDescription[]): { rounds: Round[]; pending: FoundDescription | null; pendingPassed: readonly FoundDescription[] } {
  const rounds: Round[] = [];
  let offers: FoundDescription[] = [];
  let open: Round | null = null;
  for (const f of found) {
    const t = inferType(f);
    if (t === 'offer') {
      open = null;
      offers.push(f);
    } else if (t === 'answer') {
      const offer = answeredOffer(offers, f);
      if (offer !== null) {
        open = { offer, answer: f, replaced: [], superseded: offers.filter((o) => o !== offer && o.text !== offer.text && !refused(o)) };
        rounds.push(open);
        offers = [];
      } else if (open !== null && (open.answer.type === 'pranswer' || refused(open.answer))) {
        if (refused(f)) open.replaced.push(f);
        else {
          // In input order (rounds audit: two pranswers were listed "line 8, line 7").
          open.replaced.push(open.answer);
          open.answer = f;
        }
      }
    }
  }
  const pending = answeredOffer(offers, null);
  return { rounds, pending, pendingPassed: offers.filter((o) => o !== pending && o.text !== pending?.text) };
}

/** Where a description is, for notes: its line, and a dump's updateLog entry (a dump on one line has every description on line 1: hostile-input audit). */
function placeOf(f: FoundDescription): string {
  const entry = /updateLog\[(\d+)\]/.exec(f.source.path ?? '')?.[1];
  return `line ${f.source.line}${entry !== undefined ? ` (updateLog[${entry}])` : ''}`;
}

/** Round `round` (1 the first, -1 the last, as Array.prototype.at counts from 1) of `rounds`, or undefined. */
const roundAt = (rounds: readonly Round[], round: number) => rounds.at(round > 0 ? round - 1 : round);

interface Picked {
  readonly pair: [FoundDescription, FoundDescription];
  readonly index: number;
  readonly count: number;
  readonly replaced: readonly FoundDescription[];
  readonly superseded: readonly FoundDescription[];
  readonly pending: FoundDescription | null;
  /** The offers after the last round the pending one passed over (rolled back, in glare). */
  readonly pendingPassed: readonly FoundDescription[];
  /** The round before it, as found (null for the first). */
  readonly previous: readonly [FoundDescription, FoundDescription] | null;
}

/**
 * The round asked for of one group (a peer connection, a room, the whole input), or null when the
 * group has no offer followed by an answer. A round the group does not have is an error naming how
 * many it has. (Renegotiation: the first round was all sdp-diff compared, and a video added in
 * round 2 could only be compared by cutting the dump into two files.)
 */
function pickRound(found: readonly FoundDescription[], round: number | undefined, where: string): Picked | null {
  const { rounds, pending, pendingPassed } = roundsOf(found);
  if (rounds.length === 0) return null;
  const r = roundAt(rounds, round ?? 1);
  if (r === undefined) throw new SdpscopeError('NO_OFFER_ANSWER', `${where} has ${rounds.length} offer/answer round${rounds.length === 1 ? '' : 's'}: there is no round ${round} (--round (the round option) counts from 1, or from -1 for the last)${pending !== null ? `; the offer at ${placeOf(pending)} after the last round has no answer` : ''}`);
  const index = rounds.indexOf(r);
  const previous = index > 0 ? rounds[index - 1]! : null;
  return { pair: [r.offer, r.answer], index, count: rounds.length, replaced: r.replaced, superseded: r.superseded, pending, pendingPassed, previous: previous === null ? null : [previous.offer, previous.answer] };
}

/** The round compared named among the others, with the places of the pair as compared, the answers it replaced, and an offer no answer followed. Each kind said once, its places listed within a bound. */
function roundNotes(p: Picked, [offer, answer]: readonly [FoundDescription, FoundDescription], asked: boolean): string[] {
  const notes: string[] = [];
  if (p.count > 1 || asked) notes.push(`round ${p.index + 1} of ${p.count} (offer ${placeOf(offer)}, answer ${placeOf(answer)})${p.count > 1 ? ': --round (the round option) chooses another' : ''}`);
  const pranswers = p.replaced.filter((r) => r.type === 'pranswer' && !refused(r));
  const refusedOnes = p.replaced.filter(refused);
  if (pranswers.length > 0) notes.push(`${pranswers.length === 1 ? 'the provisional answer (pranswer) at' : `${pranswers.length} provisional answers (pranswer) at`} ${listSome(pranswers, placeOf)} came before this answer, which replaced ${pranswers.length === 1 ? 'it' : 'them'} (RFC 9429 §4.1.10.1; SIP's 183 then 200)`);
  if (refusedOnes.length > 0) notes.push(`${refusedOnes.length === 1 ? `the answer at ${placeOf(refusedOnes[0]!)} was refused ("${refusedOnes[0]!.source.refusedWith}")` : `${refusedOnes.length} answers were refused (${listSome(refusedOnes, (r) => `${placeOf(r)}: "${r.source.refusedWith}"`, 10, '; ')})`}${refused(answer) ? ', as was the one compared' : ': the one compared is the answer after it that was not'}`);
  if (p.pending !== null) notes.push(refused(p.pending) ? `the offer at ${placeOf(p.pending)} after round ${p.count} was refused by the browser ("${p.pending.source.refusedWith}"): never in effect, the signalling state stayed stable` : `the offer at ${placeOf(p.pending)} after round ${p.count} has no answer in the input: that negotiation never completed (the signalling state stayed have-${/Remote/i.test(p.pending.source.event ?? '') ? 'remote' : 'local'}-offer), or its answer was not logged${p.index < p.count - 1 ? '' : '; --diff compares it with this round'}`);
  return notes;
}

/**
 * What a pairing by a=setup passed over, said (sdp-diff audit: an answer that wrongly said actpass
 * was taken for a second offer and skipped in silence, and the first offer was compared with the
 * next round's answer): the descriptions between the offer and its answer, and that the types
 * were guessed.
 */
function guessedNotes(all: readonly FoundDescription[], [offer, answer]: [FoundDescription, FoundDescription]): string[] {
  if (stated(offer) !== null && stated(answer) !== null) return [];
  const from = all.indexOf(offer);
  const to = all.indexOf(answer);
  const skipped = all.slice(from + 1, to);
  const at = (f: FoundDescription) => `line ${f.source.line}`;
  const said = stated(offer) === null && stated(answer) === null ? 'no type stated' : stated(offer) === null ? 'the offer states no type' : 'the answer states no type';
  // Each said with what its a=setup says (holdconn too: it had read "says no a=setup"), within a bound (a run of 10,000 made a note of 1 MB: hostile-input audit).
  const setupOf = (f: FoundDescription) => [f.description.setup, ...f.description.media.map((m) => m.setup)].find((x) => x !== null) ?? null;
  // What typed each, said of each (pairs audit: "by a stated type or else by a=setup" left the reader to guess which).
  const how = (f: FoundDescription) => (stated(f) !== null ? `stated ${stated(f)}` : setupOf(f) !== null ? `a=setup:${setupOf(f)}` : 'no a=setup: its place');
  const notes = [`${said}: the offer (${at(offer)}, ${how(offer)}) and its answer (${at(answer)}, ${how(answer)}) are an offer and the first answer after it, each typed by its stated type or else by its a=setup (actpass: an offer; active or passive: an answer)`];
  if (skipped.length > 0) notes.push(`${skipped.length} description${skipped.length === 1 ? '' : 's'} between them passed over (${listSome(skipped, (f) => `${at(f)} ${inferType(f) === 'offer' ? 'says a=setup:actpass: taken for another offer (if it is the answer, its actpass is an error)' : setupOf(f) !== null ? `says a=setup:${setupOf(f)}` : 'says no a=setup'}`, 8, '; ')}): give two descriptions as two files to compare others`);
  return notes;
}

/**
 * In a dump, the descriptions as they were set: an offer or answer createOffer/createAnswer made
 * is compared as the set…Description after it gave it (the app may have changed it between:
 * renegotiation audit, a munged b=AS went unseen), and a description the browser refused
 * (its …OnFailure) is said so (it had been compared as any other, "0 errors").
 */
function asSet(all: readonly FoundDescription[], [offer, answer]: [FoundDescription, FoundDescription]): [[FoundDescription, FoundDescription], string[], Set<FoundDescription>] {
  const replaced = new Set<FoundDescription>();
  const notes: string[] = [];
  const setOf = (created: FoundDescription, before: number): FoundDescription => {
    if (!made(created)) return created;
    const from = all.indexOf(created);
    // The one that took: a set… refused and given again is the second (renegotiation audit: the refused one was compared).
    const sets = all.slice(from + 1, before).filter((f) => inferType(f) === inferType(created) && /^(?:on)?set(?:Local|Remote)Description$/i.test(f.source.event ?? ''));
    const set = sets.find((f) => f.source.refusedWith === undefined) ?? sets[0];
    if (set === undefined) return created;
    replaced.add(created);
    if (set.text !== created.text) notes.push(`the ${inferType(created)} compared is the one ${set.source.event} was given (line ${set.source.line}), which differs from what ${created.source.event} made (line ${created.source.line}): changed between them (munged)`);
    return set;
  };
  const o = setOf(offer, all.indexOf(answer));
  const a = setOf(answer, all.length);
  for (const [f, what] of [[o, 'offer'], [a, 'answer']] as const) {
    if (f.source.refusedWith !== undefined) notes.push(`the browser refused this ${what}: ${f.source.event ?? 'set…Description'} failed with "${f.source.refusedWith}" (the dump's …OnFailure event): it was never in effect`);
  }
  return [[o, a], notes, replaced];
}

/**
 * The descriptions before the offer and after its answer, which are not compared, said (library
 * audit: a paste of two calls, four SDPs, compared the first two and named neither of the others).
 */
function outsideNotes(all: readonly FoundDescription[], [offer, answer]: [FoundDescription, FoundDescription], replaced: ReadonlySet<FoundDescription> = new Set(), picked?: Picked): string[] {
  // Not a copy of the two (a dump's createOffer and setLocalDescription of one text), nor what asSet
  // replaced, nor what the round's notes name already (an answer it replaced, the offer left unanswered).
  const named = new Set<FoundDescription>([...(picked?.replaced ?? []), ...(picked?.pending !== null && picked?.pending !== undefined ? [picked.pending] : [])]);
  const namedTexts = new Set([...named].map((f) => f.text));
  // A copy of the offer or the answer as a log prints it again (Janus prints each SDP raw, as JSON,
  // and shortened: sdp-diff audit, a Janus 0.2 log's copies read as glare and another call): the
  // same text but for its line endings, or the same o= line, session id and version (RFC 3264 §8:
  // a changed description has a new version). Said once as copies, not as other descriptions.
  const copyOfFound = new Map<FoundDescription, 'offer' | 'answer'>();
  const ends = { offer: lineFeeds(offer.text), answer: lineFeeds(answer.text) };
  for (const f of all) {
    if (f === offer || f === answer || f.text === offer.text || f.text === answer.text) continue;
    const text = lineFeeds(f.text);
    const of = text === ends.offer || sameOrigin(f, offer) ? 'offer' : text === ends.answer || sameOrigin(f, answer) ? 'answer' : null;
    if (of !== null) copyOfFound.set(f, of);
  }
  const other = (f: FoundDescription) => !replaced.has(f) && !namedTexts.has(f.text) && f.text !== offer.text && f.text !== answer.text && !copyOfFound.has(f);
  // A text once where it comes twice in a row, the later (the set…Description, as the rounds name it):
  // a dump's createOffer and the setLocalDescription of the same text are one description (new-user
  // audit: counted twice); the same text later again is another (a rolled-back offer given again).
  const distinct = (fs: readonly FoundDescription[]) => fs.filter((f, i) => i === fs.length - 1 || fs[i + 1]!.text !== f.text);
  const passed = new Set<FoundDescription>([...(picked?.superseded ?? []), ...(picked?.pendingPassed ?? [])]);
  const before = distinct(all.slice(0, all.indexOf(offer)).filter(other));
  const after = distinct(all.slice(all.indexOf(answer) + 1).filter(other));
  // Between the offer and its answer: an offer that lost glare after it (rounds audit: c2's offer,
  // rolled back, between c1's and c2's answer to it, named nowhere).
  const between = distinct(all.slice(all.indexOf(offer) + 1, all.indexOf(answer)).filter(other));
  // A dump's entry says where (a dump written on one line has every description on line 1: hostile-input
  // audit), and a refused one is said so (new-user audit: a refused later offer went unsaid).
  const entry = (f: FoundDescription) => /updateLog\[(\d+)\]/.exec(f.source.path ?? '')?.[1];
  const lines = (fs: readonly FoundDescription[]) => listSome(fs, (f) => {
    const said = [...(entry(f) !== undefined ? [`updateLog[${entry(f)}]`] : []), ...(f.source.refusedWith !== undefined ? ['refused by the browser'] : passed.has(f) ? ['an offer passed over: rolled back, or in glare'] : [])];
    return `line ${f.source.line}${said.length > 0 ? ` (${said.join(', ')})` : ''}`;
  });
  const notes: string[] = [];
  for (const what of ['offer', 'answer'] as const) {
    const of = [...copyOfFound].filter(([, w]) => w === what).map(([f]) => f);
    if (of.length > 0) notes.push(`${listSome(of, (f) => `line ${f.source.line}`)}: ${of.length === 1 ? 'a copy' : 'copies'} of the ${what} as the log prints it again (${of.every((f) => lineFeeds(f.text) === ends[what]) ? 'the same text, other line endings' : 'the same o= line, session id and version, shortened or rewritten'}), not compared`);
  }
  if (before.length > 0) notes.push(`${before.length} description${before.length === 1 ? '' : 's'} before the offer not compared (${lines(before)})${picked !== undefined && picked.index > 0 ? `: the earlier round${picked.index > 1 ? `s, 1 to ${picked.index} (--round 1 … --round ${picked.index})` : ' (--round 1)'}` : ''}`);
  if (between.length > 0) notes.push(`${between.length} description${between.length === 1 ? '' : 's'} between the offer and its answer not compared (${lines(between)})`);
  const rounds = picked !== undefined && picked.count > 1;
  if (after.length > 0) notes.push(`${after.length} more description${after.length === 1 ? '' : 's'} after the answer not compared (${lines(after)}): ${rounds ? `a renegotiation or another call: the later round${picked.index + 2 < picked.count ? `s, ${picked.index + 2} to ${picked.count} (--round ${picked.index + 2} … --round ${picked.count})` : ` (--round ${picked.index + 2})`}` : 'another call or a renegotiation; give two descriptions as two files to compare others'}`);
  return notes;
}

/** A text with its CRLF line endings as LF: one description printed with either is one. */
const lineFeeds = (text: string): string => (text.includes('\r') ? text.replace(/\r\n/g, '\n') : text);

/**
 * Two finds of one description by their o= lines: the same username, session id and version,
 * the id long enough not to be a placeholder ("o=- 0 0"): a description that changed has a new
 * version (RFC 3264 §8).
 */
function sameOrigin(x: FoundDescription, y: FoundDescription): boolean {
  const a = x.description.origin;
  const b = y.description.origin;
  if (a === null || b === null || a.sessionId.length < 6 || a.sessionId !== b.sessionId || a.sessionVersion !== b.sessionVersion || a.username !== b.username) return false;
  // A copy is shortened or rewritten, never grown: more m-lines, or others, are a renegotiation
  // that kept its version; an answer with its offer's o= line is no copy of it either (audit of
  // the change: both had been called copies).
  const mx = x.description.media;
  const my = y.description.media;
  if (mx.length > my.length || !mx.every((m, i) => m.kind === my[i]!.kind)) return false;
  const tx = inferType(x);
  const ty = inferType(y);
  return tx === null || ty === null || tx === ty;
}

/** The descriptions by a source field's value, the values in order of appearance (one pass: a filter per value was quadratic; parser audit). */
function groupBy(found: readonly FoundDescription[], pick: (f: FoundDescription) => string | undefined): Map<string, FoundDescription[]> {
  const groups = new Map<string, FoundDescription[]>();
  for (const f of found) {
    const v = pick(f);
    if (v === undefined) continue;
    const g = groups.get(v);
    if (g) g.push(f);
    else groups.set(v, [f]);
  }
  return groups;
}


/**
 * From one input that holds both (a webrtc-internals dump, a frame log): an offer and the answer
 * after it, in one peer connection or one room (the first that has both, or the one asked for).
 */
export function pairFromOne(found: readonly FoundDescription[], name: string, options: PairOptions = {}): DescriptionPair {
  if (!Array.isArray(found)) throw new SdpscopeError('INVALID_ARGUMENT', 'pairFromOne: the descriptions must be an array (readInput(text).descriptions)');
  if (typeof name !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', 'pairFromOne: the name must be a string (the input\'s, for messages)');
  requireOptions(options, 'pairFromOne: the options', { room: 'string', peerConnection: 'string', round: 'integer', diff: 'boolean' });
  if (options.round === 0) throw new SdpscopeError('INVALID_ARGUMENT', 'pairFromOne: the round counts from 1 (the first), or from -1 (the last): 0 is none');
  const all = complete(found);
  const diff = options.diff === true;
  // --diff of one file: the round asked for (the last by default) against the one before it.
  const round = options.round ?? (diff ? -1 : undefined);
  // A choice the input cannot make is said, not ignored (--room on a dump, --pc on a relay log).
  if (options.room !== undefined && !all.some((f) => f.source.room !== undefined)) throw new SdpscopeError('NO_OFFER_ANSWER', `${name} has no rooms (it is not a relay log): --room (the room option) does not apply`);
  if (options.peerConnection !== undefined && !all.some((f) => f.source.peerConnection !== undefined)) throw new SdpscopeError('NO_OFFER_ANSWER', `${name} has no peer connections (it is not a webrtc-internals dump): --pc (the peerConnection option) does not apply`);
  /** The pair of one group's round: the negotiation, or with diff the round against the one before it. */
  const result = (group: readonly FoundDescription[], picked: Picked, where: string, lead: (pair: readonly [FoundDescription, FoundDescription]) => string[], extra: string[] = []): DescriptionPair => {
    const [pair, more, replaced] = asSet(group, picked.pair);
    if (diff) return roundDiff(group, picked, pair, where, lead(pair), options.round !== undefined);
    return { mode: 'negotiation', first: pair[0], second: pair[1], notes: [...lead(pair), ...roundNotes(picked, pair, options.round !== undefined), ...more, ...outsideNotes(group, pair, replaced, picked), ...againstPrevious(group, picked, pair), ...extra] };
  };
  for (const [what, key, pick] of [
    ['peer connection', options.peerConnection, (f: FoundDescription) => f.source.peerConnection],
    ['room', options.room, (f: FoundDescription) => f.source.room],
  ] as const) {
    const groups = groupBy(all, pick);
    const values = [...groups.keys()];
    const lead = (v: string) => (pair: readonly [FoundDescription, FoundDescription]) => [diff ? `${what} ${v}` : `${what} ${v}: ${pair[0].source.event ?? 'offer'} and ${pair[1].source.event ?? 'answer'}`];
    if (key !== undefined) {
      const mine = groups.get(key);
      if (mine === undefined) throw new SdpscopeError('NO_OFFER_ANSWER', `${name} has no ${what} ${key}${values.length ? ` (it has ${listSome(values, String)})` : ''}`);
      const picked = pickRound(mine, round, `${what} ${key} of ${name}`);
      if (!picked) throw new SdpscopeError('NO_OFFER_ANSWER', `${what} ${key} of ${name} holds no offer followed by an answer`);
      return result(mine, picked, `${what} ${key} of ${name}`, lead(key));
    }
    if (values.length === 0) continue;
    // The first peer connection (or room) that has both; the others are named, to choose from.
    const withBoth = values.filter((v) => roundsOf(groups.get(v)!).rounds.length > 0);
    const chosen = withBoth[0];
    if (chosen === undefined) continue;
    // Named for both who read it: the command's flag and the library's option (library audit: only the flag).
    const flag = what === 'room' ? '--room (the room option)' : '--pc (the peerConnection option)';
    const others = values.length > 1 ? [`${name} has ${values.length} ${what}s (${listSome(values, String)}), ${withBoth.length} with an offer and an answer: this is ${chosen}; ${flag} chooses another`] : [];
    return result(groups.get(chosen)!, pickRound(groups.get(chosen)!, round, `${what} ${chosen} of ${name}`)!, `${what} ${chosen} of ${name}`, lead(chosen), others);
  }
  const picked = pickRound(all, round, name);
  if (picked) return result(all, picked, name, (pair) => guessedNotes(all, [pair[0], pair[1]]));
  // Two descriptions and no round (untyped, no a=setup to guess by): the order given, as without
  // options; the first round is that pair, and --diff compares them before → after (library audit:
  // round 1 had refused what the default paired).
  if (all.length === 2 && (options.round === undefined || options.round === 1 || options.round === -1)) return orient(all[0]!, all[1]!, [], diff, true);
  if (round !== undefined) throw new SdpscopeError('NO_OFFER_ANSWER', `${name} holds no offer followed by an answer: --round (the round option)${diff ? ' and --diff of one file do' : ' does'} not apply`);
  throw new SdpscopeError('NO_OFFER_ANSWER', `${name} holds ${all.length} description${all.length === 1 ? '' : 's'} and no offer followed by an answer; give two files`);
}

/** Who wrote a description, where the input says: this side (set locally, or made by createOffer/createAnswer), the other side, or a relay log's sender. */
function authorOf(f: FoundDescription): string | null {
  if (setLocally(f) || made(f)) return 'this side';
  if (/^(?:on)?setRemoteDescription$/i.test(f.source.event ?? '')) return 'the other side';
  return f.source.sender !== undefined ? `sender ${f.source.sender}` : null;
}

/**
 * A round against the one before it (--diff of one file: "what did this renegotiation change"; it
 * could only be seen by cutting the file in two): the round's offer against what the same side
 * wrote in the round before, its offer or its answer (the offerer may be the other side this time),
 * both as set; the round's offer against the earlier offer where the input does not say who wrote
 * them (a paste).
 */
function roundDiff(group: readonly FoundDescription[], picked: Picked, pair: readonly [FoundDescription, FoundDescription], where: string, lead: readonly string[], asked: boolean): DescriptionPair {
  // An offer after the last round that no answer followed: what it would have changed is the question
  // (new-user audit: --diff refused the file, "one round"), against the last round, unless a round was asked for.
  const unanswered = !asked && picked.index === picked.count - 1 && picked.pending !== null && !refused(picked.pending);
  const previous = unanswered ? pair : picked.previous;
  if (previous === null) throw new SdpscopeError('NO_OFFER_ANSWER', picked.count === 1 ? `${where} has one offer/answer round: --diff of one file compares a round with the one before it; to compare two descriptions give two files (sdp-diff --diff BEFORE AFTER)` : `${where}: --diff of one file compares a round with the one before it, and round 1 is the first (of ${picked.count}): --round 2 or a later one`);
  const [prev, notes] = unanswered ? [[pair[0], pair[1]] as const, [] as string[]] : asSet(group, [previous[0], previous[1]]);
  // The unanswered offer as set, where createOffer's was given to setLocalDescription after it.
  const pending = picked.pending;
  const target = unanswered && pending !== null ? (made(pending) ? group.slice(group.indexOf(pending) + 1).find((f) => inferType(f) === 'offer' && setLocally(f) && !refused(f)) ?? pending : pending) : pair[0];
  const author = authorOf(target);
  const same = author === null ? undefined : prev.find((f) => authorOf(f) === author);
  // No author in the input (a plain frame log, a paste): the side whose certificate the offer
  // carries (README audit: the other side's re-offer was compared with this side's offer, "two sessions").
  const byPrint = same === undefined ? sideByFingerprint(prev, target) : null;
  const before = same ?? byPrint ?? prev[0];
  const role = before === prev[0] ? 'offer' : 'answer';
  const said = (f: FoundDescription) => `${placeOf(f)}${f.source.event !== undefined ? `, ${f.source.event}` : ''}`;
  const n = unanswered ? picked.count : picked.index;
  const what = unanswered ? `the offer after round ${n}, which no answer followed (${said(target)})` : `round ${picked.index + 1} of ${picked.count} against round ${n}: its offer (${said(target)})`;
  return {
    mode: 'diff',
    first: before,
    second: target,
    notes: [...lead, `${what} compared with the ${role} of round ${n} (${said(before)})${same !== undefined ? `, both written by ${author}` : byPrint !== null ? ', both of one side (the same certificate fingerprint)' : author !== null ? `: ${author} wrote no description in round ${n}` : ''}`, ...notes, ...(unanswered ? [] : [...unsettled(pair[1]), ...unansweredRestart(before, target, prev, pair[1])]), ...dtlsRoleFlip(prev, target, same ?? byPrint)],
  };
}

/**
 * What a round's negotiation shows only against the round before it, said with `--round` too (DTLS
 * audit of 2026-12-07: an unanswered ICE restart was said by `--diff` alone): the answerer that
 * did not restart ICE with the offer, and a re-offer that asks for the other DTLS role.
 */
function againstPrevious(group: readonly FoundDescription[], picked: Picked, pair: readonly [FoundDescription, FoundDescription]): string[] {
  if (picked.previous === null) return [];
  const [prev] = asSet(group, [picked.previous[0], picked.previous[1]]);
  const author = authorOf(pair[0]);
  const mine = (author === null ? undefined : prev.find((f) => authorOf(f) === author)) ?? sideByFingerprint(prev, pair[0]);
  return [...unansweredRestart(mine ?? prev[0], pair[0], prev, pair[1]), ...dtlsRoleFlip(prev, pair[0], mine)];
}

/**
 * A round whose answer never took effect: refused by the browser, or provisional with no final
 * one after it (rounds audit of 2026-12-07: `--diff` told what the round changed, unsaid that it
 * never did; `--round` said so).
 */
function unsettled(answer: FoundDescription): string[] {
  if (refused(answer)) return [`this round's answer (${placeOf(answer)}) was refused by the browser ("${answer.source.refusedWith}"): what it changes never took effect, the signalling state stayed have-${/setRemoteDescription/i.test(answer.source.event ?? '') ? 'local' : 'remote'}-offer`];
  if (answer.type === 'pranswer') {
    const event = answer.source.event;
    // Whose state: a dump's event says this side's; a relay log or a paste has no side.
    const state = event === undefined || !/set(?:Local|Remote)Description/i.test(event) ? 'the offerer stays have-remote-pranswer' : `the signalling state stayed have-${/Remote/i.test(event) ? 'remote' : 'local'}-pranswer`;
    return [`this round's answer (${placeOf(answer)}) is provisional (pranswer) and no final answer followed in the input: the negotiation is not complete (${state}; RFC 9429 §4.1.10.1)`];
  }
  return [];
}

/**
 * An ICE restart the offer makes (new credentials on an m-line against what its side wrote before)
 * that the answer does not: its credentials there are those its side wrote in the round before.
 * The answerer must restart too (RFC 8839 §4.4.1.1.2; RFC 8445 §9): said, since `--diff` shows
 * the offer's side only (rounds audit of 2026-12-07: "did both sides restart?" unanswered).
 */
function unansweredRestart(before: FoundDescription, offer: FoundDescription, prev: readonly FoundDescription[], answer: FoundDescription): string[] {
  const answerer = authorOf(answer);
  const earlier = (answerer !== null ? prev.find((f) => f !== before && authorOf(f) === answerer) : undefined) ?? prev.find((f) => f !== before);
  if (earlier === undefined) return [];
  // Each description's credentials by mid, made once (a find per m-line was quadratic in m-lines).
  const byMid = new Map<FoundDescription, Map<string, string>>();
  const creds = (f: FoundDescription, mid: string): string | null => {
    let map = byMid.get(f);
    if (map === undefined) {
      map = new Map();
      for (const m of f.description.media) if (m.mid !== null && (m.port !== 0 || m.bundleOnly) && m.ice.ufrag !== null && !map.has(m.mid)) map.set(m.mid, `${m.ice.ufrag}\n${m.ice.pwd ?? ''}`);
      byMid.set(f, map);
    }
    return map.get(mid) ?? null;
  };
  const kept: string[] = [];
  for (const m of offer.description.media) {
    if (m.mid === null) continue;
    const was = creds(before, m.mid);
    const now = creds(offer, m.mid);
    const answered = creds(answer, m.mid);
    if (was === null || now === null || was === now || answered === null) continue;
    if (answered === creds(earlier, m.mid)) kept.push(m.mid);
  }
  if (kept.length === 0) return [];
  const ufrag = answer.description.media.find((x) => x.mid === kept[0])?.ice.ufrag ?? '';
  return [`the offer restarts ICE (new credentials on mid ${kept.join(', mid ')}) and the answer (${placeOf(answer)}) keeps the credentials its side wrote before (ufrag ${ufrag.length > 32 ? `${ufrag.slice(0, 32)}…` : ufrag}): the answerer did not restart; an answer to a restart carries new ones (RFC 8839 §4.4.1.1.2, RFC 8445 §9)`];
}

/** A description's certificate fingerprints ("sha-256 AB:…"), the session's and its m-sections'. */
const printsOf = (f: FoundDescription): Set<string> => new Set([...f.description.fingerprints, ...f.description.media.flatMap((m) => m.fingerprints)].map((x) => `${x.algorithm.toLowerCase()} ${x.value.toUpperCase()}`));

/** Which of the round's two descriptions `f`'s side wrote, by the certificate fingerprint only one of them shares with it; null when that does not tell. */
function sideByFingerprint(prev: readonly [FoundDescription, FoundDescription], f: FoundDescription): FoundDescription | null {
  const mine = printsOf(f);
  const shares = (x: FoundDescription) => mine.size > 0 && [...printsOf(x)].some((p) => mine.has(p));
  const [a, b] = [shares(prev[0]), shares(prev[1])];
  return a && !b ? prev[0] : b && !a ? prev[1] : null;
}

/**
 * A re-offer that asks its side for the other DTLS role than the one it has (RFC 8842: a
 * re-offer keeps the established roles or says actpass): its a=setup:active where its side was
 * the DTLS server in the round before, or passive where it was the client. libwebrtc refuses
 * such a remote offer ("Offerer must use current negotiated role for setup attribute.",
 * JsepTransport's NegotiateDtlsRole), so a Chromium answerer fails it (DTLS audit of 2026-12-07:
 * said by nothing). `mine` is the description of the round before that the offer's side wrote.
 */
function dtlsRoleFlip(prev: readonly [FoundDescription, FoundDescription], offer: FoundDescription, mine: FoundDescription | null | undefined): string[] {
  // `mine`: what the offer's side wrote in the round before, as its callers found it (by author, else certificate).
  const side = mine === prev[0] ? 'offerer' : mine === prev[1] ? 'answerer' : null;
  if (side === null) return [];
  const flipped: string[] = [];
  for (const m of offer.description.media) {
    if (m.mid === null || (m.setup !== 'active' && m.setup !== 'passive') || (m.port === 0 && !m.bundleOnly)) continue;
    const answered = prev[1].description.media.find((x) => x.mid === m.mid && x.setup !== null && (x.port !== 0 || x.bundleOnly));
    if (answered === undefined || (answered.setup !== 'active' && answered.setup !== 'passive')) continue;
    // The answerer's role: active is the DTLS client (RFC 8842 §5.3); the offerer has the other.
    const answererClient = answered.setup === 'active';
    const wasClient = side === 'answerer' ? answererClient : !answererClient;
    if ((m.setup === 'active') !== wasClient) flipped.push(`mid ${m.mid} (a=setup:${m.setup}, where its side was the DTLS ${wasClient ? 'client' : 'server'})`);
  }
  if (flipped.length === 0) return [];
  return [`the offer (${placeOf(offer)}) asks its side for the other DTLS role than the round before gave it, on ${listSome(flipped, String, 5, '; ')}: a re-offer keeps the roles or says actpass (RFC 8842); Chromium refuses such an offer as the answerer ("Offerer must use current negotiated role for setup attribute.", libwebrtc's NegotiateDtlsRole)`];
}

/** From two inputs: the first complete description of each. */
export function pairFromTwo(a: readonly FoundDescription[], nameA: string, b: readonly FoundDescription[], nameB: string, options: { readonly diff?: boolean } = {}): DescriptionPair {
  if (!Array.isArray(a) || !Array.isArray(b)) throw new SdpscopeError('INVALID_ARGUMENT', 'pairFromTwo: the descriptions must be arrays (readInput(text).descriptions)');
  if (typeof nameA !== 'string' || typeof nameB !== 'string') throw new SdpscopeError('INVALID_ARGUMENT', 'pairFromTwo: the names must be strings (the inputs\', for messages)');
  requireOptions(options, 'pairFromTwo: the options', { diff: 'boolean' });
  const first = complete(a)[0];
  const second = complete(b)[0];
  if (!first) throw new SdpscopeError('NO_OFFER_ANSWER', `no SDP found in ${nameA}`);
  if (!second) throw new SdpscopeError('NO_OFFER_ANSWER', `no SDP found in ${nameB}`);
  const notes: string[] = [];
  if (first.text === second.text) notes.push(`${nameA} and ${nameB} hold the same description, character for character`);
  if (complete(a).length > 1) notes.push(`${nameA} holds ${complete(a).length} descriptions: the first is used`);
  if (complete(b).length > 1) notes.push(`${nameB} holds ${complete(b).length} descriptions: the first is used`);
  return orient(first, second, notes, options.diff === true);
}
