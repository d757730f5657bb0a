import { parseCandidate } from '../../src/candidate/candidate.js';
import { explainCandidate, explainNetworkCost, inferRelayProtocol } from '../../src/candidate/explain.js';
import { DIAGNOSTICS } from '../../src/diagnostics.js';
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
  it('reads Firefox UDP (5)', () => {
    expect(inferRelayProtocol(relay(5))).toMatchObject({ protocol: 'udp', certainty: 'certain', readings: [{ implementation: 'firefox', protocol: 'udp' }] });
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
    expect(x.localPreference.libwebrtc).toEqual({ networkPreference: 127, addressPrecedence: 30, addressPrecedenceMeaning: 'IPv4', relayPreference: 0 });
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
    expect(explainCandidate(parseCandidate(line)).localPreference.libwebrtc).toEqual({ networkPreference: net, addressPrecedence: addr, addressPrecedenceMeaning: meaning, relayPreference: null });
  });
  it('separates the TURN server preference of a relay', () => {
    const c = parseCandidate(`candidate:1 1 udp ${3 * 2 ** 24 + ((127 << 8) | 32) * 256 + 255} 203.0.113.1 1 typ relay raddr 1.1.1.1 rport 1`);
    expect(explainCandidate(c).localPreference.libwebrtc).toMatchObject({ addressPrecedence: 30, relayPreference: 2 });
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
