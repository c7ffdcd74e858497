// The dependency directions of ARCHITECTURE.md, enforced: a violation fails `npm test`.
import tseslint from 'typescript-eslint';

import { builtinModules } from 'node:module';

// Bare built-in names are matched exactly (as `paths`), so a local './http' stays allowed.
const builtinPaths = (message) => builtinModules.map((name) => ({ name, message }));
const nodeBuiltins = ['node:*'];
const restrict = (patterns, paths = []) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }],
});
const group = (globs, message, allowTypeImports = false) => ({ group: globs, message, allowTypeImports });

export default tseslint.config(
  { ignores: ['node_modules/**', 'generated/**', '.build/**', '.data/**', 'web/dist/**', 'dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration in the entry point (main.ts) through its zod schema.' }],
    },
  },
  {
    files: ['**/main.ts', 'scripts/**', 'tests/**', '**/*.test.ts', '*.config.ts', '*.config.js', 'web/vite.config.ts', 'bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([
      group(['**/platform/**', '**/activities/**', '**/workflows/**', '**/api/**', '**/workers/**', '**/web/**', '**/generated/**'], 'domain imports nothing internal.'),
      group([...nodeBuiltins, '@prisma/*', 'pg', '@temporalio/*'], 'domain is pure: no I/O, no SDKs.'),
    ], builtinPaths('domain is pure: no I/O.')),
  },
  {
    files: ['workflows/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      ...restrict([
        group(['**/activities/**'], 'Workflows import activities only as `import type`.', true),
        group(['**/platform/**', '**/api/**', '**/workers/**', '**/web/**', '**/generated/**', '**/scripts/**'], 'Workflows import only domain, their own messages and activity types.'),
        group([...nodeBuiltins, '@prisma/*', 'pg', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], 'Workflow code runs in the deterministic sandbox: no Node built-ins, Prisma or I/O SDKs.'),
      ], builtinPaths('Workflow code runs in the deterministic sandbox: no Node built-ins.')),
      'no-restricted-globals': ['error', { name: 'process', message: 'No process or process.env in workflows: pass values in the workflow input.' }],
    },
  },
  {
    files: ['activities/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([group(['**/api/**', '**/workers/**', '**/workflows/**', '**/web/**', '**/scripts/**'], 'Activities import domain, platform, Prisma and SDKs; dependencies arrive through the factory.')]),
  },
  {
    files: ['api/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: restrict([
      group(['**/activities/**', '**/workers/**', '**/web/**', '**/scripts/**'], 'The api never runs activities or workers itself.'),
      { regex: 'workflows/src/(?!.*/messages$)', message: 'The api imports workflow types and messages.ts only.', allowTypeImports: true },
    ]),
  },
  {
    files: ['web/src/**/*.ts', 'web/src/**/*.tsx'],
    rules: restrict([group(['**/platform/**', '**/activities/**', '**/workflows/**', '**/api/**', '**/workers/**', '**/generated/**', '**/scripts/**', ...nodeBuiltins], 'The web client talks to the api over HTTP and imports only domain.')], builtinPaths('The web client runs in the browser.')),
  },
);
