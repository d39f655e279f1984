// Settings shared by `npm test` (jest.config.js) and `npm run test:services`.
const { join } = require('node:path');
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('../tsconfig.json');

const rootDir = join(__dirname, '..');

/** @type {import('jest').Config} */
module.exports = {
  rootDir,
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
  setupFilesAfterEnv: ['<rootDir>/test/support/quiet-nest-logger.ts'],
  testTimeout: 30_000,
};
