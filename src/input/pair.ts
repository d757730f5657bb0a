/**
 * Picks the two descriptions sdp-diff compares: an offer and its answer (negotiation), or two
 * offers / two answers (a renegotiation diff), from one input or from two.
 */
import { SdpscopeError } from '../errors.js';
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
  if (f.type === 'offer' || f.type === 'answer') return f.type;
  if (f.type === 'pranswer') return 'answer';
  const setups = [f.description.setup, ...f.description.media.map((m) => m.setup)].filter((s) => s !== null);
  if (setups.includes('actpass')) return 'offer';
  if (setups.some((s) => s === 'active' || s === 'passive')) return 'answer';
  return null;
}

const complete = (found: readonly FoundDescription[]) => found.filter((f) => !f.description.fragment);

function orient(a: FoundDescription, b: FoundDescription, notes: string[]): DescriptionPair {
  const ta = inferType(a);
  const tb = inferType(b);
  if (ta === 'answer' && tb === 'offer') return { mode: 'negotiation', first: b, second: a, notes: [...notes, 'the first input is the answer: compared as offer = second, answer = first'] };
  if (ta !== null && ta === tb) return { mode: 'diff', first: a, second: b, notes: [...notes, `both are ${ta}s: showing what changed (renegotiation)`] };
  if (ta === null && tb === null) notes.push('neither says offer or answer (no type, no a=setup): the first is taken as the offer');
  else if (ta === null || tb === null) notes.push(`one type is unknown: taken as the ${ta === null ? 'offer' : 'answer'} to match the other`);
  if (ta === 'answer' && tb === null) return { mode: 'negotiation', first: b, second: a, notes };
  return { mode: 'negotiation', first: a, second: b, notes };
}

/** From one input that holds both (a webrtc-internals dump, a frame log). */
export function pairFromOne(found: readonly FoundDescription[], name: string): DescriptionPair {
  if (!Array.isArray(found)) throw new SdpscopeError('INVALID_ARGUMENT', 'pairFromOne: the descriptions must be an array (readInput(text).descriptions)');
  const all = complete(found);
  // webrtc-internals: the first peer connection that has both an offer and an answer.
  const pcs = [...new Set(all.map((f) => f.source.peerConnection).filter((p): p is string => p !== undefined))];
  for (const pc of pcs) {
    const mine = all.filter((f) => f.source.peerConnection === pc);
    const offer = mine.find((f) => inferType(f) === 'offer');
    const answer = offer && mine.find((f) => inferType(f) === 'answer' && mine.indexOf(f) > mine.indexOf(offer));
    if (offer && answer) return { mode: 'negotiation', first: offer, second: answer, notes: [`peer connection ${pc}: ${offer.source.event ?? 'offer'} and ${answer.source.event ?? 'answer'}`] };
  }
  const offer = all.find((f) => inferType(f) === 'offer');
  const answer = offer && all.find((f) => inferType(f) === 'answer' && all.indexOf(f) > all.indexOf(offer));
  if (offer && answer) return { mode: 'negotiation', first: offer, second: answer, notes: [] };
  if (all.length === 2) return orient(all[0]!, all[1]!, []);
  throw new SdpscopeError('NO_OFFER_ANSWER', `${name} holds ${all.length} description${all.length === 1 ? '' : 's'} and no offer followed by an answer; give two files`);
}

/** From two inputs: the first complete description of each. */
export function pairFromTwo(a: readonly FoundDescription[], nameA: string, b: readonly FoundDescription[], nameB: string): DescriptionPair {
  if (!Array.isArray(a) || !Array.isArray(b)) throw new SdpscopeError('INVALID_ARGUMENT', 'pairFromTwo: the descriptions must be arrays (readInput(text).descriptions)');
  const first = complete(a)[0];
  const second = complete(b)[0];
  if (!first) throw new SdpscopeError('NO_OFFER_ANSWER', `no SDP found in ${nameA}`);
  if (!second) throw new SdpscopeError('NO_OFFER_ANSWER', `no SDP found in ${nameB}`);
  const notes: string[] = [];
  if (complete(a).length > 1) notes.push(`${nameA} holds ${complete(a).length} descriptions: the first is used`);
  if (complete(b).length > 1) notes.push(`${nameB} holds ${complete(b).length} descriptions: the first is used`);
  return orient(first, second, notes);
}
