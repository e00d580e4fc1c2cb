module.exports = { ...require('../../jest.preset.js'), displayName: 'cdk', rootDir: __dirname };
