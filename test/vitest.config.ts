import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

// `*.postgres.test.ts`: concurrency tests, meaningful only where requests really overlap (PGlite runs one statement
// at a time, so they could not fail there).
const integration = (name: string, exclude: string[] = []) => ({
  extends: true as const,
  test: {
    name,
    include: ['test/integration/**/*.test.ts'],
    exclude,
    globalSetup: ['test/support/global-database.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  root,
  resolve: { alias: { '~': fileURLToPath(new URL('../app', import.meta.url)) } },
  test: {
    setupFiles: ['test/support/fail-on-console-error.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      integration('integration:pglite', ['test/integration/**/*.postgres.test.ts']),
      // The same integration tests again on the PostgreSQL server, when one is named.
      ...(process.env.TEST_DATABASE_URL ? [integration('integration:postgres')] : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
