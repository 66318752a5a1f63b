'use strict';
/*
 * Jest's order (failed first, then the longest first, from the durations in its cache), with an
 * estimate for a file the cache has no duration of. Without one, Jest runs such files first,
 * by file size: on a fresh checkout (CI) the six suites that take over a minute each ran
 * wherever their size put them, and the last of them kept one core busy alone at the end.
 */
const Sequencer = require('@jest/test-sequencer').default;
const { relative } = require('node:path');

/** Seconds, measured alone on the 2-core machine (PGlite); the longest suites only. */
const KNOWN_SECONDS = {
  'test/e2e/hostile-routes.test.ts': 103,
  'test/browser/journeys.test.ts': 89,
  'test/e2e/access-matrix.test.ts': 84,
  'test/browser/main-pages.test.ts': 77,
  'test/e2e/framework-cli.test.ts': 74,
  'test/e2e/cli.test.ts': 67,
};

/** The rest by tier: a browser file starts Chromium and the app, an e2e file the app, a spec nothing. */
const TIER_SECONDS = { browser: 30, e2e: 15, db: 12, service: 12, unit: 2 };

class LongestFirstSequencer extends Sequencer {
  time(test) {
    const cached = super.time(test);
    if (cached != null) return cached;
    const file = relative(test.context.config.rootDir, test.path);
    const tier = test.context.config.displayName?.name;
    return 1000 * (KNOWN_SECONDS[file] ?? TIER_SECONDS[tier] ?? 5);
  }
}

module.exports = LongestFirstSequencer;
