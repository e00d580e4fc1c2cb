module.exports = { ...require('../../jest.preset.js'), displayName: 'anti-corruption', rootDir: __dirname };
