/** STUN and TURN URIs (RFC 7064, RFC 7065). */
import { parseIceServerUri } from '../../src/stun/uri.js';

describe('parseIceServerUri', () => {
  it.each([
    ['stun:stun.example.org', { scheme: 'stun', host: 'stun.example.org', port: 3478, transport: 'udp' }],
    ['stun:192.0.2.1:19302', { scheme: 'stun', host: '192.0.2.1', port: 19302, transport: 'udp' }],
    ['stuns:stun.example.org', { scheme: 'stuns', port: 5349, transport: 'tls' }],
    ['turn:[2001:db8::1]:3478?transport=tcp', { scheme: 'turn', host: '2001:db8::1', port: 3478, transport: 'tcp' }],
    ['turn:turn.example.org?transport=udp', { transport: 'udp', port: 3478 }],
    ['TURN:turn.example.org?transport=TCP', { scheme: 'turn', transport: 'tcp' }],
    ['turns:turn.example.org:443?transport=tcp', { scheme: 'turns', port: 443, transport: 'tls' }],
    ['turn:127.0.0.1:013478', { host: '127.0.0.1', port: 13478 }],
    ['stun:[::1]', { host: '::1', port: 3478 }],
  ])('%s', (uri, expected) => expect(parseIceServerUri(uri)).toMatchObject({ uri, ...expected }));

  // Measured with both browsers (probe audit; test/e2e/verdicts.e2e.ts asks them again): RFC 7065 allows any case, they do not.
  it.each([
    ['turn:h?transport=udp', null],
    ['TURN:h?transport=udp', null],
    ['turns:h?transport=tcp', null],
    ['turn:h?Transport=udp', /^Chromium and Firefox refuse it, and the whole RTCConfiguration with it .*; write \?transport=udp$/],
    ['turn:h?TRANSPORT=tcp', /^Chromium and Firefox refuse it.*write \?transport=tcp$/],
    ['turn:h?transport=UDP', /^Firefox refuses it, and the whole RTCConfiguration with it \(SyntaxError, "disallowed transport"; measured, Firefox ESR 153; Chromium 156 takes it\)/],
    ['turns:h?transport=TCP', /^Firefox refuses it.*write \?transport=tcp$/],
  ])('%s: browsersRefuse as the browsers do', (uri, expected) => {
    const r = parseIceServerUri(uri);
    if (expected === null) expect(r.browsersRefuse).toBeUndefined();
    else expect(r.browsersRefuse).toMatch(expected);
  });

  it.each([
    ['http://example.org', /the scheme is not stun:, stuns:, turn: or turns:/],
    ['stun:', /no host/],
    ['stun:host:99999', /port 99999 is out of range/],
    // Probe audit: a ten-digit port was "a malformed host or port"; 127.1 and 0.0.0.0 probed this machine.
    ['stun:host:1234567890', /port 1234567890 is out of range/],
    ['stun:127.1', /"127\.1" is not an IPv4 address \(four decimal numbers, dotted\) nor a host name/],
    // Audit of the late commits: other spellings the resolver reads as IPv4 (inet_aton) passed as names.
    ['stun:0x7f000001', /"0x7f000001" is not an IPv4 address/],
    ['stun:0x7f.1', /"0x7f\.1" is not an IPv4 address/],
    ['stun:0x0', /"0x0" is not an IPv4 address/],
    ['stun:[::ffff:0.0.0.0]', /is the unspecified address/],
    ['stun:0.0.0.0', /0\.0\.0\.0 is the unspecified address/],
    ['turn:[::]:3478', /\[::\] is the unspecified address/],
    ['turn:host?transport=sctp', /is not transport=udp or transport=tcp/],
    ['stun:host?transport=udp', /a stun: URI has no query/],
    ['turns:host?transport=udp', /DTLS, which is not supported/],
    ['turn:[1.2.3.4]', /\[1\.2\.3\.4\] is not an IPv6 address \(brackets are for IPv6 only\)/],
    ['turn:[:::]', /is not an IPv6 address/],
    ['turn:u@127.0.0.1', /"turn:\[user info\]@127\.0\.0\.1" is not a STUN or TURN URI: a STUN or TURN URI carries no user name or password \(RFC 7064, RFC 7065\): give them with --username and --credential/],
    // The password is never echoed (probe audit: it was, on stderr).
    ['turn:alice:s3cret@127.0.0.1:3478', /^(?!.*s3cret)(?!.*alice).*"turn:\[user info\]@127\.0\.0\.1:3478" is not/],
    ['turn://alice:s3cret@127.0.0.1', /^(?!.*s3cret).*"turn:\/\/\[user info\]@127\.0\.0\.1"/],
    // Passwords with "/", "?", "[" or "@" (a TURN REST password is base64: audit of the change, echoed whole).
    ['turn:1700000000:alice:ab/Cd+eF=@127.0.0.1:3478', /^(?!.*ab\/Cd)(?!.*alice)"turn:\[user info\]@127\.0\.0\.1:3478" is not/],
    ['turns:alice:p?ss@127.0.0.1', /^(?!.*p\?ss)"turns:\[user info\]@127\.0\.0\.1" is not/],
    ['turn:127.0.0.1:3478#credential=S3CRET', /^(?!.*S3CRET)"turn:127\.0\.0\.1:3478#\[hidden\]" is not/],
    // Credentials in the query, as some services print them: never echoed (probe audit), transport kept.
    ['turn:127.0.0.1:3478?transport=udp&username=28224511:1379330808&credential=JZEOEt2V3Qb0y27GRntt2u2PAYA', /^(?!.*JZEOEt2V)(?!.*28224511)"turn:127\.0\.0\.1:3478\?transport=udp&username=\[hidden\]&credential=\[hidden\]" is not/],
    ['stun:alice:pw[x]@127.0.0.1', /^(?!.*pw\[x)"stun:\[user info\]@127\.0\.0\.1" is not/],
    ['turn:alice:p@ss@127.0.0.1', /^(?!.*p@ss)(?!.*ss@)"turn:\[user info\]@127\.0\.0\.1" is not/],
    ['turn://h', /no "\/\/" after the scheme/],
    ['stun:300.1.1.1', /is not a host name or an IPv4 address/],
    ['stun:exa_mple.org', /is not a host name/],
  ])('refuses %s', (uri, why) => expect(() => parseIceServerUri(uri)).toThrow(expect.objectContaining({ code: 'ICE_SERVER_URI', message: expect.stringMatching(why) })));
});
