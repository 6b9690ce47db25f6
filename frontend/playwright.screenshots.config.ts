import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from './playwright.config';

// `npm run screenshots`: starts the packaged jar (../target/mockupaws.jar) on a fresh data directory, fills it with
// demo scenarios and backdated traffic, and writes docs/screenshots/*.png. Needs psql (postgresql-client).
const port = Number(process.env.SHOTS_PORT ?? 18_790);
process.env.SHOTS_PORT = String(port);
process.env.SHOTS_DATA_DIR ??= join(tmpdir(), 'mockupaws-screenshots');
process.env.SHOTS_ADMIN_EMAIL ??= 'dana@northwind.example';
process.env.SHOTS_ADMIN_PASSWORD ??= 'a long demo passphrase 7';

export default defineConfig({
  testDir: './e2e',
  testMatch: ['screenshots.spec.ts'],
  timeout: 300_000,
  expect: { timeout: 20_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    // SHOTS_BASE_URL: a dev server (vite preview) in front of that server, to iterate on the design
    baseURL: process.env.SHOTS_BASE_URL ?? `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: chromiumLaunch,
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
  },
  webServer: {
    command: 'node scripts/screenshot-server.mjs',
    url: `http://127.0.0.1:${port + 1}/`,
    timeout: 240_000,
    // SHOTS_REUSE=1: take them again from a server already started with scripts/screenshot-server.mjs
    reuseExistingServer: !!process.env.SHOTS_REUSE,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { ...(process.env as Record<string, string>) },
  },
});
