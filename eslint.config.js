// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** Domain folders are pure: no DOM, Node, HTTP or storage imports (STYLE.md). */
const pureDomainFolders = ['card-id', 'rules', 'policy', 'schemas', 'errors', 'messages'].map(
  (dir) => `packages/core/src/${dir}/**/*.ts`,
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.cache/**',
      'test/fixtures/**',
      'examples/**/vendor/**',
      'examples/**/*.bundle.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Type-aware: a promise nobody awaits or catches is a lost failure (a usage the clerk thinks was saved).
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'packages/sandbox/**'],
    rules: {
      // The library never logs: card IDs must not reach the console (privacy rule).
      'no-console': 'error',
    },
  },
  {
    files: pureDomainFolders,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https'],
              message: 'Domain code is pure: no Node I/O.',
            },
            {
              group: ['ky', 'idb-keyval', 'lit', 'lit/*', '@zxing/*', '@ericblade/*'],
              message: 'Domain code is pure: no I/O libraries.',
            },
            {
              group: ['**/api/**', '**/outbox/**', '**/input/**'],
              message: 'Domain code must not depend on adapters.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'indexedDB',
        'fetch',
        'localStorage',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Domain code takes `now` as an argument.' },
      ],
    },
  },
  {
    // The shape is held by checks, not habits (issue 46): a file or function past these limits is split at its
    // seams. Thresholds fit the code as it is; the outliers below are the debt, listed so none is added silently.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-support.ts', '**/testing/**', '**/*.d.ts'],
    rules: {
      'max-lines': ['error', { max: 450, skipBlankLines: false, skipComments: false }],
      complexity: ['error', 40],
      'max-statements': ['error', 45],
      'max-depth': ['error', 5],
      'max-params': ['error', 6],
      'max-nested-callbacks': ['error', 3],
      // The source budget counts code lines (scripts/source-lines.mjs); these forbid buying lines with density.
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.type='ArrayPattern'][right.type='ArrayExpression']",
          message: 'One assignment per statement: a tuple assignment packs lines (scripts/source-lines.mjs).',
        },
        {
          selector: "VariableDeclarator[id.type='ArrayPattern'][init.type='ArrayExpression']",
          message:
            'One declaration per statement: a tuple declaration packs lines (scripts/source-lines.mjs).',
        },
      ],
      'no-sequences': ['error', { allowInParentheses: false }],
      'one-var': ['error', 'never'],
      '@typescript-eslint/no-unused-expressions': 'error',
    },
  },
  {
    files: [
      'packages/cli/src/run-import.ts',
      'packages/core/src/input/decode/code39-locator.ts',
      'packages/core/src/input/decode/pipeline.ts',
      'packages/core/src/input/wedge/evaluate-burst.ts',
      'packages/core/src/reports/import-sales-report.ts',
      'packages/core/src/reports/validate-row.ts',
      'packages/core/src/reports/xlsx-guard.ts',
      'packages/sandbox/src/cli.ts',
      'packages/sandbox/src/conformance/checks-venues.ts',
    ],
    // Their tuple assignments unpacked (one statement each, issue 64) took three functions past the old 45 and 65.
    rules: { complexity: ['error', 60], 'max-statements': ['error', 70] },
  },
  // An unrolled hash: its branches are the algorithm's rounds.
  { files: ['packages/core/src/sha256.ts'], rules: { complexity: 'off' } },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
