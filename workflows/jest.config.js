module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'workflows',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts'],
};
