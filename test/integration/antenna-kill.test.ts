// An acknowledged receipt is never lost: the real server (npm start) takes a burst of reports, is
// killed with SIGKILL in the middle of it, is started again, and every receipt it had answered opens
// its report. On PGlite (npm test) and on PostgreSQL (npm run test:pg).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port.ts';
import { demoServerEnv, waitUntilReady } from '../support/server-process.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { submitReports } from '../../src/contexts/antenna/intake.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antenna-kill-'));
const cleanups: (() => Promise<void>)[] = [async () => fs.rmSync(dataDir, { recursive: true, force: true })];
after(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function databaseUrl(): Promise<string> {
  const pgUrl = process.env.COPRODUCE_TEST_PG_URL;
  if (!pgUrl) return '';
  const name = `coproduce_kill_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: pgUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** npm start in its own process group, so SIGKILL reaches npm, tsx and node alike. */
async function start(env: NodeJS.ProcessEnv, baseUrl: string): Promise<ChildProcess> {
  const child = spawn('npm', ['start'], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  cleanups.push(async () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  await waitUntilReady(baseUrl, { child, seconds: 100, output: () => output, everyMs: 250 });
  return child;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** Opens a report with its receipt through the public pages, as a person would. */
async function opens(baseUrl: string, receipt: string): Promise<boolean> {
  const form = await fetch(`${baseUrl}/en/t/barcelona/antenna/follow`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const csrfCookie = cookiesOf(form);
  const signIn = await fetch(`${baseUrl}/en/t/barcelona/antenna/follow`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, receipt }).toString(),
  });
  if (signIn.status !== 303) return false;
  const page = await fetch(`${baseUrl}${signIn.headers.get('location')}`, { headers: { cookie: `${csrfCookie}; ${cookiesOf(signIn)}` } });
  // The reporter's own case page: its status and the form to write to the case handlers.
  return page.status === 200 && (await page.text()).includes('/antenna/follow/message');
}

test('every receipt shown before a SIGKILL mid-burst opens its report after a restart', { timeout: 240_000 }, async () => {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The demo data: this test needs Barcelona's antenna.
  const env: NodeJS.ProcessEnv = { ...demoServerEnv({ port, dataDir }), DATABASE_URL: await databaseUrl() };
  const first = await start(env, baseUrl);
  let killed = false;
  let acknowledged = 0;
  const burst = await submitReports({
    baseUrl,
    slug: 'barcelona',
    count: 40,
    concurrency: 6,
    onReceipt: () => {
      acknowledged++;
      if (!killed && acknowledged >= 8) {
        killed = true;
        process.kill(-first.pid!, 'SIGKILL');
      }
    },
  });
  assert.ok(killed, 'the server was killed during the burst');
  assert.ok(burst.receipts.length >= 8, `${burst.receipts.length} receipts were acknowledged`);
  assert.ok(burst.failures > 0, 'some submissions failed because the server died');
  await new Promise((resolve) => (first.exitCode !== null || first.signalCode !== null ? resolve(null) : first.on('exit', resolve)));

  const second = await start(env, baseUrl);
  const missing: string[] = [];
  for (const receipt of burst.receipts) if (!(await opens(baseUrl, receipt))) missing.push(receipt);
  assert.deepEqual(missing, [], 'every acknowledged receipt opens its report');
  assert.equal(await opens(baseUrl, '9999 9999 9999 9999'), false, 'a receipt that was never given opens nothing');
  process.kill(-second.pid!, 'SIGTERM');
  await new Promise((resolve) => second.on('exit', resolve));
});
