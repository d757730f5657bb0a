/**
 * Real SDPs and candidate logs pasted in public threads (test/fixtures/threads/ORIGINS.md says
 * where each comes from): read alike by the whole-text reader and the stream reader, and what the
 * real-thread audit of 2026-12-06 found misread in them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readInput, scanInput } from '../../src/input/read.js';
import { CandidateAnalyzer } from '../../src/analysis/analyzer.js';
import type { InputReport } from '../../src/input/types.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { negotiate } from '../../src/negotiation/negotiate.js';
import { sideFindings } from '../../src/negotiation/one-side.js';
import { streamed } from '../support/streamed.js';

const DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../fixtures/threads');
const thread = (name: string) => readFileSync(resolve(DIR, name), 'utf8');
const FILES = readdirSync(DIR).filter((f) => f !== 'ORIGINS.md');

const shape = (r: InputReport) => ({
  descriptions: r.descriptions.map((d) => [d.type, d.source.line, d.description.media.length]),
  candidates: r.candidates.length,
  problems: r.problems.map((p) => p.kind),
});

describe('real threads (test/fixtures/threads)', () => {
  it('has the gathered samples, each with its origin', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(30);
    const origins = thread('ORIGINS.md');
    for (const f of FILES) expect([f, origins.includes(f)]).toEqual([f, true]);
  });

  it.each(FILES)('%s: read alike as a whole text and as a stream, something found', async (f) => {
    const text = thread(f);
    const whole = readInput(text);
    expect(shape(await streamed(text))).toEqual(shape(whole));
    expect(whole.descriptions.length + whole.candidates.length).toBeGreaterThan(0);
  });

  it('an SDP with a thread\'s notes between its lines (webrtc-rs/rtc#20: "! -- 2. RID DEFINITIONS --", blank lines around them): one description, the notes in it as errors (its rid and simulcast lines had been fragments apart)', () => {
    for (const [name, rids, simulcast] of [
      ['webrtc-rs-rtc20_annotated_simulcast_offer.sdp', ['hi', 'mid', 'lo'], 'send'],
      ['webrtc-rs-rtc20_annotated_simulcast_answer.sdp', ['hi', 'mid', 'lo', '1', '2', '3'], 'recv'],
    ] as const) {
      const r = readInput(thread(name));
      expect(r.descriptions).toHaveLength(1);
      const d = r.descriptions[0]!.description;
      expect(d.media[0]!.rids.map((x) => x.id)).toEqual(rids);
      expect(d.media[0]!.simulcast?.[simulcast]).toMatch(/lo;mid;hi/);
      expect(d.media[0]!.extmaps.map((x) => x.id)).toEqual([3, 4]);
      expect(d.diagnostics.filter((x) => x.kind === 'invalid-line').map((x) => x.message)).toEqual(expect.arrayContaining([expect.stringContaining('"..."'), expect.stringContaining('"! -- 2. RID DEFINITIONS')]));
    }
    // A log's own line after blank lines, and an a=candidate line after it: trickled, not the description's.
    const sdp = 'v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\n';
    expect(readInput(`${sdp}\nnoise\na=candidate:1 1 udp 1 1.1.1.1 1 typ host\n`).candidates.filter((c) => !c.inDescription)).toHaveLength(1);
    expect(readInput(`${sdp}note one\nnote two\na=candidate:1 1 udp 1 1.1.1.1 1 typ host\n`).candidates.filter((c) => !c.inDescription)).toHaveLength(1);
    // Nine notes in a row end it (at most eight held).
    expect(readInput(`${sdp}${'! note\n'.repeat(9)}a=sendonly\n`).descriptions).toHaveLength(2);
    expect(readInput(`${sdp}${'! note\n\n'.repeat(8)}a=sendonly\n`).descriptions).toHaveLength(1);
  });

  it('SIP gateways\' answers (SIP audit): RingCentral\'s SBC priorities past 2^31 − 1 said as breaking RFC 8445, both browsers taking them; Janus\' SIP plugin\'s rejected "m=audio 0 … 19" free of errors on its placeholder', () => {
    const rc = readInput(thread('ringcentral-web-phone354_sbc_answer_fragment_priority_over_2e31.txt'));
    const said = rc.descriptions[0]!.description.diagnostics.filter((d) => d.kind === 'type-preference-mismatch').map((d) => d.message);
    expect(said).toEqual([
      'type preference 255 is unusual for host candidates: above 126, the most RFC 8445 §5.1.2.2 allows, and its priority 4294902018 is past 2^31 − 1, §5.1.2.1\'s bound; both browsers take it (measured), and it outranks any candidate they make',
      'type preference 255 is unusual for host candidates: above 126, the most RFC 8445 §5.1.2.2 allows, and its priority 4294902531 is past 2^31 − 1, §5.1.2.1\'s bound; both browsers take it (measured), and it outranks any candidate they make',
    ]);
    const janus = readInput(thread('janus946_sip_plugin_answer_audio_port0_pt19.sdp')).descriptions[0]!.description;
    expect(janus.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('SDPs in documents and comments (SDPs-in-text and WHIP audits): a line folded as an RFC prints it joined and said; v=0 at another indent than the rest; a lone hex line at the indent said broken, the lines after it kept', () => {
    const jsep = readInput(thread('jsep-examples_python_offer_a1_answer_a1_folded.py'));
    expect(jsep.descriptions.map((d) => [d.source.line, d.description.media.map((m) => m.mid)])).toEqual([[2, ['a1', 'v1']], [68, ['a1', 'v1']]]);
    const audio = jsep.descriptions[0]!.description.media[0]!;
    expect(audio.msids).toEqual([{ streamId: '47017fee-b6c1-4162-929c-a25110252400', trackId: 'f83006c5-a0ff-4e0a-9ed9-d3e6747be7d9' }]);
    expect(audio.fingerprints.map((f) => f.value)).toEqual(['19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2']);
    expect(jsep.candidates.filter((c) => c.inDescription).map((c) => c.candidate?.type)).toEqual(['host', 'host', 'host', 'host', 'host']);
    // Nothing but the RFC's own blank line before each m-section is said of the SDPs.
    expect(jsep.descriptions.flatMap((d) => d.description.diagnostics.filter((x) => x.severity === 'error').map((x) => x.kind))).toEqual(['blank-line', 'blank-line']);
    expect(jsep.problems.map((p) => [p.kind, p.severity, p.message.slice(0, 30)])).toEqual([['sdp-lines-unfolded', 'info', 'lines 13, 24, 25, 32, 34, 42, '], ['sdp-lines-unfolded', 'info', 'lines 78, 89, 95, 103, 109, in']]);
    // A stack frame indented deeper after an indented SDP is not a fold of its last line.
    expect(readInput('  v=0\n  o=- 1 1 IN IP4 0.0.0.0\n  s=-\n  t=0 0\n  m=audio 9 RTP/AVP 0\n  a=mid:0\n      at foo (bar.js:1:2)\n').descriptions[0]!.text).toBe('v=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 RTP/AVP 0\na=mid:0\n');
    const msid = readInput(thread('msid-draft17_example_markdown_folded.md'));
    expect(msid.descriptions.map((d) => d.description.media[0]!.msids[0]!.trackId)).toEqual(['f83006c5-a0ff-4e0a-9ed9-d3e6747be7d9', 'b47bdb4a-5db8-49b5-bcdc-e0c9a23172e0', 'b94006c5-cade-4e0a-9ed9-d3e6747be7d9', 'f30bdb4a-1497-49b5-3198-e0c9a23172e0']);
    const coap = readInput(thread('coap-webrtc-draft_offer_v0_at_margin_rest_indented.md')).descriptions;
    expect(coap.map((d) => [d.description.fragment, d.description.origin?.sessionId, d.description.groups.map((g) => g.mids), d.description.media.map((m) => m.mid)])).toEqual([[false, '4962303333179871723', [['a1', 'd1']], ['a1', 'd1']]]);
    expect(coap[0]!.description.diagnostics.filter((x) => x.kind === 'invalid-line' || x.kind === 'missing-line')).toEqual([]);
    for (const [name, lines] of [['libdatachannel-srs-push_comment_offer_folded_fingerprint.txt', 26], ['srs5_comment_answer_folded_fingerprint.txt', 24]] as const) {
      const [d, ...more] = readInput(thread(name)).descriptions;
      expect(more).toEqual([]);
      expect([d!.description.fragment, d!.description.media[0]!.mid, d!.description.media[0]!.rtcpMux, d!.description.diagnostics.map((x) => x.kind)]).toEqual([false, 'video', true, ['ice-options-commas', 'fingerprint-invalid', 'invalid-line'].slice(name.startsWith('srs') ? 1 : 0)]);
      expect(d!.text.split('\n').length).toBeGreaterThanOrEqual(lines);
    }
  });

  it('a frame whose candidate field is the RTCIceCandidateInit as a JSON string (a socket.io event; react-native-webrtc#1604\'s payload): the candidate with its mid (it had been dropped without a word)', () => {
    const [c, ...more] = readInput(thread('aiortc-client_socketio_frame_stringified_candidate.log')).candidates;
    expect(more).toEqual([]);
    expect([c!.candidate?.type, c!.candidate?.address, c!.sdpMid, c!.sdpMLineIndex, c!.usernameFragment]).toEqual(['relay', '95.217.200.121', '0', 0, 'Op7o']);
    const rn = readInput(JSON.stringify({ data: { cmd: 8012, param: { candidate: JSON.stringify({ sdpMLineIndex: 1, candidate: 'candidate:842163049 1 udp 1686052607 113.65.24.173 33648 typ srflx raddr 192.168.0.168 rport 42687 generation 0', sdpMid: '1' }) } } })).candidates;
    expect(rn.map((x) => [x.candidate?.type, x.sdpMid, x.sdpMLineIndex])).toEqual([['srflx', '1', 1]]);
    // The frame's own sdpMid where the string holds none (hostile-input audit: lost).
    expect(readInput(JSON.stringify({ type: 'candidate', sdpMid: '2', sdpMLineIndex: 2, candidate: JSON.stringify({ candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host' }) })).candidates.map((x) => [x.sdpMid, x.sdpMLineIndex])).toEqual([['2', 2]]);
    // The same payload in a console line, its quotes escaped twice: the mid read around it (it had been null).
    const logcat = readInput(thread('react-native-webrtc1604_logcat_ws_payload_escaped_twice.log')).candidates.filter((x) => x.source.line === 6);
    expect(logcat.map((x) => [x.candidate?.type, x.sdpMid, x.sdpMLineIndex])).toEqual([['srflx', '0', 0]]);
  });

  it('iOS\'s RTCIceCandidate description (RTCIceCandidate.mm: "RTCIceCandidate:", the mid, the index, the sdp, each on a line): the candidate with its mid and index, in both readers (they had been null)', async () => {
    const text = thread('webrtc-ios-fork-readme_RTCIceCandidate_description_log.md');
    for (const r of [readInput(text), await streamed(text)]) {
      expect(r.candidates.filter((c) => c.source.line === 16 || c.source.line === 30).map((c) => [c.source.line, c.sdpMid, c.sdpMLineIndex, c.candidate?.address])).toEqual([[16, '0', 0, '192.168.1.100'], [30, '0', 0, '169.254.199.224']]);
    }
    // A mid of its own, a nil one, and the header behind a log prefix.
    const ios = (mid: string) => readInput(`2026-12-07 10:00:00.123 App[1:2] RTCIceCandidate:\n${mid}\n1\ncandidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n`).candidates.map((c) => [c.sdpMid, c.sdpMLineIndex]);
    expect(ios('video')).toEqual([['video', 1]]);
    expect(ios('(null)')).toEqual([[null, 1]]);
  });

  it('SDPs in source code: double-quoted literals joined by "+" (TS, Go) read whole; a template literal\'s lines ending in the escape \\r read without it (SDPs-in-text audit: v=0 alone, or "90000\\r")', () => {
    const matrix = readInput(thread('matrix-js-sdk_call-spec_dummy_sdp_string_concatenation.ts.txt')).descriptions;
    expect(matrix.map((d) => [d.source.line, d.description.fragment, d.description.media.map((m) => m.mid), d.description.diagnostics.filter((x) => x.severity === 'error').length])).toEqual([[7, false, ['0'], 0]]);
    expect(matrix[0]!.description.media[0]!.fingerprints.map((f) => f.value.split(':').length)).toEqual([32]);
    const go = readInput(thread('go-test_sdp_string_concatenation.go.txt'));
    expect([go.descriptions.length, go.candidates.map((c) => c.inDescription)]).toEqual([1, [true, true, true, true]]);
    const gb = readInput(thread('gb28181-mock_invite_template_literal_escaped_cr.ts.txt')).descriptions;
    expect(gb.map((d) => [d.description.fragment, d.description.media[0]!.codecs.map((f) => f.clockRate)])).toEqual([[false, [90000, 90000, 90000]]]);
    expect(gb[0]!.text).not.toContain('\\r');
    // An SDP escaped on one line keeps its own last \r\n (node-webrtc#444: a false "no line ending" error).
    for (const f of ['nodewebrtc444_firefox63_dc_offer_escaped.txt', 'nodewebrtc444_nodewebrtc_answer_rejects_dc_escaped.txt']) {
      expect(readInput(thread(f)).descriptions.flatMap((d) => d.description.diagnostics.filter((x) => /line ending/.test(x.message)))).toEqual([]);
    }
    // Two quoted SDPs a line each are two; a literal closed by "}" or going on with a name keeps its last piece; past the bounds, said.
    const two = readInput('"v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 RTP/AVP 0\\r\\n"\n"v=0\\r\\no=- 2 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 RTP/AVP 0\\r\\n"\n').descriptions;
    expect(two.map((d) => d.description.origin?.sessionId)).toEqual(['1', '2']);
    for (const close of ['" };', '" + extraSdp;', '"]']) {
      const d = readInput(`const o = { type: 'offer', sdp: "v=0\\r\\n" +\n  "o=- 1 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\n" +\n  "m=audio 9 RTP/AVP 0\\r\\n" +\n  "m=video 9 RTP/AVP 96\\r\\n${close}\nfoo();\n`).descriptions;
      expect([close, d.map((x) => x.description.media.length)]).toEqual([close, [2]]);
    }
    const long = readInput(`x := "v=0\\r\\n" +\n${('  "a=x:' + 'y'.repeat(100) + '\\r\\n" +\n').repeat(3000)}  "a=end\\r\\n"\n`);
    expect(long.problems.map((p) => p.kind)).toContain('sdp-cut');
    // Python's "+ \\" at each line's end, and a "% (…)" after a piece (sngrep#327's PoC): read whole.
    const py = readInput(thread('sngrep327_python_poc_sdp_plus_backslash.py.txt')).descriptions;
    expect(py.map((d) => [d.source.line, d.description.media.map((m) => m.codecs.length), d.description.origin?.sessionId])).toEqual([[3, [4], '1600157102']]);
    // A C table of SDPs in braces, one piece commented out (pjproject's sdp_neg_test.c): each whole.
    expect(readInput(thread('pjproject_sdp_neg_test_table_excerpt.c.txt')).descriptions.map((d) => [d.source.line, d.description.media.length])).toEqual([[28, 3], [40, 3], [51, 3], [69, 4], [84, 4]]);
    // Single-quoted Python literals joined by "+ \\" (Sippy's tests): each whole, no false missing-line.
    const sippy = readInput(thread('sippy-voiptests_bob_main_single_quoted_sdp.py.txt')).descriptions;
    expect(sippy.map((d) => [d.description.media.length, d.description.diagnostics.some((x) => x.kind === 'missing-line')])).toEqual([[1, false], [1, false]]);
    // Code that tests for an SDP is none (Desseres/RemoteCam @ e5669a6, ReceiveOffer.kt line 8, verbatim): it had been a description of v=0 alone.
    expect(readInput('        require(sdp.length <= 131072 && sdp.startsWith("v=0\\r\\n")) { "Invalid SDP offer" }\n').descriptions).toEqual([]);
    expect(readInput("if (sdp.startsWith('v=0\\r\\n')) return true;\n").descriptions).toEqual([]);
    // A template literal on one line ends at its backtick (the "`;" after it had been an SDP line).
    const tpl = readInput('  return `v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 RTP/AVP 0\\r\\n`;\n}\n').descriptions;
    expect(tpl.map((d) => d.description.diagnostics.filter((x) => x.kind === 'invalid-line' || /line ending/.test(x.message)).length)).toEqual([0]);
    // A comment after each piece's "+" (Eclipse's Java style, Packetbeat's tests): read whole.
    expect(readInput(thread('elastic-beats_sip_message_test_excerpt_trailing_comments.go.txt')).descriptions.map((d) => [d.source.line, d.description.media.length])).toEqual([[10, 1], [34, 1]]);
    // A string continued by a backslash inside its quotes (Rust, C line splicing): one SDP, no "\\r\\n\\" in its values.
    const rust = readInput('const OFFER: &str = "v=0\\r\\n\\\n    o=- 1 1 IN IP4 10.0.0.1\\r\\n\\\n    s=-\\r\\n\\\n    t=0 0\\r\\n\\\n    m=audio 5004 RTP/AVP 0 101\\r\\n\\\n    a=rtpmap:101 telephone-event/8000\\r\\n";\n').descriptions;
    expect(rust.map((d) => [d.description.fragment, d.description.media[0]!.codecs.map((c) => c.clockRate)])).toEqual([[false, [8000, 8000]]]);
    // A format!'s "{}" in the SDP, Python bytes pieces, two pieces on a later line, a method call or code after the last, a blank line in a continued string (audit of the change: each lost).
    const media = (t: string) => readInput(t).descriptions.map((d) => d.description.media.map((m) => `${m.kind} ${m.direction}`));
    expect(media('let sdp = format!("v=0\\r\\n\\\n    o=test {} 0 IN IP4 127.0.0.1\\r\\n\\\n    s=-\\r\\n\\\n    t=0 0\\r\\n\\\n    m=audio 5004 RTP/AVP 0\\r\\n", id);\n')).toEqual([['audio sendrecv']]);
    expect(media('body = (b"v=0\\r\\n"\n        b"o=- 1 1 IN IP4 127.0.0.1\\r\\n"\n        b"s=-\\r\\nt=0 0\\r\\n"\n        b"m=audio 4000 RTP/AVP 0\\r\\n"\n        b"a=sendonly\\r\\n")\n')).toEqual([['audio sendonly']]);
    expect(media('String sdp = "v=0\\r\\n" +\n    "o=- 1 1 IN IP4 127.0.0.1\\r\\n" +\n    "s=-\\r\\n" + "t=0 0\\r\\n" +\n    "m=audio 5000 RTP/AVP 0\\r\\n" +\n    "a=sendonly\\r\\n").getBytes(); int x = 1;\n')).toEqual([['audio sendonly']]);
    expect(media('let s = "v=0\\r\\n\\\n    o=- 1 1 IN IP4 127.0.0.1\\r\\n\\\n\n    s=-\\r\\nt=0 0\\r\\n\\\n    m=audio 5000 RTP/AVP 0\\r\\n";\n')).toEqual([['audio sendrecv']]);
    // C's literals side by side, no "+", the last one ending the statement.
    const c = readInput('static const char sdp[] = "v=0\\r\\n"\n  "o=- 1 1 IN IP4 10.0.0.1\\r\\n"\n  "s=-\\r\\nt=0 0\\r\\n"\n  "m=audio 9 RTP/AVP 0\\r\\n";\nint x = 1;\n').descriptions;
    expect(c.map((d) => [d.description.origin?.sessionId, d.description.media.length])).toEqual([['1', 1]]);
  });

  it('rtpengine#702\'s initial offer, c=0.0.0.0 with port 1024 and no ICE: address-hold, Lync\'s 488 named (SIP audit: unsaid)', () => {
    const offer = parseSdp(thread('rtpengine702_initial_invite_offer_c0000_port1024.sdp'));
    const answer = parseSdp('v=0\r\no=- 1 1 IN IP4 192.0.2.2\r\ns=-\r\nc=IN IP4 192.0.2.2\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n');
    expect(negotiate(offer, answer).diagnostics.filter((d) => d.kind === 'address-hold').map((d) => d.message)).toEqual([expect.stringMatching(/^the offer's m-line 0 \(audio\) has c=0\.0\.0\.0, port 1024, and no ICE: RFC 2543's hold .*Call hold not allowed for initial INVITE offer/)]);
    // The direction row says so too: the answerer sends nothing to 0.0.0.0.
    expect(negotiate(offer, answer).media[0]!.direction).toMatchObject({ offererSends: true, answererSends: false });
  });

  it('"offer sdp v=0" then the SDP (a C header\'s prefix; simulcast audit): an offer, its type read from the prefix; not from a word that only contains one ("offerer sdp")', () => {
    const rest = 'o=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n';
    expect(readInput(`offer sdp v=0\r\n${rest}`).descriptions.map((d) => [d.type, d.description.fragment])).toEqual([['offer', false]]);
    expect(readInput(`offerer sdp v=0\r\n${rest}`).descriptions.map((d) => d.type)).toEqual([null]);
  });

  it('webrtc-internals\' text form as pasted ("type: offer, sdp: v=0", then the SDP): two descriptions with their types (it was two fragments, v=/o=/s=/t= lost)', () => {
    const r = readInput(thread('srs1815_webrtc_internals_text_offer_answer_asposted.txt'));
    expect(r.descriptions.map((d) => [d.type, d.description.fragment, d.description.origin?.sessionId])).toEqual([
      ['offer', false, '5739606220282787625'],
      ['answer', false, expect.any(String)],
    ]);
  });

  it('GetStream\'s subscriber offer copied from webrtc-internals\' page (no v=, section summaries on its m= lines): one description of 2 m-sections, read around the summaries, v= said missing (it was an "SDP fragment", sdp-diff giving NO_SDP_FOUND)', () => {
    const r = readInput(thread('getstream_sfu_subscriber_offer_webrtc_internals_page_copy.sdp'));
    const d = r.descriptions[0]!.description;
    expect([r.descriptions.length, d.fragment, d.media.map((m) => [m.mid, m.formats])]).toEqual([1, false, [['0', ['111', '63']], ['1', ['96', '97']]]]);
    expect(d.diagnostics.filter((x) => x.severity !== 'info').map((x) => [x.kind, x.line])).toEqual([['page-summary', 8], ['page-summary', 28], ['missing-line', null]]);
  });

  it('the page\'s summaries glued to the lines around them (Cisco\'s notes of Chrome 122) are lines again: 3 m-sections, each summary said (it was 0 m-lines and 19 errors: "mids" such as "lines)")', async () => {
    const text = thread('ciscocms_chrome122_webrtc_internals_page_glued_summaries.txt');
    const r = readInput(text);
    const d = r.descriptions[0]!.description;
    expect([r.descriptions.length, d.media.map((m) => [m.mid, m.kind])]).toEqual([1, [['0', 'audio'], ['1', 'video'], ['2', 'video']]]);
    expect(d.diagnostics.filter((x) => x.kind === 'page-summary').length).toBe(4);
    expect(d.diagnostics.map((x) => x.kind)).not.toContain('bundle-mid-missing');
    expect(shape(await streamed(text))).toEqual(shape(r));
  });

  it('a blog\'s SDP with notes after its lines ("a=recvonly      ...★4"): the direction is read (it was sendrecv, and the pair a false invalid-direction)', () => {
    const offer = parseSdp(readInput(thread('iwashiblog_slack_offer_notes_after_lines.txt')).descriptions[0]!.text);
    const answer = readInput(thread('iwashiblog_slack_answer_recvonly_note.txt')).descriptions[0]!.description;
    expect(answer.media[0]!.direction).toBe('recvonly');
    expect(negotiate(offer, answer).diagnostics.map((x) => x.kind)).not.toContain('invalid-direction');
  });

  it('about:webrtc\'s "Local SDP (Offer)" heading, a blank line or not before the SDP, gives its type in both readers', async () => {
    for (const f of ['cloudgame176_firefox75_about_webrtc_local_offer_excerpt.txt', 'livekitjs648_firefox99_about_webrtc_local_offer_excerpt.txt']) {
      const text = thread(f);
      expect([f, readInput(text).descriptions.map((d) => d.type)]).toEqual([f, ['offer']]);
      expect(shape(await streamed(text))).toEqual(shape(readInput(text)));
    }
  });

  it('GetStream\'s SFU offer asks for Opus stereo and Chrome\'s answer does not (why GetStream munges the answer): opus-stereo-one-way says the SFU then sends mono; the other way round, the answerer does', () => {
    const offer = readInput(thread('getstream_sfu_subscriber_offer_webrtc_internals_page_copy.sdp')).descriptions[0]!.description;
    const answer = parseSdp(thread('getstream_chrome_answer_recvonly_stereo_dropped.sdp'));
    expect(negotiate(offer, answer).diagnostics.filter((d) => d.kind === 'opus-stereo-one-way').map((d) => d.message)).toEqual(['opus: the offer has stereo=1, the answer not: the answerer asks for mono, so the offerer sends it mono (libwebrtc\'s encoder follows the other side\'s stereo); to receive stereo the answer needs stereo=1']);
    const chrome = thread('getstream_chrome_answer_recvonly_stereo_dropped.sdp').replaceAll('a=recvonly', 'a=sendrecv');
    const swapped = negotiate(parseSdp(chrome.replace('a=setup:active', 'a=setup:actpass')), parseSdp(chrome.replace('minptime=10;useinbandfec=1', 'minptime=10;stereo=1;useinbandfec=1')));
    expect(swapped.diagnostics.filter((d) => d.kind === 'opus-stereo-one-way').map((d) => d.message)).toEqual(['opus: the answer has stereo=1, the offer not: the offerer asks for mono, so the answerer sends it mono (libwebrtc\'s encoder follows the other side\'s stereo)']);
    // Where the side told to send mono does not send, nothing is said (audit of the change: a recvonly offer's stereo wish answered sendonly).
    const recvonly = negotiate(parseSdp(chrome.replace('a=setup:active', 'a=setup:actpass').replace('a=sendrecv', 'a=recvonly').replace('minptime=10;useinbandfec=1', 'minptime=10;stereo=1;useinbandfec=1')), parseSdp(chrome.replace('a=sendrecv', 'a=sendonly')));
    expect(recvonly.diagnostics.map((d) => d.kind)).not.toContain('opus-stereo-one-way');
  });

  it('webrtc-internals\' rows as its page shows them ("addIceCandidate (host) sdpMid: 0, sdpMLineIndex: 0, candidate: …"): the remote side, "icecandidate (host) …" the local (both had been one session; audit of the change)', () => {
    const r = readInput(['icecandidate (host) sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', 'addIceCandidate (host) sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:3 1 udp 2122260223 10.0.0.3 6000 typ host', '12:00:01 | addIceCandidate(sdpMid: 0, sdpMLineIndex: 0, type: srflx) sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:4 1 udp 1686052607 203.0.113.4 6000 typ srflx raddr 10.0.0.4 rport 6000'].join('\n'));
    expect(r.candidates.map((c) => [c.candidate?.address, c.side])).toEqual([['10.0.0.1', 'local'], ['10.0.0.3', 'remote'], ['203.0.113.4', 'remote']]);
  });

  it('an ICE-lite description\'s candidates with an unusual type preference: no finding in candidates either, as in parse (Sippy\'s re-INVITE; audit of the change)', () => {
    const a = new CandidateAnalyzer();
    scanInput(thread('sipjs168_sippy_reinvite_offer_sendonly_icelite.sdp'), a);
    expect(a.finish().sessions.flatMap((s) => s.diagnostics).map((d) => d.kind)).not.toContain('type-preference-mismatch');
  });

  it('webrtc-internals\' page rows start with the locale\'s date and time: the candidate\'s time (it was none; candidate-log audit)', () => {
    const r = readInput(['23/05/2021, 20:26:28 | icecandidate (host) sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', '10/12/2019, 12:46:31 PM candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host', '23.5.2021, 20:26:28 candidate:3 1 udp 2122260223 10.0.0.3 5000 typ host'].join('\n'));
    expect(r.candidates.map((c) => c.source.timestamp)).toEqual(['23/05/2021, 20:26:28', '10/12/2019, 12:46:31 PM', '23.5.2021, 20:26:28']);
  });

  it('webrtc-internals\' events pasted without their dump ({"type": "addIceCandidate", "value": "…candidate:…"}, as NDJSON or a list): the remote side, as in a dump (they had been the log\'s own agent\'s; candidate-log audit)', () => {
    const events = [1, 2].map((i) => ({ time: '10/12/2019, 12:46:31 PM', type: 'addIceCandidate', value: `sdpMid: , sdpMLineIndex: 0, candidate: candidate:12${i} 1 udp 1677722110 192.168.11.138 6205${i} typ srflx raddr 172.16.0.${i} rport 4262${i}` }));
    for (const text of [events.map((e) => JSON.stringify(e)).join('\n'), JSON.stringify(events, null, 2)]) {
      const a = new CandidateAnalyzer();
      scanInput(text, a);
      expect(a.finish().sessions.map((s) => [s.session, s.origin.side])).toEqual([['no ufrag, remote side', 'remote']]);
    }
  });
  it('pasted events with ufrags: this side\'s icecandidate and the other\'s addIceCandidate are one call, and icegatheringstatechange "complete" ends this side\'s candidates, in both readers (two sessions, no call and a false end-of-candidates-missing before)', async () => {
    const cand = (f: number, a: string, u: string) => `sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:${f} 1 udp 2122260223 ${a} 5000 typ host generation 0 ufrag ${u} network-id 1`;
    const text = [
      { type: 'icecandidate', value: cand(1, '192.168.1.5', 'abcd') },
      { type: 'addIceCandidate', value: cand(2, '192.168.1.9', 'wxyz') },
      { type: 'icegatheringstatechange', value: 'complete' },
    ].map((e) => JSON.stringify(e)).join('\n') + '\n';
    const whole = new CandidateAnalyzer();
    scanInput(text, whole);
    const stream = new CandidateAnalyzer();
    const { scanStream } = await import('../../src/node/stream.js');
    const { Readable } = await import('node:stream');
    await scanStream(Readable.from([Buffer.from(text)]), stream);
    for (const r of [whole.finish(), stream.finish()]) {
      expect(r.calls.map((c) => c.sessions)).toEqual([['abcd', 'wxyz']]);
      expect(r.sessions.map((s) => [s.session, s.endOfCandidates])).toEqual([['abcd', true], ['wxyz', false]]);
    }
  });

  it('GetStream\'s page-copied offer then its answer: two whole descriptions (the first had been a fragment, sdp-diff NO_OFFER_ANSWER)', () => {
    expect(readInput(thread('getstream_page_copy_offer_then_answer.txt')).descriptions.map((d) => [d.description.fragment, d.description.media.length])).toEqual([[false, 2], [false, 2]]);
  });

  it('a page copy behind a prefix (an indent, a "> " quote, a log\'s time) is read by the prefix\'s column, its session summary and glued summaries too, in both readers (it was a fragment without its session, or NO_SDP_FOUND; new-user audit)', async () => {
    const cisco = thread('ciscocms_chrome122_webrtc_internals_page_glued_summaries.txt');
    const page = 'setLocalDescription (type: "offer", 2 sections)\nCopy description to clipboard\nv=0 (3 more lines)\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111 (2 more lines) direction=sendrecv mid=0\na=mid:0\na=rtpmap:111 opus/48000/2\n';
    for (const prefix of ['    ', '> ', '2024-05-01 12:00:01.123 [info] ']) {
      const text = page.split('\n').map((l) => (l === '' ? l : prefix + l)).join('\n');
      const r = readInput(text);
      expect([JSON.stringify(prefix), r.descriptions.map((d) => [d.type, d.description.fragment, d.description.origin?.sessionId, d.description.media.map((m) => m.mid)])]).toEqual([JSON.stringify(prefix), [['offer', false, '1', ['0']]]]);
      expect(shape(await streamed(text))).toEqual(shape(r));
      const c = cisco.split('\n').map((l) => (l === '' ? l : prefix + l)).join('\n');
      expect([JSON.stringify(prefix), readInput(c).descriptions.map((d) => d.description.media.length)]).toEqual([JSON.stringify(prefix), [3]]);
      expect(shape(await streamed(c))).toEqual(shape(readInput(c)));
    }
  });

  it('a line of 60,000 glued page summaries is split in one pass (it had been 60,000 nested calls: past the stack)', () => {
    const r = readInput(`v=0\n${'a=x (1 more lines) '.repeat(60000)}\n`);
    expect(r.descriptions[0]!.description.lines.length).toBe(60001);
  });

  it('webrtc-internals\' page as copied: the row\'s (type: "offer", N sections) and the button\'s words above the description give its type, in both readers', async () => {
    const text = 'setLocalDescription (munged) (type: "offer", 2 sections)\nCopy description to clipboard\nv=0 (3 more lines)\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111 (1 more lines) direction=sendrecv mid=0\na=mid:0\n'
      + 'setRemoteDescription (type: "answer", 1 section)\nv=0 (3 more lines)\no=- 3 4 IN IP4 0.0.0.0\ns=-\nt=0 0\n';
    const r = readInput(text);
    expect(r.descriptions.map((d) => [d.type, d.source.line])).toEqual([['offer', 3], ['answer', 10]]);
    expect(shape(await streamed(text))).toEqual(shape(r));
  });

  it('an SDP copied from Chrome\'s console with "↵" before each line (ion-sfu#151): one description of its m-sections, the blank lines the copy\'s (it was 0 descriptions and 4 loose candidates), in both readers', async () => {
    const text = thread('ionsfu151_ionsfu_offer_chrome_console_arrows_cut.txt');
    for (const r of [readInput(text), await streamed(text, 97)]) {
      expect(r.descriptions.map((d) => [d.description.media.map((m) => m.mid), d.description.diagnostics.filter((x) => x.kind === 'blank-line').length])).toEqual([[['0', null], 0]]);
      expect(r.candidates.map((c) => c.sdpMid)).toEqual(['0', '0', '0', '0']);
    }
  });
  it('a WHIP client\'s trickle-ice-sdpfrag PATCH whose m= line lists every payload type (Edge 147, MediaMTX#5682): no media rules on its ICE-only m-section (it was "no a=rtcp-mux" and 25 payload types "with no a=rtpmap")', () => {
    const r = readInput(thread('mediamtx5682_edge147_whip_patch_trickle_sdpfrag_cut.txt'));
    expect(r.descriptions.map((d) => [d.source.format, d.description.fragment, d.description.diagnostics.map((x) => x.kind)])).toEqual([['sdp-fragment', true, ['unparseable-candidate']]]);
    // A fragment pasted from a description, with its rtpmaps or other media lines, keeps the rules.
    const pasted = parseSdp('m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\na=mid:0\r\na=rtpmap:96 VP8/90000\r\n', { fragment: true });
    expect(pasted.diagnostics.map((x) => x.kind).sort()).toEqual(['codec-without-rtpmap', 'rejected-by-browser']);
    const media = parseSdp('m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\na=mid:0\r\na=sendrecv\r\na=rtcp-fb:96 nack\r\n', { fragment: true });
    expect(media.diagnostics.map((x) => x.kind).sort()).toEqual(['codec-without-rtpmap', 'rejected-by-browser']);
  });
  it('an escaped SDP on a log line wrapped after 1,000 characters (an SRS log in ZLMediaKit#4324): the next line joins it, its video section whole (rtcp-mux, rtpmap, ICE and setup had been "missing"), in both readers', async () => {
    const text = thread('zlmediakit4324_srs_log_escaped_offer_wrapped_cut.log');
    for (const r of [readInput(text), await streamed(text), await streamed(text, 61)]) {
      const d = r.descriptions[0]!.description;
      expect([r.descriptions.length, d.media.map((m) => [m.mid, m.rtcpMux, m.setup, m.codecs.map((c) => c.name)[0]])]).toEqual([1, [['0', true, 'actpass', 'opus'], ['1', true, 'actpass', 'H264']]]);
      expect(d.diagnostics.map((x) => x.kind).sort()).toEqual(['ice-options-commas', 'rejected-by-browser']);
    }
    // Wrapped again: every 97 characters (a piece inside the fingerprint, with no escaped break),
    // and just after an escaped line break (new-user audit: both lost the rest).
    const whole = text.replace('\n', '');
    const nl = whole.indexOf('\n');
    const body = whole.slice(0, nl);
    const at = body.indexOf('\\r\\n', 500) + 4;
    for (const wrapped of [body.match(/.{1,97}/g)!.join('\n') + whole.slice(nl), body.slice(0, at) + '\n' + body.slice(at) + whole.slice(nl)]) {
      for (const r of [readInput(wrapped), await streamed(wrapped, 61)]) {
        expect([r.descriptions.length, r.descriptions[0]!.description.media.map((m) => [m.mid, m.rtcpMux, m.setup])]).toEqual([1, [['0', true, 'actpass'], ['1', true, 'actpass']]]);
      }
    }
    // A log's next line with its own time is not a wrap, nor one with no escaped SDP line.
    for (const next of ['2024-01-01 10:00:00 INFO a=rtcp-mux\\r\\na=x', 'plain words']) {
      const r = readInput(`RTC offer: v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\na=mid:0\n${next}\n`);
      expect([next, r.descriptions.map((d) => d.description.media[0]!.rtcpMux)]).toEqual([next, [false]]);
    }
  });
  it('a Safari offer whose every line a go2rtc log padded with a blank: trailing-blanks says the one cause, and the ufrag\'s blank is named (its 5 characters had read as in range with nothing wrong)', () => {
    const r = readInput(thread('alexxitblog5_go2rtc_trace_safari_offer_trailing_blanks_cut.log'));
    const d = r.descriptions[0]!.description;
    expect(d.diagnostics.find((x) => x.kind === 'trailing-blanks')?.message).toBe('24 of 25 lines end with a blank or a tab (a log or a copy that pads its lines): the findings on those lines follow from it (a value with a blank after it is another value to a browser)');
    expect(sideFindings(d, 'offer').map((x) => x.message).join('\n')).toContain('ufrag "0XWt " (5 chars; 4..256 ice-chars, a blank in it)');
  });
  it('an SDP whose lines a post glued together (go2rtc\'s thread): sdp-lines-glued says it, in both readers; the candidates after it are read (it was "0 descriptions" without a word)', async () => {
    const text = thread('alexxitblog5_go2rtc_log_safari_offer_lines_glued_cut.log');
    for (const r of [readInput(text), await streamed(text)]) {
      expect([r.problems.map((p) => [p.kind, p.line]), r.descriptions.length, r.candidates.length]).toEqual([[['sdp-lines-glued', 1]], 0, 2]);
    }
    // Breaks written otherwise are not lost: no such warning (new-user audit: nginx's \x0D\x0A, octal, %0D%0A, \u000a, ";").
    const sdp = ['o=- 1 2 IN IP4 127.0.0.1', 'a=mid:0', 'a=rtpmap:111 opus/48000/2', 'a=setup:actpass', 'a=ice-ufrag:abcd', 'a=fingerprint:sha-256 AB'];
    for (const brk of ['\\x0D\\x0A', '\\015\\012', '%0D%0A', '\\u000d\\u000a', ';', '\\x0a']) {
      expect([brk, readInput(`body: v=0${brk}${sdp.join(brk)}${brk}\n`).problems.map((p) => p.kind)]).toEqual([brk, []]);
    }
  });
  it('an SDP with its line breaks escaped otherwise: FreeSWITCH\'s URL-encoded event header, nginx\'s \\x0D\\x0A, octal \\015\\012: its lines and candidates read, in both readers (each was NO_SDP_FOUND)', async () => {
    const esl = thread('genesis_freeswitch_esl_event_urlencoded_sdp.txt');
    for (const r of [readInput(esl), await streamed(esl)]) expect(r.descriptions.map((d) => [d.source.line, d.description.media.length, d.description.media[0]!.codecs.length, d.description.media[0]!.port])).toEqual([[14, 1, 9, 4016]]);
    const lines = ['o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', 'a=rtpmap:111 opus/48000/2', 'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host'];
    for (const brk of ['\\x0D\\x0A', '\\x0a', '\\015\\012', '%0D%0A']) {
      const text = `10.0.0.9 - - [07/Dec/2026:01:00:00 +0000] "POST /whip" 201 body: v=0${brk}${lines.join(brk)}${brk}\n`;
      for (const r of [readInput(text), await streamed(text)]) expect([brk, r.descriptions.map((d) => d.description.media.length), r.candidates.map((c) => c.candidate?.address)]).toEqual([brk, [1], ['10.0.0.1']]);
    }
  });
  it('SDPs URL-encoded whole (FreeSWITCH\'s ESL event and CDRs; Skype for Business\'s form-encoded data URL with its 12 candidates), Erlang binaries on two lines, aiortc\'s repr with its type after the SDP: read, in both readers (sample hunt: NO_SDP_FOUND, a joined pair, "type unknown")', async () => {
    const read = async (f: string) => {
      const text = thread(f);
      const whole = readInput(text);
      expect(shape(await streamed(text))).toEqual(shape(whole));
      return whole;
    };
    for (const f of ['freeswitch_esl_event_sdp_url_encoded_whole.log', 'freeswitch_xml_cdr_switch_r_sdp_url_encoded.log', 'freeswitch_json_cdr_switch_r_sdp_url_encoded.log']) expect([f, (await read(f)).descriptions.map((d) => d.description.media.length)]).toEqual([f, [1]]);
    const ucwa = await read('ucwa_skype_mediaoffer_data_url_form_encoded.log');
    expect([ucwa.descriptions.length, ucwa.candidates.length, ucwa.descriptions[0]!.description.origin?.address]).toEqual([1, 12, '131.253.141.158']);
    expect((await read('erlang_comment_sdp_binaries_two_lines.log')).descriptions.map((d) => d.source.line)).toEqual([1, 2]);
    const repr = await read('livetalking_aiortc_rtcsessiondescription_repr_elided.log');
    expect(repr.descriptions.map((d) => d.type)).toEqual(['offer', 'answer']);
    // Its author cut its m-sections out ("a=extmap...PCMA"): said so, not "add a transceiver" (README-as-typed audit).
    expect(repr.descriptions[0]!.description.diagnostics.find((x) => x.kind === 'no-media-sections')?.message).toMatch(/^no m= line, though the text has lines of m-sections \(a=group:BUNDLE names mids 0 1\): its m-sections were likely cut out of this copy/);
  });
  it('an SDP escaped three times (JSON in a JSON string in a string literal: an xCloud client, an OpenWPM record) is read, with the type stated before it, in both readers (sample hunt: NO_SDP_FOUND)', async () => {
    for (const [f, type] of [['xcloud_csharp_exchange_response_sdp_escaped_three_times.log', 'answer'], ['openwpm_tracker_setlocaldescription_sdp_escaped_three_times.log', 'offer']] as const) {
      const text = thread(f);
      for (const r of [readInput(text), await streamed(text)]) expect([f, r.descriptions.map((d) => [d.type, d.description.media.length])]).toEqual([f, [[type, 1]]]);
    }
  });
  it('an offer with no m-line (ion-sfu#426: Firefox answered with none, and pion refused the answer): no-media-sections, not "0 errors, 0 warnings"', () => {
    const d = parseSdp(thread('ionsfu426_ionsfu_v1.9_empty_offer_group_bundle_no_mids.sdp'));
    expect(d.diagnostics.map((x) => [x.kind, x.severity])).toEqual([['no-media-sections', 'warning']]);
    expect(d.bundleGroups).toEqual([[]]);
  });
  it('a stray line inside an SDP ("*a=sendonly") is its invalid line, not its end (it split the SDP: three false errors)', () => {
    const r = readInput(thread('flutterwebrtc104_janus_streaming_offer_malformed.sdp'));
    expect(r.descriptions).toHaveLength(1);
    const d = r.descriptions[0]!.description;
    expect(d.diagnostics.map((x) => [x.kind, x.line])).toContainEqual(['invalid-line', 9]);
    expect(d.diagnostics.map((x) => x.kind)).not.toContain('bundle-mid-missing');
    expect(d.media[0]!.mid).toBe('video');
  });

  it('a log\'s own line after an SDP still ends it (a time, a candidate): the stray line is only one followed by an SDP line', () => {
    const r = readInput('v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\npeer connected\n06:00:01 next\na=ice-ufrag:abcd\n');
    expect(r.descriptions.map((d) => [d.description.fragment, d.description.media.length])).toEqual([[false, 1], [true, 0]]);
    expect(r.descriptions[0]!.description.diagnostics.map((x) => x.kind)).not.toContain('invalid-line');
  });

  it('an SDP copied from Chrome\'s console, its line breaks shown as "↵" on one line: read, with the type stated before it', async () => {
    const sdp = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\na=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\r\n';
    const text = `RTCSessionDescription {type: "answer", sdp: "${sdp.replace(/\r\n/g, '\u21b5')}"}\n`;
    const r = readInput(text);
    expect(r.descriptions.map((d) => [d.type, d.description.media[0]?.mid])).toEqual([['answer', '0']]);
    expect(r.candidates.map((c) => c.candidate?.type)).toEqual(['host']);
    expect(shape(await streamed(text))).toEqual(shape(r));
  });

  it('webrtc-internals\' text form pasted (a KVS thread\'s updateLog values, coturn\'s copied event list): each candidate keeps its sdpMid and m-line index (three m-lines had been one pool)', () => {
    const kvs = readInput(thread('kvs913_chrome86_updatelog_relay.txt')).candidates;
    expect(kvs.length).toBe(8);
    expect(kvs.map((c) => [c.sdpMid, c.sdpMLineIndex])).toEqual([['2', 2], ['0', 0], ['0', 0], ['1', 1], ['2', 2], ['2', 2], ['2', 2], ['1', 1]]);
    const coturn = readInput(thread('coturn772_chrome_webrtc_internals_text.txt')).candidates;
    expect(coturn.map((c) => [c.sdpMid, c.sdpMLineIndex, c.candidate?.address])).toEqual([['0', 0, '10.223.4.226'], ['0', 0, '10.196.34.249']]);
  });

  it('gateways\' offers: an Asterisk a=fingerprint with no value is its own error, not "no a=fingerprint"; FreeSWITCH unbundled and webrtcbin\'s offers are clean of credential findings', () => {
    const asterisk = readInput(thread('dartsipua215_asterisk16_invite_offer_empty_fingerprint.sdp')).descriptions[0]!.description.diagnostics;
    const rules = (ds: readonly { kind: string }[]) => ds.map((d) => ('rule' in d ? `${d.kind} ${String(d.rule)}` : d.kind));
    expect(rules(asterisk)).toContain('fingerprint-invalid');
    expect(rules(asterisk)).not.toContain('rejected-by-browser fingerprint-missing');
    for (const f of ['rnwebrtc293_freeswitch_offer_rtp_savpf_no_bundle.sdp', 'mavlink440_gst_webrtcbin_h264_sendonly_offer_rtx_no_fmtp.sdp']) {
      const ds = rules(readInput(thread(f)).descriptions[0]!.description.diagnostics);
      expect([f, ds.filter((k) => /credentials-missing|fingerprint-missing/.test(k))]).toEqual([f, []]);
    }
  });

  it('a srflx on a private address (a coturn thread: a two-interface server answering from the inner one) is its own finding, once per candidate', () => {
    const a = new CandidateAnalyzer();
    scanInput(thread('coturn450_addicecandidate_srflx_private_raddr.txt'), a);
    const found = a.finish().sessions.flatMap((s) => s.diagnostics).filter((d) => d.kind === 'srflx-private-address');
    expect(found.map((d) => d.message)).toContain('srflx 192.168.11.138:62055 is a private address: the STUN server that saw it is inside the network');
    expect(found.length).toBe(5);
  });

  it('the Trickle ICE page\'s table as pasted (a coturn thread): each row the candidate it shows, its priority from the three parts (it was NO_SDP_FOUND)', () => {
    const r = readInput(thread('coturn611_trickle_ice_page_table.txt'));
    expect(r.candidates.map((c) => c.text)).toEqual([
      'candidate:0 1 udp 2122252543 ID1.local 59401 typ host',
      'candidate:2 1 tcp 2105524479 ID1.local 9 typ host tcptype active',
      'candidate:0 2 udp 2122252542 ID1.local 59402 typ host',
      'candidate:2 2 tcp 2105524478 ID1.local 9 typ host tcptype active',
      'candidate:1 1 udp 1686052863 IP-Address 59401 typ srflx raddr 0.0.0.0 rport 0',
      'candidate:1 2 udp 1686052862 IP-Address 59402 typ srflx raddr 0.0.0.0 rport 0',
    ]);
    expect(r.candidates.map((c) => c.source.line)).toEqual([4, 5, 6, 7, 8, 9]);
  });

  it('a newer Trickle ICE row with mid, m-line index and ufrag: each kept; other tables with bars are no candidates', () => {
    const r = readInput('0.012\t1\tsrflx\t842163049\tudp\t203.0.113.7\t61989\t100 | 32543 | 255\t0\t0\tAbCd\n| a | b | c |\n| 1 | host | x |\nstatus | 126 | ok\n');
    expect(r.candidates.map((c) => [c.text, c.sdpMid, c.sdpMLineIndex, c.usernameFragment])).toEqual([['candidate:842163049 1 udp 1686052863 203.0.113.7 61989 typ srflx raddr 0.0.0.0 rport 0 ufrag AbCd', '0', 0, 'AbCd']]);
  });

  it('native libwebrtc logs (Android logcat, UWP, Godot, a C++ app): each Cand[…] is the candidate Chromium would write, its mid the port\'s transport; the password never read (it was NO_SDP_FOUND)', () => {
    const texts = (f: string) => readInput(thread(f)).candidates.map((c) => [c.text, c.sdpMid]);
    expect(texts('mrwebrtc385_libwebrtc_relay_cand.log')).toEqual([['candidate:1218638837 1 udp 41885695 119.81.194.156 32105 typ relay raddr 49.207.133.244 rport 39285 generation 0 ufrag otZH network-id 3 network-cost 10', 'audio']]);
    // The Conn[…] lines (a pair's state) are not candidates: the one Cand is.
    expect(texts('godotwebrtc21_libwebrtc_cand_conn.log')).toEqual([['candidate:3192801181 1 udp 2122129151 172.27.29.15 49516 typ host generation 0 ufrag /HXf network-id 5', 'data']]);
    expect(texts('icey136_libwebrtc_native_gathered_cand.log')).toEqual([['candidate:3178462403 1 udp 2122260223 192.168.0.x 35553 typ host generation 0 ufrag BBY2 network-id 1 network-cost 50', 'audio']]);
    const twilio = readInput(thread('twilio302_android_logcat_webrtc_cand.log')).candidates;
    expect(twilio.map((c) => [c.candidate?.type, c.source.timestamp])).toEqual([['host', '2019-08-19 18:36:54.233']]);
    for (const f of ['godotwebrtc21_libwebrtc_cand_conn.log', 'mrwebrtc385_libwebrtc_relay_cand.log']) expect(JSON.stringify(readInput(thread(f)))).not.toMatch(/x7vYNbzdu|wJm8xzkN/);
  });

  it('a libwebrtc Cand[…] in its other spellings: IPv6 in brackets, the current type names, its transport name as the mid; a Cand that is not one is no candidate', () => {
    const r = readInput([
      'Gathered candidate: Cand[0:1:1:udp:2122262783:[2001:db8::5]:50000:host::0:AbCd::2:10:0]',
      'Cand[:2:1:udp:1686052607:203.0.113.7:47330:srflx:[2001:db8::5]:50000:AbCd:pw:2:10:1]',
      'Cand[:3:1:tcp:1518280447:10.0.0.1:9:local::0:AbCd:pw:1:0:0]',
      'Cand[:4:1:udp:1:10.0.0.1:70000:local::0:AbCd:pw:1:0:0] Cand[nothing] Cand[',
      'Cand[:5:1:tcp:1518280447:192.168.0.5:50123:local::0:AbCd:pw:1:0:0]',
    ].join('\n'));
    expect(r.candidates.map((c) => [c.text, c.sdpMid])).toEqual([
      ['candidate:1 1 udp 2122262783 2001:db8::5 50000 typ host generation 0 ufrag AbCd network-id 2 network-cost 10', '0'],
      ['candidate:2 1 udp 1686052607 203.0.113.7 47330 typ srflx raddr 2001:db8::5 rport 50000 generation 1 ufrag AbCd network-id 2 network-cost 10', null],
      ['candidate:3 1 tcp 1518280447 10.0.0.1 9 typ host tcptype active generation 0 ufrag AbCd network-id 1', null],
      ['candidate:4 1 udp 1 10.0.0.1 70000 typ host generation 0 ufrag AbCd network-id 1', null],
      ['candidate:5 1 tcp 1518280447 192.168.0.5 50123 typ host tcptype passive generation 0 ufrag AbCd network-id 1', null],
    ]);
    expect(r.candidates[4]!.explanation!.warnings.map((f) => f.kind)).not.toContain('candidate-tcptype-missing');
    // Port 70000 is the candidate's own error, as in a candidate line.
    expect(r.candidates[3]!.error?.code).toBe('CANDIDATE_PORT');
  });

  it('the m-line written beside a candidate in other logs\' words is kept: a JavaScript object (OpenVidu, React Native), AppRTC\'s id and label, Janus\'s "Trickle candidate (mid)", old iOS\' Mid[…] Index[…] (each lost its mid)', () => {
    const mids = (f: string) => readInput(thread(f)).candidates.map((c) => [c.candidate?.foundation, c.sdpMid, c.sdpMLineIndex]);
    expect(mids('openvidu433_server_new_candidate_jsobj.log')).toEqual([['531284698', '1', 1], ['4233069003', '0', 0]]);
    expect(mids('rnwebrtc1332_reactnativejs_escaped.log')).toEqual([['842163049', '1', 1], ['842163049', '1', 1], ['3024673810', '0', 0]]);
    expect(mids('onsipcordova14_ios_nslog_pco_onicecandidate.log')).toEqual([['1616667645', 'video', 1], ['3776210249', 'audio', 0], ['3776210249', 'audio', 0]]);
    expect(mids('janus441_trickle_verbose.log')).toEqual([['0', 'sdparta_0', null]]);
    // Keys of another object, a null mid, keys far away: none taken.
    const r = readInput([
      '{sdpMid: null, candidate: "candidate:1 1 udp 1 10.0.0.1 1 typ host"}',
      'x {sdpMid: 1} candidate:2 1 udp 1 10.0.0.1 1 typ host',
      `{sdpMid: 1, ${'k: 1, '.repeat(60)}candidate: "candidate:3 1 udp 1 10.0.0.1 1 typ host"}`,
    ].join('\n'));
    expect(r.candidates.map((c) => [c.candidate?.foundation, c.sdpMid])).toEqual([['1', null], ['2', null], ['3', null]]);
    // An unquoted value ends at ")" or "]"; JSON escaped in a string is read; the keys after the
    // next candidate are that one's, not this one's (audit of the change: "1)", none, the wrong mid).
    const more = readInput([
      '{candidate: candidate:10 1 udp 2122260223 192.168.1.5 50018 typ host, sdpMid: 1), sdpMLineIndex: 1}',
      'INFO msg="{\\"candidate\\":\\"candidate:8 1 udp 2122260223 192.168.1.5 50014 typ host\\",\\"sdpMid\\":\\"2\\",\\"sdpMLineIndex\\":2}"',
      '{list: [candidate:6 1 udp 2122260223 192.168.1.5 50010 typ host, candidate:7 1 udp 2122260223 192.168.1.5 50012 typ host], sdpMid: 1}',
    ].join('\n'));
    expect(more.candidates.map((c) => [c.candidate?.foundation, c.sdpMid, c.sdpMLineIndex])).toEqual([['10', '1', 1], ['8', '2', 2], ['6', null, null], ['7', null, null]]);
  });

  it('Amazon KVS signaling: the frames base64 in messagePayload (received) or MessagePayload (sent) are decoded and read, with the type their message names (it was NO_SDP_FOUND)', () => {
    const r = readInput(thread('kvs1424_base64_messagepayload.log'));
    expect(r.candidates.map((c) => [c.candidate?.type, c.candidate?.relatedAddress, c.sdpMid, c.source.path])).toEqual([
      ['relay', '44.225.74.152', '1', '$.messagePayload.candidate'],
      ['relay', '44.225.74.152', '1', '$.messagePayload.candidate'],
      ['relay', '44.225.74.152', '0', '$.messagePayload.candidate'],
    ]);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
    const sent = readInput(`${JSON.stringify({ action: 'SDP_OFFER', RecipientClientId: 'viewer', MessagePayload: b64({ type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n' }) })}\n`);
    expect(sent.descriptions.map((d) => [d.type, d.source.path])).toEqual([['offer', '$.MessagePayload.sdp']]);
    // Not base64 of JSON, or another message type: nothing decoded, nothing found.
    for (const o of [{ messageType: 'ICE_CANDIDATE', messagePayload: 'not base64!' }, { messageType: 'STATUS_RESPONSE', messagePayload: b64({ candidate: 'candidate:1 1 udp 1 10.0.0.1 1 typ host' }) }, { messageType: 'ICE_CANDIDATE', messagePayload: Buffer.from('candidate:1').toString('base64') }]) {
      expect(readInput(`${JSON.stringify(o)}\n`).candidates).toEqual([]);
    }
  });

  it('a log line\'s time in ctime (Janus), syslog and logcat forms is its time (candidates audit: no time column); words that only look like one are not', () => {
    expect(readInput(thread('janus441_trickle_verbose.log')).candidates.map((c) => c.source.timestamp)).toEqual(['Tue Jan 19 10:43:42 2016']);
    const r = readInput([
      'Jan 19 10:43:42 host app: candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host',
      '[Sat Feb  3 09:01:02 2024] candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host',
      '12-05 10:00:00.123  1234  1250 D PC: candidate:3 1 udp 2122260223 10.0.0.3 5000 typ host',
      'June 19 10:43:42 candidate:4 1 udp 2122260223 10.0.0.4 5000 typ host',
      'Tue candidate:5 1 udp 2122260223 10.0.0.5 5000 typ host',
    ].join('\n'));
    expect(r.candidates.map((c) => c.source.timestamp)).toEqual(['Jan 19 10:43:42', 'Sat Feb  3 09:01:02 2024', '12-05 10:00:00.123', undefined, undefined]);
 
    // JavaScript's Date (SIP.js's console, React Native's Metro: native-log audit of 2026-12-06).
    const js = readInput([
      'Thu Feb 07 2019 02:44:06 GMT+0100 (Mitteleuropäische Normalzeit) | sip.invitecontext | candidate:6 1 udp 2122260223 10.0.0.6 5000 typ host',
      '[Wed Jul 08 2020 12:51:48.327]  LOG      candidate:7 1 udp 2122260223 10.0.0.7 5000 typ host',
    ].join('\n'));
    expect(js.candidates.map((c) => c.source.timestamp)).toEqual(['Thu Feb 07 2019 02:44:06 GMT+0100', 'Wed Jul 08 2020 12:51:48.327']);
  });

  it('an SDP whose v=0 a log label ends in punctuation before (KVS\'s "Offer -----v=0") is whole, with the type the label names (it lost v=, o=, s=, t=: a fragment, NO_SDP_FOUND to sdp-diff)', async () => {
    const text = thread('kvs950_offer_log_dashes.txt');
    const r = readInput(text);
    expect(r.descriptions.map((d) => [d.type, d.description.fragment, d.description.origin?.sessionId, d.source.line])).toEqual([['offer', false, '7371364611992188261', 1]]);
    expect(r.descriptions[0]!.text.startsWith('v=0\no=- 7371364611992188261 2 IN IP4 127.0.0.1\ns=-\nt=0 0\n')).toBe(true);
    expect((await streamed(text)).descriptions.map((d) => [d.type, d.description.fragment])).toEqual([['offer', false]]);
    // A letter before v=0 is no prefix's end: the lines from the origin on are a description whose v= is lost, kept (they had been lost).
    const noV = readInput('xv=0\no=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\n');
    expect(noV.descriptions.map((d) => [d.description.fragment, d.text, d.description.diagnostics.map((x) => x.kind)])).toEqual([[false, 'o=- 1 1 IN IP4 0.0.0.0\ns=-\nt=0 0\n', ['missing-line']]]);
  });

  it('a time after a level word is the line\'s time (it was lost behind "INFO"); a word that is no level is no time', async () => {
    const lines = [
      'INFO 2026-01-01T12:00:00.123Z send candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host',
      '[WARN] 2026-01-01 12:00:01,456 remote candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host',
      'warning: 12:00:02 x candidate:3 1 udp 2122260223 10.0.0.3 5000 typ host',
      '[debug] [Jan 19 10:43:42] candidate:4 1 udp 2122260223 10.0.0.4 5000 typ host',
      'SEND 12:00:03 candidate:5 1 udp 2122260223 10.0.0.5 5000 typ host',
      'INFO candidate:6 1 udp 2122260223 10.0.0.6 5000 typ host',
    ].join('\n');
    const want = ['2026-01-01T12:00:00.123Z', '2026-01-01 12:00:01,456', '12:00:02', 'Jan 19 10:43:42', undefined, undefined];
    expect(readInput(lines).candidates.map((c) => c.source.timestamp)).toEqual(want);
    // The stream reader says the same times.
    expect((await streamed(lines)).candidates.map((c) => c.source.timestamp)).toEqual(want);
  });

  it('the summary says a fingerprint written and unreadable as such (it said "no DTLS"), and shows a=rtcp-mux-only', async () => {
    const { renderParse } = await import('../../cli/render/parse.js');
    const { makeStyle } = await import('../../cli/render/style.js');
    const plain = makeStyle(false);
    expect(renderParse(readInput(thread('dartsipua215_asterisk16_invite_offer_empty_fingerprint.sdp')), 'x', plain)).toMatch(/ · {2}DTLS fingerprint unreadable {2}· {2}rtcp-mux\n/);
    expect(renderParse(readInput(thread('mavlink440_gst_webrtcbin_h264_sendonly_offer_rtx_no_fmtp.sdp')), 'x', plain)).toMatch(/ · {2}rtcp-mux rtcp-mux-only rtcp-rsize\n/);
  });

  it('mediasoup answers (SFU audit of 2026-12-06): the audio pair negotiates opus with no finding of weight, and sha-224 and sha-512 are no weak-fingerprint', () => {
    const offer = parseSdp(thread('mediasoupnotes_chrome_audio_offer.sdp'));
    const answer = parseSdp(thread('mediasoupnotes_remotesdp_audio_answer_icelite_sha512.sdp'));
    const n = negotiate(offer, answer);
    expect([n.media[0]!.status, n.media[0]!.codecs.negotiated.map((c) => c.name), n.iceLite.answer]).toEqual(['accepted', ['opus'], true]);
    // Its one candidate, 192.168.0.100, is a LAN address: said (a demo on one network works; a peer elsewhere never reaches it).
    expect(n.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.kind)).toEqual(['lite-candidates-not-routable']);
    const simulcast = parseSdp(thread('mediasoupunity_simulcast_answer_r0r1r2_sha224.sdp'));
    expect([simulcast.media[0]!.fingerprints[0]!.algorithm, simulcast.media[0]!.simulcast?.recv]).toEqual(['sha-224', 'r0;r1;r2']);
    expect(sideFindings(simulcast, 'answer').map((d) => d.kind)).not.toContain('weak-fingerprint');
  });
});

