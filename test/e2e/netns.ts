/**
 * Test hosts in network namespaces this test creates (the only places test traffic may go):
 * here one namespace with loopback and a veth pair whose two ends are both inside it
 * (10.99.0.1/24 and 10.99.0.2/24), so that Chromium has host addresses for ICE and nothing
 * can leave. Always removed afterwards.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_BASE_ARGS } from '../../src/lab/browsers.js';
import { relayListening } from '../../src/lab/call.js';
import { deleteNamespace, netnsWrapper } from '../../src/lab/topology.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const CLI = resolve(__dirname, '../../dist/bin/sdpscope.js');

/** Starts `sdpscope relay` inside the namespace; resolves once it listens. */
export async function startRelayIn(ns: Netns, args: readonly string[]): Promise<ChildProcess> {
  const relay = ns.spawn(process.execPath, [CLI, 'relay', '--heartbeat', '0', '--no-color', ...args]);
  await relayListening(relay);
  return relay;
}

/**
 * Debian's Chromium, headless, inside the namespace (through an ip netns exec wrapper), with
 * the switches that keep it from calling out.
 */
export function launchChromiumIn(ns: Netns, extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: ns.wrapper('/usr/bin/chromium'),
    headless: true,
    args: [...CHROMIUM_BASE_ARGS, ...extraArgs],
  });
}

export interface Netns {
  readonly name: string;
  readonly address: string;
  /** Runs a command inside the namespace (in the background). */
  spawn(cmd: string, args: readonly string[]): ChildProcess;
  /** A script that runs its arguments' program inside the namespace (for executablePath). */
  wrapper(program: string): string;
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });

export function createNetns(tag: string): Netns {
  const name = `sdpscope-${tag}-${process.pid}`;
  const address = '10.99.0.1';
  ip('netns', 'add', name);
  try {
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
    ip('netns', 'exec', name, 'ip', 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1');
    ip('netns', 'exec', name, 'ip', 'addr', 'add', `${address}/24`, 'dev', 'v0');
    ip('netns', 'exec', name, 'ip', 'addr', 'add', '10.99.0.2/24', 'dev', 'v1');
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'v0', 'up');
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'v1', 'up');
  } catch (e) {
    ip('netns', 'del', name);
    throw e;
  }
  const children: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'sdpscope-netns-'));
  return {
    name,
    address,
    spawn(cmd, args) {
      const child = spawn('ip', ['netns', 'exec', name, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      return child;
    },
    wrapper: (program) => netnsWrapper(dir, name, program),
    remove() {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      deleteNamespace(name);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
