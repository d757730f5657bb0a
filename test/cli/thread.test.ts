import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { analyzeInputs, analyzeLarge, candidatesCommand, THREAD_ABOVE, type CandidateInput, type CandidatesOptions } from '../../cli/commands/candidates.js';
import { analyzeInThread } from '../../cli/thread.js';
import { SdpscopeError } from '../../src/errors.js';
import { BUILT_CLI } from '../../src/node/paths.js';
import { writeCandidateLog } from '../../bench/candidates-log.js';
import { SAMPLES } from '../support/corpus.js';
import { scratchDir } from '../support/scratch.js';

const dir = scratchDir('sdpscope-thread-');
const MODES = ['table', 'summary', 'ndjson', 'json'] as const;
type Mode = (typeof MODES)[number];
const options = (mode: Mode, more: Partial<CandidatesOptions> = {}): Omit<CandidatesOptions, 'files'> => ({ json: mode === 'json', ndjson: mode === 'ndjson', summary: mode === 'summary', strict: false, color: false, progress: false, ...more });

/** Named texts as inputs, in chunks of `chunk` bytes (a delay before each chunk when asked). */
function inputs(files: readonly { name: string; text: string | Buffer }[], chunk = 65536, delayMs = 0, failAfter: number | null = null): AsyncIterable<CandidateInput> {
  return (async function* () {
    for (const f of files) {
      const bytes = Buffer.isBuffer(f.text) ? f.text : Buffer.from(f.text);
      yield {
        name: f.name,
        size: bytes.length,
        stream: (async function* () {
          for (let at = 0, n = 0; at < bytes.length; at += chunk, n++) {
            if (failAfter !== null && n === failAfter) throw new SdpscopeError('FILE_UNREADABLE', `${f.name}: read failed`);
            if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
            // A copy that owns its buffer (moved to the thread) every other chunk, a view of a larger one otherwise.
            yield n % 2 === 0 ? Uint8Array.from(bytes.subarray(at, at + chunk)) : bytes.subarray(at, at + chunk);
          }
        })(),
      };
    }
  })();
}

async function outcome(run: (out: (s: string) => void, err: (s: string) => void) => Promise<number>): Promise<{ code: number | string; out: string; err: string }> {
  let out = '';
  let err = '';
  try {
    const code = await run((s) => void (out += s), (s) => void (err += s));
    return { code, out, err };
  } catch (e) {
    return { code: e instanceof SdpscopeError ? e.code : `internal: ${(e as Error).message}`, out, err };
  }
}

const here = (files: { name: string; text: string | Buffer }[], mode: Mode, more: Partial<CandidatesOptions> = {}) => outcome((o, e) => analyzeInputs(inputs(files), files.length, options(mode, more), o, e));
const threaded = (files: { name: string; text: string | Buffer }[], mode: Mode, more: Partial<CandidatesOptions> = {}, chunk?: number, delayMs?: number) => outcome((o, e) => analyzeLarge(inputs(files, chunk, delayMs), files.length, options(mode, more), o, e, () => undefined, 0));

const sample = (name: string) => ({ name, text: readFileSync(join(SAMPLES, name)) });
let big: Buffer;
let bigFile: string;

beforeAll(async () => {
  bigFile = join(dir, 'fleet.log');
  await writeCandidateLog(bigFile, 5000, 5, 'fleet');
  big = readFileSync(bigFile);
});

describe('the candidates analysis in its worker thread', () => {
  it.each(MODES)('gives what the analysis here gives, byte for byte, %s', async (mode) => {
    for (const files of [[sample('call.ndjson')], [sample('alice.log'), sample('bob.log')], [{ name: 'fleet.log', text: big }]]) {
      const a = await here(files, mode);
      const b = await threaded(files, mode);
      expect(b).toEqual(a);
      expect(a.code).toBe(0);
      expect(a.out.length).toBeGreaterThan(100);
    }
  });

  it('keeps the order and every byte when standard output is slow, and when input comes in odd-sized, late chunks', async () => {
    const files = [{ name: 'fleet.log', text: big }];
    const a = await here(files, 'ndjson');
    let waits = 0;
    const slow = await outcome((o, e) =>
      analyzeLarge(inputs(files, 7777, 0), 1, options('ndjson'), o, e, () => {
        waits++;
        return waits % 3 === 0 ? new Promise((r) => setTimeout(r, 2)) : undefined;
      }, 0),
    );
    expect(slow).toEqual(a);
    expect(waits).toBeGreaterThan(3);
    // Chunks 300 ms apart: reading ahead stops on time, and the read under way is carried over.
    const late = await outcome((o, e) => analyzeLarge(inputs([sample('call.ndjson')], 4096, 300), 1, options('table'), o, e));
    expect(late).toEqual(await here([sample('call.ndjson')], 'table'));
  });

  it('reports what the analysis refuses as the command does: its code, line and message', async () => {
    const empty = [{ name: 'blank.log', text: 'no candidates here\n' }];
    expect(await threaded(empty, 'table')).toEqual(await here(empty, 'table'));
    expect((await threaded(empty, 'table')).code).toBe('NO_SDP_FOUND');
    const bad = [{ name: 'bad.log', text: `${big.toString('utf8', 0, 20_000).replace(/\n[^\n]*$/, '')}\ncandidate:x 1 udp notanumber 10.0.0.1 5000 typ host\n` }];
    const strict = await threaded(bad, 'summary', { strict: true });
    expect(strict).toEqual(await here(bad, 'summary', { strict: true }));
    expect(strict.code).toBe('CANDIDATE_PRIORITY');
    let error: unknown;
    await analyzeLarge(inputs(bad), 1, options('summary', { strict: true }), () => undefined, () => undefined, () => undefined, 0).catch((e: unknown) => (error = e));
    expect(error).toBeInstanceOf(SdpscopeError);
    expect((error as SdpscopeError).message).toMatch(/^line \d+: priority must be .* \(--strict\)$/);
  });

  it('stops at a --strict error without waiting for an input that never ends (tail -f log |)', async () => {
    const endless: AsyncIterable<CandidateInput> = (async function* () {
      yield {
        name: 'stdin',
        size: null,
        stream: (async function* () {
          yield Buffer.from('candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\ncandidate:x 1 udp notanumber 10.0.0.1 5000 typ host\n');
          await new Promise(() => undefined);
        })(),
      };
    })();
    const r = await outcome((o, e) => analyzeLarge(endless, 1, options('ndjson', { strict: true }), o, e, () => undefined, 0));
    expect(r.code).toBe('CANDIDATE_PRIORITY');
    expect(r.out.split('\n')[0]).toContain('"foundation":"1"');
  });

  it('stops on a read error with that error, after what was written before it', async () => {
    const files = [{ name: 'fleet.log', text: big }];
    const r = await outcome((o, e) => analyzeLarge(inputs(files, 65536, 0, 5), 1, options('ndjson'), o, e, () => undefined, 0));
    expect(r.code).toBe('FILE_UNREADABLE');
    const whole = (await here(files, 'ndjson')).out;
    expect(whole.startsWith(r.out)).toBe(true);
  });

  it('says MEMORY_LIMIT when the analysis goes past the heap it is given', async () => {
    const r = await outcome((o, e) => analyzeInThread(inputs([{ name: 'fleet.log', text: big }]), 1, options('table'), o, e, () => undefined, { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 }));
    expect(r.code).toBe('MEMORY_LIMIT');
  });

  it('leaves no spool folder behind after a --json run whose sessions spill to disk', async () => {
    const spools = () => new Set(readdirSync(tmpdir()).filter((d) => d.startsWith('sdpscope-spool-')));
    const before = spools();
    // 600 sessions: about 1 MB of session JSON, past what a spool keeps in memory.
    const file = join(dir, 'fleet-12k.log');
    await writeCandidateLog(file, 12_000, 5, 'fleet');
    const files = [{ name: 'fleet.log', text: readFileSync(file) }];
    const r = await threaded(files, 'json');
    expect(r).toEqual(await here(files, 'json'));
    expect(JSON.parse(r.out).sessions.length).toBeGreaterThan(500);
    // New folders still there a moment later: another sdpscope running meanwhile (a fuzz run)
    // spools into the same directory, and its folders come and go (the count was flaky).
    const left = () => [...spools()].filter((d) => !before.has(d));
    for (let i = 0; i < 10 && left().length > 0; i++) await new Promise((done) => setTimeout(done, 100));
    expect(left()).toEqual([]);
  });
});

describe('reading ahead', () => {
  it('finds a bad file among small ones before anything is written (audit: --json good.log bad.gz left cut JSON)', async () => {
    const good = join(SAMPLES, 'alice.log');
    const corrupt = join(dir, 'bad.gz');
    writeFileSync(corrupt, Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const binary = join(dir, 'bin.dat');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    for (const bad of [corrupt, binary]) {
      // With --max-sessions too, which analyses in the main thread (audit: it left cut JSON).
      for (const more of [{}, { maxSessions: 2000 }]) {
        const r = await outcome((o, e) => candidatesCommand({ files: [good, bad], ...options('json', more) }, o, e));
        expect(['FILE_BINARY', 'FILE_UNREADABLE']).toContain(r.code);
        expect(r.out).toBe('');
      }
    }
  });

  it('finds a binary file after a large input before anything is written (audit: --json large.log bin.dat left cut JSON)', async () => {
    const large = join(dir, 'large-first.log');
    writeFileSync(large, Buffer.concat(Array.from({ length: Math.ceil((THREAD_ABOVE + 1) / big.length) }, () => big)));
    const binary = join(dir, 'bin-after.dat');
    writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const r = await outcome((o, e) => candidatesCommand({ files: [large, binary], ...options('json') }, o, e));
    expect(r.code).toBe('FILE_BINARY');
    expect(r.out).toBe('');
  });

  it('the built program ends at a --strict error while its input pipe stays open (audit: it waited for the pipe to end)', async () => {
    const child = spawn(process.execPath, [BUILT_CLI, 'candidates', '--strict', '--ndjson'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const ended = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The pipe is written to and left open, as `tail -f` leaves it; the test closes it only after (or past 20 s).
    child.stdin.write('candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host\ncandidate:2 1 udp bad 10.0.0.1 5000 typ host\n');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), 20_000)));
    try {
      expect(await Promise.race([ended, late])).toBe(2);
    } finally {
      clearTimeout(timer);
      child.stdin.end();
      child.kill();
    }
    expect(JSON.parse(out).foundation).toBe('1');
    expect(err).toContain('line 2: priority must be a whole number');
  });

  it('takes the command past its threshold to the thread, from the built program, with the same output', () => {
    expect(statSync(bigFile).size).toBeLessThan(THREAD_ABOVE);
    const file = join(dir, 'large.log');
    // Past the threshold: the fleet log three times over (its sessions repeat: the same figures, tripled).
    const times = Math.ceil((THREAD_ABOVE + 1) / big.length);
    writeFileSync(file, Buffer.concat(Array.from({ length: times }, () => big)));
    const cli = spawnSync(process.execPath, [BUILT_CLI, 'candidates', '--summary', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    return here([{ name: file, text: readFileSync(file) }], 'summary').then((a) => {
      expect(cli.stdout).toBe(a.out);
      expect(cli.stdout).toMatch(/candidate lines/);
    });
  });
});
