/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // A guard against a hung test, not a speed check: dynalite-backed tests take seconds on a busy 2-core machine,
  // and a test cut off at jest's default 5 s leaves its writes behind for the next one.
  testTimeout: 60_000,
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  // ESM-only packages (jose) and office-addin-mock's deps must be transformed to CommonJS for jest.
  // Also when nested (office-addin-manifest → @microsoft/app-manifest/node_modules/strip-bom).
  transformIgnorePatterns: ['/node_modules/(?!(strip-bom|uuid|jose)/)(?!.*/node_modules/(strip-bom|uuid|jose)/)'],
  collectCoverageFrom: ['functions/domain/**/*.ts'],
  coverageReporters: ['text-summary'],
  coverageThreshold: { './functions/domain/': { lines: 90 } },
};
