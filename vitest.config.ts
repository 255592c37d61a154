import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects, so a core test does not wait for a database: `unit` needs none, `db` (use cases,
 * jobs: `*.db.test.ts`) and `api` (the server, CLI, email and data tests under tests/) start from the
 * template database that tests/global-setup.ts migrates once per run, and only when one of them runs.
 * `npm test` runs all three; `npm run test:unit` (`--project unit`) is the fast loop.
 */
const DATABASE_SETUP = ['tests/global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.ts',
            'web/**/*.test.ts',
            'bench/**/*.test.ts',
            'tests/support/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, 'src/**/*.db.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'db', include: ['src/**/*.db.test.ts'], globalSetup: DATABASE_SETUP },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'tests/e2e/**', 'tests/support/**'],
          globalSetup: DATABASE_SETUP,
        },
      },
    ],
  },
});
