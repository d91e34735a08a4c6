// One jest run for the whole repository (the README's `npm test`). Path aliases mirror tsconfig.json.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts', '<rootDir>/{apps,libs,test}/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
  moduleNameMapper: {
    '^@integrator/engine$': '<rootDir>/libs/engine/src',
    '^@integrator/sdk$': '<rootDir>/libs/sdk/src',
    '^@integrator/apps$': '<rootDir>/libs/apps/index.ts',
    '^@integrator/apps/(.*)$': '<rootDir>/libs/apps/$1/src',
    '^@integrator/persistence$': '<rootDir>/libs/persistence/src',
  },
  testTimeout: 30000,
};
