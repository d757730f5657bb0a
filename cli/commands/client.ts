/** `sdpscope client [URL]`: join a room, print what arrives, send frames from files or stdin. */
import { readTextInput } from '../../src/node/files.js';
import { framesOf, runClient, type ReceivedFrame } from '../../src/node/client.js';
import { SdpscopeError } from '../../src/errors.js';
import { CLOSE_REASONS } from '../../src/node/relay/protocol.js';
import { makeStyle } from '../render/style.js';
import { EXIT_FINDINGS, EXIT_OK } from '../run.js';
import { pushAll } from '../../src/arrays.js';

export interface ClientCommandOptions {
  readonly url: string;
  readonly room?: string;
  readonly token?: string;
  readonly send: readonly string[];
  readonly expect?: number;
  readonly timeoutMs?: number;
  readonly json: boolean;
  readonly color: boolean;
  readonly insecure: boolean;
}

export async function clientCommand(o: ClientCommandOptions, out: (s: string) => void, err: (s: string) => void = (t) => void process.stderr.write(t)): Promise<number> {
  if (!/^wss?:\/\//.test(o.url)) throw new SdpscopeError('USAGE', `${o.url}: a relay URL starts with ws:// or wss://`);
  const frames: string[] = [];
  for (const f of o.send) pushAll(frames, framesOf(await readTextInput(f), f === '-' ? 'standard input' : f));
  const s = makeStyle(o.color);
  const print = (f: ReceivedFrame) => {
    if (o.json) out(JSON.stringify({ time: f.time, notice: f.notice, frame: f.frame, summary: f.summary }) + '\n');
    else out(`${s.dim(f.time.slice(11, 23))} ${f.notice ? s.yellow(f.description) : `← ${f.description}`}\n`);
  };
  const timeoutMs = o.timeoutMs ?? (o.expect !== undefined ? 10_000 : undefined);
  const r = await runClient({
    url: o.url,
    ...(o.room !== undefined ? { room: o.room } : {}),
    ...(o.token !== undefined ? { token: o.token } : {}),
    send: frames,
    ...(o.expect !== undefined ? { expect: o.expect } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(o.insecure ? { tls: { rejectUnauthorized: false } } : {}),
    onFrame: print,
  });
  // Talk on stderr: stdout is the frames (NDJSON with --json).
  const got = r.received.filter((f) => !f.notice).length;
  const frames_ = (n: number) => `${n} frame${n === 1 ? '' : 's'}`;
  err(s.dim(`sent ${frames_(r.sent)}, received ${frames_(got)}${r.closeCode !== null ? `, closed ${r.closeCode}` : ''}\n`));
  if (r.closeCode === 4001) throw new SdpscopeError('CONNECTION_REFUSED', 'the room is full');
  // Frames the relay did not forward are findings: a send that looked done was not (audit).
  let missed = false;
  const byCode = new Map<string, { n: number; message: string }>();
  for (const x of r.refusals) byCode.set(x.code, { n: (byCode.get(x.code)?.n ?? 0) + 1, message: x.message });
  for (const [code, { n, message }] of byCode) {
    err(s.red(`the relay did not forward what was sent: ${message} (${code}${n > 1 ? `, ${n} notices` : ''})\n`));
    missed = true;
  }
  // A close the relay sent for what it was sent (protocol.ts CLOSE_REASONS; not a normal close or a shutdown).
  const cut = r.closeCode === null ? undefined : CLOSE_REASONS[r.closeCode];
  if (cut !== undefined) {
    err(s.red(`the relay closed the connection (${r.closeCode}): ${cut}; frames from then on were not forwarded\n`));
    missed = true;
  }
  if (o.expect !== undefined && r.timedOut) {
    err(s.red(`expected ${frames_(o.expect)}, got ${got} in ${timeoutMs} ms\n`));
    return EXIT_FINDINGS;
  }
  return missed ? EXIT_FINDINGS : EXIT_OK;
}
