const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'form-schema',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  // @rjsf/utils (used by the client-validator parity tests) imports the ESM-only @x0k/json-schema-merge.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|load-esm|uid|@electric-sql|@x0k)/)'],
};
