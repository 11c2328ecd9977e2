import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in the OS's headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH) against a real stack that
 * global-setup starts with `./tangle dev` (temp TANGLE_HOME, free port base) and stops by its pid. Set
 * TANGLE_E2E_URL to run against a stack that is already up instead. Playwright gives each browser a fresh
 * temporary profile (its --user-data-dir).
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/output',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL: process.env.TANGLE_E2E_URL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 860 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
});
