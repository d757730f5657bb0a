/**
 * Real log excerpts (test/fixtures/logs/README.md says where each comes from): what sdpscope reads
 * in each, in the whole-text reader and the stream reader alike. Each was misread before the
 * real-log audit of 2026-12-05 (candidates missed, fields wrong, prose called broken candidates).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInput, scanInput } from '../../src/input/read.js';
import { CandidateAnalyzer } from '../../src/analysis/analyzer.js';
import { scanStream } from '../../src/node/stream.js';
import { sample } from '../support/corpus.js';
import type { InputReport } from '../../src/input/types.js';
import { streamed } from '../support/streamed.js';

const DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/logs');
const log = (name: string) => readFileSync(resolve(DIR, name), 'utf8');

/** What a report says, in a few fields per item. */
const summary = (r: InputReport) => ({
  descriptions: r.descriptions.length,
  candidates: r.candidates.map((c) => (c.candidate ? `${c.candidate.type} ${c.candidate.transport} ${c.candidate.address}:${c.candidate.port}` : `! ${c.error?.code}`)),
  problems: r.problems.map((p) => p.kind),
});

describe('the real candidate lines of test/fixtures/candidates (ORIGINS.md there)', () => {
  const dir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/candidates');
  const files = readdirSync(dir).filter((f) => !f.endsWith('.md'));
  it('every line with a candidate\'s fields is read as one (or refused at that line), in both readers (candidate audit: Android\'s and iOS\'s {"sdp":"candidate:…"} had been "no candidate found")', async () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
    const lost: string[] = [];
    for (const f of files) {
      const text = readFileSync(resolve(dir, f), 'utf8');
      const r = readInput(text);
      const at = new Set([...r.candidates.map((c) => c.source.line), ...r.problems.map((p) => p.line)]);
      text.split('\n').forEach((l, i) => {
        if (/candidate: ?\S+ \d+ \S+ \d+ /i.test(l) && !at.has(i + 1)) lost.push(`${f}:${i + 1}`);
      });
      expect([f, summary(await streamed(text))]).toEqual([f, summary(r)]);
      // Cut into odd chunks too: a line's markers are looked for in the line, across chunk ends.
      expect([f, summary(await streamed(text, 61))]).toEqual([f, summary(r)]);
    }
    expect(lost).toEqual([]);
  });
  it('the Trickle ICE page\'s current table (URL and relayProtocol columns, no component) is read, and its last row ("Done", "Authentication failed?") is the end of gathering, in both readers (sample hunt: NO_SDP_FOUND, and end-of-candidates-missing)', async () => {
    const text = readFileSync(resolve(dir, 'coturn-1520__trickle-ice-page-url-columns-mdns-srflx-private-auth-failed.log'), 'utf8');
    for (const r of [readInput(text), await streamed(text)]) {
      expect(r.candidates.map((c) => [c.candidate?.type, c.candidate?.address, c.candidate?.component, c.candidate?.priority])).toEqual([['host', 'cab4fe35-2ab5-420e-b9ba-55678e71e4a9.local', 1, 126 * 16777216 + 30 * 256 + 255], ['host', '3b198510-1bd4-40cb-835c-5a400503a6a7.local', 1, 126 * 16777216 + 40 * 256 + 255], ['srflx', '192.168.122.1', 1, 100 * 16777216 + 30 * 256 + 255]]);
      expect(r.endOfCandidates.map((e) => e.source.line)).toEqual([5]);
    }
    const quoted = readInput('> 0.066\t\t\t\tDone\n> 0.070 Authentication failed?\n 0.1 Done\n');
    expect(quoted.endOfCandidates.map((e) => e.source.line)).toEqual([1, 2]);
  });
  it('the native SDKs\' IceCandidate as their apps write it: {"sdp":"candidate:…","sdpMid","sdpMLineIndex"}, its mid kept', () => {
    const r = readInput('{"sdp":"candidate:2029434911 1 udp 25108223 10.148.0.2 54932 typ relay raddr 0.0.0.0 rport 0 generation 0 ufrag hCP9 network-id 3 network-cost 10","sdpMLineIndex":0,"sdpMid":"0"}\n');
    expect(r.candidates.map((c) => [c.candidate?.type, c.sdpMid, c.usernameFragment])).toEqual([['relay', '0', 'hCP9']]);
  });
  it('a line cut after its last raddr or rport keeps the word, and the CLI\'s reader says the cut (the change audit: only "has no raddr" had been said)', async () => {
    for (const f of ['aiortc-219__chrome-ios-webkit-host-and-srflx-cut-after-raddr.log', 'ant-media-server-3695__firefox-srflx-redacted-and-truncated-rport.log']) {
      const a = new CandidateAnalyzer();
      await scanStream(Readable.from([readFileSync(resolve(dir, f), 'utf8')]), a);
      expect([f, a.finish().sessions.flatMap((s) => s.diagnostics).some((d) => /^the line ends in "r(?:addr|port)" with no value \(cut there\?\)/.test(d.message))]).toEqual([f, true]);
    }
  });
  it('a browser console\'s source location after a candidate is the console\'s ("… typ host sip.js:19049:9", read as an extension)', () => {
    for (const suffix of ['sip.js:19049:9', 'VM123:45', '(index):80', 'app.bundle.js?v=3:12:5']) {
      const r = readInput(`ICE candidate received: candidate:0 2 UDP 2122121470 10.0.0.1 43854 typ host ${suffix}\n`);
      expect([suffix, r.candidates.map((c) => [c.candidate?.port, c.candidate?.extensions.length])]).toEqual([suffix, [[43854, 0]]]);
    }
  });
});

describe('native app logs with libwebrtc\'s own candidate lines (native-log audit of 2026-12-06 night)', () => {
  const analyzed = (name: string) => {
    const a = new CandidateAnalyzer();
    scanInput(log(name), a);
    return a.finish();
  };
  it('Twilio Android: each masked Cand[…] and Core\'s whole line of it are one candidate, shown whole with the Port\'s mid (audio), said seen again, no redaction left', () => {
    const s = analyzed('voice-quickstart-android-278-masked-cand-then-whole.log').sessions.find((x) => x.session === 'gIs7')!;
    expect(s.candidates.map((c) => [c.candidate.address, c.found.sdpMid])).toEqual([['2405:204:8584:e38d:33e8:90b5:cf4a:9dd2', 'audio'], ['49.34.17.185', 'audio']]);
    expect([s.counts.total, s.duplicates]).toEqual([2, 2]);
    expect(s.diagnostics.map((d) => d.kind)).not.toContain('candidate-redacted-address');
  });
  it('react-native-webrtc on iOS: "addIceCandidate audio:0:candidate:…" is the remote side (the toString prefix had hidden the word)', () => {
    expect(analyzed('react-native-webrtc-35-addicecandidate-tostring.log').sessions.map((x) => x.origin.side ?? null)).toContain('remote');
  });
  it('AppRTC iOS: an unmasked Cand[…] and the app\'s JSON of it are one candidate', () => {
    const r = analyzed('piasy-blog-webrtc-p2p-part2-cand-and-json.log');
    expect(r.totals.distinct).toBeLessThan(r.totals.candidates);
  });
});

describe('real log excerpts', () => {
  it('pion\'s base64 of a description (signal.Encode), inside a Go source line: decoded and read, in both readers (SDK-log audit: NO_SDP_FOUND)', async () => {
    const text = log('pion-signal-base64-offer-go-line.txt');
    const r = readInput(text);
    expect(r.descriptions.map((d) => [d.type, d.description.origin?.sessionId])).toEqual([['offer', '6776263900148508648']]);
    expect(r.candidates.filter((c) => c.candidate !== null)).toHaveLength(3);
    expect(summary(await streamed(text))).toEqual(summary(r));
    // Not every base64 run is one: a token that decodes to no JSON object is left alone.
    expect(readInput(`x eyJ0eXBlIjoiAAAA y\n`).descriptions).toEqual([]);
  });

  it('rsyslog\'s #015#012 line breaks (rtpengine\'s SDP dumps): each SDP line read, at its syslog line; a candidate rtpengine cut with " ..." refused (server-log audit: fields made up across lines, most candidates lost)', async () => {
    const text = log('rtpengine-258-syslog-octal-sdp.log');
    const r = readInput(text);
    expect(summary(r).candidates).toEqual(['relay udp 195.77.235.141:43255', 'srflx udp 62.97.111.241:32923', 'relay udp 195.77.235.141:40810', 'host udp 192.168.112.54:54072', 'host udp 192.168.112.54:54073', '! CANDIDATE_CUT']);
    // Candidates of an SDP within one line are at that line, with their SDP line.
    expect(r.candidates.slice(3).map((c) => [c.source.line, c.source.sdpLine])).toEqual([[2, 8], [2, 9], [2, 10]]);
    expect(r.descriptions.some((x) => x.description.endOfCandidates || x.description.media.some((m) => m.endOfCandidates))).toBe(true);
    expect(summary(await streamed(text))).toEqual(summary(r));
    const dump = log('rtpengine-858-syslog-offer-dump.log');
    const d = readInput(dump);
    expect(d.descriptions.map((x) => x.description.origin?.sessionId)).toEqual(['1752693215349210524']);
    // Two of them cut by rtpengine's " ...": read up to their last whole extension (their eight fields are whole).
    expect(summary(d).candidates.filter((c) => c.startsWith('host')).length).toBe(7);
    expect(d.candidates.map((c) => c.text.slice(-27))).toContain('52352 typ host generation 0');
    // The syslog line's time is its SDP's candidates' (audit of the change: the time column had been lost).
    expect(new Set(d.candidates.map((c) => c.source.timestamp))).toEqual(new Set(['Oct 11 19:35:43']));
    expect(d.candidates.some((c) => c.candidate?.extensions.some((x) => x.value.includes('#0')))).toBe(false);
    expect(summary(await streamed(dump))).toEqual(summary(d));
    // DevTools' "…" at a candidate's end (before a quote, or the line's end) is a cut: its cut token dropped, what is
    // whole read (audit of the change: a whole candidate had been refused, its session lost); cut within its eight
    // fields or its related address, refused. A sentence's "…然后" is no cut.
    const cut = readInput('x "candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag Z3f/ gen…"\ncandidate:2 1 udp 2122260223 10.0.0.2 5000 typ host…然后\nx "candidate:3 1 udp 2122260223 10.0.0.3 50…"\ncandidate:4 1 udp 1686052607 203.0.113.4 5000 typ srflx raddr 10.0.0.4 rpo ...\n');
    expect(summary(cut).candidates).toEqual(['host udp 10.0.0.1:5000', 'host udp 10.0.0.2:5000', '! CANDIDATE_CUT', '! CANDIDATE_CUT']);
    expect(cut.candidates[0]!.candidate!.ufrag).toBe('Z3f/');
    // The token before " ..." may be cut too (rtpengine cuts at a length): dropped, so "rport 5 ..." is no rport 5 (second audit of the change).
    expect(summary(readInput('x candidate:4 1 udp 1686052607 203.0.113.4 5000 typ srflx raddr 10.0.0.4 rport 5 ...\nx candidate:5 1 udp 2122260223 10.0.0.5 5000 typ host ufrag Pvhf ...\n')).candidates).toEqual(['! CANDIDATE_CUT', 'host udp 10.0.0.5:5000']);
    expect(readInput('x candidate:5 1 udp 2122260223 10.0.0.5 5000 typ host ufrag Pvhf ...\n').candidates[0]!.candidate!.ufrag).toBeNull();
  });

  it('a prefixed v=0, then the SDP\'s lines with a blank line between every two (rtpengine\'s dump as posted): one description, its ufrag and mids kept (candidates audit: a "no ufrag" session)', async () => {
    const text = log('rtpengine-105-offer-dump-blank-lines.log');
    const r = readInput(text);
    expect(r.descriptions.map((d) => [d.description.fragment, d.description.media.map((m) => m.mid), d.description.media[0]?.ice.ufrag ?? d.description.iceUfrag])).toEqual([[false, ['sdparta_0'], '0e0296c4']]);
    expect(r.candidates.filter((c) => c.candidate !== null).map((c) => c.usernameFragment)).toEqual(['0e0296c4', '0e0296c4', '0e0296c4', '0e0296c4']);
    expect(summary(await streamed(text))).toEqual(summary(r));
  });

  it('a mysqldump row statement: every frame on its one line, candidates before, between and after the two SDPs, each SDP with its type stated after it (SDP audit: 18 of 22 candidates lost, both types unknown, and a false call-without-candidates)', async () => {
    const text = log('datn-db-mysqldump-call-signals.sql');
    const r = readInput(text);
    expect(r.descriptions.map((d) => d.type)).toEqual(['offer', 'answer']);
    expect(r.candidates).toHaveLength(22);
    expect(r.candidates.filter((c) => c.candidate === null)).toEqual([]);
    expect(new Set(r.candidates.map((c) => c.candidate!.ufrag))).toEqual(new Set(['9Ds4', 'cAI3']));
    expect(summary(await streamed(text))).toEqual(summary(r));
  });

  it.each([
    ['janus-327.log', 0, ['host udp 192.168.1.100:55449']],
    ['libdatachannel-node-datachannel-25.log', 0, ['host udp 10.0.0.98:56116']],
    ['aiortc-repr-516.log', 0, ['host udp 192.168.178.60:48908', 'srflx udp 2.207.115.111:48908']],
    // Rust's Debug of webrtc-rs's RTCIceCandidate, its stats id in quotes no candidate (ICE audit: the srflx lost, a false error).
    ['webrtc-rs-271-debug-rtcicecandidate.log', 0, ['srflx udp 43.155.95.230:58096']],
    ['jitsi-jingle-1319.log', 0, ['host udp 115.29.111.98:10000', 'host udp 10.163.220.11:10000', 'srflx ssltcp 115.29.111.98:4443', 'srflx udp 115.29.111.98:10000']],
  ] as [string, number, string[]][])('%s: its candidates, and no finding', async (name, descriptions, candidates) => {
    const text = log(name);
    const r = readInput(text);
    const s = summary(r);
    expect(s.descriptions).toBe(descriptions);
    // The libdatachannel log holds more candidates than the one checked here: every one must be whole.
    for (const c of candidates) expect(s.candidates).toContain(c);
    expect(s.candidates.filter((c) => c.startsWith('!'))).toEqual([]);
    expect(s.problems).toEqual([]);
    expect(summary(await streamed(text))).toEqual(s);
  });

  it('Jingle XML: a candidate is its <transport ufrag>\'s, in double or single quotes, the last before it on the line (server-log audit: a bridge\'s and a client\'s candidates were one "no ufrag" session)', async () => {
    const cand = (q: string, n: number) => `<candidate component=${q}1${q} foundation=${q}${n}${q} generation=${q}0${q} network=${q}0${q} priority=${q}2130706431${q} protocol=${q}udp${q} type=${q}host${q} ip=${q}10.0.0.${n}${q} port=${q}10000${q}/>`;
    const text = [
      `RECV: <transport xmlns="urn:xmpp:jingle:transports:ice-udp:1" pwd="p1p1p1p1p1p1p1p1p1p1p1" ufrag="21df67e5">${cand('"', 1)}</transport>`,
      `SENT: <transport xmlns='urn:xmpp:jingle:transports:ice-udp:1' pwd='p2' ufrag='2td6f1iovglhb6'><rtcp-mux/>${cand("'", 2)}${cand("'", 3)}</transport><transport ufrag='abcd'>${cand("'", 4)}</transport>`,
    ].join('\n');
    const r = readInput(text);
    expect(r.candidates.map((c) => [c.candidate?.address, c.candidate?.ufrag])).toEqual([['10.0.0.1', '21df67e5'], ['10.0.0.2', '2td6f1iovglhb6'], ['10.0.0.3', '2td6f1iovglhb6'], ['10.0.0.4', 'abcd']]);
    expect(summary(await streamed(text))).toEqual(summary(r));
  });

  it("Firefox's about:webrtc copy (a blank line between lines): one description, its two candidates under its ufrag", async () => {
    const text = log('firefox62-about-webrtc-webrtc-direct-7.log');
    const r = readInput(text);
    expect(r.descriptions).toHaveLength(1);
    const d = r.descriptions[0]!.description;
    expect([d.media.length, d.media[0]!.mid, d.media[0]!.ice.ufrag, d.diagnostics.filter((x) => x.severity === 'error')]).toEqual([1, 'data', 'ada25e7f', []]);
    expect(r.candidates.filter((c) => c.inDescription).map((c) => c.usernameFragment)).toEqual(['ada25e7f', 'ada25e7f']);
    expect(summary(await streamed(text))).toEqual(summary(r));
  });

  it("Android's IceCandidate.toString(): mid and index read, network-id and network-cost whole", async () => {
    const text = log('android-icecandidate-tostring.log');
    const r = readInput(text);
    expect(r.candidates.every((c) => c.candidate !== null && c.sdpMid === 'audio' && c.sdpMLineIndex === 0)).toBe(true);
    expect(r.candidates.map((c) => [c.candidate!.networkId, c.candidate!.networkCost])).toContainEqual(['3', 10]);
    expect(r.candidates.every((c) => !/:/.test(c.candidate!.networkId ?? ''))).toBe(true);
    expect(summary(await streamed(text))).toEqual(summary(r));
  });

  it("Node util.inspect's objects over several lines (Kurento's tutorial server): each candidate with its mid, at its object's first line, in both readers", async () => {
    const text = log('kurento-250-util-inspect.log');
    const r = readInput(text);
    const got = r.candidates.map((c) => [c.source.line, c.sdpMid, c.sdpMLineIndex, c.candidate?.port]);
    expect(got).toEqual([[1, 'sdparta_0', 0, 15161], [6, 'sdparta_0', 0, 15164], [11, 'sdparta_0', 0, 15163], [16, 'sdparta_1', 1, 15165], [21, 'sdparta_1', 1, 15166]]);
    expect(r.problems).toEqual([]);
    const s = await streamed(text);
    expect(s.candidates.map((c) => [c.source.line, c.sdpMid, c.sdpMLineIndex, c.candidate?.port])).toEqual(got);
    // One session (no ufrag in these lines) of the five.
    const a = new CandidateAnalyzer();
    scanInput(text, a);
    expect(a.finish().sessions.map((x) => x.counts.total)).toEqual([5]);
  });

  it("mediasoup's transport parameters as its apps signal them (protoo's createWebRtcTransport response, a prefix before the JSON): its iceCandidates read as the lines they stand for, its iceParameters' ufrag theirs, in both readers (ICE audit: NO_SDP_FOUND)", async () => {
    const ice = (ufrag: string, port: number, extra = '') => `{"response":true,"id":1,"ok":true,"data":{"id":"5a59bce2","iceParameters":{"iceLite":true,"password":"dv4q8212r8rrjugbqs5jlnmfwdc4kr1c","usernameFragment":"${ufrag}"},"iceCandidates":[{"foundation":"udpcandidate","ip":"192.168.1.132","port":${port},"priority":1076302079,"protocol":"udp","type":"host"}${extra}],"dtlsParameters":{"role":"auto"}}}`;
    const text = `up:      {"request":true,"id":1,"method":"createWebRtcTransport","data":{"forceTcp":false}}\ndown: ${ice('8mz1n5s1ujayqd72', 47426)}\ndown: ${ice('pusmcbk96d15wmxw', 41336, ',{"foundation":"tcpcandidate","address":"203.0.113.9","port":44443,"priority":1076276479,"protocol":"tcp","type":"host","tcpType":"passive"}')}\n`;
    const got = [
      [2, 'candidate:udpcandidate 1 udp 1076302079 192.168.1.132 47426 typ host', '8mz1n5s1ujayqd72'],
      [3, 'candidate:udpcandidate 1 udp 1076302079 192.168.1.132 41336 typ host', 'pusmcbk96d15wmxw'],
      [3, 'candidate:tcpcandidate 1 tcp 1076276479 203.0.113.9 44443 typ host tcptype passive', 'pusmcbk96d15wmxw'],
    ];
    const of = (r: { candidates: readonly { source: { line: number }; text: string; usernameFragment?: string | null }[] }) => r.candidates.map((c) => [c.source.line, c.text, c.usernameFragment]);
    expect(of(readInput(text))).toEqual(got);
    expect(of(await streamed(text))).toEqual(got);
    // Its iceParameters say ICE-lite: the session is a lite server's, all its candidates at once, and
    // these private hosts the finding of one without its announced address, in the CLI's reader too
    // (it had been "no srflx", "end-of-candidates missing", and its priorities type-preference mismatches).
    const a = new CandidateAnalyzer();
    await scanStream(Readable.from([Buffer.from(text)]), a);
    const report = a.finish();
    const kinds = report.sessions.map((x) => [x.session, x.diagnostics.map((d) => d.kind)]);
    expect(kinds).toEqual([['8mz1n5s1ujayqd72', ['lite-hosts-not-routable']], ['pusmcbk96d15wmxw', []]]);
    expect(readInput(text).candidates.every((c) => c.iceLite === true)).toBe(true);
  });

  it("a mediasoup or ORTC iceCandidates entry with a field missing or blank (an empty announced address) is a refused candidate naming the field, in both readers, not dropped unsaid (it had been)", async () => {
    const text = 'down: {"iceParameters":{"usernameFragment":"abcd1234"},"iceCandidates":[{"foundation":"udpcandidate","ip":"","port":47426,"priority":1076302079,"protocol":"udp","type":"host"},{"foundation":"t","address":"203.0.113.9","port":44443,"priority":1076276479,"protocol":"tcp","type":"host"},{"foundation":"x","port":1,"priority":1,"protocol":"udp","type":"host"}]}\n';
    const of = (r: { candidates: readonly { text: string; error: { code: string; reason: string } | null }[] }) => r.candidates.map((c) => [c.text.slice(0, 30), c.error?.code ?? null, c.error !== null && /^iceCandidates\[\d\] has (no|an unusable \(""\)) "(ip|address)"/.test(c.error.reason)]);
    const got = [
      ['{"foundation":"udpcandidate","', 'CANDIDATE_ADDRESS', true],
      ['candidate:t 1 tcp 1076276479 2', null, false],
      ['{"foundation":"x","port":1,"pr', 'CANDIDATE_ADDRESS', true],
    ];
    expect(of(readInput(text))).toEqual(got);
    expect(of(await streamed(text))).toEqual(got);
    expect(readInput(text).problems.filter((p) => p.kind === 'unparseable-candidate')).toHaveLength(2);
    // An app's own "iceCandidates" list of what the browser gave it (RTCIceCandidateInit objects,
    // or candidate strings) is read as such, no refused mediasoup entry (audit of the change: a false error each).
    const own = '{"iceCandidates":[{"candidate":"candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host","sdpMid":"0","sdpMLineIndex":0},"candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host"]}\n';
    const mine = (r: { candidates: readonly { text: string; error: unknown; sdpMid: string | null }[] }) => r.candidates.map((c) => [c.text, c.error, c.sdpMid]);
    const want = [['candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', null, '0'], ['candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host', null, null]];
    expect(mine(readInput(own))).toEqual(want);
    expect(mine(await streamed(own))).toEqual(want);
    // An entry of mediasoup's fields without its address or port (none of ip, address, port, foundation) is still refused, naming the field.
    expect(readInput('{"iceCandidates":[{"type":"host","protocol":"udp","priority":1076302079}]}').candidates.map((c) => c.error?.code)).toEqual(['CANDIDATE_FOUNDATION']);
    // A masked ufrag ("***"): no session of its own, so its iceLite marks no one's (the log's browser shares the "no ufrag" session; audit of the change).
    const masked = readInput('{"iceParameters":{"iceLite":true,"usernameFragment":"***"},"iceCandidates":[{"foundation":"u","ip":"10.0.0.5","port":4000,"priority":1076302079,"protocol":"udp","type":"host"}]}');
    expect(masked.candidates.map((c) => c.iceLite ?? false)).toEqual([false]);
    // ORTC's component in upper case (its typings' "RTP") is read too.
    expect(readInput('{"iceCandidates":[{"foundation":"1","component":"RTCP","protocol":"udp","priority":1,"ip":"10.0.0.1","port":5,"type":"host"}]}').candidates.map((c) => c.candidate?.component)).toEqual([2]);
  });

  it("ORTC's RTCIceCandidateDictionary in an iceCandidates list (rawrtc-terminal-demo#12): a srflx's relatedAddress and relatedPort are its base, its component read, in both readers and the CLI's fast path (candidates audit: the base had been lost, a false missing-related-address)", async () => {
    const text = log('rawrtc-terminal-demo-12-ortc-icecandidates.log');
    const r = readInput(text);
    expect(r.candidates.map((c) => c.text)).toContain('candidate:1 1 udp 1686052863 36.251.248.186 51336 typ srflx raddr 192.168.1.111 rport 58084');
    expect(r.candidates.every((c) => c.error === null && c.usernameFragment === '08272e3e')).toBe(true);
    expect(summary(await streamed(text))).toEqual(summary(r));
    const a = new CandidateAnalyzer();
    await scanStream(Readable.from([Buffer.from(text)]), a);
    const report = a.finish();
    expect(report.sessions.map((s) => [s.session, s.counts.total])).toEqual([['08272e3e', 5]]);
    expect(JSON.stringify(report)).not.toContain('candidate-missing-related-address');
    // "rtcp" is component 2; a component of no such kind is refused, naming it.
    const one = (component: string) => readInput(`{"iceCandidates":[{"foundation":"1","component":${component},"protocol":"udp","priority":1,"ip":"10.0.0.1","port":5,"type":"host"}]}`).candidates.map((c) => [c.candidate?.component ?? null, c.error?.code ?? null]);
    expect(one('"rtcp"')).toEqual([[2, null]]);
    expect(one('"video"')).toEqual([[null, 'CANDIDATE_COMPONENT']]);
  });

  it("doubango's `Candidate: <fields>` log lines (doubango#230, iOS) are the candidates they stand for, in both readers and the CLI's fast path; a sentence after the word, or a longer word ending in it, is not (candidates audit: NO_SDP_FOUND)", async () => {
    const text = log('doubango-230-ios-candidate-capital.log');
    const r = readInput(text);
    const got = [[1, 'candidate:mc6HnV1uF 1 udp 2130706431 46.191.76.29 64072 typ host'], [2, 'candidate:mc6HnV1uF 2 udp 2130706430 46.191.76.29 64073 typ host'], [13, 'candidate:GtZTwk5Tm 1 udp 2130706431 46.191.76.29 49610 typ host'], [14, 'candidate:GtZTwk5Tm 2 udp 2130706430 46.191.76.29 49611 typ host']];
    expect(r.candidates.map((c) => [c.source.line, c.text])).toEqual(got);
    expect((await streamed(text)).candidates.map((c) => [c.source.line, c.text])).toEqual(got);
    const a = new CandidateAnalyzer();
    await scanStream(Readable.from([Buffer.from(text)]), a);
    expect(a.finish().totals.candidates).toBe(4);
    expect(readInput('Candidate: none found\nBestCandidate: 1 1 udp 1 10.0.0.1 1 typ host\n').candidates).toEqual([]);
    // "Remote Candidate: …" is the remote side's, as "remote candidate: candidate:…" is (audit of the change).
    const sides = new CandidateAnalyzer();
    scanInput('x Remote Candidate: 4 1 udp 2122260223 10.0.0.9 5000 typ host\n*INFO: Candidate: a 1 udp 2122260223 10.0.0.1 5000 typ host\n', sides);
    expect(sides.finish().sessions.map((x) => x.session)).toEqual(['no ufrag, remote side', 'no ufrag']);
    // "Candidate: candidate:…" is one candidate.
    expect(readInput('x Candidate: candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n').candidates.map((c) => c.text)).toEqual(['candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host']);
  });

  it("werift's Candidate objects in its debug log (werift-webrtc#326): each read as the candidate line it stands for, its empty foundation kept, in both readers", async () => {
    const text = log('werift-326-debug.log');
    const r = readInput(text);
    const got = r.candidates.map((c) => [c.source.line, c.text]);
    expect(got).toEqual([[7, 'candidate: 1 udp 2113932031 142.250.111.127 19305 typ host'], [22, 'candidate: 1 tcp 2113932030 142.250.111.127 19305 typ host tcptype passive'], [35, 'candidate: 1 ssltcp 2113932029 142.250.111.127 443 typ host']]);
    expect((await streamed(text)).candidates.map((c) => [c.source.line, c.text])).toEqual(got);
    // An RTCIceCandidate printed with its fields (Chrome's console) is its candidate string, read once.
    const chrome = "x RTCIceCandidate {candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0, foundation: '1', component: 'rtp', priority: 2122260223, address: '10.0.0.1', protocol: 'udp', port: 5000, type: 'host'}\n";
    expect(readInput(chrome).candidates.map((c) => [c.text, c.sdpMid, c.error])).toEqual([['candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', '0', null]]);
  });

  it("aioice's Candidate(…) repr (candidate.py: the candidate line without its prefix) is that line, in both readers; aiortc's RTCIceCandidate( and other words ending in Candidate( are not", async () => {
    const text = [
      "INFO:aioice.ice:Connection(0) Check CandidatePair(('192.168.1.162', 62304) -> ('81.201.60.130', 46715)) State.FROZEN -> State.IN_PROGRESS",
      'INFO:aioice.ice:Connection(0) Discovered peer reflexive candidate Candidate(Kb3NJ7yZ8Q 1 udp 1845501695 81.201.60.130 46716 typ prflx)',
      'x MyCandidate(1 1 udp 1 10.0.0.1 5 typ host) Candidate(not a candidate)',
    ].join('\n');
    const got = readInput(text).candidates.map((c) => [c.source.line, c.text, c.error]);
    // Its peer-reflexive candidate has no base to print: written as browsers write a hidden one.
    expect(got).toEqual([[2, 'candidate:Kb3NJ7yZ8Q 1 udp 1845501695 81.201.60.130 46716 typ prflx raddr 0.0.0.0 rport 0', null]]);
    expect((await streamed(text)).candidates.map((c) => [c.source.line, c.text, c.error])).toEqual(got);
    // Beside a candidate line, both are read, by the CLI's fast path too (second audit of the change: the repr was lost).
    const both = 'x Candidate(a1 1 udp 2122260223 10.0.0.1 5000 typ host) candidate:b2 1 udp 2122260223 10.0.0.2 6000 typ host';
    const { CandidateAnalyzer } = await import('../../src/analysis/analyzer.js');
    const { scanStream } = await import('../../src/node/stream.js');
    const { Readable } = await import('node:stream');
    const a = new CandidateAnalyzer();
    await scanStream(Readable.from([Buffer.from(both + '\n')]), a);
    expect(a.finish().totals.candidates).toBe(2);
    expect(readInput(both).candidates).toHaveLength(2);
  });

  it("Node util.inspect's joined pieces: the answer whole, its two candidates in it", async () => {
    const text = log('mediasoup-client-aiortc-46-util-inspect.log');
    const r = readInput(text);
    expect(r.descriptions).toHaveLength(1);
    expect(r.descriptions[0]!.description.media[0]!.ice.ufrag).toBe('h3hk1iz6qqlnqlne');
    expect(r.candidates.filter((c) => c.inDescription).map((c) => c.candidate?.address)).toEqual(['9.9.9.9', '9:9:9:9:9:9']);
    expect(summary(await streamed(text))).toEqual(summary(r));
  });

  it('an iOS NSLog of pretty-printed JSON: the ufrag with its escaped slash, whole', async () => {
    const text = log('apprtc-ios-47-nslog.log');
    const r = readInput(text);
    expect(new Set(r.candidates.map((c) => c.candidate?.ufrag))).toEqual(new Set(['CFFG/Fe13BM95qu8']));
    expect(summary(await streamed(text))).toEqual(summary(r));
  });

  it('OpenWebRTC\'s "\\n" before each SDP line: twelve whole candidates, none said to be cut', async () => {
    const text = log('openwebrtc-ios-sdk-51.log');
    const r = readInput(text);
    expect(r.candidates.filter((c) => c.candidate !== null)).toHaveLength(12);
    expect(r.problems).toEqual([]);
    expect(summary(await streamed(text))).toEqual(summary(r));
    // Its lines are one description's, the escape read as the line break it was: the candidates
    // are under its a=ice-ufrag (they had been in a session of no ufrag).
    expect(new Set(r.candidates.map((c) => c.usernameFragment))).toEqual(new Set(['y5V5']));
    expect(r.descriptions).toHaveLength(1);
  });

  it('a whole SDP on one line, its line breaks escaped and no quote around it, is read as the SDP it is', async () => {
    const sdp = 'v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\na=ice-ufrag:abcd\\r\\na=candidate:1 1 UDP 2013266431 192.168.2.16 59147 typ host\\r\\n';
    const text = `${sdp}\nv=0\r\nx=1\r\n`;
    const r = readInput(text);
    expect(r.descriptions).toHaveLength(2);
    expect(r.candidates.map((c) => [c.usernameFragment, c.candidate?.address])).toEqual([['abcd', '192.168.2.16']]);
    expect(summary(await streamed(text))).toEqual(summary(r));
    // Without its last escaped line break, and no quote around it: not "cut inside the quoted string" (audit of the late commits).
    const bare = sdp.replace(/\\r\\n$/, '');
    const b = readInput(`${bare}\n`);
    expect(b.candidates.map((c) => [c.usernameFragment, c.candidate?.address, c.error?.code ?? null])).toEqual([['abcd', '192.168.2.16', null]]);
    expect(summary(await streamed(`${bare}\n`))).toEqual(summary(b));
    // Quoted and cut at the line's end, it still is.
    expect(readInput(`got "${bare}\n`).candidates.map((c) => c.error?.code ?? null)).toEqual(['CANDIDATE_CUT']);
  });

  it("Janus's admin API handle info: its local and remote candidates, listed without their prefix (janus-gateway#257's values)", async () => {
    const info = JSON.stringify({ session_id: 1, handle_id: 2, webrtc: { ice: { 'local-candidates': ['2 1 udp 2013266431 54.152.130.162 10001 typ host\r\n', '9 1 udp 1677721855 54.152.130.162 10001 typ srflx raddr 10.0.1.118 rport 10001\r\n'], 'remote-candidates': ['candidate:1 1 udp 2122260223 192.168.1.2 5000 typ host', 'not one'] } } }, null, 4);
    const r = readInput(info);
    expect(summary(r)).toEqual({ descriptions: 0, candidates: ['host udp 54.152.130.162:10001', 'srflx udp 54.152.130.162:10001', 'host udp 192.168.1.2:5000'], problems: [] });
    expect(r.candidates.map((c) => c.source.path)).toEqual(['$.webrtc.ice["local-candidates"][0]', '$.webrtc.ice["local-candidates"][1]', '$.webrtc.ice["remote-candidates"][0]']);
    expect(summary(await streamed(info))).toEqual(summary(r));
  });
});

describe('Janus admin API handle info (candidates audit of 2026-12-05)', () => {
  it('its local-candidates are its local SDP\'s session, its remote-candidates the remote SDP\'s (both lists were one "no ufrag" session), and the call is predicted', () => {
    const a = new CandidateAnalyzer();
    scanInput(log('janus-admin-handle-info.json'), a);
    const r = a.finish();
    expect(r.sessions.map((s) => s.session).sort()).toEqual(['me4t', 'sbrf']);
    expect(r.calls).toHaveLength(1);
  });
});

describe("Firefox's about:webrtc report (candidates audit of 2026-12-05)", () => {
  it('its rawRemoteCandidates are the remote SDP\'s session (counted twice before: there and in a "no ufrag" session)', () => {
    const a = new CandidateAnalyzer();
    scanInput(sample('lab-no-nomination.about_webrtc_report.json'), a);
    const r = a.finish();
    expect(r.sessions.map((s) => s.session)).not.toContain('no ufrag');
    expect(r.totals).toMatchObject({ candidates: 2, distinct: 1 });
  });
});

/** The analyzer's report of a text, read as `sdpscope candidates` reads it. */
function analyzed(text: string) {
  const a = new CandidateAnalyzer();
  scanInput(text, a);
  return a.finish();
}

describe("Firefox's nICEr log (native-log audit of 2026-12-06)", () => {
  it('a candidate in a pair\'s label (CAND-PAIR, STUN-CLIENT) is the remote one: the remote side, apart from Firefox\'s own', async () => {
    const text = log('firefox-nicer-aiortc-81.log');
    expect(analyzed(text).sessions.map((s) => [s.session, s.counts.total])).toEqual([['no ufrag, remote side', 1]]);
    expect(summary(await streamed(text))).toEqual(summary(readInput(text)));
  });
  it('a TCP pair\'s local label ends in its tcptype (`host(…/TCP) active|candidate:…`): its remote candidate is the remote one too (Kurento/bugtracker#167: it had been this side\'s)', async () => {
    const text = log('firefox-nicer-kurento-167-tcp-active-label.log');
    expect(analyzed(text).sessions.map((s) => [s.session, s.counts.total])).toEqual([['no ufrag, remote side', 2]]);
    expect(summary(await streamed(text))).toEqual(summary(readInput(text)));
  });
  it("a row of about:webrtc's raw candidates table (`host(IP4:…/UDP)<TAB>candidate:…`, a French Firefox 62 copy, aiortc#81) gives its remote candidate the remote side, a call with the local SDP's, in the reference readers and the CLI's fast path (candidates audit: one session)", async () => {
    const text = log('firefox62-about-webrtc-fr-raw-table-aiortc-81.log');
    const sessions = (r: ReturnType<CandidateAnalyzer['finish']>) => [r.sessions.map((s) => [s.session, s.counts.total]), r.calls.length];
    const want = [[['no ufrag, remote side', 1], ['no ufrag', 3]], 1];
    expect(sessions(analyzed(text))).toEqual(want);
    const a = new CandidateAnalyzer();
    await scanStream(Readable.from([Buffer.from(text)]), a);
    expect(sessions(a.finish())).toEqual(want);
    expect(summary(await streamed(text))).toEqual(summary(readInput(text)));
    // A label not alone before the tab is no row of that table.
    expect(analyzed('x host(IP4:10.0.0.1:5000/UDP)\tcandidate:1 1 udp 2122260223 10.0.0.2 6000 typ host\n').sessions.map((s) => s.session)).toEqual(['no ufrag']);
  });
  it('the label\'s closing ")):" is not the ufrag\'s (it had been "8186)):")', async () => {
    const text = log('firefox-nicer-werift-438.log');
    const r = readInput(text);
    expect([...new Set(r.candidates.map((c) => c.candidate?.ufrag))]).toEqual(['8186']);
    expect(summary(await streamed(text))).toEqual(summary(r));
  });
  it('"no such component for candidate candidate:…" is a remote candidate nICEr could not place', () => {
    const a = new CandidateAnalyzer();
    scanInput('ICE(PC:1 (id=2 url=http://x)): peer (PC:1 (id=2 url=http://x):default) no such component for candidate candidate:foundation 2 udp 2130706431 10.0.22.10 64477 typ host generation 0\n', a);
    expect(a.finish().sessions.map((s) => s.session)).toEqual(['no ufrag, remote side']);
  });
  it('a candidate of its dump of a remote component (`…/CAND(MTTH): candidate:…`) is the remote one, in both readers (bigbluebutton#9223: the peer\'s had been this side\'s)', async () => {
    const text = readFileSync(new URL('../fixtures/dumps/bigbluebutton-issue9223__firefox_nicer_log_private_remote.txt', import.meta.url), 'utf8');
    const a = new CandidateAnalyzer();
    scanInput(text, a);
    expect(a.finish().sessions.map((s) => [s.session, s.counts.total])).toEqual([['no ufrag, remote side', 1]]);
    expect(summary(await streamed(text))).toEqual(summary(readInput(text)));
    // Only nICEr's own shape, a component's dump path before it: another log's "CAND(…): " places nothing.
    for (const line of ['12:00:01 CAND(abcd): candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', 'local candidate /CAND(x): candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host']) {
      const other = new CandidateAnalyzer();
      scanInput(line + '\n', other);
      expect(other.finish().sessions.map((s) => s.session)).toEqual(['no ufrag']);
    }
  });
  it('its debug lines that name the peer\'s candidate by its line (parsing a trickled one, pairing with one) are the remote side: one session, no pair of a candidate with itself', async () => {
    const text = [
      '(ice/DEBUG) ICE(PC:1 (id=2 url=http://x)): peer (PC:1 (id=2 url=http://x):default) parsing trickle ICE candidate candidate:0 1 UDP 2122252543 10.1.1.1 40000 typ host',
      '(ice/DEBUG) ICE-PEER(PC:1 (id=2 url=http://x):default)/CAND(MTTH): Pairing with peer candidate candidate:0 1 UDP 2122252543 10.1.1.1 40000 typ host',
      '(ice/INFO) ICE(PC:1 (id=2 url=http://x))/ICE-STREAM(PC:1 transport-id=transport_0 - a:b)/CAND(MTTH): candidate:0 1 UDP 2122252543 10.1.1.1 40000 typ host',
      '',
    ].join('\n');
    const a = new CandidateAnalyzer();
    scanInput(text, a);
    const r = a.finish();
    expect(r.sessions.map((s) => [s.session, s.counts.total, s.duplicates])).toEqual([['no ufrag, remote side', 1, 2]]);
    expect(r.calls).toEqual([]);
    expect(summary(await streamed(text))).toEqual(summary(readInput(text)));
  });
});

describe('the end of gathering as native stacks log it (native-log audit of 2026-12-06: a false end-of-candidates-missing)', () => {
  it.each([
    ['libwebrtc', '[000:379] (p2p_transport_channel.cc:952): P2PTransportChannel: 0, component 1 gathering complete'],
    ['libwebrtc\'s allocator', '(basic_port_allocator.cc:1143): All candidates gathered for 0:1:0'],
    ['libjuice', '2021-02-25 10:24:11.053 INFO  [4581638] [rtc::IceTransport::LogCallback@341] juice: agent.c:2103: Candidate gathering done'],
    ['libdatachannel', '2021-02-25 10:24:11.053 INFO  [4581638] [rtc::PeerConnection::changeGatheringState@1224] Changed gathering state to complete'],
    ['a page', '12:00:01.000 iceGatheringState: complete'],
  ])('%s: an end-of-candidates, in both readers', async (_name, line) => {
    const text = `x candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n${line}\n`;
    const r = readInput(text);
    expect(r.endOfCandidates.map((e) => e.source.line)).toEqual([2]);
    expect((await streamed(text)).endOfCandidates.map((e) => e.source.line)).toEqual([2]);
  });
  it.each([
    '(basic_port_allocator.cc:1069): Port[a8035890:video:1:0:local:Net[enp0s5:192.168.7.x/24:Unknown:id=1]]: Port completed gathering candidates.',
    'WAITING FOR GATHERING COMPLETE',
    'waiting for ICE gathering complete',
    'Timed out waiting for gathering complete, sending offer anyway',
    'Not waiting for ICE gathering complete (trickle)',
    'iceGatheringState: complete? no',
    'gathering complete: false',
    'Candidate gathering done? no, still waiting',
  ])('%j is not the agent\'s end (audit of the change: each had read as the end)', (line) => {
    expect(readInput(`${line}\n`).endOfCandidates).toEqual([]);
  });
});

describe('a CR in caret notation, "^M" at each line\'s end (real-log audit of 2026-12-07: restcomm/media-core#103)', () => {
  const text = log('restcomm-media-core-103-invite-caret-m.txt');
  it('is the line\'s CR: the SDP\'s lines end in CRLF, its values without "^M", its candidate\'s generation a number', async () => {
    const r = readInput(text);
    expect(r.descriptions).toHaveLength(1);
    const d = r.descriptions[0]!;
    expect(d.text).not.toContain('^M');
    expect(d.text.startsWith('v=0\r\no=- 1458220485782 1 IN IP4 127.0.0.1\r\n')).toBe(true);
    expect([d.description.iceLite, d.description.media[0]!.rtcpMux, d.description.media[0]!.ice.ufrag]).toEqual([true, true, '7ia']);
    expect(d.typeFindings.map((f) => f.kind)).toContain('invalid-ice-credentials');
    expect(r.candidates.map((c) => [c.candidate?.ufrag ?? null, c.candidate?.extensions.find((e) => e.name === 'generation')?.value])).toEqual([[null, '0']]);
    expect(summary(await streamed(text))).toEqual(summary(r));
  });
});

describe('"^M" before a real CRLF (a `cat -v` copy saved on Windows; change audit)', () => {
  it('is the CR as well: the lines read whole, no false browser findings', () => {
    const text = log('restcomm-media-core-103-invite-caret-m.txt').replace(/\n/g, '\r\n');
    const d = readInput(text).descriptions[0]!;
    expect(d.text).not.toContain('^M');
    expect([d.description.iceLite, d.description.media[0]!.rtcpMux]).toEqual([true, true]);
  });
});
