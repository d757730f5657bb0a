import { Readable } from 'node:stream';
import { collectingSink } from '../../src/input/read.js';
import type { InputReport } from '../../src/input/types.js';
import { scanStream } from '../../src/node/stream.js';

/**
 * What the stream reader (the CLI's) finds in `text`, fed in chunks of `chunk` bytes (whole when
 * omitted), so that a test holds it to the whole-text reader's readInput.
 */
export async function streamed(text: string, chunk?: number): Promise<InputReport> {
  const sink = collectingSink();
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  if (chunk === undefined) chunks.push(bytes);
  else for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  await scanStream(Readable.from(chunks), sink);
  return sink.report;
}
