import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { collectingSink, readInput } from '../../src/input/read.js';
import type { InputReport } from '../../src/input/types.js';
import { scanStream } from '../../src/node/stream.js';
import { writeSdp } from '../../src/sdp/write.js';
import { corpusFile, sample } from '../support/corpus.js';

async function scan(chunks: (string | Buffer)[], options: { maxLineBytes?: number } = {}) {
  const sink = collectingSink();
  const report = await scanStream(Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))), sink, options);
  // What only the stream reader finds (binary lines, over-long lines), apart from what the scan finds.
  const problems2 = sink.report.problems.filter((p) => p.kind === 'binary-data' || p.kind === 'line-too-long').map((p) => [p.kind, p.line]);
  return { ...sink.report, problems2, lines: report.lines, bytes: report.bytes };
}

/** Cuts a text into n-byte chunks (splitting lines, CRLFs and UTF-8 sequences). */
const chunked = (text: string, n: number) => {
  const b = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += n) out.push(b.subarray(i, i + n));
  return out;
};

const strip = (r: InputReport) => ({
  descriptions: r.descriptions.map((d) => [d.type, d.text, d.source.line]),
  candidates: r.candidates.map((c) => [c.text, c.sdpMid, c.sdpMLineIndex, c.usernameFragment, c.source.line, c.source.timestamp, c.source.sender, c.source.room, c.source.event]),
  end: r.endOfCandidates.length,
});

describe('scanStream', () => {
  it('a file stream that fails (a missing file) is the file\'s error, an SdpscopeError (library audit: Node\'s own ENOENT came out)', async () => {
    const { createReadStream } = await import('node:fs');
    await expect(scanStream(createReadStream('/nonexistent/sdpscope-test.log'), collectingSink())).rejects.toMatchObject({ name: 'SdpscopeError', code: 'FILE_NOT_FOUND', message: '/nonexistent/sdpscope-test.log: no such file' });
    await expect(scanStream(createReadStream('/nonexistent/x.log'), collectingSink(), { file: 'x.log' })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND', message: 'x.log: no such file' });
    // The sink's own error is its own, not the file's (audit of the change).
    const sink = collectingSink();
    const own = Object.assign(new Error('EBADF: bad file descriptor, write'), { code: 'EBADF', syscall: 'write' });
    sink.candidate = () => {
      throw own;
    };
    await expect(scanStream(Readable.from([Buffer.from('candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n')]), sink, { file: 'x.log' })).rejects.toBe(own);
  });

  const inputs: [string, string][] = [
    ['frame log', sample('call.ndjson')],
    ['raw CRLF SDP', corpusFile('sdp/aiortc__chrome_audio_offer_ipv6_tcp_networkid.sdp')],
    ['candidate list', corpusFile('candidates/shortoffer.txt')],
    ['relay-style log', [JSON.stringify({ time: 1, room: 'r', from: 'a', frame: { type: 'candidate', candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag AbCd', sdpMid: '0', sdpMLineIndex: 0 } }), 'noise line', '06:00 x candidate:2 1 udp 1 1.1.1.1 1 typ host'].join('\n')],
  ];

  it('a Latin-1 byte in a line is read as U+FFFD, the line kept (no binary-data); a NUL skips its line (binary-data)', async () => {
    const latin1 = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from(' candidate:1 1 udp 1 192.0.2.1 5000 typ host\n')]);
    const nul = Buffer.concat([Buffer.from('x'), Buffer.from([0]), Buffer.from(' candidate:2 1 udp 1 192.0.2.1 5002 typ host\n')]);
    const r = await scan([latin1, nul]);
    expect(r.candidates.map((c) => c.candidate?.port)).toEqual([5000]);
    expect(r.problems2).toEqual([['binary-data', 2]]);
  });

  it('reads a webrtc-internals dump with CR-only line ends (one "line") as the dump it is, as readInput does', async () => {
    const text = JSON.stringify(JSON.parse(sample('webrtc-internals-dump.json')), null, 1).replace(/\n/g, '\r');
    const expected = strip(readInput(text));
    expect(expected.descriptions.length).toBeGreaterThan(1);
    expect(strip(await scan([text]))).toEqual(expected);
  });

  it.each(inputs)('finds in a %s what readInput finds, whatever the chunking', async (_name, text) => {
    const expected = strip(readInput(text));
    for (const n of [1, 7, 4096]) expect(strip(await scan(chunked(text, n)))).toEqual(expected);
  });

  it('reads a log whose first line opens with a bracketed prefix line by line, as it comes, not as one document (audit: "[INFO] start" held a tail -f log whole)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const candidate = 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host';
    for (const first of ['[INFO] start', '[1:2:1124/060945.123:INFO:peer_connection.cc(1)] start']) {
      const found: string[] = [];
      const sink = { ...collectingSink(), candidate: (f: { text: string }) => void found.push(f.text) } as unknown as Parameters<typeof scanStream>[1];
      const done = scanStream(
        (async function* () {
          yield Buffer.from(`${first}\n${candidate}\n`);
          await gate;
        })(),
        sink,
      );
      await new Promise((r) => setTimeout(r, 50));
      expect(found).toEqual([candidate]);
      release();
      await done;
    }
  });

  it('counts lines and bytes, with or without a final newline', async () => {
    expect(await scan(['a\nb\n'])).toMatchObject({ lines: 2, bytes: 4 });
    expect(await scan(['a\nb'])).toMatchObject({ lines: 2, bytes: 3 });
  });

  it('skips binary lines and over-long lines, reports them with line numbers, and goes on', async () => {
    const r = await scan(['x\u0000y candidate:1\n', `{"a":"${'z'.repeat(100)}"}\n`, 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n'], { maxLineBytes: 60 });
    expect(r.problems2).toEqual([['binary-data', 1], ['line-too-long', 2]]);
    expect(r.candidates.map((c) => c.source.line)).toEqual([3]);
  });

  it('skips a binary line in a log read whole too (a first line that looks like JSON and is not: audit, the NUL line was read)', async () => {
    const text = '{"type":"candidate","candidate":"candidate:1 1 udp 2122260223 10.0.0.7 5000 typ host"} trailing\n' + 'x'.repeat(100_000) + '\nbin\u0000ary candidate:1 1 udp 2122260223 10.0.0.9 5000 typ host\ncandidate:2 1 udp 2122260223 10.0.0.10 5000 typ host\n';
    const r = await scan(chunked(text, 65536));
    expect(r.problems2).toEqual([['binary-data', 3]]);
    expect(r.candidates.map((c) => c.candidate?.address)).toEqual(['10.0.0.7', '10.0.0.10']);
    // The library reads the text as the stream does.
    const lib = readInput(text);
    expect(lib.problems.filter((p) => p.kind === 'binary-data').map((p) => p.line)).toEqual([3]);
    expect(lib.candidates.map((c) => c.candidate?.address)).toEqual(['10.0.0.7', '10.0.0.10']);
  });

  it('keeps the CR of an SDP\'s last line cut before its LF, so the description writes back (audit: it became CRLF)', async () => {
    const text = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=candidate:1 1 udp 2122260223 192.168.1.4 5000 typ host\r';
    const r = await scan(chunked(text, 16));
    expect(r.descriptions.map((d) => [d.text === text, writeSdp(d.description) === text, d.description.finalEol])).toEqual([[true, true, false]]);
    expect(r.candidates.map((c) => c.candidate?.type)).toEqual(['host']);
  });

  it('keeps an SDP split across chunks intact', async () => {
    const text = corpusFile('sdp/sdptransform__chrome_datachannel_only_offer.sdp');
    const r = await scan(chunked(`log start\n${text}\nlog end\n`, 13));
    expect(r.descriptions.map((d) => d.text)).toEqual([text + '\n']);
  });
});

describe('a line with no "candidate:" and another marker (the stream looks for them in the line itself)', () => {
  const lines = [
    // libwebrtc's connection log: a Cand[…] with no "candidate:" on the line.
    'I/org.webrtc.Logging( 1234): (p2ptransportchannel.cc:1): Conn[0x1:0:Net[en0:192.168.50.0/24:Wifi:id=1]:Cand[:4216258177:1:udp:1686052607:59.109.147.213:54541:stun:192.168.50.49:65400:0qbZ:dcSLq5Bs44BYu8yWN8mtlU48:1:10:0]|C|S|0|0|7241540810645479422|-]: Sent STUN ping',
    // An end-of-candidates frame after a log prefix: a "candidate" key and no "candidate:".
    '2024-01-01 10:00:00 INFO send {"candidate":null,"sdpMid":"0"}',
  ];
  it('is read by the stream as by the whole text, in any chunks, among lines of neither', async () => {
    const text = ['noise', ...lines, 'more noise x', ''].join('\n');
    const whole = readInput(text);
    expect([whole.candidates.map((c) => c.source.line), whole.endOfCandidates.length]).toEqual([[2], 1]);
    for (const n of [5, 64, 1 << 16]) expect([n, strip(await scan(chunked(text, n)))]).toEqual([n, strip(whole)]);
  });
  it('a marker cut by the line\'s end is no marker', async () => {
    const text = 'noise\n2024-01-01 INFO send {"candidate":null,"sdpMid":"0"} Cand\n{"candidat\n';
    expect(strip(await scan([text]))).toEqual(strip(readInput(text)));
  });
});

describe('a line of one character', () => {
  it('"{" or "[" alone (a pretty-printed block in a log) is no warning, in the stream as in the whole text (they differed; then both warned, wrongly: audit of the change)', async () => {
    const text = '{\n"a": 1,\ncandidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n[\n}\n';
    const sink = collectingSink();
    // Read line by line: a first chunk that is not a document (its first line is "x").
    await scanStream(Readable.from([Buffer.from('x\n' + text)]), sink);
    const whole = readInput('x\n' + text);
    expect(sink.report.problems).toEqual(whole.problems);
    expect(sink.report.problems).toEqual([]);
    // A pretty-printed frame in a log: its candidate found, nothing warned.
    const block = readInput('10:00 got\n{\n  "type": "candidate",\n  "candidate": "candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host"\n}\n');
    expect([block.problems, block.candidates.length]).toEqual([[], 1]);
  });
});

describe('blank lines inside an SDP', () => {
  it('join the description when an SDP line follows (Firefox about:webrtc copies: a blank line between every two), in the stream as in the whole text; end it otherwise (real-log audit: 15 descriptions)', async () => {
    const sdp = corpusFile('sdp/sdptransform__chrome_datachannel_only_offer.sdp');
    const spaced = (sdp.endsWith('\n') ? sdp : sdp + '\n').replace(/\r?\n/g, '\n\n');
    for (const text of [`Local SDP (Answer)\n\n${spaced}log goes on\n`, `x\n${spaced}  \n\t\nnoise\na=candidate:1 1 udp 1 1.1.1.1 1 typ host\n`]) {
      const whole = readInput(text);
      const r = await scan(chunked(text, 7));
      expect(strip(r)).toEqual(strip(whole));
      expect(whole.descriptions).toHaveLength(1);
      // The description is every SDP line, without the copy's blank line between every two (its
      // layout: a blank line in an SDP is an error both browsers raise; sdp-diff audit).
      expect(whole.descriptions[0]!.text).toBe(spaced.replace(/\n\n/g, '\n'));
      expect(whole.descriptions[0]!.description.diagnostics.filter((d) => d.kind === 'blank-line')).toEqual([]);
      expect(whole.descriptions[0]!.description.media.length).toBe(parseMedia(sdp));
    }
    // After a line that is not SDP, an a=candidate line is trickled, as before.
    expect(readInput(`x\n${spaced}noise\na=candidate:1 1 udp 1 1.1.1.1 1 typ host\n`).candidates.filter((c) => !c.inDescription)).toHaveLength(1);
  });
});

describe('blank lines that do not join', () => {
  it('between two a=/m= fragments (each its own, with its ufrag), and past a few in a row (audit of the change: one session; a run held in memory)', async () => {
    const fragments = 'a=ice-ufrag:AAAA\na=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n\na=ice-ufrag:BBBB\na=candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host\n';
    const r = readInput(fragments);
    expect(r.descriptions.map((d) => d.description.iceUfrag)).toEqual(['AAAA', 'BBBB']);
    expect(strip(await scan(chunked(fragments, 5)))).toEqual(strip(r));
    const sdp = 'v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\n';
    const many = `${sdp}${'\n'.repeat(20)}a=mid:0\n`;
    const m = readInput(many);
    expect(m.descriptions.map((d) => d.description.media.length)).toEqual([1, 0]);
    expect(strip(await scan(chunked(many, 3)))).toEqual(strip(m));
  });
});

const parseMedia = (sdp: string) => sdp.split(/\r?\n/).filter((l) => l.startsWith('m=')).length;

describe('an SDP printed with a log prefix on every line (candidates audit of 2026-12-05: logcat, os_log, DEBUG lines)', () => {
  const sdp = corpusFile('sdp/aiortc__chrome_audio_offer_ipv6_tcp_networkid.sdp').replace(/\r\n/g, '\n') + '\n';
  it.each([
    ['a server DEBUG prefix', (l: string, i: number) => `2024-01-01 10:00:${String(i % 60).padStart(2, '0')}.000 DEBUG [sdp] ${l}`],
    ['a logcat prefix', (l: string) => `12-05 10:00:00.123  1234  1250 D PeerConnection: ${l}`],
  ])('%s: one description, its candidates under its ufrag, in the stream as in the whole text', async (_name, prefix) => {
    const text = `start of log\n${sdp.trimEnd().split('\n').map(prefix).join('\n')}\n2024-01-01 10:01:00.000 INFO done\n`;
    const whole = readInput(text);
    expect(whole.descriptions).toHaveLength(1);
    expect(whole.descriptions[0]!.text).toBe(sdp);
    expect(whole.candidates.length).toBeGreaterThan(0);
    expect(whole.candidates.every((c) => c.inDescription && c.usernameFragment === whole.descriptions[0]!.description.media[0]!.ice.ufrag)).toBe(true);
    expect(strip(await scan(chunked(text, 13)))).toEqual(strip(whole));
  });
});

describe('an SDP as an RFC prints it (RFC audit of 2026-12-06)', () => {
  it('indented, a blank line before each m-section (RFC 9143 §18.1): one description with both m-sections, the blank lines its errors, in the stream as in the whole text', async () => {
    const text = readFileSync(fileURLToPath(new URL('../fixtures/threads/rfc9143_18.1_offer_rfc_layout.txt', import.meta.url)), 'utf8');
    const whole = readInput(text);
    expect(whole.descriptions).toHaveLength(1);
    const d = whole.descriptions[0]!.description;
    expect(d.media.map((m) => m.mid)).toEqual(['foo', 'bar']);
    expect(d.diagnostics.filter((x) => x.kind === 'blank-line').map((x) => x.line)).toEqual([7, 16]);
    expect(d.diagnostics.filter((x) => x.kind === 'bundle-mid-missing')).toEqual([]);
    expect(strip(await scan(chunked(text, 7)))).toEqual(strip(whole));
  });
  it('an indented m-section alone is a fragment (it had been NO_SDP_FOUND), in the stream as in the whole text', async () => {
    const text = 'SDP Answer\n\n    m=audio 49170 RTP/AVP 0\n    a=rtpmap:0 PCMU/8000\n\nThe answer accepts audio.\n';
    const whole = readInput(text);
    expect(whole.descriptions.map((x) => [x.description.fragment, x.text, x.source.line])).toEqual([[true, 'm=audio 49170 RTP/AVP 0\na=rtpmap:0 PCMU/8000\n', 3]]);
    expect(strip(await scan(chunked(text, 5)))).toEqual(strip(whole));
  });
  it('two indented m-sections a blank line apart are two fragments, and an indented word is no SDP', () => {
    expect(readInput('  m=audio 1 RTP/AVP 0\n\n  m=video 2 RTP/AVP 31\n').descriptions).toHaveLength(2);
    expect(readInput('    m=foo\n    m=audio is muted\n').descriptions).toHaveLength(0);
  });
  it('a fingerprint folded by a copy at the end of an SDP: its last line is the description\'s, said broken (it had been dropped without a word), in the stream as in the whole text; a log\'s word after an SDP is not', async () => {
    const sdp = 'v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\na=fingerprint:sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:\n67:89:AB:CD:EF:01:23:45:67:89\n';
    for (const text of [sdp, `${sdp}2024-01-01 10:00:00 done\n`]) {
      const whole = readInput(text);
      expect(whole.descriptions).toHaveLength(1);
      expect(whole.descriptions[0]!.description.diagnostics.filter((x) => x.kind === 'invalid-line').map((x) => x.line)).toEqual([8]);
      expect(strip(await scan(chunked(text, 9)))).toEqual(strip(whole));
    }
    const done = readInput('v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=audio 9 RTP/AVP 0\nDone\n');
    expect(done.descriptions[0]!.description.diagnostics.filter((x) => x.kind === 'invalid-line')).toEqual([]);
  });
  it('session lines at the margin and the m-sections indented (a quoted copy): one description with its m-sections and candidates, in the stream as in the whole text (it had been 0 m-lines without a word)', async () => {
    const text = 'offer:\nv=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\n  m=audio 9 UDP/TLS/RTP/SAVPF 111\n  c=IN IP4 0.0.0.0\n  a=mid:0\n  a=ice-ufrag:abcd\n  a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n  m=video 9 UDP/TLS/RTP/SAVPF 96\n  a=mid:1\na=sendonly\ndone.\n';
    const whole = readInput(text);
    expect(whole.descriptions).toHaveLength(1);
    const d = whole.descriptions[0]!.description;
    expect(d.fragment).toBe(false);
    expect(d.media.map((m) => [m.mid, m.direction])).toEqual([['0', 'sendrecv'], ['1', 'sendonly']]);
    expect(whole.candidates.map((c) => [c.source.line, c.usernameFragment])).toEqual([[10, 'abcd']]);
    expect(strip(await scan(chunked(text, 6)))).toEqual(strip(whole));
  });
});

describe('a log line ending in " v=0" with no SDP after it (change audit of 2026-12-05)', () => {
  it('is text, as before: no one-line description (log("offer: " + sdp) and "verbose v=0" made one)', async () => {
    for (const text of ['06:00:00.000 [app] verbose v=0\n', 'D/PC: onCreateSuccess: v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\n', 'x: v=0\nx: o=- 1 1 IN IP4 127.0.0.1\n']) {
      const whole = readInput(text);
      expect(whole.descriptions.filter((d) => d.text.startsWith('v=0') && d.description.media.length === 0 && d.text.split('\n').length < 4)).toEqual([]);
      expect(strip(await scan(chunked(text, 5)))).toEqual(strip(whole));
    }
  });
  it('an SDP indented by one tab is read (a one-character prefix was not)', () => {
    const r = readInput('\tv=0\n\to=- 1 1 IN IP4 127.0.0.1\n\ts=-\n\tt=0 0\n');
    expect(r.descriptions).toHaveLength(1);
  });
  it('the candidates of a copy with a blank line between every two keep their file lines (change audit: 33 and 35 were 17 and 18)', () => {
    const sdp = 'v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\na=ice-ufrag:abcd\na=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\na=candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host\n';
    const text = `header\n${sdp.replace(/\n/g, '\n\n')}`;
    const r = readInput(text);
    const lines = text.split('\n');
    expect(r.candidates).toHaveLength(2);
    for (const c of r.candidates) expect(lines[c.source.line - 1]).toBe(c.text.startsWith("a=") ? c.text : `a=${c.text}`);
  });
});
