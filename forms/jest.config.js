module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'forms',
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.spec.ts'],
  // @rjsf/utils (behind the client validator) imports the ESM-only @x0k/json-schema-merge.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|file-type|load-esm|uid|@electric-sql|@x0k)/)'],
};
