/**
 * Jest on native ESM (NestJS 12 is ESM-only), TypeScript compiled by swc with decorator metadata
 * (TypeORM and Nest DI need it). Type-checking is `tsc --noEmit`, run first by `npm test`.
 * @type {import('jest').Config}
 */
const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    experimental: { keepImportAttributes: true },
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    // Its ESM build imports JSON without an import attribute, which Jest warns about on every file.
    '^libphonenumber-js/max$': '<rootDir>/node_modules/libphonenumber-js/max/index.cjs',
    '^@nongsan/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  // Browser tests need Chromium: they run in `npm run test:browser` (jest.browser.config.js) only.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  globalSetup: '<rootDir>/test/harness/global-setup.mjs',
  globalTeardown: '<rootDir>/test/harness/global-teardown.mjs',
  // Generous: CI machines are shared and a loaded one is slow; a hang still ends, just later.
  testTimeout: 180_000,
  maxWorkers: 2,
};
