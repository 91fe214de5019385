import { defineConfig, devices } from '@playwright/test';

/** Ports of the demo server under test, away from the 8080 a developer may be running. */
export const PORT = Number(process.env.E2E_PORT ?? 8190);
export const ASSETS_PORT = PORT + 1;
/** Bearer token of /api/v1/stats and /staff on the server under test. */
export const STAFF_TOKEN = 'e2e-staff-token-not-secret';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'off',
    locale: 'vi-VN',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--disable-gpu', '--disable-quic'],
        },
      },
    },
  ],
  webServer: {
    command: 'node --import tsx demo/server/main.ts',
    url: `http://127.0.0.1:${PORT}/api/v1/health`,
    // The API's data folder: Playwright empties test-results/ when a run starts, so each run begins with a
    // fresh, seeded database; one folder per port, so runs on other ports never share it. Tests that check
    // indicators compare the page with what the API reports at that moment, not with fixed numbers.
    // RATE_LIMIT: far above what one test run sends, so the limit never decides a test.
    env: {
      PORT: String(PORT),
      ASSETS_PORT: String(ASSETS_PORT),
      HOST: '127.0.0.1',
      DATA_DIR: `test-results/data-${PORT}`,
      RATE_LIMIT: '100000',
      STAFF_TOKEN,
    },
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
  },
});
