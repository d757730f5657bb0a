import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { diffCommand, diffTexts } from '../../cli/commands/diff.js';
import { diffDescriptions } from '../../src/negotiation/diff.js';
import { sideFindings } from '../../src/negotiation/one-side.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { corpusFile, sample, SAMPLES } from '../support/corpus.js';
import { buildSdp, H264_CB_PM1 } from '../support/sdp-builder.js';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../support/scratch.js';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const ROOT = resolve(__dirname, '../..');
const bin = join(ROOT, 'dist/bin/sdp-diff.js');
const runBin = (args: string[], input = '') => spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
const dir = scratchDir('sdp-diff-');
const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));

async function json(files: string[], more: { diff?: boolean } = {}): Promise<{ code: number; out: any }> {
  let text = '';
  const code = await diffCommand({ files, json: true, color: false, ...more }, (s) => (text += s));
  return { code, out: JSON.parse(text) };
}

describe('the ICE row', () => {
  it('says ice-lite both when both descriptions are lite (it said "ice-lite offer": second audit of the change)', () => {
    const sdp = (setup: string) => `v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=ice-lite\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\na=fingerprint:sha-256 ${'AB:'.repeat(31)}AB\r\na=setup:${setup}\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n`;
    let out = '';
    diffTexts([sdp('actpass'), sdp('active')], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
    expect(out).toMatch(/ICE +ufrag abcd \/ abcd .* · ice-lite both · rtcp-mux/);
  });
});

describe('the codec table', () => {
  it('names a codec with its channels in every row, negotiated or not (sdp-diff audit: "red/48000" beside "red/48000/2 not in answer")', () => {
    const sdp = (pts: string, maps: string[], setup: string) => `v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF ${pts}\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\na=fingerprint:sha-256 ${'AB:'.repeat(31)}AB\r\na=setup:${setup}\r\na=rtcp-mux\r\na=sendrecv\r\n${maps.map((m) => `a=rtpmap:${m}\r\n`).join('')}`;
    let out = '';
    diffTexts([sdp('111 63', ['111 opus/48000/2', '63 red/48000/2'], 'actpass'), sdp('111', ['111 opus/48000/2'], 'active')], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
    expect(out).toMatch(/✓ {2}opus\/48000\/2 +111 +111/);
    expect(out).toMatch(/✗ {2}red\/48000\/2 +63 +- .*red\/48000\/2 not in answer/);
  });

  it('gives the reason a codec was not negotiated whole, however long (it was cut at 64 characters: README audit)', () => {
    const answer = (JSON.parse(sample('answer.json')) as { answer: { sdp: string } }).answer.sdp
      .split('\r\n')
      .filter((l) => !/^a=(rtpmap|fmtp|rtcp-fb):102 /.test(l))
      .map((l) => (l.startsWith('m=video') ? l.split(' ').filter((p) => p !== '102').join(' ') : l))
      .join('\r\n');
    let out = '';
    diffTexts([sample('offer.json'), answer], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
    const row = out.split('\n').find((l) => /✗ {2}H264\/90000 +102 /.test(l))!;
    expect(row).toMatch(/H264 Baseline packetization-mode=1 not in answer \(answer has H264 Baseline packetization-mode=0, .*, H264 High packetization-mode=1\)$/);
    expect(out).toMatch(/rtx for H264 Baseline packetization-mode=1 \(apt=102\), which was not negotiated/);
  });

  it('counts an answer m-line without its a=mid once: answer-mid-missing, not also the answer\'s own bundle-mid-missing for that mid (eighth session\'s note: one fault told twice)', async () => {
    const answer = (JSON.parse(sample('answer.json')) as { answer: { sdp: string } }).answer.sdp.replace('a=mid:0\r\n', '');
    const offer = file('midless.offer.json', sample('offer.json'));
    const { code, out } = await json([offer, file('midless.answer.sdp', answer)]);
    expect(code).toBe(1);
    const kinds = (out.diagnostics as { kind: string; side?: string }[]).map((d) => `${d.side ?? 'negotiation'} ${d.kind}`);
    expect(kinds).toContain('negotiation answer-mid-missing');
    expect(kinds.filter((k) => k.endsWith('bundle-mid-missing'))).toEqual([]);
    // Parsed alone (no offer to fill the mid from), the answer still says it.
    expect(parseSdp(answer).diagnostics.filter((d) => d.kind === 'bundle-mid-missing').map((d) => (d as { named?: string }).named)).toEqual(['0']);
    // Another mid its group names that no m-line could have stays said.
    const other = answer.replace('a=group:BUNDLE 0 1', 'a=group:BUNDLE 0 1 7');
    const both = await json([offer, file('midless7.answer.sdp', other)]);
    expect((both.out.diagnostics as { kind: string; message: string }[]).filter((d) => d.kind === 'bundle-mid-missing').map((d) => d.message)).toEqual(['a=group:BUNDLE names mid "7", which no m-line has']);
  });

  it('an offer whose BUNDLE tag is bundle-only (the WHIP draft\'s) is said, and Firefox\'s unbundled answer labels its m-lines as in the offer\'s group only (SFU-pairs audit: "moved out of BUNDLE · in BUNDLE", and the answerer blamed alone)', () => {
    const pair = 'test/fixtures/pairs/whip_draft_example_offer_firefox153_answer';
    let out = '';
    diffTexts([readFileSync(join(ROOT, `${pair}.offer.sdp`), 'utf8'), readFileSync(join(ROOT, `${pair}.answer.sdp`), 'utf8')], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
    expect(out).toContain("warning offer-tag-bundle-only: the offer's BUNDLE tag, mid 0 (its group's first), has a=bundle-only with port 9: RFC 9143 §7.2.1 forbids suggesting a bundle-only m-section as the tag");
    expect(out.split('\n').filter((l) => l.startsWith('m-line')).map((l) => l.split(' · ')[3] + ' · ' + l.split(' · ')[4])).toEqual(["accepted, moved out of BUNDLE · the offer's BUNDLE tag", "accepted, moved out of BUNDLE · in the offer's BUNDLE"]);
    // The answer's moved-out-of-bundle names the offer's cause (audit of the change: it blamed the answerer alone).
    expect(out).toContain("warning moved-out-of-bundle: mid 1 was bundled in the offer; the answer has no a=group:BUNDLE, so every m-line is on a transport of its own (the offer's tag is bundle-only, which Firefox answers so: offer-tag-bundle-only)");
    // The offer alone, as parse --type offer reads it: the same finding; a tag without bundle-only has none.
    const offer = parseSdp(readFileSync(join(ROOT, `${pair}.offer.sdp`), 'utf8'));
    expect(sideFindings(offer, 'offer').map((d) => d.kind)).toContain('offer-tag-bundle-only');
    expect(sideFindings(parseSdp(readFileSync(join(ROOT, `${pair}.offer.sdp`), 'utf8').replace('a=mid:0\na=bundle-only\n', 'a=mid:0\n')), 'offer').map((d) => d.kind)).not.toContain('offer-tag-bundle-only');
  });

  it('a mediasoup answer (hush_fm\'s dump): ICE options of the session and the m-section both, no no-trickle for the ICE-lite side, and its loopback candidate said (SFU-pairs audit: "renomination" alone, advice a lite agent cannot use, and "0 warnings" for a call that never connected)', async () => {
    const { out } = await json([join(ROOT, 'test/fixtures/dumps/hush_fm__webrtc_internals_dump.txt')]);
    expect(out.media.map((m: { ice: { answer: { options: string[] } } }) => m.ice.answer.options)).toEqual([['ice2', 'renomination']]);
    expect(out.diagnostics.map((d: { kind: string }) => d.kind)).not.toContain('no-trickle');
    // Its one candidate, 127.0.0.1, is what the call failed on (the dump: ICE stayed new; mediasoup without announcedAddress): said.
    expect(out.diagnostics.map((d: { kind: string; message: string }) => [d.kind, d.message])).toContainEqual(['lite-candidates-not-routable', 'the answer is ICE-lite and its candidates are 127.0.0.1 (loopback) only: addresses no peer outside that machine reaches, and a lite agent sends no checks of its own (its public address is not configured)']);
    // A full agent's answer without trickle is still said.
    const full = (lite: boolean) => `v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n${lite ? 'a=ice-lite\r\n' : ''}m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\na=fingerprint:sha-256 ${'AB:'.repeat(31)}AB\r\na=setup:passive\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n`;
    const offer = (JSON.parse(sample('offer.json')) as { offer: { sdp: string } }).offer.sdp;
    const kinds = (answer: string) => {
      let text = '';
      diffTexts([offer, answer], ['offer', 'answer'], { json: true, color: false }, (x) => (text += x));
      return (JSON.parse(text) as { diagnostics: { kind: string }[] }).diagnostics.map((d) => d.kind);
    };
    expect(kinds(full(false))).toContain('no-trickle');
    expect(kinds(full(true))).not.toContain('no-trickle');
    // A lite server on a LAN beside a peer on that LAN (both 192.168.x): no lite-candidates-not-routable (audit of the change); with a public peer, said.
    const lan = (peer: string) => offer.replace('a=mid:0\r\n', `a=mid:0\r\na=candidate:1 1 udp 2122260223 ${peer} 50000 typ host\r\n`);
    const liteLan = full(true).replace('a=rtpmap:111', 'a=candidate:1 1 udp 2130706431 192.168.1.20 40000 typ host\r\na=rtpmap:111');
    const kindsOf = (o: string) => {
      let text = '';
      diffTexts([o, liteLan], ['offer', 'answer'], { json: true, color: false }, (x) => (text += x));
      return (JSON.parse(text) as { diagnostics: { kind: string }[] }).diagnostics.map((d) => d.kind);
    };
    expect(kindsOf(lan('192.168.1.10'))).not.toContain('lite-candidates-not-routable');
    expect(kindsOf(lan('203.0.113.10'))).toContain('lite-candidates-not-routable');
  });

  it('a renegotiation that kept its o= version (a video m-line added) is a second round, not a copy of the offer (audit of the change)', () => {
    const offer = JSON.parse(sample('offer.json')).offer.sdp as string;
    const answer = JSON.parse(sample('answer.json')).answer.sdp as string;
    const audioOnly = (sdp: string) => sdp.slice(0, sdp.indexOf('m=video')).replace(/a=group:BUNDLE 0 1/, 'a=group:BUNDLE 0');
    const log = [audioOnly(offer), audioOnly(answer), offer, answer].map((x, i) => `${i % 2 === 0 ? 'offer' : 'answer'}:\n${x}`).join('\n');
    let out = '';
    diffTexts([log], ['renegotiation.log'], { json: false, color: false }, (x) => (out += x));
    expect(out).not.toMatch(/cop(y|ies) of the (offer|answer)/);
    expect(out).toMatch(/^note: round 1 of 2 /m);
  });
  it('"Offer:" and "Answer:" above a Markdown code fence, as issues paste them: the stated types, in both readers (sdp-diff audit: "no type stated")', async () => {
    const offer = (JSON.parse(sample('offer.json')).offer.sdp as string).replace(/\r/g, '');
    const answer = (JSON.parse(sample('answer.json')).answer.sdp as string).replace(/\r/g, '');
    const text = `Offer:\n\`\`\`sdp\n${offer}\`\`\`\n\nAnswer:\n\`\`\`\n${answer}\`\`\`\n`;
    const { readInput } = await import('../../src/input/read.js');
    expect(readInput(text).descriptions.map((d) => d.type)).toEqual(['offer', 'answer']);
    const { scanStream } = await import('../../src/node/stream.js');
    const { collectingSink } = await import('../../src/input/read.js');
    const { Readable } = await import('node:stream');
    const sink = collectingSink();
    await scanStream(Readable.from([Buffer.from(text)]), sink);
    expect(sink.report.descriptions.map((d) => d.type)).toEqual(['offer', 'answer']);
    let out = '';
    diffTexts([text], ['issue.md'], { json: false, color: false }, (x) => (out += x));
    expect(out).not.toMatch(/no type stated/);
  });
  it('two files that say no type, given answer first (a=setup:active, then actpass): compared the other way round, said (sdp-diff audit: read as offer-setup-not-actpass and a role conflict)', () => {
    const audit = (name: string) => readFileSync(join(ROOT, 'test/fixtures/sdp-diff-audit', name), 'utf8');
    let out = '';
    const status = diffTexts([audit('simulcast-not-answered.answer.sdp'), audit('simulcast-not-answered.offer.sdp')], ['answer.sdp', 'offer.sdp'], { json: false, color: false }, (x) => (out += x));
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^offer {2}offer\.sdp/);
    expect(lines).toContain("note: neither input says offer or answer, and they seem given answer first: the second's a=setup:actpass is an offer's, the first's a=setup an answer's (active or passive): compared as offer = second, answer = first");
    expect(out).not.toMatch(/offer-setup-not-actpass|dtls-role-conflict/);
    expect(status).toBe(0);
  });
  it('a log that prints each SDP again (Janus 0.2: raw, as JSON, shortened): its copies said as copies of the offer or the answer, not as glare or another call (sdp-diff audit)', () => {
    let out = '';
    diffTexts([readFileSync(join(ROOT, 'test/fixtures/threads/desert-eagle_janus020_streaming_log_excerpt.log'), 'utf8')], ['janus.log'], { json: false, color: false }, (x) => (out += x));
    const notes = out.split('\n').filter((l) => l.startsWith('note:'));
    expect(notes).toEqual([
      'note: line 3, line 22, line 67: copies of the offer as the log prints it again (the same o= line, session id and version, shortened or rewritten), not compared',
      'note: line 163, line 192, line 204: copies of the answer as the log prints it again (the same o= line, session id and version, shortened or rewritten), not compared',
    ]);
  });
  it('an answer m-line of another kind in the offer\'s place: not negotiated, no rows of what was not compared (sdp-diff audit: "accepted", "offerer sends", "DTLS ✓", "1 accepted" beside the refusal)', () => {
    const offer = JSON.parse(sample('offer.json')).offer.sdp as string;
    // The answer's first m-line, mid 0, made video.
    const swapped = (JSON.parse(sample('answer.json')).answer.sdp as string).replace('m=audio ', 'm=video ');
    let out = '';
    const status = diffTexts([offer, swapped], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
    expect(status).toBe(1);
    const lines = out.split('\n');
    const first = lines.findIndex((l) => l.startsWith('m-line 0'));
    expect(lines[first]).toMatch(/^m-line 0 · audio · mid 0 · not negotiated: the answer's m-line here is of another kind · /);
    expect(lines[first + 1]).toMatch(/^ {2}error {3}mline-mismatch: offer m-line 0 is audio mid 0, the answer's is video mid 0 at index 0: the browsers refuse such an answer/);
    expect(lines.at(-2)).toMatch(/^2 m-lines: 1 accepted, 1 not · /);
  });
  it('gives no ✓ to an m-line the answer left out, and no "none" for its fingerprint (README audit: "sendonly → - ✓")', () => {
    const pair = 'test/fixtures/pairs/arcas_loadtest_chrome_offer_mediasoup_answer_one_mline';
    let out = '';
    diffTexts([readFileSync(join(ROOT, `${pair}.offer.sdp`), 'utf8'), readFileSync(join(ROOT, `${pair}.answer.sdp`), 'utf8')], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
    const block = out.slice(out.indexOf('m-line 0'), out.indexOf('m-line 1'));
    expect(block).toContain('no answer m-line');
    expect(block).toMatch(/direction {2}sendonly → -\n/);
    expect(block).toMatch(/DTLS {7}setup actpass → - · fingerprint sha-256 \/ -\n/);
    expect(block).toMatch(/ICE {8}ufrag feJm \/ - · rtcp-mux yes \/ -\n/);
    // The answered m-line keeps its marks.
    expect(out.slice(out.indexOf('m-line 1'))).toMatch(/DTLS {7}setup actpass → active ✓/);
  });

  it('leaves out an empty fmtp parameter when it puts the key ones first (SFU audit: Jitsi\'s "a=fmtp:107 ;level-asymmetry-allowed=1" read ";;")', () => {
    const sdp = (fmtp: string, setup: string) => `v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 107\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\na=fingerprint:sha-256 ${'AB:'.repeat(31)}AB\r\na=setup:${setup}\r\na=rtcp-mux\r\na=sendrecv\r\na=rtpmap:107 H264/90000\r\na=fmtp:107 ${fmtp}\r\n`;
    let out = '';
    diffTexts([sdp('level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f', 'actpass'), sdp(';level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f', 'active')], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
    expect(out).toContain('profile-level-id=42e01f;packetization-mode=1;level-asymmetry-al');
    expect(out).not.toContain(';;');
  });
});

describe('a file of candidates alone', () => {
  it('is NO_SDP_FOUND saying how many candidates it holds and what reads them (README walk: a bare "no SDP found")', async () => {
    await expect(diffCommand({ files: [join(SAMPLES, 'candidates.json')], json: false, color: false }, () => undefined)).rejects.toMatchObject({ code: 'NO_SDP_FOUND', message: expect.stringMatching(/it holds 4 candidates and no description: sdpscope candidates reads them$/) });
  });
  it('a trickle-ICE fragment (a WHIP PATCH body) is said to be one, with what reads it, not the session lines to add (audit of the change: seven meaningless errors followed the advice)', () => {
    const text = readFileSync(fileURLToPath(new URL('../fixtures/threads/whipdraft_trickle_patch_sdpfrag.txt', import.meta.url)), 'utf8');
    expect(() => diffTexts([text], ['patch.txt'], { json: false, color: false }, () => undefined)).toThrow(expect.objectContaining({ code: 'NO_SDP_FOUND', message: expect.stringMatching(/it holds a trickle-ICE fragment \(RFC 8840: ICE lines and 4 candidates for a description exchanged before, as a WHIP PATCH carries\), not a description: sdpscope candidates reads it$/) }));
  });
  it('an m-section fragment alone is NO_SDP_FOUND saying it is one and what to add (RFC audit: RFC 8853\'s examples are m-sections)', () => {
    const fragment = 'm=video 49300 RTP/AVP 97 98\r\na=rtpmap:97 H264/90000\r\na=rtpmap:98 VP8/90000\r\n';
    expect(() => diffTexts([fragment, fragment], ['offer.sdp', 'answer.sdp'], { json: false, color: false }, () => undefined)).toThrow(expect.objectContaining({ code: 'NO_SDP_FOUND', message: expect.stringMatching(/^no SDP found in offer\.sdp; it holds an SDP fragment \(1 m-section from line 1, no v=\/o=\/s=\/t= lines\): sdp-diff compares whole descriptions, so put "v=0", .* above it/) }));
  });
});

describe('sdp-diff --json contract', () => {
  it('gives media[] with mid, index, kind, status, direction, codecs and diagnostics[]', async () => {
    const { code, out } = await json([join(SAMPLES, 'offer.json'), join(SAMPLES, 'answer.json')]);
    expect(code).toBe(0);
    expect(out.mode).toBe('negotiation');
    const m = out.media[0];
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['mid', 'index', 'kind', 'status', 'direction', 'codecs']));
    expect(m.direction).toMatchObject({ offer: 'sendrecv', answer: 'sendrecv', valid: true });
    expect(Object.keys(m.codecs.negotiated[0])).toEqual(expect.arrayContaining(['name', 'clockRate', 'channels', 'offerPayloadType', 'answerPayloadType', 'fmtp']));
    expect(m.codecs.offerOnly).toEqual([]);
    expect(out.diagnostics).toEqual([]);
    expect(out.offer).toMatchObject({ file: join(SAMPLES, 'offer.json'), line: 5, type: 'offer' });
  });

  it('exits 1 with coded diagnostics when the negotiation has errors', async () => {
    const offer = file('h264.sdp', buildSdp({ media: [{ formats: '102 103', codecs: H264_CB_PM1 }] }));
    const answer = file('vp8.sdp', buildSdp({ media: [{ setup: 'active', formats: '96', codecs: ['rtpmap:96 VP8/90000'] }] }));
    const { code, out } = await json([offer, answer]);
    expect(code).toBe(1);
    expect(out.diagnostics.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['no-common-codec', 'answer-codec-not-offered']));
    expect(out.diagnostics[0]).toEqual(expect.objectContaining({ code: expect.any(String), severity: expect.any(String), mid: '0', message: expect.any(String) }));
    expect(out.media[0].codecs.offerOnly[0]).toEqual({ name: 'H264', clockRate: 90000, channels: null, payloadType: 102, fmtp: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f', reason: 'H264 Constrained Baseline packetization-mode=1 not in answer' });
  });

  it('reads one file holding both (frame log, webrtc-internals dump)', async () => {
    expect((await json([join(SAMPLES, 'call.ndjson')])).out.media).toHaveLength(2);
    const dump = file('dump.json', corpusFile('dumps/local__chromium156_webrtc_internals_audio_video_dc.json'));
    const { out } = await json([dump]);
    expect(out.offer).toMatchObject({ peerConnection: '8-1', event: 'setLocalDescriptionOnSuccess' });
    expect(out.media.map((m: { kind: string }) => m.kind)).toEqual(['audio', 'video', 'application']);
  });

  it('diffs two offers', async () => {
    const other = file('o2.sdp', corpusFile('sdp/local__chromium156_recvonly_offer_av1_vp9_h264_flexfec_dc.sdp'));
    const { code, out } = await json([join(SAMPLES, 'offer.json'), other], { diff: true });
    expect(code).toBe(0);
    expect(out.mode).toBe('diff');
    // Two sessions (their o= session ids differ): credentials that differ are no restart, a payload type given another codec no rule broken (README audit: "an ICE restart" under "two sessions, not a renegotiation").
    const kinds = out.changes.map((c: { kind: string }) => c.kind);
    expect(kinds[0]).toBe('session-changed');
    expect(kinds).toContain('ice-credentials-changed');
    expect(kinds).not.toContain('ice-restart');
    expect(kinds).not.toContain('payload-type-reassigned');
    expect(out.changes.find((c: { kind: string }) => c.kind === 'ice-credentials-changed').message).toBe('ICE credentials differ (ufrag JDVd → K0dA, and the pwd): two sessions, each with its own, not a restart');
  });
});

describe('--diff and line endings (munging audit: OWT\'s setCodecParam rewrote an LF offer in CRLF, said only when nothing else changed)', () => {
  it('a change of line endings beside other changes is said, in the text and the JSON\'s notes', async () => {
    const lf = 'v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\na=rtpmap:111 opus/48000/2\na=fmtp:111 minptime=10\n';
    const crlf = lf.replace('minptime=10', 'minptime=10;stereo=1').replace(/\n/g, '\r\n');
    const [a, b] = [file('lf.sdp', lf), file('crlf.sdp', crlf)];
    let text = '';
    await diffCommand({ files: [a, b], diff: true, json: false, color: false }, (x) => (text += x));
    expect(text).toContain('note: line endings LF → CRLF as well (both browsers read either; a server or a script that splits on one kind may not)');
    const { out } = await json([a, b], { diff: true });
    expect(out.changes.map((c: { kind: string }) => c.kind)).toEqual(['version-not-increased', 'codec-parameters-changed']);
    expect(out.notes).toContain('line endings LF → CRLF as well (both browsers read either; a server or a script that splits on one kind may not)');
    // The same endings: no such note.
    const { out: same } = await json([a, file('lf2.sdp', crlf.replace(/\r\n/g, '\n'))], { diff: true });
    expect(same.notes.join('\n')).not.toMatch(/line endings/);
  });
});

describe('answers as real munging code left them (test/fixtures/munged-answers, ORIGINS.md there)', () => {
  const DIR = fileURLToPath(new URL('../fixtures/munged-answers', import.meta.url));
  const pair = async (name: string) => {
    let out = '';
    const code = await diffCommand({ files: [join(DIR, `${name}.offer.sdp`), join(DIR, `${name}.answer.sdp`)], json: false, color: false }, (x) => (out += x));
    return { code, out };
  };
  it('every pair is read, and negotiated without a crash', async () => {
    const names = readdirSync(DIR).filter((f) => f.endsWith('.offer.sdp')).map((f) => f.slice(0, -'.offer.sdp'.length));
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const n of names) expect([n, (await pair(n)).out]).toEqual([n, expect.stringMatching(/m-lines?: \d+ accepted/)]);
  });
  it('SIP.js\'s forceSendRecv on a sendonly offer: invalid-direction says both browsers refuse the answer (measured)', async () => {
    const { code, out } = await pair('sipjsapp__forceSendRecvModifier__chromeaudiosendonly-chromiumanswer');
    expect(code).toBe(1);
    expect(out).toContain('invalid-direction: offer sendonly answered sendrecv; allowed: recvonly, inactive: both browsers refuse the answer');
  });
  it('every fmtp rewritten to Opus\'s: each rtx without apt= said once, by the rule both browsers refuse it by, not again as "rtx for payload type ?"', async () => {
    const { out } = await pair('musicengine__fmtpAllOpus__samples-chromiumanswer');
    expect(out).not.toContain('payload type ?');
    expect(out).toContain('rtx payload type 97 has no apt=');
  });
  it('a GeForce NOW client\'s b=AS lines in the answer: the caps they put on the offerer\'s sending are said (they had gone unsaid)', async () => {
    const { out } = await pair('gfnclient__mungeAnswerSdp__firefox121-firefoxanswer');
    expect(out).toContain('bandwidth-limit: the answer\'s b=AS:128 asks the offerer to send at most 128 kb/s on this m-line (RTP and its overhead)');
  });
  it('VP8 renamed H264 in the answer: the first codec in common is named in full, with its payload type', async () => {
    const { out } = await pair('p2pdemo__acceptOfferVp8ToH264__samples-chromiumanswer');
    expect(out).toContain('(H264 Baseline packetization-mode=1 at payload type 102 is the first one in common)');
  });
});

describe('--diff of two offers whose o= version alone differs (renegotiation audit: said to differ in what gathering fills in)', () => {
  it('says the version, and that nothing else changed', async () => {
    const offer = JSON.parse(sample('offer.json')).offer.sdp as string;
    let out = '';
    await diffCommand({ files: [file('v2.sdp', offer), file('v3.sdp', offer.replace(/^(o=- \d+) 2 /m, '$1 3 '))], json: false, color: false, diff: true }, (x) => (out += x));
    expect(out).toContain('no changes: the same but for the o= version (2 → 3: nothing else changed, as a second createOffer or a SIP session refresh writes)');
  });
});

describe('real offer/answer pairs (test/fixtures/pairs, ORIGINS.md there)', () => {
  const DIR = fileURLToPath(new URL('../fixtures/pairs', import.meta.url));
  const doc = async (name: string) => (await json([join(DIR, `${name}.offer.sdp`), join(DIR, `${name}.answer.sdp`)])).out;
  it('an answer of one m-line for a two m-line offer (mediasoup): the offer\'s first m-line is unanswered, not "accepted" against the other\'s video; the video answered at index 0 said as such (pairs audit)', async () => {
    const out = await doc('arcas_loadtest_chrome_offer_mediasoup_answer_one_mline');
    expect(out.media.map((m: { mid: string; kind: string; status: string }) => [m.mid, m.kind, m.status])).toEqual([['0', 'audio', 'missing'], ['1', 'video', 'accepted']]);
    expect(out.diagnostics.map((d: { message: string }) => d.message)).toContain('offer m-line 1 (video mid 1) is answered at the answer\'s index 0, not 1: the answer lost an m-line before it (RFC 3264 §6: an answer keeps the offer\'s m-lines, in their order; Chromium refuses it: "The order of m-lines in answer doesn\'t match order in offer")');
  });
  it('the WHEP draft\'s example: its server\'s one msid in both m-sections said as Chromium\'s refusal; its answer with the m-sections swapped (janus-gateway#3320) is said reordered, not "added" and "lost" (WHIP audit)', async () => {
    const out = await doc('wish-whep-draft_example');
    expect(out.media.map((m: { mid: string; status: string }) => [m.mid, m.status])).toEqual([['0', 'accepted'], ['1', 'bundle-only']]);
    expect(out.diagnostics.filter((d: { severity: string }) => d.severity === 'error').map((d: { message: string }) => d.message)).toEqual([expect.stringMatching(/^a=msid:- d46fb922-d52a-4e9c-aa87-444eadc1521b is on line 26 too, in another m-section: Chromium rejects it/)]);
    const answer = readFileSync(join(DIR, 'wish-whep-draft_example.answer.sdp'), 'utf8');
    const at = answer.indexOf('m=video');
    const swapped = answer.slice(0, answer.indexOf('m=audio')) + answer.slice(at) + answer.slice(answer.indexOf('m=audio'), at);
    const { out: reordered } = await json([join(DIR, 'wish-whep-draft_example.offer.sdp'), file('swapped.sdp', swapped)]);
    expect(reordered.diagnostics.filter((d: { kind: string }) => d.kind === 'mline-mismatch').map((d: { message: string }) => d.message)).toEqual([0, 1].map((i) => `offer m-line ${i} (${i ? 'video' : 'audio'} mid ${i}) is answered at the answer's index ${1 - i}, not ${i}: the answer has the offer's m-lines in another order (RFC 3264 §6: an answer keeps the offer's m-lines, in their order; Chromium refuses it: "The order of m-lines in answer doesn't match order in offer")`));
  });
  it('FreeSWITCH\'s music-on-hold answer, its only m-line rejected as sofia-sip writes it (m=audio 0 … 19, no a=mid): everything-rejected, the profiles named, no error on its placeholder (SIP audit)', async () => {
    const out = await doc('onsipnotes_sipjs_chrome_offer_freeswitch_moh_rejected');
    expect(out.diagnostics.map((d: { kind: string; severity: string }) => [d.kind, d.severity])).toEqual(expect.arrayContaining([['media-rejected', 'info'], ['everything-rejected', 'warning']]));
    expect(out.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    expect(out.diagnostics.find((d: { kind: string }) => d.kind === 'media-rejected').message).toContain('(offered RTP/AVP, answered UDP/TLS/RTP/SAVPF)');
  });
  it('two SIP/RTP legs (Kurento\'s documented COMEDIA example: no ICE, no DTLS on either side): no browser in the exchange, so the browsers\' refusals fail nothing; said once (sip-legs), exit 0, no trickle note, the ICE row says none (pairs audit: exit 1 with four errors)', async () => {
    const files = [join(DIR, 'kurento_docs_comedia_rtp_leg.offer.sdp'), join(DIR, 'kurento_docs_comedia_rtp_leg.answer.sdp')];
    const out = await doc('kurento_docs_comedia_rtp_leg');
    expect(out.diagnostics.map((d: { kind: string }) => d.kind)).toEqual(['sip-legs']);
    expect(out.diagnostics[0].withheld).toEqual({ offer: ['ice-credentials-missing', 'fingerprint-missing'], answer: ['ice-credentials-missing', 'fingerprint-missing'] });
    let text = '';
    expect(await diffCommand({ files, json: false, color: false }, (x) => (text += x))).toBe(0);
    expect(text).toContain('  ICE        none on either side (SIP/RTP legs: the addresses are c= and m=) · rtcp-mux no / no');
    expect(text).toContain('info    sip-legs: neither description uses ICE or DTLS (no a=ice-ufrag, no a=fingerprint, no DTLS profile): two SIP/RTP legs, no browser in this exchange; what a browser would refuse in the offer (ice-credentials-missing, fingerprint-missing) and the answer (ice-credentials-missing, fingerprint-missing) fails nothing here (sdpscope parse shows it)');
    expect(text).not.toContain('rejected-by-browser');
    expect(text).toContain('0 errors, 0 warnings');
    // As a diff (a re-INVITE's two offers): the same, in a note.
    let diffText = '';
    expect(await diffCommand({ files, json: false, color: false, diff: true }, (x) => (diffText += x))).toBe(0);
    expect(diffText).toContain('neither description uses ICE or DTLS (no a=ice-ufrag, no a=fingerprint, no DTLS profile): SIP/RTP legs, no browser in them; what a browser would refuse in them is not counted (sdpscope parse shows it)');
    // One side a browser's (ICE and DTLS): its refusals of the other side are errors, as before.
    const browserOffer = readFileSync('samples/chromium156-recvonly-offer.sdp', 'utf8');
    let mixed = '';
    expect(await diffCommand({ files: [file('browser-offer.sdp', browserOffer), files[1]!], json: false, color: false }, (x) => (mixed += x))).toBe(1);
    expect(mixed).toContain('rejected-by-browser');
    expect(mixed).not.toContain('sip-legs');
    // A browser's pair with its ICE and fingerprint lines stripped (a munge) keeps its DTLS profile: no SIP legs, its refusals count (audit of the change: exit 0).
    const strip = (t: string) => t.split('\r\n').filter((l) => !/^a=(ice-ufrag|ice-pwd|fingerprint|candidate|ice-options)/.test(l)).join('\r\n');
    const sdpOf = (f: 'offer' | 'answer') => (JSON.parse(readFileSync(`samples/${f}.json`, 'utf8')) as Record<string, { sdp: string }>)[f]!.sdp;
    let munged = '';
    expect(await diffCommand({ files: [file('o.sdp', strip(sdpOf('offer'))), file('a.sdp', strip(sdpOf('answer')))], json: false, color: false }, (x) => (munged += x))).toBe(1);
    expect(munged).toContain('rejected-by-browser');
    expect(munged).not.toContain('sip-legs');
    // JSEP's TCP profile and RFC 5764's SAVP are DTLS profiles too (audit of the change).
    for (const proto of ['TCP/DTLS/RTP/SAVPF', 'UDP/TLS/RTP/SAVP']) {
      let other = '';
      const swap = (t: string) => strip(t).replace(/UDP\/TLS\/RTP\/SAVPF/g, proto);
      expect(await diffCommand({ files: [file('o2.sdp', swap(sdpOf('offer'))), file('a2.sdp', swap(sdpOf('answer')))], json: false, color: false }, (x) => (other += x))).toBe(1);
      expect([proto, other.includes('sip-legs')]).toEqual([proto, false]);
    }
  });
  it('Janus\'s publisher and subscriber pairs and data-channel pairs (mDNS; GStreamer\'s bundle-only offer; rawrtc\'s legacy DTLS/SCTP with max-message-size 0), calls that worked: no error', async () => {
    let legacy = '';
    await diffCommand({ files: [join(DIR, 'rawrtc_offer_chrome_answer_legacy_sctpmap.offer.sdp'), join(DIR, 'rawrtc_offer_chrome_answer_legacy_sctpmap.answer.sdp')], json: false, color: false }, (x) => (legacy += x));
    expect(legacy).toContain('max-message-size 0 (no limit) / (none: 64 KiB) (the largest message each side receives: the other sends at most that)');
    for (const n of ['janusvp9svc_readme_chrome_publisher', 'janusvp9svc_readme_janus_subscriber', 'coder7475_sysdesign_chrome_dc_mdns', 'gst_webrtcbin_offer_chrome85_answer_dc', 'rawrtc_offer_chrome_answer_legacy_sctpmap']) {
      const out = await doc(n);
      expect([n, out.diagnostics.filter((d: { severity: string }) => d.severity === 'error').map((d: { kind: string }) => d.kind)]).toEqual([n, []]);
    }
  });
});

describe('the built sdp-diff binary', () => {
  it('prints the report and exits 0 for the seed pair', () => {
    const r = runBin(['samples/offer.json', 'samples/answer.json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('m-line 1 · video · mid 1 · accepted');
    expect(r.stdout).toContain('2 m-lines: 2 accepted, 0 not · 0 errors, 0 warnings');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });
  it('prints nothing of its dependencies under DEBUG=* (h264-profile-level-id logs through `debug`)', () => {
    const r = spawnSync(process.execPath, [bin, 'samples/offer.json', 'samples/answer.json'], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, NO_COLOR: '1', DEBUG: '*', DEBUG_COLORS: 'no' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('h264-profile-level-id');
    expect(r.stdout).toContain('2 m-lines: 2 accepted');
  });
  it('reads stdin as one of the inputs', () => {
    const r = runBin(['samples/offer.json', '-'], sample('answer.json'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('answer stdin:5');
  });
  it('prints help with examples', () => {
    const r = runBin(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Examples:');
  });
  it('reads a file named "help" as a file, in any place (yargs took a last "help" for --help: README audit)', () => {
    const help = join(dir, 'help');
    writeFileSync(help, sample('answer.json'));
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    for (const args of [[join(ROOT, 'samples/offer.json'), 'help'], ['--color=false', join(ROOT, 'samples/offer.json'), 'help']]) {
      const r = run(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('answer help:5');
    }
    // Absent, it is a missing file; --help stays help.
    expect(spawnSync(process.execPath, [bin, 'samples/offer.json', 'help'], { encoding: 'utf8', cwd: ROOT }).stderr).toContain('[FILE_NOT_FOUND]');
    expect(run(['--help']).stdout).toContain('Examples:');
  });
  it.each([
    [['nope.json', 'samples/answer.json'], 'FILE_NOT_FOUND'],
    // No file, and an empty pipe: standard input is read, and it is empty (at a terminal: USAGE; test/cli/shell.test.ts).
    [[], 'EMPTY_INPUT'],
    [['a', 'b', 'c'], 'USAGE'],
    [['--frob'], 'USAGE'],
    [['samples/offer.json'], 'NO_OFFER_ANSWER'],
    [['samples/README.md', 'samples/answer.json'], 'NO_SDP_FOUND'],
  ])('%j → exit 2, one line, %s', (args, code) => {
    const r = runBin(args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`[${code}]`);
  });
});

describe('a report past the longest string V8 makes (fuzz seed 20261205: "internal error: Invalid string length")', () => {
  const text = gunzipSync(readFileSync(new URL('../fixtures/fuzz/uncaught-sdp-diff-two-files--session-ufrag-every-m-line.txt.gz', import.meta.url))).toString('utf8');
  it('the text report cuts the session-level ufrag each m-line repeats; the JSON one writes it short (test/cli/render-description-json.test.ts)', () => {
    let out = '';
    diffTexts([text, text], ['a', 'b'], { json: false, color: false }, (s) => (out += s));
    expect(out.length).toBeLessThan(2_000_000);
    expect(out).toMatch(/ufrag u{200,}…/);
  });
});

describe('sdp-diff against the browsers: the audit of 2026-12-05 afternoon (test/fixtures/sdp-diff-audit)', () => {
  const AUDIT = fileURLToPath(new URL('../fixtures/sdp-diff-audit', import.meta.url));
  const diffCase = (name: string) => {
    let out = '';
    const status = diffTexts([readFileSync(join(AUDIT, `${name}.offer.sdp`), 'utf8'), readFileSync(join(AUDIT, `${name}.answer.sdp`), 'utf8')], ['offer', 'answer'], { json: true, color: false }, (s) => (out += s));
    const found = (JSON.parse(out) as { diagnostics: { kind: string; severity: string; message: string }[] }).diagnostics;
    return { status, errors: found.filter((d) => d.severity === 'error'), found };
  };
  it.each(['plain-rtp-avp', 'sdes-rtp-savpf'])('%s: an offer without DTLS, which both browsers reject, is an error (it passed as clean): the description\'s rule, not again per m-line', (name) => {
    const r = diffCase(name);
    expect(r.status).toBe(1);
    const rule = r.errors.find((e) => (e as { rule?: string }).rule === 'fingerprint-missing');
    expect(rule!.message).toMatch(/(: plain RTP|with a=crypto: SDES-SRTP); the browsers implement DTLS-SRTP only\): Chromium and Firefox reject it$/);
    expect(r.errors.map((e) => e.kind)).not.toContain('missing-fingerprint');
  });
  it.each(['firefox-reoffer-stopped', 'sctp-legacy-answer', 'sctp-tcp-answer', 'ice-pwd-equals', 'ice-ufrag-dash', 'ice-mixed-levels'])('%s: both browsers accept it, and sdp-diff finds no error (it had errors)', (name) => {
    const r = diffCase(name);
    expect(r.errors).toEqual([]);
    expect(r.status).toBe(0);
  });
  it('ICE characters "-", "_", "=" are a warning (both browsers take them); "!" stays an error (Chromium rejects it)', () => {
    expect(diffCase('ice-pwd-equals').found.map((d) => d.kind)).toContain('ice-credentials-chars');
    expect(diffCase('ice-ufrag-dash').found.map((d) => d.kind)).toContain('ice-credentials-chars');
  });
});

describe('sdp-diff against the browsers: the audit of 2026-12-06 (test/fixtures/sdp-diff-audit/2026-12-06)', () => {
  const AUDIT = fileURLToPath(new URL('../fixtures/sdp-diff-audit/2026-12-06', import.meta.url));
  const diffCase = (name: string) => {
    let out = '';
    const status = diffTexts([readFileSync(join(AUDIT, `${name}.offer.sdp`), 'utf8'), readFileSync(join(AUDIT, `${name}.answer.sdp`), 'utf8')], ['offer', 'answer'], { json: true, color: false }, (s) => (out += s));
    const doc = JSON.parse(out) as { diagnostics: { kind: string; severity: string; message: string; rule?: string }[]; media: { dtls: { offererRole: string | null; valid: boolean }; headerExtensions: { negotiated: unknown[] } }[] };
    return { status, doc, errors: doc.diagnostics.filter((d) => d.severity === 'error') };
  };
  it.each(['session-extmap-offer', 'session-extmap-offer-chromium-answer', 'nontag-no-ice-ff-offer', 'nontag-no-ice-cr-offer'])('%s: the browsers accept it, no error (it had 2 to 15)', (name) => {
    const r = diffCase(name);
    expect(r.errors).toEqual([]);
    expect(r.status).toBe(0);
  });
  it('session-level a=extmap are each m-line\'s: negotiated, and an answer\'s not offered is Firefox\'s refusal (it passed)', () => {
    const offer = diffCase('session-extmap-offer').doc;
    expect(offer.media[0]!.headerExtensions.negotiated.length).toBeGreaterThan(0);
    // An RTP m-section's only: a data channel has none (audit of the change: "12 negotiated").
    const d = parseSdp('v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:1\r\n');
    expect(d.media.map((m) => m.extmaps.length)).toEqual([1, 0]);
    const r = diffCase('session-extmap-answer');
    expect(r.status).toBe(1);
    expect(r.errors.map((e) => e.kind)).toContain('header-extension-not-offered');
    expect(r.errors.find((e) => e.kind === 'header-extension-not-offered')!.message).toMatch(/toffset was not offered: Firefox rejects it/);
  });
  it('RTP/SAVPF with a fingerprint is DTLS-SRTP: an answer\'s actpass and an offer without a=setup are the browsers\' refusals (they passed as "plain RTP")', () => {
    const a = diffCase('rtp-savpf-answer-actpass');
    expect(a.status).toBe(1);
    expect(a.errors.map((e) => e.kind)).toContain('dtls-role-conflict');
    expect(a.doc.media[0]!.dtls.valid).toBe(false);
    const o = diffCase('rtp-savpf-offer-no-setup');
    expect(o.errors.map((e) => e.kind)).toEqual(['offer-setup-missing']);
  });
  it('a mid of 20 characters: both browsers refuse it (rule mid-length; it passed)', () => {
    const r = diffCase('mid-20-chars');
    expect(r.status).toBe(1);
    expect(r.errors.filter((e) => e.rule === 'mid-length').length).toBeGreaterThan(0);
  });
  it('--diff: a recycled m-line, a non-tag ufrag, a gathered description, said as what they are (removed + added, an ICE restart, "must increase" before)', () => {
    const diff = (name: string) => diffDescriptions(parseSdp(readFileSync(join(AUDIT, `${name}.before.sdp`), 'utf8')), parseSdp(readFileSync(join(AUDIT, `${name}.after.sdp`), 'utf8'))).changes;
    const recycled = diff('recycled');
    expect(recycled.map((c) => c.kind)).toEqual(['bundle-changed', 'mline-recycled']);
    expect(recycled[1]).toMatchObject({ mid: '3', index: 1, before: 'video mid 1 (stopped)', after: 'video mid 3' });
    const nontag = diff('nontag-ufrag');
    expect(nontag.map((c) => c.kind)).not.toContain('ice-restart');
    expect(nontag.find((c) => c.kind === 'ice-credentials-changed')!.message).toMatch(/^ICE credentials changed \(ufrag GqSI → ZZZZ, and the pwd\) on an m-line bundled behind mid 0, whose credentials are the transport's and did not change: no ICE restart$/);
    expect(diff('gathered').map((c) => c.kind)).toEqual(['candidate-added', 'candidate-added']);
  });
  it('answers with their mids swapped: the mismatch, said once per m-line, and nothing compared across kinds (13 errors and 31 warnings before)', () => {
    const r = diffCase('mid-swap');
    expect(r.status).toBe(1);
    expect(r.doc.diagnostics.map((d) => d.kind)).toEqual(['mline-mismatch', 'mline-mismatch']);
  });
});

describe('sdp-diff: the audit of 2026-12-05 afternoon, words and the library', () => {
  const AUDIT = fileURLToPath(new URL('../fixtures/sdp-diff-audit', import.meta.url));
  it('only telephone-event in common: both browsers accept, no audio flows (it said Firefox refuses, Chromium sends)', () => {
    let out = '';
    diffTexts([readFileSync(join(AUDIT, 'dtmf-only-common.offer.sdp'), 'utf8'), readFileSync(join(AUDIT, 'dtmf-only-common.answer.sdp'), 'utf8')], ['offer', 'answer'], { json: true, color: false }, (s) => (out += s));
    const d = (JSON.parse(out) as { diagnostics: { kind: string; message: string }[] }).diagnostics.find((x) => x.kind === 'no-common-codec')!;
    expect(d.message).toMatch(/only telephone-event in common; both browsers accept the answer, and no audio flows \(Firefox sends DTMF only, Chromium configures no codec\)$/);
  });
  it('--diff reads directions as the browsers do: a session-level a=recvonly is no change (negotiation mode says the browsers ignore it)', () => {
    const before = buildSdp({ media: [{}] });
    const after = before.replace('t=0 0\r\n', 't=0 0\r\na=recvonly\r\n').replace(/a=sendrecv\r\n/g, '');
    const r = diffDescriptions(parseSdp(before), parseSdp(after));
    expect(r.changes.filter((c) => c.kind === 'direction-changed')).toEqual([]);
    // Said apart, as SIP peers read it (SIP audit: a phone's hold at session level went unsaid).
    expect(r.changes.filter((c) => c.kind === 'session-direction-changed').map((c) => c.message)).toEqual(["session-level direction (none: sendrecv) → recvonly; it applies to the m-line without a direction of its own (RFC 8866 §6.7), though browsers read only the m-line's"]);
  });
  it('--diff says a dynamic payload type given to another codec, as one change (RFC 3264 §8.3.2; SIP audit: one codec added and one removed, nothing more)', () => {
    const sdp = (map: string) => parseSdp(`v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 ${map}\r\n`);
    const r = diffDescriptions(sdp('telephone-event/8000'), sdp('G726-32/8000'));
    expect(r.changes.filter((c) => c.kind !== 'version-not-increased').map((c) => c.kind)).toEqual(['payload-type-reassigned']);
    expect(r.changes.filter((c) => c.kind === 'payload-type-reassigned').map((c) => c.message)).toEqual(['payload type 101 is G726-32 now, telephone-event before: a dynamic payload type keeps its codec for the whole session (RFC 3264 §8.3.2); a peer that kept the old mapping decodes it as the wrong codec']);
    expect(diffDescriptions(sdp('telephone-event/8000'), sdp('telephone-event/48000')).changes.map((c) => c.kind)).not.toContain('payload-type-reassigned');
  });
  it('--diff of a pranswer and the answer after it (SIP\'s 183 then 200): no version rule, the replacement said (SIP audit: "a new offer must raise it")', async () => {
    const sdp = (dir: string) => `v=0\r\no=- 7 7 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\na=${dir}\r\n`;
    const { out } = await json([file('183.json', JSON.stringify({ type: 'pranswer', sdp: sdp('sendonly') })), file('200.json', JSON.stringify({ type: 'answer', sdp: sdp('sendrecv') }))], { diff: true });
    expect(out.changes.map((c: { kind: string }) => c.kind)).toEqual(['direction-changed']);
    expect(out.notes).toContain('a provisional answer (pranswer) and the answer after it: the final answer replaces it, and may differ (RFC 9429 §4.1.10.1; SIP\'s 183 then 200, RFC 3262)');
  });
  it('--diff says a transport protocol change whatever else changed (rtpengine#1201\'s T.38 re-INVITE, SRTP turned on with a new port), and a session-level hold (SIP audit)', () => {
    const before = 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n';
    const after = before.replace(/^(m=audio) 9 UDP\/TLS\/RTP\/SAVPF/m, '$1 4000 RTP/AVP').replace('t=0 0\r\n', 't=0 0\r\na=sendonly\r\n');
    const r = diffDescriptions(parseSdp(before), parseSdp(after));
    expect(r.changes.filter((c) => c.kind === 'protocol-changed' || c.kind === 'session-direction-changed').map((c) => c.message)).toEqual([
      'protocol UDP/TLS/RTP/SAVPF → RTP/AVP: SRTP turned off (RFC 3264 §8.3.1: a new transport for the stream)',
      "session-level direction (none: sendrecv) → sendonly: a hold, as SIP peers read it (RFC 3264 §8.4); it applies to the m-line without a direction of its own (RFC 8866 §6.7), though browsers read only the m-line's",
    ]);
  });
  it('diffDescriptions on a description whose media is not a list: INVALID_ARGUMENT (it made up changes)', () => {
    const d = parseSdp(buildSdp({ media: [{}] }));
    expect(() => diffDescriptions({ ...d, media: 'xy' as never }, d)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
  it('a header extension URI with backslashes (Skype for Business\'s) is shown whole in the text, not cut at its "http:"', () => {
    const offer = 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=sendrecv\r\na=extmap:1 http:\\\\www.webrtc.org\\experiments\\rtp-hdrext\\abs-send-time\r\na=rtpmap:111 opus/48000/2\r\n';
    let out = '';
    diffTexts([offer, offer], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
    expect(out).toContain('header extensions  1 negotiated (1 http:\\\\www.webrtc.org\\experiments\\rtp-hdrext\\abs-send-time)');
  });
  it('RFC 6904 encrypted header extensions are matched by the URI they encrypt: an exact echo is no id change (it was "Firefox rejects it")', () => {
    let out = '';
    const status = diffTexts([readFileSync(join(AUDIT, 'extmap-encrypt-echo.offer.sdp'), 'utf8'), readFileSync(join(AUDIT, 'extmap-encrypt-echo.answer.sdp'), 'utf8')], ['offer', 'answer'], { json: true, color: false }, (s) => (out += s));
    const doc = JSON.parse(out) as { diagnostics: { kind: string }[]; media: { headerExtensions: { negotiated: { uri: string; offerId: number; answerId: number }[] } }[] };
    expect(doc.diagnostics.map((d) => d.kind)).not.toContain('header-extension-id-changed');
    expect(doc.media[0]!.headerExtensions.negotiated.filter((n) => n.uri.startsWith('urn:ietf:params:rtp-hdrext:encrypt ')).every((n) => n.offerId === n.answerId)).toBe(true);
    expect(status).toBe(0);
  });
});

describe('sdp-diff on RFC 8829\'s own examples (test/fixtures/threads/rfc8829_*): bundled m-sections other than the tag (the sdp-diff audit of 2026-12-06: four false errors)', () => {
  const THREADS = fileURLToPath(new URL('../fixtures/threads', import.meta.url));
  const diffPair = (name: string) => {
    let out = '';
    const status = diffTexts([readFileSync(join(THREADS, `rfc8829_${name}_offer.sdp`), 'utf8'), readFileSync(join(THREADS, `rfc8829_${name}_answer.sdp`), 'utf8')], ['offer', 'answer'], { json: true, color: false }, (x) => (out += x));
    const doc = JSON.parse(out) as { diagnostics: { kind: string; severity: string; rule?: string; browsers?: { chromium: string; firefox: string } }[] };
    return { status, doc };
  };
  it('B1 (a bundle-only data channel): nothing to say', () => {
    const r = diffPair('B1');
    expect(r.doc.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.kind)).toEqual([]);
    expect(r.status).toBe(0);
  });
  it.each(['A1', 'C1'])('%s: no fingerprint, setup, ICE or credential finding for the answer\'s bundled m-section; the only error is its missing a=rtcp-mux, which both browsers refuse (measured)', (name) => {
    const r = diffPair(name);
    const kinds = r.doc.diagnostics.map((d) => d.kind);
    for (const k of ['missing-fingerprint', 'missing-ice-credentials', 'offer-setup-missing', 'missing-setup', 'bundle-credentials-differ']) expect([k, kinds.includes(k)]).toEqual([k, false]);
    // C1's offer has a bundle-only video without a=rtcp-mux too, which Firefox refuses (measured: the foreign-offer oracle).
    expect(r.doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual(name === 'C1' ? ['rtcp-mux-missing-bundle-only', 'rtcp-mux-missing'] : ['rtcp-mux-missing']);
  });
  it('B2 (a re-offer, transport attributes in the tag only, no bundle-only): Firefox\'s refusals, each said as Firefox\'s alone', () => {
    const r = diffPair('B2');
    const firefoxOnly = r.doc.diagnostics.filter((d) => ['missing-fingerprint', 'missing-ice-credentials', 'offer-setup-missing'].includes(d.kind));
    expect(firefoxOnly.length).toBeGreaterThan(0);
    for (const d of firefoxOnly) expect(d.browsers).toEqual({ chromium: 'accepts', firefox: 'rejects' });
  });
});

describe('--round', () => {
  const dump = 'test/fixtures/dumps/guilospanck-webrtc-stats-analyzer__chrome144_two_rounds_excerpt.json';
  it('compares the round asked for ("last", -1, 2): the data channel added in round 2 shown; a round past the last, 0, a word, or with two files is a usage error (exit 2)', () => {
    for (const r of ['last', '-1', '2']) {
      const out = runBin([dump, '--round', r]);
      expect(out.status).toBe(0);
      expect(out.stdout).toContain('note: round 2 of 2 (offer line 151 (updateLog[28]), answer line 166 (updateLog[31])): --round (the round option) chooses another');
      expect(out.stdout).toMatch(/m-line 2 · application · mid 2 · accepted/);
    }
    const first = runBin([dump]);
    expect(first.stdout).toContain('note: round 1 of 2 (offer line 36 (updateLog[5]), answer line 76 (updateLog[13]))');
    expect(first.stdout).not.toMatch(/m-line 2 · application/);
    // --diff of one file: the last round against the one before (a data channel added).
    const changed = runBin([dump, '--diff']);
    expect(changed.status).toBe(0);
    expect(changed.stdout).toMatch(/^before .*:36, pc 94-1, setLocalDescription\nafter  .*:151, pc 94-1, setLocalDescription\n/);
    expect(changed.stdout).toMatch(/mline-added +m-line 2 mid 2 +m-line 2 \(application, mid 2\) added/);
    const bad = [
      [[dump, '--diff', '--round', '1'], /round 1 is the first \(of 2\): --round 2 or a later one \[NO_OFFER_ANSWER\]/],
      [[dump, '--round', '3'], /has 2 offer\/answer rounds: there is no round 3 .*\[NO_OFFER_ANSWER\]/],
      [[dump, '--round', '0'], /--round counts from 1 .*0 is none .*\[USAGE\]/],
      [[dump, '--round', 'first'], /--round must be an integer .* or "last", not "first" .*\[USAGE\]/],
      [['samples/offer.json', 'samples/answer.json', '--round', '1'], /--room, --pc and --round choose within one file holding both.*\[USAGE\]/],
    ] as const;
    for (const [args, message] of bad) {
      const r = runBin([...args]);
      expect([r.status, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('sdp-diff on the BUNDLE cases the audit of 2026-12-07 (sixth session) measured (test/fixtures/verdicts/mutations.json.gz)', () => {
  const fixture = JSON.parse(gunzipSync(readFileSync(new URL('../fixtures/verdicts/mutations.json.gz', import.meta.url))).toString('utf8')) as { cases: { id: string; results: Record<string, { offer: string; answer: string; verdict: string }> }[] };
  const pair = (id: string) => fixture.cases.find((c) => c.id === id)!.results.chromium!;
  const text = (id: string) => {
    let out = '';
    const status = diffTexts([pair(id).offer, pair(id).answer], ['offer', 'answer'], { json: false, color: false }, (s) => (out += s));
    return { status, out };
  };
  it('simulcast Chromium sends nothing of (every layer paused, Teams-style; only unknown rids) or one stream of (not answered): said in the direction and simulcast rows (sdp-diff audit, eleventh session: "offerer sends" of 0 packets; every layer ✗ of a stream sent)', () => {
    const audit = (name: string) => readFileSync(new URL(`../fixtures/sdp-diff-audit/${name}`, import.meta.url), 'utf8');
    const rows = (offer: string, answer: string) => {
      let out = '';
      diffTexts([audit(offer), audit(answer)], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
      return out.split('\n').filter((l) => /^ {2}(direction|simulcast) /.test(l) || /^ {2}warning simulcast/.test(l));
    };
    const paused = rows('simulcast-rids-1-2.offer.sdp', 'simulcast-all-paused.answer.sdp');
    expect(paused.slice(0, 2)).toEqual(['  direction  sendrecv → recvonly ✓  offerer sends (Chromium: nothing, see simulcast), answerer does not send', '  simulcast  send 1;2 → recv ~1;~2 · 1 paused · 2 paused']);
    expect(paused[2]).toMatch(/^ {2}warning simulcast-all-paused: the answer receives every layer it takes paused \(~1, ~2\): Chromium sends nothing on this m-line/);
    expect(rows('simulcast-rids-1-2.offer.sdp', 'simulcast-unknown-rids.answer.sdp')[0]).toBe('  direction  sendrecv → recvonly ✓  offerer sends (Chromium: nothing, see simulcast), answerer does not send');
    expect(rows('simulcast-not-answered.offer.sdp', 'simulcast-not-answered.answer.sdp').slice(0, 2)).toEqual(['  direction  sendonly → recvonly ✓  offerer sends, answerer does not send', '  simulcast  send h;m;l → recv none · one stream, no simulcast (Chromium sends the first layer, h)']);
  });
  it('legacy simulcast (a=ssrc-group:SIM, no rids) has its row, so it is not taken for rid simulcast (simulcast audit)', () => {
    const offer = (JSON.parse(sample('offer.json')).offer.sdp as string).replace(/(a=ssrc-group:FID (\d+) \d+\r\n)/, '$1a=ssrc:1111111111 cname:x\r\na=ssrc:2222222222 cname:x\r\na=ssrc-group:SIM $2 1111111111 2222222222\r\n');
    let out = '';
    diffTexts([offer, JSON.parse(sample('answer.json')).answer.sdp as string], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
    expect(out).toMatch(/ {2}simulcast {2}legacy, the offer's a=ssrc-group:SIM: 3 layers by ssrc \(\d+ 1111111111 2222222222\), no rids; nothing for the answer to take/);
  });
  it('the answer\'s tag is labelled as such where it is not the offer\'s (BUNDLE audit, eighth session: an answer group "1 0" or the offer\'s tag rejected kept the offer\'s label alone)', () => {
    const offer = JSON.parse(sample('offer.json')).offer.sdp as string;
    const answer = (JSON.parse(sample('answer.json')).answer.sdp as string).replace('a=group:BUNDLE 0 1', 'a=group:BUNDLE 1 0');
    let out = '';
    diffTexts([offer, answer], ['offer', 'answer'], { json: false, color: false }, (x) => (out += x));
    expect(out.split('\n').filter((l) => l.startsWith('m-line')).map((l) => l.split(' · ')[4])).toEqual(["the offer's BUNDLE tag", "in BUNDLE, the answer's tag"]);
  });
  it('a bundled video\'s own a=setup:actpass: no error (both accept), its DTLS row says the roles are the tag\'s transport', () => {
    const r = text('setup-actpass-not-tag');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/DTLS {7}setup actpass → actpass ✓: offerer DTLS \w+, answerer \w+ \(the BUNDLE tag's transport\)/);
  });
  it.each([
    ['bundle-tag-rejected', 'bundle-answer-tag-rejected'],
    ['bundle-added-unoffered', 'bundle-not-in-offer'],
  ])('%s: the browser refused it, sdp-diff says %s, exit 1', (id, kind) => {
    expect(pair(id).verdict).toMatch(/^rejects/);
    const r = text(id);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`error   ${kind}: `);
  });
});
