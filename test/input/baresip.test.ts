/** baresip's ICE media dump (src/input/baresip.ts), read by both readers, on real dumps and targeted cases. */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { collectingSink, readInput } from '../../src/input/read.js';
import type { InputReport } from '../../src/input/types.js';
import { scanStream } from '../../src/node/stream.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/logs', import.meta.url));
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, 'utf8');

async function streamed(text: string, chunk = 13): Promise<InputReport> {
  const sink = collectingSink();
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  await scanStream(Readable.from(chunks), sink);
  return sink.report;
}

/** Each candidate: line, sender, ufrag, the text it was read as. */
const seen = (r: InputReport) => r.candidates.map((c) => [c.source.line, c.source.sender ?? null, c.usernameFragment, c.text]);

async function both(text: string): Promise<InputReport> {
  const a = readInput(text);
  for (const chunk of [13, 4096]) expect(seen(await streamed(text, chunk))).toEqual(seen(a));
  return a;
}

describe('baresip ICE media dump', () => {
  it('a real dump (baresip#147): its own candidates and its peer\'s apart, each row the candidate line it stands for', async () => {
    const r = await both(fixture('baresip-147-ice-dump.log'));
    expect(r.candidates.every((c) => c.error === null)).toBe(true);
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

  it('a real dump with its ufrag, two components and IPv6 (baresip#292): the local ufrag, never the password', async () => {
    const text = fixture('baresip-292-ice-dump-ipv6.log');
    const r = await both(text);
    expect(seen(r).slice(-4)).toEqual([
      [18, 'local agent', '6MxC6s2', 'candidate:ac1001b3 1 udp 2113932031 172.16.1.179 9956 typ host'],
      [19, 'local agent', '6MxC6s2', 'candidate:ac1001b3 2 udp 2113932030 172.16.1.179 9957 typ host'],
      [20, 'local agent', '6MxC6s2', 'candidate:1e1af677 1 udp 2113932031 fd77:69fb:c277:ffee:2061:125c:6897:9e57 9956 typ host'],
      [21, 'local agent', '6MxC6s2', 'candidate:1e1af677 2 udp 2113932030 fd77:69fb:c277:ffee:2061:125c:6897:9e57 9957 typ host'],
    ]);
    const pwd = /local_pwd="([^"]+)"/.exec(text)![1]!;
    expect(JSON.stringify(r)).not.toContain(pwd);
  });

  it('a row outside a section has no side; a check list or a new dump ends the section and its ufrag; a row of another shape is not one', async () => {
    const row = '  {1} fnd=0a000001 prio=7e000aff eth0:host:10.0.0.1:5000';
    const text = [
      row,
      ' local_ufrag="abcd" local_pwd="secretsecretsecretsecret"',
      ' Remote Candidates:  (1)',
      '  {1} fnd=0a000002 prio=64000000 srflx:[2001:db8::1]:6000 (rel-addr=[2001:db8::2]:6001)',
      ' Check list: [state=Running] (1)',
      row,
      ' Local Candidates:  (2)',
      row,
      '  {1} fnd=0a000001 prio=7e000afff eth0:host:10.0.0.1:5001',
      'audio: Dumping media state: ----- ICE Media <audio> -----',
      ' Local Candidates:  (1)',
      row,
    ].join('\n');
    const r = await both(text);
    expect(seen(r)).toEqual([
      [1, null, null, 'candidate:0a000001 1 udp 2113932031 10.0.0.1 5000 typ host'],
      [4, 'remote agent', null, 'candidate:0a000002 1 udp 1677721600 2001:db8::1 6000 typ srflx raddr 2001:db8::2 rport 6001'],
      [6, null, null, 'candidate:0a000001 1 udp 2113932031 10.0.0.1 5000 typ host'],
      [8, 'local agent', 'abcd', 'candidate:0a000001 1 udp 2113932031 10.0.0.1 5000 typ host'],
      [12, 'local agent', null, 'candidate:0a000001 1 udp 2113932031 10.0.0.1 5000 typ host'],
    ]);
    expect(JSON.stringify(r)).not.toContain('secretsecret');
  });
});
