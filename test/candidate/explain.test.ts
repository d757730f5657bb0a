import { parseCandidate } from '../../src/candidate/candidate.js';
import { explainCandidate, explainNetworkCost, inferRelayProtocol } from '../../src/candidate/explain.js';
import { DIAGNOSTICS } from '../../src/diagnostics.js';
import { parseSdp } from '../../src/sdp/parse.js';
import { candidateLines } from '../support/corpus.js';

const relay = (typePref: number) =>
  parseCandidate(`candidate:1 1 udp ${typePref * 2 ** 24 + 32542 * 256 + 255} 203.0.113.9 3478 typ relay raddr 198.51.100.2 rport 5000`);

describe('inferRelayProtocol', () => {
  it('reads Chrome UDP (3) as certain', () => {
    expect(inferRelayProtocol(relay(3))).toEqual({ protocol: 'udp', certainty: 'certain', readings: [{ implementation: 'libwebrtc', protocol: 'udp' }], protocols: ['udp'], label: 'udp' });
  });
  it('flags 2 as ambiguous: DTLS today, UDP in older Chrome', () => {
    const r = inferRelayProtocol(relay(2))!;
    expect(r.certainty).toBe('ambiguous');
    expect(r.protocol).toBeNull();
    expect(r.readings).toEqual([
      { implementation: 'libwebrtc', protocol: 'dtls' },
      { implementation: 'libwebrtc-legacy', protocol: 'udp' },
    ]);
    expect([r.protocols, r.label]).toEqual([['dtls', 'udp'], 'dtls/udp?']);
  });
  it('reads 1 as TCP in every libwebrtc', () => {
    expect(inferRelayProtocol(relay(1))).toMatchObject({ protocol: 'tcp', certainty: 'certain' });
  });
  it('flags 0 as ambiguous between TCP and TLS', () => {
    const r = inferRelayProtocol(relay(0))!;
    expect(r.certainty).toBe('ambiguous');
    expect(new Set(r.readings.map((x) => x.protocol))).toEqual(new Set(['tls', 'tcp']));
  });
  it('reads libnice\'s relays: UDP 30, TCP or TLS 20 (GStreamer, Janus; candidates audit: "?")', () => {
    expect(inferRelayProtocol(parseCandidate('candidate:7 1 UDP 503316991 203.0.113.9 50000 typ relay raddr 198.51.100.1 rport 40000'))).toMatchObject({ protocol: 'udp', certainty: 'certain', readings: [{ implementation: 'libnice', protocol: 'udp' }] });
    expect(inferRelayProtocol(parseCandidate('candidate:8 1 TCP 335544831 203.0.113.9 50000 typ relay raddr 198.51.100.1 rport 40000'))).toMatchObject({ protocol: null, certainty: 'ambiguous', label: 'tcp/tls?' });
  });
  it('reads Firefox UDP (5)', () => {
    expect(inferRelayProtocol(relay(5))).toMatchObject({ protocol: 'udp', certainty: 'certain', readings: [{ implementation: 'firefox', protocol: 'udp' }] });
  });
  it('reads 0 without libwebrtc\'s layout as RFC 8445\'s default too (pion, aioice, libjuice, KVS: any transport), with it as libwebrtc\'s TLS (priority audit: pion\'s UDP relay read "tls/tcp?")', () => {
    const pion = inferRelayProtocol(parseCandidate('candidate:1234 1 udp 16777215 203.0.113.9 50000 typ relay raddr 198.51.100.1 rport 40000'));
    expect(pion).toMatchObject({ protocol: null, certainty: 'ambiguous', protocols: ['udp', 'tcp', 'tls'], label: 'udp/tcp/tls?' });
    expect(pion!.readings.map((r) => r.implementation)).toEqual(['rfc8445', 'rfc8445', 'rfc8445', 'firefox', 'firefox']);
    const chromium = inferRelayProtocol(parseCandidate(`candidate:1 1 udp ${((127 << 8) | 31) * 256 + 255} 203.0.113.10 49514 typ relay raddr 203.0.113.10 rport 49514`));
    expect(chromium).toMatchObject({ label: 'tls/tcp?', protocols: ['tls', 'tcp'] });
    // 3 with another layout is no implementation's.
    expect(inferRelayProtocol(parseCandidate(`candidate:1 1 udp ${3 * 2 ** 24 + 65535 * 256 + 255} 203.0.113.9 1 typ relay raddr 198.51.100.1 rport 1`))).toMatchObject({ certainty: 'unknown', label: '?' });
  });
  it('says unknown for a type preference no implementation uses for relays', () => {
    expect(inferRelayProtocol(relay(10))).toMatchObject({ protocol: null, certainty: 'unknown', readings: [] });
  });
  it('is null for other types', () => {
    expect(inferRelayProtocol(parseCandidate('candidate:1 1 udp 2122260223 10.0.0.1 1 typ host'))).toBeNull();
  });
  it('reads the seed-era Chrome relay 41885439 as 2 | 32542 | 1, ambiguous', () => {
    const x = explainCandidate(parseCandidate('candidate:3977307047 1 udp 41885439 64.95.96.40 49665 typ relay raddr 82.73.2.216 rport 60743 generation 0'));
    expect(x.priority).toEqual({ typePreference: 2, localPreference: 32542, componentId: 1 });
    expect(x.relayProtocol?.certainty).toBe('ambiguous');
    expect(x.localPreference.libwebrtc).toEqual({ networkPreference: 127, addressPrecedence: 30, addressPrecedenceMeaning: 'IPv4', relayPreference: 0, adjusted: false });
  });
});

describe('keyword case and tcptype words (audit of the change)', () => {
  const said = (line: string) => explainCandidate(parseCandidate(line)).warnings.map((w) => `${w.kind}: ${w.message}`);
  it('names the prefix as written, a= included; an unknown tcptype says Chromium refuses it', () => {
    expect(said('a=Candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host')).toEqual(['candidate-keyword-case: the prefix is written "a=Candidate:": Chromium refuses the candidate (it reads "candidate:" in lower case only)']);
    expect(said('candidate:1 1 udp 2122260223 10.0.0.1 5000 TYP host')).toEqual(['candidate-keyword-case: "typ" is written "TYP": Chromium refuses the candidate (it reads "typ" in lower case only)']);
    expect(said('candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype ACTIVE')).toEqual(['candidate-unknown-tcptype: tcptype "ACTIVE" is not active, passive or so: Chromium refuses the candidate']);
  });
});

describe('local preference (libwebrtc layout)', () => {
  it.each([
    ['candidate:1 1 udp 2122260223 10.0.0.1 1 typ host', 127, 30, 'IPv4'],
    ['candidate:1 1 udp 2122262783 2601:645:8400:6c20:a0ed:463d:b3d9:2e5b 1 typ host', 127, 40, 'IPv6'],
    ['candidate:1 1 udp 2122265343 fdb2:2c26:f4e4::1 1 typ host', 127, 50, 'IPv6 ULA'],
    ['candidate:1 1 udp 2122129151 10.0.0.1 1 typ host', 125, 30, 'IPv4'],
    ['candidate:1 1 udp 2113937151 a.local 1 typ host', 0, 30, 'IPv4'],
  ])('%s → network %d, address %d (%s)', (line, net, addr, meaning) => {
    expect(explainCandidate(parseCandidate(line)).localPreference.libwebrtc).toEqual({ networkPreference: net, addressPrecedence: addr, addressPrecedenceMeaning: meaning, relayPreference: null, adjusted: false });
  });
  it('separates the TURN server preference of a relay', () => {
    const c = parseCandidate(`candidate:1 1 udp ${3 * 2 ** 24 + ((127 << 8) | 32) * 256 + 255} 203.0.113.1 1 typ relay raddr 1.1.1.1 rport 1`);
    expect(explainCandidate(c).localPreference.libwebrtc).toMatchObject({ addressPrecedence: 30, relayPreference: 2 });
  });
  it('reads a relay\'s server preference past 9 against its own address\'s precedence, up to 31 (kMaxTurnServers 32: 11 TURN URLs gave "IPv6" and 1, priority audit)', () => {
    const relay = (pref: number, address: string, precedence: number) => parseCandidate(`candidate:1 1 udp ${3 * 2 ** 24 + ((127 << 8 | precedence) + pref) * 256 + 255} ${address} 1 typ relay raddr 198.51.100.1 rport 1`);
    expect(explainCandidate(relay(11, '203.0.113.9', 30)).localPreference.libwebrtc).toMatchObject({ addressPrecedence: 30, addressPrecedenceMeaning: 'IPv4', relayPreference: 11 });
    expect(explainCandidate(relay(31, '203.0.113.9', 30)).localPreference.libwebrtc).toMatchObject({ addressPrecedence: 30, relayPreference: 31 });
    expect(explainCandidate(relay(32, '203.0.113.9', 30)).localPreference.libwebrtc).toBeNull();
    expect(explainCandidate(relay(3, '2001:db8::9', 40)).localPreference.libwebrtc).toMatchObject({ addressPrecedence: 40, addressPrecedenceMeaning: 'IPv6', relayPreference: 3 });
  });
  it('reads the precedence the address has, as libwebrtc\'s IPAddressPrecedence gives it (IPv4-mapped 30, 6to4 20, Teredo 10, site-local and IPv4-compatible 1, loopback 60)', () => {
    const host = (address: string, precedence: number) => explainCandidate(parseCandidate(`candidate:1 1 udp ${126 * 2 ** 24 + ((127 << 8) | precedence) * 256 + 255} ${address} 1 typ host`)).localPreference.libwebrtc?.addressPrecedence ?? null;
    expect([host('::ffff:10.0.0.1', 30), host('2002:c000:204::1', 20), host('2001:0:4136:e378::1', 10), host('fec0::1', 1), host('::1.2.3.4', 1), host('::1', 60), host('fe80::1', 40)]).toEqual([30, 20, 10, 1, 1, 60, 40]);
    // The precedence of another family than the address\'s is none of libwebrtc\'s.
    expect(host('10.0.0.1', 40)).toBeNull();
    expect(host('2001:db8::1', 30)).toBeNull();
  });
  it('reads newer libwebrtc\'s +32 (kMaxTurnServers, added to every candidate but relays) as adjusted', () => {
    const c = parseCandidate(`candidate:1 1 udp ${100 * 2 ** 24 + ((127 << 8) | 30) * 256 + 32 * 256 + 255} 198.51.100.7 1 typ srflx raddr 10.0.0.1 rport 1`);
    expect(explainCandidate(c).localPreference.libwebrtc).toEqual({ networkPreference: 127, addressPrecedence: 30, addressPrecedenceMeaning: 'IPv4', relayPreference: null, adjusted: true });
  });
  it('is null for candidates that cannot be libwebrtc\'s: its type preferences only, an adapter preference of 127 at most (priority audit: libnice\'s IPv4 host read "IPv6 deprecated", JVB\'s srflx "Teredo", Firefox\'s relay "IPv4 + relay pref 1")', () => {
    const lw = (line: string) => explainCandidate(parseCandidate(line)).localPreference.libwebrtc;
    expect(lw('candidate:1 1 UDP 2013266429 192.168.8.100 47441 typ host')).toBeNull(); // libnice: 120 | 65535 | 253
    expect(lw('candidate:2 1 udp 1677724415 54.184.25.11 10000 typ srflx raddr 172.31.1.1 rport 10000')).toBeNull(); // JVB: 100 | 10 | 255
    expect(lw('candidate:3 1 UDP 92217343 203.0.113.10 49437 typ relay raddr 203.0.113.10 rport 49437')).toBeNull(); // Firefox: relay 5
    expect(lw(`candidate:4 1 udp ${126 * 2 ** 24 + ((128 << 8) | 30) * 256 + 255} 10.0.0.1 1 typ host`)).toBeNull(); // adapter 128
    expect(lw(`candidate:5 1 tcp ${90 * 2 ** 24 + ((127 << 8) | 30) * 256 + 255} 10.0.0.1 9 typ host tcptype active`)).toMatchObject({ addressPrecedence: 30 }); // libwebrtc's TCP host
  });
  it('is null when the low byte is not an address precedence (Firefox, libnice)', () => {
    expect(explainCandidate(parseCandidate('a=candidate:0 1 UDP 2122252543 192.168.1.4 47176 typ host')).localPreference.libwebrtc).toBeNull();
  });
});

describe('network-cost', () => {
  it.each([
    [0, 'ethernet-or-loopback'],
    [10, 'wifi'],
    [50, 'unknown'],
    [900, 'cellular'],
    [999, 'hidden'],
    [123, 'other'],
    // A VPN costs its adapter's cost + 1 (libwebrtc's ComputeNetworkCostByType; candidates audit).
    [1, 'vpn'],
    [11, 'vpn'],
    [51, 'vpn'],
    [901, 'vpn'],
  ])('%d → %s', (cost, adapter) => {
    expect(explainNetworkCost(cost).adapter).toBe(adapter);
  });

  it('a VPN says the adapter under it', () => {
    expect(explainNetworkCost(1).description).toBe('VPN over ethernet or loopback (kNetworkCostMin) (0 + kNetworkCostVpn 1)');
    expect(explainNetworkCost(11).description).toBe('VPN over Wi-Fi (kNetworkCostLow) (10 + kNetworkCostVpn 1)');
  });
});

describe('explainCandidate(...).warnings', () => {
  const kinds = (line: string) => explainCandidate(parseCandidate(line)).warnings.map((d) => d.kind);
  it('flags a relay with the host type preference (an edited line)', () => {
    expect(kinds('candidate:211962667 2 udp 2122260222 10.0.3.1 52923 typ relay raddr 1.2.3.4 rport 52923 generation 0')).toContain('type-preference-mismatch');
  });
  it('flags srflx without raddr (libjuice; Firefox rejects it)', () => {
    expect(kinds('candidate:1970122717 1 UDP 1694498815 217.30.0.1 34733 typ srflx')).toEqual(['candidate-missing-related-address']);
    // The corpus line has its address half redacted as well.
    expect(kinds('candidate:1970122717 1 UDP 1694498815 217.30.x.x 34733 typ srflx')).toEqual(['candidate-redacted-address', 'candidate-missing-related-address']);
  });
  it('does not flag a prflx without raddr: learned from a check, never trickled (ice4j\'s "RemoteCandidate=… typ prflx"; candidate-log audit)', () => {
    expect(kinds('candidate:10000 1 udp 1853761791 37.225.89.211 26330 typ prflx')).toEqual([]);
    expect(kinds('candidate:10000 1 udp 1686052607 37.225.89.211 26330 typ relay')).toContain('candidate-missing-related-address');
  });
  it('flags redaction markers as such, and addresses that are not addresses', () => {
    expect(kinds('a=candidate:2 1 udp 2013266431 *.*.*.* 54963 typ host')).toEqual(['candidate-redacted-address']);
    expect(kinds('candidate:2122599348 1 udp 1686052607 [PUBLIC IP] 52942 typ srflx raddr 192.168.122.127 rport 52942 generation 0 ufrag hCZ1 network-id 1')).toEqual(['candidate-redacted-address']);
    expect(kinds('candidate:1 1 udp 2122260223 010.0.0.1 5000 typ host')).toEqual(['candidate-invalid-address']);
    // The corpus's KVS relay: its address the unspecified one (said since the candidates audit), its raddr a prefix.
    expect(kinds('a=candidate:20 1 udp 16777215 0000:0000:0000:0000:0000:0000:0000:0000 0 typ relay raddr ::/0 rport 0 generation 0 network-cost 999')).toEqual(['candidate-unusable-address', 'candidate-invalid-address']);
  });
  it('flags a tcptype on a udp candidate, which Chromium refuses ("Invalid non-TCP candidate", measured; candidate audit: go2rtc\'s line of its issue 165 was read without a word)', () => {
    const said = (line: string) => explainCandidate(parseCandidate(line)).warnings.map((d) => `${d.kind}: ${d.message}`);
    expect(said('candidate:545229448 1 udp 2130706431 76.42.1.2 8555 typ host tcptype passive')).toEqual(['candidate-extension-value: tcptype on a udp candidate: Chromium refuses the candidate ("Invalid non-TCP candidate")']);
    expect(kinds('candidate:545229448 1 UDP 2130706431 76.42.1.2 8555 typ host tcptype active')).toEqual(['candidate-extension-value']);
    expect(kinds('candidate:545229448 1 tcp 1518280447 76.42.1.2 9 typ host tcptype active')).toEqual([]);
  });
  it('flags an empty or over-long foundation', () => {
    expect(kinds('a=candidate: 1 udp 2130706431 74.125.1.1 19305 typ host')).toEqual(['candidate-foundation']);
    expect(kinds(`candidate:${'a'.repeat(33)} 1 udp 2130706431 74.125.1.1 19305 typ host`)).toEqual(['candidate-foundation']);
  });
  it('says nothing about the seed candidates', () => {
    expect(kinds('candidate:2649982101 1 udp 1686052607 219.142.117.143 2213 typ srflx raddr 10.25.39.1 rport 57043 generation 0 ufrag N/KY network-id 1 network-cost 10')).toEqual([]);
  });
  it('only reports kinds the diagnostics table describes, over the whole corpus', () => {
    for (const l of candidateLines()) {
      const r = (() => { try { return parseCandidate(l.text); } catch { return null; } })();
      if (r) for (const d of explainCandidate(r).warnings) expect(DIAGNOSTICS[d.kind].domain).toBe('candidate');
    }
  });
});

describe('candidate-network-cost (Chromium 65535+ and non-numbers refused: checked with addIceCandidate)', () => {
  const kinds = (v: string) => explainCandidate(parseCandidate(`candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host generation 0 network-cost ${v}`)).warnings;
  it.each(['0', '10', '999'])('%s: nothing to say', (v) => expect(kinds(v)).toEqual([]));
  it.each([
    ['1000', 'above 999'],
    ['65535', 'above 999'],
    ['65536', 'Chromium refuses'],
    ['abc', 'not a number'],
  ])('%s: %s', (v, words) => {
    const w = kinds(v);
    expect(w.map((d) => d.kind)).toEqual(['candidate-network-cost']);
    expect(w[0]!.message).toContain(words);
  });
});

describe('candidate-unusable-address (candidates audit: an unspecified srflx, a :: relay, a multicast host said nowhere in a one-sided log)', () => {
  it.each([
    ['candidate:1 1 udp 1686052607 :: 5000 typ srflx raddr 0.0.0.0 rport 0', 'address :: is the unspecified address: no peer can send to it'],
    ['candidate:1 1 udp 41885439 0000:0000:0000:0000:0000:0000:0000:0000 0 typ relay raddr 0.0.0.0 rport 0', 'address 0000:0000:0000:0000:0000:0000:0000:0000 is the unspecified address: no peer can send to it'],
    ['candidate:1 1 udp 2122260223 224.0.0.1 5000 typ host', 'address 224.0.0.1 is a multicast address: no peer can send to it'],
  ])('%s', (line, message) => {
    expect(explainCandidate(parseCandidate(line)).warnings.filter((w) => w.kind === 'candidate-unusable-address').map((w) => w.message)).toEqual([message]);
  });
  it('a related address of 0.0.0.0 (a hidden base) is not one', () => {
    expect(explainCandidate(parseCandidate('candidate:1 1 udp 1686052607 203.0.113.5 5000 typ srflx raddr 0.0.0.0 rport 0')).warnings).toEqual([]);
  });
});

describe('a generation libwebrtc cannot read (library audit: past 32 bits unsaid; Chromium 156: "Invalid generation", measured in test/fixtures/verdicts)', () => {
  it('past 4294967295, or not a number, is a candidate-extension-value warning; 4294967295 and 0 are not', () => {
    const warn = (g: string) => explainCandidate(parseCandidate(`candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host generation ${g}`)).warnings.filter((d) => d.kind === 'candidate-extension-value').map((d) => d.message);
    expect(warn('4294967296')).toEqual(['generation 4294967296 is past 4294967295: Chromium refuses the candidate (in an SDP, the whole description)']);
    expect(warn('99999999999999999999')).toEqual(['generation 99999999999999999999 is past 4294967295: Chromium refuses the candidate (in an SDP, the whole description)']);
    expect(warn('x')).toEqual(['generation "x" is not a number: Chromium refuses the candidate (in an SDP, the whole description)']);
    expect([warn('4294967295'), warn('0'), warn('0004294967295')]).toEqual([[], [], []]);
    // In an SDP, a last "generation" with no value is no refusal: Chromium and Firefox take it (audit of the change, measured).
    const sdp = (g: string) => parseSdp(`v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=candidate:1 1 udp 2122260223 192.168.1.5 50000 typ host generation${g}\r\n`).diagnostics.filter((d) => d.kind === 'rejected-by-browser' && d.rule === 'candidate-generation').length;
    expect([sdp(''), sdp(' x'), sdp(' 4294967296')]).toEqual([0, 1, 1]);
  });
});
