// Client unit tests: components and modules under src/, rendered in jsdom against Taro's H5
// implementation (the same code the H5 build ships).

// babel-preset-taro reads TARO_ENV while jest loads the babel config, before any setup file runs.
process.env.TARO_ENV = 'h5'

/** ESM-only packages (and their nested folders) that babel-jest must compile for jest's CJS runtime. */
const esmPackages = [
  '@tarojs',
  '@nutui',
  '@stencil',
  'swiper',
  'lodash-es',
  '@babel/runtime/helpers/esm',
  '@swc/helpers',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'ssr-window',
  'dom7',
  'classnames',
  'nanoid',
]

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'client',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/__tests__/**/*.test.{ts,tsx}', '<rootDir>/src/**/*.test.{ts,tsx}'],
  transform: {
    '^.+\\.(t|j|mj|cj)sx?$': ['babel-jest', { configFile: require.resolve('./babel.config.js') }],
  },
  // Anything inside an @tarojs package is compiled too: some ship ESM copies of their own
  // dependencies in nested node_modules (tslib under @tarojs/components/lib/react).
  transformIgnorePatterns: [`^(?!.*/node_modules/@tarojs/).*/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/tests/setup/taro-with-test-hooks.js',
    '^@tarojs/components$': '@tarojs/components/lib/react',
    // Taro's build swaps in index.<platform>.ts; the tests run as H5. (Import the adapter through
    // this alias everywhere, relative paths to it would reach the type-only index.ts.)
    '^@/shared/platform$': '<rootDir>/src/shared/platform/index.h5.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@contract/(.*)$': '<rootDir>/types/$1',
    '\\.(css|scss|sass)$': '<rootDir>/tests/setup/style-stub.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/tests/setup/file-stub.js',
  },
  setupFiles: ['<rootDir>/tests/setup/taro-globals.js'],
  setupFilesAfterEnv: ['<rootDir>/tests/setup/client-after-env.ts'],
  clearMocks: true,
  restoreMocks: true,
}
