// End-to-end tests: the local cloud started from the synthesized templates, in its own
// process, driven as X, Slack and the AWS CLI would drive it. Run by the `e2e` target
// (`npm test` runs it after `synth`).
module.exports = {
  ...require('../../../jest.preset.js'),
  displayName: 'local-cloud-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  testTimeout: 180_000,
  maxWorkers: 1,
};
