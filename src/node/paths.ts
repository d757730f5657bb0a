/**
 * Where the package's own files are, whether this module runs from dist/src (the library), from a
 * bundled command in dist/bin, or from its TypeScript source (under the tests): the package root
 * is the nearest folder above with sdpscope's package.json. The relay's log worker, the pages and
 * the command-line programs always run from the build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SdpscopeError } from '../errors.js';

function findRoot(from: string): { root: string; version: string } | null {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'sdpscope') return { root: dir, version: pkg.version ?? '0.0.0' };
    }
    if (dirname(dir) === dir) return null;
  }
}

/**
 * Null when this module was bundled into someone's app (an SSR build of `startRelay`): no
 * package around it. That is said where a file of the package is needed (library audit: the
 * bundle threw at load, before any code of the app ran).
 */
// A CommonJS bundle has no import.meta.url (esbuild leaves import.meta empty): no package around it either (library audit: fileURLToPath(undefined) threw at load).
const moduleUrl: unknown = import.meta.url;
const found = typeof moduleUrl === 'string' && moduleUrl.startsWith('file:') ? findRoot(fileURLToPath(moduleUrl)) : null;

/**
 * The package's folder; throws PACKAGE_FILES_MISSING when sdpscope runs from a bundle, for `what`
 * needs its own files (the relay's log worker, the pages).
 */
export function packageRoot(what: string): string {
  if (found === null) throw new SdpscopeError('PACKAGE_FILES_MISSING', `${what} needs sdpscope's own files, and this copy of sdpscope was bundled into another file: keep sdpscope out of the bundle (esbuild --external:sdpscope, Vite ssr.external: ['sdpscope'])`);
  return found.root;
}

/** The package's folder, or "" in a bundle (where the commands and pages do not run). */
export const PACKAGE_ROOT = found?.root ?? '';
/** The version in package.json (what `--version` prints). */
export const PACKAGE_VERSION = found?.version ?? '0.0.0';
export const DIST = join(PACKAGE_ROOT, 'dist');
/** The command-line programs (esbuild bundles, scripts/build-bins.js). */
export const BUILT_CLI = join(DIST, 'bin/sdpscope.js');
export const BUILT_SDP_DIFF = join(DIST, 'bin/sdp-diff.js');
/** The call page and the inspector (built by scripts/build-page.js). */
export const PAGE_DIR = join(DIST, 'page');
