/**
 * The commands as a user types them in a shell: real processes, real pipes, real standard input,
 * the environment variables people set. Each case is a defect a first hour of real use found
 * (the CLI issue); each runs the built programs through bash.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRelay, type Relay } from '../../src/node/relay/index.js';
import { runClient } from '../../src/node/client.js';
import { until } from '../support/relay.js';
import { sample } from '../support/corpus.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const dir = mkdtempSync(join(tmpdir(), 'sdpscope-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a bash command line from the project root, `sdpscope` and `sdp-diff` being the built programs. */
function shell(line: string, o: { env?: Record<string, string | undefined> }): [string, string[], { cwd: string; env: NodeJS.ProcessEnv }] {
  const cmd = line.replace(/(^|[\s|;&(])(sdpscope|sdp-diff)(?=\s|$)/g, (_m, before: string, bin: string) => `${before}node ${join(ROOT, `dist/bin/${bin}.js`)}`);
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...o.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return ['bash', ['-c', `set -o pipefail; ${cmd}`], { cwd: ROOT, env: env as NodeJS.ProcessEnv }];
}
function sh(line: string, o: { input?: string; env?: Record<string, string | undefined> } = {}) {
  const [cmd, args, opts] = shell(line, o);
  const r = spawnSync(cmd, args, { ...opts, input: o.input ?? '', encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
/** As sh, without blocking this process (for commands that talk to a relay running in it). */
function shAsync(line: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const [cmd, args, opts] = shell(line, {});
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** A log big enough that `| head -1` closes the pipe while the command still writes. */
const bigLog = () => {
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) lines.push(`{"type":"candidate","candidate":"candidate:${i} 1 udp 2122260223 10.0.${i >> 8 & 255}.${i & 255} ${5000 + (i % 1000)} typ host ufrag u${i % 3000}","sdpMid":"0"}`);
  return file('big.log', lines.join('\n') + '\n');
};

describe('a closed pipe (| head) ends the command quietly, with 0', () => {
  let big = '';
  beforeAll(() => {
    big = bigLog();
  });
  it.each([
    ['candidates --ndjson', 'sdpscope candidates --ndjson BIG | head -1'],
    ['candidates (tables)', 'sdpscope candidates BIG | head -1'],
    ['candidates --summary', 'sdpscope candidates --summary BIG | head -1'],
    ['candidates --json', 'sdpscope candidates --json BIG | head -c 100'],
    ['parse --json', 'sdpscope parse --json BIG | head -1'],
    ['parse', 'sdpscope parse BIG | head -1'],
  ])('%s', (_what, line) => {
    const r = sh(line.replace('BIG', big));
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout.length).toBeGreaterThan(0);
  });

  it('relay | head -1: the relay stops as on SIGTERM, its log flushed and saying why (it exited at once with an empty log)', () => {
    const log = join(dir, 'head.ndjson');
    const r = sh(`sdpscope relay --host 127.0.0.1 --port 0 --log ${log} | head -1`);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^signaling +ws:\/\/127\.0\.0\.1:\d+\n$/);
    const events = readFileSync(log, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { event: string; detail: string }));
    expect(events.map((e) => e.event)).toEqual(['listening', 'stopped']);
    expect(events[1]!.detail).toBe('standard output closed; log flushed');
  });
});

describe('standard output that cannot be written (> /dev/full) is one coded line and exit 2, never a stack trace', () => {
  let big = '';
  beforeAll(() => {
    big = bigLog();
  });
  it.each([
    ['candidates --ndjson (thread)', 'sdpscope candidates --ndjson BIG'],
    ['candidates (tables)', 'sdpscope candidates BIG'],
    ['candidates --summary', 'sdpscope candidates --summary samples/alice.log'],
    ['candidates --json', 'sdpscope candidates --json BIG'],
    ['parse --json', 'sdpscope parse --json BIG'],
    ['parse', 'sdpscope parse samples/offer.json'],
    ['ice', 'sdpscope ice samples/webrtc-internals-dump.json'],
    ['sdp-diff', 'sdp-diff samples/offer.json samples/answer.json'],
  ])('%s', (_what, line) => {
    const r = sh(line.replace('BIG', big) + ' > /dev/full');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^(sdpscope|sdp-diff): cannot write standard output: no space left on the device \[OUTPUT_UNWRITABLE\]\n$/);
  });
});

describe('a binary input is refused before anything is written, as a file or on standard input', () => {
  it('- < photo.bin and a .tar.gz: FILE_BINARY, exit 2, nothing on stdout (the first file\'s output was written, then cut)', () => {
    const bin = Buffer.from(Array.from({ length: 1 << 16 }, (_, i) => (i * 7919 + (i >> 7)) % 256));
    const photo = join(dir, 'photo.bin');
    writeFileSync(photo, bin);
    const tgz = join(dir, 'logs.tar.gz');
    writeFileSync(tgz, gzipSync(bin));
    for (const [line, name] of [
      [`sdpscope candidates --json samples/alice.log - < ${photo}`, 'standard input'],
      [`sdpscope candidates --json samples/alice.log - < ${tgz}`, 'standard input (gunzipped)'],
      [`sdpscope candidates --json samples/alice.log ${tgz}`, `${tgz} (gunzipped)`],
    ] as const) {
      const r = sh(line);
      expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `sdpscope: ${name} holds binary data, not text [FILE_BINARY]\n`]);
    }
    // Standard input opened on a directory is said to be one (it read as empty).
    for (const line of ['sdpscope parse 0</tmp', 'sdpscope candidates 0</tmp', 'sdp-diff samples/offer.json - 0</tmp']) {
      const d = sh(line);
      expect([d.status, d.stderr]).toEqual([2, `${line.split(' ')[0]}: standard input is a directory, not a file [FILE_IS_DIRECTORY]\n`]);
    }
    // Standard input is checked where it stands, and not taken from: what follows a line read before is all read.
    const text = file('after.log', 'binary-looking first line? no: \n' + readFileSync(join(ROOT, 'samples/alice.log'), 'utf8'));
    const r = sh(`(read -r first; sdpscope candidates --summary -) < ${text}`);
    expect(r.status).toBe(0);
    const totals = (out: string) => out.trim().split('\n').pop();
    expect(totals(r.stdout)).toBe(totals(sh('sdpscope candidates --summary samples/alice.log').stdout));
  });
});

describe('standard input with -, in every file position', () => {
  let relay: Relay;
  beforeAll(async () => {
    relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, feed: false });
  });
  afterAll(() => relay.close());

  it('cat samples/call.ndjson | sdpscope client --send - --expect 0 sends every frame (to a peer in the room: alone, it is told nobody got them)', async () => {
    const peer = runClient({ url: relay.url, room: 'stdin', expect: 11, timeoutMs: 10_000 });
    await until(() => (relay.rooms().get('stdin') ?? []).length === 1);
    const r = await shAsync(`cat samples/call.ndjson | sdpscope client ${relay.url} --room stdin --send - --expect 0 --no-color`);
    expect([r.status, r.stderr]).toEqual([0, 'sent 11 frames, received 0 frames\n']);
    expect((await peer).callFrames).toBe(11);
    const alone = await shAsync(`cat samples/call.ndjson | sdpscope client ${relay.url} --room alone --send - --expect 0 --no-color`);
    expect(alone.status).toBe(1);
    expect(alone.stderr).toMatch(/nobody else is in room alone: the frame was (logged, )?not delivered \(no-recipients/);
  });

  it('client --room \'\' is a usage error (it joined the default room without a word; probe audit)', () => {
    const r = sh(`sdpscope client ws://127.0.0.1:1 --room ''`);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--room is empty: name a room, or leave --room out for the relay\'s default room');
  });

  it('probe with an empty --username or --credential is a usage error (they were sent, and the 401 blamed on them; probe audit)', () => {
    for (const args of [`--username '' --credential x`, `--username u --credential ''`]) {
      const r = sh(`sdpscope probe turn:127.0.0.1:9 ${args}`);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/--(username|credential) is empty/);
    }
  });

  it('sdp-diff samples/offer.json - (the answer on stdin), and cat | sdpscope parse -', () => {
    expect(sh('cat samples/answer.json | sdp-diff samples/offer.json -').stdout).toContain('answer stdin:5');
    expect(sh('cat samples/offer.json | sdpscope parse - | head -1').stdout).toContain('offer');
  });
});

describe('candidate logs', () => {
  it('--summary counts a repeated candidate once, like the full report', () => {
    const once = sample('candidates.json');
    const log = file('twice.json', JSON.stringify([...JSON.parse(once), ...JSON.parse(once)]));
    const full = sh(`sdpscope candidates ${log}`).stdout;
    const summary = sh(`sdpscope candidates --summary ${log}`).stdout;
    const count = (t: string) => /\d+ candidates? \(\+\d+ seen again\)/.exec(t)?.[0];
    expect(count(summary)).toBe(count(full));
    expect(count(summary)).toBe('4 candidates (+4 seen again)');
  });

  it('sees end-of-candidates in a prefixed log line and as a= after bare candidates', () => {
    const a = file('eoc.log', '06:00:01.100 [alice] onicecandidate candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag AAAA\n06:00:01.200 [alice] onicecandidate {"type":"candidate","candidate":null}\n');
    const b = file('eoc2.log', 'a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag BBBB\na=end-of-candidates\n');
    for (const f of [a, b]) {
      const r = sh(`sdpscope candidates ${f}`);
      expect(r.stdout).toContain('· end-of-candidates');
      expect(r.stdout).not.toContain('end-of-candidates-missing');
    }
  });

  it('shows the time a log line starts with', () => {
    const f = file('times.log', [
      '2026-11-24T06:00:00.123Z pc1 candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag CCCC',
      '06:21:10.200 [bob] got candidate:2 1 udp 1686052607 203.0.113.7 40000 typ srflx raddr 10.0.0.1 rport 5000 ufrag CCCC',
    ].join('\n'));
    const r = sh(`sdpscope candidates ${f}`);
    expect(r.stdout).toMatch(/^\s+time\s+line/m);
    expect(r.stdout).toContain('2026-11-24T06:00:00.123Z');
    expect(r.stdout).toContain('06:21:10.200');
  });

  it('says a file it may not read is unreadable (exit 2), not an internal error', () => {
    const f = file('secret.log', 'candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\n');
    chmodSync(f, 0o600);
    chmodSync(dir, 0o755);
    const asNobody = process.getuid?.() === 0 ? `setpriv --reuid=nobody --regid=nogroup --clear-groups ` : '';
    if (!asNobody) chmodSync(f, 0o000);
    const r = sh(`${asNobody}sdpscope candidates ${f}`);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/permission denied \[FILE_UNREADABLE\]\n$/);
  });
});

describe('sdp-diff', () => {
  it('sdp-diff offer.sdp offer.sdp: the order says offer then answer, and an "answer" with actpass is the error it is; --diff: no changes', () => {
    const r = sh('sdp-diff samples/chromium156-recvonly-offer.sdp samples/chromium156-recvonly-offer.sdp');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('note: neither input says offer or answer: the first is taken as the offer, the second as the answer (the order given)');
    expect(r.stdout).toMatch(/error {3}dtls-role-conflict: offer a=setup:actpass, answer a=setup:actpass/);
    const d = sh('sdp-diff --diff samples/chromium156-recvonly-offer.sdp samples/chromium156-recvonly-offer.sdp');
    expect(d.status).toBe(0);
    expect(d.stdout).toContain('no changes: the same description');
    // Its lines with LF ends: the layout only, said in the text and in --json's notes (change audit: the JSON had said nothing).
    const lf = sh('sdp-diff --diff --json samples/chromium156-recvonly-offer.sdp <(tr -d "\\r" < samples/chromium156-recvonly-offer.sdp)');
    const j = JSON.parse(lf.stdout) as { changes: unknown[]; notes: string[] };
    expect([j.changes, j.notes.at(-1)]).toEqual([[], 'the same lines, laid out otherwise (line endings, or the order of lines within a section)']);
    // Said once: no "0 changes" after it.
    expect(d.stdout).not.toContain('0 changes');
    expect(d.stdout).not.toContain('version-not-increased');
  });

  it('sdp-diff wrong.json answer.sdp: says what is wrong with the input, exit 1', () => {
    const wrong = file('wrong.json', sample('offer.json').slice(0, 300));
    const r = sh(`sdp-diff ${wrong} samples/chromium156-answer.sdp`);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^offer .*\n\s+warning invalid-json \(line 1\)/);
    expect(r.stdout).toMatch(/rejected-by-browser \(SDP line \d+\): line \d+, the last, has no line ending: Chromium rejects it \(Firefox accepts\); was the SDP cut\?/);
  });

  it('a relay log with several rooms: says which room it compares, and --room chooses', () => {
    const frame = (room: string, from: string, f: unknown) => JSON.stringify({ time: '2026-11-24T06:00:00.000Z', room, from, to: [], size: 1, frame: f });
    const offer = JSON.parse(sample('offer.json')) as unknown;
    const answer = JSON.parse(sample('answer.json')) as unknown;
    const r2offer = { type: 'offer', sdp: sample('chromium156-recvonly-offer.sdp') };
    const r2answer = { type: 'answer', sdp: sample('chromium156-answer.sdp') };
    const log = file('rooms.ndjson', [frame('r1', 'c1', offer), frame('r2', 'c3', r2offer), frame('r1', 'c2', answer), frame('r2', 'c4', r2answer)].join('\n') + '\n');
    const first = sh(`sdp-diff ${log}`);
    expect(first.stdout).toContain('has 2 rooms (r1, r2), 2 with an offer and an answer: this is r1; --room (the room option) chooses another');
    const second = sh(`sdp-diff ${log} --room r2 --json`);
    expect(JSON.parse(second.stdout).offer).toMatchObject({ room: 'r2' });
    expect(sh(`sdp-diff ${log} --room r9`).stderr).toContain('has no room r9 (it has r1, r2) [NO_OFFER_ANSWER]');
  });
});

describe('sdpscope parse of a cut SDP says so, exit 1', () => {
  it('truncated: payload types with no rtpmap, no final line ending', () => {
    const cut = file('cut.sdp', sample('chromium156-answer.sdp').slice(0, 1500));
    const r = sh(`sdpscope parse ${cut}`);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('codec-without-rtpmap');
    expect(r.stdout).toMatch(/has no line ending: Chromium rejects it/);
    expect(r.stdout).toMatch(/1 description, 0 candidates · \d+ errors?(, \d+ warnings?)?\n$/);
  });
});

describe('flags, as every command has them', () => {
  it.each(['sdpscope --version', 'sdp-diff --version', 'sdpscope parse --version'])('%s prints the version', (line) => {
    expect(sh(line)).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it.each(['sdpscope -h', 'sdpscope --help', 'sdpscope candidates -h', 'sdp-diff -h'])('%s shows help with examples, exit 0', (line) => {
    const r = sh(line);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Examples:|Commands:/);
  });

  it.each([
    ['sdpscope parse --bogus samples/offer.json', 'unknown option --bogus (see sdpscope parse --help) [USAGE]'],
    ['sdp-diff --frob samples/offer.json samples/answer.json', 'unknown option --frob (see sdp-diff --help) [USAGE]'],
    ['sdpscope relay --port abc', '--port must be an integer from 0 to 65535, not "abc" (see sdpscope relay --help) [USAGE]'],
    ['sdpscope relay --max-rate -5', '--max-rate must be an integer from 1 to 9007199254740991, not "-5" (see sdpscope relay --help) [USAGE]'],
    ['sdpscope relay --room-size 0', '--room-size must be an integer from 1 to 9007199254740991 or "unlimited", not "0" (see sdpscope relay --help) [USAGE]'],
    ['sdpscope candidates --max-sessions 1.5 samples/call.ndjson', '--max-sessions must be an integer from 1 to 1000000000, not "1.5" (see sdpscope candidates --help) [USAGE]'],
    ['sdpscope frobnicate', '[USAGE]'],
  ])('%s → one line, exit 2', (line, message) => {
    const r = sh(line);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });

  it('a port in use is ADDRESS_IN_USE, not a usage error', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, feed: false });
    try {
      const r = sh(`sdpscope relay --host 127.0.0.1 --port ${relay.port}`);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/the port is in use .*\[ADDRESS_IN_USE\]\n$/);
    } finally {
      await relay.close();
    }
  });
});

describe('what a second look found', () => {
  it.each([
    ["sdpscope relay --host '' --port 0", '--host is empty (see sdpscope relay --help) [USAGE]'],
    // README walk: it was INVALID_OPTION, in the library's words.
    ["sdpscope relay --token '' --port 0", '--token is empty (see sdpscope relay --help) [USAGE]'],
    ["sdpscope client --token '' ws://127.0.0.1:9", '--token is empty (see sdpscope client --help) [USAGE]'],
    [`sdpscope client --room ${'r'.repeat(200)} ws://127.0.0.1:9`, '--room is 200 characters: the relay takes up to 128 (see sdpscope client --help) [USAGE]'],
    ['sdpscope relay --port', '--port needs a value (see sdpscope relay --help) [USAGE]'],
    ['sdpscope client --send', '--send needs a value (see sdpscope client --help) [USAGE]'],
    ['sdpscope candidates --json=maybe samples/call.ndjson', '--json is a switch: --json, --no-json, or --json=true|false, not "maybe"'],
    ['sdpscope candidates --summary --json samples/call.ndjson', '--summary and --json exclude each other'],
    ['sdp-diff samples/webrtc-internals-dump.json --room r1', 'has no rooms (it is not a relay log): --room (the room option) does not apply [NO_OFFER_ANSWER]'],
    ['sdpscope relay --host 127.0.0.1 --port 0 --log /nonexistent/dir/x.ndjson', 'cannot write the log /nonexistent/dir/x.ndjson: its folder does not exist [LOG_UNWRITABLE]'],
    ['sdpscope relay --host 127.0.0.1 --port 0 --log samples', 'cannot write the log samples: it is a directory [LOG_UNWRITABLE]'],
    // An empty name (relay audit: the banner named the current folder, then the log failed once listening).
    ["sdpscope relay --host 127.0.0.1 --port 0 --log ''", '--log takes a file, not an empty name [USAGE]'],
  ])('%s → one line, exit 2', (line, message) => {
    const r = sh(line);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });

  it('"--" ends the options: what follows is files', () => {
    expect(sh('sdp-diff -- samples/offer.json samples/answer.json').status).toBe(0);
  });

  it('sdpscope help [command] is --help', () => {
    // "help help" too (README walk: "unknown command help").
    for (const line of ['sdpscope help', 'sdpscope help candidates', 'sdpscope help help', 'sdpscope help help candidates']) {
      const r = sh(line);
      expect([r.status, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toMatch(/Commands:|Examples:/);
    }
  });

  it('an SDP with no o=, s=, t= says so (missing-line), exit 1', () => {
    const r = sh(`sdpscope parse ${file('mini.sdp', 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\n')}`);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('missing-line');
    expect(r.stdout).toContain('what to do');
  });

  it('a bad candidate line is quoted short, however long its token', () => {
    const long = file('long.log', `candidate:1 1 udp 2122260223 10.0.0.1 ${'9'.repeat(200_000)} typ host\n`);
    const r = sh(`sdpscope candidates --strict ${long}`);
    expect(r.status).toBe(2);
    expect(r.stderr.length).toBeLessThan(400);
  });

  describe('the client against a relay', () => {
    let relay: Relay;
    beforeAll(async () => {
      relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, feed: false });
    });
    afterAll(() => relay.close());

    it('keeps stdout for NDJSON with --json: its talk goes to stderr', async () => {
      const r = await shAsync(`sdpscope client ${relay.url} --room j --json --expect 1 --timeout 300`);
      expect(r.status).toBe(1);
      for (const line of r.stdout.trim().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
      expect(r.stderr).toContain('expected 1 frame, got 0 in 300 ms');
    });

    it('says a wss:// URL reached a relay without TLS', async () => {
      const r = await shAsync(`sdpscope client ${relay.url.replace('ws:', 'wss:')} --expect 0`);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('the relay does not speak TLS on this port: use ws:// [CONNECTION_REFUSED]');
    });

    it('refuses to send a file that is not frames, naming the line', async () => {
      const r = await shAsync(`sdpscope client ${relay.url} --send ${file('nosdp.txt', 'hello\nworld\n')} --expect 0`);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('nosdp.txt line 1 is not JSON');
    });
  });
});

describe('what a third look found (an audit as a new user)', () => {
  it('the client whose --timeout runs out before it joined ends at once: the relay did not answer in time (exit 2)', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, feed: false });
    try {
      const t = Date.now();
      const r = await shAsync(`sdpscope client ${relay.url} --send samples/offer.json --expect 1 --room r4 --timeout 1`);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/no answer to the WebSocket upgrade within 1 ms \(--timeout\) \[CONNECTION_REFUSED\]/);
      // It used to stay in the room until killed.
      expect(Date.now() - t).toBeLessThan(10_000);
      await new Promise((res) => setTimeout(res, 200));
      expect(relay.rooms().get('r4') ?? []).toEqual([]);
    } finally {
      await relay.close();
    }
  });

  it('--summary gives the session findings the full report gives (no-srflx, relay-private-address, only-mdns-hosts)', () => {
    const f = file('rp.log', 'a=candidate:1 1 udp 41885439 10.0.0.5 3478 typ relay raddr 1.2.3.4 rport 5 ufrag abcd\na=candidate:2 1 udp 2122260223 fe.local 5000 typ host ufrag abcd\n');
    const kinds = (t: string) => [...t.matchAll(/^\s+(?:warning|info|error)\s+([a-z-]+)(?: \(line \d+\))?:/gm)].map((m) => m[1]).sort();
    const full = kinds(sh(`sdpscope candidates ${f}`).stdout);
    expect(full).toEqual(expect.arrayContaining(['no-srflx', 'only-mdns-hosts', 'relay-private-address']));
    expect(kinds(sh(`sdpscope candidates --summary ${f}`).stdout)).toEqual(full);
  });

  it('--json finds a private relay address past the candidates kept for tables (64)', () => {
    const lines = Array.from({ length: 70 }, (_, i) => `a=candidate:${i} 1 udp 1686052607 203.0.113.${i} ${40000 + i} typ srflx raddr 10.0.0.1 rport 5000 ufrag many`);
    lines.push('a=candidate:99 1 udp 41885439 10.9.9.9 3478 typ relay raddr 203.0.113.1 rport 5 ufrag many');
    const r = JSON.parse(sh(`sdpscope candidates --json ${file('many.log', lines.join('\n') + '\n')}`).stdout) as { sessions: { diagnostics: { kind: string }[] }[] };
    expect(r.sessions[0]!.diagnostics.map((d) => d.kind)).toContain('relay-private-address');
  });

  it('a time or a tag in brackets at the start of a line is a log prefix, not broken JSON', () => {
    for (const prefix of ['[2026-11-24 06:00:00,123]', '[06:21:10.200]', '[2026-11-24T06:00:00.123Z]', '[pc1]']) {
      const r = sh(`sdpscope candidates ${file('bracket.log', `${prefix} a=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag abcd\n`)}`);
      expect([r.status, r.stdout.includes('invalid-json')]).toEqual([0, false]);
      expect(r.stdout).toContain('1 candidate');
    }
    // A JSON frame after a bracketed tag is read as one.
    const tagged = sh(`sdpscope candidates ${file('tagged.log', '[pc1] {"type":"candidate","candidate":"candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host ufrag abcd","sdpMid":"0"}\n')}`);
    expect(tagged.stdout).not.toContain('invalid-json');
    expect(tagged.stdout).toContain('1 candidate');
  });

  it('an a= fragment that takes its ufrag from a=ice-ufrag ends with its a=end-of-candidates', () => {
    const r = sh('sdpscope candidates --summary -', { input: 'a=ice-ufrag:abcd\na=candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\na=end-of-candidates\n' });
    expect(r.stdout).toContain('session abcd');
    expect(r.stdout).not.toContain('end-of-candidates-missing');
  });

  describe('text in the encodings and wrappings logs come in', () => {
    const alice = sample('alice.log');
    const expectRead = (line: string, o: { input?: string } = {}) => {
      const r = sh(line, o);
      expect([r.status, r.stderr]).toEqual([0, '']);
      return r.stdout;
    };
    const plain = () => sh('sdpscope candidates --summary samples/alice.log').stdout;

    it('a stray NUL or Latin-1 byte near the start is that line\'s problem, not a binary file', () => {
      const nul = join(dir, 'nul.log');
      writeFileSync(nul, Buffer.concat([Buffer.from('bad\0line\n'), Buffer.from(alice)]));
      expect(expectRead(`sdpscope candidates --summary ${nul}`)).toContain('binary-data');
      const latin1 = join(dir, 'latin1.log');
      writeFileSync(latin1, Buffer.concat([Buffer.from('06:00:00 caf\xe9 started\n', 'latin1'), Buffer.from(alice)]));
      expect(expectRead(`sdpscope candidates --summary ${latin1}`)).toBe(plain().replaceAll(/lines (\d+)–(\d+)/g, (_m, a: string, b: string) => `lines ${+a + 1}–${+b + 1}`));
      expect(sh(`sdpscope parse ${latin1}`).status).not.toBe(2);
    });

    it('UTF-16 (what PowerShell\'s > writes), with or without a byte order mark; gzip, from a file and on stdin', () => {
      const bom = join(dir, 'ps.log');
      writeFileSync(bom, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(alice, 'utf16le')]));
      const noBom = join(dir, 'le.log');
      writeFileSync(noBom, Buffer.from(alice, 'utf16le'));
      const gz = join(dir, 'alice.log.gz');
      writeFileSync(gz, gzipSync(alice));
      for (const f of [bom, noBom, gz]) {
        expect(expectRead(`sdpscope candidates --summary ${f}`)).toBe(plain());
        expect(expectRead(`sdpscope parse ${f}`)).toBe(sh('sdpscope parse samples/alice.log').stdout);
      }
      expect(expectRead(`cat ${gz} | sdpscope candidates --summary -`)).toBe(plain());
      const offerGz = join(dir, 'offer.json.gz');
      writeFileSync(offerGz, gzipSync(sample('offer.json')));
      expect(expectRead(`sdp-diff ${offerGz} samples/answer.json`).replace(offerGz, 'samples/offer.json')).toBe(sh('sdp-diff samples/offer.json samples/answer.json').stdout);
    });

    it('binary is still binary (exit 2), a zip says to unzip it, a broken gzip says so', () => {
      const png = join(dir, 'x.png');
      writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
      const zip = join(dir, 'x.zip');
      writeFileSync(zip, Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(200, 1)]));
      const badGz = join(dir, 'bad.gz');
      writeFileSync(badGz, Buffer.concat([gzipSync(alice).subarray(0, 40), Buffer.from('garbage')]));
      for (const cmd of ['sdpscope candidates', 'sdpscope parse']) {
        expect(sh(`${cmd} ${png}`)).toMatchObject({ status: 2, stderr: expect.stringMatching(/holds binary data, not text \[FILE_BINARY\]\n$/) });
        expect(sh(`${cmd} ${zip}`).stderr).toContain('(a zip archive: unzip it first) [FILE_BINARY]');
        // Cut after 40 bytes, then junk: zlib finds the end missing, and it is said to be cut.
        expect(sh(`${cmd} ${badGz}`)).toMatchObject({ status: 2, stderr: expect.stringMatching(/is gzip (but does not decompress: .*|cut short \(unexpected end of file\): a download or copy that stopped early; take it again) \[FILE_UNREADABLE\]\n$/) });
      }
    });
  });

  it.each([
    ['sdpscope bogus', 'unknown command bogus: the commands are parse, candidates, relay, client, ice, probe, lab (see sdpscope --help) [USAGE]'],
    // No command: the unknown option named (README audit of 2026-12-07: "name a command" only).
    ['sdpscope --bogus', 'unknown option --bogus (see sdpscope --help) [USAGE]'],
    ['sdpscope', 'name a command: parse, candidates, relay, client, ice, probe, lab (see sdpscope --help) [USAGE]'],
  ])('%s → our words, not the argument library\'s', (line, message) => {
    const r = sh(line);
    expect([r.status, r.stderr]).toEqual([2, `${line.split(' ')[0]}: ${message}\n`]);
  });

  it('sdpscope parse without a file reads what is piped or redirected in; at a terminal it says how instead of waiting (audit: parse < file was USAGE)', () => {
    const redirected = sh('sdpscope parse < samples/offer.json');
    expect([redirected.status, redirected.stderr]).toEqual([0, '']);
    expect(redirected.stdout).toContain('offer  (stdin:5, offer) — 2 m-lines');
    expect(sh('cat samples/offer.json | sdpscope parse --json').stdout).toBe(sh('sdpscope parse --json samples/offer.json').stdout);
    // script(1) gives the command a terminal for its standard input (bsdutils, in every Debian).
    const tty = sh(`script -qec "node ${join(ROOT, 'dist/bin/sdpscope.js')} parse" /dev/null`);
    expect(tty.status).toBe(2);
    expect(tty.stdout).toContain('sdpscope: nothing to read: give a file, or pipe one in (- for standard input; see sdpscope parse --help) [USAGE]');
  });

  it('sdp-diff without a file reads what is piped in, as parse does (README walk: "nothing to read" with a pipe); at a terminal it says how', () => {
    const piped = sh('cat samples/call.ndjson | sdp-diff --no-color');
    expect([piped.status, piped.stderr]).toEqual([0, '']);
    expect(piped.stdout).toBe(sh('sdp-diff --no-color -  < samples/call.ndjson').stdout);
    const tty = sh(`script -qec "node ${join(ROOT, 'dist/bin/sdp-diff.js')}" /dev/null`);
    expect(tty.status).toBe(2);
    expect(tty.stdout).toContain('sdp-diff: nothing to read: give the offer and the answer, one file holding both, or pipe one in (- for standard input; see sdp-diff --help) [USAGE]');
  });

  it.each([
    ['candidates', 'nothing to read: give a file, or pipe one in (- for standard input; see sdpscope candidates --help) [USAGE]'],
    ['ice', 'nothing to read: give a dump file, or pipe one in (- for standard input; see sdpscope ice --help) [USAGE]'],
  ])('sdpscope %s at a terminal with no file says how instead of waiting silently (audit); piped in, it reads', (cmd, message) => {
    const tty = sh(`script -qec "node ${join(ROOT, 'dist/bin/sdpscope.js')} ${cmd}" /dev/null`);
    expect(tty.status).toBe(2);
    expect(tty.stdout).toContain(`sdpscope: ${message}`);
    const input = cmd === 'ice' ? 'samples/webrtc-internals-dump.json' : 'samples/alice.log';
    expect(sh(`sdpscope ${cmd} < ${input}`).status).not.toBe(2);
  });

  it('a relay that cannot listen leaves no empty log behind; one without a log does not say it flushed one', async () => {
    const relay = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, feed: false });
    try {
      const log = join(dir, 'never.ndjson');
      expect(sh(`sdpscope relay --host 127.0.0.1 --port ${relay.port} --log ${log}`).status).toBe(2);
      expect(existsSync(log)).toBe(false);
    } finally {
      await relay.close();
    }
    const lines: string[] = [];
    const r = await startRelay({ host: '127.0.0.1', port: 0, heartbeatMs: 0, onLine: (l) => l.kind === 'event' && lines.push(`${l.event} ${l.detail}`) });
    await r.close();
    expect(lines.at(-1)).toBe('stopped no log');
  });
});

describe('colour', () => {
  const ANSI = /\x1b\[/;
  it.each([
    [{ FORCE_COLOR: '1' }, '', true],
    [{ NO_COLOR: '1' }, '--color', true],
    [{ NO_COLOR: '1' }, '', false],
    [{ FORCE_COLOR: '1' }, '--no-color', false],
    [{ FORCE_COLOR: '0' }, '', false],
    [{}, '', false],
  ] as [Record<string, string>, string, boolean][])('%j %s → colour %s (the flag wins; not a terminal: none)', (env, flag, colour) => {
    for (const line of [`sdpscope parse ${flag} samples/offer.json`, `sdp-diff ${flag} samples/offer.json samples/answer.json`]) {
      expect(ANSI.test(sh(line, { env }).stdout)).toBe(colour);
    }
  });
});

describe('the relay at start-up', () => {
  /** Starts `sdpscope relay`, reads what it prints until `done` holds, stops it with SIGTERM. */
  async function startup(args: string[], done: (out: string) => boolean): Promise<{ out: string; code: number | null }> {
    const child = spawn(process.execPath, [join(ROOT, 'dist/bin/sdpscope.js'), 'relay', '--no-color', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    const end = Date.now() + 10_000;
    while (!done(out) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGTERM');
    return { out, code: await exited };
  }

  it('prints every URL it serves, and stops on SIGTERM with 0', async () => {
    const { out, code } = await startup(['--host', '127.0.0.1', '--port', '0'], (o) => o.includes('feed '));
    const port = /ws:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
    expect(out).toContain(`signaling  ws://127.0.0.1:${port}`);
    expect(out).toContain(`call page  http://127.0.0.1:${port}/`);
    expect(out).toContain(`inspector  http://127.0.0.1:${port}/inspect`);
    expect(out).toContain(`feed       ws://127.0.0.1:${port}/feed`);
    expect(out).not.toContain('warning');
    expect(code).toBe(0);
  });

  it('warns when it listens beyond loopback without a token', async () => {
    const { out } = await startup(['--host', '0.0.0.0', '--port', '0', '--quiet'], (o) => o.includes('warning'));
    expect(out).toMatch(/warning: listening on 0\.0\.0\.0 \(every interface\) with no --token/);
  });
});

describe('output in English, without project jargon', () => {
  it('no CJK characters in any command\'s output, and "seed" in no --help', () => {
    const outputs = [
      'sdpscope candidates samples/call.ndjson',
      'sdpscope candidates --json samples/call.ndjson',
      'sdpscope candidates samples/lab-chromium-firefox.ndjson',
      'sdpscope parse samples/call.ndjson',
      'sdp-diff samples/offer.json samples/answer.json',
      'sdpscope --help',
      ...['parse', 'candidates', 'relay', 'client', 'lab'].map((c) => `sdpscope ${c} --help`),
      'sdp-diff --help',
    ].map((l) => [l, sh(l)] as const);
    for (const [line, r] of outputs) {
      expect({ line, cjk: /[\u3000-\u9fff\uff00-\uffef]/.test(r.stdout + r.stderr) }).toEqual({ line, cjk: false });
      if (line.endsWith('--help')) expect({ line, seed: /\bseed/i.test(r.stdout) }).toEqual({ line, seed: false });
    }
  });
});
