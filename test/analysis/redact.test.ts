/** Secrets out of frames and text, for the relay's log, its feed and the pages (src/analysis/redact.ts). */
import { isSecretKey, REDACTED, redactFrame, redactText, SECRET_KEY_ENDINGS, SECRET_KEYS } from '../../src/analysis/redact.js';
import { readInput } from '../../src/input/read.js';
import { negotiate } from '../../src/negotiation/negotiate.js';
import { pairFromOne } from '../../src/input/pair.js';
import { sample, seedSdp } from '../support/corpus.js';

describe('which keys are secret', () => {
  it.each([
    'password', 'passwd', 'pwd', 'pass', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'authorization', 'Authorization', 'auth', 'cookie', 'jwt',
    'accessToken', 'access_token', 'refreshToken', 'id_token', 'sessionToken', 'turnCredential', 'turn-password', 'iceServerCredential', 'clientSecret', 'client_secret',
    'apiKey', 'api-key', 'x-api-key', 'API_KEY', 'privateKey', 'private_key', 'icePwd', 'ice-pwd', 'ICE_PWD', 'userPassword', 'Set-Cookie', 'signature', 'otp',
    // Plurals (left item of 2026-12-05: {"passwords":["x"]} was logged as it came).
    'passwords', 'Passwords', 'secrets', 'clientSecrets', 'apiKeys', 'api_keys', 'privateKeys', 'pwds', 'cookies', 'passphrases', 'turnCredentials', 'signatures', 'jwts', 'accessTokens', 'refresh_tokens', 'id_tokens', 'ID_TOKENS', 'xsrfTokens',
    // Acronyms and one word (audit of the change: these had leaked).
    'IDTokens', 'APITokens', 'JWTTokens', 'accesstokens', 'refreshtokens', 'ACCESSTOKENS',
    // AWS's secret key (Amazon KVS's SDK is given it beside its sessionToken), media keys (mediasoup's srtpParameters.keyBase64), TurnPass (relay audit).
    'secretAccessKey', 'SecretAccessKey', 'aws_secret_access_key', 'AWS_SECRET_ACCESS_KEY', 'secret_key', 'keyBase64', 'e2eeKey', 'encryptionKey', 'masterKey', 'srtpKey', 'signingKey', 'TurnPass',
    // Janus's room pin and admin key, an HTTP header as a key (relay audit of 2026-12-07: logged as sent).
    'pin', 'PIN', 'admin_key', 'adminKey', 'new_pin', 'room_pin', 'pin_code', 'Proxy-Authorization', 'proxy-authorization', 'proxyAuthorization',
  ])('%s is', (k) => expect(isSecretKey(k)).toBe(true));
  it.each(['type', 'sdp', 'candidate', 'username', 'user', 'urls', 'sdpMid', 'sessionId', 'key', 'keys', 'tokens', 'room', 'from', 'usernameFragment', 'ufrag', 'fingerprint', 'passive', 'authorityName', 'maxTokens', 'availableTokens', 'validTokens', 'paidTokens', 'returnTokens', 'validtokens', 'returntokens', 'status', 'address', 'passes', 'bypass', 'ids', 'options', 'accessKeyId', 'keyId', 'cryptoSuite', 'keyframe', 'pinned', 'spin', 'pings', 'keyAdmin'])('%s is not', (k) => expect(isSecretKey(k)).toBe(false));
  it('documents its list (the README shows these constants)', () => {
    expect(SECRET_KEYS).toContain('password');
    expect(SECRET_KEY_ENDINGS).toContain('token');
  });
});

describe('redactFrame', () => {
  it('Janus\'s pin and admin_key, a Proxy-Authorization header as a key, an ice-pwd in other letters, a PEM private key\'s body: redacted, in frames and in text (relay audit of 2026-12-07: each was logged)', () => {
    const frame = { janus: 'message', body: { request: 'join', room: 1234, pin: 'roompin42', admin_key: 'supersecretadminkey' }, headers: { 'Proxy-Authorization': 'Basic dXNlcjpodW50ZXIy' }, sdp: 'v=0\r\na=ICE-PWD:abcdefghijklmnopqrstuvwx\r\n', pem: 'x -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY----- y -----BEGIN PRIVATE KEY-----\nMIIcut' };
    const out = JSON.stringify(redactFrame(frame));
    for (const secret of ['roompin42', 'supersecretadminkey', 'dXNlcjpodW50ZXIy', 'abcdefghijklmnopqrstuvwx', 'MIIEpAIBAAKCAQEA', 'MIIcut']) expect(out).not.toContain(secret);
    expect(out).toContain('a=ICE-PWD:REDACTEDxxxxxxxxxxxxxxxx');
    expect(out).toContain(`-----BEGIN RSA PRIVATE KEY-----${REDACTED}-----END RSA PRIVATE KEY----- y -----BEGIN PRIVATE KEY-----${REDACTED}`);
    // The room number is no secret; the request kept.
    expect(redactFrame(frame)).toMatchObject({ body: { request: 'join', room: 1234 } });
    // Janus's new_pin, and pin= or admin_key= written as text in a string; a PGP key block; a PEM key with no END line in JSON source ends with its string (the rest had been lost).
    expect(JSON.stringify(redactFrame({ new_pin: '9999', msg: 'pin=1234 admin_key=abc', pgp: '-----BEGIN PGP PRIVATE KEY BLOCK-----\nxcLYBF\n-----END PGP PRIVATE KEY BLOCK-----' }))).toBe(`{"new_pin":"${REDACTED}","msg":"pin=${REDACTED} admin_key=${REDACTED}","pgp":"-----BEGIN PGP PRIVATE KEY BLOCK-----${REDACTED}-----END PGP PRIVATE KEY BLOCK-----"}`);
    expect(redactText('{"msg":"-----BEGIN PRIVATE KEY-----\\nMIIE cut","room":"r1"}')).toBe(`{"msg":"-----BEGIN PRIVATE KEY-----${REDACTED}","room":"r1"}`);
    const text = redactText(JSON.stringify(frame).slice(0, -5));
    for (const secret of ['roompin42', 'supersecretadminkey', 'dXNlcjpodW50ZXIy', 'abcdefghijklmnopqrstuvwx', 'MIIEpAIBAAKCAQEA']) expect(text).not.toContain(secret);
  });

  it('replaces ice-pwd with a same-length value that is still a pwd, without touching the input', () => {
    const frame = JSON.parse(sample('offer.json')) as { offer: { sdp: string } };
    const before = JSON.stringify(frame);
    const out = redactFrame(frame) as { offer: { sdp: string } };
    expect(JSON.stringify(frame)).toBe(before);
    expect(out.offer.sdp).not.toContain('kXT7EgT23rvctdmdZUSU0dT1');
    expect(out.offer.sdp).toContain('a=ice-pwd:REDACTEDxxxxxxxxxxxxxxxx\r\n');
    expect(out.offer.sdp.length).toBe(seedSdp('offer').length);
  });

  it('a redacted call log still pairs and negotiates as before', () => {
    const log = sample('call.ndjson');
    const redacted = log.trim().split('\n').map((l) => JSON.stringify(redactFrame(JSON.parse(l)))).join('\n');
    const n = (t: string) => {
      const p = pairFromOne(readInput(t).descriptions, 'x');
      return negotiate(p.first.description, p.second.description).media.map((m) => [m.status, m.codecs.negotiated.map((c) => c.name)]);
    };
    expect(n(redacted)).toEqual(n(log));
  });

  it.each([
    ['nested in an array (the issue\'s case)', { password: ['x'] }, { password: REDACTED }],
    ['nested in an object (the issue\'s case)', { credential: { value: 'x' } }, { credential: REDACTED }],
    ['iceServers entries', { iceServers: [{ urls: 'turn:x', username: 'u', credential: 'c' }], token: 't' }, { iceServers: [{ urls: 'turn:x', username: 'u', credential: REDACTED }], token: REDACTED }],
    ['keys the old list missed', { accessToken: 'a', turnCredential: 'b', passphrase: 'c', data: { auth: { bearer: 'd' } } }, { accessToken: REDACTED, turnCredential: REDACTED, passphrase: REDACTED, data: { auth: REDACTED } }],
    ['numbers', { count: 1, otp: 123456, pin: 4321 }, { count: 1, otp: REDACTED, pin: REDACTED }],
    ['null and booleans kept (nothing to hide)', { password: null, token: false }, { password: null, token: false }],
    ['deep in arrays of arrays', [[[{ secret: 's' }]]], [[[{ secret: REDACTED }]]]],
    ['plurals', { passwords: ['x'], turnCredentials: { a: 'a' }, accessTokens: ['b'], tokens: 5, maxTokens: 10 }, { passwords: REDACTED, turnCredentials: REDACTED, accessTokens: REDACTED, tokens: 5, maxTokens: 10 }],
  ] as const)('values of secret keys: %s', (_name, frame, expected) => {
    expect(redactFrame(frame)).toEqual(expected);
    expect(JSON.stringify(redactFrame(frame))).not.toMatch(/"(x|a|b|c|d|s|t|123456)"|:123456/);
  });

  it('passwords in URLs and secret query parameters, in any string', () => {
    expect(redactFrame({ url: 'wss://alice:hunter2@relay.example/?room=r&token=abc123&x=1', note: 'turns://u:p@h:5349' })).toEqual({
      url: `wss://alice:${REDACTED}@relay.example/?room=r&token=${REDACTED}&x=1`,
      note: `turns://u:${REDACTED}@h:5349`,
    });
    // Not a secret: a user with no password, a mailto, an ordinary query.
    expect(redactFrame({ a: 'https://alice@example.com/?room=r', b: 'turn:relay.example:3478?transport=tcp' })).toEqual({ a: 'https://alice@example.com/?room=r', b: 'turn:relay.example:3478?transport=tcp' });
  });

  it('SDES keys (a=crypto inline:) and k= lines in SDP', () => {
    const sdp = 'v=0\r\nk=base64:c2VjcmV0\r\nm=audio 9 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:32\r\n';
    const out = (redactFrame({ sdp }) as { sdp: string }).sdp;
    expect(out).toContain(`a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${'X'.repeat(40)}|2^20|1:32\r\n`);
    expect(out).toContain(`k=base64:${REDACTED}\r\n`);
    expect(out).not.toMatch(/WVNf|c2VjcmV0/);
  });
});

describe('secrets in the forms the readers decode (audit of the change: logged as sent)', () => {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');
  it('an Amazon KVS payload: redacted inside and written back as base64; one without a secret is kept as it was', () => {
    const sdp = 'v=0\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n';
    const sent = redactFrame({ action: 'SDP_OFFER', RecipientClientId: 'viewer', MessagePayload: b64({ type: 'offer', sdp }) }) as { MessagePayload: string };
    expect(JSON.parse(Buffer.from(sent.MessagePayload, 'base64').toString())).toEqual({ type: 'offer', sdp: 'v=0\r\na=ice-pwd:REDACTEDxxxxxxxxxxxxxxxx\r\n' });
    expect(readInput(JSON.stringify(sent)).descriptions[0]!.description.icePwd).toBe('REDACTEDxxxxxxxxxxxxxxxx');
    const candidate = { messageType: 'ICE_CANDIDATE', messagePayload: b64({ candidate: 'candidate:1 1 udp 1 10.0.0.1 5 typ host', sdpMid: '0' }) };
    expect(redactFrame(candidate)).toEqual(candidate);
  });

  it('the ICE password in a native libwebrtc Cand[…], in a frame\'s string and in text', () => {
    const line = 'Gathered candidate: Cand[:3192801181:1:udp:2122129151:172.27.29.15:49516:local::0:/HXf:x7vYNbzdu+jkqXyraYP+/hjv:5:0:0]';
    const redacted = 'Gathered candidate: Cand[:3192801181:1:udp:2122129151:172.27.29.15:49516:local::0:/HXf:REDACTEDxxxxxxxxxxxxxxxx:5:0:0]';
    expect(redactText(line)).toBe(redacted);
    expect(redactFrame({ msg: line })).toEqual({ msg: redacted });
    // The candidate it stands for reads the same after (the password is no field of it).
    expect(readInput(redacted).candidates.map((c) => c.text)).toEqual(readInput(line).candidates.map((c) => c.text));
  });
});

describe('redactFrame keeps what is not secret', () => {
  it('a "__proto__" key stays an own key of the copy, with its value (relay audit: it vanished from the log)', () => {
    const frame = JSON.parse('{"__proto__":{"password":"S","x":1},"y":2}') as unknown;
    const out = redactFrame(frame) as Record<string, unknown>;
    expect(JSON.stringify(out)).toBe('{"__proto__":{"password":"[redacted]","x":1},"y":2}');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('secrets the relay audit found leaking', () => {
  it('TURN user info without "//", a user name with "@", fragment parameters, a long key ending in Password', () => {
    const frame = {
      urls: ['turn:alice:S1@turn.example.org:3478', 'turns://alice@corp.com:S2@host', 'https://h/#access_token=S3&x=1'],
      [`${'x'.repeat(130)}Password`]: 'S4',
      kept: ['turn:host:3478', 'stun:stun.example.org:19302', 'mailto:x@y', 'https://h/#section'],
    };
    const out = JSON.stringify(redactFrame(frame));
    for (const secret of ['S1', 'S2', 'S3', 'S4']) expect(out).not.toContain(secret);
    expect(out).toContain('turn:alice:[redacted]@turn.example.org:3478');
    expect(out).toContain('turns://alice@corp.com:[redacted]@host');
    expect(out).toContain('#access_token=[redacted]&x=1');
    expect((redactFrame(frame) as { kept: string[] }).kept).toEqual(frame.kept);
    // A "'" is allowed in user info (RFC 3986 §3.2.1): it does not end it (audit of the change: it did).
    expect(redactFrame({ s: "https://user:pa'ss@host", t: "turns://user:it's@turn.example.com" })).toEqual({ s: 'https://user:[redacted]@host', t: 'turns://user:[redacted]@turn.example.com' });
  });

  it('a comma-joined list of URIs is redacted URI by URI (it was redacted from the first port to the last "@")', () => {
    expect(redactFrame({ u: 'turn:a.example:3478,turn:alice:S1@b.example:3478,stun:c.example:19302' })).toEqual({ u: 'turn:a.example:3478,turn:alice:[redacted]@b.example:3478,stun:c.example:19302' });
    expect(redactFrame({ u: 'stun:s.example:3478,https://bob:S2@h.example/x' })).toEqual({ u: 'stun:s.example:3478,https://bob:[redacted]@h.example/x' });
    // A comma inside a password stays in it (RFC 3986 §3.2.1 allows sub-delims there), even before
    // something that looks like a scheme (audit of the change: "pa,stun:ss" was split and leaked).
    expect(redactFrame({ u: 'turn:alice:S,3@b.example' })).toEqual({ u: 'turn:alice:[redacted]@b.example' });
    expect(redactFrame({ u: 'turn:u:pa,stun:ss@host', v: 'turn:u:pw,STUN:x@h' })).toEqual({ u: 'turn:u:[redacted]@host', v: 'turn:u:[redacted]@h' });
    expect(redactText('"turn:u:pa,stun:ss@host"')).not.toContain('pa,stun');
    // Semicolons too; an IPv6 host before the comma is a whole authority.
    expect(redactFrame({ u: 'turn:a.example:3478;turn:u:S4@b', v: 'turn:[2001:db8::1]:3478,turn:u:S5@b' })).toEqual({ u: 'turn:a.example:3478;turn:u:[redacted]@b', v: 'turn:[2001:db8::1]:3478,turn:u:[redacted]@b' });
    // Two with user info each: each kept apart (they had collapsed into one, its host lost).
    expect(redactText('turn:u:S6@a:3478,turn:u2:S7@b:3478')).toBe('turn:u:[redacted]@a:3478,turn:u2:[redacted]@b:3478');
  });
});

describe('redactText: secrets in text that only looks like JSON (relay audit: a refused frame\'s excerpt kept them)', () => {
  it('single-quoted and bare keys, key=value; null and booleans kept', () => {
    expect(redactText("{'password':'S1'}")).toBe("{'password':'[redacted]'}");
    expect(redactText('{password: "S2"}')).toBe('{password: "[redacted]"}');
    expect(redactText('password="S3" x=1')).toBe('password="[redacted]" x=1');
    expect(redactText('{"password":"S4",}')).toBe('{"password":"[redacted]",}');
    expect(redactText('{"token":["S5"],}')).toBe('{"token":"[redacted]",}');
    expect(redactText('apiKey=S6&x=1')).toBe('apiKey=[redacted]&x=1');
    expect(redactText("{'password':null, pwd: true}")).toBe("{'password':null, pwd: true}");
    expect(redactText('{"type":"offer", "x": 1, a:b,}')).toBe('{"type":"offer", "x": 1, a:b,}');
  });

  it("a list under a key written in text that is not JSON ({'token':['x']}), cut or whole; other lists kept", () => {
    expect(redactText("{'token':['S1','S2'], 'x':1}")).toBe("{'token':[redacted], 'x':1}");
    expect(redactText("{password: [S3, {a: S4}")).toBe('{password: [redacted]');
    expect(redactText("{'ids':['a','b']}")).toBe("{'ids':['a','b']}");
    expect(redactText('{"token":["S5"]}')).toBe('{"token":"[redacted]"}');
  });
});

describe('HTTP credentials written inside strings (relay audit: a bearer token in a string was kept)', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
  it('after "Authorization: <scheme>", and a bearer token of 16 characters or more anywhere', () => {
    const frame = { headers: `Authorization: Bearer ${jwt}`, note: `use bearer ${jwt} here`, proxy: 'proxy-authorization: Basic dXNlcjpwYXNzd29yZA==' };
    const out = JSON.stringify(redactFrame(frame));
    expect(out).not.toContain('eyJ');
    expect(out).not.toContain('dXNl');
    expect(redactFrame(frame)).toEqual({ headers: `Authorization: Bearer ${REDACTED}`, note: `use bearer ${REDACTED} here`, proxy: `proxy-authorization: Basic ${REDACTED}` });
    expect(redactText(`{"h":"Authorization: Bearer ${jwt}"`)).not.toContain('eyJ');
  });
  it('leaves ordinary words alone: "bearer" before a word with no digit, "authorization:" before a word that is no auth scheme (audit of the change)', () => {
    const kept = { chat: 'the bearer of bad news, the bearer bonds, the bearer internationalisation, standard-bearer representatives.', status: 'authorization: pending review', note: 'Authorization: required from the team lead' };
    expect(redactFrame(kept)).toEqual(kept);
  });
});

describe('redactText (text that is not JSON)', () => {
  it.each([
    ['a string value', '{"type":"turn","credential":"hunter2","x":', `{"type":"turn","credential":"${REDACTED}","x":`],
    ['a value cut by the end of the text', '{"password":"hunt', `{"password":"${REDACTED}"`],
    ['an array value', '{"password":["a","b"],"x":1', `{"password":"${REDACTED}","x":1`],
    ['an object value, cut', '{"credential":{"value":"x","more":', `{"credential":"${REDACTED}"`],
    ['a number', '{"otp": 123456, "y"', `{"otp": "${REDACTED}", "y"`],
    ['an escaped key', '{"pass\\u0077ord":"x"', '{"pass\\u0077ord":"x"'],
    ['keys the old list missed', '{"accessToken":"a","turnCredential":"b"}x', `{"accessToken":"${REDACTED}","turnCredential":"${REDACTED}"}x`],
    ['null kept', '{"password":null,', '{"password":null,'],
  ])('%s', (_name, text, expected) => expect(redactText(text)).toBe(expected));

  it('ice-pwd in escaped SDP stops at the escaped line end', () => {
    const out = redactText('{"sdp":"v=0\\r\\na=ice-pwd:abcdefghijklmnopqrstuv\\r\\na=ice-options:trickle\\r\\n');
    expect(out).not.toContain('abcdefghijklmnopqrstuv');
    expect(out).toContain('a=ice-pwd:REDACTEDxxxxxxxxxxxxxx\\r\\na=ice-options:trickle');
  });

});

describe('a browser object in the frame', () => {
  /** Shaped as the WebIDL makes them: fields as getters on the prototype, and a toJSON. */
  class RTCSessionDescriptionLike {
    readonly #type: string;
    readonly #sdp: string;
    constructor(init: { type: string; sdp: string }) {
      this.#type = init.type;
      this.#sdp = init.sdp;
    }
    get type(): string {
      return this.#type;
    }
    get sdp(): string {
      return this.#sdp;
    }
    toJSON(): { type: string; sdp: string } {
      return { type: this.#type, sdp: this.#sdp };
    }
  }

  it('is redacted as its toJSON gives it, as JSON.stringify sends it (library audit: redactFrame(pc.localDescription) was {})', () => {
    const desc = new RTCSessionDescriptionLike({ type: 'offer', sdp: 'v=0\r\na=ice-pwd:asd88fgpdd777uzjYhagZg\r\n' });
    expect(Object.entries(desc)).toEqual([]);
    const out = redactFrame({ type: 'offer', offer: desc }) as { offer: { type: string; sdp: string } };
    expect(out.offer.type).toBe('offer');
    expect(out.offer.sdp).toMatch(/^v=0\r\na=ice-pwd:\S{22}\r\n$/);
    expect(out.offer.sdp).not.toContain('asd88fgpdd777uzjYhagZg');
    expect(redactFrame(desc)).toEqual(out.offer);
  });

  it('a plain object with its own toJSON is redacted as that gives it, not passed through with its secrets (audit of the change)', () => {
    const frame = { type: 'offer', toJSON: () => ({ type: 'offer', sdp: 'v=0\r\na=ice-pwd:hunter2hunter2hunter2hun\r\n', credential: 'turnpass' }) };
    const sent = JSON.stringify(redactFrame(frame));
    expect(sent).not.toContain('hunter2');
    expect(sent).not.toContain('turnpass');
    // A toJSON returning the frame itself is not copied into the result (it would be called on stringify), and one that throws is an error of ours.
    const self: Record<string, unknown> = { password: 'hunter2' };
    self['toJSON'] = () => self;
    expect(JSON.stringify(redactFrame({ frame: self }))).not.toContain('hunter2');
    expect(() => redactFrame({ toJSON: () => { throw new TypeError('nope'); } })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('secrets in JSON carried as a string, and cookies (operator audit of 2026-12-06: logged and fed as sent)', () => {
  it('a string that holds JSON has its secret keys redacted as in JSON text, at any depth of it; its SDP\'s ice-pwd too', () => {
    const inner = JSON.stringify({ credential: 'DBL1', nested: { password: 'DBL2' }, list: [{ token: 'DBL3' }], sdp: 'v=0\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n' });
    const out = JSON.stringify(redactFrame({ event: 'message', data: inner, twice: JSON.stringify({ data: inner }) }));
    for (const secret of ['DBL1', 'DBL2', 'DBL3', 'abcdefghijklmnopqrstuvwx']) expect([secret, out.includes(secret)]).toEqual([secret, false]);
    // Still JSON inside, with what is not secret kept.
    const data = JSON.parse((redactFrame({ data: inner }) as { data: string }).data) as Record<string, unknown>;
    expect(data).toMatchObject({ credential: '[redacted]', nested: { password: '[redacted]' }, list: [{ token: '[redacted]' }] });
  });

  it('strings that only look bracketed, SDPs and candidates are left as they are', () => {
    const kept = { a: '{not json}', b: '[1,2]', c: 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', d: '[x] {y}' };
    expect(redactFrame(kept)).toEqual(kept);
  });

  it('a repeated key inside JSON carried in a string: the first value, which JSON.parse drops, is redacted in the text (change audit)', () => {
    const out = JSON.stringify(redactFrame({ data: '{"credential":"xyzzy","credential":null}' }));
    expect(out).not.toContain('xyzzy');
  });

  it('a quoted cookie value (RFC 6265) is redacted whole, in a string and in JSON source (it kept "quotedSECRET")', () => {
    expect(redactFrame({ msg: 'Cookie: session="quotedSECRET"; x=1' })).toEqual({ msg: 'Cookie: [redacted]' });
    expect(redactText('{"msg":"Cookie: session=\\"quotedSECRET\\"\\r\\nnext line"}')).toBe('{"msg":"Cookie: [redacted]\\r\\nnext line"}');
    // A Digest credential's whole parameter list (RFC 3261 §20.7's example: relay audit, the user and response were kept), after an escaped line break too.
    const register = 'REGISTER sips:ss2.biloxi.example.com SIP/2.0\r\nAuthorization: Digest username="Alice", realm="atlanta.com", nonce="84a4cc6f3082121f32b42a2187831a9e", response="7587245234b3434cc3412213e5f113a5432"\r\n\r\n';
    expect(redactFrame({ type: 'sip', message: register })).toEqual({ type: 'sip', message: 'REGISTER sips:ss2.biloxi.example.com SIP/2.0\r\nAuthorization: Digest [redacted]\r\n\r\n' });
    expect(redactText(JSON.stringify({ type: 'sip', message: register, n: 1 }))).toBe('{"type":"sip","message":"REGISTER sips:ss2.biloxi.example.com SIP/2.0\\r\\nAuthorization: Digest [redacted]\\r\\n\\r\\n","n":1}');
    expect(redactText('{"m":"INVITE\\r\\nCookie: sid=abc123\\r\\nAuthorization: Bearer abcdefghijklmnop1234\\r\\n"}')).toBe('{"m":"INVITE\\r\\nCookie: [redacted]\\r\\nAuthorization: Bearer [redacted]\\r\\n"}');
    // A raw SIP frame that is no JSON (the relay refuses it, its excerpt is logged; new-user audit: the user and response were kept).
    const raw = redactText('REGISTER sip:x SIP/2.0\r\nAuthorization: Digest username="carol", response="fedcba9876543210"\r\nVia: x\r\n');
    expect(raw).not.toMatch(/carol|fedcba/);
    expect(raw).toMatch(/\r\nVia: x\r\n$/);
    // An opaque past 1 KiB (RFC 7616 lets the server choose its length): the nonce and response after it too (hostile-input audit).
    const long = redactText(`REGISTER sip:x SIP/2.0\r\nAuthorization: Digest username="alice", opaque="${'b'.repeat(1100)}", nonce="abc", response="6629fae4"\r\nVia: x\r\n`);
    expect(long).not.toMatch(/alice|abc|6629fae4/);
    expect(long).toMatch(/\r\nVia: x\r\n$/);
    // In JSON source a bare quote ends the string: what follows it is kept (new-user audit: the rest of the line had been eaten).
    expect(redactText('{"type":"sip","data":"Authorization: Digest username=\\"bob\\", response=\\"cafe1234\\"","other":"keep me"}')).toBe('{"type":"sip","data":"Authorization: Digest [redacted]","other":"keep me"}');
  });

  it('a Cookie or Set-Cookie header written in a string: its value', () => {
    expect(redactFrame({ h: 'Cookie: session=abc123; theme=dark', s: 'set-cookie: sid=zzz; HttpOnly', t: 'cookies are tasty' })).toEqual({ h: 'Cookie: [redacted]', s: 'set-cookie: [redacted]', t: 'cookies are tasty' });
  });
});

describe('keys written and keys read (a repeated key is what JSON.parse drops)', () => {
  it('match on every frame of the samples, and on colons and escaped quotes inside strings', async () => {
    const { keyCount, writtenKeyCount } = await import('../../src/analysis/redact.js');
    const texts = [...sample('call.ndjson').split('\n').filter((l) => l.startsWith('{')), sample('candidates.json'), sample('offer.json'), '{"a":"x:y\\":z","b":[{"c":1},{"d":{"e":null}}]}'];
    expect(texts.length).toBeGreaterThan(5);
    for (const t of texts) expect([t.slice(0, 40), writtenKeyCount(t)]).toEqual([t.slice(0, 40), keyCount(JSON.parse(t))]);
    expect(writtenKeyCount('{"token":"x","token":null}')).toBe(2);
    expect(keyCount(JSON.parse('{"token":"x","token":null}'))).toBe(1);
  });
});

describe('secrets written as text in a string value (relay audit of 2026-12-06: kept in the log, /feed and the client\'s output)', () => {
  it('key=value and key: value in one line of text, and Jingle\'s pwd attribute; an SDP\'s lines keep their own redaction', () => {
    const out = JSON.stringify(redactFrame({
      type: 'log',
      msg: 'turn config: username=alice password=hunter2PW credential: CRED77',
      cfg: "iceServers: [{urls: 'turn:t.example.com', username: 'u', credential: 'JSCRED123'}]",
      env: 'TURN_PASSWORD=ENVPW123 TURN_SECRET=ENVSEC123 password: YAMLPW123',
      xml: '<transport xmlns="urn:xmpp:jingle:transports:ice-udp:1" pwd="JINGLEPWD88fgpdd777uzj" ufrag="8hhy"/>',
      url: 'wss://kvs.example/?X-Amz-Credential=AKIA&X-Amz-Signature=SIGSECRET0123456789abcdef',
      note: 'Authorization: required from the team lead',
    }));
    for (const secret of ['hunter2PW', 'CRED77', 'JSCRED123', 'ENVPW123', 'ENVSEC123', 'YAMLPW123', 'JINGLEPWD88', 'SIGSECRET']) expect([secret, out.includes(secret)]).toEqual([secret, false]);
    expect(out).toContain('username=alice');
    expect(out).toContain('ufrag=\\"8hhy\\"');
    expect(out).toContain('Authorization: required from the team lead');
    // An SDP keeps its same-length ice-pwd redaction.
    const sdp = (redactFrame({ sdp: 'v=0\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n' }) as { sdp: string }).sdp;
    expect(sdp).toMatch(/^v=0\r\na=ice-pwd:REDACTEDx{16}\r\n$/);
  });
});
