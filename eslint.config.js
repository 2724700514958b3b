// Lint: the recommended rules of ESLint and typescript-eslint, with a few project habits.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.cache/', 'test-results/', 'bench/results/', 'migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Every CSV export goes through the platform's writer, which neutralises formulas.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['src/platform/csv/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'csv-stringify/sync', message: 'Use writeCsv from src/platform/csv/csv.ts.' }, { name: 'csv-stringify', message: 'Use writeCsv from src/platform/csv/csv.ts.' }] }] },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
