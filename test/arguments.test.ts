/**
 * What the public functions do with arguments of the wrong kind: an SdpscopeError with its own
 * code (NOT_TEXT for a parser given something that is not a string, INVALID_ARGUMENT otherwise),
 * never a TypeError and never a silently wrong value.
 */
import {
  CandidateAnalyzer,
  checkStunIntegrity,
  decodeStunMessage,
  encodeStunMessage,
  inferRelayProtocol,
  inferType,
  isStunMessage,
  parseIceServerUri,
  predictPairs,
  stunLongTermKey,
  stunXorAddress,
  classifyAddress,
  decodePriority,
  describeFrame,
  diffDescriptions,
  encodePriority,
  explainCandidate,
  explainNetworkCost,
  formatPriorityParts,
  hasErrors,
  isRedactionMarker,
  negotiate,
  pairFromOne,
  pairFromTwo,
  pairPriority,
  parseCandidate,
  parseSdp,
  peerConnectionFromStats,
  readCandidates,
  readDescriptions,
  readInput,
  redactFrame,
  redactText,
  restExpiry,
  scanInput,
  SdpscopeError,
  writeCandidate,
  writeSdp,
  isSdpscopeError,
} from '../src/index.js';
import { framesOf, runClient } from '../src/node/client.js';
import { probe } from '../src/node/probe.js';
import { looksBinary } from '../src/node/files.js';
import { scanStream } from '../src/node/stream.js';
import { sample, seedSdp } from './support/corpus.js';

const NOT_STRINGS: unknown[] = [undefined, null, 42, {}, [], Buffer.from('v=0'), 10n];

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SdpscopeError);
    return (e as SdpscopeError).code;
  }
  return 'no error';
}

async function asyncCodeOf(f: () => Promise<unknown>): Promise<string> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(SdpscopeError);
    return (e as SdpscopeError).code;
  }
  return 'no error';
}

describe('parsers given something that is not a string: NOT_TEXT', () => {
  it.each(NOT_STRINGS.map((v) => [v]))('%p', (v) => {
    for (const f of [parseSdp, parseCandidate, readInput, readDescriptions, readCandidates, classifyAddress, isRedactionMarker, redactText, framesOf] as ((x: unknown) => unknown)[]) {
      expect(codeOf(() => f(v))).toBe('NOT_TEXT');
    }
  });
});

describe('functions given the wrong kind of object or number: INVALID_ARGUMENT', () => {
  const d = parseSdp(seedSdp('offer'));
  it.each([
    ['writeSdp(undefined)', () => writeSdp(undefined as never)],
    ['writeCandidate({})', () => writeCandidate({} as never)],
    ['explainCandidate(undefined)', () => explainCandidate(undefined as never)],
    ['negotiate(undefined, d)', () => negotiate(undefined as never, d)],
    ['negotiate(d, "x")', () => negotiate(d, 'x' as never)],
    ['diffDescriptions(d, {})', () => diffDescriptions(d, {} as never)],
    ['hasErrors({})', () => hasErrors({} as never)],
    ['pairFromOne("x", "n")', () => pairFromOne('x' as never, 'n')],
    ['encodePriority(undefined)', () => encodePriority(undefined as never)],
    ['formatPriorityParts({})', () => formatPriorityParts({} as never)],
    ['pairPriority("x", "x")', () => pairPriority('x' as never, 'x' as never)],
    ['pairPriority(2 ** 32, 1)', () => pairPriority(2 ** 32, 1)],
    ['explainNetworkCost("hello")', () => explainNetworkCost('hello' as never)],
    ['explainNetworkCost(10n)', () => explainNetworkCost(10n as never)],
    ['explainNetworkCost(undefined)', () => explainNetworkCost(undefined as never)],
    ['describeFrame(42)', () => describeFrame(42 as never)],
    ['describeFrame({kind: "x"})', () => describeFrame({ kind: 'x' } as never)],
    ['new CandidateAnalyzer(null)', () => new CandidateAnalyzer(null as never)],
    ['new CandidateAnalyzer({ maxSessions: -1 })', () => new CandidateAnalyzer({ maxSessions: -1 })],
    ['new CandidateAnalyzer({ maxSessions: NaN })', () => new CandidateAnalyzer({ maxSessions: NaN })],
    ['new CandidateAnalyzer({ maxSessions: "3" })', () => new CandidateAnalyzer({ maxSessions: '3' as never })],
    ['analyzer.candidate({})', () => new CandidateAnalyzer().candidate({} as never)],
    ['scanInput(text, {})', () => scanInput('x', {} as never)],
    ['looksBinary(undefined)', () => looksBinary(undefined as never)],
    // Library audit: raw TypeErrors before.
    ['parseIceServerUri(an RTCIceServer\'s urls list)', () => parseIceServerUri(['stun:127.0.0.1:3478', 'turn:127.0.0.1:3478'] as never)],
    ['isStunMessage(null)', () => isStunMessage(null as never)],
    ['encodeStunMessage({})', () => encodeStunMessage({} as never)],
    ['encodeStunMessage with an attribute that is not bytes', () => encodeStunMessage({ class: 'request', method: 1, transactionId: new Uint8Array(12), attributes: [{ type: 6, value: 'x' as never }] })],
    ['encodeStunMessage with an integrity key and no crypto', () => encodeStunMessage({ class: 'request', method: 1, transactionId: new Uint8Array(12), integrityKey: new Uint8Array(4) })],
    ['predictPairs(undefined, [], true)', () => predictPairs(undefined as never, [], true)],
    ['predictPairs([{}], [], true)', () => predictPairs([{}] as never, [], true)],
    ['inferRelayProtocol(undefined)', () => inferRelayProtocol(undefined as never)],
    ['inferType({})', () => inferType({} as never)],
    ['stunXorAddress(null, id)', () => stunXorAddress(null as never, new Uint8Array(12))],
    ['stunXorAddress(address, 8 bytes)', () => stunXorAddress({ family: 'ipv4', address: '192.0.2.1', port: 1 }, new Uint8Array(8))],
    ['stunLongTermKey without a crypto', () => stunLongTermKey('u', 'r', 'p', undefined as never)],
    // Library audit: options of the wrong kind were taken (a File as the file name went into every source).
    ['readInput(text, { file: a File })', () => readInput('candidate:1 1 udp 1 10.0.0.1 5000 typ host', { file: { name: 'alice.log' } as never })],
    ['readInput(text, { file: 42 })', () => readInput('x', { file: 42 as never })],
    ['readInput(text, 42)', () => readInput('x', 42 as never)],
    ['scanInput(text, sink, { file: {} })', () => scanInput('x', new CandidateAnalyzer(), { file: {} as never })],
    ['parseSdp(sdp, { fragment: "no" })', () => parseSdp('a=mid:0\r\n', { fragment: 'no' as never })],
    ['new CandidateAnalyzer({ maxSession: 5 }) (a misspelt option)', () => new CandidateAnalyzer({ maxSession: 5 } as never)],
    ['new CandidateAnalyzer({ keepRecords: "yes" })', () => new CandidateAnalyzer({ keepRecords: 'yes' as never })],
    ['pairFromOne([], "n", { pc: "1-1" })', () => pairFromOne([], 'n', { pc: '1-1' } as never)],
    ['peerConnectionFromStats([], { localSDP: "v=0" })', () => peerConnectionFromStats([], { localSDP: 'v=0' } as never)],
    ['restExpiry(a symbol)', () => restExpiry(Symbol('x') as never)],
    ['parseSdp(sdp, { constructor: "x" }) (a key of Object.prototype)', () => parseSdp('a=mid:0\r\n', { constructor: 'x' } as never)],
    ['pairFromTwo([], "a", [], "b", { dif: true })', () => pairFromTwo([], 'a', [], 'b', { dif: true } as never)],
    ['restExpiry("1700000000:u", "now")', () => restExpiry('1700000000:u', 'now' as never)],
  ])('%s', (_what, f) => {
    expect(codeOf(f)).toBe('INVALID_ARGUMENT');
  });

  it('an error names the function called (formatPriorityParts, not encodePriority), and says what a bad option is', () => {
    expect(() => formatPriorityParts(2122260223 as never)).toThrow(/^formatPriorityParts: the parts/);
    expect(() => new CandidateAnalyzer({ maxSession: 5 } as never)).toThrow('CandidateAnalyzer: the options: no option "maxSession" (the options are keepRecords, onCandidate, onCandidateJson, onSession, maxSessions, maxCandidatesPerSession)');
    expect(() => readInput('x', { file: new Uint8Array(1) } as never)).toThrow('readInput: the options: file must be a string, got an object');
    expect(() => parseSdp('a=mid:0\r\n', { toString: 1 } as never)).toThrow('parseSdp: the options: no option "toString" (the options are fragment)');
    expect(restExpiry(null)).toBeNull();
    // Absent and undefined options are fine.
    expect(readInput('x', { file: undefined } as never).candidates).toEqual([]);
    expect(parseSdp('a=mid:0\r\n', { fragment: true }).fragment).toBe(true);
  });

  it('scanStream(undefined, sink) rejects with INVALID_ARGUMENT', async () => {
    expect(await asyncCodeOf(() => scanStream(undefined as never, new CandidateAnalyzer()))).toBe('INVALID_ARGUMENT');
    // Its options too (audit of the change: a File as file went into every source; onProgress: 'x' was a TypeError).
    const stream = async function* () { yield 'candidate:1 1 udp 1 10.0.0.1 5000 typ host\n'; };
    expect(await asyncCodeOf(() => scanStream(stream(), new CandidateAnalyzer(), { file: { name: 'a.sdp' } } as never))).toBe('INVALID_ARGUMENT');
    expect(await asyncCodeOf(() => scanStream(stream(), new CandidateAnalyzer(), { onProgress: 'x' } as never))).toBe('INVALID_ARGUMENT');
  });

  it('priorities still decode and encode over their whole range', () => {
    expect(encodePriority(decodePriority(4294967295))).toBe(4294967295);
    expect(encodePriority(decodePriority(0))).toBe(0);
    expect(formatPriorityParts(decodePriority(2122260223))).toBe('126 | 32542 | 1');
  });
});

describe('StunCrypto functions that return a Promise (WebCrypto\'s subtle.sign): INVALID_ARGUMENT saying so, not a wrong false or a RangeError (library audit)', () => {
  const asyncCrypto = { hmacSha1: () => Promise.resolve(new Uint8Array(20)) as never, md5: () => Promise.resolve(new Uint8Array(16)) as never };
  const input = { class: 'request' as const, method: 1, transactionId: new Uint8Array(12), integrityKey: new Uint8Array(16) };
  it.each([
    ['encodeStunMessage', () => encodeStunMessage(input, asyncCrypto)],
    ['checkStunIntegrity', () => checkStunIntegrity(decodeStunMessage(encodeStunMessage(input, { hmacSha1: () => new Uint8Array(20), md5: () => new Uint8Array(16) })), new Uint8Array(16), asyncCrypto)],
    ['stunLongTermKey', () => stunLongTermKey('u', 'r', 'p', asyncCrypto)],
  ])('%s', (_what, f) => {
    let message = '';
    expect(codeOf(() => {
      try {
        return f();
      } catch (e) {
        message = (e as Error).message;
        throw e;
      }
    })).toBe('INVALID_ARGUMENT');
    expect(message).toContain('returned a Promise');
  });
});

describe("a browser's description or candidate object given where its text or model goes: the error says which field (library audit: \"got an object\")", () => {
  /** Shaped as the WebIDL makes them: fields as getters on the prototype. */
  class DescriptionLike {
    get type(): string {
      return 'offer';
    }
    get sdp(): string {
      return seedSdp('offer');
    }
  }
  const candidate = { candidate: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
  it.each([
    ['parseSdp(pc.localDescription)', () => parseSdp(new DescriptionLike() as never), 'NOT_TEXT', 'pass its .sdp'],
    ['negotiate(desc, desc)', () => negotiate(new DescriptionLike() as never, new DescriptionLike() as never), 'INVALID_ARGUMENT', 'parse its .sdp first (parseSdp)'],
    ['parseCandidate(an RTCIceCandidate)', () => parseCandidate(candidate as never), 'NOT_TEXT', 'pass its .candidate'],
    ['explainCandidate(an RTCIceCandidate)', () => explainCandidate(candidate as never), 'INVALID_ARGUMENT', 'parse its .candidate first'],
    ['inferType(pc.localDescription)', () => inferType(new DescriptionLike() as never), 'INVALID_ARGUMENT', 'its .type is the type'],
  ] as [string, () => unknown, string, string][])('%s', (_what, f, code, hint) => {
    try {
      f();
      throw new Error('no error');
    } catch (e) {
      expect([(e as SdpscopeError).code, (e as Error).message.includes(hint)]).toEqual([code, true]);
    }
  });
});

describe('isSdpscopeError', () => {
  it('knows an error of another copy of sdpscope by its name and a known code (library audit: instanceof alone said false)', () => {
    const other = Object.assign(new Error('x'), { name: 'SdpscopeError', code: 'NOT_SDP' });
    expect([isSdpscopeError(other), isSdpscopeError(other, 'NOT_SDP'), isSdpscopeError(other, 'USAGE')]).toEqual([true, true, false]);
    expect(isSdpscopeError(Object.assign(new Error('y'), { name: 'SdpscopeError', code: 'BOGUS' }))).toBe(false);
    expect(isSdpscopeError(Object.assign(new Error('z'), { code: 'NOT_SDP' }))).toBe(false);
    expect(isSdpscopeError({ name: 'SdpscopeError', code: 'NOT_SDP' })).toBe(false);
  });
});

describe('the analyzer after finish()', () => {
  it('gives the same report again, and refuses more input with ANALYZER_FINISHED', () => {
    const a = new CandidateAnalyzer();
    scanInput(sample('call.ndjson'), a);
    const r = a.finish();
    expect(a.finish()).toBe(r);
    expect(codeOf(() => scanInput('candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', a))).toBe('ANALYZER_FINISHED');
    expect(r.totals.candidates).toBe(5);
  });
});

describe('what lossless reading keeps', () => {
  it('a leading byte order mark: read, and written back', () => {
    const text = '\uFEFF' + seedSdp('offer');
    const d = parseSdp(text);
    expect([d.bom, d.version, writeSdp(d) === text]).toEqual([true, '0', true]);
    expect(parseSdp(seedSdp('offer')).bom).toBe(false);
  });

  it('a deeply nested frame is redacted whole below 64 levels, without running out of stack', () => {
    let deep: unknown = { password: 'secret' };
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    const out = JSON.stringify(redactFrame(deep));
    expect(out).not.toContain('secret');
    expect(out).toContain('[redacted: nested too deep]');
  });
});

describe('two files into one analyzer, from the library', () => {
  it('names each input (scanInput\'s file option), so a call between them is recognised as the CLI does', () => {
    const a = new CandidateAnalyzer();
    scanInput(sample('alice.log'), a, { file: 'alice.log' });
    scanInput(sample('bob.log'), a, { file: 'bob.log' });
    const r = a.finish();
    expect(r.calls).toHaveLength(1);
    expect(r.calls[0]!.pairs.some((p) => p.viable)).toBe(true);
    expect(readInput(sample('alice.log'), { file: 'alice.log' }).candidates[0]!.source.file).toBe('alice.log');
  });
});

describe('the Node part given the wrong options (library audit: TypeError, RangeError, or a 1 ms timeout)', () => {
  it.each([
    ['probe(undefined)', () => probe(undefined as never)],
    ['probe({servers: 5})', () => probe({ servers: 5 } as never)],
    ['probe timeoutMs Infinity', () => probe({ servers: ['stun:127.0.0.1:9'], timeoutMs: Infinity })],
    ['probe timeoutMs NaN', () => probe({ servers: ['stun:127.0.0.1:9'], timeoutMs: NaN })],
    ['probe timeoutMs -1', () => probe({ servers: ['stun:127.0.0.1:9'], timeoutMs: -1 })],
    ['runClient(undefined)', () => runClient(undefined as never)],
    ['runClient timeoutMs -1', () => runClient({ url: 'ws://127.0.0.1:9', timeoutMs: -1 })],
    ['runClient url 5', () => runClient({ url: 5 } as never)],
  ])('%s: INVALID_ARGUMENT', async (_name, f) => {
    expect(await asyncCodeOf(async () => f())).toBe('INVALID_ARGUMENT');
  });
});

describe('the dashboard audit of 2026-12-06: odd arguments are INVALID_ARGUMENT, never a TypeError or a silent answer', () => {
  it('explainStunErrorCode\'s context: null or a misspelt key', async () => {
    const { explainStunErrorCode } = await import('../src/stun/nat.js');
    expect(codeOf(() => explainStunErrorCode(401, null as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => explainStunErrorCode(401, { user: 'x' } as never))).toBe('INVALID_ARGUMENT');
    expect(explainStunErrorCode(401, { username: '1600000000:alice', now: Date.UTC(2026, 0, 1) })).toMatch(/has passed/);
  });

  it('decodePriority of a null-prototype object or a Symbol: PRIORITY_RANGE, its message made', () => {
    expect(codeOf(() => decodePriority(Object.create(null) as never))).toBe('PRIORITY_RANGE');
    expect(codeOf(() => decodePriority(Symbol('p') as never))).toBe('PRIORITY_RANGE');
  });

  it('pairFromOne and pairFromTwo name their inputs with strings', () => {
    expect(codeOf(() => pairFromOne([], Symbol('a') as never))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => pairFromTwo([], Object.create(null) as never, [], 'b'))).toBe('INVALID_ARGUMENT');
  });

  it('sideFindings of something that is no description', async () => {
    const { sideFindings } = await import('../src/negotiation/one-side.js');
    expect(codeOf(() => sideFindings({ media: 'abc', bundle: [] } as never, 'answer'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => sideFindings({ media: [{}] } as never, 'answer'))).toBe('INVALID_ARGUMENT');
  });

  it('runClient with bad options rejects its promise (probe and the browser stub do; it threw)', async () => {
    let thrown = false;
    let p: Promise<unknown> | null = null;
    try {
      p = runClient('x' as never);
    } catch {
      thrown = true;
    }
    expect(thrown).toBe(false);
    expect(await asyncCodeOf(() => p!)).toBe('INVALID_ARGUMENT');
    expect(await asyncCodeOf(() => runClient({ url: 'http://x' }))).toBe('INVALID_ARGUMENT');
  });
});

describe('the library audit of 2026-12-07 (sixth session): a wrong argument says what to give instead', () => {
  const messageOf = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return `${(e as SdpscopeError).code}: ${(e as Error).message}`;
    }
    return 'no error';
  };
  const c = parseCandidate('candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host');
  it.each([
    ['negotiate(SDP text, SDP text)', () => negotiate(seedSdp('offer') as never, seedSdp('answer') as never), /^INVALID_ARGUMENT: .*got "v=0\\r\\no=.*" \(SDP text: parse it first, parseSdp\)$/],
    ['explainCandidate(a candidate line)', () => explainCandidate('candidate:1 1 udp 1 1.1.1.1 5 typ host' as never), /\(a candidate line: parse it first, parseCandidate\)$/],
    ['predictPairs([a Candidate], …)', () => predictPairs([c as never], [c as never], true), /a local end is a candidate alone; an end is \{session, candidate, explanation\}/],
    ['decodePriority(a bigint)', () => decodePriority(2122260223n as never), /^PRIORITY_RANGE: .*\(a bigint: give a number, Number\(p\)/],
  ])('%s', (_what, f, message) => {
    expect(messageOf(f)).toMatch(message);
  });
});
