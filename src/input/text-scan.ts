/** Candidates and JSON-escaped SDPs in free text: a log line that is not JSON, or JSON that did not parse. */
import { emitCandidate, emitDescription } from './found.js';
import type { InputSink, Source } from './types.js';

export function scanText(line: string, lineNo: number, sink: InputSink, file?: string, timestamp?: string): void {
  const at: Source = { line: lineNo, format: 'text', ...(file !== undefined ? { file } : {}), ...(timestamp !== undefined ? { timestamp } : {}) };
  let from = 0;
  const escaped = /v=0(?:\\r)?\\n/g;
  for (let m = line.includes('v=0') ? escaped.exec(line) : null; m; m = escaped.exec(line)) {
    const start = m.index;
    // The SDP ends at the first unescaped quote (or the end of the line).
    let end = start;
    while (end < line.length && line[end] !== '"') end += line[end] === '\\' ? 2 : 1;
    let text: string;
    try {
      text = JSON.parse(`"${line.slice(start, Math.min(end, line.length))}"`) as string;
    } catch {
      continue;
    }
    emitDescription(text, null, at, sink);
    from = end;
    escaped.lastIndex = end;
  }
  const re = /(?:a=)?candidate:/g;
  re.lastIndex = from;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    let end = m.index;
    while (end < line.length && !'"\'\\<>'.includes(line[end]!)) end++;
    let text = line.slice(m.index, end).replace(/[\s),;\]}]+$/, '');
    // "candidate: candidate:…" is one (doubled) prefix, not two candidates.
    if (/^(?:a=)?candidate:\s*$/.test(text)) continue;
    if (text.length === 0) continue;
    text = text.replace(/\s+$/, '');
    emitCandidate(text, {}, at, sink, m.index + 1);
    re.lastIndex = end;
  }
}
