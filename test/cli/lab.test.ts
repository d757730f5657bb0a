/**
 * `sdpscope lab` at the command line: its usage errors (exit 2, one line, no stack) and the
 * rendering of its checks. Real lab calls through the command run in test/e2e/lab.e2e.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderChecks } from '../../cli/commands/lab.js';
import { makeStyle } from '../../cli/render/style.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const CLI = resolve(__dirname, '../../dist/bin/sdpscope.js');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('sdpscope lab', () => {
  it('rejects a NAT kind or browser it does not have, with exit 2', () => {
    for (const args of [['--nat-a', 'hairpin'], ['--browser-b', 'safari'], ['--media', 'video']]) {
      const r = run('lab', ...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^sdpscope: --[a-z-]+ must be one of .*, not "[a-z-]+" \(see sdpscope lab --help\) \[USAGE\]\n$/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('takes the last of an option given twice, checked as one (lab audit: a list reached the lab, which built a third NAT)', () => {
    // The last value is the one checked: a bad last one is the usage error, a bad first one is not read.
    const r = run('lab', '--nat-a', 'full-cone', '--nat-a', 'hairpin');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--nat-a must be one of .*, not "hairpin"/);
    const relay = spawnSync(process.execPath, [CLI, 'relay', '--host', '127.0.0.3', '--host', '127.0.0.1', '--port', '0', '--no-color'], { encoding: 'utf8', timeout: 1500, killSignal: 'SIGTERM' });
    expect(relay.stdout).toMatch(/^signaling {2}ws:\/\/127\.0\.0\.1:\d+/);
  });

  it('refuses artifacts under /proc or /sys at once (Node\'s mkdirSync never returned there; lab audit)', () => {
    const r = run('lab', '--artifacts', '/proc/sdpscope-x');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('sdpscope: --artifacts /proc/sdpscope-x: /proc and /sys hold no files of ours; give a folder elsewhere [USAGE]\n');
  });

  it('says what it needs, with exit 2, when not run as root', () => {
    // As root (CI), drop to nobody for this run; otherwise the test already runs unprivileged.
    const asNobody = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
    const [cmd, ...pre] = asNobody.length ? asNobody : [process.execPath];
    const r = spawnSync(cmd!, [...pre, ...(asNobody.length ? [process.execPath] : []), CLI, 'lab', '--artifacts', '/nonexistent/lab'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    // Every missing piece at once: root first, then whatever this machine lacks too.
    expect(r.stderr).toMatch(/^sdpscope: the lab needs root \(ip netns, iptables\)(, [^\n]+)? \[LAB_SETUP\]\n$/);
    for (const [path, named] of [['/usr/bin/turnserver', 'coturn'], ['/usr/bin/chromium', '/usr/bin/chromium']] as const) {
      expect(r.stderr.includes(named)).toBe(!existsSync(path));
    }
  });

  it('documents the NATs and what it needs in --help', () => {
    const r = run('lab', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/symmetric: iptables MASQUERADE --random-fully/);
    expect(r.stdout).toMatch(/Needs root, Linux, iproute2, iptables, coturn/);
  });

  it('renders each check with a mark, its name and what was compared', () => {
    const text = renderChecks(
      [
        { name: 'connected', ok: true, detail: 'A ICE connected, B ICE connected' },
        { name: 'nat', ok: false, detail: 'B is behind a symmetric NAT but the report says unknown' },
      ],
      makeStyle(false),
    );
    expect(text).toBe('✓ connected  A ICE connected, B ICE connected\n✗ nat        B is behind a symmetric NAT but the report says unknown\n');
  });
});
