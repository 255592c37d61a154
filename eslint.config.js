// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Dependencies point inwards (STYLE.md): core imports no I/O; contracts import only core and zod. */
const IO_MODULES = [
  { group: ['node:*'], message: 'src/core is pure: no node:* modules (pass what you need in).' },
  {
    group: ['**/db/**', '**/http/**', '**/app/**', '**/cli/**', '**/jobs/**', '**/runtime*', '**/config*'],
    message: 'src/core must not depend on outer layers.',
  },
  {
    group: [
      'pg',
      'pg-boss',
      '@electric-sql/*',
      'drizzle-orm',
      'drizzle-orm/*',
      'fastify',
      'fastify*',
      '@fastify/*',
      'nodemailer',
      'better-auth',
      'better-auth/*',
      'pino',
    ],
    message: 'src/core does no I/O.',
  },
];
const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'crypto',
  'url',
  'worker_threads',
  'stream',
  'zlib',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'coverage',
      '.tmp',
      'src/db/migrations',
      'test-results',
      'playwright-report',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: IO_MODULES,
          paths: NODE_BUILTINS.map((name) => ({ name, message: 'src/core is pure.' })),
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core must not read process (env, argv, time).' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'src/core takes a clock or a date; no Date.now().' },
        { object: 'performance', property: 'now', message: 'src/core does not measure time.' },
      ],
    },
  },
  {
    files: ['src/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                '**/db/**',
                '**/http/**',
                '**/app/**',
                '**/cli/**',
                '**/jobs/**',
                '**/runtime*',
              ],
              message: 'contracts depend only on zod and core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                '**/src/db/**',
                '**/src/http/**',
                '**/src/app/**',
                '**/src/cli/**',
                '**/src/jobs/**',
                '**/src/runtime*',
              ],
              message: 'web talks to the server only through src/contracts and the API.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/**', '**/cli/**', 'fastify', '@fastify/*'],
              message: 'use cases do not know about HTTP or the CLI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', '**/*.test.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
