// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Frameworks the framework-free core must never import (DESIGN §4, the Temporal lesson).
const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'typeorm/*',
  'class-validator',
  'class-transformer',
  'react',
  'react-dom',
  '@xyflow/*',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'apps/web/dist/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['libs/engine/**/*.ts', 'libs/sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: FRAMEWORKS,
              message: 'libs/engine and libs/sdk stay framework-free: wire frameworks in apps/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The per-run path. On Node 20's V8 an object made by a leading spread and then given more
    // properties builds a new hidden class for each of them every time (about 0.6 µs apiece, and
    // those classes keep the run's data from dying young: docs/BENCHMARKS.md, "object spreads
    // on the per-run path").
    // Spread last (`{ k: v, ...a }`) or use Object.assign({}, a, { k: v }) on internal objects.
    files: [
      'libs/engine/src/runner/**/*.ts',
      'libs/engine/src/mapping/**/*.ts',
      'apps/api/src/executions/**/*.ts',
      'apps/api/src/webhooks/**/*.ts',
    ],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression[properties.length>1] > SpreadElement:first-child',
          message:
            'A leading spread followed by more properties is slow on Node 20 (new hidden classes per object): put the spread last or use Object.assign.',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  prettier,
);
