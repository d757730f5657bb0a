/** writeSdp: SessionDescription → text, walking its lines. */
import { requireObject, SdpscopeError } from '../errors.js';
import { parsedTextOf, readingModels } from '../model-guard.js';
import { verbatimReadsAs, writeLine, writesAsRead } from './line.js';
import type { SdpLine, SessionDescription } from './model.js';
import { pushAll } from '../arrays.js';

/** The line endings parseSdp keeps: the description's, and a line's own (a last line cut after its CR keeps "\r"). */
const DESCRIPTION_ENDINGS: ReadonlySet<unknown> = /* @__PURE__ */ new Set(['\r\n', '\n']);
const LINE_ENDINGS: ReadonlySet<unknown> = /* @__PURE__ */ new Set(['\r\n', '\n', '\r']);

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
  // A line ending is one of SDP's (library audit: eol " " wrote the whole description on one line).
  const linesOk = (lines: unknown) => Array.isArray(lines) && lines.every((l) => l !== null && typeof l === 'object' && LINE_KINDS.has((l as { kind?: unknown }).kind as string) && ((l as { eol?: unknown }).eol === undefined || LINE_ENDINGS.has((l as { eol?: unknown }).eol as string)));
  if (!DESCRIPTION_ENDINGS.has(description.eol) || !linesOk(description.lines) || !Array.isArray(description.media) || !description.media.every((m) => m !== null && typeof m === 'object' && linesOk((m as { lines?: unknown }).lines))) {
    throw new SdpscopeError('INVALID_ARGUMENT', 'writeSdp: the description is not one parseSdp makes: its eol must be "\\r\\n" or "\\n" (a line\'s own eol one of those or "\\r"), its lines and each m-section\'s lines arrays of line objects of a kind parseSdp makes');
  }
  // Flags of the wrong type wrote what their truthiness said (library audit: bom "false" wrote a BOM).
  for (const flag of ['bom', 'finalEol'] as const) {
    const v: unknown = description[flag];
    if (v !== undefined && typeof v !== 'boolean') throw new SdpscopeError('INVALID_ARGUMENT', `writeSdp: the description's ${flag} must be true or false, got ${JSON.stringify(v) ?? typeof v}`);
  }
  return readingModels('writeSdp', [description], ['the description'], () => writeModel(description));
}

/** The lines of a text as parseSdp splits it (at LF, a CR before it cut). */
function linesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const l of text.split('\n')) out.add(l.endsWith('\r') ? l.slice(0, -1) : l);
  return out;
}

function writeModel(description: SessionDescription): string {
  const all: SdpLine[] = [...description.lines];
  for (const m of description.media) pushAll(all, m.lines);
  let out = description.bom ? '\uFEFF' : '';
  // The text parseSdp read it from, line by line beside what is written: a line that writes as it
  // was read needs no check; one edited in place, added, or of a description built or revived
  // from JSON is read again (library audit: an edited port of 99999 and a mid holding a blank were
  // written, reading back as other lines).
  // A line moved (one added or removed before it) is found among the lines read, looked up once
  // a line is not where it was (audit of the change: every line after an added one was read
  // again, and odd ones parseSdp reads, "a=sendrecv " with its blank, refused).
  const read = parsedTextOf(description);
  let readLines: Set<string> | null = null;
  let at = 0;
  for (let i = 0; i < all.length; i++) {
    const node = all[i]!;
    const text = writeLine(node);
    // Its own spelling is written: trusted only as read (a verbatim text edited, or of a revived
    // model, is read again: library audit, a line injected through it was written unchecked).
    const spelled = node.verbatim !== undefined && text === node.verbatim.text;
    let asRead = false;
    if (read !== undefined) {
      // The line read at this place (the place moves on either way), else anywhere among them.
      let here = false;
      if (at <= read.length) {
        const nl = read.indexOf('\n', at);
        const end = nl < 0 ? read.length : nl;
        const stop = end > at && read.charCodeAt(end - 1) === 13 ? end - 1 : end;
        here = stop - at === text.length && read.startsWith(text, at);
        at = end + 1;
      }
      // An invalid line is not found among the lines read by its text (audit of the change: one of
      // "a=mid:0" or "v=0" added to an m-section was written, a line of the text elsewhere).
      asRead ||= here || (node.kind !== 'invalid' && (readLines ??= linesOf(read)).has(text));
    }
    if (!asRead && !(spelled ? verbatimReadsAs(node, text) : writesAsRead(node, text))) {
      const attribute = node.kind === 'attribute' || node.kind === 'other-attribute';
      const what = attribute ? `its a=${String(node.name)} value gives` : `its ${node.kind} fields give`;
      const shown = String(text);
      const why = typeof text !== 'string' ? `which is ${typeof text}, not text` : text.includes('\n') ? 'which holds a line feed (more lines)' : text.includes('\r') ? 'which holds a carriage return (a line break)' : spelled ? 'its own spelling (verbatim.text), which does not read back as its fields' : attribute ? 'which does not read back as that line (a field missing, of the wrong type, out of its range or holding a blank?)' : node.kind === 'invalid' ? 'an invalid line\'s text that reads as another line' : 'from a field missing or not of its type (the model\'s SdpLine says which)';
      throw new SdpscopeError('INVALID_ARGUMENT', `writeSdp: a line does not write as SDP: ${what} ${JSON.stringify(shown.length > 80 ? `${shown.slice(0, 80)}…` : shown)}, ${why}`, { line: i + 1 });
    }
    // A lone CR ends only a last line cut after it (parseSdp's `eol: "\r"`): before another line it
    // joins the two into one (library audit: "c=IN IP4 0.0.0.0\ra=mid:0" read back as one c= line).
    if (node.eol === '\r' && (i < all.length - 1 || description.finalEol)) {
      throw new SdpscopeError('INVALID_ARGUMENT', `writeSdp: a line has eol "\\r", which only the last line may have (a line cut after its CR, with no final line ending): before another line a lone CR joins them into one line`, { line: i + 1 });
    }
    out += text;
    if (i < all.length - 1 || description.finalEol) out += node.eol ?? description.eol;
    // A last line cut after its CR keeps it (parseSdp: `eol: "\r"` without a final line ending).
    else if (node.eol === '\r') out += '\r';
  }
  return out;
}
