// Web unit tests: jsdom, CSS imports stubbed; TS/TSX compiled by the shared swc preset.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'web',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx'],
  moduleNameMapper: {
    '\\.css$': '<rootDir>/src/test-support/style-stub.js',
    ...preset.moduleNameMapper,
  },
  setupFilesAfterEnv: ['<rootDir>/src/test-support/setup-tests.ts'],
};
