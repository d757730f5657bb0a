/**
 * The one error class of sdpscope. Every rejection carries a stable `code` (listed in
 * {@link ERROR_CODES}, never renamed) and, where it applies, a 1-based line and column.
 */

/** Every error code, with what it means. A new code does not compile until it is described here. */
export const ERROR_CODES = {
  NOT_TEXT: 'A parser was given something that is not a string (undefined, a number, an object...).',
  INVALID_ARGUMENT: 'A function was given an argument of the wrong kind: not a parsed description or candidate, a number out of its range, an option of the wrong type.',
  ANALYZER_FINISHED: 'The candidate analyzer was fed after finish(): make a new one for new input.',
  EMPTY_INPUT: 'The input is empty or only white space.',
  NOT_SDP: 'The text is not an SDP: its first line is not "v=".',
  CANDIDATE_PREFIX: 'A candidate must start with "candidate:" or "a=candidate:" (RFC 8839 §5.1).',
  CANDIDATE_FOUNDATION: 'Not thrown; kept so that no code is ever renamed or removed. A foundation that is not 1*32ice-char (RFC 8839 §5.1) is read, as Chromium reads it, with the warning candidate-foundation.',
  CANDIDATE_COMPONENT: 'The component id is not 1*3DIGIT in 1..256 (RFC 8839 §5.1).',
  CANDIDATE_TRANSPORT: 'The transport is missing or not a token (RFC 8839 §5.1).',
  CANDIDATE_PRIORITY: 'The priority is not 1*10DIGIT up to 4294967295 (RFC 8839 §5.1, RFC 8445 §5.1.2; 0, outside RFC 8445, is tolerated).',
  CANDIDATE_ADDRESS: 'The connection address is missing (RFC 8839 §5.1).',
  CANDIDATE_PORT: 'The port is not 1*5DIGIT in 0..65535 (RFC 8839 §5.1).',
  CANDIDATE_TYPE: 'The "typ <type>" part is missing or malformed (RFC 8839 §5.1).',
  CANDIDATE_RELATED: '"raddr" or "rport" is not followed by an address or a port (RFC 8839 §5.1).',
  CANDIDATE_EXTENSION: 'More extensions than any candidate has (over 100): several candidates run together on one line. (A last name without its value is read, as Chromium reads it: candidate-extension-value.)',
  CANDIDATE_CUT: 'The candidate is in a quoted string that the line ends before closing: the line was cut (a truncated log line or frame), so its last field may be too.',
  CANDIDATE_LINES: 'The candidate holds a line break before its end: it is more than one line, which Chromium refuses ("Expect one line only"). One line ending (CRLF, LF or CR) at its very end is not part of it.',
  PRIORITY_RANGE: 'A priority must be an integer in 0..4294967295 (32 bits, RFC 8445 §5.1.2.1).',
  PREFERENCE_RANGE: 'A preference is out of range: type 0..255 (RFC 8445 §5.1.2.2 uses 0..126), local 0..65535, component 1..256 (RFC 8445 §5.1.2.1).',
  NO_SDP_FOUND: 'No SDP (and, for the commands that read candidates, no candidate) was found in the input; sdp-diff says so of a file of candidates alone, and names the command that reads them.',
  NO_OFFER_ANSWER: 'The input does not hold the two descriptions to compare (an offer and an answer, or two of a kind).',
  FILE_NOT_FOUND: 'The file does not exist.',
  FILE_IS_DIRECTORY: 'The path is a directory, not a file.',
  FILE_BINARY: 'The file holds binary data, not text.',
  FILE_UNREADABLE: 'The file could not be read.',
  OUTPUT_TOO_LARGE: 'The report would be longer than the longest string JavaScript makes (about 512 MiB), written out in JSON: something the input has once and the report repeats for each of thousands of m-lines or candidates. (A session-level value past 256 characters is written short in each m-line: it no longer counts.)',
  OUTPUT_UNWRITABLE: 'Standard output cannot be written: a full disk (`> /dev/full`), an I/O error. (A pipe whose reader stops, `| head`, is not an error; a descriptor closed before the start, `>&-`, Node opens on /dev/null, so the output is lost unsaid.)',
  INVALID_OPTION: 'An option has a value outside its range (a negative limit, a port above 65535, an empty token...).',
  ADDRESS_IN_USE: 'The relay cannot listen: the address and port are in use (another relay?).',
  LISTEN_FAILED: 'The relay cannot listen on that address and port (not an address of this machine, a privileged port...).',
  LOG_UNWRITABLE: 'The relay cannot write its log: a missing folder, a directory, no permission, a full or read-only disk (at start-up; or later, when the disk fills or an I/O error comes).',
  INVALID_FRAME: 'A frame to send is not JSON (frames are a JSON value, an array of them, or one per line).',
  USAGE: 'The command line is not valid.',
  NO_PEER_CONNECTION: 'The stats dump holds no peer connection (webrtc-internals opened after the call ended, a getUserMedia-only page), or none with the id asked for.',
  NOT_A_DUMP: 'The input is not a stats dump sdpscope reads: a chrome://webrtc-internals dump, an rtcstats dump, a Firefox about:webrtc report, or getStats() results as JSON.',
  ICE_SERVER_URI: 'A STUN or TURN server URI is not valid: stun:host[:port], turn:host[:port][?transport=udp|tcp], stuns:, turns: (RFC 7064, RFC 7065).',
  ICE_SERVERS_FILE: 'An iceServers file is not an RTCConfiguration-style list: [{"urls": ..., "username": ..., "credential": ...}] or {"iceServers": [...]}.',
  STUN_MESSAGE: 'The bytes are not a STUN message (RFC 8489 §5: a 20-byte header with the magic cookie, attributes within the length).',
  CONNECTION_REFUSED: 'The relay could not be reached, or refused the connection (token, origin, capacity).',
  NODE_ONLY: 'This part of sdpscope (sdpscope/node, sdpscope/lab) needs Node.js; in a browser, import "sdpscope".',
  PACKAGE_FILES_MISSING: 'This part of sdpscope/node needs the package\'s own files (the relay\'s log worker, its pages) and was bundled into another file: keep sdpscope out of the bundle (esbuild --external:sdpscope, Vite ssr.external).',
  LAB_SETUP: 'The NAT lab cannot run here: it needs Linux, root, iproute2, iptables, coturn and a browser.',
  MEMORY_LIMIT: 'The candidates analysis of a large input went past the heap its worker thread is given (512 MB; see --max-sessions).',
  LAB_CALL: 'The lab call did not complete: a browser, the relay or the TURN server failed, or ICE did not connect in time.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorPosition {
  /** 1-based line in the input the parser was given. */
  readonly line?: number;
  /** 1-based column (in UTF-16 code units) where the problem starts. */
  readonly column?: number;
}

/** What an {@link SdpscopeError} becomes in JSON (`JSON.stringify` calls its `toJSON`). */
export interface SdpscopeErrorJson {
  readonly name: 'SdpscopeError';
  readonly code: ErrorCode;
  readonly reason: string;
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
}

/**
 * The one error sdpscope throws: a stable `code` (ERROR_CODES says each), the `reason` in words,
 * and where in the input (`line`, `column`) when that applies. `toJSON` gives it as plain data
 * (ErrorInfo); `isSdpscopeError(e, code)` tells it apart.
 */
export class SdpscopeError extends Error {
  override readonly name = 'SdpscopeError';
  readonly code: ErrorCode;
  /** What is wrong, in words, without the position (`message` is the reason with the position appended). */
  readonly reason: string;
  /** 1-based line, where it applies; null otherwise. */
  readonly line: number | null;
  /** 1-based column (UTF-16 code units), where it applies; null otherwise. */
  readonly column: number | null;

  constructor(code: ErrorCode, reason: string, position: ErrorPosition = {}) {
    const where =
      position.line !== undefined
        ? ` (line ${position.line}${position.column !== undefined ? `, column ${position.column}` : ''})`
        : position.column !== undefined
          ? ` (column ${position.column})`
          : '';
    super(`${reason}${where}`);
    this.code = code;
    this.reason = reason;
    this.line = position.line ?? null;
    this.column = position.column ?? null;
  }

  /** Errors survive JSON.stringify with every field (an Error's message is not enumerable). */
  toJSON(): SdpscopeErrorJson {
    return { name: this.name, code: this.code, reason: this.reason, message: this.message, line: this.line, column: this.column };
  }
}

/**
 * Runs `fn` with V8's stack capture off (Error.stackTraceLimit 0 while it runs): for errors that
 * are caught and dropped, or returned as values, whose stack is never read and costs more to
 * capture than the work (a JSON.parse that fails, a candidate that does not read). Internal.
 */
export function withoutStack<T>(fn: () => T): T {
  const E = Error as { stackTraceLimit?: unknown };
  const limit = E.stackTraceLimit;
  if (typeof limit !== 'number') return fn();
  E.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    E.stackTraceLimit = limit;
  }
}

/** An SdpscopeError made without capturing its stack (see withoutStack). Internal. */
export const stacklessError = (code: ErrorCode, reason: string, position: ErrorPosition = {}): SdpscopeError => withoutStack(() => new SdpscopeError(code, reason, position));

/**
 * True when `e` is an {@link SdpscopeError}, thrown by this copy of sdpscope or another (its name
 * and a known code); `code` narrows it further. An error sent through postMessage or
 * structuredClone loses its class and code: send `e.toJSON()`.
 */
export function isSdpscopeError<C extends ErrorCode = ErrorCode>(e: unknown, code?: C): e is SdpscopeError & { readonly code: C } {
  // Another copy of sdpscope (a nested dependency, a worker's own bundle) throws its own class:
  // an Error (of any realm) told by its name and a known code (library audit: instanceof alone said false).
  const ours = e instanceof SdpscopeError || (Object.prototype.toString.call(e) === '[object Error]' && (e as Error).name === 'SdpscopeError' && typeof (e as { code?: unknown }).code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, (e as unknown as { code: string }).code));
  return ours && (code === undefined || (e as { code: unknown }).code === code);
}

/** Plain data of an error (what `toJSON` gives), for results that travel: JSON, structuredClone, postMessage keep all of it. */
export type ErrorInfo = SdpscopeErrorJson;

/** The thing a parser was given, when it is not text: throws NOT_TEXT. */
export function requireText(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value;
  throw new SdpscopeError('NOT_TEXT', `${what} takes a string, got ${got}${textHint(value)}`);
}

/**
 * Where the text is in a browser's object a parser was given (library audit: "got an object" of
 * pc.localDescription and an RTCIceCandidate): its .sdp or .candidate, passed or (`parse`, where a
 * model is wanted) parsed first.
 */
function textHint(value: unknown, parse = false): string {
  // The text itself where its model goes (library audit: negotiate(sdp, sdp), explainCandidate(line)).
  if (typeof value === 'string' && parse) {
    if (/^\s*(?:a=)?candidate:/i.test(value)) return ' (a candidate line: parse it first, parseCandidate)';
    if (/^\s*v=0/.test(value) || /\nm=/.test(value)) return ' (SDP text: parse it first, parseSdp)';
    return '';
  }
  if (value === null || typeof value !== 'object') return '';
  const o = value as { sdp?: unknown; candidate?: unknown };
  if (typeof o.sdp === 'string') return ` (an RTCSessionDescription?): ${parse ? 'parse its .sdp first (parseSdp)' : 'pass its .sdp'}`;
  if (typeof o.candidate === 'string') return ` (an RTCIceCandidate?): ${parse ? 'parse its .candidate first (parseCandidate)' : 'pass its .candidate'}`;
  return '';
}

/** A value as an error message shows it (`null`, `an array`, `an object`, a string quoted and cut at 20). Internal. */
export const describe = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : typeof value === 'function' ? 'a function' : typeof value === 'symbol' ? 'a symbol' : typeof value === 'bigint' ? `${value}n (a bigint)` : String(value);

/** An integer in [min, max]; throws INVALID_ARGUMENT otherwise (NaN, a string, a bigint, out of range). */
export function requireInteger(value: unknown, what: string, min: number, max: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  throw new SdpscopeError('INVALID_ARGUMENT', `${what} must be an integer in ${min}..${max}, got ${describe(value)}`);
}

/** What an option may be: its type, "?" when null is allowed too. */
export type OptionKind = 'string' | 'boolean' | 'integer' | 'function' | 'string?' | 'object?';

const OPTION_WANTED: Readonly<Record<OptionKind, string>> = {
  string: 'a string',
  boolean: 'true or false',
  integer: 'an integer',
  function: 'a function',
  'string?': 'a string or null',
  'object?': 'an object or null',
};

function optionFits(kind: OptionKind, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'function':
      return typeof v === 'function';
    case 'string?':
      return v === null || typeof v === 'string';
    case 'object?':
      return v === null || (typeof v === 'object' && !Array.isArray(v));
  }
}

/**
 * A function's options object: absent, or an object whose every key is one of `spec`'s, each of
 * its kind (undefined is absent). A misspelt option (`maxSession`), a File where a name goes, a
 * string where a flag goes ("no" is truthy) is INVALID_ARGUMENT naming it, not silently taken.
 */
export function requireOptions(value: unknown, what: string, spec: Readonly<Record<string, OptionKind>>): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SdpscopeError('INVALID_ARGUMENT', `${what} must be an object (${Object.keys(spec).join(', ')}), got ${describe(value)}`);
  const o = value as Record<string, unknown>;
  for (const k in o) {
    // Own keys of the table only: "constructor" or "toString" is no option (audit of the change: "constructor must be undefined").
    const kind = Object.prototype.hasOwnProperty.call(spec, k) ? spec[k] : undefined;
    if (kind === undefined) {
      if (!Object.prototype.hasOwnProperty.call(o, k)) continue;
      throw new SdpscopeError('INVALID_ARGUMENT', `${what}: no option ${JSON.stringify(k)} (the options are ${Object.keys(spec).join(', ')})`);
    }
    const v = o[k];
    if (v !== undefined && !optionFits(kind, v)) throw new SdpscopeError('INVALID_ARGUMENT', `${what}: ${k} must be ${OPTION_WANTED[kind]}, got ${describe(v)}`);
  }
}

/** One of a closed set of strings (a NAT type...); throws INVALID_ARGUMENT naming them otherwise. */
export function requireOneOf<T extends string>(value: unknown, set: readonly T[], what: string): T {
  if (typeof value === 'string' && (set as readonly string[]).includes(value)) return value as T;
  throw new SdpscopeError('INVALID_ARGUMENT', `${what} must be one of ${set.join(', ')}, got ${describe(value)}`);
}

/** An object with the given fields (a parsed description, a candidate); throws INVALID_ARGUMENT otherwise. */
export function requireObject<T extends object>(value: unknown, what: string, ...fields: string[]): T {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && fields.every((f) => f in value)) return value as T;
  throw new SdpscopeError('INVALID_ARGUMENT', `${what} must be ${fields.length ? `an object with ${fields.join(', ')}` : 'an object'}, got ${describe(value)}${textHint(value, true)}`);
}

/**
 * Throws INVALID_ARGUMENT when `value` holds one object twice within `maxDepth` levels: a cycle,
 * or parts shared between branches. A JSON value has neither; walkers that follow every key
 * looped on a cycle, and took time exponential in the depth on shared parts (41 objects: 1 s;
 * library audit). One pass, each object once.
 */
export function requireTree(value: unknown, what: string, maxDepth = 64): void {
  if (value === null || typeof value !== 'object') return;
  const seen = new Set<object>();
  const stack: { v: object; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (seen.has(v)) throw new SdpscopeError('INVALID_ARGUMENT', `${what} holds the same object twice (a cycle, or shared parts): it must be a JSON value, as JSON.parse makes one`);
    seen.add(v);
    if (depth >= maxDepth) continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push({ v: c as object, depth: depth + 1 });
  }
}
