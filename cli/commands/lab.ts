/**
 * `sdpscope lab`: reproduce a NAT type locally (root, Linux) and watch a browser call through it:
 * network namespaces with two NAT routers, coturn, the relay and two headless browsers; every
 * frame printed as the relay logs it, then sdpscope's checks against what the browsers reported.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runLabCall, type LabCallOptions, type LabMedia } from '../../src/lab/call.js';
import type { BrowserName } from '../../src/lab/browsers.js';
import type { NatKind } from '../../src/lab/topology.js';
import { verifyLabCall, type LabCheck } from '../../src/lab/verify.js';
import { SdpscopeError } from '../../src/errors.js';
import { makeStyle, type Style } from '../render/style.js';
import { EXIT_FINDINGS, EXIT_OK, whenOutputCloses } from '../run.js';

export interface LabCommandOptions {
  readonly natA: NatKind;
  readonly natB: NatKind;
  readonly browserA: BrowserName;
  readonly browserB: BrowserName;
  readonly media: LabMedia;
  readonly videoCodecs: readonly string[];
  readonly artifacts: string;
  readonly timeoutMs: number;
  readonly json: boolean;
  readonly color: boolean;
}

/** The checks as lines: a mark, the check's name, what was compared. Pure. */
export function renderChecks(checks: readonly LabCheck[], s: Style): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  return checks.map((c) => `${c.ok ? s.green('✓') : s.red('✗')} ${c.name.padEnd(width)}  ${c.ok ? c.detail : s.red(c.detail)}\n`).join('');
}

export async function labCommand(o: LabCommandOptions, write: (s: string) => void): Promise<number> {
  const s = makeStyle(o.color);
  // Its reader gone (`sdpscope lab | head`): the lab goes on to its checks, quietly, and exits with
  // their code (probe audit: it had exited 0 at once, the call cut and nothing checked).
  let outputClosed = false;
  const out = (t: string) => {
    if (!outputClosed) write(t);
  };
  const artifacts = resolve(o.artifacts);
  // Kernel file systems: Node's mkdirSync never returns on a new path under /proc (lab audit: 100% CPU, deaf to Ctrl-C).
  if (/^\/(proc|sys)(\/|$)/.test(artifacts)) throw new SdpscopeError('USAGE', `--artifacts ${artifacts}: /proc and /sys hold no files of ours; give a folder elsewhere`);
  // Ctrl-C, termination, a closed terminal: exit through 'exit', where the lab removes its
  // namespaces and processes, with the shell's code for the signal (128 + its number: the
  // client's and the spool's). Without a SIGHUP handler, Playwright's closed the browsers and the
  // lab went on without them (lab audit: an internal error, or a 45 s wait for a call).
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((signal) => {
    const h = () => process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129);
    process.once(signal, h);
    return [signal, h] as const;
  });
  whenOutputCloses(() => {
    outputClosed = true;
  });
  try {
    const options: LabCallOptions = {
      nat: { a: o.natA, b: o.natB },
      browsers: { a: o.browserA, b: o.browserB },
      media: o.media,
      ...(o.videoCodecs.length > 0 ? { videoCodecs: o.videoCodecs } : {}),
      artifacts,
      timeoutMs: o.timeoutMs,
      ...(o.json ? {} : { onLine: (l: string) => out(`${s.dim(l.startsWith('relay') ? l.slice(0, 6) : 'lab   ')}${l.startsWith('relay') ? l.slice(6) : l}\n`) }),
    };
    const result = await runLabCall(options);
    const checks = verifyLabCall(result);
    writeFileSync(join(artifacts, 'checks.json'), JSON.stringify(checks, null, 1));
    const ok = checks.every((c) => c.ok);
    if (o.json) {
      out(JSON.stringify({ ok, artifacts, checks, selectedPairs: { a: result.peers.a.selectedPair, b: result.peers.b.selectedPair } }, null, 2) + '\n');
    } else {
      out('\n' + renderChecks(checks, s));
      out(`\nartifacts: ${artifacts}\n  sdpscope candidates ${join(artifacts, 'relay.ndjson')}\n  sdp-diff ${join(artifacts, 'relay.ndjson')}\n`);
    }
    return ok ? EXIT_OK : EXIT_FINDINGS;
  } finally {
    whenOutputCloses(null);
    for (const [signal, h] of handlers) process.removeListener(signal, h);
  }
}
