import { inferType, pairFromOne, pairFromTwo } from '../../src/input/pair.js';
import { readDescriptions } from '../../src/input/read.js';
import { corpusFile, sample } from '../support/corpus.js';

const raw = (name: string) => readDescriptions(corpusFile(`sdp/${name}`));

describe('choosing what sdp-diff compares', () => {
  it('infers the type from a=setup when nothing says it', () => {
    expect(inferType(raw('local__chromium156_recvonly_offer_av1_vp9_h264_flexfec_dc.sdp')[0]!)).toBe('offer');
    expect(inferType(raw('local__chromium156_answer_to_recvonly_offer.sdp')[0]!)).toBe('answer');
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
    expect(p.notes[0]).toMatch(/first input is the answer/);
  });

  it('diffs two offers', () => {
    const p = pairFromTwo(readDescriptions(sample('offer.json')), 'a', raw('local__chromium156_recvonly_offer_av1_vp9_h264_flexfec_dc.sdp'), 'b');
    expect(p.mode).toBe('diff');
  });

  it('rejects input without a pair, with NO_OFFER_ANSWER', () => {
    expect(() => pairFromOne(readDescriptions(sample('offer.json')), 'offer.json')).toThrow(expect.objectContaining({ code: 'NO_OFFER_ANSWER' }) as Error);
  });
});
