module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'tools',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testTimeout: 120_000,
};
