/**
 * A jest reporter that ends the run with one plain line, "Tests: N passed, N failed, N skipped",
 * the closing line CI reads in any language (on stderr, after jest's own summary there).
 */
class PlainSummary {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stderr.write(`Tests: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`);
  }
}
module.exports = PlainSummary;
