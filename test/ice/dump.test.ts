/** Stats dumps read into one model, on real dumps (test/fixtures/dumps/README.md says where each comes from). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventName, peerConnectionFromStats, readStatsDump, splitStatsKey } from '../../src/ice/dump.js';
import { explainIce } from '../../src/ice/explain.js';
import { dumpText } from '../support/dumps.js';

describe('readStatsDump', () => {
  it('webrtc-internals, Chrome 147 (updateLog {type, value, timestamp}, "on" events, quoted states): two peer connections, their stats by id', () => {
    const d = readStatsDump(dumpText('xuyu130-webrtc__webrtc_internals_dump.txt'));
    expect(d.format).toBe('webrtc-internals');
    expect(d.userAgent).toMatch(/Chrome\/147/);
    expect(d.peerConnections.map((p) => p.id)).toEqual(['11-1', '12-2']);
    const pc = d.peerConnections[0]!;
    expect(pc.configuration).toEqual({ iceServers: [{ urls: ['stun:stun.l.google.com:19302'] }] });
    expect(pc.events.find((e) => e.type === 'iceconnectionstatechange')?.value).toBe('checking');
    expect(pc.events.find((e) => e.type === 'icecandidateerror')?.value).toMatchObject({ error_code: 701, url: 'stun:stun.l.google.com:19302' });
    const pair = [...pc.stats.values()].find((h) => h.id === 'CP5yuJnFC6_M/eHUP/Q')!;
    expect(pair.type).toBe('candidate-pair');
    expect(pair.series('state').map((p) => p.value)).toContain('succeeded');
    expect(pair.lastTime).toBeGreaterThan(1.7e12);
    // Only the ICE types are kept.
    expect(new Set([...pc.stats.values()].map((h) => h.type))).toEqual(new Set(['candidate-pair', 'local-candidate', 'remote-candidate', 'transport', 'peer-connection']));
  });

  it('webrtc-internals, Chrome 142 (the {timestamp, time} shape, events without "on")', () => {
    const pc = readStatsDump(dumpText('hush_fm__webrtc_internals_dump.txt')).peerConnections[0]!;
    expect(pc.id).toBe('5-6');
    expect(pc.events.map((e) => e.type)).toEqual(expect.arrayContaining(['signalingstatechange', 'icegatheringstatechange', 'setRemoteDescriptionOnSuccess']));
    expect(pc.events.every((e) => typeof e.time === 'number')).toBe(true);
  });

  it('getStats results as flutter_webrtc writes them (StatsReport.toMap(): id, type, timestamp in µs, the rest under "values"; old react-native-webrtc: a list of one-field objects): read as the reports themselves, said', () => {
    const plain = JSON.parse(dumpText('twilio-voice.js__chrome2020_rtcstatsreport-with-transport.json')) as Record<string, unknown>[];
    const expected = explainIce(readStatsDump(JSON.stringify(plain)).peerConnections[0]!);
    const nest = (list: boolean) => JSON.stringify(plain.map(({ id, type, timestamp, ...values }) => ({ id, type, timestamp: (timestamp as number) * 1000, values: list ? Object.entries(values).map(([k, v]) => ({ [k]: v })) : values })));
    for (const list of [false, true]) {
      const d = readStatsDump(nest(list));
      expect(d.notes).toContain('each report\'s fields are read from its "values" member, as flutter_webrtc\'s StatsReport (and old react-native-webrtc) writes them');
      const r = explainIce(d.peerConnections[0]!);
      // It had been "still checking", its pairs naming candidates "the stats do not hold".
      expect(r.verdict.code).toBe('connected');
      expect(r.verdict.code).toBe(expected.verdict.code);
      expect(r.selectedPair).toEqual(expected.selectedPair);
      expect(r.localCandidates.length).toBe(expected.localCandidates.length);
    }
    // The plain reports get no such note.
    expect(readStatsDump(JSON.stringify(plain)).notes).toEqual([]);
  });

  it('getStats results beside the text "[object RTCStatsReport]" (a report printed as a string, simple-peer#221): read, the text said passed over', () => {
    const plain = dumpText('twilio-voice.js__chrome2020_rtcstatsreport-with-transport.json');
    const d = readStatsDump(`["[object RTCStatsReport]", ${plain}]`);
    expect(d.notes).toEqual(['the text "[object RTCStatsReport]" (a report printed as a string, which shows nothing of it) was passed over']);
    expect(explainIce(d.peerConnections[0]!).verdict.code).toBe('connected');
    // A list of strings alone is no dump.
    expect(() => readStatsDump('["[object RTCStatsReport]"]')).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP' }));
  });

  it('Firefox 36\'s getStats (rtc-io/rtc-health\'s README: candidatepair without byte counts): read; bytes said not counted, not 0', () => {
    const r = explainIce(readStatsDump(dumpText('rtc-io-rtc-health__firefox36_getstats.json')).peerConnections[0]!);
    expect(r.verdict.code).toBe('connected');
    expect(r.pairs.find((p) => p.selected)).toMatchObject({ bytesCountsReported: false, nominated: true, state: 'succeeded' });
    expect(r.verdict.evidence.join('\n')).not.toMatch(/bytes/);
  });

  it('a renegotiation refused after ICE connected (a Chrome 144 dump\'s second answer given a setRemoteDescriptionOnFailure): connected, the refusal said in the verdict and its evidence (renegotiation audit: in the timeline only)', () => {
    const doc = JSON.parse(dumpText('guilospanck-webrtc-stats-analyzer__chrome144_two_rounds_excerpt.json')) as { PeerConnections: Record<string, { updateLog: { type: string; value: string }[] }> };
    const log = doc.PeerConnections['94-1']!.updateLog;
    const last = log.map((e) => e.type).lastIndexOf('setRemoteDescription');
    log.splice(last + 1, 0, { ...log[last]!, type: 'setRemoteDescriptionOnFailure', value: 'OperationError: Failed to set remote answer sdp: The order of m-lines in answer doesn\'t match order in offer. Rejecting answer.' });
    const r = explainIce(readStatsDump(JSON.stringify(doc)).peerConnections[0]!);
    // The same refusal of the first answer, before ICE connected, is no later one.
    const first = structuredClone(doc);
    const firstLog = first.PeerConnections['94-1']!.updateLog;
    const at = firstLog.findIndex((e) => e.type === 'setRemoteDescription');
    firstLog.splice(last + 1, 1);
    firstLog.splice(at + 1, 0, { ...firstLog[at]!, type: 'setRemoteDescriptionOnFailure', value: 'OperationError: refused' });
    expect(explainIce(readStatsDump(JSON.stringify(first)).peerConnections[0]!).verdict.message).not.toMatch(/later description was refused/);
    expect(r.verdict.code).toBe('connected');
    expect(r.verdict.message).toMatch(/, though a later description was refused\.$/);
    expect(r.verdict.evidence).toContainEqual(expect.stringMatching(/^setRemoteDescription failed: OperationError: .*order of m-lines.*: that description was not applied; the call goes on with the ones before it/));
  });

  it('an empty dump has no peer connection', () => {
    expect(readStatsDump(dumpText('cla-check-test__webrtc_internals_dump.txt')).peerConnections).toEqual([]);
  });

  it('rtcstats, the stored form (absolute times, full method names, merged getstats deltas; a report left out is gone)', () => {
    const d = readStatsDump(dumpText('jitsi-rtcstats-server__chrome-standard-pc-failed'));
    expect(d.format).toBe('rtcstats');
    expect(d.peerConnections.map((p) => p.id)).toEqual(['PC_0', 'PC_1', 'PC_2']);
    const pc1 = d.peerConnections[1]!;
    const pairs = [...pc1.stats.values()].filter((h) => h.type === 'candidate-pair');
    expect(pairs.length).toBe(5);
    expect(pairs.every((p) => p.last['responsesReceived'] === 0)).toBe(true);
    expect(pc1.events.find((e) => e.type === 'connectionstatechange' && e.value === 'failed')).toBeDefined();
  });

  it('rtcstats file format 3 from Chromium 156 (numeric deltas of time, quoted states, the url in "create")', () => {
    const d = readStatsDump(dumpText('lab/turn-tcp-only__rtcstats_dump.gz'));
    expect(d.format).toBe('rtcstats');
    const pc = d.peerConnections[0]!;
    expect(pc.url).toMatch(/^http:\/\/203\.0\.113\.1:53378\//);
    expect(pc.events.find((e) => e.type === 'iceconnectionstatechange')?.value).toBe('checking');
    const t = [...pc.stats.values()].find((h) => h.type === 'transport')!;
    expect(typeof t.last['selectedCandidatePairId']).toBe('string');
  });

  it('rtcstats from Firefox through jitsi (Firefox stats: inprogress, selected, no transport)', () => {
    const pc = readStatsDump(dumpText('jitsi-rtcstats-server__firefox-relay')).peerConnections[0]!;
    const pairs = [...pc.stats.values()].filter((h) => h.type === 'candidate-pair');
    expect(pairs.some((p) => p.last['selected'] === true)).toBe(true);
    expect(userAgentOf('jitsi-rtcstats-server__firefox-relay')).toMatch(/Firefox\/118/);
  });

  it('rtcstats-server of 2023 on: a sequence number after the time, connectionInfo as JSON text (the times were the sequence numbers, 1 ms apart, and the browser lost: dumps audit)', () => {
    const d = readStatsDump(dumpText('jitsi-rtcstats-server__firefox117-relay-p2p_excerpt'));
    expect(d.userAgent).toMatch(/Firefox\/117\.0$/);
    const pc = d.peerConnections[0]!;
    expect(pc.url).toMatch(/^https:\/\/localhost:8080\/capitalistguerrillasexertthat\?/);
    const at = (type: string, value: unknown) => pc.events.find((e) => e.type === type && e.value === value)!.time!;
    expect(at('signalingstatechange', 'have-remote-offer')).toBe(1695819648834);
    expect(at('iceconnectionstatechange', 'connected') - at('iceconnectionstatechange', 'checking')).toBe(1695819650513 - 1695819650086);
  });

  it('a gzip-free rtcstats dump without peer connections (getUserMedia only)', () => {
    expect(readStatsDump(dumpText('rtcstats-rtcstats__gumonly.jsonl')).peerConnections).toEqual([]);
  });

  it('Firefox about:webrtc "Copy Report" (the shape of RTCStatsReportInternal): pairs, candidates, sdpHistory, iceRestarts', () => {
    // No real report is public (see the fixtures README); this is the dictionary of dom/webidl/RTCStatsReport.webidl.
    const report = {
      pcid: '1539547106226447 (id=2147494394 url=https://example.org/call)',
      timestamp: 1700000000000,
      iceRestarts: 1,
      closed: false,
      configuration: { iceServers: [{ urls: ['turn:turn.example.org'], credentialProvided: true, userNameProvided: true }], iceTransportPolicy: 'all' },
      sdpHistory: [{ timestamp: 1700000000000, isLocal: true, sdp: 'v=0\r\na=ice-ufrag:abcd\r\n', errors: [] }],
      iceCandidatePairStats: [{ id: 'p1', type: 'candidate-pair', localCandidateId: 'l1', remoteCandidateId: 'r1', state: 'inprogress', nominated: false, selected: false }],
      iceCandidateStats: [{ id: 'l1', type: 'local-candidate', address: '10.0.0.2', port: 5000, protocol: 'udp', candidateType: 'host' }],
    };
    const d = readStatsDump(JSON.stringify(report));
    expect(d.format).toBe('firefox-about-webrtc');
    const pc = d.peerConnections[0]!;
    expect([pc.id, pc.url, pc.iceRestarts]).toEqual(['2147494394', 'https://example.org/call', 1]);
    expect(pc.stats.get('p1')!.last['state']).toBe('inprogress');
    expect(pc.descriptions).toHaveLength(1);
  });

  it('refuses what is not a dump, saying what it expected', () => {
    expect(() => readStatsDump('v=0\r\n')).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringMatching(/neither JSON [\s\S]* nor an rtcstats dump/) }));
    // A log starting with a date is "not JSON", not V8's "… after JSON at position 4" (candidates audit).
    expect(() => readStatsDump('2016-04-12 10:00:00 kms debug {"id":1}\n')).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringContaining('not a stats dump: neither JSON (it does not start as JSON does) nor an rtcstats dump') }));
    // A bracketed time is a log's too (audit of the change); a native libwebrtc log is signaling.
    for (const log of ['[2024-01-01 10:00:00] ICE failed\n', '[000:057] [23834] (basicportallocator.cc:735): Gathered candidate: Cand[:3178462403:1:udp:2122260223:192.168.0.2:35553:local::0:BBY2:x:1:50:0]\n']) {
      expect(() => readStatsDump(log)).toThrow(expect.objectContaining({ message: expect.stringContaining('neither JSON (it does not start as JSON does)') }));
    }
    expect(() => readStatsDump('[000:057] Gathered candidate: Cand[:3178462403:1:udp:2122260223:192.168.0.2:35553:local::0:BBY2:x:1:50:0]\n')).toThrow(expect.objectContaining({ message: expect.stringContaining('it holds signaling (SDPs, candidates)') }));
    expect(() => readStatsDump('{"a": 1} x')).toThrow(expect.objectContaining({ message: expect.stringContaining('neither JSON (its JSON does not parse: Unexpected non-whitespace character after JSON') }));
    expect(() => readStatsDump('{"type":"offer"}')).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringMatching(/chrome:\/\/webrtc-internals dump/) }));
    // Parts of wrong shapes are said (ICE audit: read as "no ICE data" without a word).
    expect(readStatsDump('{"PeerConnections":{"1-1":{"updateLog":"x","stats":5},"1-2":7}}').notes).toEqual(["not read: peer connection 1-1's updateLog is not a list; peer connection 1-1's stats are not an object; peer connection 1-2 is not an object (a dump edited or written by another tool?)"]);
    // rtcstats-server's 2016 client format, with the empty "PeerConnections" its test file carries (ICE audit: "no peer connection in this dump"; then NOT_A_DUMP): its events read, its legacy stats said.
    const old2016 = JSON.stringify({ PeerConnections: {}, peerConnections: { PC_0: [{ time: '2016-01-28T18:24:20.210Z', type: 'create', value: { iceServers: [] } }, { time: '2016-01-28T18:24:20.224Z', type: 'createOffer', value: {} }, { time: '2016-01-28T18:24:21.000Z', type: 'getStats', value: {} }] } });
    const d2016 = readStatsDump(old2016);
    expect([d2016.format, d2016.peerConnections.map((pc) => [pc.id, pc.events.map((e) => [e.type, e.time])])]).toEqual(['rtcstats', [['PC_0', [['create', Date.parse('2016-01-28T18:24:20.210Z')], ['createOffer', Date.parse('2016-01-28T18:24:20.224Z')]]]]]);
    expect(d2016.notes).toEqual([expect.stringMatching(/^an rtcstats-server client record of the 2016 format .*: its events read/), expect.stringMatching(/^its stats are the legacy getStats of Chrome before 80/)]);
    expect(() => readStatsDump(5 as unknown as string)).toThrow(expect.objectContaining({ code: 'NOT_TEXT' }));
    // Firefox's about:webrtc page copied as text (what issues hold): said, with what to take instead (ICE audit: pion#1544).
    const page = 'Session Statistics\n[ 12 | 6442450945 ] https://example.test/ (closed)\nPeerConnection ID: 1605979520897000 (id=6442450945 url=https://example.test/)\nRTCConfiguration\nbundlePolicy: balanced\nICE Stats\n';
    expect(() => readStatsDump(page)).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringMatching(/it is the text of Firefox's about:webrtc page as the page shows it: its "Copy Report" button, where the page has one, gives the report as JSON/) }));
    // In French, and nICEr's log lines are not the page.
    expect(() => readStatsDump('Statistiques de session\nIdentifiant PeerConnection : 1539547106226447 (id=2147494394 url=https://example.test/)\nStatistiques ICE\n')).toThrow(expect.objectContaining({ message: expect.stringMatching(/about:webrtc page/) }));
    expect(() => readStatsDump('ICE(PC:1539547106226447 (id=2147494394 url=https://example.test/)): peer (PC:1539547106226447 (id=2147494394 url=https://example.test/):default) no such component\n')).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/about:webrtc page/) }));
    // Its ICE Stats table copied without the peer connection line above it (janus-gateway#508, Firefox 43).
    // With its ICE Stats table, the page's text is read (ICE audit, ninth session): below.
    // The legacy getStats (react-native-webrtc M57, simple-peer#221): said as that, with or without an id.
    const legacy = dumpText('simple-peer-issue221__chrome57_legacy_getstats.json');
    for (const text of [legacy, legacy.replace('{', '{ "id": "Conn-data-1-0",')]) {
      expect(() => readStatsDump(text)).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringMatching(/^not a stats dump sdpscope reads: these are the legacy getStats\(\) stats of Chrome before 80 .*a "googCandidatePair" report/) }));
    }
    // Native ICE agents' logs: said as such, with what reads what (ICE audit: a bare NOT_A_DUMP each); libwebrtc's repeated 401s to TURN Allocates said as refused credentials.
    for (const [name, said] of [
      ['mixedreality-webrtc-issue598__libwebrtc_native_log.txt', /it is libwebrtc's native log .*: a log, not a stats dump .*; one of its TURN ports had its Allocate answered 401 2 times, and none succeeded in the part read \(its first 2 KiB\): after the server's first challenge, a 401 refuses the credentials/],
      ['twilio-voice-quickstart-android-issue325__libwebrtc_logcat.txt', /it is libwebrtc's native log .*sdpscope candidates reads the candidate lines a log holds, and says what it cannot read$/],
      ['pion-webrtc-issue428__pion_ice_trace_log.txt', /it is pion\/ice's log: a log, not a stats dump/],
      ['janus-gateway-issue3382__libnice_log.txt', /it is libnice's log \(Janus, GStreamer\): a log, not a stats dump/],
      // nICEr (Firefox's ICE engine): the servers nothing came from, and every check failed (failed-ICE audit: a bare NOT_A_DUMP, or "it holds signaling").
      ['greenlight-issue2382__firefox_nicer_log_turn443.txt', /it is nICEr's log \(Firefox's ICE engine.*; candidates of its servers failed to initialize, nothing coming from them: TURN \[HOSTNAME\.DOMAIN\]:443 over TLS \(2 times\), TURN \[HOSTNAME\.DOMAIN\]:443 over TCP \(2 times\), STUN \[HOSTNAME\.DOMAIN\]:3478 over UDP; the server did not answer/],
      ['greenlight-issue2041__firefox_nicer_log.txt', /it is nICEr's log .*failed to initialize, nothing coming from them: TURN turn\.mycompany\.de\.de:443 over TCP;/],
      ['bigbluebutton-issue9223__firefox_nicer_log_private_remote.txt', /it is nICEr's log .*; every connectivity check of a stream failed \(success=0 fail=1\)/],
      // A TURN server's 401s until nICEr gave up: refused credentials, its srflx TURN's too (ICE audit of 2026-12-07: "STUN … did not answer or refused").
      ['node-turn-issue5__firefox_nicer_log_turn401.txt', /it is nICEr's log .*failed to initialize, nothing coming from them: TURN IP4:172\.16\.124\.106:3478 over UDP; its TURN server IP4:172\.16\.124\.106:3478 answered the Allocate 401 until nICEr gave up \("Exceeded the number of retries"\): the credentials were refused/],
      // A newer Firefox's unprefixed lines, "ICE(PC:{uuid} <id> (id=…" (livekit#656: a bare NOT_A_DUMP), its TURN at 0.0.0.0.
      ['livekit-issue656__firefox_nicer_log_turn_tls_0000.txt', /it is nICEr's log .*nothing coming from them: TURN IP4:0\.0\.0\.0:443 over TLS; .*a server's address is IP4:0\.0\.0\.0:443, where no server is/],
      // Chrome's webrtc-internals page, its event log copied as text (coturn#772).
      ['coturn-issue772__chrome90_webrtc_internals_page_text.txt', /it is the text of Chrome's chrome:\/\/webrtc-internals page, its event log as the page shows it: the page's "Create Dump" section/],
      // libwebrtc's unresolved mDNS name of the other side (android-emulator-container-scripts#210).
      ['android-emulator-container-scripts-issue210__libwebrtc_mdns_unresolved.txt', /it is libwebrtc's native log .*; it could not resolve the other side's candidate name \(211c4778-6954-4597-9902-2f48be491241\.local, error -2\): \.local names are mDNS ones, which only a peer on the same link resolves/],
    ] as const) expect(() => readStatsDump(dumpText(name))).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringMatching(said) }));
    // webrtc-rs's and ice4j's logs named too (ICE audit of the eleventh session: bare NOT_A_DUMPs; webrtc-rs#271, jitsi-contrib/jitsi-kubernetes-operator#11).
    expect(() => readStatsDump(readFileSync(new URL('../fixtures/logs/webrtc-rs-271-debug-rtcicecandidate.log', import.meta.url), 'utf8'))).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringMatching(/it is webrtc-rs's log \(its webrtc_ice agent\): a log, not a stats dump/) }));
    const jvb = 'JVB 2022-12-18 14:28:14.292 INFO: [93] [confId=8d73beae83531b0 epId=749fe1f3 local_ufrag=e1e4f1gkiq58jn ufrag=e1e4f1gkiq58jn] ConnectivityCheckClient.processSuccessResponse#658: Pair validated: 203.0.113.5:10000/udp/srflx -> 192.168.1.76:63935/udp/prflx (stream-749fe1f3.RTP).\n';
    expect(() => readStatsDump(jvb)).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringMatching(/it is ice4j's log \(Jitsi Videobridge, Jicofo\): a log, not a stats dump/) }));
    // nICEr's TURN client giving up after a 438 (stale nonce), its 401 the challenge before it: no claim of refused credentials (change audit).
    const stale = dumpText('node-turn-issue5__firefox_nicer_log_turn401.txt').replace(/(STUN-CLIENT\(relay\(IP4:172\.16\.124\.106:(\d+)\/UDP\|IP4:172\.16\.124\.106:3478\/UDP\)::TURN\): Error processing response: Retry may be possible, stun error code 401\.\n)/g, '$1(stun/WARNING) STUN-CLIENT(relay(IP4:172.16.124.106:$2/UDP|IP4:172.16.124.106:3478/UDP)::TURN): Error processing response: Retry may be possible, stun error code 438.\n');
    expect(() => readStatsDump(stale)).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/the credentials were refused/) }));
    // One 401 on each of two TURN ports is each port's challenge: no claim (new-user audit).
    let second = 0;
    const twoPorts = dumpText('mixedreality-webrtc-issue598__libwebrtc_native_log.txt').replace(/Port\[2803a900(:[^\n]*code=401)/g, (m, rest: string) => (second++ === 1 ? `Port[2803c5b0${rest}` : m));
    expect(() => readStatsDump(twoPorts)).toThrow(expect.objectContaining({ message: expect.not.stringMatching(/answered 401/) }));
    // Empty is EMPTY_INPUT, as parseSdp says it (library audit: "it does not start as JSON does").
    for (const empty of ['', ' \n\t', '\ufeff']) expect(() => readStatsDump(empty)).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT', message: 'the dump is empty' }));
  });

  it('splits stats keys whose ids hold "-" (a codec id with its fmtp line) and bracketed properties', () => {
    expect(splitStatsKey('COT01_111_minptime=10;sprop-stereo=1-clockRate')).toEqual(['COT01_111_minptime=10;sprop-stereo=1', 'clockRate']);
    expect(splitStatsKey('IT01V1-[framesReceived-framesDecoded-framesDropped]')).toEqual(['IT01V1', '[framesReceived-framesDecoded-framesDropped]']);
    expect(splitStatsKey('CP5yuJnFC6_M/eHUP/Q-state')).toEqual(['CP5yuJnFC6_M/eHUP/Q', 'state']);
    expect(splitStatsKey('nodash')).toBeNull();
    expect([eventName('oniceconnectionstatechange'), eventName('onnegotiationneeded'), eventName('addIceCandidate')]).toEqual(['iceconnectionstatechange', 'negotiationneeded', 'addIceCandidate']);
    // Chrome 86's camel case (ICE audit): the DOM names; method names stay as they are.
    expect(['onIceCandidate', 'iceConnectionStateChange', 'connectionStateChange', 'signalingStateChange', 'iceGatheringStateChange', 'setLocalDescriptionOnSuccess', 'onion'].map(eventName)).toEqual(['icecandidate', 'iceconnectionstatechange', 'connectionstatechange', 'signalingstatechange', 'icegatheringstatechange', 'setLocalDescriptionOnSuccess', 'ion']);
  });
});

function userAgentOf(name: string): string | null {
  return readStatsDump(dumpText(name)).userAgent;
}

describe('a dump cut short', () => {
  it('is said to be cut, at any point of its JSON; text after whole JSON, or text that is not JSON, is not a dump', () => {
    const whole = JSON.stringify({ PeerConnections: { '1-1': { updateLog: [{ time: '1', type: 'createOffer', value: 'x' }], stats: {} } } }, null, 1);
    for (let n = 2; n < whole.length - 2; n += 7) {
      expect(() => readStatsDump(whole.slice(0, n))).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringContaining(`the dump is cut: its JSON stops in the middle of a value after ${n} characters`) }));
    }
    expect(() => readStatsDump(`${whole} x`)).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringContaining('not a stats dump: neither JSON') }));
    expect(() => readStatsDump('hello')).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringContaining('not a stats dump') }));
  });

  it('an rtcstats dump cut inside its last line is read, and said to be cut; a stray line that is not JSON is counted (both were silent: ICE audit)', () => {
    const text = dumpText('lab/lost-mid-call__rtcstats_dump.gz');
    expect(readStatsDump(text).notes).toEqual([]);
    const lines = text.split('\n').filter((l) => l !== '');
    const cutAt = Math.floor(lines.length / 2);
    const cut = lines.slice(0, cutAt).join('\n') + '\n' + lines[cutAt]!.slice(0, 40);
    const d = readStatsDump(cut);
    expect(d.peerConnections.length).toBe(1);
    expect(d.notes).toEqual([`the dump is cut: its last line (${cutAt + 1}) stops in the middle, as a download cut short leaves it; what is said is of the lines before it, and the call may have gone on`]);
    const stray = [...lines.slice(0, 5), '{not json', ...lines.slice(5)].join('\n') + '\n';
    expect(readStatsDump(stray).notes).toEqual(['1 line(s) that are not JSON were skipped (the first: line 6)']);
  });

  it('a JSON array of candidate lines or of URLs is not an rtcstats dump (it was read as one, with a peer connection named by a candidate)', () => {
    for (const t of ['["candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host","candidate:2 1 udp 1686052607 203.0.113.5 6000 typ srflx","candidate:3 1 udp 41885439 203.0.113.9 7000 typ relay"]', '["stun:a.example","turn:b.example","turns:c.example"]']) {
      expect(() => readStatsDump(t)).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP' }));
    }
  });
});

describe('older Chrome: updateLog times as local clock readings ("12/3/2026, 10:46:37 AM")', () => {
  /**
   * The lab's dump-while-checking dump, its events' times written as an older Chrome did, in
   * `locale` and `zone` (`spell` rewrites what Node's ICU writes as a browser does), the events
   * moved `earlier` ms before the stats (a page opened into the call).
   */
  function legacy(locale: string, zone: string, spell: (s: string) => string = (x) => x, earlier = 0): { text: string; times: number[]; numeric: string } {
    const doc = JSON.parse(dumpText('lab/dump-while-checking__webrtc_internals_dump.gz')) as { PeerConnections: Record<string, { updateLog: { timestamp?: number; time?: string }[] }> };
    const times: number[] = [];
    for (const pc of Object.values(doc.PeerConnections)) for (const e of pc.updateLog) e.timestamp! -= earlier;
    const numeric = JSON.stringify(doc);
    for (const pc of Object.values(doc.PeerConnections)) {
      for (const e of pc.updateLog) {
        times.push(e.timestamp!);
        e.time = spell(new Date(e.timestamp!).toLocaleString(locale, { timeZone: zone }));
        delete e.timestamp;
      }
    }
    return { text: JSON.stringify(doc), times, numeric };
  }
  const saved = process.env['TZ'];
  afterAll(() => {
    if (saved === undefined) delete process.env['TZ'];
    else process.env['TZ'] = saved;
  });

  // A browser writes ko-KR's halves of the day as 오전/오후 before the time (Node's ICU writes AM/PM).
  const korean = (t: string) => t.replace('AM', '오전').replace('PM', '오후');
  it.each([
    ['en-US', 'Asia/Tokyo', undefined],
    ['de-DE', 'America/New_York', undefined],
    ['en-GB', 'Asia/Kathmandu', undefined],
    ['ja-JP', 'UTC', undefined],
    // Audit of the change: a half of the day before the time, and Arabic or Persian digits.
    ['ko-KR', 'Asia/Seoul', korean],
    ['zh-TW', 'Asia/Taipei', undefined],
    ['ar-EG', 'Africa/Cairo', undefined],
    ['fa-IR', 'Asia/Tehran', undefined],
  ] as const)('%s, taken in %s: the same times and verdict whatever the zone of the machine reading it (they moved with TZ, and de-DE\'s day was read as the month)', (locale, zone, spell) => {
    const { text, times } = legacy(locale, zone, spell);
    const verdicts = new Set<string>();
    for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Asia/Kathmandu']) {
      process.env['TZ'] = tz;
      const pc = readStatsDump(text).peerConnections[0]!;
      // Placed on the stats' clock: within the second the local reading keeps.
      pc.events.forEach((e, i) => expect(Math.abs(e.time! - times[i]!)).toBeLessThan(1000));
      verdicts.add(explainIce(pc).verdict.code);
    }
    expect([...verdicts]).toEqual(['still-checking']);
  });

  it.each([8, 12, 14, -5 / 60])('a page opened minutes into the call (stats starting %d minutes after the first event; negative: the first event after the first sample): placed where the numeric times are, not a quarter hour off (audits of the change)', (minutes) => {
    const { text, times, numeric } = legacy('en-US', 'Asia/Tokyo', undefined, minutes * 60_000);
    process.env['TZ'] = 'UTC';
    const pc = readStatsDump(text).peerConnections[0]!;
    pc.events.forEach((e, i) => expect(Math.abs(e.time! - times[i]!)).toBeLessThan(1000));
    expect(explainIce(pc).verdict.code).toBe(explainIce(readStatsDump(numeric).peerConnections[0]!).verdict.code);
  });

  it('without stats, the events keep their order and the durations between them', () => {
    const doc = { PeerConnections: { '1-1': { updateLog: [
      { time: '12/3/2026, 11:59:58 PM', type: 'createOffer', value: '' },
      { time: '12/4/2026, 12:00:03 AM', type: 'iceconnectionstatechange', value: 'checking' },
      { time: '3.12.2026, 00:00:10', type: 'iceconnectionstatechange', value: 'failed' },
    ], stats: {} } } };
    const t = readStatsDump(JSON.stringify(doc)).peerConnections[0]!.events.map((e) => e.time!);
    expect([t[1]! - t[0]!, t[2]! - t[1]!]).toEqual([5000, 7000]);
  });
});

describe('live getStats() results (peerConnectionFromStats; saved as JSON, readStatsDump)', () => {
  // A lab call's own getStats() of each side, at its end: Chromium 156 (a) and Firefox ESR 153 (b), relayed through coturn.
  const call = JSON.parse(readFileSync(resolve(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/lab/chromium-firefox/call.json'), 'utf8')) as { peers: Record<'a' | 'b', { stats: Record<string, unknown>[]; localDescription: { sdp: string }; remoteDescription: { sdp: string } }> };

  it.each(['a', 'b'] as const)('side %s: an RTCStatsReport (a Map), its values, and Object.fromEntries of it give the same report: connected, through the pair the browser selected', (side) => {
    const peer = call.peers[side];
    const asMap = new Map(peer.stats.map((s) => [s['id'] as string, s]));
    // And a maplike with forEach only (what TypeScript's DOM lib declares of an RTCStatsReport).
    const forEachOnly = { forEach: (cb: (v: unknown, k: string, p: unknown) => void) => asMap.forEach((v, k) => cb(v, k, asMap)) };
    const reports = [asMap, peer.stats, Object.fromEntries(asMap), forEachOnly].map((snapshot) => explainIce(peerConnectionFromStats([snapshot], { localSdp: peer.localDescription.sdp, remoteSdp: peer.remoteDescription.sdp })));
    expect(reports[0]!.verdict.code).toBe('connected');
    expect(reports[1]).toEqual(reports[0]);
    expect(reports[2]).toEqual(reports[0]);
    expect(reports[3]).toEqual(reports[0]);
    // Only the ICE objects are kept (no codec, rtp, certificate).
    expect(new Set([...peerConnectionFromStats([peer.stats]).stats.values()].map((h) => h.type))).toEqual(new Set(['candidate-pair', 'local-candidate', 'remote-candidate', 'transport', 'peer-connection'].filter((t) => peer.stats.some((s) => s['type'] === t))));
  });

  it('saved as JSON, one snapshot or a list of them, is a dump of format getstats (sdpscope ice reads it)', () => {
    const stats = call.peers.a.stats;
    const one = readStatsDump(JSON.stringify(stats));
    expect([one.format, one.peerConnections.length, explainIce(one.peerConnections[0]!).verdict.code]).toEqual(['getstats', 1, 'connected']);
    expect(readStatsDump(JSON.stringify([stats, stats])).format).toBe('getstats');
    expect(readStatsDump(JSON.stringify(Object.fromEntries(stats.map((s) => [s['id'], s])))).format).toBe('getstats');
    // Stats with no ICE object, or objects that are not RTCStats, are not a dump.
    expect(() => readStatsDump(JSON.stringify(stats.filter((s) => s['type'] === 'codec')))).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP' }));
    expect(() => readStatsDump(JSON.stringify([{ id: 'x', type: 'candidate-pair' }]))).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP' }));
  });

  it('results that share no ICE stats id with the one before (two peer connections\' results in a list, or an ICE restart): read as one over time, the break said (ICE audit: merged unsaid; audit of the change: a split by ids cut a Firefox restart in two)', () => {
    const both = readStatsDump(JSON.stringify([call.peers.a.stats, call.peers.b.stats]));
    expect(both.peerConnections.length).toBe(1);
    expect(both.notes).toContain('result 2 of the list shares no ICE stats id (candidate, pair, transport) with the one before: another peer connection\'s results, or an ICE restart; read as one peer connection over time (give each peer connection\'s results in a list of its own)');
    const overTime = readStatsDump(JSON.stringify([call.peers.a.stats, call.peers.a.stats]));
    expect([overTime.peerConnections.length, overTime.notes]).toEqual([1, []]);
  });

  it('a result as [id, stats] entries (JSON of [...report]) is read as one, said (ICE audit: NOT_A_DUMP)', () => {
    const stats = call.peers.a.stats;
    const entries = readStatsDump(JSON.stringify(stats.map((x) => [x['id'], x])));
    expect(entries.notes).toContain('a list of [id, stats] pairs (JSON of [...report], an RTCStatsReport spread into its entries): read as one getStats() result');
    expect(explainIce(entries.peerConnections[0]!)).toEqual(explainIce(readStatsDump(JSON.stringify(stats)).peerConnections[0]!));
  });

  it('an RTCStatsReport given to explainIce or readStatsDump says what to call (library audit), a maplike one too (a browser\'s is no Map subclass)', () => {
    const map = new Map(call.peers.a.stats.map((s) => [s['id'] as string, s]));
    const maplike = { get: (k: string) => map.get(k), values: () => map.values(), size: map.size };
    for (const report of [map, maplike]) {
    expect(() => explainIce(report as never)).toThrow(/peerConnectionFromStats/);
    expect(() => readStatsDump(report as never)).toThrow(expect.objectContaining({ code: 'NOT_TEXT', message: expect.stringContaining('peerConnectionFromStats([report])') }));
    }
  });

  it('refuses what is not a list of getStats() results', () => {
    expect(() => peerConnectionFromStats(new Map() as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => peerConnectionFromStats([42 as never])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => peerConnectionFromStats([[]], { localSdp: 7 as never })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('refuses snapshots that are no whole getStats() result, rather than say "ICE had not started" of nothing (library audit)', () => {
    const refused = (snapshots: unknown[], message: RegExp) => expect(() => peerConnectionFromStats(snapshots as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) }));
    refused([], /no snapshot/);
    refused([new Map()], /hold no RTCStats object/);
    refused([new Map([['x', { foo: 1 }]])], /hold no RTCStats object/);
    refused([['a', 'b']], /hold no RTCStats object/);
    // Filtered to media while media flowed: no peer-connection, no ICE object.
    refused([new Map([['o', { id: 'o', type: 'outbound-rtp', timestamp: 1, bytesSent: 1000 }]])], /1 RTCStats objects include no peer-connection and no ICE object .*give whole getStats\(\) results/);
    // A fresh connection's report, as both browsers give it (measured: a peer-connection object alone), is one: ICE had not started.
    const fresh = peerConnectionFromStats([new Map([['P', { id: 'P', type: 'peer-connection', timestamp: 1, dataChannelsOpened: 0 }]])]);
    expect(explainIce(fresh).verdict.code).toBe('not-started');
  });
});

describe('getStats() results as apps and exporters save them (ICE audit of 2026-12-07, ninth session)', () => {
  it('grouped by type (webrtc-stats-exporter\'s Chrome 145 result): every group read, not the candidate pairs alone ("0 local, 0 remote, no transport" of a connected call)', () => {
    const d = readStatsDump(dumpText('webrtc-stats-exporter__chrome145_stats_by_type.json'));
    expect(d.notes).toEqual(['the RTCStats objects are grouped by type (a member per type, as exporters and apps save them): read together as one getStats() result']);
    const r = explainIce(d.peerConnections[0]!);
    expect([r.verdict.code, r.localCandidates.length, r.remoteCandidates.length, r.transport?.dtlsState]).toEqual(['connected', 3, 3, 'connected']);
    expect(r.selectedPair?.local?.address).toBe('172.24.64.1');
    // The exporter's record of one result, its groups named its own way and one level down (audio.outbound): read under its "data" member.
    const batch = JSON.parse(dumpText('webrtc-stats-exporter__chrome145_batch.json')) as { items: { data: unknown }[] };
    const item = readStatsDump(JSON.stringify(batch.items[0]));
    expect(item.notes).toEqual(['the RTCStats objects are grouped by type (a member per type, as exporters and apps save them): read together as one getStats() result']);
    expect(explainIce(item.peerConnections[0]!).localCandidates.length).toBe(3);
    // The whole batch (records in a list): where its RTCStats are, said.
    expect(() => readStatsDump(dumpText('webrtc-stats-exporter__chrome145_batch.json'))).toThrow(/it holds RTCStats objects within "items"\."data"\."candidatePair", nested deeper than one getStats\(\) result is looked for/);
  });
  it('booleans written 1 and 0 (react-native-webrtc#1725\'s pair): nominated is nominated', () => {
    const stats = JSON.parse(dumpText('webrtc-stats-exporter__chrome145_stats_by_type.json')) as Record<string, Record<string, unknown>[]>;
    const flat = Object.values(stats).flat().map((x) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v === true ? 1 : v === false ? 0 : v])));
    const r = explainIce(readStatsDump(JSON.stringify(flat)).peerConnections[0]!);
    expect(r.pairs.filter((p) => p.nominated).map((p) => p.id)).toEqual(['CP70BEs/fi_0ExDz0x8']);
  });
  it('the legacy goog stats beside "localcandidate" reports (SimplePeerDemo\'s react-native-webrtc log): said as legacy, not read as a filtered result', () => {
    expect(() => readStatsDump(dumpText('simplepeerdemo__rn_legacy_goog_getstats.json'))).toThrow(/legacy getStats\(\) stats of Chrome before 80/);
  });
  it('a Map as a console prints it (react-native-webrtc#1725; Firefox\'s →, Safari\'s without its size): said so, with what to save', () => {
    expect(() => readStatsDump(dumpText('react-native-webrtc-issue1725__map_print_pair.txt'))).toThrow(/a Map as a console prints it \("id" => \{…\}, or →\), an RTCStatsReport logged with console.log, which is no JSON; save JSON.stringify\(\[\.\.\.report\.values\(\)\]\)/);
    for (const printed of ['Map(2) { "CP1" → { id: "CP1" } }', 'Map {"CP1" => {id: "CP1"}}']) expect(() => readStatsDump(printed)).toThrow(/a Map as a console prints it/);
  });
  it('an object of whole results (before and after, two browsers\') is no grouping by type: not merged into one (audit of the change)', () => {
    const lab = JSON.parse(readFileSync(resolve(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/lab/chromium-firefox/call.json'), 'utf8')) as { peers: Record<'a' | 'b', { stats: unknown[] }> };
    const d = readStatsDump(JSON.stringify({ chromium: lab.peers.a.stats, firefox: lab.peers.b.stats }));
    expect(d.notes.join(' ')).not.toMatch(/grouped by type/);
  });
  it('one Firefox snapshot already checking: how long it had checked is unknown, not "0.0 s after checking began"', () => {
    const report = JSON.parse(readFileSync(resolve(fileURLToPath(new URL('.', import.meta.url)), '../../samples/lab-no-nomination.about_webrtc_report.json'), 'utf8')) as Record<string, unknown>;
    const stats = Object.entries(report).filter(([k, v]) => k.endsWith('Stats') && Array.isArray(v)).flatMap(([, v]) => v as unknown[]);
    const r = explainIce(readStatsDump(JSON.stringify(stats)).peerConnections[0]!);
    // ICE says checking at the end, and one sample cannot tell a call 50 ms in from one that never nominates.
    expect(r.verdict.code).toBe('still-checking');
    expect(r.verdict.evidence[0]).toMatch(/, checking from the first stats sample on: when it began is before them, unknown$/);
  });
});

describe('Firefox\'s about:webrtc page as text, its ICE Stats table read (ICE audit, ninth session: only "use Copy Report" had been said)', () => {
  it('today\'s page (pion#1544): the pairs, their candidates, the configuration\'s TURN server; every pair failed and no relay though TURN was configured', () => {
    const d = readStatsDump(dumpText('pion-webrtc-issue1544__firefox_about_webrtc_text_excerpt.txt'));
    expect([d.format, d.peerConnections.map((pc) => [pc.id, pc.url])]).toEqual(['firefox-about-webrtc', [['6442450945', 'https://etest4.rs.ge/']]]);
    expect(d.notes[0]).toMatch(/^read from the text of Firefox's about:webrtc page \(its ICE Stats table and RTCConfiguration\), one snapshot/);
    const r = explainIce(d.peerConnections[0]!);
    expect(r.verdict.code).toBe('checks-unanswered');
    expect(r.pairs.map((p) => [p.local?.address, p.remote?.address, p.remote?.type, p.state])).toEqual([['192.168.1.2', '192.168.1.10', 'host', 'failed'], ['192.168.1.2', '46.49.49.107', 'srflx', 'failed']]);
    expect(r.verdict.evidence).toContain('the configuration has TURN (turn:37.46.105.101:3478), yet this side gathered no relay candidate: the TURN server was not reached, or refused the allocation (its credentials)');
  });
  it('rtcstats-server\'s 2016 client record (fippo/rtcstats-server\'s test/clienttest.json, Chrome 48): its events read, the call connected, the legacy stats said (ICE audit: NOT_A_DUMP)', () => {
    const d = readStatsDump(dumpText('fippo-rtcstats-server__chrome48_clienttest_pc0_excerpt.json'));
    const r = explainIce(d.peerConnections[0]!);
    expect([d.format, r.verdict.code, r.localCandidates.length, r.remoteCandidates.length]).toEqual(['rtcstats', 'connected', 10, 2]);
    expect(d.notes[1]).toMatch(/legacy getStats of Chrome before 80/);
  });
  it('Firefox 43\'s page (janus-gateway#508, its columns in another order, "serverreflexive", an address the reporter replaced by words): the pairs it can read', () => {
    const d = readStatsDump(dumpText('janus-gateway-issue508__firefox43_about_webrtc_text.txt'));
    const r = explainIce(d.peerConnections[0]!);
    expect([r.verdict.code, r.pairs.length, r.localCandidates.length]).toEqual(['checks-unanswered', 3, 3]);
  });
  it('Firefox 34\'s ICE statistics table (loowid#7), its addresses masked by the reporter ("172.17.x.x", "10.0.x.x"): the visible octets place them, private, and the verdict is the other side\'s, not this side\'s TURN (ICE audit: relay-unanswered)', () => {
    const d = readStatsDump(dumpText('loowid-issue7__firefox34_about_webrtc_ice_statistics_masked.txt'));
    const r = explainIce(d.peerConnections[0]!);
    expect([r.verdict.code, r.pairs.length]).toEqual(['remote-unreachable', 6]);
    expect(r.remoteCandidates.map((c) => [c.address, c.addressClass])).toEqual([['172.17.x.x', 'private'], ['10.0.x.x', 'private'], ['172.17.42.1', 'private']]);
    // The same table as the issue page renders it, its tabs turned to blanks (one where a tab stop fell next): read the same (ICE audit: NOT_A_DUMP).
    const spaced = readStatsDump(dumpText('loowid-issue7__firefox34_about_webrtc_ice_statistics_masked_spaces.txt'));
    const s = explainIce(spaced.peerConnections[0]!);
    expect([s.verdict.code, s.pairs.map((p) => [p.local?.address, p.remote?.address, p.state])]).toEqual([r.verdict.code, r.pairs.map((p) => [p.local?.address, p.remote?.address, p.state])]);
    expect(spaced.notes.join(' ')).not.toMatch(/passed over/);
    // Two hosts of one LAN, masked alike ("192.168.1.x" both sides): maybe neighbours, so not the other side's
    // network (audit of the change: remote-unreachable); as with the whole addresses, the relay's verdict.
    const lan = (a: string, b: string) => ['ICE statistics', '', '1418576434953000 (id=17 url=https://example.com/): stream1/audio', 'Local candidate\tRemote candidate\tICE State\tPriority\tNominated\tSelected', `${a}:50880/udp(host)\t${b}:56710/udp(host)\tfailed\t9115005270295052000\t`, `75.126.x.x:56493/udp(relayed-udp)\t${b}:56710/udp(host)\tfailed\t423619839899075100\t`, ''].join('\n');
    const pairs: [string, string][] = [['192.168.1.x', '192.168.1.x'], ['192.168.1.10', '192.168.1.x'], ['10.0.x.x', '10.0.x.x'], ['192.168.1.10', '192.168.1.20']];
    for (const [a, b] of pairs) {
      expect([a, b, explainIce(readStatsDump(lan(a, b)).peerConnections[0]!).verdict.code]).toEqual([a, b, 'relay-unanswered']);
    }
    // A masked address still identifies nothing: two masked to one text at two ports are two.
    expect(r.localCandidates.map((c) => `${c.address}:${c.port}`)).toEqual(['5.255.x.x:50880', '75.126.x.x:56493', '75.126.x.x:60430']);
  });
  it('what the page does not show is not made up (audit of the change): no RTCConfiguration, no servers said; a policy is each peer connection\'s own; no Nominated column, no nominated field; a local srflx, never in a pair, not said missing; rows it cannot read counted', () => {
    const f43 = readStatsDump(dumpText('janus-gateway-issue508__firefox43_about_webrtc_text.txt'));
    expect(f43.peerConnections[0]!.configuration).toBeNull();
    expect(f43.notes).toContain('3 rows of the ICE Stats table with a candidate that is no address:port/protocol(type) (an address replaced by words?) passed over');
    const r43 = explainIce(f43.peerConnections[0]!);
    expect(r43.verdict.evidence).toContain('whether this side had a srflx candidate cannot be told: the candidates are known from the pairs, and a srflx is paired through its base');
    expect(r43.verdict.evidence.join(' ')).not.toMatch(/no STUN server is configured/);
    const row = (local: string, remote: string, state: string) => `${state}\tfalse\tfalse\t${local}\t${remote}\t1\t1\t0\t0`;
    const header = 'ICE State\tNominated\tSelected\tLocal Candidate\tRemote Candidate\tComponent ID\tPriority\tBytes sent\tBytes received';
    const two = ['PeerConnection ID: 1605979520897000 (id=1 url=https://a.test/)', 'RTCConfiguration', 'iceTransportPolicy: relay', 'ICE Stats', header, row('203.0.113.9:5000/udp(relay)', '198.51.100.2:6000/udp(host)', 'failed'),
      'PeerConnection ID: 1605979520897001 (id=2 url=https://b.test/)', 'ICE Stats', header, row('10.0.0.1:5000/udp(host)', '10.0.0.2:6000/udp(host)', 'succeeded'), ''].join('\n');
    const pcs = readStatsDump(two).peerConnections;
    expect(pcs.map((pc) => [pc.id, (pc.configuration as { iceTransportPolicy?: string } | null)?.iceTransportPolicy ?? null])).toEqual([['1', 'relay'], ['2', null]]);
    const bare = readStatsDump(['ICE Stats', 'Local Candidate\tRemote Candidate\tICE State', '10.0.0.1:5000/udp(host)\t10.0.0.2:6000/udp(host)\tsucceeded', ''].join('\n'));
    expect(bare.peerConnections[0]!.stats.get('local-candidate 10.0.0.1:5000/udp(host) ↔ remote-candidate 10.0.0.2:6000/udp(host)')!.last['nominated']).toBeUndefined();
    expect(explainIce(bare.peerConnections[0]!).verdict.code).not.toBe('no-nomination');
  });
  it('a succeeded pair beside a failed one, no Nominated or Selected column, no bytes: success-unconfirmed (had been checks-unanswered: "none succeeded"), not a failure', () => {
    const rows = ['PeerConnection ID: 1 (id=6442450945 url=https://example.test/)', 'ICE Stats', 'ICE State\tLocal Candidate\tRemote Candidate\tComponent ID\tPriority\tBytes sent\tBytes received',
      'succeeded\t192.168.1.2:62096/udp(host) [non-proxied]\t192.168.1.10:56148/udp(host)\t1\t9115005270282354000\t0\t0',
      'failed\t192.168.1.2:62096/udp(host) [non-proxied]\t46.49.49.107:56148/udp(srflx)\t1\t7241540810645045000\t0\t0', ''];
    const r = explainIce(readStatsDump(rows.join('\n')).peerConnections[0]!);
    expect([r.verdict.code, r.verdict.message]).toEqual(['success-unconfirmed', 'A candidate pair succeeded (host udp 192.168.1.2:62096 ↔ host udp 192.168.1.10:56148), and the stats say nothing of whether it was then used.']);
    expect(r.verdict.evidence.join(' ')).not.toMatch(/none succeeded/);
    // With a Selected column that says false: the page says no pair was used.
    const selected = rows.map((l, i) => (i === 2 ? l.replace('ICE State\t', 'ICE State\tSelected\t') : i > 2 && l !== '' ? l.replace(/^(\w+)\t/, '$1\tfalse\t') : l));
    expect(explainIce(readStatsDump(selected.join('\n')).peerConnections[0]!).verdict.code).toBe('no-nomination');
    // A pair still in progress beside the failed one: still checking, not "none was answered" (audit of the change).
    const checking = rows.map((l) => l.replace(/^succeeded\t/, 'in-progress\t'));
    expect(explainIce(readStatsDump(checking.join('\n')).peerConnections[0]!).verdict.code).toBe('still-checking');
  });
  it('the page without a table stays NOT_A_DUMP, with what to take instead', () => {
    expect(() => readStatsDump('PeerConnection ID: 1605979520897000 (id=6442450945 url=https://example.test/)\nICE Stats\n')).toThrow(expect.objectContaining({ code: 'NOT_A_DUMP', message: expect.stringMatching(/about:webrtc page/) }));
  });
});
