/**
 * What `sdpscope/node` and `sdpscope/lab` resolve to outside Node.js (the exports map's `default`
 * condition): the same names, each throwing NODE_ONLY when used, so that importing them is
 * harmless and using them says why it cannot work. Browser-safe.
 */
import { SdpscopeError } from './errors.js';

function fail(entry: string, name: string): never {
  throw new SdpscopeError('NODE_ONLY', `${name} (sdpscope/${entry}) needs Node.js: files, sockets and processes are not available here; in a browser, import "sdpscope"`);
}

/** A function that throws NODE_ONLY when called. */
export function nodeOnlyFunction(entry: string, name: string): (...args: unknown[]) => never {
  return () => fail(entry, name);
}

/** For what returns a promise under Node: a function whose promise rejects with NODE_ONLY. */
export function nodeOnlyAsync(entry: string, name: string): (...args: unknown[]) => Promise<never> {
  return () => Promise.reject(new SdpscopeError('NODE_ONLY', `${name} (sdpscope/${entry}) needs Node.js: files, sockets and processes are not available here; in a browser, import "sdpscope"`));
}

/** A value whose every property read throws NODE_ONLY. */
export function nodeOnlyValue(entry: string, name: string): never {
  return new Proxy({}, { get: () => fail(entry, name), has: () => fail(entry, name), ownKeys: () => fail(entry, name) }) as never;
}
