import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.native/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The renderer reaches src-main only through the aliases: `@shared/…` for code, `@core/…` for types.
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src-main/**'],
              message: 'Import shared code as @shared/… (and core types as @core/…).',
            },
            {
              group: ['@core/*'],
              allowTypeImports: true,
              message: 'The renderer may import only types from the core (import type …).',
            },
            { group: ['@test-support/*'], message: 'Test support is for tests only.' },
          ],
        },
      ],
    },
  },
  {
    // shared/ runs in the renderer too: no Node built-ins, no database.
    files: ['src-main/shared/**/*.ts'],
    ignores: ['src-main/shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The core must not import electron.' },
            { name: 'knex', message: 'shared/ runs in the renderer: no database access here.' },
            { name: 'better-sqlite3', message: 'shared/ runs in the renderer: no database access here.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'shared/ runs in the renderer: no Node built-ins here.' },
            {
              group: ['**/core/**', '**/hosts/**'],
              message: 'shared/ must not depend on the core or hosts.',
            },
          ],
        },
      ],
    },
  },
  {
    // The core runs in Node without Electron (headless host, CLI, tests).
    files: ['src-main/core/**/*.ts', 'src-main/hosts/headless/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'The core must not import electron.' }] },
      ],
    },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.mjs', '.ci/**'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
