/**
 * Shared Jest preset for every project. Each project's `jest.config.cjs` spreads it.
 *
 * Why @swc/jest: it transpiles TypeScript without type-checking (that is the
 * `typecheck` target's job), which measured about as fast as ts-jest's
 * transpile-only mode and several times faster than type-checking ts-jest.
 */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/cdk.out/'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  setupFiles: [require.resolve('./tools/scripts/jest-setup.cjs')],
  clearMocks: true,
  restoreMocks: true,
};
