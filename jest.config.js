/**
 * Jest runs the tiers: unit specs beside the code, database tests, service tests (the app's
 * modules on a real database, no HTTP), end-to-end tests and browser tests.
 */
const transformer = '<rootDir>/test/support/jest-transform.js';

const common = {
  transform: { '^.+\\.(ts|js|mjs)$': transformer },
  // NestJS 12 packages are ES modules; they are converted to CommonJS for Jest on Node 20.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  // file-type publishes only 'import' and 'module-sync' entry points; Jest resolves 'require'.
  moduleNameMapper: { '^file-type$': '<rootDir>/node_modules/file-type/index.js' },
};

module.exports = {
  // Database and process tests start real servers; a 2-core CI machine needs the headroom.
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores: one worker on a 2-core machine, which
  // leaves a core idle while a test waits on its database or server process.
  maxWorkers: 2,
  // The longest files first, also on a fresh checkout where Jest has no durations yet.
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      rootDir: '<rootDir>',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'db',
      roots: ['<rootDir>/test/db'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'service',
      roots: ['<rootDir>/test/service'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      setupFilesAfterEnv: ['<rootDir>/test/support/fail-on-server-errors.ts'],
      roots: ['<rootDir>/test/e2e'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      setupFilesAfterEnv: ['<rootDir>/test/support/fail-on-server-errors.ts'],
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
