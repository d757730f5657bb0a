/**
 * The package as a user gets it: `npm pack`, the tarball installed into a fresh app (from npm's
 * cache only: the dependencies' versions and integrity come from this project's lockfile, so
 * nothing is fetched), then used the three ways people use it: imported and required under Node,
 * bundled for the browser by esbuild (tree-shaking measured), compiled by strict TypeScript
 * without skipLibCheck; its commands run; attw and publint over the tarball.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string>; bin: Record<string, string> };

/** Today's whole core as CommonJS bundled for a browser (0.1.0, measured before the move to ESM). */
const CORE_BEFORE_ESM = 112 * 1024;

let dir = '';
let app = '';
let tarball = '';

const run = (cmd: string, args: readonly string[], cwd = app, env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1', ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout}`);
  return r.stdout;
};
const node = (args: readonly string[]) => run(process.execPath, args);

/** The lockfile of the fresh app: the tarball, and the project's own entries for everything it depends on. */
function appLockfile(tgz: string): unknown {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean; optional?: boolean; peer?: boolean; [k: string]: unknown }> };
  const packages: Record<string, unknown> = {
    '': { name: 'app', dependencies: { [pkg.name]: `file:${tgz}` } },
    [`node_modules/${pkg.name}`]: { version: pkg.version, resolved: `file:${tgz}`, dependencies: pkg.dependencies, bin: pkg.bin },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev || entry.devOptional || entry.peer) continue;
    packages[path] = entry;
  }
  return { name: 'app', lockfileVersion: 3, requires: true, packages };
}

/** The packages installed under a node_modules folder, nested ones included. */
function packagesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) {
      for (const sub of readdirSync(join(dir, name))) out.push(...packageAt(join(dir, name, sub), `${name}/${sub}`));
    } else out.push(...packageAt(join(dir, name), name));
  }
  return out;
}
function packageAt(path: string, name: string): string[] {
  let nested: string[] = [];
  try {
    nested = packagesUnder(join(path, 'node_modules'));
  } catch {
    /* no nested node_modules */
  }
  return [name, ...nested];
}

/** Bytes of the files under `path`; a link (node_modules/.bin's) is not followed: it had counted the command bundles twice (library audit: 3.67 MB for 3.37). */
function bytesUnder(path: string): number {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return 0;
  if (!st.isDirectory()) return st.size;
  return readdirSync(path).reduce((n, f) => n + bytesUnder(join(path, f)), 0);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sdpscope-pack-'));
  app = join(dir, 'app');
  mkdirSync(app);
  // --ignore-scripts: the build is the one `npm test` made (prepare would rebuild dist/ under the other tests).
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  tarball = join(dir, (JSON.parse(out) as { filename: string }[])[0]!.filename);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { [pkg.name]: `file:../${tarball.split('/').pop()}` } }));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(appLockfile(`../${tarball.split('/').pop()}`)));
  run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('installed from the tarball', () => {
  // 3 MB until 2026-12-04, when the hand-written readers of the hottest attributes (src/sdp/attribute-readers.ts, in the library and in both command bundles) took it to 3.01.
  // 3.1 MB until 2026-12-05: the two audits' fixes (relay and parsers, in the library and both bundles) and the README's reliability section took it to 3.10.
  // 3.2 MB until 2026-12-05 (second session): the ICE audit's fixes and the model checks (library and both bundles), the README and an rtcstats sample took it to 3.20.
  it('is small: the library and its dependencies under 5.0 MiB, playwright-core not among them', () => {
    const size = bytesUnder(join(app, 'node_modules'));
    const packages = packagesUnder(join(app, 'node_modules'));
    console.log(`install size: ${(size / 1024 / 1024).toFixed(2)} MiB, ${packages.length} packages (sdpscope and ${packages.length - 1} dependencies, nested ones included)`);
    // 3.23 → 3.32 MB on 2026-12-05 with the core's growth above (each source is in the package as
    // a module, in the two programs' bundles and in the pages').
    // 3.4 → 3.5 MB on 2026-12-05 (noon): the one-pass summaries, the probe audit's wording (3.40 MB).
    // 3.5 → 3.6 MB that afternoon: the audits of ice, sdp-diff and candidates (3.52 MB; the
    // diagnostics table's measured browser verdicts are in every bundle of the commands).
    // 3.6 → 3.7 MB on 2026-12-06: the library and lab audits and the simulcast rules (3.59 MB).
    // Measured without following links since the evening of 2026-12-06 (3.67 MB had counted
    // node_modules/.bin's links to the two command bundles as files: 3.37 MB then); the cap kept.
    // 3.7 → 3.8 MiB on 2026-12-06 (late): 3.71 MiB measured at the session's start plus its rid rule;
    // the README's 3.41 had been an earlier figure of that day (the bundles are minified already;
    // the library's modules keep their comments, the model's documentation).
    // 3.9 → 4.0 MiB on 2026-12-07: 3.88 at the session's start, 3.91 with the page copies' readers.
    // 4.0 → 4.2 MiB on 2026-12-07 (second session): 4.08 MiB with the readers and findings of the
    // whole core's note (in the library's modules and the two command bundles) and the README (315 KiB).
    // 4.2 → 4.4 MiB on 2026-12-07 (third session): 4.18 MiB with this session's findings and readers
    // (their words in the modules and both command bundles) and the README's new paragraphs.
    // 4.4 → 4.6 MiB on 2026-12-07 (sixth session): 4.40 MiB with the measured BUNDLE, simulcast and
    // rounds findings, nICEr's causes (their words in the modules and both command bundles) and the
    // README's paragraphs on them.
    // 4.6 → 4.8 MiB on 2026-12-07 (ninth session): 4.65 MiB with the audits' findings of ice, the
    // library, sdp-diff and candidates (offer-tag-bundle-only, lite-candidates-not-routable,
    // candidate-after-end, the stats shapes read; their words in the modules and both command
    // bundles) and the README's paragraphs on them.
    // 4.8 → 5.0 MiB on 2026-12-07 (eleventh session): 4.82 MiB with the audits' findings
    // (remote-unreachable, attribute-repeated, simulcast-all-paused, two browser rules; their words
    // in the modules and both command bundles), the readers of webrtc-rs's and mediasoup's forms,
    // and the README's paragraphs on them.
    expect(size).toBeLessThan(5.0 * 1024 * 1024);
    expect(readdirSync(join(app, 'node_modules'))).not.toContain('playwright-core');
  });

  it('imports as ES modules under Node: the core, sdpscope/node, sdpscope/lab, sdpscope/sdp-transform', () => {
    const out = node(['--input-type=module', '-e', `
      const core = await import('sdpscope');
      const n = await import('sdpscope/node');
      const lab = await import('sdpscope/lab');
      const st = await import('sdpscope/sdp-transform');
      console.log([typeof core.parseSdp, typeof core.negotiate, typeof core.CandidateAnalyzer, typeof n.startRelay, typeof n.scanStream, typeof lab.runLabCall, typeof lab.createLab, typeof st.toSdpTransform].join(' '));
      console.log(st.toSdpTransform(core.parseSdp('v=0\\r\\no=- 1 1 IN IP4 0.0.0.0\\r\\ns=-\\r\\nt=0 0\\r\\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\\r\\na=mid:0\\r\\n')).media[0].mid);`]);
    expect(out.trim()).toBe('function function function function function function function function\n0');
  });

  it('loads through require() (Node 20.19+ and 22 require ES modules), the same module as import', () => {
    const out = node(['--input-type=commonjs', '-e', `
      const core = require('sdpscope');
      const n = require('sdpscope/node');
      const e = core.tryParseCandidate('candidate:x');
      let thrown; try { core.parseCandidate('candidate:x'); } catch (x) { thrown = x; }
      console.log(typeof core.parseSdp, typeof n.readTextInput, thrown instanceof core.SdpscopeError, e.error.code);
      import('sdpscope').then((m) => console.log(m.SdpscopeError === core.SdpscopeError));`]);
    expect(out.trim().split('\n')).toEqual(['function function true CANDIDATE_COMPONENT', 'true']);
  });

  it('runs its commands with nothing but its dependencies', () => {
    const samples = join(app, 'node_modules', pkg.name, 'samples');
    const r = spawnSync(join(app, 'node_modules/.bin/sdp-diff'), [join(samples, 'offer.json'), join(samples, 'answer.json')], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('m-line 1 · video · mid 1 · accepted');
    const p = spawnSync(join(app, 'node_modules/.bin/sdpscope'), ['candidates', '--summary', join(samples, 'call.ndjson')], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect([p.status, p.stderr]).toEqual([0, '']);
  });

  it('says what the lab needs when playwright-core is missing, as LAB_SETUP', () => {
    const out = node(['--input-type=module', '-e', `
      const { launchPeer } = await import('sdpscope/lab');
      try { await launchPeer({ wrapper: () => '/bin/true' }, { ns: 'x' }, 'chromium', 'http://127.0.0.1'); } catch (e) { console.log(e.code, /playwright-core/.test(e.message)); }`]);
    expect(out.trim()).toBe('LAB_SETUP true');
  });
});

describe('bundled for a browser (esbuild, minified): tree-shaking works', () => {
  const bundle = async (name: string, code: string) => {
    const file = join(app, `${name}.js`);
    writeFileSync(file, code);
    // platform browser and nothing external: a Node built-in reachable from the entry fails the build.
    const r = await esbuild.build({ entryPoints: [file], bundle: true, minify: true, format: 'esm', platform: 'browser', write: false, metafile: true, logLevel: 'silent', absWorkingDir: app });
    return r.outputFiles[0]!.contents.length;
  };
  const sizes: Record<string, number> = {};
  afterAll(() => console.log(`browser bundles (minified): ${Object.entries(sizes).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)} KiB`).join(', ')}`));

  it('parseCandidate alone is at most 20 KiB', async () => {
    sizes['parseCandidate'] = await bundle('one', `import { parseCandidate } from 'sdpscope'; console.log(parseCandidate(location.hash.slice(1)));`);
    expect(sizes['parseCandidate']).toBeLessThanOrEqual(20 * 1024);
  });

  // Below the whole core before ESM (CORE_BEFORE_ESM, 112 KiB) until 2026-12-06, when the browser
  // audit's fixes (session-level extmaps, RTP/SAVPF as DTLS, the mid-length rule, the
  // mismatched-kind rule) and the parsers' "what it may be" messages took it from 111.8 to 114.8
  // KiB; 6.7 KiB of it is h264-profile-level-id's debug logger (debug, ms), which a bundler keeps.
  // Then four more measured rules (mid-length on stopped m-sections, sctp-format-sctpmap,
  // ice-credentials-missing, fingerprint-missing) and the real-thread readers: 116.4 KiB, 115.8
  // once the rules' words were cut short. Cap 120 KiB. 2026-12-06 afternoon: 119.96 KiB, then 116.1
  // once BROWSER_RULES' words were split from who rejects each (RULE_BROWSERS: parseSdp needs only that).
  // 2026-12-06 (late session) 118.7 → 122.2 KiB: 19 rules measured against both browsers (c= multicast,
  // families and fields, an empty s=, a blank after a=, m= ports, a=ssrc without a value, repeated
  // ssrc-group ssrcs and a=simulcast, unknown candidate kinds in an SDP: browser-rules.js 8.6 → 10.6
  // KiB, their words left out) and bundled m-sections read as the browsers read them. Cap 124 KiB.
  // 2026-12-06 (night session) 122.2 → 125.6 KiB: the rules the foreign-offer oracle and the changes
  // measured (rid-chars, msid-duplicate with its ssrc form, extmap-bundle-collision,
  // rtcp-mux-missing-bundle-only, mline-no-format, sctp-port-value), simulcast alternatives kept,
  // the sctp-port blank form. Cap 128 KiB.
  // 2026-12-06 (late night) 125.6 → 129.2 KiB: the munging audit's codec-parameter-value (Opus's
  // ranges, its table entry's words), session-line-order and ssrc-sim-rtx-partial, the untyped
  // description's ICE credentials. Cap 132 KiB. 2026-12-07: 130.8 → 132.4 KiB with webrtc-internals'
  // page summaries read around (page-summary's table entry), flags with words after them; 136.0 with
  // the munging audits' findings (rtpmap-unlisted, codec parameter typos, mline-empty-field). Cap 140 KiB.
  // 2026-12-07 (second session) 138.1 → 142.5 KiB: no-media-sections and trailing-blanks (their
  // table entries), a trickle fragment's ICE-only m-sections, codec-without-rtpmap naming another
  // m-section's codec, the ice-char named in invalid-ice-credentials, invalid-direction's measured
  // refusal, the first codec in common named in full, bandwidth-limit, glued fmtp parameters, an
  // unanswered m-line told from the next one's. Cap 144 KiB. 2026-12-07 (third session) 142.5 →
  // 144.0 KiB and on: rid-discarded, everything-rejected, mline-moved and origin-changed (their
  // table entries and words), a rejected m-line's placeholders, the legacy SCTP port, AV1 tier and
  // level-idx, notes between an SDP's lines. Cap 150 KiB. 2026-12-07 (fourth session) 146.8 → 149.6
  // KiB: address-hold and crypto-mismatch (SIP legs), a blank line before an m= line, the direction
  // row's old hold, the reordered m-lines' words (their table entries and words). Cap 154 KiB.
  // 2026-12-07 (seventh session) 153.9 → 155.5 KiB: sip-legs (its table entry and words), the
  // checks that a local preference is libwebrtc's (type preferences, adapter, the address's own
  // precedence) and RFC 8445's relay reading. Cap 158 KiB. Later that session 155.5 → 158.6 KiB:
  // header-extension-direction, video-fec-half and opus-receiver-params (their table entries and
  // words), the JSON candidate's prefix in any case. Cap 162 KiB.
  // 2026-12-07 (eighth session) 158.6 → 166.5 KiB: offer-setup-holdconn, answer-mid-missing,
  // bundle-demux-ambiguous and simulcast-rtx-unrepaired (their table entries and words), the
  // simulcast the offer receives, fingerprint-session-repeated and max-message-size-range, the
  // fingerprint verdict beside a known hash, H265's readable levels, the codec names in another case. Cap 170 KiB.
  // 2026-12-07 (ninth session) 166.5 → 169.1 KiB: offer-tag-bundle-only and
  // lite-candidates-not-routable (their table entries and words), red lists by position, the ICE
  // options of both levels, writeSdp's checks of eol and flags. Cap 174 KiB.
  // 2026-12-07 (eleventh session) 172.2 → 175.4 KiB: attribute-repeated and simulcast-all-paused
  // (their table entries and words), the rtpmap and generation rules, a known attribute in other
  // letters, the mismatched status, writeSdp's re-reading of own spellings. Cap 178 KiB.
  // 2026-12-07 (twelfth session) 175.4 → 179.9 KiB: rtcp-fb-unknown and fingerprint-redacted
  // (their table entries and words, the feedback table), the classes of masked IPv4 addresses
  // (ipaddr.js's ranges read once). Cap 182 KiB.
  it('parseSdp + negotiate stays within 182 KiB (the whole core was 112 KiB before ESM)', async () => {
    sizes['parseSdp + negotiate'] = await bundle('two', `import { parseSdp, negotiate } from 'sdpscope'; console.log(negotiate(parseSdp(location.hash), parseSdp(location.search)));`);
    expect(sizes['parseSdp + negotiate']).toBeLessThan(CORE_BEFORE_ESM + 70 * 1024);
  });

  it('the whole core bundles with no Node built-in', async () => {
    sizes['whole core'] = await bundle('all', `import * as s from 'sdpscope'; console.log(s);`);
    // The core now also holds the STUN/TURN codec, NAT behaviour and the dump readers (about 40 KiB),
    // and the browsers' measured rules (src/sdp/browser-rules.ts, 9 KiB). 2026-12-04: 215.5 → 217.4 KiB
    // for the readers of cut and twice-escaped input, structured log messages, Chrome's legacy
    // candidate values and the refused-candidates verdict. Later that day 217.4 → 220.9 KiB: the
    // hand-written readers of the hottest SDP attributes (src/sdp/attribute-readers.ts, 2.4 KiB,
    // parseSdp up to 1.6× faster on 100 m-lines) and two candidates in one log line. 2026-12-04
    // evening 220.9 → 224.0 KiB: isJson (src/input/json-check.ts), the readers' check before JSON.parse.
    // 224.0 → 229.0 KiB: the linear-time fixes of the parser audit (codec matching that resumes,
    // grouping, one-pass URL and user-info scans, merged rtcp-fb lists). 2026-12-05: 229.0 → 232.2 KiB,
    // the hostile-input audits: HTTP credentials in redaction, requireTree, the STUN codec's checks
    // of class, method and lengths, pinned relay records in the JSON walker. Later that day 232.2 →
    // 239.8 KiB: the ICE audit (the relay-unanswered verdict, local-clock times, the dump notes, the
    // checks of hand-made peer connections: ice/explain 3.8 KiB, ice/dump 1.3) and the model checks
    // (requireCandidate, model-guard: 1.5 KiB); then 243.9 KiB with the second audit's fixes (the
    // analyzer's and STUN readers' checks, local times in more locales, writeSdp's line checks).
    // 2026-12-05 morning 243.9 → 259.5 KiB, the audits against Chromium and Firefox and of real logs
    // and the library: diagnostics' measured words (3.0), several BUNDLE groups and simulcast
    // answered (negotiate 2.4), live getStats (ice/dump 2.0), the log shapes read (text-scan 1.9:
    // Android, util.inspect, about:webrtc, escaped slashes, prose), the STUN arguments' checks (1.9).
    // 2026-12-05 noon 259.5 → 265.8 KiB: the relay's one-pass frame summaries (description-summary.ts,
    // and trickled candidates read without the walk: the logger thread 5× faster on descriptions).
    // Then 268.4 KiB with the probe audit's fixes (NAT behind a filtering firewall, unspecified and
    // partial IPv4 hosts in server URIs) and the notes' nested frame summarised in one pass.
    // 2026-12-05 afternoon 268.4 → 274.2 KiB: the second ICE audit's fixes (Chrome 86's dumps read:
    // event names, enum states, text candidate errors, untyped stats; outages, counts not kept,
    // consent apart, refused descriptions, address families) and the probe's ICMP wording. Then
    // 281.1 KiB with the audits of sdp-diff and of candidates (measured browser wording in the
    // diagnostics table, blank lines, DTLS-less offers, pairs and end-of-candidates readings);
    // 288.6 KiB with Plan B, BUNDLE splits and collisions, and the prefixed and Janus readers.
    // 2026-12-06 288.6 → 296.3 KiB: the audits of the library and the lab (options checked, a
    // candidate's line endings, look-alike blanks escaped), the measured simulcast rules and their
    // wording (RID header extension, a=rid directions), the ICE credential diff. Cap 304 KiB.
    // 2026-12-06 night 296.3 → 306.7 KiB: what to do per browser rule (BROWSER_RULE_FIXES, 34
    // sentences), the candidate lines held to Chromium's addIceCandidate (two finding kinds and their
    // measured wording), calls without candidates said, the ICE audit's verdicts (a close after
    // unanswered checks, DTLS failed after it was up). Text, most of it. Then 312.6 KiB with the rest
    // of the three audits (unusable addresses, priority/component, NAT wording, the transport's DTLS
    // facts, legacy Chrome dumps, 701s from a server that answered elsewhere). Cap 320 KiB.
    // 2026-12-06 (last session) 314.3 → 325.1 KiB: the browser audits of sdp-diff (session-level
    // extmaps, RTP/SAVPF as DTLS, mid-length, recycled m-lines, non-tag credentials), the library
    // audit (writeSdp's line checks, ErrorInfo from tryParseCandidate, diagnosticAction's checks), the
    // real-thread readers (pasted webrtc-internals text, ↵ copies, stray lines) and the messages. Cap 328 KiB.
    // 2026-12-06 (this session) 325.1 → 333.8 KiB: one description's offer/answer findings
    // (sideFindings, parse --type), the per-m-section credential rules and fmtp-no-space, the
    // webrtc-internals text form outside dumps and the Trickle ICE page's rows, the NAT evidence of
    // relays, srflx-private-address, the ICE evidence of unanswered host checks, and redaction of
    // JSON held in strings. Mostly words. Cap 340 KiB.
    // Later that day 333.8 → 344.8 KiB: native libwebrtc's Cand[…] reader, the mids written beside
    // candidates (JavaScript objects, AppRTC, Janus), KVS's base64 frames, writeSdp's check of each
    // line against the text read, classifyNat's argument checks, three measured findings
    // (mid-repeated, ice-options-commas, candidate-tcptype-missing) and their words. Cap 350 KiB.
    // 2026-12-06 (afternoon session) 344.8 → 355.3 KiB: objects printed over several lines read as
    // one (object-block.ts) and werift's Candidate, the simulcast negotiated layer by layer, the
    // negotiation audit's six measured cases (no-common-codec per browser, codec-parameters-differ,
    // payload-type-reserved, bundle-payload-type-collision), the ICE audit's words (DNS-name candidates, a server's public host
    // address, a selected pair taken) and the SFU audit's (payload types remapped onto another
    // codec's number). The rules' words now sit apart from who rejects each (parseSdp + negotiate
    // 122.0 → 116.1 KiB). Cap 360 KiB.
    // 2026-12-06 (evening session) 358.1 → 373.2 KiB: the dumps, SDP and WHIP/SFU audits' findings (closed-by-peer,
    // how Chromium counts consent requests, each transport's selected pair, DTLS never up and TURN
    // that gave no relay said in connected-then-lost, rtcstats-server's sequence numbers and lines,
    // candidates joined and told apart, the NAT evidence of pion and of two families, fmtp lines
    // merged, ICE-lite sessions, msid-repeated, and the fixes of the audit of the change). Mostly
    // words. Cap 380 KiB.
    // 2026-12-06 (late session) 373.2 → 388.2 KiB: the measured rules above and their fixes, classifyNat's
    // servers inside the network, the log readers' new forms (rsyslog, side words, Jingle ufrags,
    // cut marks), sdp-cut. Cap 392 KiB.
    // 2026-12-06 (night session) 388.2 → 397.1 KiB: the rules the foreign-offer oracle and the rid
    // changes measured (rid-chars, msid-duplicate, extmap-bundle-collision, rtcp-mux-missing-bundle-only),
    // the audits' readers (an SDP as an RFC prints it, nICEr's labels), not-started, the simulcast
    // alternatives kept, address-changed. Mostly words. Cap 404 KiB. 2026-12-06 (late night) 401.1 →
    // 413.7 KiB: the munging and candidate audits' readers and rules (every other line in the diff,
    // codec parameters, line order, masked candidates merged, native IceCandidate JSON), then 418.3
    // with the new-user audit's fixes and connection-repeated. Cap 420 KiB. 2026-12-07: 418.3 → 421.4
    // KiB with the page copies' readers (summaries, about:webrtc headings), flags with words after them;
    // 428.2 with the munging audits' findings (rtpmap-unlisted, parameter typos, mline-empty-field). Cap 436 KiB.
    // 2026-12-07 (second session) 434.9 → 452.8 KiB: the readers of SDPs from Chrome's console (↵),
    // wrapped escaped lines, breaks escaped as nginx, octal or URL encoding write them (FreeSWITCH, Skype), glued lines
    // (sdp-lines-glued), JSON documents' lines; ice on partial getStats (a transport or pair alone,
    // one RTCStats object, two members down, untimed reports) and the other side's relay; the
    // parse findings above, the Trickle ICE page's current table, SDPs escaped three times, pasted
    // events made a call. Mostly words. Cap 460 KiB. 2026-12-07 (third session) 452.8 → 460.7 KiB
    // and on: the findings above, getStats in flutter_webrtc's shape and beside "[object …]", the
    // legacy getStats and native ICE logs named, getstats-results, probe's checks as a browser
    // meets a server. Cap 476 KiB. 2026-12-07 (fourth session) 469.3 → 484.6 KiB: offer/answer rounds
    // (--round, --diff of one file, glare, pranswer, refusals), the readers of SDPs in documents and
    // source code (folds, indents, string literals, template literals), iOS's candidate description,
    // nICEr's and libwebrtc's failures named, protocol and session-direction changes, SDES and the old hold. Cap 500 KiB.
    // 2026-12-07 (fifth session) 495.5 → 500.6 KiB: ice's unanswered checks said per case (the other side's
    // checks in, TURN's 401, mDNS on one link, a public host's srflx, families), nICEr's remote lines,
    // nesting bounded before JSON.parse. Mostly words. Cap 508 KiB.
    // 2026-12-07 (sixth session) 500.6 → 511.3 KiB: the measured BUNDLE and simulcast rules
    // (bundle-answer-tag-rejected, bundle-rejected-member, simulcast-not-offered) with their table
    // entries, nICEr's refused TURN and newer lines, the page text of webrtc-internals, the argument
    // hints, the long session values' short forms, ^M. Mostly words. Cap 520 KiB.
    // 2026-12-07 (seventh session) 511.3 → 522.8 KiB: sip-legs, header-extension-direction and
    // video-fec-half with their table entries, libwebrtc's local-preference checks and RFC 8445's
    // relay reading, stats-filtered, the JavaScript object literal reader, candidates' keyword case.
    // Mostly words. Cap 532 KiB.
    // 2026-12-07 (eighth session) 527.2 → 541.6 KiB: the DTLS, SCTP, simulcast, BUNDLE and codec
    // audits' findings (offer-setup-holdconn, answer-mid-missing, bundle-demux-ambiguous,
    // simulcast-rtx-unrepaired with their table entries; fingerprint-session-repeated and
    // max-message-size-range), the simulcast the offer receives, the rounds' DTLS role notes, H265's
    // readable levels, the sdp-transform bridge's fields. Mostly words. Cap 548 KiB.
    // 2026-12-07 (ninth session) 541.6 → 553.3 KiB: the ice, library, sdp-diff and candidates
    // audits' findings (offer-tag-bundle-only, lite-candidates-not-routable, candidate-after-end
    // with their table entries), the stats shapes the dump reader takes (grouped by type, entries,
    // two peer connections in a list) and the NAT evidence of a UDP relay. Mostly words. Cap 560 KiB.
    // Later that session 553.3 → 562.6 KiB: the about:webrtc page text reader, candidate-transport-unknown,
    // the codecs libwebrtc reads no profile of said by parseSdp (h264-profile-level-id now in the
    // parse path: sdpscope/sdp-transform's bundle 124.2 → 139.2 KiB). Cap 572 KiB.
    // 2026-12-07 (tenth and eleventh sessions) 569.7 → 582.4 KiB: remote-unreachable,
    // success-unconfirmed, attribute-repeated and simulcast-all-paused with their table entries,
    // the rtpmap and generation rules, the readers of webrtc-rs's, mediasoup's and {key, value}
    // forms, relay logs' left and listening records, the copies of a logged SDP. Mostly words. Cap 592 KiB.
    // 2026-12-07 (twelfth session) 582.4 → 594.8 KiB: rtcp-fb-unknown and fingerprint-redacted, the
    // masked IPv4 classes, the readers of ORTC's and mediasoup's lists, doubango's lines and
    // about:webrtc's raw table rows, the redaction of pins, admin keys and PEM keys, the NAT's
    // unresolved and error-answered UDP servers. Mostly words. Cap 600 KiB.
    expect(sizes['whole core']).toBeLessThan(600 * 1024);
  });

  it('the sdp-transform bridge bundles for a browser, sdp-transform inside, with no Node built-in', async () => {
    sizes['toSdpTransform'] = await bundle('bridge', `import { parseSdp } from 'sdpscope'; import { toSdpTransform } from 'sdpscope/sdp-transform'; console.log(toSdpTransform(parseSdp(location.hash)));`);
    expect(sizes['toSdpTransform']).toBeLessThan(sizes['whole core']!);
  });

  it('a dashboard reading dumps (readStatsDump + explainIce) bundles without the SDP negotiation', async () => {
    sizes['readStatsDump + explainIce'] = await bundle('ice', `import { readStatsDump, explainIce } from 'sdpscope'; console.log(readStatsDump(location.hash).peerConnections.map(explainIce));`);
    expect(sizes['readStatsDump + explainIce']).toBeLessThan(sizes['whole core']! / 2);
  });

  it('sdpscope/node and sdpscope/lab resolve to small stubs that throw NODE_ONLY when used', async () => {
    sizes['sdpscope/node stub'] = await bundle('stub', `import { readTextInput } from 'sdpscope/node'; import { runLabCall } from 'sdpscope/lab'; console.log(readTextInput, runLabCall);`);
    expect(sizes['sdpscope/node stub']).toBeLessThan(4 * 1024);
  });
});

describe('the browser stubs', () => {
  it('reject with NODE_ONLY where the Node function returns a promise, throw it where it returns a value', () => {
    const out = node(['--input-type=module', '-e', `
      const root = ${JSON.stringify(join(app, 'node_modules', pkg.name, 'dist/src'))};
      const n = await import(root + '/node/browser.js');
      const r = n.readTextInput('x');
      const rejected = await r.then(() => 'resolved', (e) => e.code);
      let thrown = 'none';
      try { n.framesOf('x'); } catch (e) { thrown = e.code; }
      console.log(r instanceof Promise, rejected, thrown);`]);
    expect(out.trim()).toBe('true NODE_ONLY NODE_ONLY');
  });

  it('have every name the Node entries export, each throwing NODE_ONLY when used', () => {
    const out = node(['--input-type=module', '-e', `
      const root = ${JSON.stringify(join(app, 'node_modules', pkg.name, 'dist/src'))};
      const res = {};
      for (const entry of ['node', 'lab']) {
        const real = await import(root + '/' + entry + '/index.js');
        const stub = await import(root + '/' + entry + '/browser.js');
        const missing = Object.keys(real).filter((k) => !(k in stub));
        const codes = await Promise.all(Object.keys(stub).map(async (k) => { try { const v = stub[k]; typeof v === 'function' ? await v() : String(v.x); return 'no error'; } catch (e) { return e.code; } }));
        res[entry] = { missing, codes: [...new Set(codes)] };
      }
      console.log(JSON.stringify(res));`]);
    expect(JSON.parse(out)).toEqual({ node: { missing: [], codes: ['NODE_ONLY'] }, lab: { missing: [], codes: ['NODE_ONLY'] } });
  });
});

describe('its declarations in strict TypeScript, skipLibCheck off', () => {
  const tsc = (name: string, config: object, files: Record<string, string>) => {
    const d = join(app, name);
    mkdirSync(d, { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(join(d, f), text);
    writeFileSync(join(d, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, ...config }, include: Object.keys(files) }));
    return spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', d], { cwd: d, encoding: 'utf8' });
  };
  const use = `const d = parseSdp('v=0\\r\\n'); const n: Negotiation = negotiate(d, d); const c = parseCandidate('candidate:1 1 udp 1 1.2.3.4 5 typ host'); const k: DiagnosticKind = n.diagnostics[0]?.kind ?? 'no-trickle'; console.log(c.foundation, k, DIAGNOSTICS[k].action);`;
  const imports = `import { parseSdp, negotiate, parseCandidate, DIAGNOSTICS, type Negotiation, type DiagnosticKind } from 'sdpscope';`;

  it('a browser app (DOM, no Node types) compiles against the core and sdpscope/node (its declarations need no Node types)', () => {
    const r = tsc('ts-browser', { module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [] }, {
      'app.ts': `${imports}\nimport { readTextInput } from 'sdpscope/node';\n${use}\nvoid readTextInput('x').catch(() => undefined);\n`,
      // The README's live-stats line as typed: DOM's RTCStatsReport (forEach only without DOM.Iterable), optional SDPs, the configuration (library audit: TS2322, TS2379).
      'live.ts': `import { explainIce, peerConnectionFromStats } from 'sdpscope';\nexport async function why(pc: RTCPeerConnection): Promise<string> {\n  return explainIce(peerConnectionFromStats([await pc.getStats()], { localSdp: pc.localDescription?.sdp, remoteSdp: pc.remoteDescription?.sdp, configuration: pc.getConfiguration() })).verdict.code;\n}\n`,
    });
    expect(r.stdout + r.stderr).toBe('');
  });

  it('a Node app with bundler resolution (tsx, esbuild, Vite SSR) gets the real declarations of sdpscope/node and sdpscope/lab, not the stubs\'', () => {
    mkdirSync(join(app, 'node_modules/@types'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules/@types/node'), join(app, 'node_modules/@types/node'));
    try {
      const r = tsc('ts-bundler-node', { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022'], types: ['node'] }, {
        'app.ts': `import { startRelay, type RelayOptions } from 'sdpscope/node';\nimport { runLabCall, type LabCallOptions } from 'sdpscope/lab';\nconst o: RelayOptions = { host: '127.0.0.1', port: 0 };\nconst relay = await startRelay(o);\nconsole.log(relay.url, relay.endpoints.length, {} as LabCallOptions, runLabCall);\nawait relay.close();\nexport {};\n`,
      });
      expect(r.stdout + r.stderr).toBe('');
    } finally {
      rmSync(join(app, 'node_modules/@types'), { recursive: true, force: true });
    }
  });

  it('a Node app (NodeNext, ESM and CommonJS files) compiles against all three entries', () => {
    // Only @types/node, as a Node app has it; not @types/ws (ws's types are not exposed).
    mkdirSync(join(app, 'node_modules/@types'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules/@types/node'), join(app, 'node_modules/@types/node'));
    try {
      const r = tsc('ts-node', { module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022'], types: ['node'] }, {
        'app.mts': `${imports}\nimport { startRelay, scanStream, type RelayOptions } from 'sdpscope/node';\nimport { runLabCall, type LabCallOptions } from 'sdpscope/lab';\n${use}\nconst o: RelayOptions = { port: 0 }; void startRelay; void scanStream; void runLabCall; console.log(o, {} as LabCallOptions);\n`,
        'app.cts': `import s = require('sdpscope');\nconsole.log(s.parseSdp('v=0').media.length);\n`,
      });
      expect(r.stdout + r.stderr).toBe('');
    } finally {
      rmSync(join(app, 'node_modules/@types'), { recursive: true, force: true });
    }
  });
});

describe('attw and publint over the tarball', () => {
  it('attw (node10, node16 and bundler resolution): no problem but require(esm), which attw does not model', () => {
    // attw's node16-from-CJS column reports "ESM (dynamic import only)" for every ESM-only package:
    // it does not model require(esm) (arethetypeswrong issue #252). The require() test above runs it.
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball, '--profile', 'node16', '--no-definitely-typed', '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(r.stdout) as { analysis: { problems: { kind: string; resolutionKind?: string }[]; entrypoints: Record<string, unknown> } };
    // Every resolution, node10 included (typesVersions), resolves to types; only the require(esm) column remains.
    expect(report.analysis.problems.filter((p) => p.kind !== 'CJSResolvesToESM')).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(['.', './lab', './node', './package.json', './samples/*', './sdp-transform']);
    expect(r.status).toBe(0);
  });

  it('publint: no error, no warning, no suggestion', async () => {
    const { publint } = await import('publint');
    const data = readFileSync(tarball);
    const { messages } = await publint({ pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer }, strict: true });
    expect(messages).toEqual([]);
  });
});
