/**
 * What NO_SDP_FOUND can add about a file: lines that name a candidate type beside an address, in
 * a form no reader takes (pion's `udp4 srflx 1.2.3.4:5678 related …`, baresip's
 * dump: candidates audit, each was a bare "no candidate found"). Reads the file's first MiB again,
 * only when nothing was found.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const HEAD = 1 << 20;
const TYPE = /\b(?:host|srflx|prflx|relay)\b/;
/** An IPv4 address, or an IPv6 one of five groups or more or with "::" (not a time, "10:43:42"). */
const ADDRESS = /\b\d{1,3}(?:\.\d{1,3}){3}\b|\b(?:[0-9a-f]{1,4}:){4,7}[0-9a-f]{1,4}\b|\b[0-9a-f]{1,4}::[0-9a-f]{1,4}\b/i;
/** Longer lines are not looked at (a candidate line is under 600 characters). */
const MAX_LINE = 2000;

/** ": N lines name a candidate type and an address …", or "" (none, standard input, an unreadable file). */
export function unreadCandidatesHint(path: string): string {
  if (path === 'stdin' || path === '-') return '';
  let text: string;
  try {
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD);
      text = buf.toString('utf8', 0, readSync(fd, buf, 0, HEAD, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
  let count = 0;
  let first: { line: number; text: string } | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.length > MAX_LINE || !TYPE.test(l) || !ADDRESS.test(l)) continue;
    count++;
    first ??= { line: i + 1, text: l.trim() };
  }
  if (first === null) return '';
  const shown = first.text.length > 80 ? `${first.text.slice(0, 80)}…` : first.text;
  return `; ${count}${lines.length > count && text.length === HEAD ? '+' : ''} line${count === 1 ? ' names' : 's name'} a candidate type and an address in a form sdpscope does not read (line ${first.line}: ${JSON.stringify(shown)}): README's "What it reads" lists the forms read`;
}
