import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'generated/**', '.build/**', 'web/dist/**', '.data/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
