const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'form-designer',
  testEnvironment: 'jsdom',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.tsx'],
  setupFilesAfterEnv: ['<rootDir>/src/test/setup-tests.ts'],
  // @rjsf/utils requires a few ESM-only packages; let swc compile them to CommonJS too.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|load-esm|uid|@electric-sql|@x0k|markdown-to-jsx)/)',
  ],
  moduleNameMapper: { ...preset.moduleNameMapper, '\\.css$': '<rootDir>/src/test/style-stub.js' },
};
