/**
 * The lab's peers: Debian's Chromium (driven by playwright-core over a pipe, started inside a
 * host's namespace through a wrapper) and Debian's Firefox ESR (driven over WebDriver BiDi,
 * reached through a Unix socket bridged into the namespace). Both get fake camera and
 * microphone, no permission prompt, the lab's plain-http relay origin treated as secure, real
 * host addresses in candidates (no mDNS names), and no calls out (background networking off).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SdpscopeError } from '../errors.js';
import { PACKAGE_ROOT } from '../node/paths.js';
import { BidiSession } from './bidi.js';
import type { Lab, LabHost } from './topology.js';

import type { BrowserName } from './kinds.js';

export { BROWSERS, type BrowserName } from './kinds.js';

/** Debian's executables for each browser. */
export const BROWSER_EXECUTABLES: Record<BrowserName, string> = { chromium: '/usr/bin/chromium', firefox: '/usr/bin/firefox-esr' };

/** One browser page in the lab, driven the same way whatever the browser. */
export interface LabPeer {
  readonly browser: BrowserName;
  readonly version: string;
  readonly host: LabHost;
  goto(url: string): Promise<void>;
  /** Evaluates a JavaScript expression in the page (awaited if a promise); the value comes back as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  screenshot(path: string): Promise<void>;
  /**
   * Chromium with `internals`: the page's chrome://webrtc-internals "webrtc-internals dump" and
   * "rtcstats dump" (gzip), saved as `<prefix>webrtc_internals_dump.gz` and
   * `<prefix>rtcstats_dump.gz` in `dir`. Firefox: each peer connection's about:webrtc "Copy
   * Report" text (the same JSON.stringify of WebrtcGlobalInformation.getAllStats's report that
   * about:webrtc copies), as `<prefix>about_webrtc_report.json` (then `-2`, `-3`...). The paths.
   */
  saveDumps?(dir: string, prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Host candidates as mDNS names (Chromium's default; the lab turns it off otherwise). */
  readonly mdns?: boolean;
  /** Open chrome://webrtc-internals before the call, so that its dumps can be saved (Chromium). */
  readonly internals?: boolean;
}

/** Headless Chromium as root that calls nowhere on its own (background networking, updates, sync, first run off). */
export const CHROMIUM_BASE_ARGS: readonly string[] = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium's switches in the lab: the base ones, fake media, the lab origin as secure, real host IPs. */
export function chromiumArgs(origin: string, mdns = false): string[] {
  return [
    ...CHROMIUM_BASE_ARGS,
    // A granted camera permission (the fake UI grants it) makes Chromium show real host
    // addresses: with mDNS wanted, no fake media at all.
    ...(mdns ? [] : ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']),
    `--unsafely-treat-insecure-origin-as-secure=${origin}`,
    ...(mdns ? [] : ['--disable-features=WebRtcHideLocalIpsWithMdns']),
  ];
}

/** Firefox ESR's profile: fake media without prompts, the origin's getUserMedia allowed, nothing fetched. */
export const FIREFOX_PREFS: Record<string, string | number | boolean> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.devices.insecure.enabled': true,
  'media.getusermedia.insecure.enabled': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  // No OpenH264 download: Firefox's H264 is that plugin, so the lab's Firefox has no H264.
  'media.gmp-gmpopenh264.enabled': false,
  'media.gmp-manager.url': '',
  'media.gmp-manager.updateEnabled': false,
  'app.update.disabledForTesting': true,
  'browser.shell.checkDefaultBrowser': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.region.network.url': '',
  'browser.search.geoip.url': '',
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disableIPv6': true,
  'extensions.update.enabled': false,
  'services.settings.server': 'data:,#remote-settings-disabled',
};

function version(executable: string): string {
  try {
    return execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (e) {
    const pkg = executable.endsWith('firefox-esr') ? 'firefox-esr' : 'chromium';
    // Missing is one failure; one that is there and did not answer (killed, a broken install) is another (lab audit: a hang-up read as "needs the package").
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new SdpscopeError('LAB_SETUP', `the lab needs ${executable} (Debian package ${pkg})`);
    const signal = (e as { signal?: string | null }).signal;
    throw new SdpscopeError('LAB_SETUP', `${executable} --version failed (${signal ? `stopped by ${signal}` : `exit ${(e as { status?: number | null }).status ?? '?'}`}): is the ${pkg} package whole? (apt-get install --reinstall ${pkg})`);
  }
}

/** What is missing here for these browsers (their Debian packages, playwright-core for Chromium), said as the lab says it. */
export function missingForBrowsers(browsers: readonly BrowserName[]): string[] {
  const missing: string[] = [];
  for (const b of new Set(browsers)) {
    const exe = BROWSER_EXECUTABLES[b];
    if (!existsSync(exe)) missing.push(`${exe} (Debian package ${b === 'firefox' ? 'firefox-esr' : 'chromium'})`);
    if (b === 'chromium') {
      try {
        createRequire(import.meta.url).resolve('playwright-core');
      } catch {
        missing.push('playwright-core (npm install playwright-core, or scripts/lab-setup.sh)');
      }
    }
  }
  return missing;
}

/**
 * playwright-core, loaded only here: an optional peer dependency of the package that only the
 * lab's Chromium needs (scripts/lab-setup.sh installs it; a clone has it as a devDependency).
 */
async function loadPlaywright(): Promise<typeof import('playwright-core')> {
  try {
    return await import('playwright-core');
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw e;
    throw new SdpscopeError('LAB_SETUP', `the lab drives Chromium with playwright-core, which is not installed: run ${join(PACKAGE_ROOT, 'scripts/lab-setup.sh')} as root (it installs it and the lab's Debian packages), or npm install playwright-core`);
  }
}

export async function launchPeer(lab: Lab, host: LabHost, browser: BrowserName, origin: string, options: LaunchOptions = {}): Promise<LabPeer> {
  return browser === 'chromium' ? launchChromium(lab, host, origin, options) : launchFirefox(lab, host, options);
}

async function launchChromium(lab: Lab, host: LabHost, origin: string, options: LaunchOptions): Promise<LabPeer> {
  // The package first: it is what a library user lacks (Chromium is the lab's Debian package).
  const { chromium } = await loadPlaywright();
  const v = version(BROWSER_EXECUTABLES.chromium);
  const browser = await chromium.launch({ executablePath: lab.wrapper(host.ns, BROWSER_EXECUTABLES.chromium), headless: true, args: chromiumArgs(origin, options.mdns === true), timeout: 30_000 });
  const context = await browser.newContext({ acceptDownloads: true });
  // webrtc-internals records a peer connection's events only while it is open: first.
  const internals = options.internals ? await context.newPage() : null;
  if (internals) await internals.goto('chrome://webrtc-internals');
  const page = await context.newPage();
  const saveDumps = async (dir: string, prefix: string): Promise<string[]> => {
    if (!internals) return [];
    const saved: string[] = [];
    // The page's own download buttons ("Create a WebRTC-Internals dump").
    for (const id of ['dump-click-target', 'dump-click-target-rtcstats']) {
      const [download] = await Promise.all([
        internals.waitForEvent('download', { timeout: 15_000 }),
        internals.evaluate(`(() => { const e = document.getElementById(${JSON.stringify(id)}); e?.closest('details')?.setAttribute('open', ''); e?.click(); })()`),
      ]);
      const path = join(dir, `${prefix}${download.suggestedFilename()}`);
      await download.saveAs(path);
      saved.push(path);
    }
    return saved;
  };
  return {
    saveDumps,
    browser: 'chromium',
    version: v,
    host,
    goto: async (url) => void (await page.goto(url)),
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    screenshot: async (path) => void (await page.screenshot({ path })),
    close: () => browser.close().catch(() => undefined),
  };
}

/** Bridges a Unix socket (outside) to a TCP port on the namespace's loopback (inside). */
const BRIDGE = `
const net = require('node:net');
const [path, port] = process.argv.slice(1);
net.createServer((s) => { const c = net.connect(+port, '127.0.0.1'); s.pipe(c); c.pipe(s); s.on('error', () => c.destroy()); c.on('error', () => s.destroy()); })
  .listen(path, () => console.log('bridging'));
`;

async function launchFirefox(lab: Lab, host: LabHost, options: LaunchOptions = {}): Promise<LabPeer> {
  const v = version(BROWSER_EXECUTABLES.firefox);
  const profile = join(lab.dir, `firefox-${host.side}`);
  mkdirSync(profile, { recursive: true });
  const prefs = { ...FIREFOX_PREFS, ...(options.mdns ? { 'media.peerconnection.ice.obfuscate_host_addresses': true } : {}) };
  writeFileSync(join(profile, 'user.js'), Object.entries(prefs).map(([k, val]) => `user_pref(${JSON.stringify(k)}, ${JSON.stringify(val)});\n`).join(''));
  const firefox = lab.spawnIn(host.ns, BROWSER_EXECUTABLES.firefox, ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0', '--remote-allow-system-access'], {
    // TMPDIR and XDG_RUNTIME_DIR: its temporary folders (PulseAudio's pulse-*) in the lab's, removed with it.
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', HOME: lab.dir, TMPDIR: lab.dir, XDG_RUNTIME_DIR: lab.dir },
  });
  let err = '';
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new SdpscopeError('LAB_CALL', `Firefox did not start WebDriver BiDi within 30 s: ${err.slice(-300)}`)), 30_000);
    firefox.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /WebDriver BiDi listening on ws:\/\/127\.0\.0\.1:(\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    firefox.once('exit', (code) => {
      clearTimeout(timer);
      reject(new SdpscopeError('LAB_CALL', `Firefox exited (${code}) before WebDriver BiDi started: ${err.slice(-300)}`));
    });
  });
  const sock = join(lab.dir, `bidi-${host.side}.sock`);
  const bridge = lab.spawnIn(host.ns, process.execPath, ['-e', BRIDGE, sock, port]);
  await new Promise<void>((resolve, reject) => {
    bridge.stdout?.once('data', () => resolve());
    bridge.once('exit', (code) => reject(new SdpscopeError('LAB_CALL', `the BiDi bridge exited (${code})`)));
  });
  const { session } = await BidiSession.connect(`ws+unix://${sock}:/session`, `127.0.0.1:${port}`);
  const context = await session.topContext();
  return {
    browser: 'firefox',
    version: v,
    host,
    goto: async (url) => void (await session.send('browsingContext.navigate', { context, url, wait: 'complete' })),
    evaluate: <T>(expression: string) => session.evaluate<T>(context, expression),
    screenshot: async (path) => {
      const r = await session.send('browsingContext.captureScreenshot', { context });
      writeFileSync(path, Buffer.from(String(r['data']), 'base64'));
    },
    saveDumps: async (dir, prefix) => {
      // about:webrtc's data, read where about:webrtc reads it: WebrtcGlobalInformation, a
      // chrome-only API, in the browser window's chrome context (BiDi's "moz:scope": "chrome",
      // open with --remote-allow-system-access). Copy Report is JSON.stringify({ ...report }, null, 2).
      const tree = await session.send('browsingContext.getTree', { maxDepth: 0, 'moz:scope': 'chrome' });
      const chrome = (tree['contexts'] as { context: string }[])[0]?.context;
      if (!chrome) throw new SdpscopeError('LAB_CALL', 'Firefox shows no chrome context: about:webrtc\'s data cannot be read');
      const reports = await session.evaluate<string[]>(chrome, 'new Promise((r) => WebrtcGlobalInformation.getAllStats(r)).then((all) => all.reports.map((report) => JSON.stringify({ ...report }, null, 2)))');
      mkdirSync(dir, { recursive: true });
      return reports.map((text, i) => {
        const path = join(dir, `${prefix}about_webrtc_report${i === 0 ? '' : `-${i + 1}`}.json`);
        writeFileSync(path, text);
        return path;
      });
    },
    close: async () => {
      await session.send('browser.close', {}).catch(() => undefined);
      session.close();
      bridge.kill();
    },
  };
}
