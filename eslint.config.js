import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Import boundaries (docs/ARCHITECTURE.md): web never imports the server, shared imports
// neither, the server never imports the web; only repositories and src/server/db reach the
// database drivers. ESLint replaces a rule's options per matching block instead of merging
// them, so each block below states the whole list that applies to its files.
const database = {
  group: ['drizzle-orm/pg-core', 'drizzle-orm/node-postgres', 'drizzle-orm/pglite', 'pg', '@electric-sql/pglite'],
  message: 'Only *.repo.ts files, src/server/db and tests may use the database drivers (CONVENTIONS.md, habit 6).',
};
const noServer = { group: ['**/server/**'], message: 'Import only src/shared from here; the server is off limits.' };
const noWeb = { group: ['**/web/**'], message: 'Do not import web code from here.' };
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'e2e/artifacts/**', 'db/migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  { files: ['src/server/**'], rules: { 'no-restricted-imports': restrict(noWeb, database) } },
  {
    files: ['src/server/**/*.repo.ts', 'src/server/db/**', 'src/server/test/**', 'src/server/**/*.test.ts', 'src/server/jobs/**'],
    rules: { 'no-restricted-imports': restrict(noWeb) },
  },
  { files: ['src/shared/**'], rules: { 'no-restricted-imports': restrict(noServer, noWeb, database) } },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-imports': restrict(noServer, database) },
  },
  {
    // Contract tests: the web's own request descriptors sent to the real server (app.inject).
    files: ['src/web/**/*.int.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
