/** The one text form and the one JSON form of a diagnostic, whatever its kind. Pure. */
import { DIAGNOSTICS, type Diagnostic, type DiagnosticKind } from '../../src/index.js';
import type { Style } from './style.js';

/** Where a finding is, in words: "line 4, column 12", "mid 1", or "" (the block around it says). */
export function diagnosticWhere(d: Diagnostic, lineLabel = 'line'): string {
  const parts: string[] = [];
  if ('line' in d && d.line !== null) parts.push('file' in d && d.file !== undefined ? `${d.file}:${d.line}` : `${lineLabel} ${d.line}`);
  if ('sdpLine' in d && d.sdpLine !== undefined) parts.push(`sdp ${d.sdpLine}`);
  if ('column' in d && d.column !== null) parts.push(`column ${d.column}`);
  if (parts.length === 0 && 'index' in d && d.index === null && d.mid !== null) parts.push(`mid ${d.mid}`);
  return parts.join(', ');
}

/** "error   kind (line 4): CODE: message" — the severity padded, colour by severity. */
export function renderDiagnostic(d: Diagnostic, s: Style, lineLabel = 'line'): string {
  const sev = d.severity === 'error' ? s.red.bold('error  ') : d.severity === 'warning' ? s.yellow('warning') : s.dim('info   ');
  const where = diagnosticWhere(d, lineLabel);
  const code = 'errorCode' in d ? `${d.errorCode}: ` : '';
  return `${sev} ${d.kind}${where ? ` (${where})` : ''}: ${code}${d.message}`;
}

/** A list of findings as lines, at most `limit` (then a count of the rest); `lineLabel` names what their lines count in. */
export function renderDiagnostics(list: readonly Diagnostic[], s: Style, limit = Infinity, lineLabel = 'line'): string[] {
  const out = list.slice(0, limit).map((d) => renderDiagnostic(d, s, lineLabel));
  if (list.length > limit) out.push(s.dim(`… and ${list.length - limit} more`));
  return out;
}

/**
 * The JSON form: the diagnostic's own fields, plus `code`, the same as `kind` (the sdp-diff and
 * candidates JSON contracts name it so), and `action`, what to do (from the table).
 */
export function diagnosticJson(d: Diagnostic): Diagnostic & { readonly code: string; readonly action: string } {
  return { ...d, code: d.kind, action: DIAGNOSTICS[d.kind].action };
}

/** "what to do", once per kind of error or warning in `list`, from the table. */
export function renderActions(list: readonly Diagnostic[], s: Style): string[] {
  return renderKindActions([...new Set(list.filter((d) => d.severity !== 'info').map((d) => d.kind))], s);
}

/** "what to do" for each of `kinds` (none: no lines). */
export function renderKindActions(kinds: readonly DiagnosticKind[], s: Style): string[] {
  if (kinds.length === 0) return [];
  return [s.bold('what to do'), ...kinds.map((k) => `  ${k}: ${DIAGNOSTICS[k].action}`)];
}
