module.exports = { ...require('../../jest.preset.js'), displayName: 'local-cloud', rootDir: __dirname };
