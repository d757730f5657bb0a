/**
 * Diagnostics the parsers report without rejecting the input: a tagged union on `kind`, and one
 * table that describes every kind. A new kind does not compile until the table describes it.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface DiagnosticInfo {
  readonly severity: Severity;
  readonly title: string;
  readonly description: string;
  /** The RFC section (or implementation) the rule comes from. */
  readonly reference: string;
}

export const PARSE_DIAGNOSTICS = {
  'invalid-line': {
    severity: 'error',
    title: 'Line is not "<type>=<value>"',
    description: 'Every SDP line is one letter, "=", and a value. The line is kept as written and not interpreted.',
    reference: 'RFC 8866 §5',
  },
  'blank-line': {
    severity: 'warning',
    title: 'Blank line',
    description: 'SDP has no blank lines; some stacks add one at the end. Kept as written.',
    reference: 'RFC 8866 §5',
  },
  'attribute-syntax': {
    severity: 'warning',
    title: 'Attribute value does not follow its grammar',
    description: 'A known attribute whose value could not be read; it is kept as an uninterpreted attribute.',
    reference: 'RFC 8866 §6, RFC 8839, RFC 8843, RFC 8122, RFC 4566',
  },
  'candidate-syntax': {
    severity: 'error',
    title: 'Candidate line rejected',
    description: 'An a=candidate line that is not a candidate per RFC 8839; kept as written, with the reason.',
    reference: 'RFC 8839 §5.1',
  },
  'candidate-missing-related-address': {
    severity: 'warning',
    title: 'srflx/prflx/relay candidate without raddr/rport',
    description: 'RFC 8839 requires raddr and rport on reflexive and relayed candidates. Chrome accepts such lines; Firefox rejects them ("Error parsing attribute").',
    reference: 'RFC 8839 §5.1',
  },
  'candidate-invalid-address': {
    severity: 'warning',
    title: 'Candidate address is neither an IP address nor a host name',
    description: 'Often an address redacted by hand ("x.x.x.x", "*.*.*.*") or a prefix written where an address belongs ("::/0"). No peer can use it.',
    reference: 'RFC 8839 §5.1 (connection-address)',
  },
  'candidate-foundation': {
    severity: 'warning',
    title: 'Foundation outside 1*32ice-char',
    description: 'The foundation is empty, longer than 32 characters, or has characters other than ALPHA / DIGIT / "+" / "/". Tolerated because real stacks emit it.',
    reference: 'RFC 8839 §5.1',
  },
  'candidate-unknown-type': {
    severity: 'warning',
    title: 'Candidate type is not host, srflx, prflx or relay',
    description: 'The grammar allows other tokens, but no browser will use such a candidate.',
    reference: 'RFC 8839 §5.1',
  },
  'candidate-type-preference-mismatch': {
    severity: 'warning',
    title: 'Type preference contradicts the declared type',
    description: 'The top byte of the priority is the type preference; the value seen is not one any known implementation uses for this type (e.g. a "relay" with the host preference 126), so the line was probably edited or the type rewritten.',
    reference: 'RFC 8445 §5.1.2.1',
  },
  'mixed-line-endings': {
    severity: 'info',
    title: 'Mixed line endings',
    description: 'Some lines end with CRLF and others with LF. RFC 8866 requires CRLF but parsers should accept LF. Kept as written.',
    reference: 'RFC 8866 §5',
  },
  'input-json': {
    severity: 'warning',
    title: 'JSON that does not parse',
    description: 'A line or document that starts like JSON but is not valid JSON (truncated, or cut by a log line limit). Candidates and SDPs in its text are still looked for.',
    reference: 'RFC 8259',
  },
  'input-sdp': {
    severity: 'error',
    title: 'SDP that could not be read',
    description: 'A string that looks like an SDP but was rejected by the SDP parser; the error code says why.',
    reference: 'RFC 8866 §5',
  },
} as const satisfies Record<string, DiagnosticInfo>;

export type ParseDiagnosticKind = keyof typeof PARSE_DIAGNOSTICS;

/** One finding of a parser. `kind` is the tag; {@link PARSE_DIAGNOSTICS} describes each kind. */
export interface ParseDiagnostic {
  readonly kind: ParseDiagnosticKind;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based line in the parsed text. */
  readonly line?: number;
  /** Error code of the rejection, for kinds that carry one (candidate-syntax). */
  readonly code?: string;
  /** The m-section's mid, where the line is in one. */
  readonly mid?: string | null;
}

export function diagnostic(
  kind: ParseDiagnosticKind,
  message: string,
  extra: Omit<ParseDiagnostic, 'kind' | 'severity' | 'message'> = {},
): ParseDiagnostic {
  return { kind, severity: PARSE_DIAGNOSTICS[kind].severity, message, ...extra };
}
