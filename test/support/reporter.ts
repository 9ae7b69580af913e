// Mocha's spec reporter, plus a stats file (GGML_TEST_STATS) that `npm test` adds up across the test tiers.
import { writeFileSync } from 'node:fs';
import * as Mocha from 'mocha';

class StatsReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env['GGML_TEST_STATS'];
      const s = runner.stats;
      if (file && s) writeFileSync(file, JSON.stringify({ passes: s.passes, failures: s.failures, pending: s.pending, tests: s.tests }));
    });
  }
}

export = StatsReporter;
