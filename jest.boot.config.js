// Tests of the built artefacts: boots dist/weapp and dist/dd in a fake mini-program host and
// checks bundle hygiene and size budgets. Build first: npx taro build --type weapp|dd|h5

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'boot',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/boot/**/*.test.ts', '<rootDir>/tests/size/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'],
      },
    ],
  },
  testTimeout: 30_000,
}
