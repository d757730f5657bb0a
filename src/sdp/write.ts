/** writeSdp: SessionDescription → text, walking its lines. */
import { requireObject, SdpscopeError } from '../errors.js';
import { readingModels } from '../model-guard.js';
import { writeLine, writesAsRead } from './line.js';
import type { SdpLine, SessionDescription } from './model.js';
import { pushAll } from '../arrays.js';

/** The kinds of line parseSdp makes (an unknown kind wrote "undefined": audit of the change). */
const LINE_KINDS: ReadonlySet<string> = /* @__PURE__ */ new Set(['field', 'origin', 'connection', 'bandwidth', 'timing', 'media', 'attribute', 'other-attribute', 'invalid']);

/**
 * Writes a description from its `lines` (session, then each m-section). For a parsed
 * description this is the exact text that was read, line endings included. A line written from
 * fields (edited, or spelled canonically) must read back as itself: a value of the wrong shape
 * or holding a line feed is INVALID_ARGUMENT, naming the line.
 */
export function writeSdp(description: SessionDescription): string {
  requireObject(description, 'writeSdp: the description', 'lines', 'media', 'eol');
  // What is written, checked first: lines of the wrong kind wrote "undefined" lines and a number
  // for a line ending ran lines together, silently (audit of the change).
  const linesOk = (lines: unknown) => Array.isArray(lines) && lines.every((l) => l !== null && typeof l === 'object' && LINE_KINDS.has((l as { kind?: unknown }).kind as string) && ((l as { eol?: unknown }).eol === undefined || typeof (l as { eol?: unknown }).eol === 'string'));
  if (typeof description.eol !== 'string' || !linesOk(description.lines) || !Array.isArray(description.media) || !description.media.every((m) => m !== null && typeof m === 'object' && linesOk((m as { lines?: unknown }).lines))) {
    throw new SdpscopeError('INVALID_ARGUMENT', 'writeSdp: the description is not one parseSdp makes: its eol must be a string, its lines and each m-section\'s lines arrays of line objects of a kind parseSdp makes');
  }
  return readingModels('writeSdp', [description], ['the description'], () => writeModel(description));
}

function writeModel(description: SessionDescription): string {
  const all: SdpLine[] = [...description.lines];
  for (const m of description.media) pushAll(all, m.lines);
  let out = description.bom ? '\uFEFF' : '';
  for (let i = 0; i < all.length; i++) {
    const node = all[i]!;
    const text = writeLine(node);
    // As read: nothing to check (a parsed line keeps its text while its fields are unchanged).
    if ((node.verbatim === undefined || text !== node.verbatim.text) && !writesAsRead(node, text)) {
      const attribute = node.kind === 'attribute' || node.kind === 'other-attribute';
      const what = attribute ? `its a=${String(node.name)} value gives` : `its ${node.kind} fields give`;
      const why = text.includes('\n') ? 'which holds a line feed (more lines)' : attribute ? 'which does not read back as that line (a field missing or of the wrong type?)' : 'from a field missing or not of its type (the model\'s SdpLine says which)';
      throw new SdpscopeError('INVALID_ARGUMENT', `writeSdp: line ${i + 1} does not write as SDP: ${what} ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}, ${why}`);
    }
    out += text;
    if (i < all.length - 1 || description.finalEol) out += node.eol ?? description.eol;
    // A last line cut after its CR keeps it (parseSdp: `eol: "\r"` without a final line ending).
    else if (node.eol === '\r') out += '\r';
  }
  return out;
}
