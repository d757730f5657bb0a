import { pairPriority, predictPairs } from '../../src/analysis/pairs.js';
import { parseCandidate } from '../../src/candidate/candidate.js';
import { explainCandidate } from '../../src/candidate/explain.js';

const end = (session: string, line: string) => {
  const candidate = parseCandidate(line);
  return { session, candidate, explanation: explainCandidate(candidate) };
};

describe('pairPriority (RFC 8445 §6.1.2.3)', () => {
  it('is 2^32*MIN(G,D) + 2*MAX(G,D) + (G>D?1:0), as a bigint', () => {
    expect(pairPriority(2130706431, 1694498815)).toBe(7277816997797167103n);
    expect(pairPriority(1694498815, 2130706431)).toBe(7277816997797167102n);
    expect(pairPriority(0xffffffff, 0xffffffff)).toBe((0xffffffffn << 32n) + 2n * 0xffffffffn);
  });
});

describe('predictPairs', () => {
  const local = [
    end('A', 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host'),
    end('A', 'candidate:2 1 udp 1686052607 203.0.113.5 40001 typ srflx raddr 10.0.0.1 rport 5000'),
    end('A', 'candidate:3 1 tcp 1518280447 10.0.0.1 9 typ host tcptype active'),
    end('A', 'candidate:4 1 udp 2122262783 2001:db8::1 5002 typ host'),
    end('A', 'candidate:5 2 udp 2122260222 10.0.0.1 5001 typ host'),
  ];
  const remote = [
    end('B', 'candidate:7 1 udp 2122260223 192.168.1.9 6000 typ host'),
    end('B', 'candidate:8 1 tcp 1518280447 192.168.1.9 9 typ host tcptype active'),
    end('B', 'candidate:9 1 udp 2113937151 b.local 6001 typ host'),
  ];
  const pairs = predictPairs(local, remote, true);

  it('an mDNS host libwebrtc wrote pairs with its own family only: the precedence in its priority says which (candidates audit: a Chrome 149 dump\'s second mDNS host, precedence 20, paired with IPv4 hosts)', () => {
    const mdns = [
      end('A', 'candidate:636006834 1 udp 2113937151 154f4766-df76-4da6-a2f8-d90079b1d9ad.local 49880 typ host'),
      end('A', 'candidate:3907271877 1 udp 2113934591 2dc2ae4d-f1e8-4b90-92e4-b29873fcc8d8.local 49881 typ host'),
    ];
    const four = [end('B', 'candidate:1 1 udp 2130706431 192.168.1.51 8555 typ host')];
    const six = [end('B', 'candidate:2 1 udp 2130706431 2001:db8::9 8555 typ host')];
    const verdicts = (remote: typeof four) => predictPairs(mdns, remote, true).map((p) => [p.local.candidate.port, p.viable, p.reason ?? '']);
    const withFour = verdicts(four);
    expect(withFour.map(([port, viable]) => [port, viable])).toEqual([[49880, true], [49881, false]]);
    expect(withFour[1]![2]).toBe('address families differ (ipv6 ↔ ipv4): the mDNS name 2dc2ae4d….local hides an IPv6 address (libwebrtc\'s address precedence 20 in its priority)');
    expect(verdicts(six).map(([port, viable]) => [port, viable])).toEqual([[49880, false], [49881, true]]);
    // A name with no libwebrtc layout (another stack's) still pairs with either.
    expect(predictPairs([end('A', 'candidate:1 1 udp 2130706431 x.local 5000 typ host')], four, true)[0]!.viable).toBe(true);
  });
  it('prunes local srflx candidates (replaced by their base, RFC 8445 §6.1.2.4)', () => {
    expect(pairs.some((p) => p.local.candidate.type === 'srflx')).toBe(false);
    const [p] = predictPairs([remote[0]!], [local[1]!], true);
    expect(p!.remote.candidate.type).toBe('srflx');
  });

  it('prunes a pair whose remote candidate is another\'s transport address with the same local base, keeping the higher priority (RFC 8445 §6.1.2.4; SDP audit: an IPv6 srflx equal to its host paired twice)', () => {
    const v6 = [
      end('B', 'candidate:1 1 udp 2122262783 2001:db8::9 60478 typ host'),
      end('B', 'candidate:2 1 udp 1686055167 2001:db8::9 60478 typ srflx raddr 2001:db8::9 rport 60478'),
      end('B', 'candidate:3 1 udp 1686055166 2001:db8::9 60479 typ srflx raddr 2001:db8::9 rport 60478'),
    ];
    const got = predictPairs([local[3]!], v6, true);
    expect(got.map((p) => `${p.remote.candidate.type} ${p.remote.candidate.port}`)).toEqual(['host 60478', 'srflx 60479']);
    expect(got.map((p) => p.order)).toEqual([1, 2]);
  });

  it('a TCP passive and an so candidate at one address are two, neither pruned; an empty sdpMid names no m-line (audit of the change)', () => {
    const active = end('A', 'candidate:1 1 tcp 1518280447 10.0.0.1 9 typ host tcptype active');
    const got = predictPairs([active], [end('B', 'candidate:2 1 tcp 1518280447 198.51.100.9 49228 typ host tcptype passive'), end('B', 'candidate:3 1 tcp 1518280446 198.51.100.9 49228 typ host tcptype so')], true);
    expect(got.map((p) => [p.remote.candidate.tcpType, p.viable])).toEqual([['passive', true], ['so', false]]);
    const empty = predictPairs([{ ...local[0]!, mid: '0' }], [{ ...remote[0]!, mid: '' }], true);
    expect(empty).toHaveLength(1);
  });

  it('pairs per component and transport only', () => {
    expect(pairs.every((p) => p.local.candidate.component === p.remote.candidate.component && p.local.candidate.transport === p.remote.candidate.transport)).toBe(true);
    expect(pairs.some((p) => p.local.candidate.component === 2)).toBe(false);
  });

  it('orders viable pairs by priority and numbers them', () => {
    const viable = pairs.filter((p) => p.viable);
    expect(viable.map((p) => p.order)).toEqual(viable.map((_, i) => i + 1));
    for (let i = 1; i < viable.length; i++) expect(viable[i - 1]!.priority >= viable[i]!.priority).toBe(true);
    expect(viable[0]!.local.candidate.foundation).toBe('1');
  });

  it('says why a pair cannot work', () => {
    const reasons = pairs.filter((p) => !p.viable).map((p) => p.reason);
    expect(reasons).toContain('address families differ (ipv6 ↔ ipv4)');
    expect(reasons).toContain('tcptype active ↔ active cannot connect (active→passive or so↔so)');
  });

  it('keeps mDNS pairs, noting they need the name resolved on the same link', () => {
    const m = pairs.find((p) => p.remote.candidate.address === 'b.local' && p.local.candidate.foundation === '1')!;
    expect([m.viable, m.reason]).toEqual([true, 'needs the mDNS name resolved: same link only']);
  });

  it('this side\'s own mDNS host needs no resolving here: the other side learns its address from the checks (candidates audit: "needs the mDNS name resolved" of an agent\'s own name)', () => {
    const own = predictPairs([end('A', 'candidate:1 1 udp 2122260223 a.local 5000 typ host')], [end('B', 'candidate:2 1 udp 2122260223 10.0.0.2 6000 typ host')], true);
    expect([own[0]!.viable, own[0]!.reason]).toEqual([true, 'this side\'s own mDNS host: the other side learns its address from the checks it receives (peer-reflexive), no resolving needed here']);
  });

  it('pairs candidates of the same m-line only, when their sdpMid is known', () => {
    const l = [{ ...end('A', 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host'), mid: '0' }, { ...end('A', 'candidate:2 1 udp 2122260223 10.0.0.1 5002 typ host'), mid: '1' }];
    const r = [{ ...end('B', 'candidate:7 1 udp 2122260223 192.168.1.9 6000 typ host'), mid: '0' }];
    expect(predictPairs(l, r, true).map((p) => p.local.candidate.port)).toEqual([5000]);
    expect(predictPairs(l, [{ ...r[0]!, mid: null }], true)).toHaveLength(2);
  });

  it('uses the controlled side\'s priority as D', () => {
    const [p] = predictPairs([local[0]!], [remote[0]!], false);
    expect(BigInt(p!.priority)).toBe(pairPriority(remote[0]!.candidate.priority, local[0]!.candidate.priority));
  });

  it('pairs TCP active with passive and link-local only with a warning', () => {
    const [ok] = predictPairs([end('A', 'candidate:3 1 tcp 1518280447 10.0.0.1 9 typ host tcptype active')], [end('B', 'candidate:8 1 tcp 1518280447 192.168.1.9 443 typ host tcptype passive')], true);
    expect(ok!.viable).toBe(true);
    const [ll] = predictPairs([end('A', 'candidate:1 1 udp 1 fe80::1 1 typ host')], [end('B', 'candidate:2 1 udp 1 2001:db8::2 2 typ host')], true);
    expect([ll!.viable, ll!.reason]).toEqual([false, 'a link-local address pairs only with a link-local one, on the same link']);
  });
});

describe('predictPairs: addresses no interface has (candidates audit of 2026-12-05)', () => {
  const l = end('A', 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host');
  it.each([
    ['candidate:8 1 udp 2130706431 0.0.0.0 5000 typ host', /0\.0\.0\.0 is the unspecified address: no interface has it/],
    ['candidate:7 1 udp 2130706431 239.1.1.1 5000 typ host', /239\.1\.1\.1 is a multicast address/],
    ['candidate:6 1 udp 41885439 10.0.0.9 0 typ relay raddr 203.0.113.1 rport 5000', /port 0 at 10\.0\.0\.9: nothing can be sent there/],
  ])('%s cannot be paired (it was a viable pair)', (line, why) => {
    const [p] = predictPairs([l], [end('B', line)], true);
    expect(p!.viable).toBe(false);
    expect(p!.reason).toMatch(why);
  });
  it('link-local with link-local is viable on one link, as an mDNS pair is; a host name is resolved, not unusable', () => {
    const [ll] = predictPairs([end('A', 'candidate:1 1 udp 2122262783 fe80::1 5000 typ host')], [end('B', 'candidate:2 1 udp 2122262783 fe80::2 6000 typ host')], true);
    expect([ll!.viable, ll!.reason]).toEqual([true, 'link-local on both ends: works only on the same link']);
    const [named] = predictPairs([l], [end('B', 'candidate:3 1 udp 2122260223 b.example.com 6000 typ host')], true);
    expect([named!.viable, named!.reason]).toEqual([true, 'needs the host name resolved']);
  });
});
