/**
 * Where the package's own built files are, whether this module runs from dist/ (installed, or
 * after `npm run build`) or from its TypeScript source (under the tests): the relay's log worker,
 * the pages and the command-line programs always run from the build.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
/** src/node/paths.ts → the package root; dist/src/node/paths.js → the package root. */
export const PACKAGE_ROOT = here.endsWith('.ts') ? resolve(dirname(here), '../..') : resolve(dirname(here), '../../..');
export const DIST = join(PACKAGE_ROOT, 'dist');
export const BUILT_CLI = join(DIST, 'cli/sdpscope.js');
export const BUILT_SDP_DIFF = join(DIST, 'cli/sdp-diff.js');
/** The call page and the inspector (built by scripts/build-page.js). */
export const PAGE_DIR = join(DIST, 'page');
