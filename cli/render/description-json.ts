/**
 * A description as the JSON reports write it. Each m-section's views carry what it inherits from
 * the session (RFC 8839 §5.4's ufrag and pwd, RFC 8122's fingerprint, RFC 8285's extmaps): in the
 * model they share the session's string, written in JSON they are copied once per m-section. A
 * session-level value past 256 characters (RFC 8839's longest ufrag; both browsers refuse such a
 * value, and the description's findings say so) is therefore written in its marked short form in
 * each m-section's views (first 32 characters, length, hash: the form candidates carry it in), and
 * whole where the input has it: the session's fields and lines. An 853 KB SDP whose 842 KB
 * session ufrag 330 m-lines inherit made 280 MB of `parse --json` in 1.7 s (fuzz seed 20261213,
 * input 354, 7.9× its time budget). Pure.
 */
import type { SessionDescription } from '../../src/sdp/model.js';
import { markedShortForm, MAX_UFRAG } from '../../src/input/session-ufrag.js';

/** `d`, or, where its session has a value past 256 characters, `d` with its m-sections' inherited copies shortened. */
export function descriptionForJson(d: SessionDescription): SessionDescription {
  const long = longSessionValues([d]);
  if (long.size === 0) return d;
  // Its own lines are the m-section's as written, and its candidates carry the short form already.
  const media = d.media.map((m) => {
    // A value the m-section writes itself stays whole, though the session has it too (change
    // audit: an m-section's own 300-character ice-pwd, equal to the session's, had been short).
    const own = new Set<string>();
    for (const line of m.lines) collectLong(line, own);
    const inherited = own.size === 0 ? long : new Map([...long].filter(([v]) => !own.has(v)));
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(m)) out[k] = k === 'lines' || k === 'candidates' ? x : shortened(x, inherited);
    return out;
  });
  return { ...d, media } as unknown as SessionDescription;
}

/**
 * A report about descriptions (sdp-diff's negotiation and diff), with each of their session-level
 * values past 256 characters in its marked short form wherever it shows: it shows once for each
 * m-line. The 853 KB SDP above, against itself, made `sdp-diff --json` fail with OUTPUT_TOO_LARGE
 * after 1.5 s and 1.2 GB.
 */
export function reportForJson<T>(report: T, descriptions: readonly SessionDescription[]): T {
  const long = longSessionValues(descriptions);
  return long.size === 0 ? report : (shortened(report, long) as T);
}

/**
 * The strings past 256 characters anywhere in the session-level lines of `descriptions`, each with
 * its marked short form, made once (made per use, two long values in turn hashed each again for
 * every m-line: 0.42 s of an 853 KB input's 0.44, fuzz seed 20261214, input 1377).
 */
function longSessionValues(descriptions: readonly SessionDescription[]): Map<string, string> {
  const found = new Set<string>();
  for (const d of descriptions) for (const line of d.lines) collectLong(line, found);
  return new Map([...found].map((v) => [v, markedShortForm(v)]));
}

/** `v` copied, with each string of `long` in its marked short form. */
function shortened(v: unknown, long: ReadonlyMap<string, string>): unknown {
  if (typeof v === 'string') return v.length > MAX_UFRAG ? (long.get(v) ?? v) : v;
  if (Array.isArray(v)) return v.map((x) => shortened(x, long));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = shortened(x, long);
    return out;
  }
  return v;
}

/** Strings past 256 characters anywhere in a session-level line's value. */
function collectLong(v: unknown, into: Set<string>): void {
  if (typeof v === 'string') {
    if (v.length > MAX_UFRAG) into.add(v);
  } else if (Array.isArray(v)) {
    for (const x of v) collectLong(x, into);
  } else if (v !== null && typeof v === 'object') {
    for (const k in v) collectLong((v as Record<string, unknown>)[k], into);
  }
}
