/**
 * The scripted ICE agent as a process, so that the lab can run it inside a host's network
 * namespace: `node ice-agent-main.js ADDRESS DURATION_MS [nominate]`. It prints one JSON line
 * (address, port, ufrag, pwd, offer), reads one JSON line (the peer's ufrag, pwd and candidates),
 * checks for DURATION_MS, prints its counters as one JSON line and exits. Bounded in time whatever
 * happens: it exits after DURATION_MS + 60 s even if no peer line ever comes.
 */
import { createInterface } from 'node:readline';
import { startIceAgent, type IceAgentPeer } from './ice-agent.js';

const [address, duration, mode] = process.argv.slice(2);
const durationMs = Number(duration);
if (!address || !Number.isInteger(durationMs) || durationMs <= 0 || durationMs > 120_000) {
  process.stderr.write('usage: ice-agent-main ADDRESS DURATION_MS [nominate]\n');
  process.exit(2);
}
setTimeout(() => process.exit(3), durationMs + 60_000).unref();
const agent = await startIceAgent({ address, nominate: mode === 'nominate' });
process.stdout.write(`${JSON.stringify({ address: agent.address, port: agent.port, ufrag: agent.ufrag, pwd: agent.pwd, offer: agent.offer() })}\n`);
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const peer = JSON.parse(line) as IceAgentPeer;
  const counters = await agent.check(peer, durationMs);
  process.stdout.write(`${JSON.stringify(counters)}\n`);
  break;
}
agent.close();
process.exit(0);
