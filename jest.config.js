// One jest run for the whole repository (the README's `npm test`). Path aliases mirror tsconfig.json.
const aliases = {
  '^@integrator/engine$': '<rootDir>/libs/engine/src',
  '^@integrator/engine/(.*)$': '<rootDir>/libs/engine/src/$1',
  '^@integrator/sdk$': '<rootDir>/libs/sdk/src',
  '^@integrator/apps$': '<rootDir>/libs/apps/index.ts',
  '^@integrator/apps/(.*)$': '<rootDir>/libs/apps/$1/src',
  '^@integrator/persistence$': '<rootDir>/libs/persistence/src',
};

// Every run uses one time zone that is not UTC and has summer time, so code that silently assumes
// UTC (or the machine's zone) fails here rather than on a user's laptop. Workers inherit it.
process.env.TZ = 'Europe/Amsterdam';

// Suites that only exist with real PostgreSQL and Redis (CI sets both and fails without them).
const distributedOnly = [
  '<rootDir>/test/e2e/crash-recovery.e2e-spec.ts',
  '<rootDir>/test/e2e/shared-state.e2e-spec.ts', // several processes: PostgreSQL (and Redis)
];
const haveServices = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
if (!haveServices)
  console.warn(
    'Distributed-mode suites skipped: DATABASE_URL and REDIS_URL are not both set (CI sets them).',
  );

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/global-setup.js',
  projects: [
    {
      displayName: 'server',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts', '<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: [
        '/node_modules/',
        '/dist/',
        '<rootDir>/apps/web/',
        ...(haveServices ? [] : distributedOnly),
      ],
      transform: {
        '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
        // ESM-only dependencies (Node loads them with require(esm); jest needs them as CommonJS).
        '/node_modules/(content-disposition|marked)/.+\\.js$': [
          'ts-jest',
          { tsconfig: '<rootDir>/tsconfig.jest-js.json', diagnostics: false },
        ],
      },
      transformIgnorePatterns: ['/node_modules/(?!content-disposition/|marked/)'],
      moduleNameMapper: aliases,
    },
    {
      displayName: 'web',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      setupFilesAfterEnv: ['<rootDir>/apps/web/test/setup.ts'],
      testMatch: ['<rootDir>/apps/web/**/*.spec.ts', '<rootDir>/apps/web/**/*.spec.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/web/e2e/'],
      transform: {
        '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/apps/web/tsconfig.jest.json', diagnostics: false }],
      },
      moduleNameMapper: { ...aliases, '\\.(css|svg)$': '<rootDir>/apps/web/test/style-stub.js' },
    },
  ],
};
