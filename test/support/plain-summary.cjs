/**
 * A jest reporter that ends the run with one plain line, "Tests: N passed, N failed, N skipped",
 * the closing line CI reads in any language. It is written on stderr once jest's own summary
 * (also on stderr) is out, so it is the last line of the run.
 */
class PlainSummary {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `Tests: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = PlainSummary;
