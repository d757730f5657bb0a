/** Objects printed over several lines, read as the one line each stands for (src/input/object-block.ts), by both readers. */
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { MAX_OBJECT_LINES, ObjectBlock, openDepth } from '../../src/input/object-block.js';
import { collectingSink, readInput } from '../../src/input/read.js';
import { scanStream } from '../../src/node/stream.js';
import type { InputReport } from '../../src/input/types.js';
import { streamed } from '../support/streamed.js';

/** Each candidate: line, time, mid, index, port. */
const seen = (r: InputReport) => r.candidates.map((c) => [c.source.line, c.source.timestamp ?? null, c.sdpMid, c.sdpMLineIndex, c.candidate?.port ?? null]);

const C1 = 'candidate:2938520562 1 udp 2130706431 192.168.1.2 53000 typ host generation 0 ufrag abcd';
const C2 = 'candidate:2938520563 1 udp 2130706431 192.168.1.2 53002 typ host generation 0 ufrag abcd';

const streamedIn = (text: string, chunk = 7) => streamed(text, chunk);

describe('openDepth', () => {
  it('counts the brackets left open outside quoted strings, either quote, escapes skipped, closers of nothing ignored', () => {
    expect(openDepth('recv {', 0)).toBe(1);
    expect(openDepth("{ id: 'onIceCandidate',", 0)).toBe(1);
    expect(openDepth('  "a": "{[", \'}\' [', 0)).toBe(1);
    expect(openDepth('"x\\"{"', 0)).toBe(0);
    expect(openDepth('} } {', 0)).toBe(1);
    expect(openDepth('     sdpMLineIndex: 0 } } +3ms', 2)).toBe(0);
    expect(openDepth("don't {", 0)).toBe(0);
  });
});

describe('objects over several lines', () => {
  it("util.inspect's layout (Node 12 on): the mid and the time on other lines than the candidate, read", async () => {
    const text = [
      '2026-12-06T10:00:00.000Z onicecandidate RTCIceCandidate {',
      `  candidate: '${C1}',`,
      "  sdpMid: '0',",
      '  sdpMLineIndex: 0,',
      "  usernameFragment: 'abcd'",
      '}',
      '2026-12-06T10:00:00.100Z onicecandidate {',
      "  sdpMid: '1',",
      '  sdpMLineIndex: 1,',
      `  candidate: '${C2}'`,
      '}',
      '',
    ].join('\n');
    const want = [[1, '2026-12-06T10:00:00.000Z', '0', 0, 53000], [7, '2026-12-06T10:00:00.100Z', '1', 1, 53002]];
    expect(seen(readInput(text))).toEqual(want);
    expect(seen(await streamedIn(text))).toEqual(want);
    expect(seen(await streamedIn(text.replaceAll('\n', '\r\n'), 5))).toEqual(want);
  });

  it('indented JSON after a log prefix: read as the JSON value it is, with the prefix\'s time', async () => {
    const msg = JSON.stringify({ type: 'candidate', candidate: { candidate: C1, sdpMid: 'audio', sdpMLineIndex: 0 } }, null, 2);
    const text = `10:00:00.001 received message ${msg}\n10:00:00.002 next line\n`;
    const want = [[1, '10:00:00.001', 'audio', 0, 53000]];
    expect(seen(readInput(text))).toEqual(want);
    expect(seen(await streamedIn(text))).toEqual(want);
  });

  it('an SDP util.inspect splits into quoted pieces over lines is read whole, its candidates in it', async () => {
    const sdp = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0', 'a=ice-ufrag:abcd', 'a=ice-pwd:abcdefghijklmnopqrstuv', 'a=rtpmap:111 opus/48000/2', `a=${C1}`];
    const text = ['answer {', "  type: 'answer',", ...sdp.map((l, i) => `${i === 0 ? '  sdp: ' : '    '}'${l}\\r\\n'${i < sdp.length - 1 ? ' +' : ''}`), '}', ''].join('\n');
    for (const r of [readInput(text), await streamedIn(text)]) {
      expect(r.descriptions.map((d) => [d.source.line, d.type, d.description.media.length, d.description.media[0]!.candidates.length])).toEqual([[1, 'answer', 1, 1]]);
      expect(r.problems).toEqual([]);
    }
  });

  it('gives up at a line at the margin, a blank line, an SDP line, or past its bound, and then reads each line as before', async () => {
    const cases = [
      // Never closed: the next log line starts at the margin.
      [`recv {\n  candidate: '${C1}',\n10:00:01 ${C2}\n`, [[2, null, null, null, 53000], [3, '10:00:01', null, null, 53002]]],
      // A blank line inside.
      [`recv {\n  candidate: '${C1}',\n\n  sdpMid: '0'\n}\n`, [[2, null, null, null, 53000]]],
      // An SDP printed raw, indented.
      [`offer {\n  a=${C1}\n}\n`, [[2, null, null, null, 53000]]],
    ] as const;
    for (const [text, want] of cases) {
      expect([text, seen(readInput(text))]).toEqual([text, want]);
      expect([text, seen(await streamedIn(text))]).toEqual([text, want]);
    }
    const long = `recv {\n${'  x: 1,\n'.repeat(MAX_OBJECT_LINES)}  candidate: '${C1}', sdpMid: '0'\n}\n`;
    const line = MAX_OBJECT_LINES + 2;
    // Past the bound the lines are read one by one, as before: the candidate at its own line, no object around it.
    expect(seen(readInput(long))).toEqual([[line, null, null, null, 53000]]);
    expect(seen(await streamedIn(long))).toEqual([[line, null, null, null, 53000]]);
  });

  it('a block open at the end of the input, or before a binary line, is read line by line', async () => {
    for (const text of [`recv {\n  candidate: '${C1}',`, `recv {\n  candidate: '${C1}',\n\0\0\n`]) {
      expect(seen(readInput(text))).toEqual([[2, null, null, null, 53000]]);
      expect(seen(await streamedIn(text))).toEqual([[2, null, null, null, 53000]]);
    }
  });

  it('a direction mark before each line ("> " sent, "< " received: webrtc-janus\' debug log) is left out: the JSON read, with its type', async () => {
    const sdp = 'v=0\\r\\no=- 1 2 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\nc=IN IP4 0.0.0.0\\r\\na=mid:0\\r\\na=rtpmap:111 opus/48000/2\\r\\n';
    const text = ['ws://localhost:8188/janus', '{', '>   "janus": "message",', '>   "jsep": {', `>      "sdp": "${sdp}",`, '>      "type": "offer"', '>   }', '>}', '{', '<   "janus": "event",', '<   "jsep": {', '<      "type": "answer",', `<      "sdp": "${sdp}"`, '<   }', '<}', ''].join('\n');
    for (const r of [readInput(text), await streamedIn(text)]) {
      expect(r.descriptions.map((d) => [d.source.line, d.type])).toEqual([[2, 'offer'], [9, 'answer']]);
      expect(r.problems).toEqual([]);
    }
    // Given up (a line at the margin inside), the lines are read as written, marks and all.
    const cut = '{\n>   "a": 1,\nnext log line candidate:1 1 udp 1 10.0.0.1 5000 typ host\n';
    expect(readInput(cut).candidates.map((c) => c.source.line)).toEqual([3]);
  });

  it('an object right after an SDP is one too (change audit: the SDP block kept it from opening)', async () => {
    const sdp = 'v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\nc=IN IP4 0.0.0.0\na=mid:0\na=rtpmap:111 opus/48000/2\n';
    const text = `${sdp}12:00:05 onicecandidate {\n  candidate: '${C1}',\n  sdpMid: '0'\n}\n`;
    for (const r of [readInput(text), await streamedIn(text)]) {
      expect(r.descriptions).toHaveLength(1);
      expect(seen(r)).toEqual([[9, '12:00:05', '0', null, 53000]]);
    }
  });

  it('a log of many small objects streams at the pace of a plain one (change audit: each block made the lines after it search their chunk again, 20 times slower)', async () => {
    const n = 40_000;
    const objects = 'x {\n}\nhello world\n'.repeat(n);
    const plain = 'x y\nz\nhello world\n'.repeat(n);
    const time = async (text: string) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        await scanStream(Readable.from([Buffer.from(text)]), collectingSink());
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    await time(plain);
    const ratio = (await time(objects)) / (await time(plain));
    // Decoding and joining each block costs some (about 6 times a skipped line); a search of the
    // rest of the chunk per block, in this one 0.7 MB chunk, cost thousands of times.
    expect(ratio).toBeLessThan(15);
  });

  it('a pretty-printed JSON description cut short keeps the type its "type" member states above its "sdp", in both readers', async () => {
    const sdp = 'v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 111\\r\\na=mid:0\\r\\na=rtpmap:111 opus/48000/2\\r\\na=';
    // The answer is nested one level down (the notes' frame shape), and cut inside its SDP.
    const cut = ['{', '    "type": "answer",', '    "answer":', '    {', `        "sdp": "${sdp}`].join('\n');
    for (const r of [readInput(cut), await streamedIn(cut), await streamedIn(cut, 4096)]) {
      expect(r.descriptions.map((d) => [d.type, d.source.line])).toEqual([['answer', 5]]);
    }
    // Too far below it (more than four lines), or not the "sdp" member: the type is not carried.
    const far = ['{', '  "type": "offer",', '  "a": 1,', '  "b": 2,', '  "c": 3,', '  "d": 4,', `  "sdp": "${sdp}`].join('\n');
    const other = ['{', '  "type": "offer",', `  "note": "${sdp}`].join('\n');
    for (const text of [far, other]) {
      for (const r of [readInput(text), await streamedIn(text)]) expect(r.descriptions.map((d) => d.type)).toEqual([null]);
    }
    // Any case of "Type", as JSON keys come (the stream reader had read only "type": audit of the change).
    const capital = ['{', '  "Type": "Answer",', `  "Sdp": "${sdp}`].join('\n');
    for (const r of [readInput(capital), await streamedIn(capital)]) expect(r.descriptions.map((d) => d.type)).toEqual(['answer']);
    // A line that is no member of the object (a log line, a closing brace) ends it: the type does
    // not carry past it to another object's "sdp" (audit of the change: it did).
    for (const between of ['12:00:01 local offer:', '}', 'x']) {
      const text = ['{', '  "type": "answer",', between, `  "sdp": "${sdp}`].join('\n');
      for (const r of [readInput(text), await streamedIn(text), await streamedIn(text, 4096)]) expect(r.descriptions.map((d) => d.type)).toEqual([null]);
    }
    // A type stated in the SDP's own line wins over the member above it.
    const own = ['{', '  "type": "offer",', `  "kind": "description", "type": "pranswer", "sdp": "${sdp}`].join('\n');
    for (const r of [readInput(own), await streamedIn(own)]) expect(r.descriptions.map((d) => d.type)).toEqual(['pranswer']);
  });

  it('reads the same in both readers whatever the layout and the chunks (seeded)', async () => {
    const piece = fc.constantFrom('recv {', '  ', '}', ' }', '{', '[', ']', ',', "'", '"', `candidate: '${C1}'`, `"candidate": "${C2}"`, "sdpMid: '0'", '"sdpMid": "1"', 'sdpMLineIndex: 0', '10:00:00 ', 'a=mid:0', 'v=0', '\r');
    const line = fc.array(piece, { maxLength: 5 }).map((ps) => ps.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.integer({ min: 1, max: 40 }), async (lines, chunk) => {
        const text = lines.join('\n');
        const a = readInput(text);
        const b = await streamedIn(text, chunk);
        expect(seen(b)).toEqual(seen(a));
        expect(b.descriptions.length).toBe(a.descriptions.length);
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });
});

describe('ObjectBlock', () => {
  it('joins its lines, each next one without its indentation, at the first line\'s number', () => {
    const b = new ObjectBlock();
    expect(b.start('x {\r', '\n', 4)).toBe(true);
    expect(b.push("  a: 'b',\r", '\n', 5)).toEqual({ kind: 'held' });
    expect(b.push('}\r', '\n', 6)).toEqual({ kind: 'closed', text: "x { a: 'b', }", ending: '\n', line: 4 });
    expect(b.open).toBe(false);
    expect(b.start('x {}', '\n', 7)).toBe(false);
  });
});
