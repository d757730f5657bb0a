/** `sdpscope probe` from the command line, against the scripted loopback server: text, JSON, exit codes, bad input. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iceServersOf } from '../../cli/commands/probe.js';
import { startScriptedServer, type ScriptedServer } from '../support/stun-server.js';
import { scratchDir } from '../support/scratch.js';

const __dirname = fileURLToPath(new URL('.', import.meta.url));
const CLI = resolve(__dirname, '../../dist/bin/sdpscope.js');

/** The CLI, asynchronously (the scripted server runs in this process). */
function cli(args: readonly string[], stdin = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const c = spawn(process.execPath, [CLI, 'probe', '--no-color', '--timeout', '400', ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    c.stdin.end(stdin);
    c.on('close', (status) => done({ status, stdout, stderr }));
  });
}

let s: ScriptedServer;
beforeAll(async () => {
  s = await startScriptedServer();
});
afterAll(async () => {
  await s.close();
});

describe('sdpscope probe', () => {
  it('a host name with no DNS answer (in a network namespace of loopback only, so no query leaves): EAI_AGAIN said as no answer from a resolver, not "no such name", and the NAT evidence says the UDP server did not resolve, not "only TCP or TLS" (probe audit)', async () => {
    const r = await new Promise<{ status: number | null; stdout: string }>((done) => {
      const c = spawn('unshare', ['-n', process.execPath, CLI, 'probe', '--no-color', '--timeout', '800', 'stun:nonexistent.invalid'], { env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      c.on('close', (status) => done({ status, stdout }));
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {4}no DNS answer for nonexistent\.invalid \(EAI_AGAIN: a temporary failure: no resolver reachable from here, or it did not answer in time\)/m);
    expect(r.stdout).toMatch(/^ {2}- no STUN server over UDP could be asked: the host name of each one given did not resolve/m);
    expect(r.stdout).not.toMatch(/only TCP or TLS/);
  });

  it('text: each server with its steps, the NAT with its evidence, the P2P table; exit 0', async () => {
    const r = await cli([`stun:127.0.0.1:${s.port}`, `turn:127.0.0.1:${s.port}?transport=udp`, '--username', 'u', '--credential', 'p']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^✓ stun:127\\.0\\.0\\.1:${s.port}  udp, mapped 127\\.0\\.0\\.1:\\d+, [\\d.]+ ms, "scripted"$`, 'm'));
    expect(r.stdout).toMatch(/^✓ turn:\S+  udp, mapped 127\.0\.0\.1:\d+, [\d.]+ ms, relayed 127\.0\.0\.1:\d+, relays both ways, "scripted"$/m);
    expect(r.stdout).toMatch(/^ {4}Refresh lifetime 0: 127\.0\.0\.1:\d+ freed$/m);
    // A server on loopback sees no NAT, which says nothing of the way to the internet: no type, no P2P table (it was "open").
    expect(r.stdout).toMatch(/^NAT: unknown {2}\(RFC 5780 tests against stun:/m);
    expect(r.stdout).toMatch(/^ {2}mapping: none, filtering: endpoint-independent$/m);
    expect(r.stdout).toMatch(/^ {2}- the server saw 127\.0\.0\.1, an address no one has on the internet: it is inside this network/m);
    expect(r.stdout).not.toMatch(/needs TURN/);
  });

  it('the P2P table under a NAT told (the report of a public host, rendered): each peer type and its path', async () => {
    const { renderProbe } = await import('../../cli/render/probe.js');
    const { makeStyle } = await import('../../cli/render/style.js');
    const { classifyNat, pathTable } = await import('../../src/stun/nat.js');
    const here = { address: '198.51.100.7', port: 40000 };
    const nat = { ...classifyNat({ local: here, udpAnswered: true, otherAddress: { address: '198.51.100.9', port: 3479 }, mapping: { i: here }, filtering: { i: true, ii: true } }), server: 'stun:198.51.100.8', local: here };
    const text = renderProbe({ servers: [], nat, paths: pathTable(nat.type) } as never, makeStyle(false));
    expect(text).toMatch(/^NAT: no NAT \(open: the mapped address is the local one\)/m);
    expect(text).toMatch(/^ {2}udp-blocked +needs TURN \(relay\)$/m);
    expect(text).toMatch(/^ {2}symmetric +direct path works$/m);
  });

  it('--json: the contract\'s fields; a failed server exits 1 with its error explained', async () => {
    const r = await cli([`turn:127.0.0.1:${s.port}`, '--username', 'u', '--credential', 'nope', '--json']);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout) as { servers: Record<string, unknown>[]; nat: Record<string, unknown> };
    expect(Object.keys(j.servers[0]!)).toEqual(expect.arrayContaining(['url', 'transport', 'ok', 'rttMs', 'mapped', 'relayed', 'error']));
    expect(j.servers[0]).toMatchObject({ url: `turn:127.0.0.1:${s.port}`, transport: 'udp', ok: false, relayed: null, error: { code: 'unauthorized', reason: 'Allocate: 401 Unauthorized' } });
    expect(Object.keys(j.nat)).toEqual(expect.arrayContaining(['mapping', 'filtering', 'type', 'evidence']));
  });

  it('--ice-servers: an RTCConfiguration from a file or stdin, credentials in it', async () => {
    const dir = scratchDir('sdpscope-probe-');
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ iceServers: [{ urls: [`turn:127.0.0.1:${s.port}?transport=udp`], username: 'u', credential: 'p' }] }));
    const fromFile = await cli(['--ice-servers', file, '--json', '--no-nat']);
    expect(fromFile.status).toBe(0);
    expect(JSON.parse(fromFile.stdout).servers[0]).toMatchObject({ ok: true, relayVerified: true });
    const fromStdin = await cli(['--ice-servers', '-', '--json', '--no-nat'], JSON.stringify([{ urls: `stun:127.0.0.1:${s.port}` }]));
    expect(fromStdin.status).toBe(0);
  });

  it.each([
    [[], /^sdpscope: name a server: sdpscope probe stun:host\[:port\]/],
    [['http://x'], /^sdpscope: "http:\/\/x" is not a STUN or TURN URI: the scheme is not stun:.* \[ICE_SERVER_URI\]$/],
    [['stun:h:0'], /port 0 is out of range/],
    [['--ice-servers', '-'], /standard input: not JSON .* \[ICE_SERVERS_FILE\]$/],
    [['--ice-servers', '/no/such/file'], /\[FILE_NOT_FOUND\]$/],
    [['stun:h', '--timeout', '0'], /--timeout/],
    [['-'], /^sdpscope: "-" is not a STUN or TURN URI: .* \[ICE_SERVER_URI\]$/],
    [['--', '--json'], /^sdpscope: "--json" is not a STUN or TURN URI/],
    [['turn:[1.2.3.4]'], /brackets are for IPv6 only/],
  ])('bad input %j: one line, exit 2, no stack', async (args, message) => {
    const r = await cli(args, 'not json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr.split('\n').length).toBe(2);
  });
});

describe('sdpscope probe, the rest of the command line', () => {
  it('after "--", a URI is a URI; an empty iceServers file is said to be empty', async () => {
    const r = await cli(['--no-nat', '--json', '--', `stun:127.0.0.1:${s.port}`]);
    expect(r.status).toBe(0);
    const empty = await cli(['--ice-servers', '-'], '[]');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('sdpscope: standard input: the iceServers list is empty [ICE_SERVERS_FILE]\n');
  });

  it.each([
    ['SIGINT', 130, 'Ctrl-C'],
    ['SIGTERM', 143, 'SIGTERM'],
  ] as const)('%s during a TURN check: the allocation is freed, the report printed, exit %i (probe audit: SIGTERM was 130, said as Ctrl-C)', async (sig, code, said) => {
    const slow = await startScriptedServer({ delayAllocateMs: 600 });
    try {
      const c = spawn(process.execPath, [CLI, 'probe', '--no-color', '--no-nat', `turn:127.0.0.1:${slow.port}`, '--username', 'u', '--credential', 'p']);
      let stdout = '';
      c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      // Interrupted once its signed Allocate (the second: the first is answered 401) is at the
      // server, held there 600 ms; not at a fixed time: on a loaded machine the CLI may not have
      // started by then (bounded: 10 s).
      const allocates = () => slow.seen.filter((m) => m === 'allocate').length;
      for (let waited = 0; allocates() < 2 && waited < 10_000; waited += 10) await new Promise((done) => setTimeout(done, 10));
      expect(allocates()).toBe(2);
      c.kill(sig);
      const status = await new Promise<number | null>((done) => c.on('close', done));
      expect(status).toBe(code);
      expect(stdout).toMatch(/interrupted: Allocate: interrupted/);
      expect(stdout).toContain(`the probe was interrupted (${said})`);
      await new Promise((done) => setTimeout(done, 500));
      expect(slow.allocations()).toBe(0);
    } finally {
      await slow.close();
    }
  });
});

describe('--deadline', () => {
  it('bounds the whole probe: the check under way ends as deadline, exit 1; a bad value is a usage error', async () => {
    const slow = await startScriptedServer({ delayAllocateMs: 3000 });
    try {
      const started = Date.now();
      const r = await cli(['--no-nat', '--deadline', '500', '--timeout', '5000', `turn:127.0.0.1:${slow.port}`, '--username', 'u', '--credential', 'p']);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/deadline: Allocate: the probe's deadline passed/);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await slow.close();
    }
    const bad = await cli(['--deadline', '0', `stun:127.0.0.1:${s.port}`]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--deadline/);
  });
});

describe('iceServersOf', () => {
  it('reads an array or an RTCConfiguration; names the entry that is wrong', () => {
    expect(iceServersOf('[{"urls":"stun:a"}]', 'f')).toEqual([{ urls: 'stun:a' }]);
    // A byte order mark first (probe audit: "not JSON").
    expect(iceServersOf('\ufeff[{"urls":"stun:a"}]', 'f')).toEqual([{ urls: 'stun:a' }]);
    expect(iceServersOf('{"iceServers":[{"urls":["turn:a"],"username":"u","credential":"c"}]}', 'f')).toEqual([{ urls: ['turn:a'], username: 'u', credential: 'c' }]);
    expect(iceServersOf('[{"url":"stun:a"}]', 'f')).toEqual([{ urls: 'stun:a' }]);
    expect(() => iceServersOf('{"servers":[]}', 'f')).toThrow(/f: expected an iceServers array/);
    expect(() => iceServersOf('[{"urls":[]}]', 'f')).toThrow(/iceServers\[0\] has no urls/);
    expect(() => iceServersOf('[{"urls":"stun:a","credential":5}]', 'f')).toThrow(/iceServers\[0\]\.credential is not a string/);
  });
  it('says an entry named by the old "url" key, and names the entry of a URI that is wrong (probe audit)', () => {
    const notes: string[] = [];
    expect(iceServersOf('[{"url":"stun:a"}]', 'f', notes)).toEqual([{ urls: 'stun:a' }]);
    expect(notes).toEqual(['f: iceServers[0] names its server with "url", the old key; RTCIceServer has "urls" (a browser may refuse the configuration)']);
    expect(() => iceServersOf('[{"urls":["stun:a","stun:nope:99999"]}]', 'f')).toThrow(expect.objectContaining({ code: 'ICE_SERVER_URI', message: expect.stringMatching(/^f: iceServers\[0\]\.urls\[1\]: "stun:nope:99999" is not a STUN or TURN URI: port 99999 is out of range/) }));
    expect(() => iceServersOf('[{"urls":"turn:u:pw@h"}]', 'f')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('pw') }));
  });
  it('refuses empty TURN credentials, which a browser allocates nothing with (it sent them, and blamed the server\'s 401); a STUN entry\'s are no matter', () => {
    expect(() => iceServersOf('[{"urls":["turn:a"],"username":"","credential":"c"}]', 'f')).toThrow(expect.objectContaining({ code: 'ICE_SERVERS_FILE', message: 'f: iceServers[0].username is empty: a browser starts no TURN allocation with empty credentials (no relay candidate); give the TURN server\'s username' }));
    expect(() => iceServersOf('[{"urls":"turns:a","username":"u","credential":""}]', 'f')).toThrow(/iceServers\[0\]\.credential is empty/);
    expect(iceServersOf('[{"urls":"stun:a","username":"","credential":""}]', 'f')).toEqual([{ urls: 'stun:a', username: '', credential: '' }]);
  });
  it('refuses a TURN entry with no username or no credential: a browser refuses the whole configuration (InvalidAccessError; probe audit of 2026-12-07: it passed ✓)', () => {
    expect(() => iceServersOf('[{"urls":"stun:s"},{"urls":"turn:a"}]', 'f')).toThrow(expect.objectContaining({ code: 'ICE_SERVERS_FILE', message: 'f: iceServers[1] is a TURN server with no username: a browser refuses the whole configuration (new RTCPeerConnection and setConfiguration throw InvalidAccessError), its other servers with it; give its username (an open relay takes any)' }));
    expect(() => iceServersOf('[{"urls":["turns:a"],"username":"u"}]', 'f')).toThrow(/iceServers\[0\] is a TURN server with no credential/);
    // A STUN entry needs none.
    expect(iceServersOf('[{"urls":"stun:a"}]', 'f')).toEqual([{ urls: 'stun:a' }]);
  });
});
