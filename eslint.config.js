// @ts-check
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import architecture from './scripts/eslint-architecture.js'

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'migrations/**', '**/.tmp/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    // process.env is read in exactly one module (STYLE.md, Conventions 5); build scripts and tests
    // are outside the running application.
    files: ['server/src/**/*.ts', 'shared/src/**/*.ts'],
    ignores: ['server/src/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through server/src/config.ts' }],
    },
  },
  {
    // The house rules of docs/architecture.md: modules meet through index.ts, queries live in
    // repositories, raw results are typed by db/raw.ts and never forced with `as unknown as`.
    files: ['server/src/**/*.ts'],
    plugins: { huxin: architecture },
    rules: {
      'huxin/module-boundaries': 'error',
      'huxin/queries-in-repositories': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression[expression.type='TSAsExpression'][expression.typeAnnotation.type='TSUnknownKeyword'][expression.expression.type='AwaitExpression']",
          message: 'A query result is typed by rawRows/rawRow (db/raw.ts), not forced with `as unknown as`',
        },
      ],
    },
  },
  {
    // shared/ goes into the mini-program bundle: no Node built-ins, no server packages.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'crypto', 'pg', 'drizzle-orm*', 'fastify*', '@fastify/*', '@electric-sql/*', '@tarojs/*', 'react', 'react-dom', 'leaflet'], message: 'shared/ must stay free of Node, DOM, database and server dependencies' }] }],
      'no-restricted-globals': ['error', ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'process', 'Buffer', 'require', '__dirname', '__filename'].map((name) => ({ name, message: 'shared/ runs in the mini-program and on the server alike: no Node or DOM globals' }))],
    },
  },
  {
    files: ['miniprogram/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.cjs', 'miniprogram/babel.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
