import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { candidatesCommand, type CandidatesOptions } from '../../cli/commands/candidates.js';
import { sample, SAMPLES } from '../support/corpus.js';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../support/scratch.js';
const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const ROOT = resolve(__dirname, '../..');
const dir = scratchDir('sdpscope-cands-');
const file = (name: string, text: string | Buffer) => (writeFileSync(join(dir, name), text), join(dir, name));

async function run(files: string[], opts: Partial<CandidatesOptions> = {}) {
  let out = '';
  let err = '';
  const code = await candidatesCommand({ files, json: false, ndjson: false, summary: false, strict: false, color: false, progress: false, ...opts }, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const ALICE = [
  '06:00:01.100 alice onicecandidate {"type":"candidate","candidate":"candidate:1 1 udp 2122260223 10.0.1.2 5000 typ host generation 0 ufrag AAAA","sdpMid":"0","sdpMLineIndex":0}',
  '06:00:01.200 alice onicecandidate {"type":"candidate","candidate":"candidate:2 1 udp 1686052607 203.0.113.5 40001 typ srflx raddr 10.0.1.2 rport 5000 generation 0 ufrag AAAA","sdpMid":"0","sdpMLineIndex":0}',
].join('\n');

describe('sdpscope candidates', () => {
  it('prints a table per session with priorities split, then totals', async () => {
    const { code, out } = await run([join(SAMPLES, 'call.ndjson')]);
    expect(code).toBe(0);
    expect(out).toContain('session N/KY');
    expect(out).toContain('4 candidates: host 2, srflx 2 · udp 4 · ipv4 4');
    expect(out).toMatch(/srflx\s+2649982101\s+udp\s+219\.142\.117\.143\s+2212\s+100 \| 32542 \| 1/);
    expect(out).toContain('NAT mapping: unknown');
    expect(out).toContain('5 candidate lines (5 distinct) in 4 sessions, 1 call');
  });

  it('counts the distinct candidates of every session, those reported early too (it counted only the sessions open at the end)', async () => {
    const line = (u: string, port: number) => `candidate:1 1 udp 2122260223 10.0.0.1 ${port} typ host ufrag ${u}`;
    const f = file('evicted.log', [line('AAAA', 5000), line('AAAA', 5000), line('AAAA', 5002), line('BBBB', 5000), line('CCCC', 5000)].join('\n') + '\n');
    for (const maxSessions of [1, 2000]) {
      const { code, out } = await run([f], { maxSessions });
      expect(code).toBe(0);
      expect(out).toContain('5 candidate lines (4 distinct) in 3 sessions');
    }
  });

  it('shows an ICE restart among the input findings, in tables and --summary (audit: only --json had it)', async () => {
    const frame = (t: number, u: string) => JSON.stringify({ time: t, room: 'r', from: 'c1', frame: { type: 'candidate', candidate: `candidate:${t} 1 udp 2122260223 10.0.0.1 ${5000 + t} typ host ufrag ${u}`, sdpMid: '0', sdpMLineIndex: 0 } });
    const f = file('restart.ndjson', `${frame(1, 'AAAA')}\n${frame(2, 'BBBB')}\n`);
    for (const summary of [false, true]) expect((await run([f], { summary })).out).toContain('ice-restart (line 2): sender r/c1: ufrag AAAA → BBBB');
  });

  it('checks every file before writing: a missing second file does not cut the first one\'s --json (audit)', async () => {
    await expect(run([file('a.log', ALICE), join(dir, 'missing.log')], { json: true })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    let out = '';
    await candidatesCommand({ files: [file('a2.log', ALICE), join(dir, 'missing.log')], json: true, ndjson: false, summary: false, strict: false, color: false, progress: false }, (s) => (out += s), () => undefined).catch(() => undefined);
    expect(out).toBe('');
  });

  it('the notes\' frame log: its descriptions\' sessions have no candidate, its candidates are other sessions\': said so, not "no shared transport" (candidates audit)', async () => {
    const { out } = await run([join(SAMPLES, 'call.ndjson')]);
    expect(out).toContain('call JDVd ⇄ gZTj (offer and answer in the input) · controlling JDVd\n  no pairs: neither side has a candidate in the input');
    expect(out).toContain('warning call-without-candidates: call JDVd ⇄ gZTj: neither side (JDVd, gZTj) has a candidate in the input; candidates came for N/KY, ddSd, which are in no call');
  });

  it('a dump\'s own side whose gathering completed with no candidate: said to have signalled none, not "not logged" (renegotiation audit: hush.fm\'s mediasoup client; its stats list two with no address, which it never signalled)', async () => {
    const { out } = await run([join(FIXTURES, 'dumps/hush_fm__webrtc_internals_dump.txt')]);
    expect(out).toMatch(/call-without-candidates: call 6wrW ⇄ \S+: 6wrW has no candidate in the input \(\S+ has 1\): the dump's icecandidate events are every candidate this browser signalled, and its gathering completed with none: it signalled none/);
  });

  it('one side without candidates is named as the one that has none (audit of the change: it read "3WkD has a candidate")', async () => {
    const { out } = await run([join(FIXTURES, 'dumps/lab/candidates-not-signaled__webrtc_internals_dump.gz')]);
    expect(out).toMatch(/no pairs: (\S+) has no candidate in the input/);
    expect(out).toMatch(/warning call-without-candidates: call \S+ ⇄ \S+: (\S+) has no candidate in the input \(\S+ has \d+\): its candidates were not logged, or never sent/);
  });

  it('lines that announce candidates in a form not read, beside candidates read, are said in a note (KVS\'s "New remote ice candidate discovered … Ip: …" went unsaid; candidate-log audit); none for a log whose every candidate is read', async () => {
    const { out } = await run([join(FIXTURES, 'candidates/kvs-webrtc-sdk-c-1467__kvs-onIceCandidateHandler-host-raddr0-linklocal.log')]);
    expect(out).toMatch(/\nnote: 2 other lines name a candidate type and an address in a form sdpscope does not read, passed over \(line 1: "2022-05-11 07:44:07 DEBUG   iceAgentLogNewCandidate\(\): New remote ice candidate /);
    expect((await run([join(SAMPLES, 'call.ndjson')])).out).not.toContain('note: ');
    // Firefox's about:webrtc ICE Stats table ("192.168.52.1:64409/udp(host)"), beside an SDP read with no candidate (janus-gateway#508: 0 candidates, unsaid).
    const firefox = (await run([join(FIXTURES, 'dumps/janus-gateway-issue508__firefox43_about_webrtc_text.txt')])).out;
    expect(firefox).toMatch(/\nnote: 6 other lines name a candidate type and an address in a form sdpscope does not read, passed over \(line 3: "192\.168\.52\.1:64409\/udp\(host\)/);
  });

  it('--summary leaves the candidate tables out', async () => {
    const { out } = await run([join(SAMPLES, 'call.ndjson')], { summary: true });
    expect(out).toContain('session N/KY');
    expect(out).not.toContain('priority (type|local|comp)');
  });

  it('--json gives the contract: candidates, sessions, pairs, diagnostics', async () => {
    const { out } = await run([join(SAMPLES, 'candidates.json')], { json: true });
    const j = JSON.parse(out);
    expect(Object.keys(j)).toEqual(expect.arrayContaining(['candidates', 'sessions', 'pairs', 'diagnostics']));
    expect(j.candidates[0]).toMatchObject({ session: 'N/KY', foundation: '3096071039', component: 1, transport: 'udp', priority: 2122260223, priorityParts: { typePreference: 126, localPreference: 32542, componentId: 1 }, address: '10.25.39.1', port: 60751, type: 'host', relatedAddress: null, relatedPort: null, tcpType: null, ufrag: 'N/KY', generation: 0, networkId: '1', networkCost: 10, relayProtocol: null, addressClass: 'private', source: { line: 6 } });
    expect(j.sessions[0]).toMatchObject({ session: 'N/KY', ufrag: 'N/KY', counts: { total: 4 }, nat: { mapping: 'unknown' } });
    expect(j.diagnostics[0]).toEqual(expect.objectContaining({ code: expect.any(String), severity: expect.any(String), session: 'N/KY', message: expect.any(String), line: null }));
  });

  it('--ndjson prints one record per candidate as found', async () => {
    const { out } = await run([join(SAMPLES, 'candidates.json')], { ndjson: true });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.port)).toEqual([60751, 57043, 2213, 2212]);
  });

  it('pairs two sides given in two files (one call per file side, pairs predicted)', async () => {
    const bob = file('bob.log', '06:00:02 bob {"type":"candidate","candidate":"candidate:9 1 udp 2122260223 192.168.7.7 7000 typ host ufrag BBBB"}\n');
    const alice = file('alice.log', ALICE + '\n');
    const { out } = await run([alice, bob], { json: true });
    const j = JSON.parse(out);
    expect(j.candidates.map((c: { source: { file: string } }) => c.source.file)).toEqual([alice, alice, bob]);
    expect(j.sessions.map((s: { session: string }) => s.session).sort()).toEqual(['AAAA', 'BBBB']);
    expect(j.calls).toEqual([{ call: 0, sessions: ['AAAA', 'BBBB'], controlling: null, basis: `one session from each file (${alice}, ${bob})`, candidates: [2, 1], pairs: 1 }]);
    expect(j.pairs[0]).toMatchObject({ call: 0, component: 1, local: { session: 'AAAA', type: 'host' }, remote: { session: 'BBBB' }, order: 1, viable: true });
  });

  it('two files, one side ICE-lite: the full side controls, whichever file comes first (candidates audit: the lite side was assumed controlling)', async () => {
    const lite = file('lite.sdp', 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=ice-lite\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:LITE\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\na=candidate:1 1 udp 2122260223 198.51.100.7 10000 typ host\r\n');
    const full = file('full.log', 'candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host ufrag FULL\n');
    for (const order of [[lite, full], [full, lite]]) {
      const j = JSON.parse((await run(order, { json: true })).out);
      expect(j.calls.map((c: { controlling: string }) => c.controlling)).toEqual(['FULL']);
    }
  });

  it('two files of plain candidate lines (no ufrag): two agents, a session each, not one NAT mapping two ways (candidates audit: a false symmetric NAT, no call)', async () => {
    // Each peer behind its own NAT, the same private base, each its own srflx.
    const a = file('sideA.txt', 'candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host\ncandidate:2 1 udp 1686052607 203.0.113.5 61000 typ srflx raddr 192.168.1.10 rport 50000\n');
    const b = file('sideB.txt', 'candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host\ncandidate:2 1 udp 1686052607 198.51.100.9 62000 typ srflx raddr 192.168.1.10 rport 50000\n');
    const j = JSON.parse((await run([a, b], { json: true })).out);
    expect(j.sessions.map((s: { session: string; counts: { total: number }; nat: { mapping: string } }) => [s.session, s.counts.total, s.nat.mapping])).toEqual([
      [`no ufrag, ${a}`, 2, 'unknown'],
      [`no ufrag, ${b}`, 2, 'unknown'],
    ]);
    expect(j.diagnostics.map((d: { code: string }) => d.code)).not.toContain('duplicate-candidate');
    expect(j.calls).toEqual([{ call: 0, sessions: [`no ufrag, ${a}`, `no ufrag, ${b}`], controlling: null, basis: `one session from each file (${a}, ${b})`, candidates: [2, 2], pairs: 2 }]);
    // One file: one session, as before.
    expect(JSON.parse((await run([a], { json: true })).out).sessions.map((s: { session: string }) => s.session)).toEqual(['no ufrag']);
  });

  it('predicts the pairs of the bundled two-sided sample', async () => {
    const { out } = await run([join(SAMPLES, 'alice.log'), join(SAMPLES, 'bob.log')]);
    expect(out).toMatch(/call N\/KY ⇄ ddSd/);
    // Only candidates of the same m-line pair: alice's mid 0 host with bob's mid 0 host.
    expect(out).toContain('check order (1 viable pair, highest priority first)');
  });

  it('counts bad lines with line numbers and goes on; --strict stops at the first', async () => {
    const bad = file('bad.log', 'candidate:1 1 udp 2122260223 10.0.0.1 99999 typ host\n' + ALICE + '\n');
    const { code, out } = await run([bad]);
    expect(code).toBe(0);
    expect(out).toMatch(/error\s+unparseable-candidate \(line 1\): CANDIDATE_PORT/);
    await expect(run([bad], { strict: true })).rejects.toMatchObject({ code: 'CANDIDATE_PORT', message: expect.stringContaining('line 1') });
  });

  it('--strict --json stopped by a bad line leaves a whole JSON document, saying why (it was cut in the middle of its array: candidates audit)', async () => {
    const bad = file('bad-late.log', ALICE + '\ncandidate:1 1 udp 2122260223 10.0.0.1 99999 typ host\n');
    let out = '';
    const stopped = candidatesCommand({ files: [bad], json: true, ndjson: false, summary: false, strict: true, color: false, progress: false }, (s) => (out += s), () => undefined);
    await expect(stopped).rejects.toMatchObject({ code: 'CANDIDATE_PORT' });
    const doc = JSON.parse(out) as { candidates: unknown[]; stopped: { code: string; message: string } };
    expect(doc.candidates).toHaveLength(2);
    expect(doc.stopped.code).toBe('CANDIDATE_PORT');
    expect(doc.stopped.message).toMatch(/line 3: .*\(--strict\)$/);
  });

  it.each([
    ['a missing file', () => join(dir, 'none.log'), 'FILE_NOT_FOUND'],
    ['a directory', () => dir, 'FILE_IS_DIRECTORY'],
    ['binary data', () => file('bin.dat', Buffer.from([0, 1, 2, 3, 0, 255])), 'FILE_BINARY'],
    ['no candidate', () => file('none.txt', 'hello\n'), 'NO_SDP_FOUND'],
    ['empty input', () => file('empty.txt', ''), 'EMPTY_INPUT'],
    ['an input of blank lines (as parse says: audit)', () => file('blank.txt', '\n  \n\t\r\n'), 'EMPTY_INPUT'],
    ['a UTF-8 byte order mark and blank lines (audit: NO_SDP_FOUND)', () => file('bom.txt', '\ufeff\n \n'), 'EMPTY_INPUT'],
    ['a UTF-16 byte order mark and blank lines', () => file('bom16.txt', Buffer.from([0xff, 0xfe, 0x0a, 0x00, 0x20, 0x00, 0x0a, 0x00])), 'EMPTY_INPUT'],
  ])('rejects %s with one coded error', async (_what, path, code) => {
    await expect(run([path()])).rejects.toMatchObject({ code });
  });

  it('a file of candidates in a form nothing reads (pion\'s, baresip\'s) says how many lines look like candidates, and the first (candidates audit: a bare "no candidate found"); a time is not an address', async () => {
    const pion = file('pion.log', 'ice INFO: 2023/01/01 agent.go:1: Setting new connection state: Checking\nice DEBUG: 10:43:42 Adding a new local candidate: udp4 srflx 203.0.113.7:5678 related 10.0.0.1:1234\nice DEBUG: udp4 host 10.0.0.1:1234\n');
    await expect(run([pion])).rejects.toMatchObject({ code: 'NO_SDP_FOUND', reason: `no candidate found in ${pion}; 2 lines name a candidate type and an address in a form sdpscope does not read (line 2: "ice DEBUG: 10:43:42 Adding a new local candidate: udp4 srflx 203.0.113.7:5678 re…"): it looks like pion/ice's log (or webrtc-rs'), whose "udp4 host 10.0.0.1:5000" leaves out each candidate's foundation and ufrag (its priority is in pair lines only): log ICECandidate.ToJSON().Candidate in OnICECandidate, and the SDPs (for the ufrags), for lines sdpscope reads` });
    // Another program's "connection state" is not pion's (audit of the change: an MQTT client's was).
    const mqtt = file('mqtt.log', 'mqtt: Setting new connection state: CONNECTED\npeer a: srflx 203.0.113.7 port 5678\n');
    await expect(run([mqtt])).rejects.toMatchObject({ reason: expect.stringContaining(`README's "What it reads" lists the forms read`) });
    // A form of no stack it knows: the README's list.
    const other = file('other.log', 'peer a: srflx 203.0.113.7 port 5678\n');
    await expect(run([other])).rejects.toMatchObject({ reason: `no candidate found in ${other}; 1 line names a candidate type and an address in a form sdpscope does not read (line 1: "peer a: srflx 203.0.113.7 port 5678"): README's "What it reads" lists the forms read` });
    const { parseCommand } = await import('../../cli/commands/parse.js');
    await expect(parseCommand({ file: pion, json: false, color: false }, () => undefined)).rejects.toMatchObject({ reason: expect.stringMatching(/^no SDP and no candidate found in .*pion\.log; 2 lines name a candidate type/) });
    await expect(run([file('times.log', 'host up at 10:43:42, relay at 11:00:01\n')])).rejects.toMatchObject({ reason: `no candidate found in ${join(dir, 'times.log')}` });
    // "host" before a quoted value is a host name (Asterisk's ast_sockaddr_split_hostport; candidates audit: quoted as a candidate line).
    await expect(run([file('asterisk.log', "[Nov 15 11:17:09] DEBUG[10625]: netsock2.c:224 ast_sockaddr_split_hostport: ...host '24.34.48.22' and port ''.\n")])).rejects.toMatchObject({ reason: `no candidate found in ${join(dir, 'asterisk.log')}` });
  });

  it.each([
    ['pion-webrtc-1592-trace.log', "it looks like pion/ice's log (or webrtc-rs'), whose \"udp4 host 10.0.0.1:5000\" leaves out each candidate's foundation and ufrag (its priority is in pair lines only): log ICECandidate.ToJSON().Candidate in OnICECandidate"],
    ['pion-ice-82-selected-pair.log', "it looks like pion/ice's log"],
    ['libnice-pikvm-1093.log', "it looks like libnice's debug log, which leaves out each candidate's type, foundation and related address"],
    ['kvs-c-740-candidates.log', "it looks like the KVS WebRTC SDK's log"],
    ['aioice-aiortc-431-checks.log', "it looks like aioice's log, whose CandidatePair checks name addresses only"],
    ['baresip-57-checks.log', "it looks like baresip's log, whose check lines"],
    ['janus-3070-remote-prflx.log', "it looks like Janus' ICE log"],
    ['../dumps/pexip-peer-connection-stats__firefox83.json', 'it looks like getStats() results (RTCStats objects: candidate-pair, local-candidate…), which sdpscope ice reads'],
    // pion's ids, "candidate:<random>", are no candidate lines (ICE audit: three unparseable-candidate errors).
    ['pion-webrtc-2578-stats-pair.json', 'it looks like getStats() results (RTCStats objects: candidate-pair, local-candidate…), which sdpscope ice reads'],
    // Taken before ICE began: no candidate in it, a transport only (real-dump audit: a bare "no candidate found").
    ['../dumps/twilio-voice.js__chrome140_rtcstatsreport-pre-ice.json', 'it looks like getStats() results (RTCStats objects: candidate-pair, local-candidate…), which sdpscope ice reads'],
    ['../dumps/rtc-io-rtc-health__firefox36_getstats.json', 'it looks like getStats() results (RTCStats objects: candidate-pair, local-candidate…), which sdpscope ice reads'],
    // about:webrtc's ICE Stats table alone (loowid#7, Firefox 34): ice reads it (candidates audit: "README's What it reads").
    ['../dumps/loowid-issue7__firefox34_about_webrtc_ice_statistics_masked.txt', "it looks like the ICE Stats table of Firefox's about:webrtc page, whose pairs name each candidate by its address and type only: sdpscope ice reads the table"],
  ])('a real %s (a native stack\'s own print, its fields short of a candidate line): NO_SDP_FOUND names the stack and what to log instead', async (name, says) => {
    const path = join(FIXTURES, 'logs', name);
    await expect(run([path])).rejects.toMatchObject({ code: 'NO_SDP_FOUND', reason: expect.stringContaining(says) });
  });

  it('two files of a native stack\'s own print: each file\'s line names the stack too (candidates audit: the hint was lost with two files)', async () => {
    const files = ['pion-webrtc-1592-trace.log', 'pion-ice-82-selected-pair.log'].map((n) => join(FIXTURES, 'logs', n));
    let err = '';
    await expect(candidatesCommand({ files, json: false, ndjson: false, summary: false, strict: false, color: false, progress: false }, () => undefined, (x) => (err += x))).rejects.toMatchObject({ code: 'NO_SDP_FOUND' });
    for (const f of files) expect(err).toContain(`sdpscope: ${f}: no candidate, description or end of candidates in it: nothing read from it;`);
    expect(err.match(/it looks like pion\/ice's log/g)).toHaveLength(2);
  });

  it('getStats results saved minified (one long line) get the hint too (second audit of the change)', async () => {
    const minified = JSON.stringify(JSON.parse(readFileSync(join(FIXTURES, 'dumps', 'pexip-peer-connection-stats__firefox83.json'), 'utf8')));
    expect(minified.length).toBeGreaterThan(2000);
    await expect(run([file('stats.json', minified)])).rejects.toMatchObject({ code: 'NO_SDP_FOUND', reason: expect.stringContaining('it looks like getStats() results') });
  });

  it('standard input gets the same hint as a file, for candidates and parse (audit of the change: it had none)', () => {
    const input = readFileSync(join(FIXTURES, 'logs', 'pion-webrtc-1592-trace.log'), 'utf8');
    for (const args of [['candidates'], ['candidates', '-'], ['parse', '-']]) {
      const r = spawnSync(process.execPath, [join(ROOT, 'dist/bin/sdpscope.js'), ...args], { input, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("in standard input; 6 lines name a candidate type and an address in a form sdpscope does not read (line 2: ");
      expect(r.stderr).toContain("it looks like pion/ice's log");
    }
  });

  it('several files: one that gave nothing is said on stderr, the run goes on with exit 0 (README walk: not mentioned, while alone it is an error)', async () => {
    const good = file('good2.log', ALICE);
    const r = await run([good, file('nothing.txt', ''), file('words.txt', 'hello\n')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 candidate lines');
    expect(r.err).toBe(`sdpscope: ${join(dir, 'nothing.txt')}: empty: nothing read from it\nsdpscope: ${join(dir, 'words.txt')}: no candidate, description or end of candidates in it: nothing read from it\n`);
    expect((await run([good, good])).err).toBe('');
  });

  it('--ndjson says on stderr how many candidate lines had no record (audit: a log of invalid candidates printed nothing)', async () => {
    const f = file('invalid.log', 'candidate:1 1 udp notanumber 10.0.0.1 5000 typ host\ncandidate:2 1 udp 2122260223 10.0.0.1 5000 typ host\n');
    const r = await run([f], { ndjson: true });
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l).foundation)).toEqual(['2']);
    expect(r.err).toMatch(/^sdpscope: 1 candidate line could not be read, so has no record \(line 1: priority must be .*\); --json or the tables list it\n$/);
    expect((await run([join(SAMPLES, 'call.ndjson')], { ndjson: true })).err).toBe('');
  });

  it('names the file of an input finding when several files are read (audit: "line 2" of which file?)', async () => {
    const good = file('good.log', 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag AAAA\n');
    const bad = file('bad.log', 'candidate:2 1 udp 2122260223 10.0.0.2 5000 typ host ufrag BBBB\ncandidate:3 1 udp notanumber 10.0.0.3 5000 typ host\n{"broken": \n');
    const nd = await run([good, bad], { ndjson: true });
    expect(nd.err).toContain(`(${bad}:2: priority must be`);
    const table = await run([good, bad]);
    expect(table.out).toContain(`(${bad}:2)`);
    expect(table.out).toContain(`(${bad}:3)`);
    const json = JSON.parse((await run([good, bad], { json: true })).out) as { diagnostics: { kind: string; file?: string; line: number }[] };
    expect(json.diagnostics.filter((d) => d.kind === 'unparseable-candidate' || d.kind === 'invalid-json').map((d) => [d.kind, d.file, d.line])).toEqual([
      ['unparseable-candidate', bad, 2],
      ['invalid-json', bad, 3],
    ]);
    // One file: the line alone, as before.
    expect((await run([bad], { ndjson: true })).err).toContain('(line 2: priority must be');
  });

  it('names the file of every line of a session that spans files: its span, its rows, its findings (audit: "line 2" of which file?)', async () => {
    const cand = (typ: string) => `{"candidate":"candidate:1 1 udp 2122260223 10.0.0.1 5000 typ ${typ} ufrag span"}`;
    const a = file('span-a.log', cand('host') + '\n');
    const b = file('span-b.log', ['x', cand('host'), 'y', cand('host'), cand('foo')].join('\n') + '\n');
    const { out } = await run([a, b]);
    expect(out).toContain(`${a}:1–${b}:5`);
    expect(out).toMatch(new RegExp(`\\n  ${a.replace(/[.]/g, '\\.')}:1 +1 +host`));
    expect(out).toMatch(new RegExp(`\\n  ${b.replace(/[.]/g, '\\.')}:5 +1 +foo`));
    expect(out).toContain(`duplicate-candidate (${b}:2)`);
    expect(out).toContain(`candidate-unknown-type (${b}:5)`);
    const json = JSON.parse((await run([a, b], { json: true })).out) as { sessions: { lastFile?: string; origin: { file?: string } }[]; diagnostics: { kind: string; file?: string; line: number }[] };
    expect([json.sessions[0]!.origin.file, json.sessions[0]!.lastFile]).toEqual([a, b]);
    expect(json.diagnostics.filter((d) => d.kind === 'duplicate-candidate' || d.kind === 'candidate-unknown-type').map((d) => [d.kind, d.file, d.line])).toEqual([
      ['duplicate-candidate', b, 2],
      ['candidate-unknown-type', b, 5],
    ]);
    // A file that opens like a JSON document and is not one (read whole): its findings name it too.
    const doc = file('span-doc.log', '{"a":\n  1 candidate:1 1 udp 2122260223 10.0.0.3 5000 typ host\n');
    const withDoc = await run([a, doc]);
    expect(withDoc.out).toContain(`invalid-json (${doc}:1)`);
    expect(withDoc.out).toContain(`${doc}:2 `);
    // One file: lines alone, as before.
    const one = await run([b]);
    expect(one.out).toContain('lines 2–5');
    expect(one.out).toContain('duplicate-candidate (line 4)');
  });

  it('places every finding about a candidate of a one-line SDP by its input line and its line in the SDP (audit: three findings all said "line 3")', async () => {
    const sdp = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'c=IN IP4 0.0.0.0', 'a=mid:0', 'a=ice-ufrag:abcd', 'a=ice-pwd:aaaaaaaaaaaaaaaaaaaaaaaa', 'a=rtpmap:111 opus/48000/2',
      'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', 'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host', 'a=candidate:3 1 udp 2122260223 10.0.0.3 5000 typ weird', 'a=candidate:4 1 udp', ''].join('\r\n');
    const f = file('frame-sdp.log', `hello\nworld\n${JSON.stringify({ type: 'offer', sdp })}\n`);
    const { out } = await run([f]);
    expect(out).toContain('duplicate-candidate (line 3, sdp 12)');
    expect(out).toContain('candidate-unknown-type (line 3, sdp 13)');
    expect(out).toContain('unparseable-candidate (line 3, sdp 14)');
    expect(out).toMatch(/\n  3 \(sdp 11\) +0 +1 +host/);
    const json = JSON.parse((await run([f], { json: true })).out) as { diagnostics: { kind: string; line: number; sdpLine?: number }[] };
    expect(json.diagnostics.filter((d) => d.sdpLine !== undefined).map((d) => [d.kind, d.line, d.sdpLine])).toEqual(
      expect.arrayContaining([['duplicate-candidate', 3, 12], ['candidate-unknown-type', 3, 13], ['unparseable-candidate', 3, 14]]),
    );
    expect((await run([f], { ndjson: true })).err).toContain('(line 3, sdp 14: ');
  });

  it('clears its progress line before an error is printed (audit: the error was written onto it)', async () => {
    const f = file('strict-progress.log', 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n'.repeat(2000) + 'candidate:2 1 udp notanumber 10.0.0.1 5000 typ host\n');
    let err = '';
    const run = candidatesCommand({ files: [f], json: false, ndjson: false, summary: true, strict: true, color: false, progress: true }, () => undefined, (s) => (err += s));
    await expect(run).rejects.toMatchObject({ code: 'CANDIDATE_PRIORITY' });
    expect(err).toMatch(/^\r.*strict-progress\.log: \d+% /);
    expect(err.endsWith('\r\x1b[K')).toBe(true);
  });

  it('words "empty" and "nothing found" as parse does, naming standard input in words', () => {
    const say = (args: string[], input: string) => spawnSync(process.execPath, [join(ROOT, 'dist/bin/sdpscope.js'), ...args], { input, encoding: 'utf8' }).stderr;
    expect(say(['candidates'], ' \n')).toBe('sdpscope: standard input is empty [EMPTY_INPUT]\n');
    expect(say(['parse', '-'], ' \n')).toBe('sdpscope: standard input is empty [EMPTY_INPUT]\n');
    expect(say(['candidates'], 'hello\n')).toBe('sdpscope: no candidate found in standard input [NO_SDP_FOUND]\n');
    expect(say(['parse', '-'], 'hello\n')).toBe('sdpscope: no SDP and no candidate found in standard input [NO_SDP_FOUND]\n');
  });

  it('a description\'s session with no candidate naming its ufrag says where ufrag-less ones are (gstwebrtc-demos#125: "none of its candidates is in the input" of a GStreamer offer whose own candidate was)', async () => {
    const { out } = await run([join(FIXTURES, 'candidates/gstwebrtc-demos-125__gstreamer-offer-ufragless-trickle-libnice.log')]);
    expect(out).toContain('session spGjH67qbyuQxyBKO7t+N68GRwbwF1pX  lines 3–3\n  0 candidates\n  known from its SDP only: no candidate in the input names its ufrag (if the input has candidates that name none, as GStreamer and Firefox write them, they are in a session of their own, "no ufrag")');
    expect(out).toMatch(/session no ufrag {2}lines 4–4\n {2}1 candidate: host 1/);
  });

  it('a candidate after its session\'s end of candidates is said, of a session its ufrag names; not of another m-section\'s, nor of candidates without a ufrag (an ICE restart or another call may be theirs: UCI_OmletRTC#2\'s page log, rtpengine-258\'s two calls)', async () => {
    const frame = (mid: string, c: string | null) => JSON.stringify({ type: 'candidate', candidate: c === null ? null : { candidate: c, sdpMid: mid, usernameFragment: 'AAAA' } });
    const end = JSON.stringify({ type: 'candidate', candidate: { candidate: '', sdpMid: '0', usernameFragment: 'AAAA' } });
    const after = await run([file('after-end.ndjson', [frame('0', 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag AAAA'), end, frame('0', 'candidate:2 1 udp 1686052607 203.0.113.7 6000 typ srflx raddr 10.0.0.1 rport 5000 ufrag AAAA')].join('\n'))]);
    expect(after.out).toContain('warning candidate-after-end (line 3): srflx 203.0.113.7:6000 came after the end of candidates on line 2: an agent sends no more candidates after its end-of-candidates (a new one means an ICE restart, a new ufrag), so either this agent broke that or the end was the other side\'s');
    const other = await run([file('after-end-mids.ndjson', [frame('0', 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag AAAA'), end, frame('1', 'candidate:2 1 udp 2122260223 10.0.0.1 5002 typ host ufrag AAAA')].join('\n'))]);
    expect(other.out).not.toContain('candidate-after-end');
    const omlet = await run([join(FIXTURES, 'candidates/uci-omletrtc-2__chrome2015-app-log-gathering-complete-before-peer-tcp.log')]);
    expect(omlet.out).not.toContain('candidate-after-end');
  });

  it('reads stdin when no file is given (the built binary)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/bin/sdpscope.js'), 'candidates', '--summary'], { input: sample('candidates.json'), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('session N/KY');
    expect(r.stderr).toBe('');
  });
});
