// `npm run test:services`: the e2e suites again, once against MariaDB + Redis and
// once against PostgreSQL + Redis (URLs from TEST_MYSQL_URL, TEST_POSTGRES_URL,
// TEST_REDIS_URL; defaults are the local services). Each suite creates and drops
// its own uniquely named database. Suites named *.services-spec.ts only run here.
const base = require('./jest.base');

const project = (target) => ({
  ...base,
  displayName: target,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/test/**/*.services-spec.ts'],
  setupFiles: [`<rootDir>/test/support/target-${target}.js`],
});

/** @type {import('jest').Config} */
module.exports = {
  projects: [project('mariadb'), project('postgres')],
  testTimeout: 60_000,
};
