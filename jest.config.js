/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // ESM-only packages (jose) and office-addin-mock's deps must be transformed to CommonJS for jest.
  // Also when nested (office-addin-manifest → @microsoft/app-manifest/node_modules/strip-bom).
  transformIgnorePatterns: ['/node_modules/(?!(strip-bom|uuid|jose)/)(?!.*/node_modules/(strip-bom|uuid|jose)/)'],
  collectCoverageFrom: ['functions/domain/**/*.ts'],
  coverageReporters: ['text-summary'],
  coverageThreshold: { './functions/domain/': { lines: 90 } },
};
