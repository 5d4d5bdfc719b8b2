module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'iso42001',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
