import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCommand, parseStream, parseText } from '../../cli/commands/parse.js';
import { generate } from '../../scripts/fuzz/mutate.js';
import { loadSeeds } from '../../scripts/fuzz/seeds.js';
import { diagnosticJson } from '../../cli/render/diagnostics.js';
import { renderParse, toJson } from '../../cli/render/parse.js';
import { makeStyle, visibleLength } from '../../cli/render/style.js';
import { describeFailure, EXIT_BAD_INPUT, EXIT_INTERNAL } from '../../cli/run.js';
import { SdpscopeError } from '../../src/errors.js';
import { readInput } from '../../src/input/read.js';
import { CORPUS, sample, SAMPLES } from '../support/corpus.js';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../support/scratch.js';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const plain = makeStyle(false);

describe('renderParse', () => {
  it('an SDP within a longer input (a SIP message) says where its own line 1 is, beside the candidate table\'s input lines (pairs audit: "line 23" and "sdp line 14" unexplained)', () => {
    const sip = 'SIP/2.0 200 OK\r\nVia: SIP/2.0/WSS x\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\na=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ srflx\r\n';
    const out = renderParse(readInput(sip), 'sip.txt', plain);
    expect(out).toContain("diagnostics (sdp lines count from the description's first line, sip.txt:5):");
    expect(out).toMatch(/candidate-missing-related-address \(sdp line 7\)/);
    expect(out).toMatch(/\n\s+11\s+\S+\s+1\s+srflx/);
  });

  it('shows every a=group, not only BUNDLE (sdp-diff audit: OBS\'s a=group:LS was not shown)', () => {
    const out = renderParse(readInput('v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\na=group:LS 0 1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n'), 'x', plain);
    expect(out).toContain('  o=- 1 2  ·  BUNDLE 0 1  ·  group LS 0 1\n');
  });

  it('header extensions with their direction when written, and named after a "#" (SIP audit: 2/recvonly shown as 2; simulcast audit: "#dependency-descriptor…")', () => {
    const out = renderParse(readInput('v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\na=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level\r\na=extmap:12 https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension\r\na=rtpmap:96 VP8/90000\r\n'), 'x', plain);
    expect(out).toContain('header extensions: 2/recvonly csrc-audio-level, 12 dependency-descriptor-rtp-header-extension\n');
    // And each rid's restrictions as written (simulcast audit: only --json had them).
    const rids = renderParse(readInput('v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\na=rtpmap:96 VP8/90000\r\na=rid:h send pt=96;max-width=1280\r\na=rid:l send\r\na=simulcast:send h;l\r\n'), 'x', plain);
    expect(rids).toContain('rids: h send (pt=96;max-width=1280), l send  simulcast send h;l\n');
  });

  it('a BUNDLE group with no mid, or an empty one, is shown as such (ion-sfu#426\'s bare "a=group:BUNDLE" read "BUNDLE ")', () => {
    const head = 'v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n';
    expect(renderParse(readInput(`${head}a=group:BUNDLE\r\n`), 'x', plain)).toContain('  o=- 1 2  ·  BUNDLE (no mid)\n');
    expect(renderParse(readInput(`${head}a=group:BUNDLE 0 \r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n`), 'x', plain)).toContain('  o=- 1 2  ·  BUNDLE 0 ""\n');
  });

  it('an unparseable trickled candidate: its code and text in the last column, the columns before it as wide as the good rows need (audit)', () => {
    const out = renderParse(readInput('candidate:1 1 udp 1 10.0.0.1 99999 typ host\ncandidate:2 1 udp 2122260223 10.0.0.1 5001 typ host\n'), 'a.log', plain);
    const [header, bad, good] = out.split('\n').slice(1, 4);
    expect(header).toMatch(/ address {3}port .* related {2}relay {2}class {4}extensions$/);
    expect(bad).toMatch(/^1 +invalid +CANDIDATE_PORT candidate:1 1 udp 1 10\.0\.0\.1 99999 typ host$/);
    expect(bad!.indexOf('CANDIDATE_PORT')).toBe(header!.indexOf('extensions'));
    expect(good).toMatch(/^2 +1 +host +2 +udp +10\.0\.0\.1 +5001 /);
  });

  it('shows no direction for a data channel m-line (RFC 8841; SFU audit: "sendrecv" read as negotiated), and one written there as written', () => {
    const out = renderParse(readInput(sample('chromium156-recvonly-offer.sdp')), 'o.sdp', plain);
    expect(out).toContain('m=application mid 2  no direction (data channel)  port 9  UDP/DTLS/SCTP');
    const written = sample('chromium156-recvonly-offer.sdp').replace('a=mid:2\r\n', 'a=mid:2\r\na=sendrecv\r\n');
    expect(renderParse(readInput(written), 'o.sdp', plain)).toContain('m=application mid 2  sendrecv  port 9');
  });

  it('summarises the seed offer: session, m-lines, codecs, ICE, DTLS', () => {
    const out = renderParse(readInput(sample('offer.json')), 'offer.json', plain);
    expect(out).toContain('offer  (offer.json:5, offer) — 2 m-lines');
    expect(out).toContain('BUNDLE 0 1');
    expect(out).toContain('m=audio mid 0  sendrecv  port 9  UDP/TLS/RTP/SAVPF');
    expect(out).toContain('ICE ufrag JDVd pwd 24 chars options trickle');
    expect(out).toContain('DTLS setup actpass sha-256 3B:60:C9…D5:B7:B6');
    expect(out).toContain('111 opus/48000/2 minptime=10;useinbandfec=1  fb: transport-cc');
    expect(out).toContain('102 H264/90000 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f');
    expect(out).not.toMatch(/\x1b\[/);
  });

  it('tabulates trickled candidates with the decoded priority', () => {
    const out = renderParse(readInput(sample('call.ndjson')), 'call.ndjson', plain);
    expect(out).toContain('Trickled candidates: 5  (end-of-candidates seen 1×)');
    expect(out).toMatch(/srflx\s+2649982101\s+udp\s+219\.142\.117\.143\s+2212\s+100 \| 32542 \| 1\s+10\.25\.39\.1:60751\s+public\s+gen 0 net-id 1 cost 10/);
  });

  it('colours when asked', () => {
    expect(renderParse(readInput(sample('offer.json')), 'x', makeStyle(true))).toMatch(/\x1b\[/);
  });
});

/** Every sample and corpus file. */
const inputFiles = () => [
  ...readdirSync(SAMPLES).filter((f) => !f.endsWith('.gz')).map((f) => join(SAMPLES, f)),
  ...['sdp', 'candidates', 'dumps'].flatMap((d) => readdirSync(join(CORPUS, d)).map((f) => join(CORPUS, d, f))),
];

/** Temporary folders the tests made, removed after them. */
const afterCleanup: string[] = [];
afterAll(() => {
  for (const d of afterCleanup) rmSync(d, { recursive: true, force: true });
});

describe('parseCommand', () => {
  it('a file that starts with a byte order mark (an editor\'s): its SDP is read from its v=0 line (parse audit: "no v= line: the description starts at its o= line")', async () => {
    const sdp = readFileSync(join(SAMPLES, 'chromium156-answer.sdp'), 'utf8');
    const bom = join(scratchDir('sdpscope-parse-bom-'), 'bom.sdp');
    writeFileSync(bom, `\ufeff${sdp}`);
    let out = '';
    await parseCommand({ file: bom, json: true, color: false }, (s) => (out += s));
    const d = JSON.parse(out).descriptions[0];
    expect([d.source.line, d.description.version, d.description.diagnostics.map((x: { kind: string }) => x.kind)]).toEqual([1, '0', []]);
  });

  it('prints JSON with the model and explanations', async () => {
    let out = '';
    const code = await parseCommand({ file: join(SAMPLES, 'call.ndjson'), json: true, color: false }, (s) => (out += s));
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.descriptions.map((d: { type: string }) => d.type)).toEqual(['offer', 'answer']);
    expect(json.descriptions[0].description.origin.sessionId).toBe('5949851614612336510');
    expect(json.candidates[0].explanation.priority).toEqual({ typePreference: 126, localPreference: 32542, componentId: 1 });
  });

  it('says "sdp line" for a description\'s findings unless the SDP is the file itself (audit: "line 13" of a 4-line input)', async () => {
    const dir = scratchDir('sdpscope-parse-lines-');
    afterCleanup.push(dir);
    const sdp = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=rtcp-mux\r\na=candidate:3 1 udp 2122260223 10.0.0.3 5000 typ weird\r\n';
    const inLog = join(dir, 'frame.log');
    writeFileSync(inLog, `hello\n${JSON.stringify({ type: 'offer', sdp })}\n`);
    const asFile = join(dir, 'offer.sdp');
    writeFileSync(asFile, sdp);
    const text = async (file: string) => {
      let out = '';
      await parseCommand({ file, json: false, color: false }, (s) => (out += s));
      return out;
    };
    expect(await text(inLog)).toContain('candidate-unknown-type (sdp line 9)');
    expect(await text(inLog)).toMatch(/\n +2 \(sdp 9\) +0/);
    expect(await text(asFile)).toContain('candidate-unknown-type (line 9)');
    // A line cut inside the SDP's last candidate: the table shows it refused, as the reader did.
    const cut = join(dir, 'cut.log');
    const escaped = JSON.stringify(sdp.replace('typ weird', 'typ host'));
    writeFileSync(cut, `06:00 got ${escaped.slice(0, escaped.indexOf('typ host') + 6)}\n`);
    expect(await text(cut)).toMatch(/\n +1 \(sdp 9\) +0 +invalid +CANDIDATE_CUT/);
  });

  it('streams the document the whole report gives, for every sample and corpus file', async () => {
    let compared = 0;
    for (const file of inputFiles()) {
      const report = readInput(readFileSync(file, 'utf8'));
      if (report.descriptions.length === 0 && report.candidates.length === 0) continue;
      // Each finding with its code and action, as every command's JSON (README audit: parse's had neither).
      const whole = toJson({ descriptions: report.descriptions.map((d) => ({ type: d.type, source: d.source, description: { ...d.description, diagnostics: d.description.diagnostics.map(diagnosticJson) }, typeFindings: d.typeFindings?.map(diagnosticJson) })), candidates: report.candidates, endOfCandidates: report.endOfCandidates, problems: report.problems.map(diagnosticJson) }) + '\n';
      let out = '';
      await parseCommand({ file, json: true, color: false }, (s) => (out += s));
      // The same values (a JSON document read whole and one read line by line name a source's keys in another order).
      expect([file, JSON.parse(out)]).toEqual([file, JSON.parse(whole)]);
      compared++;
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('writes, as it reads, the text renderParse gives a whole report: every sample and corpus file, plain and coloured', async () => {
    let compared = 0;
    for (const file of inputFiles()) {
      const report = readInput(readFileSync(file, 'utf8'));
      if (report.descriptions.length === 0 && report.candidates.length === 0) continue;
      for (const color of [false, true]) {
        let out = '';
        await parseCommand({ file, json: false, color }, (s) => (out += s));
        expect([file, color, out]).toEqual([file, color, renderParse(report, file, makeStyle(color))]);
      }
      compared++;
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('writes the text renderParse gives on an SDP whose lines end in CR CR LF, blank ones between (test/fixtures/fuzz: mutated input 18 of seed 11; the whole-text reader had read its blank lines as lines of a CR)', async () => {
    const text = readFileSync(new URL('../fixtures/fuzz/differ-parse-renders-cr-cr-lf.txt', import.meta.url), 'utf8');
    let out = '';
    await parseText(text, 'input', { json: false, color: false }, (s) => (out += s));
    expect(out).toBe(renderParse(readInput(text), 'input', plain));
    // One description, its m-line read (the whole-text reader had made two, the second of no m-line).
    expect(readInput(text).descriptions.map((d) => [d.source.line, d.description.media.length])).toEqual([[1, 1]]);
  });

  it('writes the text renderParse gives on a JSON line whose string holds #015#012 escapes (test/fixtures/fuzz: the stream had cut the JSON at them)', async () => {
    const text = readFileSync(new URL('../fixtures/fuzz/differ-parse-renders-json-line-syslog-breaks.txt', import.meta.url), 'utf8');
    let out = '';
    await parseText(text, 'input', { json: false, color: false }, (s) => (out += s));
    expect(out).toBe(renderParse(readInput(text), 'input', plain));
    expect(out).not.toMatch(/invalid-json/);
  });
  it('writes the text renderParse gives on mutated real input too (seeded): the same tables, problems, actions and counts', async () => {
    const seeds = loadSeeds();
    let compared = 0;
    for (let i = 0; i < 120; i++) {
      // As the command reads it: UTF-8 (a lone surrogate a mutation made is U+FFFD there).
      const text = Buffer.from(generate(seeds, 11, i, 16 * 1024)).toString();
      const report = readInput(text);
      if (report.descriptions.length === 0 && report.candidates.length === 0) continue;
      let out = '';
      await parseText(text, 'input', { json: false, color: false }, (s) => (out += s));
      expect([i, out]).toEqual([i, renderParse(report, 'input', plain)]);
      compared++;
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('writes the trickled table of a large input from its spooled rows, its columns as wide as the widest, waiting on its reader', async () => {
    const dir = scratchDir('sdpscope-');
    afterCleanup.push(dir);
    const line = (k: number) => JSON.stringify({ type: 'candidate', candidate: `candidate:${k} 1 udp 2122260223 10.0.${k % 250}.1 ${5000 + (k % 60000)} typ host generation 0`, sdpMid: '0', sdpMLineIndex: 0 });
    // 20,000 rows (about 3 MB of them, so spooled to disk), the widest address the last.
    const lines = Array.from({ length: 20000 }, (_, k) => line(k));
    lines.push(line(1).replace('10.0.1.1', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff'), 'candidate:x');
    writeFileSync(join(dir, 'big.log'), lines.join('\n') + '\n');
    let out = '';
    let waits = 0;
    const code = await parseCommand({ file: join(dir, 'big.log'), json: false, color: false }, (s) => (out += s), () => (waits++, undefined));
    expect(code).toBe(1);
    expect(out).toBe(renderParse(readInput(lines.join('\n') + '\n'), join(dir, 'big.log'), plain));
    expect(out).toContain('Trickled candidates: 20002');
    const [header, , second] = out.split('\n').slice(1);
    expect(second).toMatch(/^2 +0 +1 +host +1 +udp +10\.0\.1\.1 +5001 /);
    expect(second!.indexOf('5001')).toBe(header!.indexOf('port'));
    expect(waits).toBeGreaterThan(2);
  });

  it('streams a large input in flat memory: the candidates spooled, the output waiting on its reader', async () => {
    const dir = scratchDir('sdpscope-');
    const line = JSON.stringify({ type: 'candidate', candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0', sdpMid: '0', sdpMLineIndex: 0 });
    writeFileSync(join(dir, 'big.log'), `${line}\n`.repeat(20000));
    afterCleanup.push(dir);
    let out = '';
    let waits = 0;
    const code = await parseCommand({ file: join(dir, 'big.log'), json: true, color: false }, (s) => (out += s), () => (waits++, undefined));
    expect(code).toBe(0);
    const json = JSON.parse(out) as { candidates: unknown[]; descriptions: unknown[] };
    expect(json.candidates).toHaveLength(20000);
    expect(json.descriptions).toEqual([]);
    // Waited on between chunks of input and of spooled output.
    expect(waits).toBeGreaterThan(2);
  });

  it('says that a direction written only at session level is not what the browsers read (they read sendrecv; negotiate warns session-direction-ignored)', async () => {
    const m = (own: string) => `m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n${own}`;
    const text = `v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=recvonly\r\n${m('')}${m('a=sendonly\r\n')}`;
    let out = '';
    await parseText(text, 'input', { json: false, color: false }, (s) => (out += s));
    const mlines = out.split('\n').filter((l) => l.includes('m=audio'));
    expect(mlines[0]).toContain('mid none  recvonly (session level: browsers read sendrecv)  port 9');
    expect(mlines[1]).toContain('mid none  sendonly  port 9');
  });

  it('shows a long session-level value that every m-line inherits cut, with its length: the text stays linear in the input (fuzz seed 777)', async () => {
    const ufrag = 'u'.repeat(100_000);
    const media = Array.from({ length: 50 }, () => 'm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\n').join('');
    const text = `v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=ice-ufrag:${ufrag}\r\na=ice-pwd:asd88fgpdd777uzjYhagZg\r\n${media}`;
    let out = '';
    await parseText(text, 'input', { json: false, color: false }, (s) => (out += s));
    expect(out.length).toBeLessThan(text.length / 5);
    const iceLines = out.split('\n').filter((l) => l.includes('ICE'));
    expect(iceLines).toHaveLength(50);
    expect(iceLines[0]).toBe(`    ICE (session level) ufrag ${'u'.repeat(63)}… (100,000 chars) pwd 22 chars  ·  DTLS fingerprint missing`);
    // A value that fits is whole, and a media-level one says no level.
    let small = '';
    await parseText(JSON.parse(sample('offer.json')).offer.sdp, 'input', { json: false, color: false }, (s) => (small += s));
    expect(small).toContain('    ICE ufrag JDVd pwd 24 chars options trickle  ·');
    // A session-level fingerprint's hash name, too (audit of the change: 264 MB of text from 827 KB).
    const fp = text.replace(`a=ice-ufrag:${ufrag}`, 'a=ice-ufrag:abcd').replace('a=ice-pwd:', `a=fingerprint:${'X'.repeat(100_000)} AB:CD\r\na=ice-pwd:`);
    let fpOut = '';
    await parseText(fp, 'input', { json: false, color: false }, (s) => (fpOut += s));
    expect(fpOut.length).toBeLessThan(fp.length / 5);
    expect(fpOut).toContain(`DTLS setup none ${'X'.repeat(63)}… (100,000 chars) AB:CD`);
  });

  it('counts every error in its last line, those past the hundred listed too', async () => {
    const text = Array.from({ length: 150 }, (_, i) => `candidate:${i} 1 udp bad 10.0.0.1 5000 typ host`).join('\n') + '\n';
    let out = '';
    expect(await parseText(text, 'input', { json: false, color: false }, (s) => (out += s))).toBe(1);
    expect(out).toMatch(/\n0 descriptions, 150 candidates · 150 errors, 0 warnings\n$/);
    expect(out).toContain('50 more unparseable-candidate findings (lines 101 to 150), counted, not listed (the first 100 are)');
    expect(renderParse(readInput(text), 'input', plain)).toBe(out);
  });

  it('writes a description as soon as it is read, not when the next item comes (a live pipe)', async () => {
    const offer = JSON.stringify(JSON.parse(sample('offer.json')));
    let out = '';
    let release: () => void = () => undefined;
    async function* live(): AsyncIterable<Buffer> {
      yield Buffer.from(offer + '\n');
      await new Promise<void>((done) => (release = done));
      yield Buffer.from(JSON.stringify({ candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host' }) + '\n');
    }
    const run = parseStream(live(), 'stdin', { json: false, color: false }, (s) => (out += s));
    for (let i = 0; i < 100 && !out.includes('m=audio'); i++) await new Promise((done) => setTimeout(done, 10));
    expect(out).toContain('m=audio mid 0');
    expect(out).not.toContain('Trickled');
    release();
    expect(await run).toBe(0);
    expect(out).toContain('Trickled candidates: 1');
  });

  it('rejects input with no SDP or candidate with NO_SDP_FOUND', async () => {
    const dir = scratchDir('sdpscope-');
    writeFileSync(join(dir, 'x.txt'), 'hello\n');
    await expect(parseCommand({ file: join(dir, 'x.txt'), json: false, color: false }, () => undefined)).rejects.toMatchObject({ code: 'NO_SDP_FOUND' });
  });

  it('NO_SDP_FOUND names SDP lines glued together when that is all the input holds (new-user audit: a bare NO_SDP_FOUND)', async () => {
    const dir = scratchDir('sdpscope-');
    const glued = readFileSync(join(__dirname, '../fixtures/threads/alexxitblog5_go2rtc_log_safari_offer_lines_glued_cut.log'), 'utf8').split('\n')[0]!;
    writeFileSync(join(dir, 'g.log'), `${glued}\n`);
    await expect(parseCommand({ file: join(dir, 'g.log'), json: false, color: false }, () => undefined)).rejects.toMatchObject({ code: 'NO_SDP_FOUND', message: expect.stringContaining('it holds SDP lines glued together, their line breaks lost') });
  });
});

describe('describeFailure', () => {
  it('maps coded errors to exit 2 and one line', () => {
    expect(describeFailure('sdpscope', new SdpscopeError('FILE_NOT_FOUND', 'x: no such file'))).toEqual({ code: EXIT_BAD_INPUT, message: 'sdpscope: x: no such file [FILE_NOT_FOUND]' });
  });
  it('maps anything else to an internal error without a stack', () => {
    const f = describeFailure('sdpscope', new TypeError('boom'));
    expect(f.code).toBe(EXIT_INTERNAL);
    expect(f.message).toBe('sdpscope: internal error: boom (please report it)');
  });
});

describe('a table cell holding control characters', () => {
  it('is measured as shown, escaped (a tab and a line feed too): the columns after it stay under their headers, with colour and without', () => {
    const frames = ['\x1b[2J\x1b]0;x\x07\t\n\u200f', '0'].map((mid) => JSON.stringify({ candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', sdpMid: mid }));
    for (const color of [false, true]) {
      const out = renderParse(readInput(frames.join('\n')), 'x', makeStyle(color)).replace(/\x1b\[\d+m/g, '');
      const [header, hostile, other] = out.split('\n').slice(1, 4);
      expect(hostile).toContain('\\u001b[2J\\u001b]0;x\\u0007\\t\\n\\u200f');
      for (const row of [hostile!, other!]) expect([color, row.indexOf('10.0.0.1')]).toEqual([color, header!.indexOf('address')]);
    }
  });

  it('is measured in the columns a terminal gives it: wide characters two, a zero-width space none', () => {
    const frames = ['日志é漢字', 'a\u200bb', '0'].map((mid) => JSON.stringify({ candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', sdpMid: mid }));
    const out = renderParse(readInput(frames.join('\n')), 'x', plain);
    const [header, ...rows] = out.split('\n').slice(1, 5);
    const columns = (text: string) => visibleLength(text);
    for (const row of rows) expect([row, columns(row.slice(0, row.indexOf('10.0.0.1')))]).toEqual([row, header!.indexOf('address')]);
  });

  it('an invalid candidate\'s text is cut with an ellipsis, never inside a character', () => {
    const text = `candidate:x ${'y'.repeat(46)}😀 and more words to cut`;
    const out = renderParse(readInput(JSON.stringify({ candidate: text })), 'x', plain);
    const row = out.split('\n')[2]!;
    expect(row.endsWith('y…')).toBe(true);
    expect(row).not.toContain('\ud83d');
  });
});

describe('the built sdpscope binary', () => {
  const bin = resolve(__dirname, '../../dist/bin/sdpscope.js');
  const runBin = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { input: input ?? '', encoding: 'utf8' });
  const dir = scratchDir('sdpscope-');

  it('reads a file named "help" as a file in parse, candidates and ice, beside options and their values; `sdpscope help` and --help stay help (README audit)', () => {
    const sub = join(dir, 'help-dir');
    rmSync(sub, { recursive: true, force: true });
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'help'), readFileSync(resolve(__dirname, '../../samples/candidates.json')));
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: sub, env: { ...process.env, NO_COLOR: '1' } });
    expect(run(['parse', 'help']).stdout).toContain('Trickled candidates: 4');
    expect(run(['candidates', '--summary', 'help']).stdout).toMatch(/\d+ candidate lines? /);
    // An option's value is its own ("help" as --pc's value), the file after it still a file.
    expect(run(['ice', '--pc', 'help', 'nope.json']).stderr).toContain('nope.json: no such file [FILE_NOT_FOUND]');
    expect(run(['ice', 'help']).stderr).not.toContain('Usage');
    expect(run(['help']).stdout).toContain('sdpscope <command> [options]');
    expect(run(['help', 'parse']).stdout).toContain('sdpscope parse [file]');
    expect(run(['parse', '--help']).stdout).toContain('sdpscope parse [file]');
  });

  it('shows the control characters of a hostile input as escapes, never acts on them (a terminal retitled, cleared, a line written over); its own colours stay', () => {
    const sdp = ['v=0\x1b[31mRED', 'o=- 1 2 IN IP4 127.0.0.1', 's=-\x1b[2J', 't=0 0', 'a=group:BUNDLE 0\x1b[8m', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0\x1b]0;pwned\x07\u009b2J\u202e\x7f', 'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\r ufrag a', ''].join('\r\n');
    const file = join(dir, 'hostile.sdp');
    writeFileSync(file, sdp);
    const plain = runBin(['parse', file]);
    expect(plain.stderr).toBe('');
    // eslint-disable-next-line no-control-regex
    expect(plain.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(plain.stdout).toContain('mid 0\\u001b]0;pwned\\u0007\\u009b2J\\u202e\\u007f');
    expect(plain.stdout).toContain('v="0\\u001b[31mRED"');
    const colored = runBin(['parse', '--color', file]);
    // eslint-disable-next-line no-control-regex
    const escapes = colored.stdout.match(/\x1b[^\n]{0,8}/g) ?? [];
    expect(escapes.length).toBeGreaterThan(0);
    // Every escape left is one of the style's own colours; the input's OSC, and its SGR (conceal, red), are shown, not run.
    // eslint-disable-next-line no-control-regex
    for (const e of escapes) expect(e).toMatch(/^\x1b\[(?:1|2|4|22|24|3[1-6]|39)m/);
    expect(colored.stdout).toContain('\\u001b]0;pwned\\u0007');
    expect(colored.stdout).toContain('BUNDLE 0\\u001b[8m');
    // Standard error too: a file name that holds them, in the one line of a failure.
    const named = join(dir, 'empty\x1b]0;x\x07.log');
    writeFileSync(named, '');
    const failed = runBin(['candidates', named]);
    expect(failed.status).toBe(2);
    // eslint-disable-next-line no-control-regex
    expect(failed.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
    expect(failed.stderr).toContain('empty\\u001b]0;x\\u0007.log');
    // On one line, whatever the name holds: a line feed in it too.
    const missing = runBin(['parse', join(dir, 'miss\nx\t.log')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^sdpscope: .*miss\\nx\\t\.log: no such file \[FILE_NOT_FOUND\]\n$/);
    // JSON is unchanged: JSON.stringify escapes them itself.
    const json = runBin(['parse', '--json', file]);
    expect(JSON.parse(json.stdout).descriptions[0].description.media[0].mid).toBe('0\x1b]0;pwned\x07\u009b2J\u202e\x7f');
  });

  it.each([
    ['missing file', [join(dir, 'nope.sdp')], 'FILE_NOT_FOUND'],
    ['directory', [dir], 'FILE_IS_DIRECTORY'],
    ['binary', [(writeFileSync(join(dir, 'b.bin'), Buffer.from([0, 1, 2, 255])), join(dir, 'b.bin'))], 'FILE_BINARY'],
    ['empty', [(writeFileSync(join(dir, 'e.txt'), ''), join(dir, 'e.txt'))], 'EMPTY_INPUT'],
    ['no SDP', [(writeFileSync(join(dir, 'h.txt'), 'hi\n'), join(dir, 'h.txt'))], 'NO_SDP_FOUND'],
    ['unknown option', [join(SAMPLES, 'offer.json'), '--frobnicate'], 'USAGE'],
  ])('%s → one line on stderr, exit 2', (_what, args, code) => {
    const r = runBin(['parse', ...args]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`[${code}]`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads standard input', () => {
    const r = runBin(['parse', '-'], sample('answer.json'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('answer  (stdin:5, answer) — 2 m-lines');
  });
});

describe('tables under hostile input (issue 13, found by the fuzzer)', () => {
  it('cuts a megabyte-long field to its cell, so one line does not widen every row (it ran out of memory)', () => {
    const long = 'x'.repeat(200_000);
    const lines = [`candidate:${long} 1 udp 2122260223 10.0.0.1 5000 typ host`, ...Array.from({ length: 500 }, (_, i) => `candidate:${i} 1 udp 2122260223 10.0.0.${i % 250} 5000 typ host`)];
    const out = renderParse(readInput(lines.join('\n')), 'x', plain);
    expect(out.length).toBeLessThan(200_000);
    expect(out).toContain(`${'x'.repeat(63)}…`);
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeLessThan(400);
  });
});

describe('parse: a trickled candidate\'s own findings (candidates audit of 2026-12-05)', () => {
  it('are listed at its line and counted, as in an SDP (a srflx without raddr was "0 warnings")', async () => {
    async function* one() {
      yield 'candidate:1 1 udp 1694498815 203.0.113.9 5000 typ srflx\n';
    }
    let out = '';
    expect(await parseStream(one(), 'stdin', { json: false, color: false }, (s) => (out += s))).toBe(0);
    expect(out).toMatch(/warning candidate-missing-related-address \(line 1\): srflx candidate has no raddr\/rport/);
    expect(out).toMatch(/0 descriptions, 1 candidate · 0 errors, 1 warning/);
  });
});

describe('parse: what holds whichever side a description is, and an answer of no m= line (parse audit, ninth session)', () => {
  const thread = (f: string) => readFileSync(resolve(__dirname, '../fixtures/threads', f), 'utf8');
  const kinds = async (text: string, type?: 'offer' | 'answer') => {
    let out = '';
    await parseText(text, 'x', { json: true, color: false, ...(type ? { type } : {}) }, (x) => (out += x));
    const d = JSON.parse(out).descriptions[0];
    return [...d.description.diagnostics, ...d.typeFindings].map((x: { kind: string; rule?: string }) => (x.rule ? `${x.kind}:${x.rule}` : x.kind));
  };
  it('untyped: an ICE-lite server\'s private candidates (ZLMediaKit) and a sha-1 fingerprint (RingCentral) are said without --type', async () => {
    expect(await kinds(thread('zlmediakit_play_answer_icelite_private_host.sdp'))).toContain('lite-candidates-not-routable');
    expect(await kinds(thread('pion879_ringcentral_smcsip_offer_sha1.sdp'))).toContain('weak-fingerprint');
  });
  it('Skype for Business\' TCP-ACT candidates: Chromium refuses the whole description (measured), an error', async () => {
    expect(await kinds(thread('skypeforbusiness2016_offer_tcp_act_candidates.sdp'))).toContain('rejected-by-browser:candidate-transport-unknown');
  });
  it('an answer of no m= line: mline-count-mismatch with --type answer', async () => {
    expect(await kinds('v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n', 'answer')).toContain('mline-count-mismatch');
    expect(await kinds('v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n', 'offer')).not.toContain('mline-count-mismatch');
  });
});

describe('parse: what a description breaks as the offer or answer it is', () => {
  const freeswitch = readFileSync(resolve(__dirname, '../fixtures/threads/sipjs448_freeswitch_offer_no_setup_firefox55.sdp'), 'utf8');
  const run = async (text: string, opts: { json: boolean; type?: 'offer' | 'answer' }) => {
    let out = '';
    const status = await parseText(text, 'x', { color: false, ...opts }, (s) => (out += s));
    return { status, out };
  };

  it('a typed offer frame without a=setup: the error, its m-line, what to do, exit 1 (a real thread: Firefox 55 refused this FreeSWITCH offer)', async () => {
    const r = await run(JSON.stringify({ type: 'offer', sdp: freeswitch }), { json: false });
    expect(r.out).toMatch(/error {3}offer-setup-missing: audio m-line 0: the offer m-line has no a=setup: Firefox rejects it/);
    expect(r.out).toMatch(/offer-setup-missing: Add a=setup:actpass to every m-line of the offer\./);
    expect(r.out).toMatch(/1 error, 2 warnings/);
    expect(r.status).toBe(1);
  });

  it('the bare SDP says nothing of it, --type offer does; in JSON as typeFindings', async () => {
    expect((await run(freeswitch, { json: false })).status).toBe(0);
    const typed = await run(freeswitch, { json: false, type: 'offer' });
    expect(typed.out).toMatch(/^offer {2}\(x:1\)/);
    expect(typed.out).toMatch(/offer-setup-missing/);
    expect(typed.status).toBe(1);
    const json = await run(freeswitch, { json: true, type: 'offer' });
    const doc = JSON.parse(json.out) as { descriptions: { type: string; typeFindings: { kind: string; index: number }[] }[] };
    expect(doc.descriptions.map((d) => [d.type, d.typeFindings.map((f) => [f.kind, f.index])])).toEqual([['offer', [['offer-setup-missing', 0]]]]);
    // With its code and action, as every command's JSON (README audit).
    expect((doc.descriptions[0]!.typeFindings[0] as unknown as { code: string; action: string })).toMatchObject({ code: 'offer-setup-missing', action: expect.stringContaining('a=setup:actpass') });
    expect(json.status).toBe(1);
  });

  it('a type the input states wins over --type: the notes\' answer frame stays an answer, and is clean', async () => {
    const r = await run(sample('answer.json'), { json: true, type: 'offer' });
    const doc = JSON.parse(r.out) as { descriptions: { type: string; typeFindings: unknown[] }[] };
    expect(doc.descriptions.map((d) => [d.type, d.typeFindings])).toEqual([['answer', []]]);
    expect(r.status).toBe(0);
  });

  it('an answer saying a=setup:actpass (both browsers refuse it): an error in parse, not only in sdp-diff', async () => {
    const answer = JSON.parse(sample('answer.json')) as Record<string, unknown>;
    const r = await run(JSON.stringify(answer).replace(/a=setup:active/g, 'a=setup:actpass'), { json: false });
    expect(r.out).toMatch(/error {3}dtls-role-conflict: audio m-line 0, mid 0: the answer says a=setup:actpass: an answerer must choose active or passive/);
    expect(r.status).toBe(1);
  });

  it('--type takes offer or answer only (usage error, exit 2)', () => {
    const r = spawnSync(process.execPath, [resolve(__dirname, '../../dist/bin/sdpscope.js'), 'parse', '--type', 'rollback', '-'], { input: freeswitch, encoding: 'utf8' });
    expect(r.stderr).toMatch(/--type must be one of offer, answer, not "rollback"/);
    expect(r.status).toBe(2);
  });
});
