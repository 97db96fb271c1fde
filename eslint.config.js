import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'public/build/', 'node_modules/', '.cache/', '.data/', 'test/.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // The command line and the server's start-up speak to the operator.
    files: ['scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Migrations run on Kysely<any>: they are frozen in time and know nothing of today's DB types.
    files: ['db/migrations/**', 'db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The domain is pure: no database, models, routes, React or server code.
    files: ['app/domain/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['~/*', '../*', 'react', 'kysely', '@remix-run/*', 'node:*'] }],
    },
  },
);
