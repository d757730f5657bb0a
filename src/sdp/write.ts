/** writeSdp: SessionDescription → text, walking its lines. */
import { requireObject } from '../errors.js';
import { readingModels } from '../model-guard.js';
import { writeLine } from './line.js';
import type { SdpLine, SessionDescription } from './model.js';
import { pushAll } from '../arrays.js';

/**
 * Writes a description from its `lines` (session, then each m-section). For a parsed
 * description this is the exact text that was read, line endings included.
 */
export function writeSdp(description: SessionDescription): string {
  requireObject(description, 'writeSdp: the description', 'lines', 'media', 'eol');
  return readingModels('writeSdp', [description], ['the description'], () => writeModel(description));
}

function writeModel(description: SessionDescription): string {
  const all: SdpLine[] = [...description.lines];
  for (const m of description.media) pushAll(all, m.lines);
  let out = description.bom ? '\uFEFF' : '';
  for (let i = 0; i < all.length; i++) {
    const node = all[i]!;
    out += writeLine(node);
    if (i < all.length - 1 || description.finalEol) out += node.eol ?? description.eol;
    // A last line cut after its CR keeps it (parseSdp: `eol: "\r"` without a final line ending).
    else if (node.eol === '\r') out += '\r';
  }
  return out;
}
