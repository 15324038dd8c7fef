// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeOnly = ['electron', 'better-sqlite3', 'react-dom', 'node:*', 'fs', 'path', 'os', 'crypto', 'child_process'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.jinka-demo/**', 'test-artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['**/*.ts', '**/*.tsx'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // shared/ is pure: it runs in the main process, the CLI, the hub and the renderer.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: nodeOnly.map((group) => ({ group: [group], message: 'shared/ must stay pure (no Node, Electron or DOM imports)' })) }],
    },
  },
  {
    // The terminal core and the counter's device drivers run under plain Node (CLI, tests, browser bridge): never electron.
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/hardware/**/*.ts', 'hub/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'the core must not import electron' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
