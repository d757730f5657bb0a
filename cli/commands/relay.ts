/**
 * `sdpscope relay`: the signaling relay, every frame logged. Says every URL it serves and warns
 * when it is open beyond this machine without a token; stops cleanly on SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import { SdpscopeError } from '../../src/errors.js';
import { fileError } from '../../src/node/files.js';
import { PAGE_DIR } from '../../src/node/paths.js';
import { RELAY_DEFAULTS, startRelay, type Relay, type RelayLine, type RelayOptions } from '../../src/node/relay/index.js';
import { makeStyle, type Style } from '../render/style.js';
import { EXIT_BAD_INPUT, EXIT_OK, type Io } from '../run.js';

export interface RelayCommandOptions extends Omit<RelayOptions, 'tls' | 'onLine' | 'onLogError' | 'pageDir'> {
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly color: boolean;
  readonly quiet?: boolean;
}

/** One console line for a relay event or frame. Pure. */
export function renderRelayLine(l: RelayLine, s: Style): string {
  const t = s.dim(l.time.slice(11, 23));
  if (l.kind === 'event') return `${t} ${s.yellow(l.event)}${l.room !== null ? ` ${s.dim('room')} ${l.room}` : ''}${l.client !== null ? ` ${l.client}` : ''} ${s.dim(l.detail)}`;
  const colour = l.summary.kind === 'description' ? s.cyan : l.summary.kind === 'candidate' ? s.green : l.summary.kind === 'invalid-candidate' ? s.red : (t: string) => t;
  return `${t} ${s.dim(l.room)} ${l.from} → ${l.to.join(',') || s.dim('nobody')} ${s.dim(`${l.size} B`)} ${colour(l.text)}`;
}

const LOOPBACK = /^(?:127\.|::1$|localhost$)/;

/** The lines printed once the relay listens: every URL, then a warning when it is open without a token. Pure. */
export function renderStartup(relay: Pick<Relay, 'endpoints' | 'port'>, o: { host: string; token?: string | undefined; tls: boolean; log?: string | undefined }, addresses: readonly string[], s: Style): string {
  const names: Record<string, string> = { signaling: 'signaling', 'call-page': 'call page', inspector: 'inspector', feed: 'feed' };
  const out: string[] = [];
  const wildcard = o.host === '0.0.0.0' || o.host === '::';
  const token = o.token !== undefined ? '?token=<token>' : '';
  for (const e of relay.endpoints) {
    out.push(`${s.bold(names[e.kind]!.padEnd(10))} ${e.url}${token}`);
    if (wildcard) {
      for (const a of addresses) out.push(`${''.padEnd(10)} ${e.url.replace(/\/\/[^/]+/, `//${a.includes(':') ? `[${a}]` : a}:${relay.port}`)}${token}`);
    }
  }
  out.push(`${s.bold('log'.padEnd(10))} ${o.log !== undefined ? `${resolve(o.log)} (NDJSON, appended)` : s.dim('none (--log FILE to keep every frame)')}`);
  if (!LOOPBACK.test(o.host) && o.token === undefined) {
    out.push(s.yellow(`warning: listening on ${o.host} (${wildcard ? 'every interface' : 'beyond this machine'}) with no --token: anyone who can reach port ${relay.port} can join any room and read every frame at /feed`));
  }
  return out.join('\n') + '\n';
}

/** This machine's non-loopback IPv4 addresses, for the start-up lines of a relay on every interface. */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i): i is NonNullable<typeof i> => i !== undefined && !i.internal && i.family === 'IPv4')
    .map((i) => i.address);
}

/** Runs the relay until SIGINT or SIGTERM; resolves with the exit code once the log is flushed. */
export async function relayCommand(opts: RelayCommandOptions, io: Io): Promise<number> {
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new SdpscopeError('USAGE', '--tls-cert and --tls-key go together');
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      throw fileError(p, e);
    }
  };
  const s = makeStyle(opts.color);
  const { tlsCert, tlsKey, quiet, color: _color, ...rest } = opts;
  const host = opts.host ?? RELAY_DEFAULTS.host;
  const port = opts.port ?? RELAY_DEFAULTS.port;
  let relay: Relay;
  try {
    relay = await startRelay({
      ...rest,
      ...(tlsCert !== undefined && tlsKey !== undefined ? { tls: { cert: read(tlsCert), key: read(tlsKey) } } : {}),
      pageDir: PAGE_DIR,
      // --quiet keeps start-up, warnings and errors on the console, not the line per frame.
      onLine: (l: RelayLine) => {
        if (!quiet || (l.kind === 'event' && /error|refused|stopped|behind|caught-up|skipped|slow/.test(l.event))) io.out(renderRelayLine(l, s) + '\n');
      },
      // The operator must see it, whatever --quiet says: on stderr.
      onLogError: (e) => io.err(`sdpscope relay: ${s.red(e.message)} [${e.code}]\n`),
    });
  } catch (e) {
    if (e instanceof SdpscopeError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (/PEM|ERR_OSSL|key values mismatch/i.test(`${code ?? ''} ${(e as Error).message}`)) {
      throw new SdpscopeError('INVALID_OPTION', `--tls-cert and --tls-key must be a PEM certificate and its private key (${(e as Error).message.replace(/^error:[0-9A-F]+:/, '')})`);
    }
    if (code === 'EADDRINUSE') throw new SdpscopeError('ADDRESS_IN_USE', `cannot listen on ${host}:${port}: the port is in use (another relay? --port 0 takes any free one)`);
    throw new SdpscopeError('LISTEN_FAILED', `cannot listen on ${host}:${port}: ${(e as Error).message}`);
  }
  io.out(renderStartup(relay, { host, token: opts.token, tls: tlsCert !== undefined, log: opts.log }, host === '0.0.0.0' || host === '::' ? interfaceAddresses() : [], s));
  // Runs until a signal (then closes clients and flushes the log), or until it stops by itself.
  const stop = () => void relay.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const error = await relay.stopped;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  // Said on stderr when it happened; the exit code tells scripts and supervisors.
  return error ? EXIT_BAD_INPUT : EXIT_OK;
}
