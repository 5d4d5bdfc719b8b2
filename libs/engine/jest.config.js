module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'engine',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
