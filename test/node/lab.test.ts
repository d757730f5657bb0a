/**
 * The lab's checker and stats readers on two real lab captures (test/fixtures/lab, see its
 * README): unchanged, every check passes; altered one fact at a time, the check about that fact
 * fails and says why. The calls themselves run in test/e2e/lab.e2e.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { selectedPair, waitFor, type LabCallResult, type LabPeerResult } from '../../src/lab/call.js';
import { LAB_CHECKS, runLabTools, verifyLabCall, type LabCheckName, type LabToolReports } from '../../src/lab/verify.js';
import { NAT_DESCRIPTIONS, NAT_KINDS } from '../../src/lab/topology.js';
import { CandidateAnalyzer, scanInput } from '../../src/index.js';
import { fileURLToPath } from 'node:url';

const __dirname = fileURLToPath(new URL('.', import.meta.url));

const FIXTURES = resolve(__dirname, '../fixtures/lab');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sdpscope-lab-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(name: string, editLog?: (lines: string[]) => string[]): LabCallResult {
  const r = JSON.parse(readFileSync(join(FIXTURES, name, 'call.json'), 'utf8')) as LabCallResult;
  let log = readFileSync(join(FIXTURES, name, 'relay.ndjson'), 'utf8');
  if (editLog) log = editLog(log.trimEnd().split('\n')).join('\n') + '\n';
  const relayLog = join(dir, `${name}-${Math.random().toString(36).slice(2)}.ndjson`);
  writeFileSync(relayLog, log);
  return { ...r, relayLog };
}

/** The tools run once per unchanged capture log; an altered log gets its own run. */
const tools = new Map<string, LabToolReports>();
const reports = (r: LabCallResult) => {
  if (!tools.has(r.relayLog)) tools.set(r.relayLog, runLabTools(r.relayLog));
  return tools.get(r.relayLog)!;
};
const captures = new Map<string, LabCallResult>();
const capture = (name: string) => {
  if (!captures.has(name)) captures.set(name, load(name));
  return captures.get(name)!;
};

const withPeer = (r: LabCallResult, side: 'a' | 'b', edit: (p: LabPeerResult) => LabPeerResult): LabCallResult => ({ ...r, peers: { ...r.peers, [side]: edit(r.peers[side]) } });
const failed = (r: LabCallResult) => verifyLabCall(r, reports(r)).filter((c) => !c.ok);
const check = (r: LabCallResult, name: LabCheckName) => verifyLabCall(r, reports(r)).find((c) => c.name === name)!;

describe('verifyLabCall on real captures', () => {
  it.each(['chromium-firefox', 'firefox-chromium'])('%s: every check passes', (name) => {
    const checks = verifyLabCall(capture(name));
    expect(checks.map((c) => c.name)).toEqual(Object.keys(LAB_CHECKS));
    expect(checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('finds the symmetric side address-dependent and the cone side not', () => {
    expect(check(capture('chromium-firefox'), 'nat').detail).toBe('A cone: unknown, B symmetric: address-dependent');
    expect(check(capture('firefox-chromium'), 'nat').detail).toBe('A symmetric: address-dependent, B cone: unknown');
  });

  it('a frame missing from the log fails relay-log and candidates', () => {
    const r = load('chromium-firefox', (lines) => {
      const i = lines.findIndex((l) => l.includes('"from":"c2"') && l.includes('typ srflx'));
      return lines.filter((_, j) => j !== i);
    });
    expect(failed(r).map((c) => c.name)).toEqual(['relay-log', 'candidates', 'nat']);
    expect(check(r, 'candidates').detail).toMatch(/B \(firefox, symmetric\): 6 local candidates in getStats, 5 in the report/);
  });

  it('a priority that differs from the log fails candidates, naming the candidate', () => {
    const r = withPeer(capture('chromium-firefox'), 'a', (p) => ({ ...p, localCandidates: p.localCandidates.map((c, i) => (i === 0 ? { ...c, priority: c.priority - 256 } : c)) }));
    expect(failed(r).map((c) => c.name)).toEqual(['candidates']);
    expect(check(r, 'candidates').detail).toMatch(/A \(chromium, cone\) \S+: report \w+ \d+, getStats \w+ \d+/);
  });

  it('a relay protocol getStats contradicts fails candidates', () => {
    const r = withPeer(capture('chromium-firefox'), 'a', (p) => ({ ...p, localCandidates: p.localCandidates.map((c) => (c.relayProtocol === 'udp' ? { ...c, relayProtocol: 'tls' } : c)) }));
    expect(check(r, 'candidates')).toMatchObject({ ok: false, detail: expect.stringMatching(/relay over udp in the report, tls in getStats/) });
  });

  it('a cone side claimed symmetric fails nat', () => {
    const r = withPeer(capture('chromium-firefox'), 'a', (p) => ({ ...p, nat: 'symmetric' }));
    expect(check(r, 'nat')).toMatchObject({ ok: false, detail: expect.stringMatching(/A \(chromium, symmetric\) is behind a symmetric NAT but the report says unknown/) });
  });

  it('a codec sent with a payload type sdp-diff did not negotiate fails codecs', () => {
    const r = withPeer(capture('firefox-chromium'), 'b', (p) => ({ ...p, stats: p.stats.map((s) => (s.type === 'codec' && s['mimeType'] === 'video/VP8' ? { ...s, payloadType: 127 } : s)) }));
    expect(check(r, 'codecs')).toMatchObject({ ok: false, detail: expect.stringMatching(/sends video\/vp8 PT 127: not in sdp-diff's negotiated video codecs/) });
  });

  it('a selected pair sdpscope did not predict fails pair', () => {
    const r = capture('chromium-firefox');
    const side = r.peers.a.selectedPair!.remote.candidateType === 'prflx' ? 'b' : 'a';
    const moved = withPeer(r, side, (p) => ({ ...p, selectedPair: { local: { ...p.selectedPair!.local, candidateType: 'host', address: '10.9.9.9', port: 1 }, remote: p.selectedPair!.remote } }));
    expect(check(moved, 'pair')).toMatchObject({ ok: false, detail: expect.stringMatching(/selected host 10\.9\.9\.9:1 ↔ .* not in sdpscope's \d+ predicted pairs/) });
  });
});

describe('the captures as sdpscope candidates reads them', () => {
  it('Firefox\'s candidates (no ufrag) join the session of Firefox\'s answer', () => {
    const analyzer = new CandidateAnalyzer();
    scanInput(readFileSync(join(FIXTURES, 'chromium-firefox', 'relay.ndjson'), 'utf8'), analyzer);
    const report = analyzer.finish();
    const firefoxUfrag = /a=ice-ufrag:(\S+)/.exec(capture('chromium-firefox').peers.b.localDescription!.sdp)![1];
    const session = report.sessions.find((s) => s.ufrag === firefoxUfrag)!;
    expect(session.counts.total).toBeGreaterThan(0);
    expect(report.sessions.map((s) => s.session)).not.toContain(expect.stringMatching(/^sender /));
    expect(report.calls).toHaveLength(1);
  });
});

describe('selectedPair', () => {
  it('reads Chromium\'s transport.selectedCandidatePairId and Firefox\'s selected pair', () => {
    const r = capture('chromium-firefox');
    for (const p of [r.peers.a, r.peers.b]) {
      const pair = selectedPair(p.stats)!;
      expect(pair).toEqual(p.selectedPair);
      expect(pair.local.address).not.toBe('');
    }
    expect(r.peers.a.stats.some((s) => s.type === 'transport' && s['selectedCandidatePairId'])).toBe(true);
    expect(r.peers.b.stats.some((s) => s.type === 'candidate-pair' && s['selected'] === true)).toBe(true);
  });

  it('is null with no pair', () => {
    expect(selectedPair([])).toBeNull();
  });
});

describe('the lab\'s tables', () => {
  it('describes every NAT kind and every check', () => {
    expect(Object.keys(NAT_DESCRIPTIONS).sort()).toEqual([...NAT_KINDS].sort());
    for (const text of [...Object.values(NAT_DESCRIPTIONS), ...Object.values(LAB_CHECKS)]) expect(text.length).toBeGreaterThan(20);
  });
});

describe('the lab\'s wait for a call', () => {
  it('a --timeout of a few hundred ms is said to be milliseconds (audit of the change: "did not connect within 300 ms" beside "ICE connected")', async () => {
    await expect(waitFor('A (chromium) did not connect', 300, async () => null)).rejects.toMatchObject({ code: 'LAB_CALL', message: 'A (chromium) did not connect within 300 ms (--timeout is in milliseconds, and a call takes seconds: what follows was read after it)' });
    await expect(waitFor('A (chromium) did not connect', 5000, async () => 1)).resolves.toBe(1);
  });
});
