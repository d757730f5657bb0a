import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inferType, pairFromOne, pairFromTwo } from '../../src/input/pair.js';
import { negotiate } from '../../src/negotiation/negotiate.js';
import { readDescriptions, readInput } from '../../src/input/read.js';
import { corpusFile, sample } from '../support/corpus.js';

const raw = (name: string) => readDescriptions(corpusFile(`sdp/${name}`));

describe('choosing what sdp-diff compares', () => {
  it('infers the type from a=setup when nothing says it', () => {
    expect(inferType(raw('local__chromium156_recvonly_offer_av1_vp9_h264_flexfec_dc.sdp')[0]!)).toBe('offer');
    expect(inferType(raw('local__chromium156_answer_to_recvonly_offer.sdp')[0]!)).toBe('answer');
  });

  it('a paste of two calls (four SDPs, no type stated): the first two compared, the others named as not compared (library audit: passed over in silence)', () => {
    const sdps = [JSON.parse(sample('offer.json')).offer.sdp as string, JSON.parse(sample('answer.json')).answer.sdp as string, sample('chromium156-recvonly-offer.sdp'), sample('chromium156-answer.sdp')];
    const paste = sdps.map((x, i) => `call ${i < 2 ? 1 : 2}:\n${x.replace(/\r\n/g, '\n')}`).join('\n');
    const found = readDescriptions(paste);
    expect(found).toHaveLength(4);
    const p = pairFromOne(found, 'paste');
    expect([p.first.source.line, p.second.source.line]).toEqual([found[0]!.source.line, found[1]!.source.line]);
    expect(p.notes).toContain(`2 more descriptions after the answer not compared (line ${found[2]!.source.line}, line ${found[3]!.source.line}): a renegotiation or another call: the later round (--round 2)`);
    // An answer before the offer: named too.
    const q = pairFromOne(found.slice(1), 'paste');
    expect(q.notes).toContain(`1 description before the offer not compared (line ${found[1]!.source.line})`);
  });

  it('a dump of two rounds (Chrome 144, a data channel added in the second): the first compared as set, the later round named; a refused answer said refused; a munged offer compared as set, said (renegotiation audit)', () => {
    const text = readFileSync(fileURLToPath(new URL('../fixtures/dumps/guilospanck-webrtc-stats-analyzer__chrome144_two_rounds_excerpt.json', import.meta.url)), 'utf8');
    const pair = (t: string) => pairFromOne(readDescriptions(t), 'dump');
    const p = pair(text);
    expect([p.first.source.event, p.second.source.event]).toEqual(['setLocalDescription', 'setRemoteDescription']);
    expect(p.notes).toEqual(['peer connection 94-1: setLocalDescription and setRemoteDescription', expect.stringMatching(/^round 1 of 2 \(offer line 36 \(updateLog\[5\]\), answer line 76 \(updateLog\[13\]\)\): --round/), expect.stringMatching(/^2 more descriptions after the answer not compared \(line \d+ \(updateLog\[28\]\), line \d+ \(updateLog\[31\]\)\): a renegotiation or another call: the later round \(--round 2\)$/)]);
    const doc = JSON.parse(text) as { PeerConnections: Record<string, { updateLog: { type: string; value: string; time?: unknown }[] }> };
    const log = doc.PeerConnections['94-1']!.updateLog;
    const at = log.findIndex((e) => e.type === 'setRemoteDescription');
    const refused = structuredClone(doc);
    refused.PeerConnections['94-1']!.updateLog.splice(at + 1, 0, { type: 'setRemoteDescriptionOnFailure', value: 'OperationError: Failed to set remote answer sdp: Failed to apply the description for m= section with mid=\'1\'' });
    expect(pair(JSON.stringify(refused, null, 1)).notes).toContain('the browser refused this answer: setRemoteDescription failed with "OperationError: Failed to set remote answer sdp: Failed to apply the description for m= section with mid=\'1\'" (the dump\'s …OnFailure event): it was never in effect');
    const munged = structuredClone(doc);
    const sld = munged.PeerConnections['94-1']!.updateLog.find((e) => e.type === 'setLocalDescription')!;
    sld.value = sld.value.replace('a=mid:1\\r\\n', 'a=mid:1\\r\\nb=AS:300\\r\\n');
    const m = pair(JSON.stringify(munged, null, 1));
    expect(m.first.text).toContain('b=AS:300');
    expect(m.notes).toContainEqual(expect.stringMatching(/^the offer compared is the one setLocalDescription was given \(line \d+\), which differs from what createOfferOnSuccess made \(line \d+\): changed between them \(munged\)$/));
  });

  it('the round option takes a later round of the dump (the data channel added in round 2), as set; counts from the end; a round the input lacks, or 0, is refused', () => {
    const found = readDescriptions(readFileSync(fileURLToPath(new URL('../fixtures/dumps/guilospanck-webrtc-stats-analyzer__chrome144_two_rounds_excerpt.json', import.meta.url)), 'utf8'));
    const second = pairFromOne(found, 'dump', { round: 2 });
    expect([second.first.source.event, second.second.source.event, second.first.source.line, second.second.source.line]).toEqual(['setLocalDescription', 'setRemoteDescription', 151, 166]);
    expect(second.first.description.media.map((m) => m.kind)).toEqual(['audio', 'video', 'application']);
    expect(second.notes).toEqual([
      'peer connection 94-1: setLocalDescription and setRemoteDescription',
      'round 2 of 2 (offer line 151 (updateLog[28]), answer line 166 (updateLog[31])): --round (the round option) chooses another',
      '2 descriptions before the offer not compared (line 36 (updateLog[5]), line 76 (updateLog[13])): the earlier round (--round 1)',
    ]);
    expect(pairFromOne(found, 'dump', { round: -1 }).first).toBe(second.first);
    expect(pairFromOne(found, 'dump', { round: -2, peerConnection: '94-1' }).first.source.line).toBe(36);
    expect(() => pairFromOne(found, 'dump', { round: 3 })).toThrow('peer connection 94-1 of dump has 2 offer/answer rounds: there is no round 3');
    expect(() => pairFromOne(found, 'dump', { round: -3 })).toThrow(expect.objectContaining({ code: 'NO_OFFER_ANSWER' }) as Error);
    expect(() => pairFromOne(found, 'dump', { round: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
    expect(() => pairFromOne(found, 'dump', { round: 1.5 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }) as Error);
    // A paste of two calls, no type stated: the second is round 2 (by a=setup), and one round asked for is named.
    const paste = readDescriptions(sample('call.ndjson'));
    expect(pairFromOne(paste, 'call.ndjson', { round: 1 }).notes[0]).toBe('round 1 of 1 (offer line 3, answer line 4)');
    expect(() => pairFromOne(readDescriptions(sample('offer.json')), 'offer.json', { round: 1 })).toThrow(expect.objectContaining({ code: 'NO_OFFER_ANSWER' }) as Error);
  });

  it('rounds as the signalling state runs them (renegotiation audit): glare\'s remote offer answered, a good offer after a refused one, a refused set given again, a rollback, a pranswer then the answer, a refused answer then a good one, an offer left unanswered', () => {
    const doc = JSON.parse(readFileSync(fileURLToPath(new URL('../fixtures/dumps/guilospanck-webrtc-stats-analyzer__chrome144_two_rounds_excerpt.json', import.meta.url)), 'utf8')) as { PeerConnections: Record<string, { updateLog: { type: string; value: string }[] }> };
    const log = doc.PeerConnections['94-1']!.updateLog;
    const sdpOf = (type: string, n: number) => (JSON.parse(log.filter((e) => e.type === type)[n]!.value) as { sdp: string }).sdp;
    const [o1, o2, a1, a2] = [sdpOf('setLocalDescription', 0), sdpOf('setLocalDescription', 1), sdpOf('setRemoteDescription', 0), sdpOf('setRemoteDescription', 1)];
    const ev = (type: string, t: string, sdp: string) => ({ type, value: JSON.stringify({ type: t, sdp }) });
    const fail = (type: string) => ({ type: `${type}OnFailure`, value: 'OperationError: refused' });
    const pick = (events: object[], round?: number) => {
      const p = pairFromOne(readDescriptions(JSON.stringify({ PeerConnections: { '1-1': { updateLog: events } } }, null, 1)), 'dump', round === undefined ? {} : { round });
      return { offer: [p.first.source.event, p.first.text === o1 ? 'o1' : p.first.text === o2 ? 'o2' : p.first.text === a1 ? 'a1' : 'a2'], answer: [p.second.source.event, p.second.type], notes: p.notes };
    };
    const round1 = [ev('setLocalDescription', 'offer', o1), ev('setRemoteDescription', 'answer', a1)];
    // Glare: our offer o2 set, then the other side's offer (a1's text as an offer) rolls it back, and we answer it.
    const glare = pick([...round1, ev('setLocalDescription', 'offer', o2), ev('setRemoteDescription', 'offer', a1.replace(/ 2 IN IP4/, ' 9 IN IP4')), ev('setLocalDescription', 'answer', o2)], -1);
    expect([glare.offer[0], glare.answer]).toEqual(['setRemoteDescription', ['setLocalDescription', 'answer']]);
    // A remote offer refused, then a good one: the good one.
    expect(pick([...round1, ev('setRemoteDescription', 'offer', o1), fail('setRemoteDescription'), ev('setRemoteDescription', 'offer', o2), ev('setLocalDescription', 'answer', a2)], 2).offer).toEqual(['setRemoteDescription', 'o2']);
    // createOffer, its set refused, set again: the set that took.
    const again = pick([...round1, ev('createOfferOnSuccess', 'offer', o2), ev('setLocalDescription', 'offer', o2), fail('setLocalDescription'), ev('setLocalDescription', 'offer', o2), ev('setRemoteDescription', 'answer', a2)], 2);
    expect(again.offer[0]).toBe('setLocalDescription');
    expect(again.notes.join(' ')).not.toMatch(/refused/);
    // --diff of a round whose answer was refused, no good one after it: never in effect (rounds audit of 2026-12-07: unsaid).
    const refusedLast = [...round1, ev('setLocalDescription', 'offer', o2), ev('setRemoteDescription', 'answer', a2), fail('setRemoteDescription')];
    const diffNotes = pairFromOne(readDescriptions(JSON.stringify({ PeerConnections: { '1-1': { updateLog: refusedLast } } }, null, 1)), 'dump', { diff: true }).notes;
    expect(diffNotes.filter((n) => /was refused by the browser/.test(n))).toEqual([expect.stringMatching(/^this round's answer \(line \d+ \(updateLog\[3\]\)\) was refused by the browser \("OperationError: refused"\): what it changes never took effect, the signalling state stayed have-local-offer$/)]);
    // A rollback has no SDP: no "the SDP is empty" error, and the offer after it is the round's.
    const rollback = JSON.stringify({ PeerConnections: { '1-1': { updateLog: [...round1, ev('setLocalDescription', 'offer', o2), ev('setLocalDescription', 'rollback', ''), ev('setRemoteDescription', 'offer', o1), ev('setLocalDescription', 'answer', a2)] } } });
    expect(readInput(rollback).problems).toEqual([]);
    expect(pick(JSON.parse(rollback).PeerConnections['1-1'].updateLog as object[], 2).offer).toEqual(['setRemoteDescription', 'o1']);
    // A pranswer then the answer: one round, its answer the final one, the pranswer named.
    const pr = pick([ev('setLocalDescription', 'offer', o1), ev('setRemoteDescription', 'pranswer', a1), ev('setRemoteDescription', 'answer', a2)]);
    expect(pr.answer).toEqual(['setRemoteDescription', 'answer']);
    expect(pr.notes).toContainEqual(expect.stringMatching(/^the provisional answer \(pranswer\) at line \d+ \(updateLog\[1\]\) came before this answer, which replaced it/));
    // A refused answer then a good one: the good one, the refused one named with its error.
    const ra = pick([ev('setLocalDescription', 'offer', o1), ev('setRemoteDescription', 'answer', a1), fail('setRemoteDescription'), ev('setRemoteDescription', 'answer', a2)]);
    expect(ra.notes).toContainEqual(expect.stringMatching(/^the answer at line \d+ \(updateLog\[1\]\) was refused \("OperationError: refused"\): the one compared is the answer after it that was not$/));
    // An offer after the last round with no answer: said, not "another call".
    const pending = pick([...round1, ev('createOfferOnSuccess', 'offer', o2), ev('setLocalDescription', 'offer', o2)]);
    expect(pending.notes).toContainEqual(expect.stringMatching(/^the offer at line \d+ \(updateLog\[\d+\]\) after round 1 has no answer in the input: that negotiation never completed \(the signalling state stayed have-local-offer\)/));
    expect(pending.notes.join(' ')).not.toMatch(/more description/);
  });

  it('diff of one file: a round against the one before it, what the same side wrote (its offer, or its answer when the other side offers now); the first round, or a file of one, refused', () => {
    const text = readFileSync(fileURLToPath(new URL('../fixtures/dumps/guilospanck-webrtc-stats-analyzer__chrome144_two_rounds_excerpt.json', import.meta.url)), 'utf8');
    const p = pairFromOne(readDescriptions(text), 'dump', { diff: true });
    expect([p.mode, p.first.source.line, p.second.source.line]).toEqual(['diff', 36, 151]);
    expect(p.notes).toEqual(['peer connection 94-1', 'round 2 of 2 against round 1: its offer (line 151 (updateLog[28]), setLocalDescription) compared with the offer of round 1 (line 36 (updateLog[5]), setLocalDescription), both written by this side']);
    expect(() => pairFromOne(readDescriptions(text), 'dump', { diff: true, round: 1 })).toThrow('--diff of one file compares a round with the one before it, and round 1 is the first (of 2)');
    expect(() => pairFromOne(readDescriptions(sample('call.ndjson')), 'call.ndjson', { diff: true })).toThrow('call.ndjson has one offer/answer round');
    // The other side offers in round 2: compared with its answer of round 1.
    const doc = JSON.parse(text) as { PeerConnections: Record<string, { updateLog: { type: string; value: string }[] }> };
    const log = doc.PeerConnections['94-1']!.updateLog;
    const sdp = (type: string, n: number) => (JSON.parse(log.filter((e) => e.type === type)[n]!.value) as { sdp: string }).sdp;
    const ev = (type: string, t: string, s: string) => ({ type, value: JSON.stringify({ type: t, sdp: s }) });
    const turned = JSON.stringify({ PeerConnections: { '1-1': { updateLog: [ev('setLocalDescription', 'offer', sdp('setLocalDescription', 0)), ev('setRemoteDescription', 'answer', sdp('setRemoteDescription', 0)), ev('setRemoteDescription', 'offer', sdp('setRemoteDescription', 1)), ev('setLocalDescription', 'answer', sdp('setLocalDescription', 1))] } } }, null, 1);
    const q = pairFromOne(readDescriptions(turned), 'dump', { diff: true });
    expect([q.first.source.event, q.first.text, q.second.source.event]).toEqual(['setRemoteDescription', sdp('setRemoteDescription', 0), 'setRemoteDescription']);
    expect(q.notes[1]).toMatch(/compared with the answer of round 1 \(line \d+ \(updateLog\[1\]\), setRemoteDescription\), both written by the other side$/);
  });

  it('a relay log pairs an answer with the other sender\'s offer (glare: both offered, one answered), and --diff of one file compares an unanswered last offer with the round before (new-user audit)', () => {
    const sdp = (v: number, dir: string) => `v=0\r\no=- 1 ${v} IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=${dir}\r\na=rtpmap:111 opus/48000/2\r\n`;
    const frame = (from: string, type: string, v: number, dir = 'sendrecv') => JSON.stringify({ room: 'r1', from, type, sdp: sdp(v, dir) });
    const glare = readDescriptions([frame('c1', 'offer', 1), frame('c2', 'offer', 1), frame('c2', 'answer', 2)].join('\n'));
    const p = pairFromOne(glare, 'log');
    expect([p.first.source.line, p.second.source.line]).toEqual([1, 3]);
    const unanswered = readDescriptions([frame('c1', 'offer', 1), frame('c2', 'answer', 1), frame('c1', 'offer', 2, 'sendonly')].join('\n'));
    const q = pairFromOne(unanswered, 'log', { diff: true });
    expect([q.mode, q.first.source.line, q.second.source.line]).toEqual(['diff', 1, 3]);
    expect(q.notes[1]).toMatch(/^the offer after round 1, which no answer followed \(line 3, offer\) compared with the offer of round 1 \(line 1, offer\), both written by sender c1$/);
  });

  it('--diff of a round whose answer is provisional, with no final one after it, says the negotiation is not complete (rounds audit of 2026-12-07)', () => {
    const sdp = (v: number) => `v=0\r\no=- 1 ${v} IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n`;
    const frame = (from: string, type: string, v: number) => JSON.stringify({ room: 'r1', from, type, sdp: sdp(v) });
    const notes = pairFromOne(readDescriptions([frame('c1', 'offer', 1), frame('c2', 'answer', 1), frame('c1', 'offer', 2), frame('c2', 'pranswer', 2)].join('\n')), 'log', { diff: true }).notes;
    expect(notes.filter((n) => /provisional/.test(n))).toEqual(["this round's answer (line 4) is provisional (pranswer) and no final answer followed in the input: the negotiation is not complete (the offerer stays have-remote-pranswer; RFC 9429 §4.1.10.1)"]);
    // An offer that lost glare between the offer and its answer: named (it had been named nowhere).
    const glare = pairFromOne(readDescriptions([frame('c1', 'offer', 1), frame('c2', 'answer', 1), frame('c1', 'offer', 2), frame('c2', 'offer', 3), frame('c2', 'answer', 4)].join('\n')), 'log', { round: 2 }).notes;
    expect(glare.filter((n) => /between the offer/.test(n))).toEqual(['1 description between the offer and its answer not compared (line 4 (an offer passed over: rolled back, or in glare))']);
    // Two pranswers, then the answer: named in input order (it had been "line 5, line 4").
    const two = pairFromOne(readDescriptions([frame('c1', 'offer', 1), frame('c2', 'answer', 1), frame('c1', 'offer', 2), frame('c2', 'pranswer', 2), frame('c2', 'pranswer', 3), frame('c2', 'answer', 4)].join('\n')), 'log', { round: 2 }).notes;
    expect(two.filter((n) => /provisional answers/.test(n))).toEqual(["2 provisional answers (pranswer) at line 4, line 5 came before this answer, which replaced them (RFC 9429 §4.1.10.1; SIP's 183 then 200)"]);
  });

  it('--diff of an ICE restart the answer does not make says so; one both sides make does not (rounds audit of 2026-12-07)', () => {
    const sdp = (v: number, ufrag: string) => `v=0\r\no=- 1 ${v} IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=ice-ufrag:${ufrag}\r\na=ice-pwd:${ufrag.repeat(6)}\r\na=rtpmap:111 opus/48000/2\r\n`;
    const frame = (from: string, type: string, v: number, ufrag: string) => JSON.stringify({ room: 'r1', from, type, sdp: sdp(v, ufrag) });
    const log = (answerUfrag: string) => readDescriptions([frame('c1', 'offer', 1, 'aaaa'), frame('c2', 'answer', 1, 'bbbb'), frame('c1', 'offer', 2, 'AAA2'), frame('c2', 'answer', 2, answerUfrag)].join('\n'));
    const kept = pairFromOne(log('bbbb'), 'log', { diff: true }).notes;
    expect(kept.filter((n) => /did not restart/.test(n))).toEqual(['the offer restarts ICE (new credentials on mid 0) and the answer (line 4) keeps the credentials its side wrote before (ufrag bbbb): the answerer did not restart; an answer to a restart carries new ones (RFC 8839 §4.4.1.1.2, RFC 8445 §9)']);
    expect(pairFromOne(log('BBB2'), 'log', { diff: true }).notes.filter((n) => /did not restart/.test(n))).toEqual([]);
  });

  it('--round of an ICE restart the answer does not make says so too (DTLS/ICE audit of 2026-12-07: --diff alone had)', () => {
    const sdp = (v: number, ufrag: string) => `v=0\r\no=- 1 ${v} IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=ice-ufrag:${ufrag}\r\na=ice-pwd:${ufrag.repeat(6)}\r\na=rtpmap:111 opus/48000/2\r\n`;
    const frame = (from: string, type: string, v: number, ufrag: string) => JSON.stringify({ room: 'r1', from, type, sdp: sdp(v, ufrag) });
    const log = readDescriptions([frame('c1', 'offer', 1, 'aaaa'), frame('c2', 'answer', 1, 'bbbb'), frame('c1', 'offer', 2, 'AAA2'), frame('c2', 'answer', 2, 'bbbb')].join('\n'));
    expect(pairFromOne(log, 'log', { round: -1 }).notes.filter((n) => /did not restart/.test(n))).toHaveLength(1);
    expect(pairFromOne(log, 'log', { round: 1 }).notes.filter((n) => /did not restart/.test(n))).toEqual([]);
  });

  it('a re-offer that asks its side for the other DTLS role is said, in --round and --diff; one that keeps it, or says actpass, is not (DTLS audit of 2026-12-07: libwebrtc refuses it)', () => {
    const fp = (c: string) => `a=fingerprint:sha-256 ${Array(32).fill(c).join(':')}\r\n`;
    const sdp = (v: number, setup: string, print: string) => `v=0\r\no=- 1 ${v} IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n${fp(print)}a=setup:${setup}\r\na=rtpmap:111 opus/48000/2\r\n`;
    const frame = (from: string, type: string, v: number, setup: string) => JSON.stringify({ room: 'r1', from, type, sdp: sdp(v, setup, from === 'c1' ? 'AA' : 'BB') });
    // Round 1: c2 answers active, so c1 (the offerer) is the DTLS server.
    const log = (reoffer: string, by = 'c1') => readDescriptions([frame('c1', 'offer', 1, 'actpass'), frame('c2', 'answer', 1, 'active'), frame(by, 'offer', 2, reoffer), frame(by === 'c1' ? 'c2' : 'c1', 'answer', 2, reoffer === 'active' ? 'passive' : 'active')].join('\n'));
    const flips = (found: ReturnType<typeof readDescriptions>, diff: boolean) => pairFromOne(found, 'log', diff ? { diff } : { round: -1 }).notes.filter((n) => /other DTLS role/.test(n));
    for (const diff of [false, true]) {
      expect(flips(log('active'), diff)).toEqual(['the offer (line 3) asks its side for the other DTLS role than the round before gave it, on mid 0 (a=setup:active, where its side was the DTLS server): a re-offer keeps the roles or says actpass (RFC 8842); Chromium refuses such an offer as the answerer ("Offerer must use current negotiated role for setup attribute.", libwebrtc\'s NegotiateDtlsRole)']);
      expect(flips(log('passive'), diff)).toEqual([]);
      expect(flips(log('actpass'), diff)).toEqual([]);
      // The other side re-offers: c2 was the client, so its active keeps the role and its passive flips it.
      expect(flips(log('active', 'c2'), diff)).toEqual([]);
      expect(flips(log('passive', 'c2'), diff)).toHaveLength(1);
    }
  });

  it('--diff of a plain frame log (no sender) where the other side re-offers: compared with that side\'s answer, told by its certificate (README audit: "two sessions")', () => {
    const fp = (c: string) => `a=fingerprint:sha-256 ${Array(32).fill(c).join(':')}\r\n`;
    const sdp = (v: number, setup: string, print: string) => `v=0\r\no=- ${print === 'AA' ? 1 : 2} ${v} IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n${fp(print)}a=setup:${setup}\r\na=rtpmap:111 opus/48000/2\r\n`;
    const frame = (type: string, v: number, setup: string, print: string) => JSON.stringify({ type, sdp: sdp(v, setup, print) });
    const found = readDescriptions([frame('offer', 1, 'actpass', 'AA'), frame('answer', 1, 'active', 'BB'), frame('offer', 2, 'actpass', 'BB'), frame('answer', 2, 'active', 'AA')].join('\n'));
    const p = pairFromOne(found, 'log', { diff: true });
    expect([p.first.source.line, p.second.source.line]).toEqual([2, 3]);
    expect(p.notes).toContain('round 2 of 2 against round 1: its offer (line 3, offer) compared with the answer of round 1 (line 2, answer), both of one side (the same certificate fingerprint)');
  });

  it('two untyped descriptions: round 1 (or -1) pairs them as the default does, and diff compares them before → after (library audit: refused)', () => {
    const sdp = (port: number) => `v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0\r\n`;
    const found = readDescriptions(`${sdp(4000)}\n${sdp(5000)}`);
    for (const round of [1, -1]) expect(pairFromOne(found, 'paste', { round }).mode).toBe('negotiation');
    expect(pairFromOne(found, 'paste', { diff: true }).mode).toBe('diff');
    expect(() => pairFromOne(found, 'paste', { round: 2 })).toThrow(expect.objectContaining({ code: 'NO_OFFER_ANSWER' }) as Error);
  });

  it('takes the offer then the answer from a frame log', () => {
    const p = pairFromOne(readDescriptions(sample('call.ndjson')), 'call.ndjson');
    expect([p.mode, p.first.type, p.second.type, p.first.source.line, p.second.source.line]).toEqual(['negotiation', 'offer', 'answer', 3, 4]);
  });

  it('takes one peer connection\'s offer and answer from a webrtc-internals dump', () => {
    const p = pairFromOne(readDescriptions(corpusFile('dumps/local__chromium156_webrtc_internals_audio_video_dc.json')), 'dump');
    expect([p.first.source.peerConnection, p.first.source.event, p.second.source.peerConnection, p.second.source.event]).toEqual(['8-1', 'setLocalDescriptionOnSuccess', '8-1', 'setRemoteDescription']);
  });

  it('swaps an answer given first', () => {
    const p = pairFromTwo(readDescriptions(sample('answer.json')), 'a', readDescriptions(sample('offer.json')), 'o');
    expect([p.mode, p.first.type, p.second.type]).toEqual(['negotiation', 'offer', 'answer']);
    expect(p.notes[0]).toMatch(/the first input says it is the answer/);
  });

  it('diffs two inputs that both say they are offers', () => {
    const typed = JSON.stringify({ type: 'offer', sdp: raw('local__chromium156_recvonly_offer_av1_vp9_h264_flexfec_dc.sdp')[0]!.text });
    const p = pairFromTwo(readDescriptions(sample('offer.json')), 'a', readDescriptions(typed), 'b');
    expect([p.mode, p.notes.at(-1)]).toEqual(['diff', 'both say they are offers: showing what changed (renegotiation)']);
  });

  it('argument order decides when neither input says its type, never a=setup: an answer wrongly saying actpass is the error it is', () => {
    const offer = raw('local__chromium156_recvonly_offer_av1_vp9_h264_flexfec_dc.sdp');
    const p = pairFromTwo(offer, 'first.sdp', offer, 'second.sdp');
    expect([p.mode, p.first, p.second]).toEqual(['negotiation', offer[0], offer[0]]);
    expect(p.notes).toContain('neither input says offer or answer: the first is taken as the offer, the second as the answer (the order given)');
    expect(negotiate(p.first.description, p.second.description).diagnostics.map((d) => d.kind)).toContain('dtls-role-conflict');
  });

  it('a stated type wins over the order, and the other input takes the other role', () => {
    const answerRaw = raw('local__chromium156_answer_to_recvonly_offer.sdp');
    const p = pairFromTwo(answerRaw, 'a.sdp', readDescriptions(sample('offer.json')), 'o.json');
    expect([p.mode, p.first.type, p.second]).toEqual(['negotiation', 'offer', answerRaw[0]]);
    expect(p.notes.at(-1)).toMatch(/the first input is taken as the answer: the second says it is the offer/);
  });

  it('--diff compares as before → after whatever the types', () => {
    const p = pairFromTwo(readDescriptions(sample('offer.json')), 'a', readDescriptions(sample('answer.json')), 'b', { diff: true });
    expect([p.mode, p.first.type, p.second.type]).toEqual(['diff', 'offer', 'answer']);
  });

  it('rejects input without a pair, with NO_OFFER_ANSWER', () => {
    expect(() => pairFromOne(readDescriptions(sample('offer.json')), 'offer.json')).toThrow(expect.objectContaining({ code: 'NO_OFFER_ANSWER' }) as Error);
  });
});

describe('one file of untyped SDPs paired by a=setup (sdp-diff audit of 2026-12-05)', () => {
  it('says the types were guessed, and which descriptions it passed over (an answer wrongly saying actpass was skipped in silence)', () => {
    const sdp = (ufrag: string, setup: string) => `v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\nc=IN IP4 0.0.0.0\na=ice-ufrag:${ufrag}\na=ice-pwd:abcdefghijklmnopqrstuvwx\na=setup:${setup}\na=mid:0\na=rtpmap:111 opus/48000/2\n`;
    const text = [sdp('AAAA', 'actpass'), sdp('BBBB', 'actpass'), sdp('CCCC', 'actpass'), sdp('DDDD', 'active')].join('log goes on\n');
    const p = pairFromOne(readDescriptions(text), 'x.log');
    expect([p.first.description.media[0]!.ice.ufrag, p.second.description.media[0]!.ice.ufrag]).toEqual(['AAAA', 'DDDD']);
    // Each with what typed it (pairs audit: which of the two was left to guess).
    expect(p.notes[0]).toMatch(/^no type stated: the offer \(line 1, a=setup:actpass\) and its answer \(line \d+, a=setup:(active|passive)\) are an offer and the first answer after it, each typed by its stated type or else by its a=setup/);
    expect(p.notes[1]).toMatch(/^2 descriptions between them passed over \(line \d+ says a=setup:actpass: taken for another offer \(if it is the answer, its actpass is an error\);/);
  });
});
