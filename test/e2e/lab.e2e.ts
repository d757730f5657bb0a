/**
 * The NAT lab (issue 6): real Chromium and Firefox ESR calls through cone, symmetric and
 * UDP-blocking NATs built in network namespaces, with coturn and the relay on the lab's public
 * net; sdpscope's tools run on the relay's log must agree with what the browsers report.
 * Every run's files stay in artifacts/lab-<time>/<scenario>/ (printed below) for replay with
 * `sdpscope candidates` and `sdp-diff`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runLabCall, type LabCallOptions, type LabCallResult, type LabPeerResult } from '../../src/lab/call.js';
import { directPath } from '../../src/stun/nat.js';
import { verifyLabCall, type LabCheck, type LabCheckName } from '../../src/lab/verify.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/bin/sdpscope.js');
const ARTIFACTS = join(ROOT, 'artifacts', `lab-${new Date().toISOString().replace(/[:.]/g, '-')}`);

beforeAll(() => console.log(`lab artifacts: ${ARTIFACTS}`));

afterAll(() => {
  // The lab removes its namespaces itself; none of this process's may remain.
  const left = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.startsWith(`sdpscope-lab-${process.pid}-`));
  expect(left).toEqual([]);
});

const AV_CHECKS: LabCheckName[] = ['connected', 'flow', 'relay-log', 'candidates', 'nat', 'codecs', 'rejected', 'pair'];
const DATA_CHECKS: LabCheckName[] = ['connected', 'flow', 'relay-log', 'candidates', 'nat', 'rejected', 'pair'];

async function scenario(name: string, options: Omit<LabCallOptions, 'artifacts'>): Promise<{ result: LabCallResult; checks: LabCheck[] }> {
  const artifacts = join(ARTIFACTS, name);
  const result = await runLabCall({ ...options, artifacts });
  const checks = verifyLabCall(result);
  writeFileSync(join(artifacts, 'checks.json'), JSON.stringify(checks, null, 1));
  // Every check ran, and none failed (the failures are listed with what was compared).
  expect(checks.map((c) => c.name)).toEqual(options.media === 'data' ? DATA_CHECKS : AV_CHECKS);
  expect(checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`)).toEqual([]);
  return { result, checks };
}

const usesRelay = (p: LabPeerResult) => p.selectedPair !== null && (p.selectedPair.local.candidateType === 'relay' || p.selectedPair.remote.candidateType === 'relay');
/**
 * The candidate types a page gathered: those it signaled (its candidate frames) and those getStats
 * still lists at the end (a browser drops the candidates of pairs it no longer needs from its
 * stats, a relay candidate among them once a direct pair is chosen).
 */
const types = (p: LabPeerResult) => [...new Set([...p.localCandidates.map((c) => c.candidateType), ...[...JSON.stringify(p.sent).matchAll(/ typ (host|srflx|prflx|relay)\b/g)].map((m) => m[1]!)])];

describe('the NAT lab: real browsers through real NATs, checked by sdpscope', () => {
  it('Chromium ↔ Chromium, cone / cone: audio and video flow', async () => {
    const { result } = await scenario('chromium-chromium-cone-cone', { nat: { a: 'cone', b: 'cone' }, browsers: { a: 'chromium', b: 'chromium' }, media: 'audio-video' });
    for (const p of [result.peers.a, result.peers.b]) {
      expect(p.flow.videoFramesDecoded).toBeGreaterThan(5);
      expect(types(p)).toEqual(expect.arrayContaining(['host', 'srflx', 'relay']));
      // Behind a cone NAT the mapping keeps the host's port: the srflx has its base's port.
      const srflx = p.localCandidates.find((c) => c.candidateType === 'srflx')!;
      expect([srflx.address, srflx.port]).toEqual([p.publicAddress, srflx.relatedPort]);
    }
  });

  it('Chromium ↔ Chromium, symmetric / symmetric: ends on a relay pair, both sides address-dependent', async () => {
    const { result, checks } = await scenario('chromium-chromium-symmetric-symmetric', { nat: { a: 'symmetric', b: 'symmetric' }, browsers: { a: 'chromium', b: 'chromium' }, media: 'audio-video' });
    for (const p of [result.peers.a, result.peers.b]) {
      expect(usesRelay(p)).toBe(true);
      // Two STUN servers saw two different mappings of one base.
      expect(p.localCandidates.filter((c) => c.candidateType === 'srflx')).toHaveLength(2);
    }
    expect(checks.find((c) => c.name === 'nat')!.detail).toBe('A symmetric: address-dependent, B symmetric: address-dependent');
  });

  it('Chromium → Firefox (Chromium offers), cone / symmetric', async () => {
    const { result, checks } = await scenario('chromium-firefox-cone-symmetric', { nat: { a: 'cone', b: 'symmetric' }, browsers: { a: 'chromium', b: 'firefox' }, media: 'audio-video' });
    expect(result.peers.b.version).toMatch(/Firefox .*esr/);
    expect(result.peers.b.localDescription!.type).toBe('answer');
    expect(checks.find((c) => c.name === 'nat')!.detail).toBe('A cone: unknown, B symmetric: address-dependent');
    expect(result.peers.b.flow.videoFramesDecoded).toBeGreaterThan(5);
  });

  it('Firefox → Chromium (Firefox offers), symmetric / cone', async () => {
    const { result, checks } = await scenario('firefox-chromium-symmetric-cone', { nat: { a: 'symmetric', b: 'cone' }, browsers: { a: 'firefox', b: 'chromium' }, media: 'audio-video' });
    expect(result.peers.a.localDescription!.type).toBe('offer');
    expect(checks.find((c) => c.name === 'nat')!.detail).toBe('A symmetric: address-dependent, B cone: unknown');
    expect(result.peers.a.flow.videoFramesDecoded).toBeGreaterThan(5);
  });

  it('UDP blocked: the blocked side has no srflx and connects through TURN over TCP', async () => {
    const { result } = await scenario('chromium-chromium-cone-udpblocked', { nat: { a: 'cone', b: 'udp-blocked' }, browsers: { a: 'chromium', b: 'chromium' }, media: 'audio-video' });
    const b = result.peers.b;
    expect(types(b)).not.toContain('srflx');
    expect(b.localCandidates.filter((c) => c.candidateType === 'relay').map((c) => c.relayProtocol)).toEqual(['tcp']);
    expect(b.selectedPair!.local).toMatchObject({ candidateType: 'relay', relayProtocol: 'tcp' });
  });

  it('a data channel only (no media), Firefox ↔ Chromium through cone / symmetric', async () => {
    const { result } = await scenario('firefox-chromium-data', { nat: { a: 'cone', b: 'symmetric' }, browsers: { a: 'firefox', b: 'chromium' }, media: 'data' });
    for (const p of [result.peers.a, result.peers.b]) {
      expect(p.flow.messages).toBeGreaterThan(0);
      expect(p.localDescription!.sdp).toMatch(/^m=application \d+ UDP\/DTLS\/SCTP webrtc-datachannel/m);
      expect(p.localDescription!.sdp).not.toMatch(/^m=(audio|video)/m);
    }
  });

  it('an H264-only offer to Firefox (which has no H264): video rejected, audio flows', async () => {
    const { result, checks } = await scenario('chromium-firefox-h264-only', { nat: { a: 'cone', b: 'cone' }, browsers: { a: 'chromium', b: 'firefox' }, media: 'audio-video', videoCodecs: ['H264'] });
    const offer = result.peers.a.localDescription!.sdp;
    const videoCodecs = [...offer.split(/^m=video/m)[1]!.matchAll(/^a=rtpmap:\d+ ([^/]+)/gm)].map((m) => m[1]);
    expect(new Set(videoCodecs)).toEqual(new Set(['H264', 'rtx']));
    expect(result.peers.b.localDescription!.sdp).toMatch(/^m=video 0 /m);
    expect(checks.find((c) => c.name === 'rejected')!.detail).toBe('answer rejects m-lines [1], sdp-diff reports [1] (video)');
    expect(result.peers.a.flow.audioPacketsReceived).toBeGreaterThan(10);
  });

  // The notes' P2P table (directPath): a direct pair where it says one works, a relay where it does not.
  it.each([
    ['full-cone', 'symmetric', 'direct'],
    ['restricted-cone', 'symmetric', 'direct'],
    ['port-restricted-cone', 'symmetric', 'relay'],
  ] as const)('Chromium ↔ Chromium, %s / %s: a %s pair, as the P2P table says', async (a, b, path) => {
    expect(directPath(a, b)).toBe(path);
    const { result } = await scenario(`chromium-chromium-${a}-${b}`, { nat: { a, b }, browsers: { a: 'chromium', b: 'chromium' }, media: 'audio-video' });
    for (const p of [result.peers.a, result.peers.b]) expect(usesRelay(p)).toBe(path === 'relay');
  });

  it('`sdpscope lab` from the command line: every frame printed, the checks passed, exit 0', () => {
    const dir = join(ARTIFACTS, 'cli-firefox-chromium-data');
    const r = spawnSync(process.execPath, [CLI, 'lab', '--nat-a', 'symmetric', '--nat-b', 'cone', '--browser-a', 'firefox', '--media', 'data', '--artifacts', dir, '--no-color'], { encoding: 'utf8', timeout: 150_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^relay .* c1 → c2 \d+ B offer: data channel · ufrag \S+ · setup \S+/m);
    expect(r.stdout).toMatch(/^relay .* c2 → c1 \d+ B answer: data channel · ufrag \S+ · setup \S+/m);
    expect(r.stdout).toMatch(/^✓ nat +A symmetric: address-dependent, B cone: unknown$/m);
    const checks = JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8')) as { ok: boolean }[];
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.stdout).toContain(`sdpscope candidates ${join(dir, 'relay.ndjson')}`);
  });

  it('`sdpscope lab | head -1`: the lab goes on to its checks and exits with their code (it had exited 0 at once, nothing checked; probe audit)', () => {
    const dir = join(ARTIFACTS, 'cli-closed-pipe');
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" lab --media data --artifacts "${dir}" --no-color | head -1; echo "exit \${PIPESTATUS[0]}"`], { encoding: 'utf8', timeout: 150_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^relay |^lab /);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('exit 0');
    const checks = JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8')) as { ok: boolean }[];
    expect(checks.length).toBeGreaterThan(3);
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });
});
