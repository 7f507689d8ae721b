// Lint rules that keep the architecture honest (see README "Layout"):
// - a subpackage (src/packages/<name>) imports only src/shared, src/lowcode and types/, never another
//   subpackage or the main package's pages: cross-package imports break at run time in mini-programs;
// - src/shared never imports features; the client never imports the server and vice versa;
// - no browser globals on mini-program code paths (only *.h5.ts(x) files may touch them).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync, existsSync } from 'node:fs';

const subpackages = existsSync('src/packages')
  ? readdirSync('src/packages', { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
  : [];

const boundaryZones = [
  // each subpackage may not reach into any other subpackage
  ...subpackages.map((name) => ({
    target: `./src/packages/${name}`,
    from: './src/packages',
    except: [`./${name}`],
    message: '子包之间不能互相引用：共享代码放到 src/shared 或 src/lowcode。',
  })),
  {
    target: './src/packages',
    from: './src/pages',
    message: '子包不能引用主包页面（小程序运行时跨包引用会失败）。',
  },
  {
    target: './src/pages',
    from: './src/packages',
    message: '主包通过 URL 打开子包，不能 import 子包代码。',
  },
  {
    target: ['./src/shared', './src/lowcode'],
    from: ['./src/pages', './src/packages'],
    message: 'shared / lowcode 不能依赖具体功能。',
  },
  { target: './src', from: ['./server', './mocks'], message: '客户端不能引用服务端代码。' },
  // the micro-app core (no Taro, no React) is the one piece both sides run
  { target: './server', from: './src', except: ['./lowcode/core'], message: '服务端不能引用客户端代码。' },
  { target: './types', from: ['./src', './server', './mocks'], message: 'types/ 是双方共享的契约，不能依赖任何一方。' },
];

const browserOnlyGlobals = ['window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location'].map(
  (name) => ({ name, message: '小程序没有浏览器全局对象：把平台差异放进 *.h5.ts 文件。' }),
);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      '.taro-cache/**',
      '.swc/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': {
        typescript: { project: ['tsconfig.json', 'server/tsconfig.json'] },
        node: true,
      },
    },
    rules: {
      'import/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import/no-cycle': ['error', { maxDepth: 10 }],
      'import/no-duplicates': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.h5.{ts,tsx}', 'src/**/__tests__/**', 'src/**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-globals': ['error', ...browserOnlyGlobals] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // client code: the server's contract may be imported for types only (nothing of TypeBox is bundled)
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@sinclair/typebox', message: '客户端只能以 import type 引用契约。', allowTypeImports: true },
          ],
          patterns: [
            {
              group: ['**/types/api'],
              message: '客户端只能以 import type 引用 types/api（避免把 TypeBox 打进小程序包）。',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}', 'config/**', 'scripts/**', 'tests/**', 'e2e/**', 'server/**', 'mocks/**'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/__tests__/**', '**/*.test.{ts,tsx}', 'tests/**'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
);
