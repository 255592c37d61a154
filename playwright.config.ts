/**
 * Browser tests in Debian's Chromium against the real server, started twice on fresh data
 * directories: an empty installation for the sign-up → invitation journey (with a platform admin
 * created beforehand, to read invitation links from the development outbox), and one seeded with the
 * demo. `npm run test:e2e`; the web app is built first.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the data directories and logs of the last few runs (for looking into a failure), not all. */
function pruneOldRuns(keep: number): void {
  const parent = path.resolve('.tmp');
  if (!fs.existsSync(parent)) return;
  const runs = fs
    .readdirSync(parent)
    .filter((name) => /^e2e-\d+$/.test(name))
    .sort((a, b) => Number(b.slice(4)) - Number(a.slice(4)));
  for (const name of runs.slice(keep)) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
}

// The config is evaluated by the runner and again by every worker; the runner decides, workers inherit
// the environment, so all agree on ports and directories.
if (!process.env.E2E_RUN_DIR) {
  pruneOldRuns(2);
  process.env.E2E_RUN_DIR = path.resolve(`.tmp/e2e-${Date.now()}`);
}
process.env.E2E_JOURNEY_PORT ??= String(await freePort());
process.env.E2E_DEMO_PORT ??= String(await freePort());
process.env.E2E_ADMIN_EMAIL ??= 'e2e.platform.admin@secondchair.test';
process.env.E2E_ADMIN_PASSWORD ??= 'e2e-platform-admin-passphrase';

const runDir = process.env.E2E_RUN_DIR;
const journeyUrl = `http://localhost:${process.env.E2E_JOURNEY_PORT}`;
const demoUrl = `http://localhost:${process.env.E2E_DEMO_PORT}`;
process.env.E2E_JOURNEY_URL = journeyUrl;
process.env.E2E_DEMO_URL = demoUrl;
process.env.E2E_DEMO_LOG = path.join(runDir, 'demo.log');

const serverEnv = (name: string, port: string, url: string) => ({
  NODE_ENV: 'production',
  PORT: port,
  HOST: '127.0.0.1',
  PUBLIC_URL: url,
  DATA_DIR: path.join(runDir, name),
  E2E_LOG_FILE: path.join(runDir, `${name}.log`),
  LOG_LEVEL: 'warn',
  // The journey signs up and in several times from one address.
  AUTH_RATE_LIMIT_MAX: '200',
});

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    ...devices['Desktop Chrome'],
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
  projects: [
    { name: 'journey', testMatch: /(journey|programs|self-match)\.spec\.ts$/, use: { baseURL: journeyUrl } },
    { name: 'demo', testMatch: /(demo|screens)\.spec\.ts$/, use: { baseURL: demoUrl } },
  ],
  webServer: [
    {
      // Builds the web app once, for both servers (Playwright starts them one after the other).
      command: 'npm run build:web --silent && node tests/e2e/support/serve.mjs',
      url: `${journeyUrl}/api/health`,
      env: {
        ...serverEnv('journey', process.env.E2E_JOURNEY_PORT, journeyUrl),
        SEED_DEMO: 'false',
        E2E_SEED_SELF_MATCH: '1',
        E2E_ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL,
        E2E_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
      },
      reuseExistingServer: false,
      timeout: 240_000,
      stdout: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
    {
      command: 'node tests/e2e/support/serve.mjs',
      url: `${demoUrl}/api/health`,
      env: {
        ...serverEnv('demo', process.env.E2E_DEMO_PORT, demoUrl),
        SEED_DEMO: 'true',
        E2E_ADMIN_EMAIL: '',
      },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
});
