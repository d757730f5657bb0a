/**
 * Where the built command-line programs are, whether this module runs from dist/ (installed,
 * or after `npm run build`) or from its TypeScript source (under ts-jest): the lab starts them
 * as separate processes, which always run the build.
 */
import { join } from 'node:path';

const root = __filename.endsWith('.ts') ? join(__dirname, '../../..') : join(__dirname, '../../../..');

export const BUILT_CLI = join(root, 'dist/cli/sdpscope.js');
export const BUILT_SDP_DIFF = join(root, 'dist/cli/sdp-diff.js');
