// npm run test:e2e — starts the real server on a fresh embedded database with the demo data (or on
// DATABASE_URL when set), then runs the browser journeys in test/e2e against it.
//
// The journeys wait on a browser and a server most of the time, so the whole suite is split into parts
// (E2E_PARTS, default 2; 1 when files are named or DATABASE_URL is set), each with its own server, database,
// port and store of two-step secrets. Files keep their alphabetical order within a part, so a journey still
// runs after the ones it ran after before, and it never sees what a journey of another part did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/support/free-port.ts';
import { demoServerEnv, waitUntilReady } from '../test/support/server-process.ts';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error('Chromium is missing: install it with `apt-get install chromium` (.ci/run does this).');
  process.exit(1);
}

const named = process.argv.slice(2);
const files = named.length > 0 ? named : fs.globSync('test/e2e/**/*.test.ts').sort();
const parts = Math.max(1, Math.min(files.length, named.length > 0 || process.env.DATABASE_URL ? 1 : Number(process.env.E2E_PARTS ?? 2) || 1));
// The same password for every part's server, so journeys read one (the demo people share the second).
const passwords = {
  DEMO_ADMIN_PASSWORD: process.env.DEMO_ADMIN_PASSWORD ?? `e2e-${randomBytes(9).toString('base64url')}`,
  DEMO_PEOPLE_PASSWORD: process.env.DEMO_PEOPLE_PASSWORD ?? `e2e-${randomBytes(9).toString('base64url')}`,
};
// E2E_READY_SECONDS gives a loaded machine more time to create the demo database (default 180 s).
const readyWithin = Number(process.env.E2E_READY_SECONDS ?? 180);

/**
 * Splits the files into `count` parts of about equal size (a file's length stands for its time), each file going
 * in turn to the lightest part so far: every part keeps the files' order.
 */
function splitFiles(list: string[], count: number, weight: (file: string) => number): string[][] {
  const split = Array.from({ length: count }, () => ({ files: [] as string[], total: 0 }));
  for (const file of list) {
    const lightest = split.reduce((a, b) => (b.total < a.total ? b : a));
    lightest.files.push(file);
    lightest.total += weight(file);
  }
  return split.map((part) => part.files).filter((part) => part.length > 0);
}

interface Server {
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...demoServerEnv({ port, dataDir }),
    // The journeys read the emails (confirmation links) from here; the outbox never shows a secret.
    MAIL_DROP_DIR: path.join(dataDir, 'mail'),
    PUBLIC_URL: baseUrl,
    // The demo people (<role>@coproduce.example) share one password, so journeys can act in each role.
    ...passwords,
  };
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let serverOutput = '';
  server.stdout.on('data', (chunk) => (serverOutput += chunk));
  const kill = () => {
    if (server.exitCode === null) server.kill('SIGTERM');
  };
  process.on('exit', kill);
  const stop = async () => {
    kill();
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.on('exit', resolve)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(baseUrl, { child: server, seconds: readyWithin, output: () => serverOutput });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, env, dataDir, stop };
}

// The spec reporter, and at the end the time each journey file took (to see where a run's time goes).
const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=./scripts/durations-reporter.ts', '--test-reporter-destination=stdout'];

/** Runs one part's files against its own server; with several parts, its output is kept and printed whole at the end. */
async function runPart(partFiles: string[], index: number): Promise<number> {
  const label = parts > 1 ? `Part ${index + 1} of ${parts}` : 'Browser journeys';
  let server: Server;
  try {
    server = await startServer();
  } catch (error) {
    console.error(`${label}: ${(error as Error).message}`);
    return 1;
  }
  const engine = server.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  const header = `${label}: server ready at ${server.baseUrl} (${engine}); ${partFiles.length} files: ${partFiles.map((f) => path.basename(f, '.test.ts')).join(', ')}.`;
  console.log(parts > 1 ? `${header} Its output follows when it ends.` : header);
  const runner = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=120000', ...reporters, ...partFiles], {
    env: { ...server.env, BASE_URL: server.baseUrl, NODE_ENV: 'test', E2E_STATE_DIR: path.join(server.dataDir, 'e2e-state') },
    stdio: parts > 1 ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  const output: Buffer[] = [];
  runner.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
  runner.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
  const code: number = await new Promise((resolve) => runner.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  await server.stop();
  if (parts > 1) {
    console.log(`\n== ${label} (exit ${code})`);
    process.stdout.write(Buffer.concat(output));
  }
  return code;
}

const split = splitFiles(files, parts, (file) => fs.statSync(file).size);
const codes = await Promise.all(split.map((partFiles, index) => runPart(partFiles, index)));
process.exit(codes.find((code) => code !== 0) ?? 0);
