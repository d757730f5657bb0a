/**
 * A stream's chunk as a Buffer, for the Node readers (files.ts, stream.ts). Internal: its
 * declaration names Buffer, which sdpscope/node's public declarations do not need.
 */
import { SdpscopeError } from '../errors.js';

/** Anything but bytes or text is INVALID_ARGUMENT, `fn` named (an object-mode stream had been Node's raw TypeError: library audit). */
export function toBuffer(c: Uint8Array | string, fn: string): Buffer {
  if (typeof c === 'string') return Buffer.from(c, 'utf8');
  if (Buffer.isBuffer(c)) return c;
  if (c instanceof Uint8Array) return Buffer.from(c.buffer, c.byteOffset, c.byteLength);
  // Other typed arrays and views are named: their bytes are no UTF-8 text (a Uint16Array of char codes).
  const view = ArrayBuffer.isView(c) ? `a ${(c as object).constructor?.name ?? 'typed array'} (give its bytes as a Uint8Array or Buffer)` : null;
  const what = c === null ? 'null' : view ?? (Array.isArray(c) ? 'an array' : (c as unknown) instanceof ArrayBuffer ? 'an ArrayBuffer (wrap it: new Uint8Array(buffer))' : typeof c);
  throw new SdpscopeError('INVALID_ARGUMENT', `${fn}: the stream gave a chunk that is ${what}, not bytes or text: give it the raw stream (a file's, stdin's), not an object-mode stream of parsed values`);
}
