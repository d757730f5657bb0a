/**
 * An esbuild plugin: `debug` (which h264-profile-level-id logs through) bundled as loggers that
 * never print, for the bins and the pages: under DEBUG=* (or localStorage.debug in a browser) it
 * wrote a line per H.264 codec between sdpscope's own output. What it logs, sdpscope says itself
 * as diagnostics. The library (dist/src) is not bundled and leaves it to the user's DEBUG.
 */
export const silentDebug = {
  name: 'silent-debug',
  setup(build) {
    build.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'silent-debug' }));
    build.onLoad({ filter: /.*/, namespace: 'silent-debug' }, () => ({
      contents: 'function createDebug() {\n  const log = () => undefined;\n  log.enabled = false;\n  return log;\n}\ncreateDebug.default = createDebug;\nmodule.exports = createDebug;\n',
      loader: 'js',
    }));
  },
};
