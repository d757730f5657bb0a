/**
 * `sdpscope probe` in the NAT lab: every NAT type of the notes built by a real router (network
 * namespaces, iptables, ipset), coturn on two addresses with RFC 5780 on (`-n`, two listening
 * addresses), each router first classified by coturn's own turnutils_natdiscovery, then probe
 * run from the host behind it must name the same behaviour; TURN over UDP, TCP and TLS with a
 * right and a wrong password.
 */
import { execFile, execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCoturn, TURN_PORT, TURNS_PORT, type Coturn } from '../../src/lab/coturn.js';
import { createLab, type Lab, type LabSide } from '../../src/lab/topology.js';
import type { NatKind } from '../../src/lab/kinds.js';
import type { ProbeReport } from '../../src/node/probe.js';

const __dirname = fileURLToPath(new URL('.', import.meta.url));
const CLI = resolve(__dirname, '../../dist/bin/sdpscope.js');

interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program inside a namespace, bounded in time. */
function runIn(ns: string, program: string, args: readonly string[], env: NodeJS.ProcessEnv = {}, timeout = 60_000): Promise<Ran> {
  return new Promise((done) => {
    execFile('ip', ['netns', 'exec', ns, program, ...args], { encoding: 'utf8', timeout, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      done({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** coturn's verdicts: "NAT with Endpoint Independent Mapping!", "... Address Dependent Filtering!", "No NAT!". */
function natdiscovery(out: string): { mapping: string | null; filtering: string | null } {
  const names: Record<string, string> = { 'Endpoint Independent': 'endpoint-independent', 'Address Dependent': 'address-dependent', 'Address and Port Dependent': 'address-and-port-dependent' };
  const m = /^NAT with (Endpoint Independent|Address Dependent|Address and Port Dependent) Mapping!/m.exec(out);
  const f = /^NAT with (Endpoint Independent|Address Dependent|Address and Port Dependent) Filtering!/m.exec(out);
  return { mapping: /^No NAT!/m.test(out) ? 'none' : m ? names[m[1]!]! : null, filtering: f ? names[f[1]!]! : null };
}

const EXPECTED: Record<Exclude<NatKind, 'cone' | 'udp-blocked'>, { mapping: string; filtering: string }> = {
  'full-cone': { mapping: 'endpoint-independent', filtering: 'endpoint-independent' },
  'restricted-cone': { mapping: 'endpoint-independent', filtering: 'address-dependent' },
  'port-restricted-cone': { mapping: 'endpoint-independent', filtering: 'address-and-port-dependent' },
  // MASQUERADE --random-fully: a new port for every destination address and port.
  symmetric: { mapping: 'address-and-port-dependent', filtering: 'address-and-port-dependent' },
};

function labWith(nat: Record<LabSide, NatKind>, tls = false): { lab: () => Lab; coturn: () => Coturn } {
  let lab: Lab;
  let coturn: Coturn;
  beforeAll(async () => {
    lab = createLab({ nat });
    let options = {};
    if (tls) {
      const cert = join(lab.dir, 'turn.pem');
      const key = join(lab.dir, 'turn.key');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${lab.stunAddresses[0]}`, '-addext', `subjectAltName=IP:${lab.stunAddresses[0]}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
      options = { tls: { cert, key } };
    }
    coturn = await startCoturn(lab, 10_000, options);
  });
  afterAll(async () => {
    await lab?.close();
  });
  return { lab: () => lab, coturn: () => coturn };
}

async function probeIn(ns: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ ran: Ran; report: ProbeReport }> {
  const ran = await runIn(ns, process.execPath, [CLI, 'probe', '--json', '--timeout', '1500', ...args], env);
  expect(ran.stderr).toBe('');
  return { ran, report: JSON.parse(ran.stdout) as ProbeReport };
}

/** The router's behaviour by coturn's natdiscovery, then by probe (STUN and TURN over UDP and TCP). */
async function checkSide(lab: Lab, coturn: Coturn, side: LabSide, kind: Exclude<NatKind, 'cone' | 'udp-blocked'>): Promise<void> {
  const host = lab.hosts[side];
  const [first] = lab.stunAddresses;
  const nd = await runIn(host.ns, 'turnutils_natdiscovery', ['-m', '-f', '-L', host.address, first]);
  expect(natdiscovery(nd.stdout)).toEqual(EXPECTED[kind]);
  const turn = `turn:${first}:${TURN_PORT}`;
  const { ran, report } = await probeIn(host.ns, [`stun:${first}:${TURN_PORT}`, `${turn}?transport=udp`, `${turn}?transport=tcp`, '--username', coturn.username, '--credential', coturn.credential]);
  expect(report.servers.map((s) => [s.url, s.ok, s.error?.code ?? null])).toEqual([
    [`stun:${first}:${TURN_PORT}`, true, null],
    [`${turn}?transport=udp`, true, null],
    [`${turn}?transport=tcp`, true, null],
  ]);
  expect(ran.status).toBe(0);
  for (const s of report.servers) {
    expect(s.mapped?.address).toBe(host.publicAddress);
    expect(s.rfc5780).toBe(true);
    expect(s.software).toMatch(/^Coturn/);
  }
  for (const s of report.servers.slice(1)) {
    expect(s.relayed?.address).toBe(first);
    expect(s.relayVerified).toBe(true);
  }
  expect({ mapping: report.nat.mapping, filtering: report.nat.filtering }).toEqual(EXPECTED[kind]);
  expect(report.nat.type).toBe(kind);
  expect(report.nat.local).toMatchObject({ address: host.address });
}

describe('probe names each NAT as coturn\'s natdiscovery does', () => {
  describe('full cone and restricted cone', () => {
    const { lab, coturn } = labWith({ a: 'full-cone', b: 'restricted-cone' });
    it('full cone: endpoint-independent mapping and filtering', async () => checkSide(lab(), coturn(), 'a', 'full-cone'));
    it('restricted cone: endpoint-independent mapping, address-dependent filtering', async () => checkSide(lab(), coturn(), 'b', 'restricted-cone'));
  });

  describe('port-restricted cone and symmetric', () => {
    const { lab, coturn } = labWith({ a: 'port-restricted-cone', b: 'symmetric' });
    it('port-restricted cone: endpoint-independent mapping, address-and-port-dependent filtering', async () => checkSide(lab(), coturn(), 'a', 'port-restricted-cone'));
    it('symmetric: a new mapping per destination', async () => checkSide(lab(), coturn(), 'b', 'symmetric'));
  });

  describe('UDP blocked, no NAT, TURN over TLS and wrong passwords', () => {
    const { lab, coturn } = labWith({ a: 'udp-blocked', b: 'port-restricted-cone' }, true);

    it('UDP blocked: no UDP answer from either STUN address, TCP answers; TURN over TCP still allocates and relays', async () => {
      const l = lab();
      const [first, second] = l.stunAddresses;
      const turn = `turn:${first}:${TURN_PORT}`;
      const { ran, report } = await probeIn(l.hosts.a.ns, [`stun:${first}:${TURN_PORT}`, `stun:${second}:${TURN_PORT}`, `${turn}?transport=tcp`, '--username', coturn().username, '--credential', coturn().credential]);
      expect(ran.status).toBe(1);
      expect(report.servers[0]).toMatchObject({ ok: false, error: { code: 'no-answer', explanation: expect.stringMatching(/STUN over TCP to the same server and port did answer: UDP is blocked/) } });
      expect(report.servers[2]).toMatchObject({ ok: true, relayVerified: true, mapped: { address: l.hosts.a.publicAddress } });
      expect(report.nat).toMatchObject({ type: 'udp-blocked', mapping: null, filtering: null });
      expect(report.paths.every((p) => p.path === 'relay')).toBe(true);
      // One STUN address alone may be a server without UDP: no firm verdict (probe audit).
      const one = await probeIn(l.hosts.a.ns, [`stun:${first}:${TURN_PORT}`]);
      expect(one.report.nat).toMatchObject({ type: 'unknown', evidence: [expect.stringMatching(/a second STUN server over UDP tells them apart/)] });
    });

    it('a loopback server named first (a coturn on this machine) takes no other server down: the shared socket is bound for the first server that is not loopback (probe audit: EINVAL, "this machine could not send")', async () => {
      const l = lab();
      const [first] = l.stunAddresses;
      const { report } = await probeIn(l.hosts.b.ns, ['stun:127.0.0.1:3', `stun:${first}:${TURN_PORT}`]);
      expect(report.servers[0]!.ok).toBe(false);
      expect(report.servers[1]).toMatchObject({ ok: true, error: null, mapped: { address: l.hosts.b.publicAddress } });
      expect(report.nat).toMatchObject({ type: 'port-restricted-cone', server: `stun:${first}:${TURN_PORT}`, local: { address: l.hosts.b.address } });
    });

    it('no route to a UDP server (a namespace of no routes): unreachable, exit 1, no stack trace (probe audit: ERR_SOCKET_BAD_PORT)', async () => {
      const ns = `sdpscope-noroute-${process.pid}`;
      execFileSync('ip', ['netns', 'add', ns]);
      try {
        const ran = await runIn(ns, process.execPath, [CLI, 'probe', '--json', '--timeout', '1500', 'stun:10.0.9.1', 'turn:10.0.9.1?transport=udp', '--username', 'u', '--credential', 'p']);
        expect(ran.stderr).toBe('');
        expect(ran.status).toBe(1);
        const report = JSON.parse(ran.stdout) as ProbeReport;
        expect(report.servers.map((x) => [x.ok, x.error?.code, x.error?.explanation])).toEqual([
          [false, 'unreachable', "no route to 10.0.9.1 from here (ENETUNREACH): check the address and this machine's network"],
          [false, 'unreachable', "no route to 10.0.9.1 from here (ENETUNREACH): check the address and this machine's network"],
        ]);
      } finally {
        execFileSync('ip', ['netns', 'delete', ns]);
      }
    });

    it('no NAT (from the public net itself): open, as natdiscovery says', async () => {
      const l = lab();
      const [first] = l.stunAddresses;
      const nd = await runIn(l.publicNs, 'turnutils_natdiscovery', ['-m', '-f', '-L', l.relayAddress, first]);
      expect(natdiscovery(nd.stdout).mapping).toBe('none');
      const { report } = await probeIn(l.publicNs, [`stun:${first}:${TURN_PORT}`]);
      expect(report.nat).toMatchObject({ type: 'open', mapping: 'none', filtering: 'endpoint-independent' });
    });

    it('a wrong password: 401 after credentials, over UDP and TCP, exit 1', async () => {
      const l = lab();
      const [first] = l.stunAddresses;
      const turn = `turn:${first}:${TURN_PORT}`;
      const { ran, report } = await probeIn(l.hosts.b.ns, [`${turn}?transport=udp`, `${turn}?transport=tcp`, '--username', coturn().username, '--credential', 'wrong', '--no-nat']);
      expect(ran.status).toBe(1);
      for (const s of report.servers) {
        expect(s).toMatchObject({ ok: false, relayed: null, error: { code: 'unauthorized', stunCode: 401, explanation: expect.stringMatching(/^wrong credentials/) } });
        expect(s.mapped?.address).toBe(l.hosts.b.publicAddress);
      }
      // The same servers without credentials: the realm is named, credentials asked for.
      const bare = await probeIn(l.hosts.b.ns, [`${turn}?transport=udp`, '--no-nat']);
      expect(bare.report.servers[0]!.error).toMatchObject({ code: 'needs-credentials', explanation: expect.stringContaining('realm "sdpscope.lab"') });
    });

    it('turns: over TLS, with the certificate trusted; refused when it is not', async () => {
      const l = lab();
      const [first] = l.stunAddresses;
      const url = `turns:${first}:${TURNS_PORT}`;
      const creds = ['--username', coturn().username, '--credential', coturn().credential, '--no-nat'];
      const trusted = await probeIn(l.hosts.b.ns, [url, ...creds], { NODE_EXTRA_CA_CERTS: join(l.dir, 'turn.pem') });
      expect(trusted.report.servers[0]).toMatchObject({ ok: true, transport: 'tls', relayVerified: true, relayed: { address: first } });
      // No UDP on the TLS port: the outside leg's Binding there is refused, and said so, not "no answer… or UDP is blocked here" (probe audit).
      expect(trusted.report.servers[0]!.steps.join('\n')).toMatch(new RegExp(`from outside: not tried \\(a Binding over UDP to port ${TURNS_PORT} \\(this TLS URI's\\) was refused \\(ICMP port unreachable\\): nothing listens for UDP there`));
      const untrusted = await probeIn(l.hosts.b.ns, [url, ...creds]);
      expect(untrusted.ran.status).toBe(1);
      // coturn's certificate here is self-signed, and said so (probe audit: "does not match, has expired, or…").
      expect(untrusted.report.servers[0]!.error).toMatchObject({ code: 'tls', explanation: expect.stringMatching(/is self-signed \(DEPTH_ZERO_SELF_SIGNED_CERT\): trust it with NODE_EXTRA_CA_CERTS/) });
    });
  });
});
