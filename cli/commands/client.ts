/** `sdpscope client [URL]`: join a room, print what arrives, send frames from files or stdin. */
import { readTextInput } from '../../src/node/files.js';
import { framesOf, relayUrl, runClient, type ReceivedFrame } from '../../src/node/client.js';
import { SdpscopeError } from '../../src/errors.js';
import { keyCount, redactFrameChanged, redactText, writtenKeyCount } from '../../src/analysis/redact.js';
import { CLOSE_REASONS } from '../../src/node/relay/protocol.js';
import { clip, makeStyle, oneLine } from '../render/style.js';
import { EXIT_FINDINGS, EXIT_OK, stdoutDrained } from '../run.js';
import { pushAll } from '../../src/arrays.js';

/** 128 + SIGINT, as shells report an interrupted program. */
const EXIT_INTERRUPTED = 130;
/** A frame's line on the terminal is cut here (a 5 MB `type` made one 5 MB line). */
const LINE_MAX = 300;
/** The notice codes that refuse a frame sent (sdpscope's relay: protocol.ts's errors and no-recipients). */
const FRAME_REFUSALS: ReadonlySet<string> = new Set(['invalid-json', 'binary-frame', 'rate-limited', 'reserved-type', 'no-recipients']);

/** Text that is not JSON, in a --json record: cut here. */
const TEXT_MAX = 1000;
/** Kinds of refusal said, at most (a server can give every notice its own code). */
const MAX_REFUSAL_LINES = 10;

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
  /** Print frames as received: secrets not redacted (the relay's --keep-secrets). */
  readonly keepSecrets?: boolean;
}

/** The jq filter of one room's feed records, as a shell command (a room of other characters given with --arg, quoted). */
function jqRoom(room: string): string {
  if (/^[A-Za-z0-9_.-]{1,128}$/.test(room)) return `jq -c 'select(.frame.room == "${room}")'`;
  return `jq -c --arg room '${room.slice(0, 128).replace(/'/g, "'\\''")}' 'select(.frame.room == $room)'`;
}

export async function clientCommand(o: ClientCommandOptions, out: (s: string) => void, err: (s: string) => void = (t) => void process.stderr.write(t)): Promise<number> {
  const url = relayUrl(o.url);
  // The URL's own room or token and another given as an option: which was meant is not guessed (probe audit: the option won without a word).
  const inUrl = url.searchParams.get('room');
  if (inUrl !== null && o.room !== undefined && inUrl !== o.room) throw new SdpscopeError('USAGE', `the URL names room ${JSON.stringify(inUrl)} and --room ${JSON.stringify(o.room)}: give one`);
  const tokenInUrl = url.searchParams.get('token');
  if (tokenInUrl !== null && o.token !== undefined && tokenInUrl !== o.token) throw new SdpscopeError('USAGE', 'the URL has a token and --token another: give one');
  // The feed shows every room: a room asked of it is not what it gives (relay/client audit: --room ignored, every room printed).
  if (url.pathname === '/feed' && (o.room !== undefined || inUrl !== null)) throw new SdpscopeError('USAGE', `${url.protocol}//${url.host}/feed is the relay's feed of every room: it takes no room; pick one's records from its JSON (--json | ${jqRoom(o.room ?? inUrl ?? '')}), or join the room at ${url.protocol}//${url.host}/`);
  // The feed is read-only: what is sent there is dropped (relay audit: sent, dropped, exit 0).
  if (o.send.length > 0 && url.pathname === '/feed') throw new SdpscopeError('USAGE', `${url.protocol}//${url.host}/feed is the relay's read-only feed: what is sent there is dropped; send to the relay's / (a room) instead`);
  if (o.send.filter((f) => f === '-').length > 1) throw new SdpscopeError('USAGE', 'standard input (-) can be sent once: it is read whole the first time');
  const frames: string[] = [];
  const notes: string[] = [];
  // At a terminal, "-" waits for what is typed: said, not a silent wait (relay audit).
  if (o.send.includes('-') && process.stdin.isTTY === true) err('reading the frames to send from standard input (a terminal): type or paste JSON frames, then Ctrl-D\n');
  // --timeout given bounds the reading of standard input too (relay audit: `sleep 8 | client --send - --timeout 2000` waited 8 s).
  const readWithin = (f: string): Promise<string> => {
    if (f !== '-' || o.timeoutMs === undefined) return readTextInput(f);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, no) => {
      timer = setTimeout(() => no(new SdpscopeError('FILE_UNREADABLE', `standard input (--send -) did not end within --timeout (${o.timeoutMs} ms): the frames to send are read whole before the client connects`)), o.timeoutMs);
    });
    return Promise.race([readTextInput(f), late]).finally(() => clearTimeout(timer));
  };
  for (const f of o.send) pushAll(frames, framesOf(await readWithin(f), f === '-' ? 'standard input' : f, notes));
  const s = makeStyle(o.color);
  for (const n of notes) err(s.dim(`${n}\n`));
  // What the server sent, on one line: a line feed in a notice or a frame's type forged lines (audit).
  // Escaped first, then cut: cut first, 400 control characters became a line of 1,814 (audit of the change).
  const line = (text: string) => clip(oneLine(text.length > LINE_MAX * 8 ? text.slice(0, LINE_MAX * 8) : text, false), LINE_MAX);
  const secret = (text: string) => (o.keepSecrets ? text : redactText(text));
  // --expect N prints N call frames: those that arrive while the client leaves (a feed's replay, a
  // burst of trickled candidates) are counted, not printed, so `answer=$(… --expect 1 --json)` is
  // the answer alone (relay/client audit: 17 of the feed's records for --expect 1).
  let printed = 0;
  let beyond = 0;
  const print = (f: ReceivedFrame) => {
    if (!f.notice && o.expect !== undefined) {
      if (printed >= o.expect) {
        beyond++;
        return undefined;
      }
      printed++;
    }
    if (o.json) {
      // Secrets redacted as in the relay's log, unless --keep-secrets; text that is not JSON kept (cut), so it is not taken for a JSON null.
      // The frame as received, its numbers as written (client audit: 12345678901234567890 printed
      // as …7000, 1e400 as null), where nothing in it is redacted: as the relay's log writes it.
      const redacted = o.keepSecrets || !f.json ? null : redactFrameChanged(f.frame);
      const asSent = f.json && (redacted === null || (!redacted.changed && writtenKeyCount(f.text) === keyCount(f.frame)));
      const frame = asSent ? f.text.replace(/[\r\n]/g, ' ') : JSON.stringify(redacted !== null ? redacted.value : f.frame);
      out(`${JSON.stringify({ time: f.time, notice: f.notice }).slice(0, -1)},"frame":${frame},"summary":${JSON.stringify(f.summary)}${f.json ? '' : `,"text":${JSON.stringify(secret(f.text.slice(0, TEXT_MAX)))}`}}\n`);
    } else out(`${s.dim(f.time.slice(0, 10) === new Date().toISOString().slice(0, 10) ? f.time.slice(11, 23) : `${f.time.slice(0, 10)} ${f.time.slice(11, 23)}`)} ${f.notice ? s.yellow(line(secret(f.description))) : `← ${line(secret(f.description))}`}\n`);
    // Standard output that is not being read holds the connection, not this process's memory (audit: 619 MB).
    return stdoutDrained();
  };
  const timeoutMs = o.timeoutMs ?? (o.expect !== undefined ? 10_000 : undefined);
  // Ctrl-C or SIGTERM: leave the room (close 1000, the relay's last notices heard), say what was sent and received, exit 130 (audit: cut, no summary, the relay logged 1006).
  const stop = new AbortController();
  let signalled = EXIT_INTERRUPTED;
  const interrupt = (name: NodeJS.Signals) => {
    // 128 + the signal's number, as shells report it: 130 for SIGINT, 143 for SIGTERM.
    signalled = name === 'SIGTERM' ? 143 : EXIT_INTERRUPTED;
    stop.abort();
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const running = runClient({
    url: o.url,
    ...(o.room !== undefined ? { room: o.room } : {}),
    ...(o.token !== undefined ? { token: o.token } : {}),
    send: frames,
    ...(o.expect !== undefined ? { expect: o.expect } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(o.insecure ? { tls: { rejectUnauthorized: false } } : {}),
    signal: stop.signal,
    keepFrames: false,
    onFrame: print,
  }).finally(() => {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  });
  let r: Awaited<typeof running>;
  try {
    r = await running;
  } catch (e) {
    // Interrupted while connecting: said, and the signal's exit code (it was exit 2, "refused").
    if (stop.signal.aborted) {
      err(s.dim('interrupted before the relay answered: nothing sent\n'));
      return signalled;
    }
    throw e;
  }
  // Talk on stderr: stdout is the frames (NDJSON with --json).
  const got = r.callFrames;
  const frames_ = (n: number) => `${n} frame${n === 1 ? '' : 's'}`;
  err(s.dim(`sent ${r.sent < frames.length ? `${r.sent} of ${frames_(frames.length)}` : frames_(r.sent)}, received ${frames_(got)}${beyond > 0 ? ` (${beyond} after the ${o.expect} expected, not printed)` : ''}${r.closeCode !== null ? `, closed ${r.closeCode}${r.closeReason ? ` "${line(r.closeReason)}"` : ''}` : ''}\n`));
  if (r.interrupted) return signalled;
  if (r.closeCode === 4001) throw new SdpscopeError('CONNECTION_REFUSED', 'the room is full');
  // Frames the relay did not forward are findings: a send that looked done was not (audit).
  let missed = false;
  const byCode = new Map<string, { n: number; message: string }>();
  for (const x of r.refusals) byCode.set(x.code, { n: (byCode.get(x.code)?.n ?? 0) + 1, message: x.message });
  // Bounded: a server can make every notice's code different (audit: 50,000 lines).
  // A refusal of frames only where frames were sent and the code is about them; any other notice is
  // what the server said (relay/client audit: "did not forward" with nothing sent; audit of the change:
  // a server's shutdown error after frames, and no-recipients called an error).
  const lead = (code: string) => (r.sent > 0 && FRAME_REFUSALS.has(code) ? 'the relay did not forward what was sent' : `the relay said${r.sent === 0 ? ' (this client sent nothing)' : ''}`);
  const lines = [...byCode].map(([code, { n, message }]) => `${lead(code)}: ${line(secret(message))} (${line(code)}${n > 1 ? `, ${n} notices` : ''})`);
  if (lines.length > 0) {
    err(s.red(lines.slice(0, MAX_REFUSAL_LINES).join('\n') + (lines.length > MAX_REFUSAL_LINES ? `\n… and ${lines.length - MAX_REFUSAL_LINES} more kinds of refusal` : '')) + '\n');
    missed = true;
  }
  if (r.failure !== null) {
    err(s.red(`the connection broke: ${line(r.failure)}\n`));
    missed = true;
  }
  // A close the relay sent for what it was sent (protocol.ts CLOSE_REASONS: sdpscope's relay; not a normal close or a shutdown).
  const cut = r.closeCode === null || r.failure !== null ? undefined : CLOSE_REASONS[r.closeCode];
  if (cut !== undefined) {
    // The server's own reason when it gave one (1011 from another server is not sdpscope's log failing, audit).
    err(s.red(`the relay closed the connection (${r.closeCode}): ${r.closeReason ? `"${line(r.closeReason)}"` : cut}; frames from then on were not forwarded\n`));
    missed = true;
  }
  // sdpscope's relay stopping (1001, "relay shutting down") before it had read every frame sent: those
  // after its close were not relayed. Only there: a server that closes once it has read what it wanted
  // answers no ping after its close either (audit of the change: a false exit 1 of a server's 1000).
  if (r.allRead === false && r.closeCode === 1001 && r.closeReason === 'relay shutting down' && r.failure === null && r.sent === frames.length) {
    err(s.red(`the relay stopped (1001 "relay shutting down") before it had read every frame sent: those it had not read were not relayed (its late-frames line counts those that arrived while it was stopping)\n`));
    missed = true;
  }
  if (o.expect !== undefined && got < o.expect) {
    err(s.red(r.timedOut ? `expected ${frames_(o.expect)}, got ${got} in ${timeoutMs} ms\n` : `expected ${frames_(o.expect)}, got ${got}: the connection closed${r.closeCode !== null ? ` (${r.closeCode})` : ''} first\n`));
    return EXIT_FINDINGS;
  }
  if (r.sent < frames.length) {
    err(s.red(`${frames_(frames.length - r.sent)} not sent: the connection ended first\n`));
    return EXIT_FINDINGS;
  }
  return missed ? EXIT_FINDINGS : EXIT_OK;
}
