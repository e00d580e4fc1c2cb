module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'workspace',
  rootDir: __dirname,
  // The scratch-workspace tests run real Nx, eslint, jest and cdk in a copy of the repository.
  testTimeout: 600_000,
};
