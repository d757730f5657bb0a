/**
 * The NAT lab's network: Linux network namespaces, veth pairs and a bridge, made and removed
 * here. Nothing in it is connected to the machine's own network: the namespaces have routes
 * only to each other, so a packet for any other address is refused locally, never sent.
 *
 *   public net 203.0.113.0/24 (bridge in namespace "pub": relay .1, STUN/TURN .10 and .11)
 *     ├─ router A  wan 203.0.113.2  ── lan 10.0.1.1/24 ── host A 10.0.1.2
 *     └─ router B  wan 203.0.113.3  ── lan 10.0.2.1/24 ── host B 10.0.2.2
 *
 * Each router is one of the notes' boxes: a full cone, restricted cone, port-restricted cone or
 * symmetric NAT, or a firewall that drops forwarded UDP ("UDP blocked"), with TCP still
 * masqueraded (see natRules). Needs root, iproute2 and iptables, and ipset for the restricted
 * cone (Linux only).
 */
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SdpscopeError } from '../errors.js';
import { PACKAGE_ROOT } from '../node/paths.js';

import { natKindOf, type NatKind } from './kinds.js';

export { NAT_KINDS, NAT_DESCRIPTIONS, type NatKind } from './kinds.js';

export type LabSide = 'a' | 'b';

export interface LabHost {
  readonly side: LabSide;
  readonly nat: NatKind;
  /** The host's namespace. */
  readonly ns: string;
  /** The host's private address (10.0.1.2 or 10.0.2.2). */
  readonly address: string;
  /** The router's public (wan) address: what the NAT maps to. */
  readonly publicAddress: string;
  /** The router's namespace (its iptables rules). */
  readonly routerNs: string;
}

export interface Lab {
  readonly id: string;
  /** The public net's namespace (relay, STUN/TURN). */
  readonly publicNs: string;
  /** The relay's address on the public net. */
  readonly relayAddress: string;
  /** The STUN/TURN server's two addresses on the public net. */
  readonly stunAddresses: readonly [string, string];
  readonly hosts: Readonly<Record<LabSide, LabHost>>;
  /** A folder for the lab's own files (wrappers, profiles, configs), removed on close. */
  readonly dir: string;
  /** Starts a program inside a namespace; it is ended (by PID) on close. */
  spawnIn(ns: string, program: string, args: readonly string[], options?: SpawnOptions): ChildProcess;
  /** A script running `program` inside a namespace, for tools that take an executable path. */
  wrapper(ns: string, program: string): string;
  /** Ends every process started in the lab and deletes the namespaces. Idempotent. */
  close(): Promise<void>;
}

const PREFIX = 'sdpscope-lab-';
const RELAY = '203.0.113.1';
const STUN: readonly [string, string] = ['203.0.113.10', '203.0.113.11'];
const SIDES: Record<LabSide, { wan: string; lan: string; host: string; net: string }> = {
  a: { wan: '203.0.113.2', lan: '10.0.1.1', host: '10.0.1.2', net: '10.0.1.0/24' },
  b: { wan: '203.0.113.3', lan: '10.0.2.1', host: '10.0.2.2', net: '10.0.2.0/24' },
};

function run(program: string, args: readonly string[]): string {
  try {
    return execFileSync(program, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    const err = e as { stderr?: string; code?: string };
    if (err.code === 'ENOENT') throw new SdpscopeError('LAB_SETUP', `the lab needs ${program}, which is not installed (Debian: apt-get install ${program === 'ip' ? 'iproute2' : program})`);
    throw new SdpscopeError('LAB_SETUP', `${program} ${args.join(' ')}: ${(err.stderr ?? String(e)).trim()}`);
  }
}

const inNs = (ns: string, program: string, ...args: string[]) => run('ip', ['netns', 'exec', ns, program, ...args]);
/** Sets a sysctl of a namespace through /proc/sys (which shows the reader's namespace): no procps needed. */
const sysctl = (ns: string, key: string, value: string) => inNs(ns, 'sh', '-c', `echo ${value} > /proc/sys/${key.replace(/\./g, '/')}`);

/** Writes (in `dir`) a script running `program` inside namespace `ns`, for tools that take an executable path. */
export function netnsWrapper(dir: string, ns: string, program: string): string {
  const path = join(dir, `${ns}-${program.replace(/\W/g, '_')}.sh`);
  // TMPDIR and XDG_RUNTIME_DIR: the browser's own temporary folders (its profile lock,
  // PulseAudio's runtime folder) go into the run's folder and are removed with it, not left in /tmp.
  writeFileSync(path, `#!/bin/sh\nexport TMPDIR='${dir}' XDG_RUNTIME_DIR='${dir}'\nexec ip netns exec ${ns} ${program} "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

function hasProgram(program: string): boolean {
  try {
    execFileSync(program, ['--version'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    return (e as { code?: string }).code !== 'ENOENT';
  }
}

/** Is a process alive (for sweeping namespaces left by a killed run)? */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM';
  }
}

function killNamespacePids(ns: string): void {
  let pids: string;
  try {
    pids = execFileSync('ip', ['netns', 'pids', ns], { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
  } catch {
    return;
  }
  for (const pid of pids.split('\n').filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Ends every process in a namespace (SIGKILL, by PID) and deletes it; quiet when it is gone. */
export function deleteNamespace(ns: string): void {
  killNamespacePids(ns);
  try {
    execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
  } catch {
    /* already gone */
  }
}

/** Deletes lab namespaces whose creating process is gone (a run killed before its cleanup). */
export function sweepStaleLabs(): string[] {
  let list: string;
  try {
    list = execFileSync('ip', ['netns', 'list'], { stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8' });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const line of list.split('\n')) {
    const ns = line.split(' ')[0] ?? '';
    const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(ns);
    if (m && !alive(Number(m[1]))) {
      deleteNamespace(ns);
      removed.push(ns);
    }
  }
  // Its folder (coturn's database and pid file, the browsers' wrappers) too (lab audit: left after kill -9).
  try {
    for (const name of readdirSync(tmpdir())) {
      const m = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
      if (m && !alive(Number(m[1]))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  } catch {
    /* an unreadable tmpdir: nothing to sweep */
  }
  return removed;
}

/**
 * Checks what the lab needs before touching anything; throws LAB_SETUP with every missing piece
 * (`more`: what the caller found missing too, such as browsers).
 */
export function checkLabPrerequisites(more: readonly string[] = []): void {
  const missing: string[] = [];
  if (process.platform !== 'linux') missing.push('Linux (network namespaces)');
  if (typeof process.getuid === 'function' && process.getuid() !== 0) missing.push('root (ip netns, iptables)');
  for (const [program, pkg] of [['ip', 'iproute2'], ['iptables', 'iptables']] as const) {
    try {
      execFileSync(program, ['-V'], { stdio: 'ignore' });
    } catch (e) {
      if ((e as { code?: string }).code === 'ENOENT') missing.push(`${program} (Debian package ${pkg})`);
    }
  }
  if (!existsSync('/usr/bin/turnserver')) missing.push('coturn (Debian package coturn: /usr/bin/turnserver)');
  missing.push(...more);
  // The installer named wherever a package is missing, by its full path (lab audit: only when two things were, and relative to a folder the user was not in).
  const packages = missing.filter((m) => !m.startsWith('Linux') && !m.startsWith('root'));
  if (missing.length > 0) throw new SdpscopeError('LAB_SETUP', `the lab needs ${missing.join(', ')}${packages.length > 0 ? ` (${join(PACKAGE_ROOT, 'scripts/lab-setup.sh')} installs ${packages.length === 1 ? 'it' : 'them'}, as root)` : ''}`);
}

/**
 * A router's NAT (RFC 4787 behaviours; recipes checked with coturn's turnutils_natdiscovery):
 * - port-restricted cone: MASQUERADE (the kernel keeps the host's port when it is free:
 *   endpoint-independent mapping; only replies to a conntrack entry get in: address-and-port-
 *   dependent filtering);
 * - symmetric: MASQUERADE --random-fully (a new port per destination);
 * - full cone: UDP SNAT'ed to the router's address (port kept), and any UDP to a router port
 *   DNAT'ed back to the host on the same port: anyone may send to a mapping;
 * - restricted cone: the same SNAT, and the DNAT only for a packet whose (source address,
 *   port it is sent to) is in an ipset filled on the way out with (destination address, host
 *   port): any port of an address the mapping has sent to may answer. Keyed per mapping, not per
 *   address (RFC 5780 §4.4: a per-address set would let a test's earlier packets from another
 *   port open the filter);
 * - UDP blocked: MASQUERADE for TCP, forwarded UDP dropped.
 */
function natRules(router: string, nat: Exclude<NatKind, 'cone'>, s: { wan: string; host: string; net: string }): void {
  const ipt = (...args: string[]) => inNs(router, 'iptables', ...args);
  const masquerade = ['-t', 'nat', '-A', 'POSTROUTING', '-s', s.net, '-o', 'wan', '-j', 'MASQUERADE'];
  if (nat === 'full-cone' || nat === 'restricted-cone') {
    const inbound = ['-t', 'nat', '-A', 'PREROUTING', '-i', 'wan', '-p', 'udp', '-d', s.wan, '--dport', '1024:65535'];
    if (nat === 'restricted-cone') {
      inNs(router, 'ipset', 'create', 'contacted', 'hash:ip,port', 'timeout', '300');
      ipt('-t', 'mangle', '-A', 'FORWARD', '-i', 'lan', '-o', 'wan', '-p', 'udp', '-j', 'SET', '--add-set', 'contacted', 'dst,src', '--exist');
      inbound.push('-m', 'set', '--match-set', 'contacted', 'src,dst');
      // A packet the filter refuses leaves no trace: without this, conntrack would keep an entry
      // for it (a "connection" to the router itself), and the same packet retried after the
      // host has sent to that address would still match that entry instead of the DNAT.
      ipt('-t', 'raw', '-A', 'PREROUTING', '-i', 'wan', '-p', 'udp', '-d', s.wan, '-m', 'set', '!', '--match-set', 'contacted', 'src,dst', '-j', 'CT', '--notrack');
      ipt('-A', 'INPUT', '-i', 'wan', '-p', 'udp', '-j', 'DROP');
    }
    ipt('-t', 'nat', '-A', 'POSTROUTING', '-o', 'wan', '-p', 'udp', '-s', s.host, '-j', 'SNAT', '--to-source', s.wan);
    ipt(...masquerade);
    ipt(...inbound, '-j', 'DNAT', '--to-destination', s.host);
    return;
  }
  ipt(...masquerade, ...(nat === 'symmetric' ? ['--random-fully'] : []));
  if (nat === 'udp-blocked') ipt('-A', 'FORWARD', '-p', 'udp', '-j', 'DROP');
}

export interface LabOptions {
  readonly nat: Readonly<Record<LabSide, NatKind>>;
}

let serial = 0;

/** Builds the lab's network. On any failure, what was made is removed before the error is thrown. */
export function createLab(options: LabOptions): Lab {
  checkLabPrerequisites(Object.values(options.nat).some((k) => k === 'restricted-cone') && !hasProgram('ipset') ? ['ipset (Debian package ipset) for the restricted cone NAT'] : []);
  sweepStaleLabs();
  const id = `${process.pid}-${++serial}`;
  const ns = (name: string) => `${PREFIX}${id}-${name}`;
  const pub = ns('pub');
  const made: string[] = [];
  const children: ChildProcess[] = [];
  // Named by this process, as the namespaces are: a killed run's folder is swept with them.
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  let closed = false;

  const addNs = (name: string) => {
    run('ip', ['netns', 'add', name]);
    made.push(name);
    // IPv4 only: no IPv6 link-local addresses, router solicitations or candidates.
    sysctl(name, 'net.ipv6.conf.all.disable_ipv6', '1');
    sysctl(name, 'net.ipv6.conf.default.disable_ipv6', '1');
    inNs(name, 'ip', 'link', 'set', 'lo', 'up');
  };

  const removeAll = () => {
    for (const c of children) {
      if (c.exitCode === null && c.signalCode === null && c.pid !== undefined) {
        try {
          process.kill(c.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    for (const name of [...made].reverse()) deleteNamespace(name);
    made.length = 0;
    rmSync(dir, { recursive: true, force: true });
  };
  // The trap: namespaces go even if the process exits without calling close().
  const onExit = () => removeAll();
  process.once('exit', onExit);

  try {
    addNs(pub);
    inNs(pub, 'ip', 'link', 'add', 'br0', 'type', 'bridge');
    for (const a of [RELAY, ...STUN]) inNs(pub, 'ip', 'addr', 'add', `${a}/24`, 'dev', 'br0');
    inNs(pub, 'ip', 'link', 'set', 'br0', 'up');
    // The public net's "rest of the Internet": a default route into a veth pair whose far end
    // (in the same namespace) drops everything. A TURN server relaying to an address nobody has
    // (a peer's private host candidate) sends into it, as on a real network, instead of getting
    // ENETUNREACH (which coturn treats as fatal for the allocation). Nothing leaves the namespace.
    inNs(pub, 'ip', 'link', 'add', 'sink0', 'type', 'veth', 'peer', 'name', 'sink1');
    inNs(pub, 'ip', 'link', 'set', 'sink0', 'arp', 'off');
    inNs(pub, 'ip', 'link', 'set', 'sink0', 'up');
    inNs(pub, 'ip', 'link', 'set', 'sink1', 'up');
    inNs(pub, 'ip', 'route', 'add', 'default', 'dev', 'sink0');

    const hosts = {} as Record<LabSide, LabHost>;
    for (const side of ['a', 'b'] as const) {
      const s = SIDES[side];
      const router = ns(`r${side}`);
      const host = ns(side);
      addNs(router);
      addNs(host);
      // router wan ↔ a port of the public bridge
      inNs(router, 'ip', 'link', 'add', 'wan', 'type', 'veth', 'peer', 'name', `port-${side}`, 'netns', pub);
      inNs(pub, 'ip', 'link', 'set', `port-${side}`, 'master', 'br0');
      inNs(pub, 'ip', 'link', 'set', `port-${side}`, 'up');
      inNs(router, 'ip', 'addr', 'add', `${s.wan}/24`, 'dev', 'wan');
      inNs(router, 'ip', 'link', 'set', 'wan', 'up');
      // router lan ↔ host
      inNs(router, 'ip', 'link', 'add', 'lan', 'type', 'veth', 'peer', 'name', 'eth0', 'netns', host);
      inNs(router, 'ip', 'addr', 'add', `${s.lan}/24`, 'dev', 'lan');
      inNs(router, 'ip', 'link', 'set', 'lan', 'up');
      inNs(host, 'ip', 'addr', 'add', `${s.host}/24`, 'dev', 'eth0');
      inNs(host, 'ip', 'link', 'set', 'eth0', 'up');
      // Only the public net is reachable from the host: no default route anywhere in the lab.
      inNs(host, 'ip', 'route', 'add', '203.0.113.0/24', 'via', s.lan);
      sysctl(router, 'net.ipv4.ip_forward', '1');
      const nat = natKindOf(options.nat[side]);
      natRules(router, nat, s);
      hosts[side] = { side, nat, ns: host, address: s.host, publicAddress: s.wan, routerNs: router };
    }

    return {
      id,
      publicNs: pub,
      relayAddress: RELAY,
      stunAddresses: STUN,
      hosts,
      dir,
      spawnIn(name, program, args, spawnOptions) {
        const child = spawn('ip', ['netns', 'exec', name, program, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
        children.push(child);
        return child;
      },
      wrapper: (name, program) => netnsWrapper(dir, name, program),
      async close() {
        if (closed) return;
        closed = true;
        // Ask politely first (coturn, the relay and browsers flush and exit), then remove all.
        const running = children.filter((c) => c.exitCode === null && c.signalCode === null);
        for (const c of running) c.kill('SIGTERM');
        await Promise.race([
          Promise.all(running.map((c) => new Promise((res) => c.once('exit', res)))),
          new Promise((res) => setTimeout(res, 3000).unref()),
        ]);
        removeAll();
        process.removeListener('exit', onExit);
      },
    };
  } catch (e) {
    removeAll();
    process.removeListener('exit', onExit);
    throw e;
  }
}
