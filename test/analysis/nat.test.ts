import { factsOfFound } from '../../src/analysis/facts.js';
import { NatEvidence } from '../../src/analysis/nat.js';
import { parseCandidate } from '../../src/candidate/candidate.js';
import { explainCandidate } from '../../src/candidate/explain.js';

const verdict = (lines: string[]) => {
  const e = new NatEvidence();
  for (const l of lines) {
    const c = parseCandidate(l);
    const found = { text: l, candidate: c, error: null, explanation: explainCandidate(c), sdpMid: null, sdpMLineIndex: null, usernameFragment: null, inDescription: false, source: { line: 1, format: 'text' as const } };
    e.add(factsOfFound(found));
  }
  return e.verdict();
};

describe('NAT mapping from srflx candidates', () => {
  it('one base mapped to two addresses (two STUN servers) is address-dependent: symmetric NAT', () => {
    const v = verdict([
      'candidate:1 1 udp 1686052607 203.0.113.5 40001 typ srflx raddr 10.0.1.2 rport 5000',
      'candidate:2 1 udp 1686052607 203.0.113.5 40002 typ srflx raddr 10.0.1.2 rport 5000',
    ]);
    expect(v.mapping).toBe('address-dependent');
    expect(v.evidence).toEqual(['base udp 10.0.1.2:5000 is mapped to 203.0.113.5:40001 and 203.0.113.5:40002', '"address-dependent" here covers address-and-port-dependent too: candidates cannot tell the two apart (sdpscope probe can)']);
    expect(v.seedTypes).toMatch(/^symmetric NAT: every destination gets a new mapping/);
    expect(v.cannotSee).toMatch(/filtering/);
  });

  it('an IPv6 srflx equal to its public base beside an IPv4 one behind a NAT: each family said (SDP audit: only "one mapping per base")', () => {
    const v = verdict([
      'candidate:1 1 udp 1686055167 2001:db8:1b16::364b 60478 typ srflx raddr 2001:db8:1b16::364b rport 60478',
      'candidate:2 1 udp 1685987071 198.51.100.86 21616 typ srflx raddr 10.69.222.1 rport 64969',
    ]);
    expect(v.mapping).toBe('unknown');
    expect(v.evidence).toEqual([
      '1 srflx equal to its public base ([2001:db8:1b16::364b]:60478): no NAT on that interface (IPv6)',
      '1 base mapped to another address (10.69.222.1:64969 → 198.51.100.86:21616, port changed): a NAT on that interface (IPv4), its kind unknown',
      'one mapping per base (2 bases): one STUN server, or identical mappings deduplicated by the browser; either way no comparison',
    ]);
  });

  it('pion\'s srflx with a wildcard base and its port (raddr 0.0.0.0 rport 58952): the port the NAT changed is said, not "masked for privacy" (SDP audit)', () => {
    const v = verdict([
      'candidate:2724024701 1 udp 1694498815 198.51.100.71 54019 typ srflx raddr 0.0.0.0 rport 58952',
      'candidate:2724024701 2 udp 1694498815 198.51.100.71 54019 typ srflx raddr 0.0.0.0 rport 58952',
    ]);
    expect(v.mapping).toBe('unknown');
    expect(v.evidence).toEqual(["2 srflx whose base is the wildcard address with its port (0.0.0.0:58952 → 54019: a socket bound to every interface, as pion's agent writes it): the NAT changed the port of each, so it does not preserve ports; without the base's address the mapping cannot be compared"]);
    // A browser's masked base (rport 0) is as before.
    expect(verdict(['candidate:1 1 udp 1686052607 198.51.100.7 40001 typ srflx raddr 0.0.0.0 rport 0']).evidence[0]).toMatch(/^1 srflx with a hidden base \(raddr 0\.0\.0\.0 \/ rport 0, or none\)/);
  });

  it('a pion wildcard srflx whose port changed beside an IPv6 srflx equal to its base: not "no NAT" (audit of the change)', () => {
    const v = verdict([
      'candidate:2 1 udp 1694498815 2001:db8:1::5 50000 typ srflx raddr 2001:db8:1::5 rport 50000',
      'candidate:4 1 udp 1694498815 203.0.113.7 61000 typ srflx raddr 0.0.0.0 rport 58952',
    ]);
    expect(v.mapping).toBe('unknown');
    expect(v.evidence).toContain('1 srflx equal to its public base ([2001:db8:1::5]:50000): no NAT on that interface (IPv6)');
  });

  it('a srflx whose address is no IP address (anonymised by hand, a coturn thread\'s "X.Y.22.158") says nothing: it was "no NAT: the host address is public"', () => {
    const v = verdict(['candidate:842163049 1 udp 1677729535 X.Y.22.158 61989 typ srflx raddr X.Y.22.158 rport 61989 generation 0']);
    expect(v.mapping).toBe('unknown');
    expect(v.evidence).toEqual(['1 srflx whose address or base is not an IP address (edited by hand?): nothing to compare']);
    expect(verdict(['candidate:1 1 udp 1677729535 203.0.113.7 61989 typ srflx raddr X.Y.22.158 rport 61989']).mapping).toBe('unknown');
  });

  it('one related address on relays of two TURN servers is endpoint-independent (a KVS thread: it was "unknown"); a relay\'s own address, a masked or private one is no evidence', () => {
    const v = verdict([
      'candidate:842163049 1 udp 1677729535 172.218.223.215 53550 typ srflx raddr 0.0.0.0 rport 0 generation 0',
      'candidate:2164144111 1 udp 33563647 18.188.4.190 61735 typ relay raddr 172.218.223.215 rport 53546 generation 0',
      'candidate:1358312205 1 udp 33564415 3.134.76.195 56670 typ relay raddr 172.218.223.215 rport 53546 generation 0',
    ]);
    expect(v.mapping).toBe('endpoint-independent');
    expect(v.evidence[0]).toBe('172.218.223.215:53546 is the related address of 2 relays (18.188.4.190, 3.134.76.195): where their TURN servers saw this agent, the same for each');
    expect(v.evidence[1]).toMatch(/provided those relays are on TURN servers at different IP addresses/);
    for (const raddr of ['0.0.0.0 rport 0', '10.0.0.2 rport 53546']) {
      expect(verdict([`candidate:1 1 udp 33563647 18.188.4.190 61735 typ relay raddr ${raddr}`, `candidate:2 1 udp 33564415 3.134.76.195 56670 typ relay raddr ${raddr}`]).mapping).toBe('unknown');
    }
    // Firefox writes the relay's own address as its related address: two relays, two servers, each its own.
    expect(verdict(['candidate:1 1 udp 8265471 18.188.4.190 61735 typ relay raddr 18.188.4.190 rport 61735', 'candidate:2 1 udp 8265471 3.134.76.195 61735 typ relay raddr 18.188.4.190 rport 61735']).mapping).toBe('unknown');
    // srflx that say address-dependent win, and the relays' other word is said (change audit: dropped).
    const both = verdict([
      'candidate:1 1 udp 1686052607 203.0.113.5 40001 typ srflx raddr 10.0.1.2 rport 5000',
      'candidate:2 1 udp 1686052607 203.0.113.5 40002 typ srflx raddr 10.0.1.2 rport 5000',
      'candidate:3 1 udp 33563647 18.188.4.190 61735 typ relay raddr 172.218.223.215 rport 53546',
      'candidate:4 1 udp 33564415 3.134.76.195 56670 typ relay raddr 172.218.223.215 rport 53546',
    ]);
    expect(both.mapping).toBe('address-dependent');
    expect(both.evidence.at(-1)).toMatch(/^yet 172\.218\.223\.215:53546 is the related address of 2 relays \(18\.188\.4\.190, 3\.134\.76\.195\): relays of one TURN server at two addresses/);
    // Two mappings on relays say nothing (separate sockets, or another NAT): no address-dependent verdict from relays.
    expect(verdict(['candidate:1 1 udp 33563647 18.188.4.190 61735 typ relay raddr 172.218.223.215 rport 1', 'candidate:2 1 udp 33564415 3.134.76.195 56670 typ relay raddr 172.218.223.215 rport 2']).mapping).toBe('unknown');
  });

  it('a UDP relay\'s related address beside its m-section\'s srflx: another port of that public IP is a second mapping of the base (address-dependent); the same one is said, not taken for a cone NAT (candidates audit, ninth session: react-native-webrtc#1332)', () => {
    const withMids = (lines: [string, string | null][]) => {
      const e = new NatEvidence();
      for (const [l, sdpMid] of lines) {
        const c = parseCandidate(l);
        e.add(factsOfFound({ text: l, candidate: c, error: null, explanation: explainCandidate(c), sdpMid, sdpMLineIndex: null, usernameFragment: null, inDescription: false, source: { line: 1, format: 'text' as const } }));
      }
      return e.verdict();
    };
    const srflx: [string, string] = ['candidate:842163049 1 udp 1686052607 194.44.50.112 15940 typ srflx raddr 192.168.4.209 rport 48906 generation 0', '0'];
    // Chromium's UDP relay (type preference 2, its local preference libwebrtc's), one m-section: two mappings of one socket.
    const v = withMids([srflx, ['candidate:3024673810 1 udp 41885439 40.113.159.130 61148 typ relay raddr 194.44.50.112 rport 13759 generation 0', '0']]);
    expect(v.mapping).toBe('address-dependent');
    expect(v.evidence.slice(0, 2)).toEqual([
      'base 192.168.4.209:48906 is mapped to 194.44.50.112:15940 by a STUN server (its srflx) and to 194.44.50.112:13759 by the TURN server of relay 40.113.159.130 (a UDP relay\'s related address)',
      'provided the relay was allocated from the socket of that srflx, as libwebrtc (Chromium, Safari) does by default; a stack with a socket per server shows two mappings whatever the NAT',
    ]);
    // As the thread logged them: the relay of m-section 0, the srflx of m-section 1 (unbundled, sockets of their own): nothing compared.
    expect(withMids([[srflx[0], '1'], ['candidate:3024673810 1 udp 41885439 40.113.159.130 61148 typ relay raddr 194.44.50.112 rport 13759 generation 0', '0']]).mapping).toBe('unknown');
    // A TCP relay (type preference 1) is a TCP mapping: nothing compared.
    expect(withMids([srflx, ['candidate:3024673810 1 udp 25108223 40.113.159.130 61148 typ relay raddr 194.44.50.112 rport 13759 generation 0', '0']]).mapping).toBe('unknown');
    // The same mapping: unknown, the STUN and TURN servers maybe one (a coturn), said.
    const same = withMids([srflx, ['candidate:3024673810 1 udp 41885439 40.113.159.130 61148 typ relay raddr 194.44.50.112 rport 15940 generation 0', '0']]);
    expect(same.mapping).toBe('unknown');
    expect(same.evidence.at(-1)).toMatch(/^base 192\.168\.4\.209:48906 is mapped to 194\.44\.50\.112:15940 by a STUN server \(its srflx\) and by the TURN server of relay 40\.113\.159\.130 \(a UDP relay's related address\): one mapping for two destinations if the STUN and TURN servers are at different IP addresses/);
  });

  it('relays of one TURN server and no srflx: unknown, saying the relays show a mapping with nothing to compare, not "is a STUN server configured?" (candidates audit, a Kurento log)', () => {
    const v = verdict([
      'candidate:4276465545 1 udp 41885439 139.162.167.148 65515 typ relay raddr 178.253.158.37 rport 35130 generation 0',
      'candidate:4276465545 1 udp 41819903 139.162.167.148 54111 typ relay raddr 178.253.158.37 rport 33842 generation 0',
    ]);
    expect(v.mapping).toBe('unknown');
    expect(v.evidence).toEqual(['no srflx candidate; the relays\' related addresses (178.253.158.37:35130, 178.253.158.37:33842) show where their TURN server saw this agent, one server: no second destination to compare']);
    expect(v.seedTypes).toMatch(/^cannot be told from these candidates: relays of one TURN server, no srflx/);
    expect(verdict(['candidate:1 1 udp 33563647 18.188.4.190 61735 typ relay raddr 0.0.0.0 rport 0']).seedTypes).toBe('cannot be told: no server-reflexive candidate (is a STUN server configured and reachable?)');
    // Relays of two TURN servers with two mappings: said as such, not as one server (audit of the change).
    const two = verdict(['candidate:1 1 udp 33563647 198.51.100.1 61735 typ relay raddr 203.0.113.5 rport 40000', 'candidate:2 1 udp 33564415 198.51.100.99 56670 typ relay raddr 203.0.113.5 rport 40001']);
    expect([two.mapping, two.evidence, two.seedTypes]).toEqual(['unknown', ['no srflx candidate; relays on 2 TURN server addresses (198.51.100.1, 198.51.100.99) have different related addresses (203.0.113.5:40000, 203.0.113.5:40001): allocations from separate sockets, or a NAT that maps per destination; candidates cannot tell which'], 'cannot be told from these candidates: relays of several TURN servers with different mappings, no srflx; sdpscope probe with two STUN servers tells']);
  });

  it('the same mapping seen by two STUN servers (two foundations) is endpoint-independent: a cone NAT', () => {
    const v = verdict([
      'candidate:1 1 udp 1686052607 203.0.113.5 40001 typ srflx raddr 10.0.1.2 rport 5000',
      'candidate:2 1 udp 1686052607 203.0.113.5 40001 typ srflx raddr 10.0.1.2 rport 5000',
    ]);
    expect(v.mapping).toBe('endpoint-independent');
    expect(v.seedTypes).toMatch(/cone NAT/);
    expect(v.evidence.at(-1)).toBe('provided those STUN servers are at different IP addresses: two at one address (two ports) would show the same mapping for an address-dependent NAT');
  });

  it('two public IP addresses for one base: address pooling said as another cause (candidates audit)', () => {
    const v = verdict([
      'candidate:1 1 udp 1686052607 203.0.113.5 40001 typ srflx raddr 10.0.1.2 rport 5000',
      'candidate:2 1 udp 1686052607 198.51.100.9 40001 typ srflx raddr 10.0.1.2 rport 5000',
    ]);
    expect(v.mapping).toBe('address-dependent');
    expect(v.evidence.at(-1)).toMatch(/^the mapped addresses differ, not only their ports: the NAT maps per destination from a pool of public addresses .*RFC 4787 §4\.1\), or the mapping expired/);
  });

  it('one mapping per base says nothing: unknown, with the reason', () => {
    const v = verdict(['candidate:2649982101 1 udp 1686052607 219.142.117.143 2213 typ srflx raddr 10.25.39.1 rport 57043 generation 0']);
    expect(v.mapping).toBe('unknown');
    expect(v.evidence[0]).toMatch(/one mapping per base \(1 base\): one STUN server/);
  });

  it('a masked base (raddr 0.0.0.0 rport 0) is unknown, said so', () => {
    const v = verdict(['candidate:842163049 1 udp 1677729535 71.202.120.145 52283 typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999']);
    expect(v.mapping).toBe('unknown');
    expect(v.evidence).toEqual(['1 srflx with a hidden base (raddr 0.0.0.0 / rport 0, or none): the agent that gathered it did not say it (browsers mask it for privacy; a TCP active candidate has no port)']);
  });

  it('no srflx: unknown', () => {
    expect(verdict(['candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host']).evidence).toEqual(['no srflx candidate: nothing shows a mapping']);
  });

  it('a srflx equal to its base: no NAT', () => {
    expect(verdict(['candidate:1 1 udp 1686052607 198.51.100.7 5000 typ srflx raddr 198.51.100.7 rport 5000']).mapping).toBe('none');
    expect(verdict(['candidate:1 1 udp 1686052607 2001:db8::7 5000 typ srflx raddr 2001:db8::7 rport 5000']).mapping).toBe('none');
  });

  it('a private srflx equal to its base is a STUN server inside the network: unknown, not "no NAT" (real-log audit: Edge legacy, 10.0.75.1)', () => {
    const v = verdict(['candidate:1 1 tcp 1686052607 10.0.75.1 5000 typ srflx raddr 10.0.75.1 rport 5000']);
    expect(v.mapping).toBe('unknown');
    expect(v.evidence).toEqual(['1 srflx equal to a base that is not public: a STUN server inside the network, which sees no NAT on the way out']);
    expect(v.seedTypes).toMatch(/^cannot be told from these candidates: no srflx shows a mapping/);
  });

  it('a srflx mapped to a private address beside a public one of the same base: an inner NAT, left out, not "symmetric" (server-log audit: a Jitsi bridge\'s 10.0.7.167 and 64.135.72.220)', () => {
    const v = verdict(['candidate:2 1 udp 1686052607 10.0.7.167 5000 typ srflx raddr 192.168.1.5 rport 5000', 'candidate:3 1 udp 1686052607 64.135.72.220 5000 typ srflx raddr 192.168.1.5 rport 5000']);
    expect(v.mapping).toBe('unknown');
    expect(v.evidence[0]).toBe('1 srflx mapped to an address that is not public (10.0.7.167:5000 from 192.168.1.5:5000): a STUN server inside the network, behind an inner NAT; left out of the comparison, it says nothing of the way out');
    // Two public mappings of that base are still the evidence they are.
    expect(verdict(['candidate:2 1 udp 1686052607 203.0.113.9 5000 typ srflx raddr 192.168.1.5 rport 5000', 'candidate:3 1 udp 1686052607 64.135.72.220 5001 typ srflx raddr 192.168.1.5 rport 5000']).mapping).toBe('address-dependent');
  });

  it('every srflx with its base hidden: unknown, and not "one mapping per base" (real-log audit)', () => {
    const v = verdict(['candidate:1 1 udp 1686052607 203.0.113.5 40001 typ srflx raddr 0.0.0.0 rport 0']);
    expect([v.mapping, v.evidence]).toEqual(['unknown', ['1 srflx with a hidden base (raddr 0.0.0.0 / rport 0, or none): the agent that gathered it did not say it (browsers mask it for privacy; a TCP active candidate has no port)']]);
    expect(v.seedTypes).not.toContain('one mapping per base');
  });
});
