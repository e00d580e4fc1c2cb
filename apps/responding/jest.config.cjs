module.exports = { ...require('../../jest.preset.js'), displayName: 'responding', rootDir: __dirname };
