import base from './jest.config.js';

/**
 * `npm run test:browser`: Debian's Chromium (playwright-core) against the built web app served by
 * the real API on its own embedded PostgreSQL — what `npm start` runs. Not part of `npm test`, so
 * that needs no browser.
 */
export default {
  ...base,
  testMatch: ['<rootDir>/test/browser/**/*.browser.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 1,
};
