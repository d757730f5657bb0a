/**
 * Secrets out of signaling frames, for the relay's log, its feed and the pages: a copy of a frame
 * with the values of secret keys replaced wherever they are (nested in objects and arrays,
 * iceServers entries), and the secrets inside text (SDP a=ice-pwd, a=crypto inline keys, k=
 * lines; passwords in URLs, secret query parameters). The frame itself is never changed (the
 * relay forwards the bytes it received). Linear in the size of the frame. Pure.
 */
import { percentDecoded } from '../escape.js';
import { requireText, requireTree, SdpscopeError } from '../errors.js';
import { kvsPayload, toBase64 } from '../input/kvs.js';
import { LIBWEBRTC_CAND_HEAD } from '../input/text-scan.js';

/**
 * Keys whose values are secrets, compared after lower-casing and dropping everything but letters
 * and digits ("ice-pwd", "icePwd" and "ICE_PWD" are one key): these whole, and any key that ends
 * with one of {@link SECRET_KEY_ENDINGS} ("turnPassword", "x-api-key", "refresh_token"), and the
 * plurals of both ("passwords", "clientSecrets", "apiKeys"). Of tokens, only the plurals that
 * name a kind of credential ("accessTokens", "refresh_tokens"): "tokens" and "maxTokens" are
 * counts as often as secrets, and a count redacted is a figure lost.
 */
export const SECRET_KEYS: readonly string[] = [
  'adminkey', 'auth', 'authorization', 'bearer', 'cookie', 'credential', 'credentials', 'jwt', 'otp', 'pass', 'passcode',
  'newpin', 'passphrase', 'passwd', 'password', 'pin', 'pincode', 'proxyauthorization', 'pwd', 'roompin', 'secret', 'signature', 'token',
];

/**
 * Endings that make a key secret: "accessToken", "turnCredential", "clientSecret", "apiKey",
 * "privateKey", "sessionCookie"; keys of AWS ("secretAccessKey", as Amazon KVS's SDK is given
 * them: relay audit, it was logged beside a redacted sessionToken), of Janus (a room's "pin",
 * "admin_key": relay audit of 2026-12-07, both had been logged), HTTP headers as keys
 * ("Proxy-Authorization"), of media encryption
 * (mediasoup's srtpParameters.keyBase64, an SRTP master key and salt; "e2eeKey",
 * "encryptionKey"), and "TurnPass".
 */
export const SECRET_KEY_ENDINGS: readonly string[] = [
  'apikey', 'cookie', 'credential', 'credentials', 'e2eekey', 'encryptionkey', 'keybase64', 'masterkey', 'passphrase', 'passwd', 'password', 'privatekey', 'pwd',
  'secret', 'secretaccesskey', 'secretkey', 'signature', 'signingkey', 'srtpkey', 'token', 'turnpass',
];

const EXACT = /* @__PURE__ */ new Set(SECRET_KEYS);

/**
 * Keys already judged (a frame's keys, an SDP's fmtp parameter names: the same few hundred again
 * and again), at most {@link KNOWN_LIMIT}, then started afresh: a pure function's answers.
 */
const known = new Map<string, boolean>();
const KNOWN_LIMIT = 1024;

/** True when the values of `key` are secrets (see {@link SECRET_KEYS}). */
export function isSecretKey(key: string): boolean {
  if (typeof key !== 'string') return judgeKey(key);
  const was = known.get(key);
  if (was !== undefined) return was;
  const secret = judgeKey(key);
  if (key.length <= 64) {
    if (known.size >= KNOWN_LIMIT) known.clear();
    known.set(key, secret);
  }
  return secret;
}

function judgeKey(key: string): boolean {
  // A long key is judged by its end (its endings are what make it secret; relay audit: a key of
  // 129 characters ending in "Password" was not), at a bounded cost.
  const k = (key.length > 128 ? key.slice(-128) : key).toLowerCase().replace(/[^a-z0-9]/g, '');
  if (secretWord(k)) return true;
  if (!k.endsWith('s')) return false;
  return k.endsWith('tokens') ? credentialTokens(key) : secretWord(k.slice(0, -1));
}

/** The kinds of token whose plural is a list of credentials whatever its count. */
const CREDENTIAL_TOKEN_KINDS: ReadonlySet<string> = /* @__PURE__ */ new Set(['access', 'refresh', 'id', 'auth', 'session', 'bearer', 'api', 'turn', 'jwt', 'csrf', 'xsrf', 'oauth']);

/**
 * "accessTokens", "refresh_tokens", "ID-TOKENS": the word before "tokens" names a kind of
 * credential. Read by words, not by ending ("validTokens" and "paidTokens" are counts, and end
 * in "idtokens": audit of the change).
 */
function credentialTokens(key: string): boolean {
  // Words split at case changes, acronyms too ("IDTokens", "APITokens": audit of the change).
  const words = key.slice(-128).replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '');
  if (words.length >= 2 && words[words.length - 1] === 'tokens' && CREDENTIAL_TOKEN_KINDS.has(words[words.length - 2]!)) return true;
  // One word ("accesstokens", "ACCESS_TOKENS" is two): the whole key a kind, or ending in one of the
  // long kinds no count's name ends in ("validtokens" ends in "idtokens", "returntokens" in "turntokens").
  const k = words.join('');
  return [...CREDENTIAL_TOKEN_KINDS].some((kind) => k === `${kind}tokens` || (LONG_KINDS.has(kind) && k.endsWith(`${kind}tokens`)));
}

/** Kinds long enough to be read at the end of one word. */
const LONG_KINDS: ReadonlySet<string> = /* @__PURE__ */ new Set(['access', 'refresh', 'session', 'bearer', 'oauth', 'csrf', 'xsrf', 'jwt']);

/** `k` (normalised) is one of the keys or ends with one of the endings. */
function secretWord(k: string): boolean {
  if (EXACT.has(k)) return true;
  for (const end of SECRET_KEY_ENDINGS) if (k.endsWith(end)) return true;
  return false;
}

/** What a secret value becomes. */
export const REDACTED = '[redacted]';

/** A pwd of the same length that still reads as one (ice-chars), and says it was redacted. */
function redactedPwd(pwd: string): string {
  return 'REDACTED'.slice(0, pwd.length) + 'x'.repeat(Math.max(0, pwd.length - 8));
}

/** In a parsed string, a line ends at CR or LF; in raw JSON text also at a backslash (an escaped line end) or a quote. */
// In any letters ("a=ICE-PWD:", which Chromium reads as the pwd: relay audit, it had been kept).
const ICE_PWD = /(a=ice-pwd:)([^\r\n]*)/gi;
const ICE_PWD_RAW = /(a=ice-pwd:)([^\r\n\\"]*)/gi;
/** Looked for before the regex runs: the attribute name in any letters. */
const MENTIONS_ICE_PWD = /a=ice-pwd:/i;
/**
 * A PEM private key's armour (RFC 7468 §10–11: "PRIVATE KEY", "RSA PRIVATE KEY", "ENCRYPTED
 * PRIVATE KEY"…), and an OpenPGP one's ("PGP PRIVATE KEY BLOCK", RFC 9580 §6.2): its body is redacted.
 */
const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY( BLOCK)?-----/g;
/** SDES keys (RFC 4568 §6.1): inline:<key||salt>[|lifetime][|MKI:length]; the key is replaced by as many X. */
const CRYPTO_INLINE = /(inline:)([A-Za-z0-9+/=]+)/g;
/**
 * The ICE password in native libwebrtc's log of a candidate, `Cand[transport:foundation:component:
 * protocol:priority:address:port:type:related:port:ufrag:PASSWORD:…]` (audit of the change: the
 * readers never read it, the log kept it). Each field bounded, no field holds ":" or "]".
 */
const LIBWEBRTC_CAND_PWD = /* @__PURE__ */ new RegExp(String.raw`(?<head>${LIBWEBRTC_CAND_HEAD})(?<pwd>[^:\]\s]{1,256})`, 'g');
/** k= lines (RFC 4566 §5.12, obsolete, still carried by old SIP gateways): the method kept, the key not. */
const K_LINE = /((?:^|[\r\n]|\\n)k=[a-z0-9-]+:)([^\r\n\\"]*)/g;
/** A query or fragment parameter (`?token=…`, `&password=…`, `#access_token=…`) in a URL held in a string. */
const QUERY_PARAM = /([?&;#])([A-Za-z0-9_.%-]{1,64})=([^&#\s"'\\]*)/g;

/**
 * HTTP credentials written in text (RFC 9110 §11.6.2): what follows `Authorization: <scheme> ` for
 * the registered schemes, and a bearer token (RFC 6750 §2.1, b64token) of at least 16 characters
 * holding a digit after the word "Bearer" anywhere. Ordinary words are left alone ("Authorization:
 * required from the team lead", "the bearer internationalisation"; audit of the change).
 */
const AUTH_HEADER = /(?:\b|(?<=\\[rn]))((?:proxy-)?authorization\s*:\s*(?:basic|bearer|digest|negotiate|ntlm|hoba|mutual|token|dpop|gnap|vapid|apikey|aws4-hmac-sha256)\s+)([^\s"'\\,;]+)/gi;
const BEARER = /\b(bearer\s+)(?=[A-Za-z._~+/-]*\d)([A-Za-z0-9._~+/-]{16,}=*)/gi;
const MENTIONS_AUTH = /authorization|bearer/i;
/**
 * A Digest (or other parameter list) credential after `Authorization: Digest `: its whole value to
 * the line's end, as a cookie's (RFC 7616 §3.4: username, nonce, response… with quoted values,
 * which AUTH_HEADER's one token stopped at: the user and the response were logged; relay audit).
 */
// In JSON source a header may follow an escaped line break (`…SIP/2.0\r\nAuthorization: …`), where \b sees no boundary: that start too; the value ends at the string's end.
const DIGEST_HEADER = /\b((?:proxy-)?authorization\s*:\s*digest\s+)([^\r\n]+)/gi;
// Text that is not JSON (a raw SIP frame the relay refused) writes the parameters' quotes as they are: `="…"` is a parameter's, of any length, not a string's end (new-user audit: the user and response were kept; an opaque over 1 KiB had left the response: hostile-input audit); any other quote ends the value, as a JSON string's end does.
const DIGEST_HEADER_RAW = /(?:\b|(?<=\\[rn]))((?:proxy-)?authorization\s*:\s*digest\s+)((?:="[^"\r\n]*"|[^"\\\r\n]|\\[^rn])+)/gi;
/**
 * A Cookie or Set-Cookie header written in text: its whole value (session ids, quoted ones too,
 * RFC 6265 §4.1.1) to the line's end; in JSON source, to the string's end or an escaped line break (relay audit).
 */
const COOKIE_HEADER = /\b((?:set-)?cookie\s*:\s*)([^\r\n]+)/gi;
const COOKIE_HEADER_RAW = /(?:\b|(?<=\\[rn]))((?:set-)?cookie\s*:\s*)((?:[^"\\\r\n]|\\[^rn])+)/gi;
const MENTIONS_COOKIE = /cookie\s*:/i;

/** Secrets inside one piece of text; `raw` when it is JSON source (escapes not decoded). */
function redactString(s: string, raw: boolean): string {
  let out = s;
  if (out.length >= 10 && MENTIONS_ICE_PWD.test(out)) out = out.replace(raw ? ICE_PWD_RAW : ICE_PWD, (_m, k: string, v: string) => k + redactedPwd(v));
  if (out.includes('PRIVATE KEY')) out = redactPem(out, raw);
  if (out.includes('inline:')) out = out.replace(CRYPTO_INLINE, (_m, k: string, v: string) => k + 'X'.repeat(v.length));
  if (out.includes('Cand[')) out = out.replace(LIBWEBRTC_CAND_PWD, (...m: unknown[]) => { const g = m.at(-1) as { head: string; pwd: string }; return g.head + redactedPwd(g.pwd); });
  if (out.includes('k=')) out = out.replace(K_LINE, (_m, k: string) => k + REDACTED);
  if (out.includes(':') && out.includes('@')) out = redactUserinfo(out);
  if (out.length >= 8 && MENTIONS_COOKIE.test(out)) out = out.replace(raw ? COOKIE_HEADER_RAW : COOKIE_HEADER, (m, k: string, v: string) => (v === REDACTED ? m : k + REDACTED));
  if (out.length >= 22 && MENTIONS_AUTH.test(out)) {
    out = out.replace(raw ? DIGEST_HEADER_RAW : DIGEST_HEADER, (m, k: string, v: string) => (v === REDACTED ? m : k + REDACTED));
    out = out.replace(AUTH_HEADER, (m, k: string, v: string) => (v === REDACTED ? m : k + REDACTED)).replace(BEARER, (_m, k: string) => k + REDACTED);
  }
  if (out.includes('=') && (out.includes('?') || out.includes('&') || out.includes(';') || out.includes('#'))) {
    out = out.replace(QUERY_PARAM, (m, sep: string, key: string, v: string) => (v !== '' && isSecretKey(percentDecoded(key)) ? `${sep}${key}=${REDACTED}` : m));
  }
  return out;
}



/**
 * A PEM private key's body, between its BEGIN and END lines, replaced; with no END line (a key
 * cut short is still a key), to the end of the text, or in JSON source (`raw`) to the end of the
 * string it is in (audit of the change: the rest of the text had been lost with it). Each BEGIN's
 * END searched from it once: linear.
 */
function redactPem(s: string, raw: boolean): string {
  let out = '';
  let copied = 0;
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(s); m !== null; m = PEM_BEGIN.exec(s)) {
    const bodyAt = m.index + m[0].length;
    const endMark = `-----END ${m[1]}PRIVATE KEY${m[2] ?? ''}-----`;
    let end = s.indexOf(endMark, bodyAt);
    let next = end < 0 ? -1 : end + endMark.length;
    if (end < 0) {
      end = raw ? stringEnd(s, bodyAt - 1) - 1 : s.length;
      // stringEnd's end is after a closing quote; none (the text ends inside the string): to the end.
      if (end < bodyAt || s.charCodeAt(end) !== 34) end = s.length;
      next = end;
    }
    out += s.slice(copied, bodyAt) + REDACTED;
    copied = end;
    PEM_BEGIN.lastIndex = next;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/**
 * `scheme://user:password@host` → `scheme://user:[redacted]@host`, and the same in
 * `turn:user:password@host` (STUN and TURN URIs have no "//"), scanning from each "://" and each
 * such scheme. The user info runs to the last "@" of the authority (a user name may hold one:
 * `turns://alice@corp.com:SECRET@host`), and the password from its first ":" (relay audit).
 * Authorities are looked at up to 512 characters, each character once: linear.
 */
function redactUserinfo(s: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  // The next search starts where this authority ended: "turn:turn:turn:…" is scanned once.
  for (let at = nextAuthority(s, 0); at >= 0; at = nextAuthority(s, i)) {
    i = at;
    let colon = -1;
    let lastAt = -1;
    // The authority ends at the first of / ? # or a blank, a quote, a backslash or a line end.
    while (i < s.length && i - at < 512) {
      const c = s.charCodeAt(i);
      if (c === 47 || c === 63 || c === 35 || c === 32 || c === 34 || c === 92 || c === 10 || c === 13) break;
      // A comma or semicolon before another URI ends this one when what came before it is a whole
      // host[:port] ("turn:a:3478,turn:u:p@b" is a list of two); after a user name and something
      // else ("turn:u:pa,stun:x@h") the comma may be a password's, and the whole is redacted
      // (audit of the change: the split leaked "pa,stun:x").
      if ((c === 44 /* , */ || c === 59 /* ; */) && startsUri(s, i + 1) && HOST_PORT.test(s.slice(lastAt < 0 ? at : lastAt + 1, i))) break;
      if (c === 64 /* @ */) lastAt = i;
      else if (c === 58 /* : */ && colon < 0 && lastAt < 0) colon = i;
      i++;
    }
    // A ":" after an "@" of the user name counts too ("alice@corp.com:SECRET@host").
    if (lastAt >= 0 && colon < 0) {
      for (let j = at; j < lastAt; j++) if (s.charCodeAt(j) === 58) {
        colon = j;
        break;
      }
    }
    if (lastAt >= 0 && colon >= 0 && colon < lastAt && lastAt > colon + 1 && colon >= copied) {
      out += s.slice(copied, colon + 1) + REDACTED;
      copied = lastAt;
    }
  }
  return copied === 0 ? s : out + s.slice(copied);
}

const URI_START = /(?:stuns?|turns?):|[a-z][a-z0-9+.-]{0,31}:\/\//iy;
/** A host (a name, an IPv4 address or a bracketed IPv6 one) with an optional port: a whole authority with no user info. */
const HOST_PORT = /^(?:[A-Za-z0-9._~-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

/** A URI starts at `at` (a STUN or TURN scheme, or any scheme followed by "//"). */
function startsUri(s: string, at: number): boolean {
  URI_START.lastIndex = at;
  return URI_START.test(s);
}

const USERINFO_SCHEMES = /(?:\/\/|\b(?:stuns?|turns?):(?!\/\/))/gi;

/** Where the next authority starts, after `from`: past "://" or a STUN/TURN scheme's ":"; -1 when none. */
function nextAuthority(s: string, from: number): number {
  USERINFO_SCHEMES.lastIndex = from;
  const m = USERINFO_SCHEMES.exec(s);
  return m === null ? -1 : m.index + m[0].length;
}

/**
 * A copy of `frame` with secrets replaced: the values of secret keys at any depth (strings,
 * numbers, arrays, objects: whole; null and booleans kept), a=ice-pwd values in SDP text (same
 * length, still ice-chars, so a redacted log still parses and negotiates), a=crypto inline keys
 * (same length), k= keys, URL passwords and secret query parameters. The frame is not changed.
 */
export function redactFrame(frame: unknown): unknown {
  return redactFrameChanged(frame).value;
}

/** redactFrame, and whether anything was replaced (the relay's log then keeps the frame's own text: its numbers as written). */
export function redactFrameChanged(frame: unknown): { readonly value: unknown; readonly changed: boolean } {
  requireTree(frame, 'redactFrame: the frame');
  const before = replaced;
  const value = redact(frame, 0);
  return { value, changed: replaced !== before };
}

/** Deeper than this, a value is replaced whole: nothing in it can leak, and no stack runs out. */
const MAX_DEPTH = 64;

/**
 * A string that holds JSON itself (`{"event":"offer","data":"{\"credential\":…}"}`, as signaling
 * wrappers send it): its first and last non-blank characters are brackets. Its secret keys are
 * redacted as in JSON text (relay audit: they were logged and fed as sent). SDP and candidate
 * strings never start so: no cost on them.
 */
function holdsJson(s: string): boolean {
  let i = 0;
  while (i < s.length && isBlank(s.charCodeAt(i))) i++;
  let j = s.length - 1;
  while (j > i && isBlank(s.charCodeAt(j))) j--;
  const a = s.charCodeAt(i);
  const z = s.charCodeAt(j);
  return j > i && ((a === 123 && z === 125) || (a === 91 && z === 93));
}

/** Values replaced so far: a string holding JSON is written again only when something in it was. */
let replaced = 0;

/** A string holding JSON: read and redacted as a frame (any depth, JSON in it again too), written back only if a secret was in it; text redaction if it does not read. */
function redactJsonString(s: string, depth: number): string {
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch {
    const out = redactText(s);
    if (out !== s) replaced++;
    return out;
  }
  const before = replaced;
  const out = redact(value, depth + 1);
  if (replaced !== before) return JSON.stringify(out);
  // Nothing secret as JSON.parse reads it, and every key it read is every key written: the text
  // as it is. A repeated key's first value, which JSON.parse drops, may be a secret
  // ({"credential":"x","credential":null}; change audit): then the copy, without it.
  if (writtenKeyCount(s) === keyCount(value)) return s;
  replaced++;
  return JSON.stringify(out);
}

/** Keys of a parsed JSON value: every object's own keys, at any depth (called within MAX_DEPTH: redact replaced what is deeper). */
export function keyCount(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let n = 0;
  if (Array.isArray(v)) {
    for (const x of v) n += keyCount(x);
    return n;
  }
  for (const k in v) n += 1 + keyCount((v as Record<string, unknown>)[k]);
  return n;
}

/** Keys written in JSON text: its colons outside strings (each key has one; nothing else in JSON has one outside a string). One pass. */
export function writtenKeyCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) n++;
    else if (c === 34) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    }
  }
  return n;
}

function redact(frame: unknown, depth: number): unknown {
  if (typeof frame === 'string') {
    if (depth < MAX_DEPTH && holdsJson(frame)) return redactJsonString(frame, depth);
    const out = looseSecrets(redactString(frame, false));
    if (out !== frame) replaced++;
    return out;
  }
  if (frame === null || typeof frame !== 'object') return frame;
  if (depth >= MAX_DEPTH) {
    replaced++;
    return '[redacted: nested too deep]';
  }
  if (Array.isArray(frame)) return frame.map((v) => redact(v, depth + 1));
  // An object with a toJSON is what its toJSON gives, as JSON.stringify (and a signaling channel)
  // would send it: a browser's RTCSessionDescription or RTCIceCandidate keeps its fields in
  // getters, which Object.entries does not see (library audit: redactFrame(pc.localDescription)
  // was {}); a plain object's own toJSON would otherwise pass through and send its secrets when
  // the "redacted" frame is stringified (audit of the change).
  const toJSON = (frame as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    let value: unknown;
    try {
      value = toJSON.call(frame);
    } catch (e) {
      throw new SdpscopeError('INVALID_ARGUMENT', `redactFrame: a toJSON() in the frame threw (${e instanceof Error ? e.message : String(e)}): the frame must be what JSON.stringify can send`);
    }
    if (value !== frame) {
      requireTree(value, 'redactFrame: a toJSON() in the frame');
      return redact(value, depth + 1);
    }
  }
  const out: Record<string, unknown> = {};
  // Amazon KVS's frame, base64 in messagePayload: redacted inside, and written back as base64
  // (audit of the change: its ice-pwd was logged while the readers now decode it).
  const kvs = kvsPayload(frame as Record<string, unknown>);
  for (const [k, v] of Object.entries(frame)) {
    // A function is no JSON (JSON.stringify drops it); copied, a toJSON would send the unredacted
    // frame when the copy is stringified (audit of the late commits).
    if (typeof v === 'function') continue;
    const secret = v !== null && typeof v !== 'boolean' && isSecretKey(k);
    if (secret) replaced++;
    let value: unknown;
    if (secret) value = REDACTED;
    else if (kvs !== null && k === kvs.key) {
      const before = replaced;
      const inner = redact(kvs.value, depth + 1);
      value = replaced === before ? v : toBase64(JSON.stringify(inner));
    } else value = redact(v, depth + 1);
    // A "__proto__" key (JSON.parse makes it an own property) stays one: assigned, it would set the prototype and vanish.
    if (k === '__proto__') Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    else out[k] = value;
  }
  return out;
}

/**
 * Secrets redacted in text that is not valid JSON (a frame the relay refused, a cut log line):
 * the value after a secret `"key":` (a string, to its closing quote or the end of the text if it
 * has none; an object or array, to its closing bracket or the end; anything else, to the next
 * delimiter), then the secrets inside the text as {@link redactFrame} finds them in strings.
 * One pass; a value cut by the end of the text is redacted too.
 */
export function redactText(text: string): string {
  requireText(text, 'redactText');
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const q = text.indexOf('"', i);
    if (q < 0) break;
    const end = stringEnd(text, q);
    // A key: a string, blanks, then ":".
    let j = end;
    while (j < text.length && isBlank(text.charCodeAt(j))) j++;
    if (j >= text.length || text.charCodeAt(j) !== 58 /* : */ || !isSecretKey(keyText(text, q, end))) {
      i = end;
      continue;
    }
    j++;
    while (j < text.length && isBlank(text.charCodeAt(j))) j++;
    const v = j;
    const c = text.charCodeAt(v);
    let vEnd: number;
    if (c === 34 /* " */) vEnd = stringEnd(text, v);
    else if (c === 123 || c === 91) vEnd = bracketEnd(text, v);
    else {
      vEnd = v;
      while (vEnd < text.length && !',}] \t\r\n'.includes(text[vEnd]!)) vEnd++;
    }
    if (vEnd > v && !/^(?:null|true|false)$/.test(text.slice(v, Math.min(vEnd, v + 6)))) {
      out += text.slice(copied, v) + `"${REDACTED}"`;
      copied = vEnd;
    }
    i = Math.max(vEnd, j);
  }
  return redactString(copied === 0 ? text : out + text.slice(copied), true).replace(LOOSE_PAIR, (m, key: string, q1: string, sep: string, q2: string, value: string) =>
    // "[redacted]": what the pass above made; any other "[…": a list under a key it could not read ({'token':['x']}).
    value !== REDACTED && !KEPT.has(value) && isSecretKey(key) ? `${key}${q1}${sep}${q2}${REDACTED}` : m,
  );
}

/**
 * A key and its value as text that is not JSON writes them: `{'password':'x'}`, `{password: "x"}`,
 * `password=x` (relay audit: these passed through a refused frame's excerpt). A key starts a run of
 * its characters and is at most 64 long: linear.
 */
/**
 * A key and its value written as text inside one line of a string value (`"msg": "username=alice
 * password=x"`, `"cfg": "{urls: …, credential: 'x'}"`, Jingle's `pwd="x"`): redacted as a refused
 * frame's text is (relay audit: kept in the log, /feed and the client's output). Only a string of
 * one line that names a secret: an SDP's lines keep their own same-length redaction.
 */
function looseSecrets(s: string): string {
  if (s.length < 5 || s.includes('\n') || !SECRET_WORD.test(s)) return s;
  // Headers ("Authorization: Bearer …", "Cookie: …") are redactString's, which knows their schemes and words.
  return s.replace(LOOSE_PAIR, (m, key: string, q1: string, sep: string, q2: string, value: string) => {
    if (value !== REDACTED && !KEPT.has(value) && !HEADER_KEY.test(key) && isSecretKey(key)) return `${key}${q1}${sep}${q2}${REDACTED}`;
    // A list under a key that is no secret ("iceServers: [{…, credential: 'x'}]"): the pairs inside it (once: the list is shorter).
    return value.startsWith('[') && value.length > 2 ? `${key}${q1}${sep}${q2}[${looseSecrets(value.slice(1))}` : m;
  });
}
const HEADER_KEY = /^(?:proxy-)?authorization$|^bearer$|^(?:set-)?cookie$/i;
const SECRET_WORD = /pass|pwd|secret|token|credential|auth|cookie|signature|otp|jwt|api.?key|private.?key|pin|admin.?key/i;

/** Values kept, as for JSON: null and booleans say nothing secret. */
const KEPT: ReadonlySet<string> = /* @__PURE__ */ new Set(['null', 'true', 'false']);
const LOOSE_PAIR = /(?<![A-Za-z0-9_])([A-Za-z0-9_.-]{1,64})(['"]?)(\s*[:=]\s*)(['"]?)(\[[^\]]*\]?|[^'"\s,;&}\]]+)/g;

const isBlank = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** The index after the string that opens at `q` (its closing quote, or the end of the text). */
function stringEnd(text: string, q: number): number {
  for (let i = q + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 34) return i + 1;
  }
  return text.length;
}

/** The index after the object or array that opens at `at` (strings skipped), or the end of the text. */
function bracketEnd(text: string, at: number): number {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) i = stringEnd(text, i) - 1;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** The text of a key string (its escapes of quote and backslash read; a key is short). */
function keyText(text: string, q: number, end: number): string {
  const inner = text.slice(q + 1, Math.min(end - 1, q + 130));
  return inner.includes('\\') ? inner.replace(/\\(.)/g, '$1') : inner;
}
