import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

type BuildTarget = 'weapp' | 'dd' | 'h5'

const projectRoot = path.resolve(__dirname, '..')

/**
 * H5 is served by the campus server itself, so it talks to its own origin; a mini-program has no
 * origin and needs an absolute address (the real one comes from `TARO_APP_API_BASE`, in CI or a
 * `.env.production` file).
 */
const DEFAULT_API_BASE: Record<BuildTarget, string> = {
  h5: '',
  weapp: 'http://localhost:8080',
  dd: 'http://localhost:8080',
}

function currentTarget(): BuildTarget {
  const env = process.env.TARO_ENV
  return env === 'weapp' || env === 'dd' || env === 'h5' ? env : 'h5'
}

/** NutUI measures its styles at 375 px; our own styles and Taro's use the default 750. */
function designWidth(input?: unknown): number {
  const file = (input as { file?: string } | undefined)?.file ?? ''
  return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
}

// The shared contract lives outside src/; Taro compiles only src/ unless told otherwise.
const compile = { include: [path.resolve(projectRoot, 'types')] }

export default defineConfig<'webpack5'>(async (merge) => {
  const target = currentTarget()
  const apiBase = process.env.TARO_APP_API_BASE ?? DEFAULT_API_BASE[target]

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhihui-xiaoyuan',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${target}`,
    plugins: ['@tarojs/plugin-http', '@tarojs/plugin-platform-alipay-dd'],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
      // DingTalk 免登 codes are issued per organisation; the default is the DingTalk stand-in's.
      TARO_APP_DD_CORP_ID: JSON.stringify(process.env.TARO_APP_DD_CORP_ID || 'ding-demo-corp'),
    },
    alias: {
      '@': path.resolve(projectRoot, 'src'),
      '@contract': path.resolve(projectRoot, 'types'),
      // See the file: lodash's global lookup falls back to Function('return this')().
      'lodash.kebabcase$': path.resolve(projectRoot, 'src/shared/compat/kebab-case.ts'),
    },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      // Prebundling only speeds up watch builds; the toolchain verified here (TOOLCHAIN.md) runs
      // without it, and the dd platform plugin patches its options when it is on.
      prebundle: { enable: false },
    },
    // Persistent cache makes mini rebuilds ~4 s instead of ~18 s; H5 is built once per release.
    cache: {
      enable: target !== 'h5',
      buildDependencies: {
        config: [
          path.resolve(projectRoot, 'config/index.ts'),
          path.resolve(projectRoot, 'config/dev.ts'),
          path.resolve(projectRoot, 'config/prod.ts'),
          path.resolve(projectRoot, 'babel.config.js'),
        ],
        files: [
          path.resolve(projectRoot, 'src/app.config.ts'),
          path.resolve(projectRoot, 'src/packages/manifest.ts'),
        ],
      },
    },
    mini: {
      // Modules used only by one subpackage move into that subpackage instead of vendors.js.
      optimizeMainPackage: { enable: true },
      compile,
      // NutUI components import their CSS in whatever order pages use them; the order is irrelevant
      // because every rule is scoped by its component class.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // The campus server serves dist/h5 with an SPA fallback, so real paths work.
      router: { mode: 'browser' },
      compile,
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        // Taro splits only initial chunks on H5, so every page chunk carried its own copy of axios,
        // NutUI Button and the shared blocks; splitting async chunks too lets pages share them
        // (minSize keeps tiny modules inline instead of costing a request each).
        chain.optimization.merge({ splitChunks: { chunks: 'all', minSize: 10_000 } })
        // webpack's hint counts raw bytes incl. CSS; tests/size budgets the gzip JS users download.
        chain.performance.hints(false)
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
