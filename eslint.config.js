import { readdirSync } from 'node:fs';
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

// Web features do not import each other (bulletproof-react's import/no-restricted-paths zones, here
// with no-restricted-imports): what two features share moves to src/web/components/ui or
// src/web/lib, or a page of src/web/app/routes composes them. A relative import that climbs out of
// a feature to a folder named after another feature is refused; new feature folders are read here.
const webFeatures = readdirSync(new URL('./src/web/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const otherFeatures = (feature) => ({
  regex: `^(\\.\\./)+((web/)?features/)?(${webFeatures.filter((f) => f !== feature).join('|')})/`,
  message: 'Features do not import each other: move the shared piece to src/web/components/ui or src/web/lib, or compose the features in src/web/app/routes.',
});
const noApp = { regex: '^(\\.\\./)+app/', message: 'Features do not import the app; the pages in src/web/app/routes compose features.' };
const sharedWebOnly = {
  regex: '^(\\.\\./)+(features|app)/',
  message: 'Shared web code (components/ui, lib, i18n) imports no feature and no page.',
};

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
  // One-way web (bulletproof-react): app → features → components/ui, lib, i18n.
  {
    files: ['src/web/{components,lib,i18n}/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': restrict(noServer, database, sharedWebOnly) },
  },
  ...webFeatures.map((feature) => ({
    files: [`src/web/features/${feature}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': restrict(noServer, database, noApp, otherFeatures(feature)) },
  })),
  {
    // Contract tests: the web's own request descriptors sent to the real server (app.inject).
    files: ['src/web/**/*.int.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
