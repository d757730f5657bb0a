/** The one text form and the one JSON form of a diagnostic, whatever its kind. Pure. */
import { diagnosticAction, type Diagnostic } from '../../src/index.js';
import { ruleAction } from '../../src/sdp/browser-rule-fixes.js';
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
  if (list.length <= limit) return list.map((d) => renderDiagnostic(d, s, lineLabel));
  // Past the limit, the counts of what was not even kept (diagnostics-elided) are still said: they
  // had been among the hidden ("… and 81 more" of 750 unparseable lines; candidates audit).
  const elided = list.filter((d) => d.kind === 'diagnostics-elided');
  const rest = list.filter((d) => d.kind !== 'diagnostics-elided');
  const out = rest.slice(0, limit).map((d) => renderDiagnostic(d, s, lineLabel));
  if (rest.length > limit) out.push(s.dim(`… and ${rest.length - limit} more`));
  for (const d of elided) out.push(renderDiagnostic(d, s, lineLabel));
  return out;
}

/**
 * The JSON form: the diagnostic's own fields, plus `code`, the same as `kind` (the sdp-diff and
 * candidates JSON contracts name it so), and `action`, what to do (diagnosticAction: the kind's,
 * or a browser rule's fix).
 */
export function diagnosticJson(d: Diagnostic): Diagnostic & { readonly code: string; readonly action: string } {
  return { ...d, code: d.kind, action: diagnosticAction(d).action };
}

/** The "what to do" entries of a run of findings, once per kind (per rule for a browser's refusal), errors and warnings only, in the order first seen. */
export class ActionList {
  readonly entries = new Map<string, string>();

  add(list: readonly Diagnostic[]): this {
    for (const d of list) {
      // Refusals past the bound, not listed: what to do about each of their rules all the same.
      if (d.kind === 'diagnostics-elided' && d.of === 'rejected-by-browser') {
        for (const rule of d.rules ?? []) {
          const { label, action } = ruleAction(rule);
          if (!this.entries.has(label)) this.entries.set(label, action);
        }
        continue;
      }
      if (d.severity === 'info') continue;
      const { label, action } = diagnosticAction(d);
      if (!this.entries.has(label)) this.entries.set(label, action);
    }
    return this;
  }
}

/** "what to do", once per kind of error or warning in `list` (per rule for rejected-by-browser). */
export function renderActions(list: readonly Diagnostic[], s: Style): string[] {
  return renderActionList(new ActionList().add(list).entries, s);
}

/** "what to do" with each entry (none: no lines). */
export function renderActionList(entries: ReadonlyMap<string, string>, s: Style): string[] {
  if (entries.size === 0) return [];
  return [s.bold('what to do'), ...[...entries].map(([label, action]) => `  ${label}: ${action}`)];
}
