/**
 * `sdpscope relay`: the signaling relay, every frame logged. Says every URL it serves and warns
 * when it is open beyond this machine without a token; stops cleanly on SIGINT/SIGTERM.
 */
import { existsSync, readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { SdpscopeError } from '../../src/errors.js';
import { fileError } from '../../src/node/files.js';
import { PAGE_DIR } from '../../src/node/paths.js';
import { RELAY_DEFAULTS, startRelay, type Relay, type RelayLine, type RelayOptions } from '../../src/node/relay/index.js';
import { normalOrigin } from '../../src/node/relay/options.js';
import { makeStyle, oneLine, type Style } from '../render/style.js';
import { EXIT_BAD_INPUT, EXIT_OK, whenOutputCloses, type Io } from '../run.js';

export interface RelayCommandOptions extends Omit<RelayOptions, 'tls' | 'onLine' | 'onLogError' | 'pageDir'> {
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly color: boolean;
  readonly quiet?: boolean;
}

/**
 * One console line for a relay event or frame, one line whatever the input put in it: a room
 * name, a detail or a summary holding a line feed is written with `\n` (a room of
 * "x%0A23:59:59.999 stopped" printed a fake line; relay audit). Pure.
 */
/** The longest frame description a console line shows (UTF-16 units); longer ones end in "…". */
const MAX_FRAME_TEXT = 300;

export function renderRelayLine(l: RelayLine, s: Style): string {
  const t = s.dim(l.time.slice(11, 23));
  const one = (text: string) => oneLine(text, false);
  if (l.kind === 'event') return `${t} ${s.yellow(l.event)}${l.room !== null ? ` ${s.dim('room')} ${one(l.room)}` : ''}${l.client !== null ? ` ${l.client}` : ''} ${s.dim(one(l.detail))}`;
  const colour = l.summary.kind === 'description' ? s.cyan : l.summary.kind === 'candidate' ? s.green : l.summary.kind === 'invalid-candidate' ? s.red : (t: string) => t;
  // A frame's own words (a type of 5,000 characters) cut once escaped, as a table cell is, never
  // between the halves of a surrogate pair (lab audit; audit of the change).
  let text = one(l.text);
  if (text.length > MAX_FRAME_TEXT) {
    let end = MAX_FRAME_TEXT - 1;
    if (/[\ud800-\udbff]/.test(text[end - 1]!)) end--;
    text = `${text.slice(0, end)}…`;
  }
  return `${t} ${s.dim(one(l.room))} ${l.from} → ${l.to.join(',') || s.dim('nobody')} ${s.dim(`${l.size} B`)} ${colour(text)}`;
}

/**
 * Console output not yet taken by whoever reads standard output, past which console lines are
 * dropped (and counted): a reader that stopped let 9,370 frames' lines grow the relay to 403 MB,
 * and SIGTERM then waited for it (relay audit). The log and the feed are not affected.
 */
export const CONSOLE_BACKLOG_BYTES = 1 << 20;

/** How long a stopped relay waits for standard output to take its last lines before it lets them go. */
const CONSOLE_DRAIN_MS = 500;
/** A relay stopped by a signal exits within this, whatever is left to print (the README's "within a second"). */
const STOP_WITHIN_MS = 950;

// With a zone (`::1%lo`: change audit, warned as beyond this machine).
const LOOPBACK = /^(?:127\.|::1(?:%[\w.-]{1,64})?$|::ffff:127\.|localhost$)/i;

/**
 * The events --quiet still shows: errors, refusals (of a client or of a frame, each of them a
 * notice the client got), the logger's state and the stop (relay audit: room-full, rate-limited,
 * invalid-json, reserved-type, binary-frame and heartbeat-timeout were hidden).
 */
export const QUIET_KEEPS = /listening|error|refused|stopped|behind|caught-up|skipped|slow|room-full|rate-limited|invalid-json|reserved-type|binary-frame|heartbeat-timeout|late-frames|log-cut/;

/** The lines printed once the relay listens: every URL, then a warning when it is open without a token. Pure. */
export function renderStartup(relay: Pick<Relay, 'endpoints' | 'port'>, o: { host: string; token?: string | undefined; tls: boolean; log?: string | undefined; pagesMissing?: boolean; origins?: readonly string[] | undefined }, addresses: readonly string[], s: Style): string {
  const names: Record<string, string> = { signaling: 'signaling', 'call-page': 'call page', inspector: 'inspector', feed: 'feed' };
  const out: string[] = [];
  const wildcard = o.host === '0.0.0.0' || o.host === '::';
  const token = o.token !== undefined ? '?token=<token>' : '';
  for (const e of relay.endpoints) {
    // A URL with no path gets its "/" before the query (ws://host:53378/?token=…, as URLs are written).
    const withToken = (url: string) => (token === '' ? url : `${/^\w+:\/\/[^/]+$/.test(url) ? `${url}/` : url}${token}`);
    out.push(`${s.bold(names[e.kind]!.padEnd(10))} ${withToken(e.url)}`);
    if (wildcard) {
      for (const a of addresses) out.push(`${''.padEnd(10)} ${withToken(e.url.replace(/\/\/[^/]+/, `//${a.includes(':') ? `[${a}]` : a}:${relay.port}`))}`);
    }
  }
  if (o.pagesMissing) out.push(`${s.bold('pages'.padEnd(10))} ${s.yellow('not built: no call page or inspector (npm run build makes them)')}`);
  out.push(`${s.bold('log'.padEnd(10))} ${o.log !== undefined ? `${resolve(o.log)} (NDJSON, appended)` : s.dim('none (--log FILE to keep every frame)')}`);
  if (!LOOPBACK.test(o.host) && o.token === undefined) {
    out.push(s.yellow(`warning: listening on ${o.host} (${wildcard ? 'every interface' : 'beyond this machine'}) with no --token: anyone who can reach port ${relay.port} can join any room and read every frame at /feed`));
  }
  // Origin null is sent by a page opened from a file, and by any site's sandboxed iframe or data: page (relay audit).
  if ((o.origins ?? []).some((x) => normalOrigin(x) === 'null') && o.token === undefined) {
    out.push(s.yellow('warning: --origin null lets in every page that sends Origin: null, the sandboxed iframes and data: pages of any site among them, to /feed too; give --token as well'));
  }
  return out.join('\n') + '\n';
}

/**
 * This machine's non-loopback addresses, for the start-up lines of a relay on every interface:
 * IPv4, and on `::` IPv6 too (link-local ones left out: a URL needs their zone).
 */
function interfaceAddresses(ipv6: boolean): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i): i is NonNullable<typeof i> => i !== undefined && !i.internal && (i.family === 'IPv4' || (ipv6 && i.family === 'IPv6' && !/^fe80:/i.test(i.address))))
    .map((i) => i.address);
}

/** Runs the relay until SIGINT or SIGTERM; resolves with the exit code once the log is flushed. */
export async function relayCommand(opts: RelayCommandOptions, io: Io): Promise<number> {
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new SdpscopeError('USAGE', '--tls-cert and --tls-key go together');
  // "-" is standard input elsewhere: here it names no file (README walk: "\u0000stdin" in the banner, then Node's own error).
  for (const [name, v] of [['--log', opts.log], ['--tls-cert', opts.tlsCert], ['--tls-key', opts.tlsKey]] as const) {
    if (v === '-') throw new SdpscopeError('USAGE', `${name} takes a file, not "-"${name === '--log' ? ' (standard output has the relay\'s console lines)' : ''}`);
    // An empty one names no file either (relay audit: the banner named the current folder, then the log failed once listening).
    if (v !== undefined && v.trim() === '') throw new SdpscopeError('USAGE', `${name} takes a file, not an empty name`);
  }
  // A value that is no origin is a usage error here, as the README says (the library's INVALID_OPTION had come out: README walk).
  for (const origin of opts.origins ?? []) {
    if (normalOrigin(origin) === null) throw new SdpscopeError('USAGE', `--origin ${JSON.stringify(origin.slice(0, 200))} is not an origin: scheme://host[:port] as a browser sends it (https://app.example), or null${origin.trim() === '*' ? '; to let every page call, give no --origin' : ''} (see sdpscope relay --help)`);
  }
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      throw fileError(p, e);
    }
  };
  const s = makeStyle(opts.color);
  const { tlsCert, tlsKey, quiet, color: _color, ...rest } = opts;
  const stdout = process.stdout;
  let dropped = 0;
  // Its reader gone (`relay | head -1`): the relay stops as on SIGTERM, its log flushed with a
  // `stopped` record saying why (it used to exit at once, the log empty, not even `listening`).
  let outputClosed = false;
  let relay: Relay | undefined;
  whenOutputCloses(() => {
    outputClosed = true;
    void relay?.close('standard output closed');
  });
  const say = (line: string) => {
    if (outputClosed) return;
    if (stdout.writableLength > CONSOLE_BACKLOG_BYTES) {
      dropped++;
      return;
    }
    if (dropped > 0) {
      io.out(`${s.yellow(`${dropped} console line${dropped === 1 ? '' : 's'} dropped`)} ${s.dim('(standard output was not being read; the log has everything)')}\n`);
      dropped = 0;
    }
    io.out(line);
  };
  // A bracketed IPv6 address, as the banner writes one, is that address: for the checks and the banner too (change audit: "[::1]" was warned about as beyond this machine).
  const given = opts.host ?? RELAY_DEFAULTS.host;
  const host = /^\[[0-9a-fA-F:.]+(?:%[\w.-]{1,64})?\]$/.test(given.trim()) ? given.trim().slice(1, -1) : given;
  const port = opts.port ?? RELAY_DEFAULTS.port;
  try {
    relay = await startRelay({
      ...rest,
      ...(tlsCert !== undefined && tlsKey !== undefined ? { tls: { cert: read(tlsCert), key: read(tlsKey) } } : {}),
      pageDir: PAGE_DIR,
      // --quiet keeps start-up, warnings and errors on the console, not the line per frame.
      onLine: (l: RelayLine) => {
        if (!quiet || (l.kind === 'event' && QUIET_KEEPS.test(l.event))) say(renderRelayLine(l, s) + '\n');
      },
      // The operator must see it, whatever --quiet says: on stderr.
      // The library's option named as this command spells it (README walk: 'logFailure "continue"').
      onLogError: (e) => io.err(`sdpscope: ${s.red(e.message.replace('logFailure "continue"', '--log-failure continue'))} [${e.code}]\n`),
    });
  } catch (e) {
    if (e instanceof SdpscopeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (/PEM|ERR_OSSL|key values mismatch/i.test(`${code ?? ''} ${(e as Error).message}`)) {
      throw new SdpscopeError('INVALID_OPTION', `--tls-cert and --tls-key must be a PEM certificate and its private key (${(e as Error).message.replace(/^error:[0-9A-F]+:/, '')})`);
    }
    throw new SdpscopeError('LISTEN_FAILED', `cannot listen on ${host}:${port}: ${(e as Error).message}`);
  }
  const started = relay;
  // Runs until a signal (then closes clients and flushes the log), or until it stops by itself.
  // When the signal came: the console's last lines get what is left of the second a stop takes
  // (README walk: 1.5 s once clients, the logger and the console had each used their own budget).
  let stoppedAt: number | null = null;
  // The record says which signal (relay audit: "stopped" said "log flushed" only).
  const stop = (signal: NodeJS.Signals) => {
    if (stoppedAt !== null) return;
    stoppedAt = Date.now();
    void started.close(signal);
  };
  // SIGHUP (a closed terminal or ssh session) stops it the same clean way (relay audit: exit 129,
  // no close to the clients, no stopped record). A second signal while it stops (Ctrl-C twice,
  // coreutils' timeout signalling the child and then its group) is taken by the same handler and
  // changes nothing: with `once`, Node's default action killed it unflushed (operator audit: 130).
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
  // The banner after the handlers: a supervisor (or a test) that signals as soon as it reads the
  // banner met Node's default action, an exit by the signal with nothing flushed (a race under load).
  io.out(renderStartup(started, { host, token: opts.token, tls: tlsCert !== undefined, log: opts.log, pagesMissing: !existsSync(join(PAGE_DIR, 'index.html')), origins: opts.origins },  host === '0.0.0.0' || host === '::' ? interfaceAddresses(host === '::') : [], s));
  if (outputClosed) void started.close('standard output closed');
  const error = await started.stopped;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  process.off('SIGHUP', stop);
  whenOutputCloses(null);
  const code = error ? EXIT_BAD_INPUT : EXIT_OK;
  if (outputClosed) return code;
  // Lines standard output has not taken (a reader that stopped) do not keep the process: it ends
  // after a moment without them (a pending write would hold it as long as the reader does).
  if (stdout.writableLength > 0) {
    await new Promise<void>((r) => {
      const left = stoppedAt === null ? CONSOLE_DRAIN_MS : Math.max(0, Math.min(CONSOLE_DRAIN_MS, STOP_WITHIN_MS - (Date.now() - stoppedAt)));
      const t = setTimeout(r, left);
      stdout.once('drain', () => {
        clearTimeout(t);
        r();
      });
    });
    if (stdout.writableLength > 0) process.exit(code);
  }
  // Said on stderr when it happened; the exit code tells scripts and supervisors.
  return code;
}
