// Server and demo-campus suites: the real app against a fresh database per test file
// (SQLite always; PostgreSQL as well when TEST_DATABASE_URL is set).
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'server',
  rootDir: path.resolve(__dirname, '..'),
  testEnvironment: 'node',
  testMatch: ['<rootDir>/server/**/*.test.ts', '<rootDir>/mocks/**/*.test.ts'],
  transform: {
    '^.+\\.(ts|js)$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // light-my-request (behind app.inject) requires cookie@2, which is ESM-only. Node 20.19+
  // loads it through require(esm); jest's module loader cannot, so it is compiled to CJS here.
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // seeding + scrypt for the demo accounts take a moment per file on 2 cores; set in a setup file
  // because `testTimeout` is not a per-project option when the root config runs this as a project
  setupFilesAfterEnv: ['<rootDir>/server/src/test/jest-timeout.ts'],
};
