import type { AttributeLine, SdpLine, SessionDescription } from '../../src/sdp/model.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { writeSdp } from '../../src/sdp/write.js';
import { seedSdp } from '../support/corpus.js';

/** Replaces one line of an m-section (descriptions are plain data; edits make a new one). */
function editMedia(d: SessionDescription, index: number, edit: (l: SdpLine) => SdpLine | null): SessionDescription {
  return {
    ...d,
    media: d.media.map((m, i) => (i !== index ? m : { ...m, lines: m.lines.map(edit).filter((l): l is SdpLine => l !== null) })),
  };
}

describe('writeSdp after edits', () => {
  it('writes a changed attribute from its fields', () => {
    const d = parseSdp(seedSdp('offer'));
    const edited = editMedia(d, 0, (l) => (l.kind === 'attribute' && l.name === 'setup' ? ({ ...l, value: 'passive' } as AttributeLine) : l));
    expect(writeSdp(edited)).toBe(seedSdp('offer').replace('a=setup:actpass\r\na=mid:0', 'a=setup:passive\r\na=mid:0'));
  });

  it('drops a removed line (munging out a codec)', () => {
    const d = parseSdp(seedSdp('offer'));
    const edited = editMedia(d, 0, (l) => (l.kind === 'attribute' && l.name === 'rtpmap' && l.value.payloadType === 9 ? null : l));
    expect(writeSdp(edited)).toBe(seedSdp('offer').replace('a=rtpmap:9 G722/8000\r\n', ''));
  });

  it('respells a non-canonical line once its fields change, and keeps it while they do not', () => {
    const text = 'v=0\r\nm=audio 9 RTP/AVP 111\r\na=fmtp:111 minptime=10; useinbandfec=1\r\n';
    const d = parseSdp(text);
    expect(writeSdp(d)).toBe(text);
    const edited = editMedia(d, 0, (l) =>
      l.kind === 'attribute' && l.name === 'fmtp' ? ({ ...l, value: { ...l.value, parameters: [...l.value.parameters, { name: 'stereo', value: '1' }] } } as AttributeLine) : l,
    );
    expect(writeSdp(edited)).toBe('v=0\r\nm=audio 9 RTP/AVP 111\r\na=fmtp:111 minptime=10;useinbandfec=1;stereo=1\r\n');
  });

  it('does not change its input', () => {
    const d = parseSdp(seedSdp('answer'));
    const before = JSON.stringify(d);
    writeSdp(d);
    expect(JSON.stringify(d)).toBe(before);
  });
});
