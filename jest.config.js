// `npm test`: unit specs beside the code and the e2e suites, all on the embedded
// default (SQLite files, in-memory cache and queues). Nothing needs to be running.
const base = require('./test/jest.base');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
  ],
};
