// Reliability suite: several real API processes (the built dist/apps/api/main.js) on a real
// PostgreSQL server, killed and restarted. Needs `npm run build:api` and DATABASE_URL; skipped without it.
const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'reliability',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testTimeout: 300000,
  maxWorkers: 1,
};
