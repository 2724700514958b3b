// npm run test:e2e — starts the real server on a fresh embedded database with the demo data (or on
// DATABASE_URL when set), then runs the browser journeys in test/e2e against it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/support/free-port.ts';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error('Chromium is missing: install it with `apt-get install chromium` (.ci/run does this).');
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-e2e-'));
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  // The journeys act on the demo data, which production loads only when asked by name.
  SEED_DEMO: 'true',
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  // The journeys read the emails (confirmation links) from here; the outbox never shows a secret.
  MAIL_DROP_DIR: path.join(dataDir, 'mail'),
  PUBLIC_URL: baseUrl,
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '100000',
  DEMO_ADMIN_PASSWORD: process.env.DEMO_ADMIN_PASSWORD ?? `e2e-${randomBytes(9).toString('base64url')}`,
  // The demo people (<role>@coproduce.example) share this one, so journeys can act in each role.
  DEMO_PEOPLE_PASSWORD: process.env.DEMO_PEOPLE_PASSWORD ?? `e2e-${randomBytes(9).toString('base64url')}`,
};

const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let serverOutput = '';
server.stdout.on('data', (chunk) => (serverOutput += chunk));
const stopServer = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', stopServer);

// E2E_READY_SECONDS gives a loaded machine more time to create the demo database (default 180 s).
const readyWithin = Number(process.env.E2E_READY_SECONDS ?? 180);
const deadline = Date.now() + readyWithin * 1000;
for (;;) {
  if (server.exitCode !== null) {
    console.error(`The server stopped before it was ready:\n${serverOutput}`);
    process.exit(1);
  }
  try {
    const response = await fetch(`${baseUrl}/readyz`);
    if (response.ok) break;
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    console.error(`The server was not ready within ${readyWithin} s:\n${serverOutput}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
console.log(`Server ready at ${baseUrl} (${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}).`);

const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test/e2e/**/*.test.ts'];
// The spec reporter, and at the end the time each journey file took (to see where a run's time goes).
const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=./scripts/durations-reporter.ts', '--test-reporter-destination=stdout'];
const runner = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=120000', ...reporters, ...files], {
  env: { ...env, BASE_URL: baseUrl, NODE_ENV: 'test', E2E_STATE_DIR: path.join(dataDir, 'e2e-state') },
  stdio: 'inherit',
});
const code: number = await new Promise((resolve) => runner.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
stopServer();
await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.on('exit', resolve)));
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(code);
