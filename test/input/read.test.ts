import { readFileSync } from 'node:fs';
import { dumpText } from '../support/dumps.js';
import { Readable } from 'node:stream';
import { collectingSink, readCandidates, readDescriptions, readInput } from '../../src/input/read.js';
import { scanStream } from '../../src/node/stream.js';
import { parseLegacyValue } from '../../src/input/webrtc-internals.js';
import { streamed } from '../support/streamed.js';
import { corpusFile, sample, seedSdp } from '../support/corpus.js';

const SDP_LF = corpusFile('sdp/sdptransform__chrome_datachannel_only_offer.sdp');
const SDP_CRLF = corpusFile('sdp/aiortc__chrome_audio_offer_ipv6_tcp_networkid.sdp');

describe('found candidates narrow by what they hold (library audit: `if (f.candidate)` left `f.explanation` possibly null)', () => {
  it('a parsed one has its explanation and no error; a rejected one its error and neither of the others, in the types too', () => {
    const r = readInput('candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\ncandidate:1 1 udp 2122260223 10.0.0.1 99999 typ host\n');
    const said = r.candidates.map((f) => (f.candidate !== null ? `${f.candidate.port} ${f.explanation.priority.typePreference}` : `${f.error.code} ${String(f.explanation)}`));
    expect(said).toEqual(['5000 126', 'CANDIDATE_PORT null']);
    const errors = r.candidates.map((f) => (f.error === null ? f.explanation.address.class : f.error.reason.slice(0, 8)));
    expect(errors[0]).toBe('private');
  });
});

describe('an SDP line with a stray NUL (parse audit: one NUL in a Janus offer split it in two, five false errors)', () => {
  it('is kept as read, said; the description stays one, its line not the attribute it looks like; a line of binary data is still skipped', async () => {
    const sdp = readFileSync(new URL('../../samples/chromium156-answer.sdp', import.meta.url), 'utf8').replace('a=rtcp-mux', 'a=rtcp\0-mux');
    for (const r of [readInput(sdp), await streamed(sdp)]) {
      expect(r.descriptions.length).toBe(1);
      expect(r.problems.map((p) => p.message)).toEqual([expect.stringMatching(/^line \d+ holds a NUL byte in an SDP line: read as it is/)]);
    }
    const binary = readInput(`v=0\r\n${'\0\u0001\u0002'.repeat(20)}\r\n`);
    expect(binary.problems.map((p) => p.message)).toEqual(['line 2 holds binary data (NUL bytes): skipped']);
  });
});

describe('raw SDP', () => {
  it.each([['CRLF', SDP_CRLF], ['LF', SDP_LF]])('finds one %s SDP, text unchanged', (_eol, text) => {
    const [d, ...rest] = readDescriptions(text);
    expect(rest).toEqual([]);
    expect(d!.text).toBe(text);
    expect(d!.source).toEqual({ line: 1, format: 'sdp' });
    expect(d!.type).toBeNull();
  });

  it('finds the a=candidate lines inside, with mid, m-line index and ufrag', () => {
    const c = readCandidates(SDP_CRLF);
    expect(c.length).toBeGreaterThan(0);
    expect(c.every((x) => x.inDescription && x.candidate !== null && x.sdpMLineIndex === 0 && x.usernameFragment !== null)).toBe(true);
    const firstLine = SDP_CRLF.split('\r\n').findIndex((l) => l.startsWith('a=candidate:')) + 1;
    expect(c[0]!.source.line).toBe(firstLine);
    expect(c[0]!.text).toBe(SDP_CRLF.split('\r\n')[firstLine - 1]);
  });

  it('finds several SDPs in a log, between other lines', () => {
    const log = `first:\n${SDP_LF}\nsecond:\n${SDP_CRLF}`;
    const found = readDescriptions(log);
    expect(found.map((f) => f.source.line)).toEqual([2, SDP_LF.split('\n').length + 3]);
  });

  it('reads two SDPs back to back, no line between them, as two (an offer and its answer `cat` together were one: SFU audit)', async () => {
    const offer = sample('chromium156-recvonly-offer.sdp');
    const answer = sample('chromium156-answer.sdp');
    for (const text of [offer + answer, (offer + answer).replaceAll('\r\n', '\n')]) {
      const r = readInput(text);
      expect(r.descriptions.map((d) => [d.source.line, d.description.media.length, d.description.diagnostics.filter((x) => x.severity === 'error').length])).toEqual([[1, 3, 0], [offer.split('\n').length, 3, 0]]);
      expect(r.problems).toEqual([]);
      const sink = collectingSink();
      await scanStream(Readable.from([Buffer.from(text)]), sink);
      expect(sink.report.descriptions.map((d) => d.source.line)).toEqual(r.descriptions.map((d) => d.source.line));
    }
  });
});

describe('fragments', () => {
  it('reads bare a= lines as a fragment, candidates with their ufrag', () => {
    const r = readInput('a=ice-ufrag:abcd\na=ice-pwd:0123456789012345678901\na=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n');
    expect(r.descriptions).toHaveLength(1);
    expect(r.descriptions[0]!.description.fragment).toBe(true);
    expect(r.descriptions[0]!.source.format).toBe('sdp-fragment');
    expect(r.candidates.map((c) => [c.usernameFragment, c.source.line])).toEqual([['abcd', 3]]);
  });

  it('reads lone a=candidate lines as candidates', () => {
    const r = readInput('a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\na=candidate:2 1 udp 1686052607 1.1.1.1 5 typ srflx raddr 10.0.0.1 rport 5000\n');
    expect(r.descriptions).toEqual([]);
    expect(r.candidates.map((c) => c.candidate?.type)).toEqual(['host', 'srflx']);
  });
});

describe('JSON', () => {
  it('reads {type, sdp}', () => {
    const [d] = readDescriptions(JSON.stringify({ type: 'answer', sdp: SDP_CRLF }));
    expect(d!.type).toBe('answer');
    expect(d!.text).toBe(SDP_CRLF);
    expect(d!.source.path).toBe('$.sdp');
  });

  it.each(['offer', 'answer'] as const)('reads the seed %s frame exactly as the seed shows it', (kind) => {
    const [d, ...rest] = readDescriptions(sample(`${kind}.json`));
    expect(rest).toEqual([]);
    expect(d!.type).toBe(kind);
    expect(d!.text).toBe(seedSdp(kind));
    expect(d!.source).toMatchObject({ format: 'json', path: `$.${kind}.sdp`, event: kind });
  });

  it('reads the seed candidate list (object shape) with sdpMid, sdpMLineIndex and usernameFragment', () => {
    const c = readCandidates(sample('candidates.json'));
    expect(c.map((x) => [x.sdpMid, x.sdpMLineIndex, x.usernameFragment, x.candidate?.type, x.candidate?.port])).toEqual([
      ['0', 0, 'N/KY', 'host', 60751],
      ['1', 1, 'N/KY', 'host', 57043],
      ['1', 1, 'N/KY', 'srflx', 2213],
      ['0', 0, 'N/KY', 'srflx', 2212],
    ]);
    expect(c[0]!.source.path).toBe('$[0].candidate.candidate');
  });

  it('reads the seed candidate frame (string shape)', () => {
    const [c] = readCandidates('{"type":"candidate","candidate":"candidate:2789144953 1 udp 2122129151 10.18.117.180 51018 typ host generation 0 ufrag ddSd network-id 3 network-cost 50","sdpMid":"0","sdpMLineIndex":0}');
    expect([c!.sdpMid, c!.sdpMLineIndex, c!.usernameFragment, c!.candidate?.networkCost]).toEqual(['0', 0, 'ddSd', 50]);
  });

  it('reads a seed-style NDJSON call log: offer, answer, both candidate shapes, end of candidates', () => {
    const r = readInput(sample('call.ndjson'));
    expect(r.descriptions.map((d) => [d.type, d.source.line])).toEqual([['offer', 3], ['answer', 4]]);
    expect(r.candidates.map((c) => c.source.line)).toEqual([5, 6, 7, 8, 9]);
    expect(r.endOfCandidates.map((e) => e.source.line)).toEqual([10]);
    expect(r.problems).toEqual([]);
  });

  it('carries time, sender and room from a relay log line', () => {
    const line = JSON.stringify({ time: '2026-11-24T06:00:00.000Z', room: 'r1', from: 'c2', frame: { type: 'candidate', candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
    const [c] = readCandidates(line);
    expect(c!.source).toMatchObject({ line: 1, timestamp: '2026-11-24T06:00:00.000Z', room: 'r1', sender: 'c2', event: 'candidate' });
  });

  it('a frame inside a relay log record cannot claim another sender or room (pages audit: a client showed as another)', () => {
    const cand = { type: 'candidate', from: 'c1', room: 'other', candidate: 'candidate:1 1 udp 2122260223 10.6.6.6 5000 typ host', sdpMid: '0' };
    const line = JSON.stringify({ time: '2026-11-24T06:00:00.000Z', room: 'r1', from: 'c2', frame: cand });
    const [c] = readCandidates(line);
    expect(c!.source).toMatchObject({ room: 'r1', sender: 'c2' });
    expect(c!.source).not.toHaveProperty('pinned');
    const [d] = readDescriptions(JSON.stringify({ time: 1, room: 'r1', from: 'c2', frame: { type: 'offer', sender: 'c1', sdp: SDP_LF } }));
    expect(d!.source).toMatchObject({ room: 'r1', sender: 'c2' });
    expect(d!.source).not.toHaveProperty('pinned');
    // Outside a record, an inner from still says who sent it (a wrapper of frames).
    const [w] = readCandidates(JSON.stringify({ from: 'server', messages: [{ ...cand, room: undefined }] }));
    expect(w!.source).toMatchObject({ sender: 'c1' });
  });

  it('reads a frame stored as a JSON string', () => {
    const [d] = readDescriptions(JSON.stringify({ time: 1, frame: JSON.stringify({ type: 'offer', sdp: SDP_LF }) }));
    expect(d!.type).toBe('offer');
  });

  it('reports a line that starts like JSON but does not parse, and goes on', () => {
    const r = readInput('{"type":"offer","sdp":"v=0\\r\\no=- 1 1 IN IP4\n{"type":"candidate","candidate":"candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host"}\n');
    expect(r.problems.map((p) => [p.kind, p.line])).toEqual([['invalid-json', 1], ['sdp-cut', 1]]);
    expect(r.candidates).toHaveLength(1);
  });

  it('says an SDP whose quoted string its line ends before closing is cut, also when the cut falls at one of its line ends', () => {
    // Cut after a whole line: nothing else would say so (no dangling last line, no invalid JSON
    // for a line behind a log prefix); the m-section it had after is simply missing.
    const sdp = 'v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\n';
    const r = readInput(`12:00:01 send {"type":"offer","sdp":"${sdp}\n`);
    expect(r.descriptions).toHaveLength(1);
    expect(r.problems.map((p) => [p.kind, p.line, p.message])).toEqual([['sdp-cut', 1, "the SDP's quoted string on line 1 is not closed before the line ends (cut short): 5 SDP lines read, the rest lost"]]);
    // A whole quoted SDP is no cut one.
    expect(readInput(`12:00:01 send {"type":"offer","sdp":"${sdp}"}\n`).problems).toEqual([]);
  });
});

describe('getStats() results (library audit: an empty report, the command line alone naming sdpscope ice)', () => {
  it('nothing read: said, with readStatsDump and explainIce named; not when a dump or log holds candidates', () => {
    for (const name of ['twilio-voice.js__chrome2020_rtcstatsreport-with-transport.json', 'rtc-io-rtc-health__firefox36_getstats.json']) {
      const r = readInput(dumpText(name));
      expect([r.descriptions.length, r.candidates.length]).toEqual([0, 0]);
      expect(r.problems).toEqual([expect.objectContaining({ kind: 'getstats-results', severity: 'info', line: null, message: expect.stringContaining('which readStatsDump and explainIce read (sdpscope ice)') })]);
    }
    const withCandidate = readInput(`${dumpText('twilio-voice.js__chrome2020_rtcstatsreport-with-transport.json')}\ncandidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n`);
    expect(withCandidate.problems.filter((p) => p.kind === 'getstats-results')).toEqual([]);
  });
});

describe('chrome://webrtc-internals dumps', () => {
  const dump = corpusFile('dumps/local__chromium156_webrtc_internals_audio_video_dc.json');
  const r = readInput(dump);

  it('finds each peer connection\'s descriptions with their events', () => {
    expect(r.descriptions.map((d) => [d.source.peerConnection, d.source.event, d.type])).toEqual([
      ['8-1', 'setLocalDescriptionOnSuccess', 'offer'],
      ['8-1', 'setRemoteDescription', 'answer'],
      ['8-2', 'setRemoteDescription', 'offer'],
      ['8-2', 'setLocalDescriptionOnSuccess', 'answer'],
    ]);
    expect(r.descriptions.every((d) => d.source.format === 'webrtc-internals' && typeof d.source.timestamp === 'number')).toBe(true);
  });

  it('finds icecandidate and addIceCandidate events', () => {
    const events = r.candidates.map((c) => `${c.source.peerConnection} ${c.source.event}`);
    expect(events.filter((e) => e === '8-1 onicecandidate')).toHaveLength(3);
    expect(events.filter((e) => e === '8-2 addIceCandidate')).toHaveLength(3);
    expect(r.candidates.every((c) => c.candidate !== null)).toBe(true);
    expect(r.candidates.find((c) => !c.inDescription)!.candidate!.address).toMatch(/\.local$/);
  });

  it('reads the legacy (before JSON values) dump format', () => {
    const legacy = JSON.stringify({
      PeerConnections: {
        '1-1': {
          updateLog: [
            { type: 'createOfferOnSuccess', value: `type: offer, sdp: ${SDP_CRLF}`, time: '10:00:00' },
            { type: 'onIceCandidate', value: 'sdpMid: audio, sdpMLineIndex: 0, candidate: candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host' },
          ],
        },
      },
    });
    const x = readInput(legacy);
    expect(x.descriptions.map((d) => [d.type, d.source.event, d.source.timestamp])).toEqual([['offer', 'createOfferOnSuccess', '10:00:00']]);
    const trickled = x.candidates.filter((c) => !c.inDescription);
    expect(trickled.map((c) => [c.sdpMid, c.sdpMLineIndex, c.source.event])).toEqual([['audio', 0, 'onIceCandidate']]);
  });

  it('reads Chrome\'s legacy candidate values with the url and relayProtocol it adds, and a null sdpMLineIndex (the url was read into the candidate: network-cost "10,")', () => {
    const value = (rest: string) => ({ type: 'icecandidate', value: `sdpMid: 0, sdpMLineIndex: 0, candidate: ${rest}` });
    const legacy = JSON.stringify({
      PeerConnections: {
        '1-1': {
          updateLog: [
            value('candidate:842163049 1 udp 1677729535 203.0.113.7 50000 typ srflx raddr 10.0.0.2 rport 50000 generation 0 ufrag abcd network-id 1 network-cost 10, url: stun:stun.l.google.com:19302'),
            value('candidate:3 1 udp 41885439 198.51.100.9 3478 typ relay raddr 203.0.113.7 rport 50000 generation 0 ufrag abcd network-cost 10, url: turn:turn.example.com:3478?transport=udp, relayProtocol: udp'),
            { type: 'addIceCandidateFailed', value: 'sdpMid: 0, sdpMLineIndex: null, candidate: candidate:9 1 udp 2122260223 10.0.0.9 5000 typ host generation 0 ufrag wxyz' },
          ],
        },
      },
    });
    const x = readInput(legacy);
    expect(x.candidates.map((c) => [c.candidate?.type, c.candidate?.networkCost ?? null, c.sdpMLineIndex, c.source.event, c.explanation?.warnings.length ?? null])).toEqual([
      ['srflx', 10, 0, 'icecandidate', 0],
      ['relay', 10, 0, 'icecandidate', 0],
      ['host', null, null, 'addIceCandidateFailed', 0],
    ]);
    expect(parseLegacyValue('sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:3 1 udp 1 1.2.3.4 1 typ relay, url: turn:t:3478?transport=udp, relayProtocol: tls')).toEqual({
      sdpMid: '0', sdpMLineIndex: 0, candidate: 'candidate:3 1 udp 1 1.2.3.4 1 typ relay', url: 'turn:t:3478?transport=udp', relayProtocol: 'tls',
    });
  });
});

describe('log text', () => {
  it('a log line ending in the type, then the SDP on the next lines (go2rtc\'s "TRC [webrtc] answer"): typed, in both readers; a line between them does not carry it', async () => {
    const sdp = 'v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\na=rtpmap:111 opus/48000/2\n';
    for (const [text, type] of [[`19:06:44.276 TRC [webrtc] answer\n${sdp}`, 'answer'], [`12:00:18.496 TRC [webrtc] offer:\n${sdp}`, 'offer'], [`19:06:44 TRC [webrtc] answer\nother line\n${sdp}`, null]] as const) {
      expect(readInput(text).descriptions.map((d) => d.type)).toEqual([type]);
      expect((await streamed(text)).descriptions.map((d) => d.type)).toEqual([type]);
    }
  });

  it('SDK logs of the real-log audit: a Swift method name is no candidate, an address redacted as <external-ip> is read, a key names the type', () => {
    expect(readInput('SignalClient.sendCandidate(candidate:target:) target: subscriber\nx (candidate:) y\n').candidates).toEqual([]);
    const go2rtc = readInput('17:20:28.175 TRC [webrtc] remote candidate="candidate:5 1 UDP 1686052863 <external-ip> 46258 typ srflx raddr 192.168.1.2 rport 46258"\n').candidates;
    expect(go2rtc.map((c) => [c.candidate?.address, c.candidate?.port, c.candidate?.type])).toEqual([['<external-ip>', 46258, 'srflx']]);
    // Two words in it too (session audit: the line had been cut at "<", "connection address is missing").
    expect(readInput('a=candidate:1 1 udp 2122260223 <IP address> 54321 typ host generation 0\n').candidates.map((c) => [c.candidate?.address, c.candidate?.port])).toEqual([['<IP address>', 54321]]);
    // A "<" that opens no placeholder still ends a candidate (HTML, XML).
    expect(readInput('<td>candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host</td>\n').candidates.map((c) => c.candidate?.type)).toEqual(['host']);
    const chime = `{"sdpOffer":"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\n"}`;
    expect(readInput(`x ${chime} y`).descriptions.map((d) => d.type)).toEqual(['offer']);
  });

  it('several frames on a line, as the audit of the change wrote them: a member object between the type and the SDP, a nested payload, MySQL\'s \\\' escape in a later row, a candidate before one JSON value', () => {
    const sdp = (id: string) => `"v=0\\r\\no=- ${id} 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\nc=IN IP4 0.0.0.0\\r\\na=mid:0\\r\\na=rtpmap:111 opus/48000/2\\r\\n"`;
    const types = (t: string) => readInput(t).descriptions.map((d) => d.type);
    expect(types(`recv {"type":"offer","from":{"id":"alice"},"sdp":${sdp('1')}} {"type":"answer","from":{"id":"bob"},"sdp":${sdp('2')}}`)).toEqual(['offer', 'answer']);
    expect(types(`recv {"sdp":${sdp('1')},"from":{"id":"alice"},"type":"offer"} {"sdp":${sdp('2')},"to":{"id":"x"},"type":"answer"}`)).toEqual(['offer', 'answer']);
    expect(types(`recv {"type":"offer","payload":{"sdp":${sdp('1')}}} {"type":"answer","payload":{"sdp":${sdp('2')}}}`)).toEqual(['offer', 'answer']);
    const row = (id: string, json: string) => `(${id},'${json.replaceAll('"', '\\"')}')`;
    const dumpLine = `INSERT INTO \`s\` VALUES ${row('1', `{"type":"offer","sdp":${sdp('1')}}`)},${row('2', '{"text":"don\\\'t"}')};`;
    expect(types(dumpLine)).toEqual(['offer']);
    expect(readInput(`send candidate:2 1 udp 2122260223 10.0.0.1 5002 typ host {"sdp":${sdp('1')}}`).candidates.map((c) => c.candidate?.foundation)).toEqual(['2']);
  });

  it('a line of several frames: candidates before, between and after its SDPs are read, and each SDP takes the type of its own object, stated before or after it (SDP audit)', () => {
    const cand = (n: number) => `{"candidate":"candidate:${n} 1 udp 2122260223 10.0.0.${n} 5000 typ host","sdpMid":"0","sdpMLineIndex":0}`;
    const sdp = (id: string) => `"v=0\\r\\no=- ${id} 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\nc=IN IP4 0.0.0.0\\r\\na=mid:0\\r\\na=candidate:9 1 udp 2122260223 10.0.0.9 5000 typ host\\r\\na=rtpmap:111 opus/48000/2\\r\\n"`;
    const line = `12:00:01 send ${cand(1)} {"sdp":${sdp('1')},"type":"offer"} ${cand(2)} {"type":"answer","sdp":${sdp('2')}} ${cand(3)}`;
    const r = readInput(line);
    expect(r.descriptions.map((d) => d.type)).toEqual(['offer', 'answer']);
    // Each SDP's own a=candidate line (9) once, as its description's; the three frames once each.
    expect(r.candidates.map((c) => c.candidate?.foundation)).toEqual(['9', '9', '1', '2', '3']);
    // A type stated after one object is not the next object's: "{…"type":"offer"} {"sdp":…}" leaves the second unknown.
    const two = readInput(`x {"sdp":${sdp('1')},"type":"offer"} {"sdp":${sdp('2')}}`);
    expect(two.descriptions.map((d) => d.type)).toEqual(['offer', null]);
  });

  it('finds candidates after timestamps and prefixes, with line numbers', () => {
    const log = [
      '2026-11-24 06:00:00.001 [pc1] onicecandidate candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0',
      'nothing here',
      'ICE(PC:1): Skipping|candidate:8a40640bad8897189d098d1ad6ba3a3a 1 udp 2130706431 192.168.1.100 47336 typ host)',
      "remote: 'a=candidate:2 1 UDP 1686052607 1.1.1.1 5 typ srflx raddr 10.0.0.1 rport 5000'",
    ].join('\n');
    const c = readCandidates(log);
    expect(c.map((x) => [x.source.line, x.candidate?.foundation])).toEqual([[1, '1'], [3, '8a40640bad8897189d098d1ad6ba3a3a'], [4, '2']]);
  });

  it('ends a candidate at an ideographic space or full-width punctuation, as Chinese logs write them (audit)', () => {
    const log = [
      '收到候选者：candidate:3 1 udp 2122260223 10.0.0.3 5000 typ host（alice）',
      'candidate:4 1 udp 2122260223 10.0.0.4 5000 typ host\u3000下一个',
      '「candidate:5 1 udp 2122260223 10.0.0.5 5000 typ host」。',
      // Curly quotes, full-width ! and ?, the ellipsis and 《》 after a ufrag (audit): the ufrag stays abcd.
      '对方说“candidate:6 1 udp 2122260223 10.0.0.6 5000 typ host ufrag abcd”',
      '‘candidate:7 1 udp 2122260223 10.0.0.7 5000 typ host ufrag abcd’',
      '收到candidate:8 1 udp 2122260223 10.0.0.8 5000 typ host ufrag abcd！',
      '这是candidate:9 1 udp 2122260223 10.0.0.9 5000 typ host ufrag abcd？',
      'candidate:10 1 udp 2122260223 10.0.0.10 5000 typ host ufrag abcd…然后',
      '《candidate:11 1 udp 2122260223 10.0.0.11 5000 typ host ufrag abcd》',
    ].join('\n');
    const c = readCandidates(log);
    const host = (n: number, ufrag = '') => [`candidate:${n} 1 udp 2122260223 10.0.0.${n} 5000 typ host${ufrag}`, 'host', 0, ufrag === '' ? null : 'abcd'];
    expect(c.map((x) => [x.text, x.candidate?.type, x.explanation?.warnings.length, x.candidate?.ufrag])).toEqual([
      host(3),
      host(4),
      host(5),
      ...[6, 7, 8, 9, 10, 11].map((n) => host(n, ' ufrag abcd')),
    ]);
  });

  it('refuses a candidate whose quoted string the line ends before closing (a cut frame), instead of reading its cut last field (audit)', () => {
    const whole = 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0 ufrag abcd';
    const log = [
      `{"type":"candidate","candidate":"${whole.slice(0, 52)}`, // cut inside "typ host": would read as typ "ho"
      `06:00:02 recv {"type":"candidate","candidate":"${whole.slice(0, 73)}`, // cut inside the ufrag: would read as "ab"
      `06:00:03 sent "${whole}`, // a text line whose quote is never closed: refused too
      `{"type":"candidate","candidate":"${whole}","sdpMid":"0","sdpMLi`, // the candidate's string is whole: read
      `{ candidate: '${whole.slice(0, 52)}`, // util.inspect's single quotes, cut
    ].join('\n');
    const c = readCandidates(log);
    expect(c.map((x) => [x.candidate?.ufrag ?? null, x.error?.code ?? null])).toEqual([
      [null, 'CANDIDATE_CUT'],
      [null, 'CANDIDATE_CUT'],
      [null, 'CANDIDATE_CUT'],
      ['abcd', null],
      [null, 'CANDIDATE_CUT'],
    ]);
    expect(c[1]!.error!.message).toContain('cut short');
  });

  it('refuses the last candidate of a JSON-escaped SDP that its log line ends inside (a cut line), and only that one (audit: read as typ "ho")', () => {
    const sdp = ['v=0', 'o=- 1 1 IN IP4 0.0.0.0', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0', 'a=ice-ufrag:abcd', 'a=ice-pwd:0123456789abcdefghijkl', 'a=rtpmap:111 opus/48000/2', 'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', 'a=candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host', ''].join('\r\n');
    const escaped = JSON.stringify(sdp);
    const line = (text: string) => `06:00:01 got remote description ${text}`;
    // Cut inside "typ host" of the last candidate.
    const cut = readCandidates(line(escaped.slice(0, escaped.lastIndexOf('typ host') + 6)));
    expect(cut.map((x) => [x.candidate?.type ?? null, x.error?.code ?? null])).toEqual([
      ['host', null],
      [null, 'CANDIDATE_CUT'],
    ]);
    // Cut right after a line break: every line it has is whole.
    const atBreak = readCandidates(line(escaped.slice(0, escaped.length - 1)));
    expect(atBreak.map((x) => [x.candidate?.type ?? null, x.error?.code ?? null])).toEqual([
      ['host', null],
      ['host', null],
    ]);
    // Closed: read whole.
    expect(readCandidates(line(escaped) + ' ok').map((x) => x.error?.code ?? null)).toEqual([null, null]);
  });

  it("reads an SDP that Node's util.inspect wrote as joined pieces ('v=0\\r\\n' + 'o=…' + …; a mediasoup debug log): its lines and candidates (real-log audit: invalid lines)", () => {
    const sdp = ['v=0', 'o=- 1 1 IN IP4 0.0.0.0', 's=-', 't=0 0', 'm=audio 7 UDP/TLS/RTP/SAVPF 96', 'c=IN IP4 127.0.0.1', 'a=rtpmap:96 opus/48000/2', 'a=mid:0', 'a=rtcp-mux', 'a=ice-ufrag:h3hk1iz6qqlnqlne', 'a=ice-pwd:yku5ej8nvfaor28lvtrabcx0wkrpkztz', `a=fingerprint:sha-256 ${Array(32).fill('AB').join(':')}`, 'a=setup:active', 'a=candidate:udpcandidate 1 udp 1078862079 9.9.9.9 40533 typ host', 'a=end-of-candidates', ''];
    const pieces = sdp.slice(0, -1).map((l) => `'${l}\\r\\n'`).join(' + ');
    const r = readInput(`  mediasoup-client-aiortc:Handler send() | calling handler.setRemoteDescription() [answer:{ type: 'answer', sdp: ${pieces} }] +27ms`);
    expect(r.descriptions.map((d) => [d.text, d.description.diagnostics.filter((x) => x.severity === 'error').length])).toEqual([[sdp.join('\r\n'), 0]]);
    expect(r.candidates.map((c) => [c.candidate?.port ?? null, c.inDescription])).toEqual([[40533, true]]);
  });

  it('takes "candidate:" and a blank in free text for a sentence unless a candidate follows (real-log audit: libdatachannel, Signal, util.inspect each gave errors)', () => {
    const log = [
      '2021-02-25 10:24:11.033 VERB  [4581553] [rtc::Candidate::parse@98] Parsing candidate: 1 1 UDP 2122317823 10.0.0.98 56116 typ host',
      '2021-02-25 10:24:11.033 VERB  [4581553] [rtc::Candidate::resolve@177] Resolved candidate: 10.0.0.98 56116',
      'INFO  Local ICE candidate: opaque=true/141',
      'Failed to add candidate: timeout',
      "{ candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', sdpMid: 'sdparta_0',",
      // Sentences that start like fields (a word, a number, a word) but are no candidate's (audit of the late commits).
      'Failed to add candidate: error 701 STUN binding request timed out',
      'Skipping candidate: attempt 2 of 3 failed',
      // An empty foundation reads as one (a finding of its own), as before.
      'got candidate: 1 udp 2122260223 10.0.0.2 5000 typ host',
      // A bad candidate right after the colon is still an error.
      'got candidate:1 1 udp bad 10.0.0.3 5000 typ host',
      // After the blank too, when its fields start as a candidate's (audit of the change: dropped without a word).
      'Parsing candidate: 3 1 UDP 2122317823 10.0.0.98 99999 typ host',
      'pair candidate: 1 1 udp 2122260223 10.0.0.4 5000 typ host and candidate: 2 1 udp 2122260223 10.0.0.5 5000 typ host',
    ].join('\n');
    const r = readInput(log);
    expect(r.candidates.map((c) => [c.source.line, c.candidate?.foundation ?? null, c.candidate?.address ?? null, c.error?.code ?? null])).toEqual([
      [1, '1', '10.0.0.98', null],
      [5, '1', '10.0.0.1', null],
      [8, '', '10.0.0.2', null],
      [9, null, null, 'CANDIDATE_PRIORITY'],
      [10, null, null, 'CANDIDATE_PORT'],
      [11, '1', '10.0.0.4', null],
      [11, '2', '10.0.0.5', null],
    ]);
    expect(r.problems.map((p) => p.line)).toEqual([9, 10]);
  });

  it("takes a number in brackets before text for a log prefix, not JSON (Janus's handle ids; real-log audit: invalid-json on every line)", () => {
    const r = readInput(['[1981012534] Creating ICE agent (ICE Full mode, controlled)', '[1981012534] Trickle candidate (audio): candidate:3013953624 1 udp 2122260223 192.168.1.100 55449 typ host generation 0', '[1, 2', '[7]'].join('\n'));
    expect(r.candidates.map((c) => c.candidate?.port ?? null)).toEqual([55449]);
    // A cut array is still a problem; a whole one is JSON.
    expect(r.problems.map((p) => [p.kind, p.line])).toEqual([['invalid-json', 3]]);
  });

  it('takes "[-]" and "[+]" before text for a log\'s markers, not JSON; "[-1, 2" is still a cut array (real-log audit of 2026-12-07, UCI_OmletRTC#2)', () => {
    const r = readInput(['[+] sender: chase, message: candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', '[-] handleIceCandidate event.', '[-1, 2', '[-3]'].join('\n'));
    expect(r.candidates.map((c) => c.candidate?.port ?? null)).toEqual([5000]);
    expect(r.problems.map((p) => [p.kind, p.line])).toEqual([['invalid-json', 3]]);
  });

  it('reads a ufrag with an escaped slash in a quoted candidate whole (iOS NSLog of pretty-printed JSON; real-log audit: "CFFG" of "CFFG\\/Fe13BM95qu8")', () => {
    const log = ['{', String.raw`  "candidate" : "candidate:2199149818 1 udp 1685921535 76.14.53.207 48306 typ srflx raddr 10.0.1.178 rport 52168 generation 0 ufrag CFFG\/Fe13BM95qu8",`, '  "type" : "candidate"', '}'].join('\n');
    expect(readCandidates(log).map((c) => [c.candidate?.ufrag ?? null, c.usernameFragment, c.error?.code ?? null])).toEqual([['CFFG/Fe13BM95qu8', 'CFFG/Fe13BM95qu8', null]]);
    // Not quoted: the backslash ends it, as before.
    expect(readCandidates(String.raw`x candidate:1 1 udp 1 1.1.1.1 1 typ host ufrag ab\/cd`).map((c) => c.candidate?.ufrag ?? null)).toEqual(['ab']);
  });

  it("reads Android's IceCandidate.toString() (mid:index:candidate:…:server URL): the mid and index, and not the URL or its colon as the last field's value (real-log audit)", () => {
    const log = [
      'onIceCandidate: audio:0:candidate:1989069592 1 udp 2122260223 192.168.53.59 40190 typ host generation 0 ufrag gENR network-id 3 network-cost 10:',
      'onIceCandidate: audio:0:candidate:559267639 1 udp 2122202367 ::1 47938 typ host generation 0 ufrag gENR network-id 2:',
      'onIceCandidate: video:1:candidate:842163049 1 udp 1686052607 210.22.179.242 2997 typ srflx raddr 192.168.53.59 rport 40190 generation 0 ufrag gENR network-id 3 network-cost 10:stun:108.177.125.127:19302',
      'onIceCandidate: 0:0:candidate:3 1 udp 41885439 203.0.113.9 3478 typ relay raddr 0.0.0.0 rport 0 generation 0 ufrag gENR network-id 1:turn:turn.example.org:3478?transport=udp',
      // Current WebRTC adds the adapter type (IceCandidate.java: mid:index:sdp:serverUrl:adapterType).
      'onIceCandidate: audio:0:candidate:4 1 udp 2122260223 192.168.53.59 40190 typ host generation 0 ufrag gENR network-id 3 network-cost 10::WIFI',
      'onIceCandidate: audio:0:candidate:5 1 udp 1686052607 210.22.179.242 2997 typ srflx raddr 192.168.53.59 rport 40190 generation 0 ufrag gENR network-id 3 network-cost 10:stun:stun.l.google.com:19302:CELLULAR_4G',
    ].join('\n');
    expect(readCandidates(log).map((c) => [c.sdpMid, c.sdpMLineIndex, c.candidate?.networkId ?? null, c.candidate?.networkCost ?? null, c.error?.code ?? null])).toEqual([
      ['audio', 0, '3', 10, null],
      ['audio', 0, '2', null, null],
      ['video', 1, '3', 10, null],
      ['0', 0, '1', null, null],
      ['audio', 0, '3', 10, null],
      ['audio', 0, '3', 10, null],
    ]);
  });

  it('reads a candidate after a line break written as text, with no quote in the line, whole (OpenWebRTC iOS logs; real-log audit: twelve said to be cut)', () => {
    const log = [String.raw`\na=ice-ufrag:y5V5`, String.raw`\na=candidate:1 1 UDP 2013266431 192.168.2.16 59147 typ host`, String.raw`\na=candidate:13 1 UDP 1677722111 70.49.101.197 59147 typ srflx raddr 192.168.2.16 rport 59147`].join('\n');
    expect(readCandidates(log).map((c) => [c.candidate?.type ?? null, c.candidate?.relatedPort ?? null, c.error?.code ?? null])).toEqual([
      ['host', null, null],
      ['srflx', 59147, null],
    ]);
    // In a quoted string, still cut.
    expect(readCandidates(String.raw`got "a=mid:0\r\na=candidate:1 1 UDP 2013266431 192.168.2.16 59147 typ ho`).map((c) => c.error?.code ?? null)).toEqual(['CANDIDATE_CUT']);
  });

  it('refuses a cut candidate wherever the quoted string that holds it starts, and not a whole one (audit: five shapes)', () => {
    const sdpHead = String.raw`v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n`;
    const read = (line: string) => readCandidates(line).map((c) => [c.candidate?.type ?? null, c.error?.code ?? null]);
    // An escaped fragment (no v=0): the candidate after an escaped line break, cut.
    expect(read(String.raw`06:00 frag "a=mid:0\r\na=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\r\na=candidate:2 1 udp 2122260223 10.0.0.2 5000 typ ho`)).toEqual([
      ['host', null],
      [null, 'CANDIDATE_CUT'],
    ]);
    // An SDP escaped twice (a JSON frame logged as a JSON string).
    expect(read('06:00 {"msg":' + JSON.stringify(JSON.stringify({ type: 'offer', sdp: sdpHead.replace(/\\r\\n/g, '\r\n') + 'a=candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host' })).slice(0, -6))).toEqual([[null, 'CANDIDATE_CUT']]);
    // Cut inside an escape: the SDP is still read, and its last candidate refused.
    const inEscape = `06:00 "${sdpHead}a=candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host`;
    for (const tail of ['\\', '\\u', '\\u00']) {
      const r = readInput(inEscape + tail);
      expect(r.descriptions).toHaveLength(1);
      expect(r.candidates.map((c) => c.error?.code ?? null)).toEqual(['CANDIDATE_CUT']);
    }
    // An escaped backslash at the end is whole (not a cut escape); the string is still open, so cut.
    expect(read(`06:00 "${sdpHead}a=candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host\\\\`)).toEqual([[null, 'CANDIDATE_CUT']]);
    // Cut between the CR and the LF: the candidate's line is whole, read as it is (it was refused).
    expect(read(`06:00 "${sdpHead}a=candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host\\r`)).toEqual([['host', null]]);
  });

  it('finds a candidate inside a structured log\'s message, and refuses it when the line is cut inside that message (audit)', () => {
    const msg = (text: string) => JSON.stringify({ level: 'info', msg: text, ts: 1 });
    const cand = 'candidate:842163049 1 udp 1677729535 1.2.3.4 5000 typ srflx raddr 10.0.0.1 rport 5000 generation 0 ufrag abcd';
    const whole = readCandidates([msg(`onicecandidate ${cand}`), msg(`got a=${cand} from peer`)].join('\n'));
    expect(whole.map((c) => [c.candidate?.type, c.candidate?.ufrag, c.source.line, c.source.path])).toEqual([
      ['srflx', 'abcd', 1, '$.msg'],
      ['srflx', 'abcd', 2, '$.msg'],
    ]);
    // A frame logged as a JSON string is walked as the frame (its sdpMid and path), not read as text;
    // a sentence that says "candidate:" is not a candidate.
    const framed = readInput([
      JSON.stringify({ level: 'info', payload: JSON.stringify({ candidate: cand, sdpMid: '0', sdpMLineIndex: 0 }) }),
      JSON.stringify({ level: 'error', msg: 'Failed to add candidate: timeout' }),
      JSON.stringify({ err: { message: 'Failed to add candidate: timeout' } }),
    ].join('\n'));
    expect(framed.candidates.map((c) => [c.source.path, c.sdpMid, c.sdpMLineIndex])).toEqual([['$.payload.candidate', '0', 0]]);
    expect(framed.problems).toEqual([]);
    // Cut inside the message, however much text sits between its quote and the candidate.
    const line = msg(`he said "hi" ${cand}`);
    for (const at of ['ufrag ab', 'typ sr']) {
      expect(readCandidates(line.slice(0, line.indexOf(at) + at.length)).map((c) => c.error?.code ?? null)).toEqual(['CANDIDATE_CUT']);
    }
    // Not in a JSON string: read (an apostrophe, an inch sign, a closed JSON value before it).
    for (const text of [`user's ${cand}`, `size 5" ${cand}`, `{"msg":"done"} then ${cand}`]) expect(readCandidates(text).map((c) => c.error)).toEqual([null]);
    // Escaped twice and cut inside an escape: refused too.
    const twice = JSON.stringify(JSON.stringify({ sdp: `v=0\r\na=${cand}\r\n` }));
    for (const tail of ['\\\\', '\\\\u00']) {
      const cut = '06:00 ' + twice.slice(0, twice.indexOf('abcd') + 4) + tail;
      expect(readCandidates(cut).map((c) => c.error?.code ?? null)).toEqual(['CANDIDATE_CUT']);
    }
  });

  it('ends a candidate in a text line at " (": the log\'s own words after it are not read as extensions (audit: CANDIDATE_EXTENSION)', () => {
    expect(readCandidates('got candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag ab (wifi) done').map((c) => [c.candidate?.type, c.candidate?.ufrag, c.text])).toEqual([
      ['host', 'ab', 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag ab'],
    ]);
  });

  it('reads a structured log\'s message that starts with a candidate as a log line: "typ host (wifi)" was refused, "typ host," read as type "host,"; a frame\'s candidate field is still read whole', () => {
    const got = readCandidates([
      JSON.stringify({ level: 'info', msg: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host (wifi)' }),
      JSON.stringify({ level: 'info', message: 'candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host, mid 0' }),
      JSON.stringify(['candidate', 'candidate:3 1 udp 2122260223 10.0.0.3 5000 typ host generation 0']),
    ].join('\n'));
    expect(got.map((c) => [c.text, c.error, c.source.path])).toEqual([
      ['candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', null, '$.msg'],
      ['candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host', null, '$.message'],
      ['candidate:3 1 udp 2122260223 10.0.0.3 5000 typ host generation 0', null, '$[1]'],
    ]);
    // The candidate field of a frame is the browser's input: whole, as addIceCandidate would take
    // it; Chromium ignores the last word without a value and takes the candidate (measured), so it
    // reads, with the word kept and said.
    const frame = readCandidates(JSON.stringify({ type: 'candidate', candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host (wifi)' }));
    expect(frame.map((c) => [c.error?.code ?? null, c.candidate?.extensions, c.explanation?.warnings.map((w) => w.kind)])).toEqual([[null, [{ name: '(wifi)', value: '' }], ['candidate-extension-value']]]);
  });

  it('ends a candidate in a text line at ", " and "; ": the log\'s list goes on (type "host," was read, and the rest as extensions)', () => {
    const read = (text: string) => readCandidates(text).map((c) => [c.candidate?.type ?? null, c.candidate?.extensions.length ?? null, c.error?.code ?? null]);
    expect(read('got candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host, sdpMid 0, sdpMLineIndex 0')).toEqual([['host', 0, null]]);
    expect(readCandidates('got candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0; mid=0').map((c) => [c.text, c.error])).toEqual([['candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0', null]]);
    // A comma inside a field, not before a blank, is the field's.
    expect(readCandidates('got candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host x-list a,b').map((c) => c.candidate?.extensions)).toEqual([[{ name: 'x-list', value: 'a,b' }]]);
  });

  it('a word of the log after a candidate at the line\'s end is the log\'s, not an extension (audit of the change: "sent" read as an extension with a warning about Chromium)', () => {
    const got = readCandidates(['12:00:01 candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0 sent', '12:00:02 candidate:2 1 udp 1686052607 203.0.113.5 6000 typ srflx raddr 10.0.0.1 rport 5000 OK'].join('\n'));
    expect(got.map((c) => [c.text, c.error, c.explanation?.warnings.map((w) => w.kind)])).toEqual([
      ['candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0', null, []],
      ['candidate:2 1 udp 1686052607 203.0.113.5 6000 typ srflx raddr 10.0.0.1 rport 5000', null, []],
    ]);
  });

  it('reads two candidates in one text line as two: the first ends where the next begins, a word joining them belongs to neither (was one candidate, refused: CANDIDATE_EXTENSION)', () => {
    const a = 'candidate:3 1 udp 1686052607 203.0.113.5 6000 typ srflx raddr 10.0.0.1 rport 5000';
    const b = 'candidate:4 1 udp 2122260223 10.0.0.9 5001 typ host generation 0';
    for (const [line, texts] of [
      [`pair ${a} and ${b}`, [a, b]],
      [`pair ${a}, ${b}`, [a, b]],
      [`pair ${a} a=${b}`, [a, `a=${b}`]],
      [`pair ${a} <-> ${b}`, [a, b]],
      // Arrows, tabs, separators glued to the next candidate, key=value logs, brackets (audit).
      [`pair ${a} -> ${b}`, [a, b]],
      [`pair ${a} => ${b}`, [a, b]],
      [`pair ${a} --> ${b}`, [a, b]],
      [`pair ${a}\tand\t${b}`, [a, b]],
      [`pair ${a}|${b}`, [a, b]],
      [`pair ${a},${b}`, [a, b]],
      [`local=${a} remote=${b}`, [a, b]],
      [`pair [${a}] [${b}]`, [a, b]],
      [`pair {${a}} {${b}}`, [a, b]],
      [`pair ${a}和${b}`, [a, b]],
      [`['${a}', '${b}']`, [a, b]],
      [`${a} candidate:${b}`, [a, b]],
      // Doubled prefixes are one prefix each.
      [`candidate: ${a} candidate: ${b}`, [a, b]],
    ] as const) {
      const got = readCandidates(line);
      expect(got.map((c) => [c.text, c.error])).toEqual(texts.map((t) => [t, null]));
      expect(got.map((c) => c.source.line)).toEqual([1, 1]);
    }
    // A first candidate wrong in itself keeps its own error: only a joining word is dropped.
    expect(readCandidates(`pair candidate:3 1 udp 1686052607 203.0.113.5 6000 typ srflx raddr 10.0.0.1 rport and ${b}`).map((c) => c.error?.code ?? null)).toEqual(['CANDIDATE_RELATED', null]);
  });

  it('reads an SDP escaped twice in a cut line as an SDP: its ufrag and SDP lines kept, its cut candidate refused (audit: read one by one, ufrag lost)', () => {
    const sdp = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', 'a=ice-ufrag:UF', 'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', 'a=candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host', ''].join('\r\n');
    const line = '06:00 {"msg":' + JSON.stringify(JSON.stringify({ type: 'offer', sdp })) + '}';
    const cut = readInput(line.slice(0, line.indexOf('10.0.0.2') + 15));
    expect(cut.descriptions).toHaveLength(1);
    expect(cut.candidates.map((c) => [c.usernameFragment, c.source.line, c.source.sdpLine, c.error?.code ?? null])).toEqual([
      ['UF', 1, 8, null],
      ['UF', 1, 9, 'CANDIDATE_CUT'],
    ]);
  });

  it('reads a candidate string without the line break it ends with, as Chrome does (audit: type "host\\r\\n", ufrag "ab\\r")', () => {
    const frames = ['typ host\r\n', 'typ host ufrag ab\r', 'typ host\n'].map((tail) => JSON.stringify({ type: 'candidate', candidate: `candidate:1 1 udp 2122260223 10.0.0.1 5000 ${tail}` }));
    const c = readCandidates(frames.join('\n'));
    expect(c.map((x) => [x.candidate?.type, x.candidate?.ufrag ?? null, x.error])).toEqual([
      ['host', null, null],
      ['host', 'ab', null],
      ['host', null, null],
    ]);
    // The text is as found; the candidate writes back as itself.
    expect(c[0]!.text.endsWith('host\r\n')).toBe(true);
    // An SDP whose last line is cut between its CR and LF: the candidate's type is "host", not "host\r".
    const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=candidate:2 1 udp 2122260223 10.0.0.2 5002 typ host\r';
    expect(readCandidates(JSON.stringify({ type: 'offer', sdp })).map((x) => x.candidate?.type)).toEqual(['host']);
  });

  it('gives a candidate of an SDP held in one input line that line, and its line in the SDP besides (audit: log line + SDP line, a line the input does not have)', () => {
    const sdp = ['v=0', 'o=- 1 1 IN IP4 0.0.0.0', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0', 'a=ice-ufrag:abcd', 'a=ice-pwd:0123456789abcdefghijkl', 'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', ''].join('\r\n');
    const where = (input: string) => readCandidates(input).map((c) => [c.source.line, c.source.sdpLine, c.source.format]);
    // A JSON frame on line 3, an escaped SDP in a text line, a pretty-printed document, a webrtc-internals dump.
    expect(where(`hello\nworld\n${JSON.stringify({ type: 'offer', sdp })}\n`)).toEqual([[3, 10, 'json']]);
    expect(where(`a\n06:00:01 got remote description ${JSON.stringify(sdp)} ok\n`)).toEqual([[2, 10, 'text']]);
    // An SDP written out over the input's lines: the candidate's own line, no sdpLine.
    expect(where(`06:00:01 offer:\n${sdp.replace(/\r\n/g, '\n')}`)).toEqual([[11, undefined, 'sdp']]);
    // A pretty-printed about:webrtc report: the document's line, and the line in its SDP.
    const report = sample('lab-no-nomination.about_webrtc_report.json');
    const inReport = readCandidates(report).filter((c) => c.source.path?.includes('.sdp'));
    expect(inReport.length).toBeGreaterThan(0);
    for (const c of inReport) {
      expect(c.source.line).toBeLessThanOrEqual(report.split('\n').length);
      expect(c.source.sdpLine).toBeGreaterThan(1);
    }
  });

  it('finds a JSON-escaped SDP string in a log line', () => {
    const escaped = JSON.stringify(SDP_CRLF);
    const [d] = readDescriptions(`06:00:01 got remote description ${escaped} ok`);
    expect(d!.text).toBe(SDP_CRLF);
    // The log line's time comes along (a leading time, as loggers write it).
    expect(d!.source).toEqual({ line: 1, format: 'text', timestamp: '06:00:01' });
  });

  it('finds a JSON object after a log prefix', () => {
    const [d] = readDescriptions(`06:00:01 recv ${JSON.stringify({ type: 'offer', sdp: SDP_LF })}`);
    expect(d!.type).toBe('offer');
  });

  it('reports unparseable candidate text with its code and line', () => {
    const r = readInput('x\ncandidate:1 1 udp 2122260223 10.0.0.1 99999 typ host\n');
    expect(r.candidates.map((c) => [c.candidate, c.error?.code, c.source.line])).toEqual([[null, 'CANDIDATE_PORT', 2]]);
    expect(r.problems.map((p) => [p.kind, 'errorCode' in p ? p.errorCode : null, p.line, p.column])).toEqual([['unparseable-candidate', 'CANDIDATE_PORT', 2, 39]]);
  });

  it('finds nothing in text with no SDP or candidate', () => {
    expect(readInput('hello\nworld\n')).toEqual({ descriptions: [], candidates: [], endOfCandidates: [], problems: [] });
  });
});

describe('JSON values one after the other', () => {
  it('reads two pretty-printed frames pasted together as two values, with no invalid-json', () => {
    const text = `${JSON.stringify(JSON.parse(sample('offer.json')), null, 2)}\n\n${JSON.stringify(JSON.parse(sample('answer.json')), null, 2)}\n`;
    const r = readInput(text);
    // Each at the line of its "sdp" string, not of the value it is in.
    expect(r.descriptions.map((d) => [d.type, d.source.line])).toEqual([['offer', 4], ['answer', 12]]);
    expect(r.problems).toEqual([]);
  });
  it('gives each candidate and description of a JSON document read whole the line its text is on (every one had read "line 1": ICE audit), in both readers; a text written with other escapes keeps its value\'s line', async () => {
    const text = sample('candidates.json');
    const lines = text.split('\n');
    const want = lines.map((l, i) => [l, i + 1] as const).filter(([l]) => l.includes('"candidate:')).map(([, n]) => n);
    expect(want.length).toBeGreaterThan(1);
    for (const r of [readInput(text), await streamed(text)]) expect(r.candidates.map((c) => c.source.line)).toEqual(want);
    // A webrtc-internals dump: its candidates at their updateLog entries' lines.
    const dump = JSON.stringify({ PeerConnections: { '1-1': { updateLog: [{ type: 'icecandidate', value: 'sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host' }, { type: 'icecandidate', value: 'sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host' }] } } }, null, 1);
    expect(readInput(dump).candidates.map((c) => c.source.line)).toEqual([7, 11]);
    // A value repeated in a later entry (the offer of createOfferOnSuccess, then of
    // setLocalDescription; one candidate sent twice) is that entry's, and a description escaped
    // twice (a dump's JSON value) is found too (new-user audit: the first entry's line, or line 1).
    const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\r\n';
    const cand = 'sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host';
    const log = [{ type: 'createOfferOnSuccess', value: JSON.stringify({ type: 'offer', sdp }) }, { type: 'setLocalDescription', value: JSON.stringify({ type: 'offer', sdp }) }, { type: 'icecandidate', value: cand }, { type: 'icecandidate', value: cand }];
    const twice = JSON.stringify({ PeerConnections: { '1-1': { updateLog: log } } }, null, 2);
    const valueLines = twice.split('\n').map((l, i) => [l, i + 1] as const).filter(([l]) => l.includes('"value"')).map(([, n]) => n);
    for (const r of [readInput(twice), await streamed(twice)]) {
      expect(r.descriptions.map((d) => d.source.line)).toEqual(valueLines.slice(0, 2));
      expect(r.candidates.map((c) => c.source.line)).toEqual(valueLines);
    }
  });

  it('falls back to lines when one of them is not JSON', () => {
    const r = readInput('{"a":1}\n{"type":"candidate","candidate":"candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host"\n');
    expect(r.problems.map((p) => p.kind)).toEqual(['invalid-json']);
    expect(r.candidates).toHaveLength(1);
  });
});

describe('numbers JSON cannot hold (issue 13: no Infinity or NaN in any model)', () => {
  const c = 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host';
  it.each([
    `{"time":1e999,"candidate":"${c}","sdpMLineIndex":1e999}`,
    `{"time":-1e999,"frame":{"candidate":"${c}","sdpMLineIndex":1.5,"ts":1e400}}`,
    `{"ts":1e999,"frame":"{\\"timestamp\\":-1e999,\\"candidate\\":\\"${c}\\"}"}`,
  ])('%s: the candidate is found, the overflowing numbers dropped', (text) => {
    const r = readInput(text);
    expect(r.candidates).toHaveLength(1);
    const [found] = r.candidates;
    expect(found!.source.timestamp).toBeUndefined();
    expect(found!.sdpMLineIndex).toBeNull();
    const numbers: number[] = [];
    JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' && numbers.push(v), v));
    expect(numbers.every(Number.isFinite)).toBe(true);
  });
});

describe('candidates in Markdown (candidates audit of 2026-12-05): inline code and table cells end them', () => {
  it('a backquote ends a candidate (its type was "host`"), and so does a table\'s " |"', () => {
    const r = readInput('got `candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host` from peer\n| 1 | candidate:2 1 tcp 1518280447 10.0.0.2 9 typ host tcptype active | ok |\n`candidate:3 1 udp 1686052607 203.0.113.5 40001 typ srflx raddr 10.0.0.1 rport 0`\n');
    expect(r.candidates.map((c) => [c.candidate?.type, c.candidate?.tcpType ?? null, c.error?.code ?? null])).toEqual([
      ['host', null, null],
      ['host', 'active', null],
      ['srflx', null, null],
    ]);
  });
});
