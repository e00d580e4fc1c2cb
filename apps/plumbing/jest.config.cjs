module.exports = { ...require('../../jest.preset.js'), displayName: 'plumbing', rootDir: __dirname };
