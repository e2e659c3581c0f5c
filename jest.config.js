/** @type {import('jest').Config} */
const common = {
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // ESM-only dependency of @fastify/static: Node 20 can require() it, Jest's runtime cannot.
    '/node_modules/content-disposition/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: {
    '^@dure/(config|database|queue|common|membership|dispatch|billing|insurance|testing)$': '<rootDir>/libs/$1/src',
    '^@test/(.*)$': '<rootDir>/test/$1',
  },
  rootDir: __dirname,
  testTimeout: 30_000,
};

/**
 * `npm test` runs all four depths (unit, integration, e2e, browser). Integration and e2e files each get their own
 * database (cloned from a template the global setup migrates) and Redis prefix, so files
 * run in parallel and in any order.
 */
module.exports = {
  ...common,
  globalSetup: '<rootDir>/test/global-setup.ts',
  maxWorkers: 2,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    // The console in Debian's Chromium, against the real api and worker.
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'], testTimeout: 60_000 },
  ],
};
