/**
 * The relay's HTTP side: request targets read defensively (a target that does not parse is a
 * 400, never an exception), the token check, refusals written on a raw upgrade socket, and the
 * pages (the call page at /, the inspector at /inspect).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';

export interface RequestTarget {
  readonly path: string;
  readonly query: URLSearchParams;
}

/**
 * The path and query of a request in origin-form ("/x?y"), or null when it is not one or does not
 * parse ("//[", "http://[::1", "*"): those get a 400.
 */
export function requestTarget(req: IncomingMessage): RequestTarget | null {
  const raw = req.url ?? '/';
  if (!raw.startsWith('/')) return null;
  try {
    // A bad percent escape ("%ZZ", a lone "%", bytes that are no UTF-8: "%FF") is no target: 400
    // (relay/client audit: "?room=%ZZ" had joined a room named "%ZZ").
    decodeURIComponent(raw);
    // A fixed origin in front: "//host" stays a path instead of becoming an authority.
    const url = new URL(`http://relay.invalid${raw}`);
    return { path: url.pathname, query: url.searchParams };
  } catch {
    return null;
  }
}

/** The token a client presents: `?token=`, else `Authorization: Bearer …`; null when none. */
export function tokenOf(req: IncomingMessage, target: RequestTarget): string | null {
  const q = target.query.get('token');
  if (q !== null) return q;
  const auth = req.headers.authorization;
  // The scheme name is case-insensitive (RFC 9110 §11.1): "bearer x" was refused (relay audit).
  // One blank or more after it (RFC 9110 §11.4: 1*SP): "Bearer  x" had kept a blank in the token (relay audit).
  const m = auth === undefined ? null : /^bearer[ \t]+(.*)$/is.exec(auth);
  return m === null ? null : m[1]!.trimEnd();
}

/** The challenge a 401 carries (RFC 9110 §15.5.2 requires one; RFC 6750 §3's form: relay audit). */
export const CHALLENGE = 'Bearer realm="sdpscope relay"';

/** Refuses an upgrade on its raw socket with an HTTP status, and closes it. */
export function refuse(socket: Duplex, status: number, reason: string): void {
  const challenge = status === 401 ? `WWW-Authenticate: ${CHALLENGE}\r\n` : '';
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${challenge}Content-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
  socket.destroy();
}

const PAGE_FILES: Readonly<Record<string, readonly [string, string]>> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/call.js': ['call.js', 'text/javascript; charset=utf-8'],
  '/inspect': ['inspect.html', 'text/html; charset=utf-8'],
  '/inspect.js': ['inspect.js', 'text/javascript; charset=utf-8'],
};
/** The inspector page (its data comes from /feed, also behind the token): behind the token when one is set. */
const PROTECTED = new Set(['/inspect']);

export interface PageOptions {
  readonly pageDir: string | undefined;
  readonly feed: boolean;
  readonly token: string | undefined;
}

/** Answers a plain HTTP request: a page, or 400 / 401 / 404 / 405 / 426 (a plain GET of /feed). */
export function servePage(req: IncomingMessage, res: ServerResponse, o: PageOptions): void {
  const target = requestTarget(req);
  if (!target) {
    res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request target\n');
    return;
  }
  // Pages are read, not written: POST / and DELETE /inspect got the page (relay audit).
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { 'content-type': 'text/plain', allow: 'GET, HEAD' }).end('method not allowed\n');
    return;
  }
  // The feed is a WebSocket: a plain GET of it is told so (426, RFC 9110 §15.5.22), not "not found".
  if (target.path === '/feed' && o.feed && (o.token === undefined || sameSecret(tokenOf(req, target), o.token))) {
    res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket', connection: 'Upgrade' }).end('the feed is a WebSocket: connect with ws:// (sdpscope client ws://…/feed, or the inspector page)\n');
    return;
  }
  // Without the token, the feed is unauthorized (401, as its WebSocket is), not "not found" (relay audit).
  if (target.path === '/feed' && o.feed) {
    res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': CHALLENGE }).end('Unauthorized\n');
    return;
  }
  // A liveness check for supervisors and load balancers (operator audit: only GET / answered 200,
  // and not when the pages are not built): no token needed, nothing said but that it serves.
  if (target.path === '/healthz') {
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' }).end('ok\n');
    return;
  }
  const file = PAGE_FILES[target.path];
  if (PROTECTED.has(target.path) && (!o.feed || (o.token !== undefined && !sameSecret(tokenOf(req, target), o.token)))) {
    // Said how to open it (relay audit: a bare "Unauthorized", and the page's own words on a missing token never shown).
    res.writeHead(o.feed ? 401 : 404, { 'content-type': 'text/plain', ...(o.feed ? { 'www-authenticate': CHALLENGE } : {}) }).end(o.feed ? 'Unauthorized: the inspector is behind the relay\'s --token; open it as /inspect?token=<the token>\n' : 'not found\n');
    return;
  }
  if (!file || !o.pageDir) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    return;
  }
  try {
    const body = readFileSync(join(o.pageDir, file[0]));
    // Not framed by another site, not sniffed as another type, no referrer with the token in it (operator audit).
    res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'content-security-policy': "frame-ancestors 'none'", 'referrer-policy': 'no-referrer' }).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('page not built\n');
  }
}

/**
 * Compares a presented secret with the expected one in constant time: both hashed to the same
 * length (timingSafeEqual needs it), so neither where they differ nor their lengths show.
 */
export function sameSecret(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
