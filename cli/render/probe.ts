/** `sdpscope probe` as text: a line per server with its steps, the NAT verdict with its evidence, the P2P table. Pure. */
import type { ProbeReport } from '../../src/node/probe.js';
import { NAT_TYPE_DESCRIPTIONS } from '../../src/stun/nat.js';
import type { Style } from './style.js';

const ep = (e: { address: string; port: number } | null) => (e === null ? '-' : e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`);

export function renderProbe(r: ProbeReport, s: Style): string {
  const out: string[] = [];
  for (const v of r.servers) {
    const facts = [v.transport, v.mapped ? `mapped ${ep(v.mapped)}` : null, v.rttMs !== null ? `${v.rttMs} ms` : null, v.relayed ? `relayed ${ep(v.relayed)}` : null, v.relayVerified ? (v.relayReachable === true ? 'relays both ways' : 'relays between its allocations, not tried from outside') : null, v.software ? `"${v.software}"` : null]
      .filter((x) => x !== null)
      .join(', ');
    out.push(`${v.ok ? s.green('✓') : s.red('✗')} ${s.bold(v.url)}  ${facts}`);
    for (const step of v.steps) out.push(s.dim(`    ${step}`));
    for (const w of v.warnings) out.push(`    ${s.yellow(`warning: ${w}`)}`);
    if (v.error) {
      out.push(`    ${s.red(`${v.error.code}: ${v.error.reason}`)}`);
      out.push(`    ${v.error.explanation}`);
    }
  }
  const n = r.nat;
  out.push('');
  if (n.evidence.length === 1 && n.evidence[0] === 'not tested (--no-nat)') {
    out.push(`${s.bold('NAT:')} not tested (--no-nat)`);
    return out.join('\n') + '\n';
  }
  // No translation, a filtering firewall: the type is the cone it filters as (classifyNat).
  const headline = n.mapping === 'none' && n.type !== 'open' && n.type !== 'unknown'
    ? `no NAT, but a firewall that filters as a ${n.type === 'restricted-cone' ? 'restricted' : 'port-restricted'} cone NAT does (${n.filtering} filtering)`
    : NAT_TYPE_DESCRIPTIONS[n.type];
  out.push(`${s.bold('NAT:')} ${n.type === 'unknown' ? s.yellow('unknown') : s.bold(headline)}${n.server ? s.dim(`  (RFC 5780 tests against ${n.server}${n.local ? ` from ${ep(n.local)}` : ''})`) : ''}`);
  out.push(`  mapping: ${n.mapping ?? 'unknown'}, filtering: ${n.filtering ?? 'unknown'}`);
  for (const e of n.evidence) out.push(s.dim(`  - ${e}`));
  if (r.paths.length > 0) {
    out.push('');
    out.push(s.bold('A call from here to a peer behind each NAT type:'));
    const width = Math.max(...r.paths.map((p) => p.peer.length));
    for (const p of r.paths) out.push(`  ${p.peer.padEnd(width)}  ${p.path === 'direct' ? s.green('direct path works') : s.yellow('needs TURN (relay)')}`);
  }
  return out.join('\n') + '\n';
}
