// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layerConfigs } from './eslint.layers.js';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y-x';

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
  // The README's Layout table, enforced: see eslint.layers.js (test/lint/layers.test.ts plants wrong imports).
  ...layerConfigs,
  // The counter UI: hooks called unconditionally, effects and callbacks listing what they read.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'console/**/*.ts', 'console/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  // …and usable without a mouse and by a screen reader: names, labels, roles, focus (the strict
  // set of eslint-plugin-jsx-a11y-x, the maintained fork of jsx-a11y, which has no ESLint 10 release).
  {
    ...jsxA11y.configs.strict,
    files: ['renderer/**/*.tsx', 'console/**/*.tsx'],
    rules: {
      ...jsxA11y.configs.strict.rules,
      // Off in the preset; on here: every button and link has a name a screen reader can say.
      'jsx-a11y-x/control-has-associated-label': ['error', jsxA11y.configs.strict.rules['jsx-a11y-x/control-has-associated-label'][1]],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
);
