/** `sdpscope ice` as text: per peer connection the verdict first, then the pair grid, then the timeline. Pure. */
import { hostPort, ICE_VERDICTS, type IceCandidateInfo, type IceReport } from '../../src/ice/explain.js';
import { pad, type Style } from './style.js';

/** Timeline lines shown before "… more" (the JSON has them all). */
export const TIMELINE_LIMIT = 200;
/** Pairs shown in the grid before "… more" (the selected and nominated first; the JSON has them all). */
export const PAIR_LIMIT = 200;

const short = (c: IceCandidateInfo | null) => (c ? `${c.type ?? '?'} ${c.protocol ?? '?'}${c.relayProtocol ? `/${c.relayProtocol}` : ''} ${hostPort(c.address, c.port)}` : '?');
/** Longest page address shown (the JSON has it whole): a dump's url is whatever the page was (ICE audit: 50 MB on one line). */
const URL_LIMIT = 200;

export function renderIce(reports: readonly IceReport[], s: Style, source: { format: string; userAgent: string | null }): string {
  const out: string[] = [];
  const browser = source.userAgent ? (/(Firefox|Chrome|HeadlessChrome|Edg)\/[\d.]+/.exec(source.userAgent)?.[0] ?? source.userAgent) : null;
  for (const r of reports) {
    const v = r.verdict;
    // A call the other side hung up is no failure to find (dumps audit), nor a call that connected.
    // What the input cannot tell (no ICE data, candidates without pairs) is no failure: "?" (ICE audit: ✗ and exit 1).
    const mark = v.code === 'connected' ? s.green('✓') : v.code === 'closed-by-peer' ? s.yellow('•') : v.code === 'no-ice-data' || v.code === 'stats-filtered' || v.code === 'success-unconfirmed' ? s.yellow('?') : s.red('✗');
    // The page's address without its query (the JSON has it whole, secrets redacted).
    const bare = r.url === null ? null : r.url.includes('?') ? `${r.url.slice(0, r.url.indexOf('?'))}?…` : r.url;
    const url = bare !== null && bare.length > URL_LIMIT ? `${bare.slice(0, URL_LIMIT)}…` : bare;
    out.push(`${s.bold(`peer connection ${r.id}`)}${url ? `  ${url}` : ''}${s.dim(`  (${source.format}${browser ? `, ${browser}` : ''})`)}`);
    out.push(`${mark} ${s.bold(v.code)}: ${v.message}`);
    for (const e of v.evidence) out.push(`  - ${e}`);
    // A connected call has nothing to do, unless its verdict says otherwise (one-way silence, a refused description): as --json says.
    if (v.code !== 'connected' || v.action !== ICE_VERDICTS.connected.action) out.push(`  ${s.yellow('what to do:')} ${v.action}`);
    const c = r.configuration;
    if (c) {
      const servers = Array.isArray(c['iceServers']) ? (c['iceServers'] as { urls?: unknown; username?: unknown; credential?: unknown }[]).flatMap((x) => [x?.urls ?? []].flat().map((u) => `${String(u)}${x?.username !== undefined ? ' (with credentials)' : ''}`)) : [];
      out.push(s.dim(`  configuration: ${servers.length ? `iceServers ${servers.join(', ')}` : 'no iceServers'}${c['iceTransportPolicy'] ? `, iceTransportPolicy ${String(c['iceTransportPolicy'])}` : ''}${c['bundlePolicy'] ? `, bundlePolicy ${String(c['bundlePolicy'])}` : ''}`));
    }
    const t = r.transport;
    if (t !== null && (t.iceRole !== null || t.dtlsState !== null)) {
      const dtls = [t.dtlsRole, tlsVersionName(t.tlsVersion), t.dtlsCipher, t.srtpCipher !== null ? `SRTP ${t.srtpCipher}` : null].filter((x) => x !== null);
      out.push(s.dim(`  transport: ICE ${t.iceRole ?? 'role unknown'} · DTLS ${t.dtlsState ?? 'state unknown'}${dtls.length > 0 ? ` (${dtls.join(', ')})` : ''}`));
    }
    out.push(s.dim(`  candidates: ${r.localCandidates.length} local, ${r.remoteCandidates.length} remote; ${r.restarts} ICE restart(s)`));
    if (r.candidateErrors.length > 0) {
      out.push('', s.bold('  candidate errors'));
      // An explanation the verdict's evidence already gave is not said twice (ICE audit): the error's code, server and interface are.
      const said = new Set(v.evidence);
      for (const e of r.candidateErrors) out.push(`  ${s.red(String(e.errorCode ?? '?'))} ${e.url ?? ''}${e.hostCandidate ? ` from ${e.hostCandidate}` : ''}${said.has(e.explanation) ? s.dim(' (explained above)') : `: ${e.explanation}`}`);
    }
    if (r.pairs.length > 0) {
      // How this browser counts (dumps audit: Chromium's count changed, and the header said the old one of every dump).
      const counting = r.consentCounting === 'included' ? 'consent requests and their responses in both counts' : r.consentCounting === 'apart' ? 'this Chromium counts checks until the first answer, responses to consent too' : 'responses to consent too';
      out.push('', s.bold('  candidate pairs') + s.dim(`  (* selected, n nominated; checks sent/responses received (${counting}), checks received/answered, – not counted by the browser; consent requests; RTT; bytes sent/received)`));
      // Bounded (ICE audit: 130,000 pairs ran the call stack out in the widths, exit 70).
      // The pair the report takes as selected, where no transport names one (the nominated pair that carried the most): starred too (audit: said in the verdict, unmarked in the table).
      const chosen = (p: (typeof r.pairs)[number]) => p.selected || (r.selectedPair !== null && p.local === r.selectedPair.local && p.remote === r.selectedPair.remote);
      const marked = r.pairs.filter((p) => chosen(p) || p.nominated);
      const shownPairs = r.pairs.length <= PAIR_LIMIT ? r.pairs : [...marked.slice(0, PAIR_LIMIT), ...r.pairs.filter((p) => !chosen(p) && !p.nominated).slice(0, Math.max(0, PAIR_LIMIT - marked.length))];
      const rows = shownPairs.map((p) => [
        // Both marks: Chromium selects pairs it never nominated, so a selected pair's nomination is news (ICE audit: "*" hid it).
        `${chosen(p) ? '*' : ' '}${p.nominated ? 'n' : ' '}`,
        short(p.local),
        short(p.remote),
        p.state ?? '?',
        `${p.requestCountsReported ? p.requestsSent : '–'}/${p.responseCountsReported ? p.responsesReceived : '–'}`,
        p.requestCountsReported ? `${p.requestsReceived}/${p.responsesSent}` : '–',
        p.consentCountReported ? String(p.consentRequestsSent) : '–',
        p.currentRoundTripTime !== null ? `${p.currentRoundTripTime} ms` : '-',
        p.bytesCountsReported ? `${p.bytesSent}/${p.bytesReceived}` : '–',
      ]);
      const head = [' ', 'local', 'remote', 'state', 'sent', 'received', 'consent', 'rtt', 'bytes'];
      const widths = head.map((h, i) => rows.reduce((w, row) => Math.max(w, row[i]!.length), h.length));
      const colour = (state: string, text: string) => (state === 'succeeded' ? s.green(text) : state === 'failed' ? s.red(text) : state === 'in-progress' ? s.yellow(text) : text);
      out.push(s.dim(`  ${head.map((h, i) => pad(h, widths[i]!)).join('  ')}`));
      for (const row of rows) out.push(`  ${row.map((cell, i) => (i === 3 ? colour(cell, pad(cell, widths[i]!)) : pad(cell, widths[i]!))).join('  ')}`);
      if (r.pairs.length > shownPairs.length) out.push(s.dim(`  … ${r.pairs.length - shownPairs.length} more pairs (--json has them all)`));
    }
    if (r.timeline.length > 0) {
      out.push('', s.bold('  timeline'));
      const t0 = r.startTime;
      const shown = r.timeline.slice(0, TIMELINE_LIMIT);
      for (const e of shown) out.push(`  ${s.dim(e.time === null || t0 === null ? '      ?' : `${((e.time - t0) / 1000).toFixed(3).padStart(8)}s`)} ${e.kind === 'error' ? s.red(e.text) : e.text}`);
      if (r.timeline.length > shown.length) out.push(s.dim(`  … ${r.timeline.length - shown.length} more (--json has them all)`));
    }
    out.push('');
  }
  return out.join('\n');
}


/** RTCTransportStats.tlsVersion (hex) by name: FEFD is DTLS 1.2, FEFC DTLS 1.3 (RFC 9147), FEFF DTLS 1.0. */
function tlsVersionName(v: string | null): string | null {
  if (v === null) return null;
  const names: Record<string, string> = { FEFD: 'DTLS 1.2', FEFC: 'DTLS 1.3', FEFF: 'DTLS 1.0' };
  return names[v.toUpperCase()] ?? `TLS version ${v}`;
}
