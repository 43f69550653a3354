import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'e2e/artifacts/**', 'db/migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'tsconfig.web.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      // One-way imports: web never reaches into the server, shared reaches into neither.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/web', from: './src/server', message: 'The web app must not import server code; put the contract in src/shared.' },
            { target: './src/shared', from: './src/server', message: 'src/shared must not import server code.' },
            { target: './src/shared', from: './src/web', message: 'src/shared must not import web code.' },
            { target: './src/server', from: './src/web', message: 'The server must not import web code.' },
          ],
        },
      ],
      // Only repositories touch the database (CONVENTIONS.md, habit 6).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['drizzle-orm/pg-core', 'drizzle-orm/node-postgres', 'drizzle-orm/pglite', 'pg', '@electric-sql/pglite'],
              message: 'Only *.repo.ts files and src/server/db may use the database drivers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.repo.ts', 'src/server/db/**', 'src/server/test/**', 'src/server/**/*.test.ts', 'e2e/**', 'bench/**', '*.config.ts', 'src/server/jobs/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
