// `npm test`: every project's unit and integration tests (the browser suite is `npm run test:e2e`).
module.exports = {
  projects: [
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/libs/*/jest.config.js',
    '<rootDir>/forms/jest.config.js',
    '<rootDir>/workflows/jest.config.js',
    '<rootDir>/tools/jest.config.js',
  ],
  // Global only (projects cannot set it): integration tests start a database and a server each.
  testTimeout: 120_000,
  reporters: ['default', '<rootDir>/tools/jest/summary-reporter.js'],
};
