/**
 * `sdpscope ice` on dumps of ICE failures made on purpose in the NAT lab: Chromium's own
 * chrome://webrtc-internals and rtcstats exports, or Firefox's about:webrtc report, of each
 * scenario (src/lab/ice-scenarios.ts), whose cause is known by construction, must be named by
 * the verdict, in every format.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ICE_SCENARIOS, runIceScenario, type IceScenario, type IceScenarioName } from '../../src/lab/ice-scenarios.js';
import type { IceReport } from '../../src/ice/explain.js';

const __dirname = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/bin/sdpscope.js');
const ARTIFACTS = join(ROOT, 'artifacts', `ice-${new Date().toISOString().replace(/[:.]/g, '-')}`);

beforeAll(() => console.log(`ice artifacts: ${ARTIFACTS}`));

function ice(file: string): { status: number | null; reports: IceReport[] } {
  const r = spawnSync(process.execPath, [CLI, 'ice', file, '--json'], { encoding: 'utf8', timeout: 30_000 });
  expect(r.stderr).toBe('');
  return { status: r.status, reports: (JSON.parse(r.stdout) as { peerConnections: IceReport[] }).peerConnections };
}

describe('sdpscope ice names the cause of each ICE failure made in the lab', () => {
  it.each(Object.keys(ICE_SCENARIOS) as IceScenarioName[])('%s', async (name) => {
    const sc = ICE_SCENARIOS[name];
    const { dumps, states, agent } = await runIceScenario(name, join(ARTIFACTS, name));
    const sc2: IceScenario = sc;
    expect(dumps.a.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(sc2.browserA === 'firefox' ? ['a-about_webrtc_report.json'] : ['a-webrtc_internals_dump.gz', 'a-rtcstats_dump.gz']);
    if (sc2.agentPeer) {
      // The agent did its part: A's checks answered, its own checks answered by A, nominations only in the control.
      expect(agent!.responsesSent).toBeGreaterThan(0);
      expect(agent!.responsesReceived).toBeGreaterThan(0);
      expect(agent!.nominationsSent > 0).toBe(sc2.agentPeer === 'nominates');
      expect(states.a).toMatch(sc2.agentPeer === 'nominates' || sc2.browserA !== 'firefox' ? /^ICE connected, connection connecting$/ : /^ICE checking, connection connecting$/);
    }
    for (const file of dumps.a) {
      const { status, reports } = ice(file);
      // The call page's own peer connection (or the script's first) is the first.
      expect(reports[0]!.verdict.code).toBe(sc.expected);
      expect(status).toBe(sc.expected === 'connected' ? 0 : 1);
      if (name === 'turn-tcp-only') expect(reports[0]!.verdict.message).toMatch(/through a TURN relay over TCP via turn:203\.0\.113\.10:3478\?transport=tcp/);
      if (name === 'relay-only-wrong-password') expect(reports[0]!.candidateErrors.map((e) => e.errorCode)).toEqual(expect.arrayContaining([401]));
      if (name === 'lost-mid-call') expect(states.a).toMatch(/ICE (disconnected|failed)/);
      if (name === 'no-nomination') expect(reports[0]!.pairs.some((p) => p.state === 'succeeded' && !p.nominated)).toBe(true);
      if (name === 'nomination-control') expect(reports[0]!.selectedPair).not.toBeNull();
      if (name === 'answer-refused' && file.endsWith('rtcstats_dump.gz')) expect(reports.map((r) => r.verdict.code)).toEqual(['not-negotiated', 'closed-early', 'no-ice-data']);
    }
  });
});
