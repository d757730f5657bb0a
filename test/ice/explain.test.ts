/**
 * The verdicts on real dumps: public ones (Chrome 99/142/147, Firefox 118 through jitsi) and the
 * lab's (Chromium 156's own webrtc-internals and rtcstats exports of failures made on purpose,
 * src/lab/ice-scenarios.ts); each verdict code on at least one.
 */
import { readFileSync } from 'node:fs';
import { peerConnectionFromStats, readStatsDump, type StatsHistory } from '../../src/ice/dump.js';
import { explainCandidateError, explainIce, ICE_VERDICTS, type IceReport, type IceVerdictCode } from '../../src/ice/explain.js';
import { dumpText } from '../support/dumps.js';

const reports = (name: string): IceReport[] => readStatsDump(dumpText(name)).peerConnections.map(explainIce);
const lab = (scenario: string) => [`lab/${scenario}__webrtc_internals_dump.gz`, `lab/${scenario}__rtcstats_dump.gz`];

describe('explainIce on real dumps', () => {
  it.each([
    ...lab('turn-tcp-only').map((f) => [f, 'connected'] as const),
    ...lab('lost-mid-call').map((f) => [f, 'connected-then-lost'] as const),
    ...lab('udp-blocked-no-turn').map((f) => [f, 'checks-unanswered'] as const),
    ...lab('relay-only-wrong-password').map((f) => [f, 'no-local-candidates'] as const),
    ...lab('candidates-not-signaled').map((f) => [f, 'no-remote-candidates'] as const),
    ...lab('candidates-refused').map((f) => [f, 'remote-candidates-refused'] as const),
    ...lab('mdns-unresolved').map((f) => [f, 'remote-candidates-unresolved'] as const),
    ...lab('dump-while-checking').map((f) => [f, 'still-checking'] as const),
    ...lab('remote-private-only').map((f) => [f, 'remote-unreachable'] as const),
    ...lab('answer-refused').map((f) => [f, 'not-negotiated'] as const),
    ...lab('no-nomination-chromium').map((f) => [f, 'dtls-failed'] as const),
    ['lab/no-nomination__about_webrtc_report.json', 'no-nomination'],
    ['lab/firefox-udp-blocked-no-turn__about_webrtc_report.json', 'checks-unanswered'],
    ['lab/firefox-turn-tcp-only__about_webrtc_report.json', 'connected'],
    ['lab/nomination-control__about_webrtc_report.json', 'dtls-failed'],
    ['xuyu130-webrtc__webrtc_internals_dump.txt', 'connected'],
    ['jitsi-rtcstats-server__firefox-relay', 'connected'],
    ['hush_fm__webrtc_internals_dump.txt', 'no-local-candidates'],
    ['jitsi-rtcstats-server__chrome-standard-pc-failed', 'dtls-failed'],
    ['staal0-mammotion__chrome149_go2rtc_excerpt.txt', 'connected'],
    ['audit/fqdn-only-failed__webrtc_internals_dump.gz', 'remote-candidates-unresolved'],
    // A getStats() result as [{key, value}] objects (ICE audit: NOT_A_DUMP).
    ['mypurecloud-stats-gatherer__chrome78_key_value_entries_excerpt.json', 'connected'],
  ] as [string, IceVerdictCode][])('%s: %s', (file, code) => {
    const r = reports(file)[0]!;
    expect(r.verdict.code).toBe(code);
    expect(r.verdict.action).toBe(ICE_VERDICTS[code].action);
    expect(r.verdict.evidence.length).toBeGreaterThan(0);
  });

  it('the other side offered its private address only (B without STUN or TURN, A with both): remote-unreachable, the fix on that side (ICE audit: it had read as NAT filtering, TURN advised); both sides inside: the checks-unanswered verdict, the fact said', () => {
    for (const file of lab('remote-private-only')) {
      const r = reports(file)[0]!;
      expect(r.verdict.message).toBe('The other side offered only private addresses (10.0.2.2), no srflx and no relay: nothing outside its network can reach them.');
      expect(r.verdict.evidence).toContain('this side\'s TURN relay reaches a private address only from inside that network (a TURN server there, whose denied-peer-ip rules then decide)');
      // The lab's two LANs are both in 10/8: said, a routed network between them not ruled out.
      expect(r.verdict.evidence).toContain('this side has an address in the same private block (10.0.0.0/8): if the two are on one routed network after all, the checks were dropped on it (a firewall), and it is not the addresses');
    }
    // The audit of the change's variants: one link, one ULA site, a TURN server inside the other network, this side behind a CGN: not this verdict.
    for (const f of ['remote-link-local-both', 'remote-ula-same-site', 'remote-private-relay', 'local-cgn-srflx-only']) expect([f, reports(`audit/${f}__webrtc_internals_dump.gz`)[0]!.verdict.code]).not.toEqual([f, 'remote-unreachable']);
    const both = reports('lab/udp-blocked-no-turn__webrtc_internals_dump.gz')[0]!;
    expect(both.verdict.evidence).toContain('the other side\'s candidates are all inside its network too (10.0.2.2; no srflx, no relay): neither side has an address the other can reach');
  });

  it('a getStats() result as {key, value} objects with other members beside them is read too (audit of the change: NOT_A_DUMP)', () => {
    const entries = JSON.parse(dumpText('mypurecloud-stats-gatherer__chrome78_key_value_entries_excerpt.json')) as { key: string; value: unknown }[];
    const more = JSON.stringify(entries.map((e, i) => ({ ...e, index: i })));
    expect(readStatsDump(more).peerConnections.map(explainIce)[0]!.verdict.code).toBe('connected');
  });
  it('pion\'s pair stats alone, every counter 0 and a succeeded state (pion#2578, one pair of a cut map): success-unconfirmed, not no-nomination (ICE audit)', () => {
    const text = readFileSync(new URL('../fixtures/logs/pion-webrtc-2578-stats-pair.json', import.meta.url), 'utf8');
    const r = readStatsDump(text).peerConnections.map(explainIce)[0]!;
    expect(r.verdict.code).toBe('success-unconfirmed');
    expect(r.verdict.evidence.at(-1)).toMatch(/the stats count no check, response or byte on any pair \(a stack that does not count them\), and hold no transport or ICE state: whether nomination was due cannot be told$/);
  });

  it('TURN over TCP: the selected pair, its relay protocol and server, and every direct pair unanswered', () => {
    const r = reports('lab/turn-tcp-only__webrtc_internals_dump.gz')[0]!;
    expect(r.verdict.message).toMatch(/^ICE connected through a TURN relay over TCP via turn:203\.0\.113\.10:3478\?transport=tcp: no direct pair succeeded/);
    expect(r.selectedPair!.local).toMatchObject({ type: 'relay', relayProtocol: 'tcp', url: 'turn:203.0.113.10:3478?transport=tcp' });
    expect(r.configuration!['iceServers']).toEqual(expect.any(Array));
  });

  it('getStats saved as JSON (no SDP in it) whose transport went checking → failed: ICE ran, so not "not-negotiated" (README walk)', () => {
    const snap = (t: number, state: string) => [{ id: 'T01', type: 'transport', timestamp: t, iceState: state, dtlsState: 'new' }, { id: 'L_h', type: 'local-candidate', timestamp: t, transportId: 'T01', candidateType: 'host', address: '10.0.0.2', port: 5000, protocol: 'udp', priority: 2122260223 }];
    const r = readStatsDump(JSON.stringify([snap(1780000000000, 'checking'), snap(1780000001000, 'failed'), snap(1780000002000, 'failed')])).peerConnections.map(explainIce)[0]!;
    expect(r.verdict.code).toBe('no-remote-candidates');
  });

  describe('the ICE audit of 2026-12-06 (a real Chrome 149 call to go2rtc)', () => {
    it('remote candidates that are DNS names and no pair: the names never resolved (it was "checks unanswered, configure TURN", with no check in the dump)', () => {
      const r = reports('audit/fqdn-only-failed__webrtc_internals_dump.gz')[0]!;
      expect(r.verdict.message).toBe('The remote candidates are host names (bleialf.at) that never resolved here, and the other side sent nothing else.');
      expect(r.verdict.evidence).toEqual(['every remote candidate is a DNS name (bleialf.at) and no pair was formed: the names did not resolve here']);
      expect(r.verdict.action).toMatch(/A DNS name \(a server announcing its host name\) must resolve from this side/);
    });
    it('a public host address the server announces is said to be one (not "the machines\' own"), and a selected pair the stats do not name is said to be taken', () => {
      const r = reports('staal0-mammotion__chrome149_go2rtc_excerpt.txt')[0]!;
      expect(r.verdict.evidence[0]).toMatch(/^selected pair \(no transport stats name one: the nominated pair that carried the most bytes\): srflx udp 81\.217\.27\.201:49880 ↔ srflx udp 81\.217\.27\.201:38454, RTT 3 ms/);
      expect(r.verdict.evidence[1]).toBe('2 host↔host pairs (the direct path between the addresses each side announced as its own) sent 25 checks and got no answer: a firewall on one of the hosts, or no route between them; 81.217.27.201:8555 is a public address the other side announces as a host candidate (a server\'s configured public IP, behind a port forward that did not carry the checks); the call took srflx udp 81.217.27.201:49880 ↔ srflx udp 81.217.27.201:38454 instead');
      expect(r.verdict.evidence[2]).toMatch(/NAT hairpinning/);
    });
  });

  describe('the ICE audit of 2026-12-07: checks unanswered, said as what each case shows', () => {
    const one = (name: string) => reports(`audit/${name}`)[0]!;
    it('a public host, IPv4 or IPv6, with no srflx is no sign of UDP blocked: its srflx is itself (RFC 8445 §5.1.3)', () => {
      for (const [name, address] of [['public-v4-failed__webrtc_internals_dump.gz', '198.51.100.7'], ['ipv6-failed__webrtc_internals_dump.gz', '2001:db8::2']] as const) {
        const r = one(name);
        expect(r.verdict.code).toBe('checks-unanswered');
        expect(r.verdict.evidence).toContain(`no local srflx, as expected: this side has a public host address (${address}), which is its own mapping, and a browser drops a srflx equal to a host candidate (RFC 8445 §5.1.3)`);
        expect(r.verdict.evidence.join('\n')).not.toMatch(/UDP is blocked/);
      }
    });
    it('checks of the other side that came in on the pair: the path works both ways, and the advice is credentials, not TURN', () => {
      const r = one('getstats-oneway__getstats.json');
      expect(r.verdict.code).toBe('checks-unanswered');
      expect(r.verdict.message).toMatch(/though the other side's checks came in on 1 of them \(25 received, 25 answered here\): the path carries packets both ways/);
      expect(r.verdict.action).toMatch(/^The path works both ways, so TURN is not what is missing\. .*ICE credentials do not match/);
    });
    it('a TURN server that refused the credentials (401): fix them, not "configure a TURN relay"', () => {
      const r = one('turn-401-failed__webrtc_internals_dump.gz');
      expect(r.verdict.message).toMatch(/refused this side's credentials \(401 from turn:198\.51\.100\.10:3478\?transport=udp\)/);
      expect(r.verdict.action).toMatch(/^Fix the TURN credentials: the server answered 401 Unauthorized \(RFC 8489 §9\.2\)/);
    });
    it('the audit of these words (fix audit): each said only where it holds', () => {
      // A public IPv6 host beside a private IPv4 one: the IPv4 one would have had a srflx.
      expect(one('d1-public6-private4__webrtc_internals_dump.gz').verdict.evidence.join('\n')).not.toMatch(/as expected/);
      // Two dual-stack sides: no "share no address family".
      const both = one('e2-both-families-both-sides__webrtc_internals_dump.gz').verdict;
      expect(both.message).toBe('No local candidate can pair with the remote ones: no transport and address family in common (each side\'s are in the evidence).');
      expect(both.action).toMatch(/^Candidates pair only on one transport within one address family/);
      // A 401 beside pairs only with mDNS names: one link first (a relay would only go around it).
      expect(one('a4-401-mdns__webrtc_internals_dump.gz').verdict.action).toMatch(/^On one link, no NAT/);
      // One mDNS pair among srflx pairs: not said to be one link.
      expect(one('c2-mdns-plus-srflx-checked__webrtc_internals_dump.gz').verdict.message).not.toMatch(/mDNS/);
      // The other side's checks in, none answered here: each refuses the other's.
      const b2 = one('b2-bothways-unanswered-here__webrtc_internals_dump.gz').verdict;
      expect(b2.message).toMatch(/\(25 received, 0 answered here\): .*, as this side refused the other's\.$/);
      expect(b2.action).toMatch(/Each side refuses the other's checks/);
    });
    it('an rtcstats dump over 1 MiB with a cut line (an odd quote) is read line by line, not refused as nested (fix audit)', () => {
      const dump = readStatsDump(dumpText('audit/rs-cut-pad2__rtcstats_dump.gz'));
      expect(dump.notes).toEqual([expect.stringMatching(/^1 line\(s\) that are not JSON were skipped \(the first: line 7\)/)]);
      expect(dump.peerConnections.length).toBeGreaterThan(0);
    });
    it('pairs with the other side\'s mDNS names: one link, no NAT; the same for the earlier audit\'s lab dump', () => {
      for (const name of ['mdns-only-failed__webrtc_internals_dump.gz', 'mdns-pair-formed-failed-30s__webrtc_internals_dump.gz']) {
        const r = one(name);
        expect(r.verdict.code).toBe('checks-unanswered');
        expect(r.verdict.message).toMatch(/to the other side's mDNS \(\.local\) names and none was answered: the names resolved, so both hosts are on one link/);
        expect(r.verdict.action).toMatch(/^On one link, no NAT: allow UDP between the two hosts/);
      }
    });
  });

  describe('the ICE audit of 2026-12-05: verdicts and words that were wrong', () => {
    const one = (name: string) => reports(`audit/${name}`)[0]!;
    it('a pair formed on an mDNS name proves it resolved: failed after 30 s is checks-unanswered, 2 s in is still-checking (both were "never resolved")', () => {
      expect(one('mdns-pair-formed-failed-30s__webrtc_internals_dump.gz').verdict.code).toBe('checks-unanswered');
      expect(one('mdns-pair-formed-checking-2s__webrtc_internals_dump.gz').verdict.code).toBe('still-checking');
      // Without a pair, the lab's mDNS call is still unresolved; with a pair to a prflx only (a check taught it), too.
      expect(reports('lab/mdns-unresolved__webrtc_internals_dump.gz')[0]!.verdict.code).toBe('remote-candidates-unresolved');
      expect(one('mdns-prflx-pair__webrtc_internals_dump.gz').verdict.code).toBe('remote-candidates-unresolved');
    });
    it('relay pairs unanswered under a relay-only policy: relay-unanswered, not "configure a TURN relay", and no "UDP is blocked" from a missing srflx', () => {
      const r = one('relay-pairs-unanswered__webrtc_internals_dump.gz');
      expect(r.verdict.code).toBe('relay-unanswered');
      expect(r.verdict.message).toBe('Connectivity checks went out on 8 pair(s), through this side\'s TURN relay too, and none was answered: a relay was there and did not carry the checks.');
      expect(r.verdict.action).toBe(ICE_VERDICTS['relay-unanswered'].action);
      const evidence = r.verdict.evidence.join('\n');
      expect(evidence).toContain('iceTransportPolicy is "relay"');
      expect(evidence).not.toMatch(/UDP is blocked/);
    });
    it('every pair failed with one check answered: said so, not "nothing got through"', () => {
      const r = one('all-failed-but-answered__webrtc_internals_dump.gz');
      expect(r.verdict.message).toBe('Every candidate pair failed (12), those through a TURN relay too: 1 check was answered, yet no pair held (answers that stopped, or came too late).');
    });
    it('rtcstats file format 3 with protocol compressed to 116: read, so stats and signalled candidates merge (11 and 9 candidates, each ?/udp, before)', () => {
      const r = one('rtcstats-format3-protocol__rtcstats_dump.gz');
      expect([r.localCandidates.length, r.remoteCandidates.length]).toEqual([6, 5]);
      expect(r.localCandidates.every((c) => c.protocol === 'udp' || c.protocol === 'tcp')).toBe(true);
      expect(r.verdict.code).toBe('connected-then-lost');
    });
    it('a browser that does not count checks: "checks not counted", not "0 checks sent"', () => {
      const r = one('firefox-no-counts__about_webrtc_report.json');
      expect(r.verdict.evidence.join('\n')).toContain('1 pair(s), checks not counted by the browser');
      expect(r.verdict.evidence.join('\n')).not.toMatch(/0 checks sent/);
    });
  });

  describe('the second ICE audit of 2026-12-05: a public Chrome 86 dump and dumps edited from the lab\'s', () => {
    const one = (name: string) => reports(`audit/${name}`)[0]!;
    it('a real Chrome 86 call that connected: camel-case events, enum states and text candidate errors read (it was no-local-candidates, six "? the server failed")', () => {
      const r = reports('andreiden-webrtc-stats-parser__chrome86_excerpt.json')[0]!;
      expect(r.verdict.code).toBe('connected');
      expect(r.localCandidates.length).toBe(13);
      expect(r.states.signaling.map((x) => x.state)).toEqual(['have-local-offer', 'stable']);
      expect(r.states.ice.map((x) => x.state)).toEqual(['checking', 'connected']);
      expect(r.states.connection.map((x) => x.state)).toEqual(['connecting', 'connected']);
      expect(r.candidateErrors.map((e) => [e.errorCode, e.url])).toEqual([
        [701, 'stun:18.132.95.233:3478'],
        [701, 'stun:18.132.95.233:3478'],
        [701, 'stun:stun.l.google.com:19302'],
        [701, 'stun:stun.l.google.com:19302'],
        [701, 'turn:18.132.95.233:3478?transport=udp'],
        [701, 'turn:18.132.95.233:3478?transport=udp'],
      ]);
      expect(r.candidateErrors[0]!.hostCandidate).toBe('192.168.195.x:64818');
      expect(r.candidateErrors[0]!.errorText).toBe('STUN allocate request timed out.');
      // The server gave a relay candidate all the same (its address 18.132.95.233): up, only not from those two interfaces (third ICE audit: "the server is down").
      expect(r.candidateErrors[0]!.explanation).toBe('stun:18.132.95.233:3478 did not answer from 192.168.195.x:64818 (701: STUN allocate request timed out.), while a relay candidate at its address (18.132.95.233) came from the same server over the same transport: it is up and reachable from another interface; harmless (this interface has no route to it: an IPv6, VPN or container interface, for one)');
      // Google's STUN: no URL on Chrome 86's srflx, but the interface that got it sent no 701 (dumps audit: "the server is down").
      expect(r.candidateErrors[2]!.explanation).toBe('stun:stun.l.google.com:19302 did not answer from 192.168.195.x:64818 (701: STUN allocate request timed out.), while the interface 10.1.10.121, from which no such error came, got a srflx candidate (its server not named in the stats): a STUN server answered there, likely this one; harmless if so (this interface has no route to it: a VM\'s host-only adapter, a VPN or a container interface, for one)');
      expect(r.candidateErrors[4]!.explanation).toMatch(/^turn:18\.132\.95\.233:3478\?transport=udp did not answer from 192\.168\.195\.x:64818 .*, while a relay candidate at its address/);
    });
    it('stats series without statsType (Chrome 86\'s shape) are typed from libwebrtc\'s ids: the same report as the lab dump they were made from', () => {
      const typed = reports('lab/lost-mid-call__webrtc_internals_dump.gz')[0]!;
      const untyped = one('no-stats-type__webrtc_internals_dump.gz');
      expect(untyped.verdict).toEqual(typed.verdict);
      expect(untyped.pairs.length).toBe(typed.pairs.length);
      expect(untyped.pairs.map((p) => [p.state, p.requestsSent, p.responsesReceived, p.selected])).toEqual(typed.pairs.map((p) => [p.state, p.requestsSent, p.responsesReceived, p.selected]));
      expect([untyped.localCandidates.length, untyped.remoteCandidates.length]).toEqual([typed.localCandidates.length, typed.remoteCandidates.length]);
    });
    it('ICE failed, one pair answered then failed, one left in progress: no pair succeeded, relay-unanswered (it was no-nomination, "it should have nominated a succeeded pair")', () => {
      const r = one('failed-one-answered-one-in-progress__webrtc_internals_dump.gz');
      expect(r.verdict.code).toBe('relay-unanswered');
      expect(r.verdict.message).toBe('No candidate pair succeeded (12), those through a TURN relay too: 1 check was answered, yet no pair held (answers that stopped, or came too late).');
      expect(r.verdict.evidence[0]).toBe('ICE failed with no pair succeeded: 11 of 12 pair(s) failed, the others left in-progress (50 checks sent, 1 answered)');
    });
    it('state events stored out of time order: the verdict of the states in time order (it was connected, while the timeline ended disconnected)', () => {
      const r = one('lost-mid-call-events-out-of-order__webrtc_internals_dump.gz');
      expect(r.verdict.code).toBe('connected-then-lost');
      expect(r.states.ice.map((x) => x.state)).toEqual(reports('lab/lost-mid-call__webrtc_internals_dump.gz')[0]!.states.ice.map((x) => x.state));
    });
    it('an errorCode of 701.5 is an unknown code, not an unreadable dump (exit 2 before)', () => {
      const r = one('error-code-fraction__webrtc_internals_dump.gz');
      expect(r.candidateErrors.map((e) => e.errorCode)).toEqual([null]);
      expect(r.verdict.code).toBe('connected');
    });
    it('IPv6 local against IPv4 remote candidates: the families do not match (it was checks-unanswered, "a firewall"); IPv6 in brackets', () => {
      const r = one('ipv6-local-ipv4-remote__webrtc_internals_dump.gz');
      expect(r.verdict.code).toBe('no-local-candidates');
      // Each side's family, in its place (ICE audit of 2026-12-07: "IPv4 against IPv6" of an IPv6 side), and what to do about it.
      expect(r.verdict.message).toBe('No local candidate can pair with the remote ones: their address families do not match (this side IPv6, the other side IPv4).');
      expect(r.verdict.action).toMatch(/^The two sides share no address family/);
      expect(r.verdict.evidence[0]).toBe('local candidates: udp IPv6, tcp active IPv6; remote: udp IPv4, tcp active IPv4: no local candidate can pair with a remote one (same transport and address family; TCP active only with passive)');
      expect(r.timeline.map((e) => e.text)).toContain('local candidate host udp [2001:db8::2]:41580');
    });
    it('a remote offer refused (setRemoteDescriptionOnFailure): its new ufrag is no ICE restart (it counted one)', () => {
      const r = one('refused-remote-offer-new-ufrag__webrtc_internals_dump.gz');
      expect(r.restarts).toBe(0);
      expect(r.timeline.some((e) => e.kind === 'restart')).toBe(false);
      expect(r.timeline.some((e) => /setRemoteDescriptionOnFailure/.test(e.text))).toBe(true);
    });
    it('Firefox: a description sdpHistory keeps with errors was refused: its error is the failure, it is not set and its candidate not delivered', () => {
      const r = one('firefox-remote-refused__about_webrtc_report.json');
      expect(r.verdict.code).toBe('not-negotiated');
      expect(r.verdict.evidence).toContain('no remote description was set');
      expect(r.verdict.evidence).toContain('setRemoteDescription failed: line 5: Invalid description, no ice-ufrag attribute');
    });
    it('connected after an 8 s outage: the outage is evidence (it was only in the timeline)', () => {
      const r = one('transient-disconnect__webrtc_internals_dump.gz');
      expect(r.verdict.code).toBe('connected');
      expect(r.verdict.evidence).toContain('ICE disconnected at +2.6s for 8.0 s, then connected again');
    });
    it('counts the browser does not keep are not 0, and consent requests are said apart (Firefox 118: "0 responses" on a pair of 3 MB; Chrome 99: "1 sent, 28 received")', () => {
      const ff = reports('jitsi-rtcstats-server__firefox-relay')[0]!;
      expect(ff.verdict.evidence[0]).toMatch(/, responses not counted by the browser$/);
      expect(ff.pairs.find((p) => p.selected)).toMatchObject({ responseCountsReported: false });
      const [pc0] = reports('jitsi-rtcstats-server__chrome-standard-pc-failed');
      expect(pc0!.verdict.evidence[0]).toMatch(/, 1 request sent \(and 27 consent requests, counted apart\), 28 responses received$/);
    });
    it('Chromium counts consent requests in requestsSent since a version between 99 and 144: told from the dump (Chrome 144 and 156 read as "26 requests sent (and 25 consent requests, counted apart)": dumps audit); Chrome 87 and 99 apart; Safari\'s uncounted consent is –, not 0', () => {
      const c144 = reports('metaversejs-peercompute__chrome144_pc36-54_excerpt.json')[0]!;
      expect(c144.consentCounting).toBe('included');
      expect(c144.verdict.evidence[0]).toMatch(/, 26 requests sent \(25 of them consent requests\), 3 responses received$/);
      expect(reports('staal0-mammotion__chrome149_go2rtc_excerpt.txt')[0]!.consentCounting).toBe('included');
      expect(reports('lab/lost-mid-call__webrtc_internals_dump.gz')[0]!.consentCounting).toBe('included');
      expect(reports('pexip-peer-connection-stats__chrome87_multiple.json')[0]!.consentCounting).toBe('apart');
      expect(reports('jitsi-rtcstats-server__chrome99-undefined-ice-candidate_excerpt')[0]!.consentCounting).toBe('apart');
      const safari = reports('jitsi-rtcstats-server__safari17-relay_excerpt')[0]!;
      expect(safari.consentCounting).toBeNull();
      expect(safari.pairs.find((p) => p.selected)).toMatchObject({ requestCountsReported: true, consentCountReported: false });
    });
    it('an unbundled call\'s transports each have their selected pair: no change (Chrome 87, two transports: "changed 1 time"; dumps audit)', () => {
      const r = reports('pexip-peer-connection-stats__chrome87_multiple.json')[0]!;
      expect(new Set(r.selectedPairChanges.map((c) => c.transportId))).toEqual(new Set(['RTCTransport_0_1', 'RTCTransport_1_1']));
      expect(r.selectedPairChanges).toHaveLength(2);
      expect(r.verdict.code).toBe('connected');
      expect(r.verdict.evidence.join('\n')).not.toMatch(/selected pair changed/);
    });
    it('DTLS closed by the other side, then ICE disconnected: closed-by-peer, not a lost path (Chrome 144, a mesh peer that closed; dumps audit)', () => {
      const r = reports('metaversejs-peercompute__chrome144_pc36-54_excerpt.json')[0]!;
      expect(r.verdict.code).toBe('closed-by-peer');
      expect(r.verdict.message).toBe('The other side closed the connection: DTLS closed by +1.0s (close_notify); ICE went disconnected as the other side stopped answering.');
      expect(r.verdict.evidence).toContain('ICE state disconnected at +6.5s, after the DTLS session had ended: the other side no longer answers consent checks');
    });
    it('connected to ICE only, then lost: the DTLS handshake that never completed and the TURN server that gave no relay are said (Chrome 99 to a Jitsi bridge; dumps audit)', () => {
      const r = reports('jitsi-rtcstats-server__chrome99-undefined-ice-candidate_excerpt')[0]!;
      expect(r.verdict.code).toBe('connected-then-lost');
      expect(r.verdict.evidence).toContain('the connection state never reached connected (DTLS state connecting when the dump ends): the DTLS handshake never completed, so no media or data flowed (0 bytes received on the selected pair)');
      expect(r.verdict.evidence).toContain('the configuration has TURN (turns:meet-jit-si-turnrelay.jitsi.net:443?transport=tcp), yet no relay candidate was gathered and no candidate error was reported: the TURN server was not reached, or refused the allocation, so there was no relayed path to fall back on');
      // A call that was up before it was lost says neither.
      const lost = reports('lab/lost-mid-call__webrtc_internals_dump.gz')[0]!;
      expect(lost.verdict.evidence.join('\n')).not.toMatch(/never reached connected|no relay candidate was gathered/);
    });
    it('an app\'s own getStats log with a member of its own beside the RTCStats (a robot stream\'s, keyed by type): read, the member said passed over (it was NOT_A_DUMP); its selected pair silent for 9.4 s while sending is said, not "connected" alone (ICE went disconnected 0.9 s later; real-dump audit)', () => {
      const dump = readStatsDump(dumpText('transitive__chrome111_app_logged_stats_silent_excerpt.json'));
      expect(dump.notes).toEqual(['values that are no RTCStats object (no id and type) were passed over: "tracks"']);
      const r = explainIce(dump.peerConnections[0]!);
      expect(r.verdict.code).toBe('connected');
      expect(r.verdict.message).toMatch(/, but nothing came in on it for the last 9\.4 s of the stats\.$/);
      expect(r.verdict.evidence.some((e) => e.startsWith('nothing received on the selected pair (STUN aside) for 9.4 s when the stats were taken, while this side sent on it 0.4 s before: one way only.'))).toBe(true);
      // What to do follows it, in --json as in the text (ICE audit of 2026-12-07: "Nothing to fix in ICE" beside the silence).
      expect(r.verdict.action).toMatch(/^Nothing but STUN came in on the selected pair while this side sent: the other side sent no media or data then/);
      // A call receiving all along says nothing of it.
      const edge = reports('twilio-voice.js__chrome2017_rtcstatsreport-edge.json')[0]!;
      expect([edge.verdict.code, edge.verdict.message.includes('nothing came in')]).toEqual(['connected', false]);
      expect(edge.verdict.action).toBe(ICE_VERDICTS.connected.action);
    });
    it('getStats results under one member of an app\'s record ({"callSid": …, "stats": [...]}) are read there, said (candidates sent the user to ice, which refused them; new-user audit)', () => {
      const stats = JSON.parse(dumpText('twilio-voice.js__chrome2020_rtcstatsreport-with-transport.json')) as unknown;
      const dump = readStatsDump(JSON.stringify({ callSid: 'CA0123', stats }));
      expect(dump.notes).toEqual(['the getStats results are read from the record\'s "stats" member; its other members are passed over']);
      expect(explainIce(dump.peerConnections[0]!).verdict.code).toBe('connected');
    });
    it('a transport report alone, DTLS connected and naming its selected pair: connected, the missing pair said (a Sora collector\'s record filtered by type was "not-started"; ICE audit)', () => {
      const r = reports('sora-collector__2021_transport_record.json')[0]!;
      expect(r.verdict.code).toBe('connected');
      expect(r.verdict.evidence).toEqual(['the stats hold no candidate pair and no candidate (a getStats() result filtered by type?): transport RTCTransport_data_1 names its selected pair RTCIceCandidatePair_eRplCBvi_JXPaEzOA and has DTLS connected, so ICE had connected; which path it took cannot be told without the pair\'s report']);
      // Its sibling record, the pair alone: connected through it, no "? ↔ ?".
      const pair = reports('sora-collector__2021_candidate-pair_record.json')[0]!;
      expect([pair.verdict.code, pair.verdict.message]).toEqual(['connected', 'ICE connected through pair RTCIceCandidatePair_eRplCBvi_JXPaEzOA, whose candidates the stats do not hold.']);
    });
    it('one RTCStats object alone (a waiting candidate pair, as an app logs it): read, said; still-checking with its candidates said missing, never "no local candidate was gathered" (ICE audit: NOT_A_DUMP, and in a list no-local-candidates)', () => {
      const text = dumpText('zebu-videotest__chrome80_waiting_pair.json');
      const dump = readStatsDump(text);
      expect(dump.notes).toEqual(['one RTCStats object alone (a candidate-pair report, not a whole getStats() result): read as a result of that one report; what it names (candidates, transport) is not in the input']);
      const r = explainIce(dump.peerConnections[0]!);
      expect(r.verdict.code).toBe('still-checking');
      expect(r.verdict.evidence[0]).toBe('the pair names local and remote candidates the stats do not hold (no candidate reports for them): their addresses are unknown');
      // A pair alone: "pair report only", no transport claimed (README-as-typed audit).
      expect(r.verdict.evidence).toContain('the stats hold a pair report only, no candidate (a getStats() result filtered by type?): which candidates each side had cannot be told');
      const listed = explainIce(readStatsDump(`[${text}]`).peerConnections[0]!);
      expect([listed.verdict.code, listed.verdict.evidence]).toEqual([r.verdict.code, r.verdict.evidence]);
    });
    it('records of one kind edited to fail (a pair alone, a transport alone): no claim on candidates the stats do not hold (new-user audit: "no STUN server is configured", "no local candidate was gathered")', () => {
      const pairRecord = JSON.parse(dumpText('sora-collector__2021_candidate-pair_record.json')) as { stats: Record<string, unknown>[] };
      Object.assign(pairRecord.stats[0]!, { state: 'failed', responsesReceived: 0, nominated: false });
      const pair = explainIce(readStatsDump(JSON.stringify(pairRecord)).peerConnections[0]!);
      expect(pair.verdict.code).toBe('checks-unanswered');
      expect(pair.verdict.evidence).toContain('this side\'s candidates are not in the stats: whether a relay or a srflx was among them cannot be told');
      expect(pair.verdict.evidence.join('\n')).not.toMatch(/no STUN server is configured|neither side has a TURN relay|local candidates: ;/);
      const transportRecord = JSON.parse(dumpText('sora-collector__2021_transport_record.json')) as { stats: Record<string, unknown>[] };
      const t = transportRecord.stats[0]!;
      delete t['selectedCandidatePairId'];
      Object.assign(t, { iceState: 'failed', dtlsState: 'failed' });
      const transport = explainIce(readStatsDump(JSON.stringify(transportRecord)).peerConnections[0]!);
      expect([transport.verdict.code, transport.verdict.evidence[0]]).toEqual(['checks-unanswered', 'the stats hold a transport report only, no candidate (a getStats() result filtered by type?): which candidates each side had cannot be told']);
    });
    it('a report without its timestamp beside timed ones is read, and not said passed over (new-user audit)', () => {
      const dump = readStatsDump(JSON.stringify([{ id: 'CP1', type: 'candidate-pair', localCandidateId: 'L1', remoteCandidateId: 'R1', state: 'failed', requestsSent: 3, responsesReceived: 0 }, { id: 'L1', type: 'local-candidate', timestamp: 1700000000000, candidateType: 'host', address: '10.0.0.1', port: 5000, protocol: 'udp', priority: 2122260223 }]));
      expect(dump.notes).toEqual([]);
      expect(explainIce(dump.peerConnections[0]!).pairs).toHaveLength(1);
    });
    it('getStats results two levels down in an app\'s record ({"call": {"stats": [...]}}) are read, the path said', () => {
      const stats = JSON.parse(dumpText('twilio-voice.js__chrome2020_rtcstatsreport-with-transport.json')) as unknown;
      const dump = readStatsDump(JSON.stringify({ user: 'u1', call: { sid: 'CA0123', stats } }));
      expect(dump.notes).toEqual(['the getStats results are read from the record\'s "call"."stats" member; its other members are passed over']);
      expect(explainIce(dump.peerConnections[0]!).verdict.code).toBe('connected');
    });
    it('a remote host candidate with no address in the stats (Momo\'s M88 metrics: "ip": ""): the mDNS name behind it is said, not a bare "(hidden)" (ICE audit)', () => {
      const r = reports('shiguredo-momo__m88_metrics_getstats_excerpt.json')[0]!;
      expect(r.verdict.code).toBe('connected');
      expect(r.verdict.evidence[0]).toMatch(/^a remote host candidate has no address in the stats \(port 57197\): the other side announced it as an mDNS name/);
      // A dump whose remote candidates all have their address says nothing of it.
      expect(reports('twilio-voice.js__chrome2020_rtcstatsreport-with-transport.json')[0]!.verdict.evidence.join('\n')).not.toMatch(/no address in the stats/);
    });
    it('an app\'s records of ICE reports without their timestamps: NOT_A_DUMP says where they are and what they lack (a teaching stand\'s records; ICE audit)', () => {
      expect(() => readStatsDump(dumpText('webrtc-stand__chrome153_symmetric_caller_excerpt.json'))).toThrow(/; at "caller"\."candidates" are objects with an id and an ICE stats type but no timestamp: a getStats\(\) report keeps its timestamp/);
    });
    it('Firefox\'s stats of a call through a TLS relay to an SFU, addresses masked "x.x.x.x" (jitsi rtcstats-server\'s dump): connected through prflx ↔ srflx, closed at +70.8 s', () => {
      const r = reports('jitsi-rtcstats-server__firefox97-sfu-tls-relay_excerpt')[0]!;
      expect([r.verdict.code, r.verdict.message]).toEqual(['connected', 'ICE connected through prflx udp x.x.x.x:57350 ↔ srflx udp x.x.x.x:10000.']);
      expect(r.verdict.evidence).toContain('closed at +70.8s');
    });
    it('a srflx ↔ the other side\'s TURN relay: through the other side\'s relay, not "a TURN relay via stun:…"; pairs with no check or one are not "never answered" (a Chrome 116 P2P call 0.4 s into checking; ICE audit)', () => {
      const r = reports('jitsi-rtcstats-server__chrome116-relay-p2p_pc0_excerpt_first-getstats')[0]!;
      expect(r.verdict.message).toBe('ICE connected through the other side\'s TURN relay 193.122.0.59:53579, this side\'s srflx candidate to it.');
      expect(r.verdict.evidence.join('\n')).not.toMatch(/NATs filter/);
      // Later, through this side's TLS relay, the direct pairs' checks sent again and unanswered: said.
      const later = reports('jitsi-rtcstats-server__chrome116-relay-p2p_pc0_excerpt')[0]!;
      expect(later.verdict.message).toBe('ICE connected through a TURN relay over TLS via turns:all-turnrelay.jitsi.net:443?transport=tcp: no direct pair succeeded (12 pair(s) without a relay: 0 failed, 12 unanswered).');
      const bridge = reports('jitsi-rtcstats-server__chrome117-relay_excerpt')[0]!;
      expect(bridge.verdict.message).toMatch(/^ICE connected through a TURN relay over TLS via turns:meet-jit-si-turnrelay\.jitsi\.net:443\?transport=tcp/);
    });
    it('a host↔host pair unanswered from one interface while the same remote host candidate answered from another: that interface\'s path is said to fail, not "a firewall on one of the hosts" (Twilio\'s wifi and ethernet; real-dump audit)', () => {
      const r = reports('twilio-voice.js__chrome2020_rtcstatsreport-with-transport.json')[0]!;
      expect(r.verdict.evidence.find((e) => e.includes('host↔host'))).toMatch(/^1 host↔host pair \(the direct path between the addresses each side announced as its own\) sent 15 checks and got no answer: the other side's same host candidate answered from another of this side's addresses, so this side's wifi interface had no way to it \(no route, or a firewall on it\); the call took /);
    });
    it('getStats results from before ICE began: not-started, never "no local description was set", which they cannot show (Twilio\'s pre-ice payload; ICE audit)', () => {
      const r = reports('twilio-voice.js__chrome141_rtcstatsreport-pre-ice.json')[0]!;
      expect(r.verdict.code).toBe('not-started');
      expect(r.verdict.evidence).toEqual([
        'getStats results hold no events and no descriptions: whether the offer and answer were set cannot be told from them',
        'transport T01: ICE state new',
        'a transport is in the stats: libwebrtc makes one when a description is applied, so one likely was',
        'no candidate and no candidate pair in the stats',
      ]);
      // Firefox's getStats has no transport stats: before ICE, no ICE stats at all, the same verdict (audit of the change: no-ice-data and webrtc-internals advice).
      const firefox = explainIce(peerConnectionFromStats([[{ id: 'P', type: 'peer-connection', timestamp: 1700000000000, dataChannelsOpened: 0 }, { id: 'o1', type: 'outbound-rtp', timestamp: 1700000000000, kind: 'audio', ssrc: 1 }]]));
      expect(firefox.verdict.code).toBe('not-started');
      expect(firefox.verdict.evidence).toContain('no transport in the stats (Firefox\'s getStats has none: its ICE shows in candidates and candidate pairs only)');
      // With a local candidate and no pair, it is the candidates' story, not "no candidate in the stats" (audit of the change).
      const gathered = explainIce(peerConnectionFromStats([[{ id: 'P', type: 'peer-connection', timestamp: 1700000000000 }, { id: 'L1', type: 'local-candidate', timestamp: 1700000000000, address: '192.0.2.1', port: 5000, protocol: 'udp', candidateType: 'host', priority: 2122260223 }]]));
      expect(gathered.verdict.code).toBe('no-remote-candidates');
      // Given its descriptions, the same snapshot says what they say.
      const withSdp = explainIce(peerConnectionFromStats([JSON.parse(dumpText('twilio-voice.js__chrome141_rtcstatsreport-pre-ice.json'))], { localSdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' }));
      expect(withSdp.verdict.code).not.toBe('not-started');
    });
    it('the connection state disconnected twice, then failed, with no ICE event after connected: ICE was lost, not DTLS (jitsi\'s reconnect dump; ICE audit: "dtls-failed", "the path kept working")', () => {
      const r = reports('jitsi-rtcstats-server__chrome99-pc-reconnect_excerpt').find((p) => p.id === 'PC_0')!;
      expect(r.verdict.code).toBe('connected-then-lost');
      expect(r.verdict.message).toMatch(/then the path stopped answering: disconnected, then failed\.$/);
      expect(r.verdict.evidence).toContain('the ICE state events stop at connected, but the connection state went disconnected (an ICE transport\'s state: DTLS has none) and ended failed: ICE was lost; the dump kept no later ICE event');
      expect(r.verdict.evidence.join('\n')).not.toMatch(/path kept working/);
    });
    it('candidates are told apart when addresses are redacted or one address has two priorities, and joined across the stats\' own ways of writing them (dumps audit)', () => {
      // Chrome 99 with "x.x.x.x": five TCP active hosts at port 9 were one.
      const c99 = reports('jitsi-rtcstats-server__chrome-standard-pc-failed')[0]!;
      expect(c99.localCandidates.filter((c) => c.protocol === 'tcp').map((c) => c.priority)).toEqual([1518280447, 1518214911, 1518149375, 1518083839, 1518018303]);
      // Pexip's Firefox stats: a TCP passive and an so candidate at one port are two.
      expect(reports('pexip-peer-connection-stats__firefox83.json')[0]!.remoteCandidates).toHaveLength(6);
      // Firefox 117: a TCP active candidate signaled at port 9 is the one its stats list at its socket's port.
      const ff = reports('jitsi-rtcstats-server__firefox117-relay-p2p_excerpt')[0]!;
      expect(ff.localCandidates).toHaveLength(11);
      expect(ff.localCandidates.filter((c) => c.protocol === 'tcp').every((c) => c.port === 9 && c.id !== null && c.seenIn.join() === 'event,stats')).toBe(true);
      // Safari: the relay its event names and its stats mask ("x.x.x.x") is one, its TLS from the URL.
      const safari = reports('jitsi-rtcstats-server__safari17-relay_excerpt')[0]!;
      expect(safari.localCandidates).toHaveLength(5);
      expect(safari.localCandidates.find((c) => c.type === 'relay')).toMatchObject({ address: '130.61.132.30', relayProtocol: 'tls', seenIn: ['event', 'stats'] });
      expect(safari.verdict.message).toMatch(/^ICE connected through a TURN relay over TLS via turns:/);
    });
    it('consent counting from the series, and none from a snapshot that cannot tell (audit of the change: old Chrome\'s 8 checks before an answer beside 4 consent requests were "8 requests sent (4 of them consent requests)")', () => {
      const snaps = JSON.parse(dumpText('pexip-peer-connection-stats__chrome87_multiple.json')) as Record<string, unknown>[][];
      snaps.forEach((snap, i) => {
        for (const x of snap) if (x['type'] === 'candidate-pair') Object.assign(x, { requestsSent: 8, consentRequestsSent: 2 + i });
      });
      const explain = (v: unknown) => explainIce(readStatsDump(JSON.stringify(v)).peerConnections[0]!);
      // requestsSent flat after the first response while consent requests grew: the old count.
      expect(explain(snaps).consentCounting).toBe('apart');
      // One snapshot of 8 above 4: either count; nothing claimed.
      const one = explain(snaps[2]);
      expect(one.consentCounting).toBeNull();
      expect(one.verdict.evidence[0]).toMatch(/, 8 requests sent \(consent requests: 4\), /);
    });
    it('closed-by-peer needs the selected pair\'s transport closed, and bounds the closing by the sample before it (audit of the change)', () => {
      const snaps = JSON.parse(dumpText('pexip-peer-connection-stats__chrome87_multiple.json')) as Record<string, unknown>[][];
      // A second transport closed (an unbundled presentation the far end stopped), the call going on.
      for (const x of snaps[2]!) if (x['id'] === 'RTCTransport_1_1') x['dtlsState'] = 'closed';
      expect(explainIce(readStatsDump(JSON.stringify(snaps)).peerConnections[0]!).verdict.code).toBe('connected');
      // The hang-up seen at the next sample after ICE went: still the hang-up.
      const dump = JSON.parse(dumpText('metaversejs-peercompute__chrome144_pc36-54_excerpt.json')) as { PeerConnections: Record<string, { stats: Record<string, { values: string }>; updateLog: { type: string; timestamp: number }[] }> };
      const pc = Object.values(dump.PeerConnections)[0]!;
      pc.stats['T01-dtlsState']!.values = '["connected","connected","connected","connected","connected","closed"]';
      for (const e of pc.updateLog) if (/^on(ice)?connectionstatechange$/.test(e.type) && e.timestamp > 1770144999000) e.timestamp = 1770144999367.754;
      const r = explainIce(readStatsDump(JSON.stringify(dump)).peerConnections[0]!);
      expect(r.verdict.code).toBe('closed-by-peer');
      expect(r.verdict.evidence).toContainEqual(expect.stringMatching(/^DTLS state closed between \+[\d.]+s and \+[\d.]+s \(two stats samples\)/));
    });
    it('one of two transports closed: said, the verdict the same whichever it is; a snapshot of every transport closed cannot tell who closed it; changes counted per transport (second audit of the change)', () => {
      const closing = (ids: string[]) => {
        const snaps = JSON.parse(dumpText('pexip-peer-connection-stats__chrome87_multiple.json')) as Record<string, unknown>[][];
        for (const x of snaps[2]!) if (ids.includes(x['id'] as string)) x['dtlsState'] = 'closed';
        return explainIce(readStatsDump(JSON.stringify(snaps)).peerConnections[0]!);
      };
      for (const id of ['RTCTransport_0_1', 'RTCTransport_1_1']) {
        const r = closing([id]);
        expect(r.verdict.code).toBe('connected');
        expect(r.verdict.evidence).toContainEqual(expect.stringMatching(new RegExp(`^transport ${id}'s DTLS state closed by \\+[\\d.]+s, while the other one went on`)));
      }
      const both = closing(['RTCTransport_0_1', 'RTCTransport_1_1']);
      expect(both.verdict.code).toBe('connected');
      expect(both.verdict.evidence).toContainEqual(expect.stringMatching(/^DTLS state closed when the stats were taken: .* a snapshot has no events to tell which$/));
    });
    it('getStats JSON in microseconds (native libwebrtc) reads as the same in milliseconds (it was checks-unanswered against still-checking)', () => {
      const us = one('getstats-microseconds__getstats.json');
      const ms = one('getstats-milliseconds__getstats.json');
      expect(us.verdict).toEqual(ms.verdict);
      expect(us.verdict.code).toBe('still-checking');
    });
    it('a selected pair whose candidates the dump lacks says so (it was "? ↔ ?" unsaid)', () => {
      const r = one('pair-candidates-absent__webrtc_internals_dump.gz');
      expect(r.verdict.evidence).toContain('the selected pair names candidates the dump does not hold (no candidate stats for them): their addresses are unknown');
    });
  });

  it('lost mid-call: when responses stopped on the selected pair, and the states that followed', () => {
    const r = reports('lab/lost-mid-call__webrtc_internals_dump.gz')[0]!;
    // The two responses were there at the pair's first sample, and never grew after (it said "last seen growing": audit).
    expect(r.verdict.evidence.join('\n')).toMatch(/STUN responses on the selected pair: 2 in all, all of them by the pair's first stats sample \(\+[\d.]+s\), none after/);
    expect(r.pairs.find((p) => p.selected)).toMatchObject({ responsesReceived: 2, responsesGrew: false });
    expect(r.verdict.evidence.join('\n')).toMatch(/ICE state disconnected at \+[\d.]+s/);
    expect(r.states.ice.map((s) => s.state)).toEqual(expect.arrayContaining(['checking', 'connected', 'disconnected']));
  });

  it('a wrong TURN password under a relay-only policy: the 401s explained', () => {
    const r = reports('lab/relay-only-wrong-password__webrtc_internals_dump.gz')[0]!;
    expect(r.candidateErrors.map((e) => [e.errorCode, e.url])).toEqual(expect.arrayContaining([[401, 'turn:203.0.113.10:3478?transport=udp']]));
    expect(r.candidateErrors[0]!.explanation).toMatch(/refused the credentials \(401\): wrong credentials/);
    expect(r.verdict.message).toBe('No local candidate: the policy allows relays only, and every TURN server failed.');
  });

  it('a dump of Chrome ≤ 79 (legacy getStats, no *OnSuccess events): its signaling and ICE states are proof the descriptions were set, and the legacy stats are said not read (ICE audit: "not-negotiated … ICE never started" above ICE checking → failed)', () => {
    const dump = readStatsDump(dumpText('audit/legacy-getstats-chrome70__webrtc_internals_dump.gz'));
    expect(dump.notes).toEqual([expect.stringMatching(/^the stats are the legacy getStats of Chrome before 80 .* which sdpscope does not read/)]);
    const r = explainIce(dump.peerConnections[0]!);
    expect(r.states.ice.map((x) => x.state)).toEqual(['checking', 'failed']);
    expect(r.verdict.code).not.toBe('not-negotiated');
    expect(r.verdict.code).toBe('checks-unanswered');
    // With no pair in the stats, no claim on checks sent or answered (ICE audit of 2026-12-07).
    expect(r.verdict.message).toBe('ICE failed: no pair got through; no pair stats are read from this dump, so whether checks were sent or answered is not known.');
    expect(r.verdict.action).not.toMatch(/no response came back/);
  });

  it('the transport: ICE role and the DTLS session as the stats last show them (ICE audit: read, never shown); a DTLS session the peer closed is said', () => {
    const [a, b] = reports('../../../samples/webrtc-internals-dump.json');
    expect(a!.transport).toEqual({ iceRole: 'controlling', dtlsState: 'connected', dtlsRole: 'server', tlsVersion: 'FEFC', dtlsCipher: 'TLS_AES_128_GCM_SHA256', srtpCipher: 'SRTP_AES128_CM_HMAC_SHA1_80' });
    expect(b!.transport?.iceRole).toBe('controlled');
    expect(a!.verdict.evidence.join('\n')).not.toMatch(/close_notify/);
    const dump = JSON.parse(dumpText('../../../samples/webrtc-internals-dump.json')) as { PeerConnections: Record<string, { stats: Record<string, { values: string }> }> };
    const first = Object.values(dump.PeerConnections)[0]!;
    first.stats['T01-dtlsState']!.values = '["connected","connected","closed"]';
    const closed = explainIce(readStatsDump(JSON.stringify(dump)).peerConnections[0]!);
    expect(closed.transport?.dtlsState).toBe('closed');
    expect(closed.verdict.code).toBe('closed-by-peer');
    expect(closed.verdict.message).toMatch(/^The other side closed the connection: DTLS closed by \+[\d.]+s \(close_notify\); ICE still connected when the dump ends\.$/);
  });

  it('a 701 from an IPv6 socket beside an IPv4 srflx from the same server: harmless, one interface counted or not (dump audit: Chrome 149 hides host addresses behind mDNS, and it was "the server is down"); from the same family: as before', () => {
    const withError = (address: string) => {
      const dump = JSON.parse(dumpText('lab/lost-mid-call__webrtc_internals_dump.gz')) as { PeerConnections: Record<string, { updateLog: { type: string; value: string; timestamp: number }[] }> };
      const pc = Object.values(dump.PeerConnections)[0]!;
      pc.updateLog.push({ type: 'icecandidateerror', value: JSON.stringify({ url: 'stun:203.0.113.10:3478', address, port: 49881, errorCode: 701, errorText: 'STUN binding request timed out.' }), timestamp: pc.updateLog.at(-1)!.timestamp });
      return explainIce(readStatsDump(JSON.stringify(dump)).peerConnections[0]!).candidateErrors.find((x) => x.errorCode === 701)!;
    };
    expect(withError('0:0:0:x:x:x:x:x').explanation).toBe('stun:203.0.113.10:3478 did not answer from 0:0:0:x:x:x:x:x:49881 (701: STUN binding request timed out.), while a srflx candidate came from the same server over the same transport: it is up and reachable from another interface; harmless (this interface has no route to it: an IPv6, VPN or container interface, for one)');
    expect(withError('10.0.1.x').explanation).toMatch(/did not answer \(701: STUN binding request timed out\.\): the server is down/);
  });

  it('a 701 over UDP beside a relay that came over TCP, on the only interface: UDP blocked, not "harmless" (audit of the change)', () => {
    const dump = JSON.parse(dumpText('lab/turn-tcp-only__webrtc_internals_dump.gz')) as { PeerConnections: Record<string, { updateLog: { type: string; value: string; timestamp: number }[] }> };
    const pc = Object.values(dump.PeerConnections)[0]!;
    const t = pc.updateLog.at(-1)!.timestamp;
    pc.updateLog.push({ type: 'icecandidateerror', value: JSON.stringify({ url: 'turn:203.0.113.10:3478?transport=udp', address: '10.0.1.x', port: 52602, errorCode: 701, errorText: 'TURN allocate request timed out.' }), timestamp: t });
    const r = explainIce(readStatsDump(JSON.stringify(dump)).peerConnections[0]!);
    const e = r.candidateErrors.find((x) => x.errorCode === 701)!;
    expect(e.explanation).not.toMatch(/came from the same server/);
    expect(e.explanation).toMatch(/did not answer \(701: TURN allocate request timed out\.\): the server is down/);
  });

  it('closed by the application after seconds of unanswered checks: the checks are the verdict, the close said (ICE audit: it was closed-early, the application blamed)', () => {
    const dump = JSON.parse(dumpText('lab/udp-blocked-no-turn__webrtc_internals_dump.gz')) as { PeerConnections: Record<string, { updateLog: { type: string; value: string; timestamp: number }[] }> };
    const [before] = readStatsDump(JSON.stringify(dump)).peerConnections.map(explainIce);
    // Closed 13 s after its last event (the lab's dump was taken 0.1 s after the checks began).
    for (const pc of Object.values(dump.PeerConnections)) {
      const t = pc.updateLog.at(-1)!.timestamp + 13_000;
      pc.updateLog.push({ type: 'close', value: '', timestamp: t }, { type: 'onsignalingstatechange', value: '"closed"', timestamp: t });
    }
    const [after] = readStatsDump(JSON.stringify(dump)).peerConnections.map(explainIce);
    expect(before!.verdict.code).toBe('checks-unanswered');
    expect(after!.verdict.code).toBe('checks-unanswered');
    expect(after!.verdict.evidence.join('\n')).toMatch(/closed at \+[\d.]+s by the application, [\d.]+ s after the checks began, none of them answered/);
    // UDP blocked on the way out: a relay helps only over TCP or TLS, said in plain words (ICE audit: "the notes' firewall", "a TURN relay is needed").
    expect(before!.verdict.evidence.join('\n')).toMatch(/UDP is blocked on this side's way out \(a firewall\) or the servers are unreachable; with UDP blocked, a TURN relay helps only over TCP or TLS \(turn:host\?transport=tcp, or turns:host:443\)/);
  });

  it('an answer refused: the browser\'s error text is the evidence; a peer connection closed early and one never used', () => {
    const [refused, closed, unused] = reports('lab/answer-refused__rtcstats_dump.gz');
    expect(refused!.verdict.evidence).toContain('setRemoteDescription failed: Failed to set remote answer sdp: Called with SDP without ice-ufrag and ice-pwd.');
    expect(closed!.verdict.code).toBe('closed-early');
    expect(unused!.verdict.code).toBe('no-ice-data');
  });

  it('Chrome 99 through jitsi: PC_0\'s connection failed while ICE stayed connected (DTLS, by the states: the line the authors appended); the callstats pair PCs checked 198 times unanswered', () => {
    const [pc0, pc1, pc2] = reports('jitsi-rtcstats-server__chrome-standard-pc-failed');
    expect([pc0!.verdict.code, pc1!.verdict.code, pc2!.verdict.code]).toEqual(['dtls-failed', 'checks-unanswered', 'checks-unanswered']);
    expect(pc0!.verdict.evidence).toContain('connection state failed at +15.6s, while the ICE state was connected');
    // Up for 14 s before (connected at +1.3 s, 7.8 MB received): not "the handshake failed" (ICE audit).
    expect(pc0!.verdict.message).toMatch(/^ICE stayed connected, but the secure transport \(DTLS\) failed at \+15\.6s after it had been up since \+1\.3s: not the handshake/);
    expect(pc0!.verdict.evidence).toContain('connection state connected at +1.3s: the DTLS handshake had completed');
    // A srflx with the same (redacted) address as a host candidate is a candidate of its own.
    expect(pc1!.localCandidates.map((c) => c.type)).toContain('srflx');
  });

  it('TCP active candidates only against a UDP remote: nothing can pair; no local address, and a loopback remote, said', () => {
    const r = reports('hush_fm__webrtc_internals_dump.txt')[0]!;
    expect(r.verdict.evidence[0]).toMatch(/local candidates: tcp active IPv4, tcp active IPv6; remote: udp IPv4: no local candidate can pair/);
    expect(r.verdict.evidence.join('\n')).toMatch(/the local candidates carry no address \(0\.0\.0\.0, ::\): the browser found no usable network interface/);
    expect(r.verdict.evidence.join('\n')).toMatch(/the remote side announced a loopback address \(127\.0\.0\.1:\d+\)/);
  });

  it('restarts counted from either side\'s ufrag change (Chrome 147: the remote ufrag changes mid-call)', () => {
    expect(reports('xuyu130-webrtc__webrtc_internals_dump.txt')[0]!.restarts).toBeGreaterThanOrEqual(1);
  });

  it('Chrome 147: the 701 candidate errors explained, the selected pair change counted, credentials never shown', () => {
    const r = reports('xuyu130-webrtc__webrtc_internals_dump.txt')[0]!;
    expect(r.candidateErrors[0]).toMatchObject({ errorCode: 701, url: 'stun:stun.l.google.com:19302', explanation: expect.stringMatching(/did not answer \(701/) });
    expect(r.selectedPairChanges.length).toBeGreaterThanOrEqual(2);
  });

  it('the JSON contract\'s fields', () => {
    const r = reports('lab/turn-tcp-only__rtcstats_dump.gz')[0]!;
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'url', 'configuration', 'states', 'localCandidates', 'remoteCandidates', 'candidateErrors', 'pairs', 'selectedPair', 'restarts', 'verdict']));
    expect(Object.keys(r.states)).toEqual(['signaling', 'gathering', 'ice', 'connection']);
    expect(Object.keys(r.verdict)).toEqual(expect.arrayContaining(['code', 'message', 'evidence']));
  });

  it('Firefox 153, controlled, against an agent that answers every check and never nominates: the pair succeeded, nothing nominated, ICE still checking; the role said', () => {
    const r = reports('lab/no-nomination__about_webrtc_report.json')[0]!;
    expect(r.pairs).toEqual([expect.objectContaining({ state: 'succeeded', nominated: false, selected: false, requestCountsReported: false })]);
    expect(r.pairs[0]!.responsesReceived).toBeGreaterThan(0);
    expect(r.verdict.evidence.join('\n')).toMatch(/this side is controlled: nominating is the controlling side's job/);
    expect(r.selectedPair).toBeNull();
  });

  it('Chromium 156, controlled, against the same agent: it selects the answered pair without a nomination (ICE connected), and DTLS never gets an answer', () => {
    for (const f of lab('no-nomination-chromium')) {
      const r = reports(f)[0]!;
      expect(r.verdict.message).toMatch(/^ICE connected, but the DTLS handshake had not completed [\d.]+ s after ICE connected\.$/);
      const evidence = r.verdict.evidence.join('\n');
      expect(evidence).toMatch(/connection state still connecting [\d.]+ s after ICE connected/);
      expect(evidence).toMatch(/\d+ sent, 0 received: the other side never answered the DTLS handshake/);
      expect(evidence).toMatch(/the selected pair was never nominated: this side is controlled/);
      expect(r.selectedPair).not.toBeNull();
    }
  });

  it('the control, Firefox with the agent nominating: ICE connected on the nominated pair; a report (a snapshot) bounds the DTLS wait by the descriptions\' times', () => {
    const r = reports('lab/nomination-control__about_webrtc_report.json')[0]!;
    expect(r.selectedPair).not.toBeNull();
    expect(r.pairs.find((p) => p.selected)!.nominated).toBe(true);
    expect(r.verdict.message).toMatch(/had not completed [\d.]+ s after the descriptions were set\.$/);
    expect(r.verdict.evidence.join('\n')).toMatch(/DTLS state still connecting [\d.]+ s after the descriptions were set \(at \+0\.0s\)/);
  });

  it('Chrome\'s rtcstats export files getUserMedia under an id of its own: not a peer connection', () => {
    expect(readStatsDump(dumpText('lab/no-nomination-chromium__rtcstats_dump.gz')).peerConnections.map((p) => p.id)).toEqual(['8-1']);
  });

  it('Firefox reports: the TURN/TCP relay selected, unanswered pairs without an RTT, checks unanswered said without a count Firefox does not keep', () => {
    const tcp = reports('lab/firefox-turn-tcp-only__about_webrtc_report.json')[0]!;
    expect(tcp.verdict.message).toMatch(/^ICE connected through a TURN relay over TCP: no direct pair succeeded/);
    expect(tcp.selectedPair!.local).toMatchObject({ type: 'relay', relayProtocol: 'tcp' });
    expect(tcp.pairs.filter((p) => p.responsesReceived === 0).every((p) => p.currentRoundTripTime === null)).toBe(true);
    const blocked = reports('lab/firefox-udp-blocked-no-turn__about_webrtc_report.json')[0]!;
    expect(blocked.verdict.evidence[0]).toMatch(/0 responses received \(the browser does not count the checks it sent\)/);
    expect(blocked.verdict.evidence.join('\n')).toMatch(/no local srflx although STUN servers are configured/);
  });
});

describe('stats that hold less than a call (ICE audit of 2026-12-07)', () => {
  it('a peer-reflexive remote candidate replaced by the one the other side signaled at its port is one path, not a change of the selected pair (Jitsi\'s Chrome 101 P2P call)', () => {
    const [p2p, jvb] = reports('jitsi-rtcstats-server__chrome101-p2p-then-jvb_excerpt');
    expect([p2p!.verdict.code, jvb!.verdict.code]).toEqual(['connected', 'connected']);
    expect(p2p!.verdict.evidence).toContain('the selected pair\'s peer-reflexive remote candidate was replaced by the candidate the other side signaled at that port: the same path under a new pair id, not a change');
    expect(p2p!.verdict.evidence.join('\n')).not.toMatch(/selected pair changed/);
    // The JSON's history says so too (ICE audit of the eleventh session: it had listed the new pair id bare).
    expect(p2p!.selectedPairChanges.map((c) => c.samePath === true)).toEqual([false, true]);
  });
  it('candidate reports alone (a getStats() filtered by type; uProxy\'s Firefox 30 snapshot and Jitsi\'s candidates): stats-filtered, the other side\'s checks said to have arrived, not "no remote candidate arrived"', () => {
    // As pasted there, a JavaScript literal (keys unquoted): read the same, said in the notes.
    const pasted = readStatsDump(dumpText('uproxy-p2p-issue366__firefox30_getstats_literal.js'));
    expect(pasted.notes[0]).toMatch(/^read as JSON written the JavaScript way/);
    expect(explainIce(pasted.peerConnections[0]!).verdict.code).toBe('stats-filtered');
    // A comment above it, as source code has (audit of the change: "it does not start as JSON does").
    const commented = readStatsDump(`// uProxy-p2p#366\n/* Firefox 30 */\n${dumpText('uproxy-p2p-issue366__firefox30_getstats_literal.js')}`);
    expect(commented.peerConnections).toHaveLength(1);
    const [firefox] = reports('uproxy-p2p-issue366__firefox30_getstats_candidates.json');
    expect(firefox!.verdict.code).toBe('stats-filtered');
    expect(firefox!.verdict.evidence).toEqual(expect.arrayContaining([
      'the stats hold candidates but no candidate pair, no transport and no peer-connection report (a getStats() result filtered by type?): which pairs formed and whether one connected cannot be told',
      '1 remote peer-reflexive candidate: the other side\'s connectivity checks arrived (RFC 8445 §7.3.1.3), from an address its signaled candidates had not named, or before they came',
    ]));
    // The Jitsi call's first snapshot, its candidates kept, as an app that logs one type would.
    const line = dumpText('jitsi-rtcstats-server__chrome101-p2p-then-jvb_excerpt').split('\n').find((l) => l.includes('"getstats"') && l.includes('"PC_0"'))!;
    const stats = JSON.parse(line)[2] as Record<string, { type: string }>;
    const kept = Object.entries(stats).filter(([, v]) => v.type === 'local-candidate' || v.type === 'remote-candidate').map(([id, v]) => ({ id, timestamp: 1652352444000, ...v }));
    const jitsi = explainIce(peerConnectionFromStats([kept]));
    expect(jitsi.verdict.code).toBe('stats-filtered');
    expect(jitsi.verdict.evidence.join('\n')).not.toMatch(/no addIceCandidate/);
  });
  it('stats with candidates and a transport, no pair and no remote candidate: no-remote-candidates, without claiming what the signaling did (the stats hold none of it)', () => {
    const r = explainIce(peerConnectionFromStats([[{ id: 'P', type: 'peer-connection', timestamp: 1 }, { id: 'T', type: 'transport', timestamp: 1, iceState: 'checking' }, { id: 'L', type: 'local-candidate', timestamp: 1, transportId: 'T', candidateType: 'host', address: '10.0.0.2', port: 5000, protocol: 'udp', priority: 2122260223 }]]));
    expect(r.verdict.code).toBe('no-remote-candidates');
    expect(r.verdict.evidence).toContain('1 local candidate(s) (host), none from the other side: no remote candidate in the stats (they hold no signaling: whether any was sent cannot be told from them)');
  });
});

describe('targeted cases', () => {
  it('no-nomination from the stats shape alone (a controlling side that does not nominate, no role known)', () => {
    const pair = { id: 'P', type: 'candidate-pair', last: { localCandidateId: 'L', remoteCandidateId: 'R', state: 'succeeded', requestsSent: 3, responsesReceived: 3, nominated: false }, series: () => [], lastTime: 2000 };
    const cand = (id: string, type: string) => ({ id, type, last: { address: '192.0.2.1', port: 1, protocol: 'udp', candidateType: 'host' }, series: () => [], lastTime: 2000 });
    const events = [
      { time: 0, type: 'setLocalDescriptionOnSuccess', value: '' },
      { time: 1, type: 'setRemoteDescriptionOnSuccess', value: '' },
      { time: 2, type: 'iceconnectionstatechange', value: 'checking' },
      { time: 9000, type: 'addIceCandidate', value: { candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 1 typ host' } },
    ];
    const stats = new Map<string, StatsHistory>([['P', pair], ['L', cand('L', 'local-candidate')], ['R', cand('R', 'remote-candidate')]]);
    const r = explainIce({ id: 'x', url: null, configuration: null, events, stats, iceRestarts: null, descriptions: [] });
    expect(r.verdict.code).toBe('no-nomination');
  });

  it('live snapshots over time say what the last one says: a selected pair silent for 20 s (library audit: sampledAt was the first snapshot\'s time, and the history said plain "connected")', () => {
    const base = 1_700_000_000_000;
    const snap = (t: number) => [
      { id: 'P', type: 'peer-connection', timestamp: t },
      { id: 'T', type: 'transport', timestamp: t, selectedCandidatePairId: 'CP', dtlsState: 'connected', iceRole: 'controlling', iceState: 'connected' },
      { id: 'CP', type: 'candidate-pair', timestamp: t, transportId: 'T', localCandidateId: 'L', remoteCandidateId: 'R', state: 'succeeded', nominated: true, requestsSent: 3, responsesReceived: 3, bytesSent: t - base, bytesReceived: 5000, currentRoundTripTime: 0.02, lastPacketReceivedTimestamp: base + 1000, lastPacketSentTimestamp: t - 100 },
      { id: 'L', type: 'local-candidate', timestamp: t, transportId: 'T', address: '192.168.1.2', port: 5000, protocol: 'udp', candidateType: 'host', priority: 2122260223 },
      { id: 'R', type: 'remote-candidate', timestamp: t, transportId: 'T', address: '203.0.113.5', port: 6000, protocol: 'udp', candidateType: 'srflx', priority: 1686052607 },
    ];
    const times = [1000, 6000, 11000, 16000, 21000].map((x) => base + x);
    const last = explainIce(peerConnectionFromStats([snap(times.at(-1)!)]));
    const history = explainIce(peerConnectionFromStats(times.map(snap)));
    expect(history.pairs[0]!.sampledAt).toBe(base + 21000);
    expect(last.verdict.message).toMatch(/nothing came in on it for the last 20\.0 s of the stats/);
    expect(history.verdict.message).toBe(last.verdict.message);
  });

  it('a URL that failed from every interface while the same server gave candidates over its other URLs is that URL\'s fault (ICE audit, ninth session: a Chrome 147 dump\'s turns:…:5349, "one 701 among working candidates is harmless" three times)', () => {
    const r = reports('oseniy-chat-frontend-2__chrome147_webrtc_internals_dump.json')[0]!;
    expect(r.verdict.code).toBe('no-remote-candidates');
    const tls = r.candidateErrors.filter((e) => e.url?.startsWith('turns:'));
    expect(tls.length).toBe(3);
    for (const e of tls) expect(e.explanation).toBe('turns:turn-server.ktsf.ru:5349?transport=tcp did not answer (701: Failed to establish connection) from any of the 3 interfaces that tried it (192.168.128.x, 192.168.88.x, 172.18.0.x), while the same server gave candidates over 3478 udp, 3478 tcp: this URL fails, not the server nor an interface (TLS to port 5349 blocked on the way, or not served there: its listener or certificate)');
  });

  it('candidate errors in words: 701, 401 on TURN, other STUN codes', () => {
    expect(explainCandidateError(701, 'turn:t.example:3478', 'TURN host lookup received error.')).toMatch(/did not answer \(701/);
    expect(explainCandidateError(401, 'turn:t.example:3478', 'Unauthorized')).toMatch(/refused the credentials/);
    expect(explainCandidateError(486, 'turn:t.example:3478', 'Allocation Quota Reached')).toMatch(/486 \(Allocation Quota Reached\): allocation quota reached/);
  });

  it('remote candidates Chromium 156 refused: the attempts are not remote candidates, each refusal is in the evidence with its error', () => {
    for (const f of lab('candidates-refused')) {
      const r = reports(f)[0]!;
      expect(r.remoteCandidates).toEqual([]);
      expect(r.verdict.evidence[0]).toMatch(/^5 remote candidate\(s\) refused by addIceCandidate \(addIceCandidateFailed\): host udp 10\.0\.2\.2:\d+ \(Error processing ICE candidate\); srflx udp 203\.0\.113\.3:/);
    }
  });

  it('remote candidates the browser refused in older Chrome\'s text form (the candidate in the failed event): that verdict, each refusal in the timeline', () => {
    // Built on a lab dump (the descriptions set, local candidates gathered), its remote candidates
    // replaced by refusals in the form the PeerConnectionTracker of older Chrome writes them.
    const dump = JSON.parse(dumpText('lab/candidates-not-signaled__webrtc_internals_dump.gz')) as { PeerConnections: Record<string, { updateLog: { type: string; value: string; time: string }[] }> };
    const [id, pc] = Object.entries(dump.PeerConnections)[0]!;
    const last = pc.updateLog.at(-1)!;
    for (const [i, ufrag] of ['ab12', 'ab12'].entries()) {
      pc.updateLog.push({ type: 'addIceCandidateFailed', time: last.time, value: `sdpMid: 9, sdpMLineIndex: null, candidate: candidate:${i} 1 udp 2122260223 203.0.113.${i + 5} 5000 typ host generation 0 ufrag ${ufrag}` });
    }
    const r = readStatsDump(JSON.stringify({ PeerConnections: { [id]: pc } })).peerConnections.map(explainIce)[0]!;
    expect(r.verdict.code).toBe('remote-candidates-refused');
    expect(r.verdict.message).toBe('The browser refused every remote candidate (2 addIceCandidateFailed), so nothing could pair.');
    expect(r.verdict.evidence.join('\n')).toContain('2 remote candidate(s) refused by addIceCandidate (addIceCandidateFailed): host udp 203.0.113.5:5000; host udp 203.0.113.6:5000');
    expect(r.timeline.filter((t) => t.text.startsWith('remote candidate refused by addIceCandidate'))).toHaveLength(2);
    expect(r.remoteCandidates).toEqual([]);
  });

  it('every verdict code has a title and an action', () => {
    for (const v of Object.values(ICE_VERDICTS)) expect(v.action.length).toBeGreaterThan(20);
  });
});

describe('Firefox reports: a snapshot judged by its age (a new-user audit\'s cases)', () => {
  const report = () => JSON.parse(dumpText('lab/no-nomination__about_webrtc_report.json')) as Record<string, unknown> & { timestamp: number; sdpHistory: { timestamp: number }[]; iceCandidatePairStats: Record<string, unknown>[] };
  const explain = (r: unknown) => readStatsDump(JSON.stringify(r)).peerConnections.map(explainIce)[0]!;

  it('checks answered 0.15 s after the descriptions were set: still checking, not no-nomination', () => {
    const r = report();
    const shift = r.timestamp - 150 - r.sdpHistory.at(-1)!.timestamp;
    for (const h of r.sdpHistory) h.timestamp += shift;
    expect(explain(r).verdict.code).toBe('still-checking');
  });

  it('an RTT no double can hold is no RTT', () => {
    const r = report();
    r.iceCandidatePairStats[0]!['currentRoundTripTime'] = 1e308;
    expect(explain(r).pairs[0]!.currentRoundTripTime).toBeNull();
  });
});

describe('Firefox reports: what the transport says is shown', () => {
  it('the transport\'s ICE state is the ICE timeline of a report without ICE events', () => {
    const r = reports('lab/no-nomination__about_webrtc_report.json')[0]!;
    expect(r.states.ice.map((s) => s.state)).toEqual(['checking']);
    expect(r.timeline.map((e) => e.text)).toContain('ICE state checking (the transport\'s, as the stats show it)');
  });

  it('a report with no descriptions\' times: connected, and the DTLS still pending said', () => {
    const doc = JSON.parse(dumpText('lab/nomination-control__about_webrtc_report.json')) as Record<string, unknown>;
    delete doc['sdpHistory'];
    const r = readStatsDump(JSON.stringify(doc)).peerConnections.map(explainIce)[0]!;
    expect(r.verdict.code).toBe('connected');
    expect(r.verdict.evidence.join('\n')).toMatch(/DTLS state connecting when the dump ends: the secure channel is not up yet \(\d+ bytes sent, 0 received/);
  });
});

describe('explainIce refuses what is not a peer connection of readStatsDump (INVALID_ARGUMENT)', () => {
  it.each([
    ['{}', {}],
    ['null', null],
    ['undefined', undefined],
    ['events not a list', { events: 'x', stats: new Map(), descriptions: [] }],
    ['stats not a Map', { events: [], stats: {}, descriptions: [] }],
    // ICE audit: a TypeError inside before.
    ['a history whose series() gives no list', { id: 'x', url: null, configuration: null, events: [], descriptions: [], iceRestarts: null, stats: new Map([['p', { id: 'p', type: 'candidate-pair', last: {}, lastTime: null, series: () => null }]]) }],
    ['a description whose errors are not a list of strings', { id: 'x', url: null, configuration: null, events: [], descriptions: [{ time: null, local: false, sdp: 'v=0', errors: 'x' }], iceRestarts: null, stats: new Map() }],
    ['a history whose series() gives points without times', { id: 'x', url: null, configuration: null, events: [], descriptions: [], iceRestarts: null, stats: new Map([['p', { id: 'p', type: 'candidate-pair', last: {}, lastTime: null, series: () => [null] }]]) }],
  ])('%s', (_name, pc) => {
    expect(() => explainIce(pc as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('explainIce: the peer connection') }));
  });
});

describe('a call that connected around its hosts\' own path (dump audit: a LAN call went out to the shared public address and back, with no evidence)', () => {
  /** A webrtc-internals dump of one peer connection, its stats series of two samples each. */
  const dump = (silentHostChecks: number) => {
    const stats: Record<string, { startTime: string; endTime: string; statsType: string; values: string }> = {};
    const put = (id: string, type: string, fields: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(fields)) stats[`${id}-${k}`] = { startTime: '2026-12-06T10:00:00.000Z', endTime: '2026-12-06T10:00:01.000Z', statsType: type, values: JSON.stringify([v, v]) };
    };
    put('IL1', 'local-candidate', { candidateType: 'host', address: '192.168.1.20', port: 5000, protocol: 'udp' });
    put('IL2', 'local-candidate', { candidateType: 'srflx', address: '198.51.100.9', port: 6000, protocol: 'udp' });
    put('IR1', 'remote-candidate', { candidateType: 'host', address: '192.168.1.51', port: 8555, protocol: 'udp' });
    put('IR2', 'remote-candidate', { candidateType: 'srflx', address: '198.51.100.9', port: 38454, protocol: 'udp' });
    put('CPhh', 'candidate-pair', { localCandidateId: 'IL1', remoteCandidateId: 'IR1', state: 'in-progress', nominated: false, requestsSent: silentHostChecks, responsesReceived: 0, bytesSent: 0, bytesReceived: 0 });
    put('CPss', 'candidate-pair', { localCandidateId: 'IL2', remoteCandidateId: 'IR2', state: 'succeeded', nominated: true, requestsSent: 32, responsesReceived: 32, bytesSent: 25579, bytesReceived: 4709995 });
    put('T01', 'transport', { selectedCandidatePairId: 'CPss', iceState: 'connected', dtlsState: 'connected', iceRole: 'controlling' });
    const t = Date.UTC(2026, 11, 6, 10);
    const updateLog = [
      { type: 'setLocalDescriptionOnSuccess', value: '', timestamp: t },
      { type: 'oniceconnectionstatechange', value: '"checking"', timestamp: t + 20 },
      { type: 'oniceconnectionstatechange', value: '"connected"', timestamp: t + 156 },
      { type: 'onconnectionstatechange', value: '"connected"', timestamp: t + 164 },
    ];
    return JSON.stringify({ PeerConnections: { '215-4': { pid: 1, rtcConfiguration: '{}', url: 'http://192.168.1.51:1984/', updateLog, stats } }, UserAgent: 'Mozilla/5.0 Chrome/149.0.0.0' });
  };

  it('says the host↔host checks went unanswered and that both sides share one public address (hairpinning)', () => {
    const r = explainIce(readStatsDump(dump(12)).peerConnections[0]!);
    expect(r.verdict.code).toBe('connected');
    expect(r.verdict.evidence).toContain('1 host↔host pair (the direct path between the addresses each side announced as its own) sent 12 checks and got no answer: a firewall on one of the hosts, or no route between them; the call took srflx udp 198.51.100.9:6000 ↔ srflx udp 198.51.100.9:38454 instead');
    expect(r.verdict.evidence).toContain('both sides\' server-reflexive address is 198.51.100.9: the two are behind one public address, and this path turns around in their router (NAT hairpinning, RFC 4787 §6), which not every router does');
  });

  it('a dump whose transport does not carry the selected pair (an excerpt): the nominated pair that carried the bytes is taken', () => {
    const d = JSON.parse(dump(12)) as { PeerConnections: Record<string, { stats: Record<string, unknown> }> };
    delete d.PeerConnections['215-4']!.stats['T01-selectedCandidatePairId'];
    const r = explainIce(readStatsDump(JSON.stringify(d)).peerConnections[0]!);
    expect(r.selectedPair?.local?.type).toBe('srflx');
    expect(r.verdict.message).toBe('ICE connected through srflx udp 198.51.100.9:6000 ↔ srflx udp 198.51.100.9:38454.');
  });

  it('host checks never sent, or too few on a pair still in progress: nothing said of them (change audit: one check was "a firewall")', () => {
    for (const n of [0, 1, 4]) expect(explainIce(readStatsDump(dump(n)).peerConnections[0]!).verdict.evidence.join('\n')).not.toMatch(/host↔host/);
    expect(explainIce(readStatsDump(dump(5)).peerConnections[0]!).verdict.evidence.join('\n')).toMatch(/1 host↔host pair .* sent 5 checks and got no answer/);
  });
});

describe('the report\'s closed sets hold what real dumps write (library audit: plain strings in the types)', () => {
  it('every pair state, candidate type, protocol, relay protocol and tcp type of every dump fixture is one of the typed words', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { DUMPS } = await import('../support/dumps.js');
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    const seen = { state: new Set<string>(), type: new Set<string>(), protocol: new Set<string>(), relayProtocol: new Set<string>(), tcpType: new Set<string>() };
    let pairs = 0;
    for (const f of walk(DUMPS).filter((x) => !x.endsWith('.md'))) {
      let dump;
      try {
        dump = readStatsDump(dumpText(f.slice(DUMPS.length + 1)));
      } catch {
        continue; // the fixtures of what is no dump
      }
      for (const r of dump.peerConnections.map(explainIce)) {
        for (const p of r.pairs) {
          pairs++;
          if (p.state !== null) seen.state.add(p.state);
          for (const s of p.states) seen.state.add(s.state);
          for (const c of [p.local, p.remote]) {
            if (c === null) continue;
            for (const k of ['type', 'protocol', 'relayProtocol', 'tcpType'] as const) if (c[k] !== null) seen[k].add(c[k]!);
          }
        }
      }
    }
    expect(pairs).toBeGreaterThan(100);
    const within = (words: Set<string>, allowed: string[]) => [...words].filter((w) => !allowed.includes(w));
    expect(within(seen.state, ['frozen', 'waiting', 'in-progress', 'failed', 'succeeded', 'cancelled'])).toEqual([]);
    expect(within(seen.type, ['host', 'srflx', 'prflx', 'relay'])).toEqual([]);
    expect(within(seen.protocol, ['udp', 'tcp'])).toEqual([]);
    expect(within(seen.relayProtocol, ['udp', 'tcp', 'tls'])).toEqual([]);
    expect(within(seen.tcpType, ['active', 'passive', 'so'])).toEqual([]);
  });
});
