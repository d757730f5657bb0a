/**
 * Secrets out of signaling frames, for the relay's log, its feed and the pages: a copy of a frame
 * with a=ice-pwd values and the values of secret-looking keys replaced. The frame itself is never
 * changed (the relay forwards the bytes it received). Pure.
 */

import { requireText } from '../errors.js';

const SECRET_KEYS = /^(credential|password|passwd|pwd|secret|token|authorization|api[-_]?key)$/i;
const ICE_PWD = /(a=ice-pwd:)([^\r\n]*)/g;

/** A pwd of the same length that still reads as one (ice-chars), and says it was redacted. */
function redactedPwd(pwd: string): string {
  return 'REDACTED'.slice(0, pwd.length) + 'x'.repeat(Math.max(0, pwd.length - 8));
}

/**
 * A copy of `frame` with secrets replaced: a=ice-pwd values in SDP text (same length, still
 * ice-chars, so a redacted log still parses and negotiates), and the values of keys such as
 * credential, password, token. The frame itself is not changed.
 */
export function redactFrame(frame: unknown): unknown {
  return redact(frame, 0);
}

/** Deeper than this, a value is replaced whole: nothing in it can leak, and no stack runs out. */
const MAX_DEPTH = 64;

function redact(frame: unknown, depth: number): unknown {
  if (typeof frame === 'string') return frame.includes('a=ice-pwd:') ? frame.replace(ICE_PWD, (_m, k: string, v: string) => k + redactedPwd(v)) : frame;
  if (frame === null || typeof frame !== 'object') return frame;
  if (depth >= MAX_DEPTH) return '[redacted: nested too deep]';
  if (Array.isArray(frame)) return frame.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(frame)) out[k] = SECRET_KEYS.test(k) && (typeof v === 'string' || typeof v === 'number') ? '[redacted]' : redact(v, depth + 1);
  return out;
}

const SECRET_PAIRS = /("(?:credential|password|passwd|pwd|secret|token|authorization|api[-_]?key)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi;

/**
 * Secrets redacted in text that is not valid JSON (a frame the relay refused): ice-pwd values and
 * the values of "credential", "password"... keys, as far as they can be found in the text.
 */
export function redactText(text: string): string {
  requireText(text, 'redactText');
  return (redactFrame(text) as string).replace(SECRET_PAIRS, (_m, a: string, _v: string, b: string) => `${a}[redacted]${b}`);
}
