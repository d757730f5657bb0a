/** `sdpscope relay`: the signaling relay, every frame logged; stops cleanly on SIGINT/SIGTERM. */
import { readFileSync } from 'node:fs';
import { SdpscopeError } from '../../src/errors.js';
import { RELAY_DEFAULTS, startRelay, type RelayLine, type RelayOptions } from '../../src/node/relay/index.js';
import { PAGE_DIR } from '../../src/node/paths.js';
import { makeStyle, type Style } from '../render/style.js';

export interface RelayCommandOptions extends Omit<RelayOptions, 'tls' | 'onLine' | 'pageDir'> {
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly color: boolean;
  readonly quiet?: boolean;
}

/** One console line for a relay event or frame. Pure. */
export function renderRelayLine(l: RelayLine, s: Style): string {
  const t = s.dim(l.time.slice(11, 23));
  if (l.kind === 'event') return `${t} ${s.yellow(l.event)}${l.room !== null ? ` ${s.dim('room')} ${l.room}` : ''}${l.client !== null ? ` ${l.client}` : ''} ${s.dim(l.detail)}`;
  const colour = l.summary.kind === 'description' ? s.cyan : l.summary.kind === 'candidate' ? s.green : l.summary.kind === 'invalid-candidate' ? s.red : s.white;
  return `${t} ${s.dim(l.room)} ${l.from} → ${l.to.join(',') || s.dim('nobody')} ${s.dim(`${l.size} B`)} ${colour(l.text)}`;
}

/** The relay's options are the command's, less its own `color`. */
function withoutColor<T extends { color?: boolean }>(o: T): Omit<T, 'color'> {
  const copy: T = { ...o };
  delete copy.color;
  return copy;
}

export async function relayCommand(opts: RelayCommandOptions, out: (s: string) => void): Promise<{ close: () => Promise<void>; url: string }> {
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new SdpscopeError('USAGE', '--tls-cert and --tls-key go together');
  const read = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch (e) {
      throw new SdpscopeError('FILE_UNREADABLE', `${p}: ${(e as Error).message}`);
    }
  };
  const s = makeStyle(opts.color);
  const { tlsCert, tlsKey, quiet, ...rest } = opts;
  const relay = await startRelay({
    ...withoutColor(rest),
    ...(tlsCert !== undefined && tlsKey !== undefined ? { tls: { cert: read(tlsCert), key: read(tlsKey) } } : {}),
    pageDir: PAGE_DIR,
    ...(quiet ? {} : { onLine: (l: RelayLine) => out(renderRelayLine(l, s) + '\n') }),
  }).catch((e: NodeJS.ErrnoException) => {
    throw new SdpscopeError('USAGE', `cannot listen on ${opts.host ?? RELAY_DEFAULTS.host}:${opts.port ?? RELAY_DEFAULTS.port}: ${e.message}`);
  });
  return { close: () => relay.close(), url: relay.url };
}
