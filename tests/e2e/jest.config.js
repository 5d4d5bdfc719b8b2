// End-to-end journeys: the built API (dist/apps/api/main.js) serving the built web app, driven
// through Debian's chromium with playwright-core. Build both first.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
