/** baresip's ICE media dump (src/input/baresip.ts), read by both readers, on real dumps and targeted cases. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readInput } from '../../src/input/read.js';
import type { InputReport } from '../../src/input/types.js';
import { streamed } from '../support/streamed.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/logs', import.meta.url));
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, 'utf8');

/** Each candidate: line, sender, ufrag, the text it was read as. */
const seen = (r: InputReport) => r.candidates.map((c) => [c.source.line, c.source.sender ?? null, c.usernameFragment, c.text]);

async function both(text: string): Promise<InputReport> {
  const a = readInput(text);
  for (const chunk of [13, 4096]) expect(seen(await streamedIn(text, chunk))).toEqual(seen(a));
  return a;
}

const streamedIn = (text: string, chunk = 13) => streamed(text, chunk);

describe('baresip ICE media dump', () => {
  it('a real dump (baresip#147): its own candidates and its peer\'s apart, in its media, each row the candidate line it stands for', async () => {
    const r = await both(fixture('baresip-147-ice-dump.log'));
    expect(r.candidates.every((c) => c.error === null && c.source.room === 'audio')).toBe(true);
    expect(seen(r)).toEqual([
      [6, 'local agent', null, 'candidate:c0a80264 1 udp 2113932031 192.168.2.100 38774 typ host'],
      [7, 'local agent', null, 'candidate:0a000106 1 udp 2113932031 10.0.1.6 38774 typ host'],
      [8, 'local agent', null, 'candidate:58c69783 1 udp 255 88.198.151.128 34809 typ relay raddr 192.168.2.100 rport 38774'],
      [9, 'local agent', null, 'candidate:2f4741c7 1 udp 1677721855 47.71.65.198 38774 typ srflx raddr 192.168.2.100 rport 38774'],
      // A remote prflx has no base to print: written as browsers write a hidden one.
      [11, 'remote agent', null, 'candidate:369ff91d 1 udp 1845494015 10.0.1.6 17522 typ prflx raddr 0.0.0.0 rport 0'],
      [12, 'remote agent', null, 'candidate:6b2611e6 1 udp 1845494015 192.168.2.100 17522 typ prflx raddr 0.0.0.0 rport 0'],
      [13, 'remote agent', null, 'candidate:58c69783 1 udp 255 88.198.151.128 45425 typ relay raddr 192.168.2.100 rport 17522'],
      [14, 'remote agent', null, 'candidate:2f4741c7 1 udp 1677721855 47.71.65.198 17522 typ srflx raddr 192.168.2.100 rport 17522'],
    ]);
    // The check list's pairs below the sections are no candidates of either side.
    expect(r.candidates).toHaveLength(8);
  });

  it('a real dump with two components and IPv6 (baresip#292): its ufrag names its room (not its session), its password is never read', async () => {
    const text = fixture('baresip-292-ice-dump-ipv6.log');
    const r = await both(text);
    expect(seen(r).slice(-4)).toEqual([
      [18, 'local agent', null, 'candidate:ac1001b3 1 udp 2113932031 172.16.1.179 9956 typ host'],
      [19, 'local agent', null, 'candidate:ac1001b3 2 udp 2113932030 172.16.1.179 9957 typ host'],
      [20, 'local agent', null, 'candidate:1e1af677 1 udp 2113932031 fd77:69fb:c277:ffee:2061:125c:6897:9e57 9956 typ host'],
      [21, 'local agent', null, 'candidate:1e1af677 2 udp 2113932030 fd77:69fb:c277:ffee:2061:125c:6897:9e57 9957 typ host'],
    ]);
    expect(r.candidates.slice(-4).map((c) => c.source.room)).toEqual(['audio 6MxC6s2', 'audio 6MxC6s2', 'audio 6MxC6s2', 'audio 6MxC6s2']);
    const pwd = /local_pwd="([^"]+)"/.exec(text)![1]!;
    expect(JSON.stringify(r)).not.toContain(pwd);
  });

  it('rows of odd shapes (audit of the change): a padded one-character foundation, an interface alias, upper-case hex, a log prefix; a header only when it is all its line says', async () => {
    const text = [
      'Dec 06 12:00:00 pbx baresip[812]: audio: Dumping media state: ----- ICE Media <audio> -----',
      'Dec 06 12:00:00 pbx baresip[812]:  Local Candidates:  (2)',
      'Dec 06 12:00:00 pbx baresip[812]:   {1} fnd=1  prio=7E000AFF eth0:1:host:10.0.0.1:5000',
      'Dec 06 12:00:00 pbx baresip[812]:   {2} fnd=ab prio=7e000afe eth0:host:10.0.0.1:5001',
      // Some other log's line that starts like a header is read as the line it is, and so is a
      // candidate line that ends like one (second audit of the change: it was lost).
      'Local Candidates: candidate:9 1 udp 2122260223 10.0.0.9 5009 typ host',
      'candidate:8 1 udp 2122260223 10.0.0.8 5008 typ host Remote Candidates:  (2)',
      ' Remote Candidates:  (1)',
      '  {1} fnd=x2 prio=64000000 srflx:[2001:db8::1]:6000 (rel-addr=[2001:db8::2]:6001)',
      // A line between rows (a check list, another log's line) does not end the section.
      ' Check list: [state=Running] (1)',
      '  {1} fnd=x3 prio=7e0000ff host:192.168.0.3:6003',
      'audio: Dumping media state: ----- ICE Media <video> -----',
      '  {1} fnd=x4 prio=7e0000ff host:192.168.0.4:6004',
    ].join('\n');
    const r = await both(text);
    expect(r.candidates.map((c) => [c.source.line, c.source.sender ?? null, c.source.room ?? null, c.text])).toEqual([
      [3, 'local agent', 'audio', 'candidate:1 1 udp 2113932031 10.0.0.1 5000 typ host'],
      [4, 'local agent', 'audio', 'candidate:ab 2 udp 2113932030 10.0.0.1 5001 typ host'],
      [5, null, null, 'candidate:9 1 udp 2122260223 10.0.0.9 5009 typ host'],
      // (The words after it are its extensions, as a log line's trailing words are.)
      [6, null, null, 'candidate:8 1 udp 2122260223 10.0.0.8 5008 typ host Remote Candidates:'],
      [8, 'remote agent', 'audio', 'candidate:x2 1 udp 1677721600 2001:db8::1 6000 typ srflx raddr 2001:db8::2 rport 6001'],
      [10, 'remote agent', 'audio', 'candidate:x3 1 udp 2113929471 192.168.0.3 6003 typ host'],
      // A new dump: no side until its first section.
      [12, null, null, 'candidate:x4 1 udp 2113929471 192.168.0.4 6004 typ host'],
    ]);
  });

  it('two calls\' dumps of one media are two calls by their ufrags (second audit: one session made their two mappings a false symmetric NAT)', async () => {
    const dump = (ufrag: string, mapped: number) => ['----- ICE Media <audio> -----', ` local_ufrag="${ufrag}" local_pwd="neverreadneverreadnever1"`, ' Local Candidates:  (2)', '  {1} fnd=a prio=7e000aff eth0:host:192.168.2.100:38774', `  {1} fnd=b prio=640000ff eth0:srflx:47.71.65.198:${mapped} (rel-addr=192.168.2.100:38774)`, ' Remote Candidates:  (1)', '  {1} fnd=c prio=7e0000ff host:10.9.9.9:5000'];
    const text = [...dump('ufA1', 38774), '11:00:00 the next call', ...dump('ufB2', 51234)].join('\n');
    const { CandidateAnalyzer } = await import('../../src/analysis/analyzer.js');
    const a = new CandidateAnalyzer();
    for (const c of (await both(text)).candidates) a.candidate(c);
    const report = a.finish();
    expect(report.sessions.map((s) => [s.origin.sender, s.origin.room])).toEqual([['local agent', 'audio ufA1'], ['remote agent', 'audio ufA1'], ['local agent', 'audio ufB2'], ['remote agent', 'audio ufB2']]);
    expect(report.calls).toHaveLength(2);
    expect(JSON.stringify(report)).not.toContain('symmetric');
    expect(JSON.stringify(report)).not.toContain('neverread');
  });

  it('an audio and a video dump are two calls, each of its own two agents (audit of the change: one call mixed them)', async () => {
    const dump = (media: string, port: number) => [`----- ICE Media <${media}> -----`, ' Local Candidates:  (1)', `  {1} fnd=a prio=7e000aff eth0:host:10.0.0.1:${port}`, ' Remote Candidates:  (1)', `  {1} fnd=b prio=7e000aff host:10.0.0.2:${port + 1}`];
    const { CandidateAnalyzer } = await import('../../src/analysis/analyzer.js');
    const a = new CandidateAnalyzer();
    const r = readInput([...dump('audio', 5000), ...dump('video', 5002)].join('\n'));
    for (const c of r.candidates) a.candidate(c);
    const report = a.finish();
    expect(report.sessions.map((s) => [s.origin.sender, s.origin.room])).toEqual([['local agent', 'audio'], ['remote agent', 'audio'], ['local agent', 'video'], ['remote agent', 'video']]);
    expect(report.calls).toHaveLength(2);
    expect(JSON.stringify(report)).not.toContain('ice-restart');
  });
});
