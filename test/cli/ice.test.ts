/** `sdpscope ice` from the command line on real dumps: text, JSON, gzip, stdin, --pc, exit codes, bad input. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scratchDir } from '../support/scratch.js';

const __dirname = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(__dirname, '../..');
const DUMPS = join(ROOT, 'test/fixtures/dumps');
const run = (args: string[], input?: string | Buffer) => spawnSync(process.execPath, [join(ROOT, 'dist/bin/sdpscope.js'), 'ice', '--no-color', ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });

describe('sdpscope ice', () => {
  it('text: the verdict first, what to do, the pair grid with the selected pair, the timeline; exit 1 when ICE did not connect', () => {
    const r = run([join(DUMPS, 'jitsi-rtcstats-server__chrome-standard-pc-failed')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^peer connection PC_0 {2}https:\/\/192\.168\.245\.128:8080\/\S+ {2}\(rtcstats, Chrome\/99\.0\.4844\.51\)\n✗ dtls-failed: ICE stayed connected, but the secure transport \(DTLS\) failed at \+15\.6s after it had been up since \+1\.3s: not the handshake/);
    expect(r.stdout).toMatch(/^ {2}what to do: The path works. When the secure channel never came up: .* When it was up and then failed: a renegotiation/m);
    expect(r.stdout).toMatch(/^ {2}\*n +prflx udp x\.x\.x\.x:53073 +srflx udp x\.x\.x\.x:10000 +succeeded +1\/28 +46\/46 +27 +192 ms +273529\/7817172\s*$/m);
    expect(r.stdout).toMatch(/^ +0\.729s ICE connection state connected$/m);
    expect(r.stdout).toMatch(/^✗ checks-unanswered: Connectivity checks went out on 5 pair\(s\)/m);
  });

  it('a connected call exits 0; gzip and stdin read the same', () => {
    const file = join(DUMPS, 'lab/turn-tcp-only__webrtc_internals_dump.gz');
    const r = run([file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^✓ connected: ICE connected through a TURN relay over TCP/m);
    expect(run(['-'], readFileSync(file)).stdout).toBe(r.stdout);
  });

  it('a page address of 50 MB is cut at 200 characters in the text (ICE audit: printed whole, one 50 MB line); --json keeps it whole', () => {
    const dump = JSON.parse(readFileSync(join(ROOT, 'samples/webrtc-internals-dump.json'), 'utf8')) as { PeerConnections: Record<string, { url: string }> };
    for (const pc of Object.values(dump.PeerConnections)) pc.url = `https://example.org/${'a'.repeat(1_000_000)}`;
    const r = run(['-'], JSON.stringify(dump));
    expect(r.status).toBe(0);
    const head = r.stdout.split('\n')[0]!;
    expect(head).toContain(`https://example.org/${'a'.repeat(180)}…`);
    expect(head.length).toBeLessThan(300);
    expect(r.stdout.length).toBeLessThan(100_000);
  });

  it('no secret of the lab\'s page (its TURN credential, in the page URL and the configuration) comes out', () => {
    for (const f of ['lost-mid-call__webrtc_internals_dump.gz', 'lost-mid-call__rtcstats_dump.gz', 'turn-tcp-only__rtcstats_dump.gz']) {
      for (const args of [[], ['--json']]) expect(run([join(DUMPS, 'lab', f), ...args]).stdout).not.toContain('lab-secret');
    }
  });

  it('several files: each under its name (one without a peer connection says so); --json as {files: [...]}', () => {
    const files = [join(DUMPS, 'lab/turn-tcp-only__webrtc_internals_dump.gz'), join(DUMPS, 'cla-check-test__webrtc_internals_dump.txt')];
    const r = run(files);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^== .*cla-check-test__webrtc_internals_dump\.txt\nno peer connection in this dump$/m);
    const j = JSON.parse(run([...files, '--json']).stdout) as { files: { file: string; peerConnections: unknown[] }[] };
    expect(j.files.map((f) => f.peerConnections.length)).toEqual([1, 0]);
  });

  it('--pc FILE with the id forgotten: said so (README walk: "standard input is empty"); a dump piped in is still read', () => {
    const r = run(['--pc', join(ROOT, 'samples/webrtc-internals-dump.json')], '');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^sdpscope: --pc takes a peer connection id, and ".*webrtc-internals-dump\.json" is a file: sdpscope ice FILE --pc ID .*\[USAGE\]\n$/);
    // An id that is also a file's name, with the dump on standard input (audit of the change: refused).
    const cwd = scratchDir('pc-');
    writeFileSync(join(cwd, '8-2'), 'a file named as the id');
    const piped = spawnSync(process.execPath, [join(ROOT, 'dist/bin/sdpscope.js'), 'ice', '--no-color', '--pc', '8-2'], { cwd, input: readFileSync(join(ROOT, 'samples/webrtc-internals-dump.json')), encoding: 'utf8' });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toContain('peer connection 8-2');
  });

  it('an SDP or a signaling log given for a dump: said what it is and who reads it (README walk: V8\'s JSON error alone)', () => {
    expect(run([join(ROOT, 'samples/chromium156-answer.sdp')]).stderr).toMatch(/not a stats dump: .*; it holds an SDP: sdpscope parse and sdp-diff \(parseSdp, readInput\) read those \[NOT_A_DUMP\]\n$/);
    for (const f of ['samples/alice.log', 'samples/offer.json', 'samples/call.ndjson']) expect(run([join(ROOT, f)]).stderr).toMatch(/; it holds signaling \(SDPs, candidates\): sdpscope parse, candidates and sdp-diff \(readInput\) read those \[NOT_A_DUMP\]\n$/);
    expect(run([join(ROOT, 'README.md')]).stderr).not.toContain('it holds');
  });

  it('several files, some unreadable: each said on stderr, the others reported, exit 2; --json lists them in unread', () => {
    const good = join(ROOT, 'samples/webrtc-internals-dump.json');
    const r = run([join(ROOT, 'samples/offer.json'), good, '/no/such/dump']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^sdpscope: .*samples\/offer\.json: not a stats dump: .*\[NOT_A_DUMP\]$/),
      expect.stringMatching(/^sdpscope: .*\/no\/such\/dump.*\[FILE_NOT_FOUND\]$/),
    ]);
    expect(r.stdout).toMatch(/^== .*samples\/webrtc-internals-dump\.json\npeer connection 8-1/m);
    expect(r.stdout).not.toContain('offer.json');
    const j = JSON.parse(run([join(ROOT, 'samples/offer.json'), good, '--json']).stdout) as { files: { file: string }[]; unread: { file: string; error: { code: string } }[] };
    expect(j.files.map((f) => f.file)).toEqual([good]);
    expect(j.unread).toEqual([{ file: join(ROOT, 'samples/offer.json'), error: { code: 'NOT_A_DUMP', message: expect.stringContaining('not a stats dump') } }]);
    // Standard input twice: a usage error, as candidates says it.
    const twice = run(['-', '-'], readFileSync(join(ROOT, 'samples/lab-no-nomination.about_webrtc_report.json')));
    expect([twice.status, twice.stderr]).toEqual([2, 'sdpscope: standard input can be read only once [USAGE]\n']);
    // None readable, --json: its document still, with every file unread.
    const noneJson = run([join(ROOT, 'samples/offer.json'), '/no/such/dump', '--json']);
    expect(noneJson.status).toBe(2);
    expect((JSON.parse(noneJson.stdout) as { files: unknown[]; unread: { error: { code: string } }[] })).toMatchObject({ files: [], unread: [{ error: { code: 'NOT_A_DUMP' } }, { error: { code: 'FILE_NOT_FOUND' } }] });
    // None readable: each said, exit 2, nothing on stdout.
    const none = run([join(ROOT, 'samples/offer.json'), '/no/such/dump']);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr.trim().split('\n')).toHaveLength(2);
    // Readable but without peer connections beside an unreadable one: the readable ones named.
    const empty = run([join(DUMPS, 'cla-check-test__webrtc_internals_dump.txt'), '/no/such/dump']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/cla-check-test__webrtc_internals_dump\.txt: no peer connection in this dump .*\[NO_PEER_CONNECTION\]$/m);
  });

  it('--pc over several files: a file without that peer connection says so, with its ids (ICE audit: "no peer connection in this dump")', () => {
    const r = run(['--pc', '8-2', join(ROOT, 'samples/webrtc-internals-dump.json'), join(ROOT, 'samples/lab-no-nomination.about_webrtc_report.json')]);
    expect(r.stdout).toContain('peer connection 8-2');
    expect(r.stdout).toContain('no peer connection "8-2" in this dump (its ids: 15032385537)');
    // None anywhere: the ids of each file, by file (audit of the change: one list, no file per id).
    const none = run(['--pc', '9-9', join(ROOT, 'samples/webrtc-internals-dump.json'), join(ROOT, 'samples/lab-no-nomination.about_webrtc_report.json')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(`the ids are ${join(ROOT, 'samples/webrtc-internals-dump.json')}: 8-1, 8-2; ${join(ROOT, 'samples/lab-no-nomination.about_webrtc_report.json')}: 15032385537`);
    // --json keeps its contract: no field for this.
    const j = JSON.parse(run(['--json', '--pc', '8-2', join(ROOT, 'samples/webrtc-internals-dump.json'), join(ROOT, 'samples/lab-no-nomination.about_webrtc_report.json')]).stdout) as { files: Record<string, unknown>[] };
    expect(Object.keys(j.files[1]!).sort()).toEqual(['cut', 'file', 'format', 'notes', 'peerConnections', 'userAgent']);
  });

  it('a cut rtcstats dump: the note first in the text, in notes in the JSON', () => {
    const text = gunzipSync(readFileSync(join(DUMPS, 'lab/lost-mid-call__rtcstats_dump.gz'))).toString('utf8').trimEnd();
    const cut = text.slice(0, text.lastIndexOf('\n') + 30);
    const r = run(['-'], cut);
    expect(r.stdout).toMatch(/^! the dump is cut: its last line \(\d+\) stops in the middle/);
    // Exit 1 whatever the verdicts: they are of what came before the cut (audit of the change: "connected", exit 0).
    expect(r.status).toBe(1);
    expect(JSON.parse(run(['-', '--json'], cut).stdout)).toMatchObject({ cut: true, notes: [expect.stringMatching(/^the dump is cut/)] });
    // A gzip cut short is said to be cut.
    const gz = readFileSync(join(DUMPS, 'lab/lost-mid-call__rtcstats_dump.gz'));
    expect(run(['-'], gz.subarray(0, 3000))).toMatchObject({ status: 2, stderr: expect.stringMatching(/is gzip cut short \(unexpected end of file\): a download or copy that stopped early; take it again \[FILE_UNREADABLE\]\n$/) });
  });

  it('--json and --pc: one peer connection, the contract\'s fields', () => {
    const r = run([join(DUMPS, 'xuyu130-webrtc__webrtc_internals_dump.txt'), '--pc', '12-2', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { format: string; peerConnections: { id: string; verdict: { code: string } }[] };
    expect(j.format).toBe('webrtc-internals');
    expect(j.peerConnections.map((p) => [p.id, p.verdict.code])).toEqual([['12-2', 'connected']]);
  });

  it.each([
    [['--pc', 'nope', 'test/fixtures/dumps/xuyu130-webrtc__webrtc_internals_dump.txt'], /^sdpscope: no peer connection "nope" in .*: the ids are 11-1, 12-2 \[NO_PEER_CONNECTION\]$/],
    [['samples/offer.json'], /^sdpscope: samples\/offer\.json: not a stats dump: expected a chrome:\/\/webrtc-internals dump .* \[NOT_A_DUMP\]$/],
    [['test/fixtures/dumps/cla-check-test__webrtc_internals_dump.txt'], /no peer connection in this dump \(was webrtc-internals opened before the call\?\) \[NO_PEER_CONNECTION\]$/],
    // The hint for the tool that made the dump (audit: rtcstats was asked about webrtc-internals).
    [['test/fixtures/dumps/rtcstats-rtcstats__gumonly.jsonl'], /no peer connection in this dump \(the rtcstats client saw no RTCPeerConnection: .*\) \[NO_PEER_CONNECTION\]$/],
    // A dump cut short (a download that stopped): said so, not "not a stats dump" (audit).
    [['test/fixtures/cut-internals-dump.json'], /^sdpscope: test\/fixtures\/cut-internals-dump\.json: the dump is cut: its JSON stops in the middle of a value after 60,000 characters .* \[NOT_A_DUMP\]$/],
    [['/no/such/dump'], /\[FILE_NOT_FOUND\]$/],
    // The name once (it was "…/empty.txt: …/empty.txt is empty").
    [['test/fixtures/empty.txt'], /^sdpscope: test\/fixtures\/empty\.txt is empty \[EMPTY_INPUT\]$/],
  ])('bad input %j: one line, exit 2', (args, message) => {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/bin/sdpscope.js'), 'ice', ...args], { encoding: 'utf8', cwd: ROOT });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
