// npm run scale:test — the scale-out topology on this machine, measured in one run:
// a PostgreSQL primary and a streaming replica (two clusters of their own, made with initdb in a temporary
// folder, on free ports), Redis (a database number of its own), three app instances (src/main.ts) behind nginx
// (a generated configuration, nginx run in the foreground by this script). Then:
//   1. throughput and p99 of a public page and a dynamic page with 1, 2 and 3 instances behind nginx;
//   2. which server answered the reads (statements counted on the primary and on the replica);
//   3. coherence: a session made on one instance works on the others, a rate limit counts across instances,
//      a cache invalidated by a write on one instance is seen on another;
//   4. one instance killed with SIGKILL under a write load: every acknowledged write is in the database,
//      GETs through nginx see no error;
//   5. a rolling restart (SIGTERM, drain, readiness, next) under load: errors counted;
//   6. a 100,000-row CSV export while the public page is loaded: its p99 with and without.
// Prints a table and writes bench/results/scale-<date>.json. Needs Debian's PostgreSQL 15 binaries
// (/usr/lib/postgresql/15/bin), nginx (/usr/sbin/nginx) and Redis (REDIS_URL, default redis://127.0.0.1:6379/7;
// that database is emptied). Options: --duration <s> (per measurement, default 6), --keep (leave the folder).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { Redis } from 'ioredis';
import { freePort } from '../test/support/free-port.ts';
import { waitUntilReady } from '../test/support/server-process.ts';
import { openDatabase } from '../src/platform/db/client.ts';
import { initialiseIfNew } from '../src/platform/db/seed.ts';
import { manifests } from '../src/app.ts';
import { findTerritory } from '../src/contexts/territories/territory.service.ts';
import { generateOrganisations } from '../src/contexts/agreement/organisations/organisation.generate.ts';
import { createSession, sessionCookie } from '../src/contexts/identity/identity.service.ts';
import { person } from '../src/contexts/identity/identity.schema.ts';
import { adhesion } from '../src/contexts/agreement/agreement.schema.ts';
import { hashPassword } from '../src/contexts/identity/password.ts';
import { Worker } from 'node:worker_threads';
import { sampleReport } from '../src/contexts/antenna/intake.ts';
import { serverNodeFlags } from '../bench/server.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '6' },
    keep: { type: 'boolean', default: false },
    organisations: { type: 'string', default: '100000' },
  },
});
const duration = Number(values.duration);
const exportRows = Number(values.organisations);
const pgBin = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const nginxBin = process.env.NGINX ?? '/usr/sbin/nginx';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/7';
const root = process.getuid?.() === 0;
const repo = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-scale-'));
fs.chmodSync(work, 0o755);
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ——— Processes this script starts, and stops at the end (and on failure) ———
const started: { name: string; stop: () => Promise<void> }[] = [];

/** Runs a PostgreSQL binary, as the postgres user when this script runs as root (PostgreSQL refuses root). */
function pgRun(binary: string, args: string[]) {
  const command = path.join(pgBin, binary);
  const result = root ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' }) : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${binary} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Logs and sockets of both clusters: a folder the postgres user owns. */
const pgRunDir = path.join(work, 'postgres');

async function startCluster(name: string, port: number, make: (dir: string) => void): Promise<string> {
  const dir = path.join(work, name);
  fs.mkdirSync(dir, { mode: 0o700 });
  fs.mkdirSync(pgRunDir, { recursive: true, mode: 0o755 });
  if (root) spawnSync('chown', ['postgres:postgres', dir, pgRunDir]);
  make(dir);
  const settings = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${pgRunDir}'`,
    'max_connections = 200',
    'shared_buffers = 128MB',
    'wal_level = replica',
    'max_wal_senders = 5',
    'hot_standby = on',
    'hot_standby_feedback = on',
    'fsync = on',
    'synchronous_commit = on',
  ];
  fs.appendFileSync(path.join(dir, 'postgresql.conf'), `\n# coproduce scale test\n${settings.join('\n')}\n`);
  pgRun('pg_ctl', ['-D', dir, '-l', path.join(pgRunDir, `${name}.log`), '-w', '-t', '60', 'start']);
  started.push({ name, stop: async () => void pgRun('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop']) });
  return dir;
}

// ——— An app instance ———
interface Instance {
  index: number;
  port: number;
  process: ChildProcess;
  stopped: Promise<number | null>;
}
const instanceEnv: NodeJS.ProcessEnv = {};
const instances: Instance[] = [];

const waitReady = (url: string, child?: ChildProcess, seconds = 120) => waitUntilReady(url, { child, seconds, everyMs: 50 });

async function startInstance(index: number, port: number): Promise<Instance> {
  const dataDir = path.join(work, `instance-${index}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, [...serverNodeFlags, '--import', 'tsx', 'src/main.ts'], {
    cwd: repo,
    env: { ...process.env, ...instanceEnv, PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors = (errors + String(chunk)).slice(-4000)));
  const stopped = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitReady(`http://127.0.0.1:${port}`, child);
  } catch (error) {
    throw new Error(`instance ${index}: ${String(error)}\n${errors}`, { cause: error });
  }
  const instance = { index, port, process: child, stopped };
  instances[index - 1] = instance;
  return instance;
}

async function stopInstance(instance: Instance, signal: NodeJS.Signals = 'SIGTERM') {
  if (instance.process.exitCode === null && instance.process.signalCode === null) instance.process.kill(signal);
  await instance.stopped;
}

// ——— nginx ———
let nginx: ChildProcess | null = null;
let nginxPort = 0;
function nginxConfig(ports: number[]): string {
  const temp = (name: string) => `${name}_temp_path ${path.join(work, 'nginx', name)};`;
  return `
${root ? 'user root;' : ''}
worker_processes 1;
pid ${path.join(work, 'nginx', 'nginx.pid')};
error_log ${path.join(work, 'nginx', 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}
  upstream coproduce {
    ${ports.map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`).join('\n    ')}
    keepalive 64;
    # Shorter than the instances' drain on SIGTERM (SHUTDOWN_DRAIN_SECONDS): nginx closes its idle connections
    # to a draining instance itself, so the instance never closes one that nginx is sending a request on.
    keepalive_timeout 2s;
  }
  server {
    listen 127.0.0.1:${nginxPort};
    client_max_body_size 10m;
    location / {
      proxy_pass http://coproduce;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $remote_addr;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Idempotent requests go to another instance when one fails (nginx never resends a POST it has sent).
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 1s;
      proxy_read_timeout 60s;
      proxy_buffering on;
    }
  }
}
`;
}
async function configureNginx(ports: number[]) {
  fs.writeFileSync(path.join(work, 'nginx', 'nginx.conf'), nginxConfig(ports));
  if (!nginx) {
    nginx = spawn(nginxBin, ['-p', path.join(work, 'nginx'), '-c', path.join(work, 'nginx', 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'inherit', 'inherit'] });
    const child = nginx;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    started.push({ name: 'nginx', stop: async () => void (child.exitCode === null && child.kill('SIGQUIT'), await exited) });
  } else {
    nginx.kill('SIGHUP');
    // The old worker finishes its requests; the new one has the new upstream list.
    await sleep(1000);
  }
  await waitReady(`http://127.0.0.1:${nginxPort}`, nginx, 20);
}

// ——— Load ———
interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
}
type Cannon = autocannon.Instance;
function cannon(options: autocannon.Options): { instance: Cannon; done: Promise<Load> } {
  let instance!: Cannon;
  const done = new Promise<Load>((resolve, reject) => {
    instance = autocannon({ timeout: 30, ...options }, (error: unknown, result: autocannon.Result) => {
      if (error) return reject(error);
      resolve({ requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, errors: result.errors + result.timeouts + result.non2xx });
    }) as unknown as Cannon;
  });
  return { instance, done };
}
const br = { 'accept-encoding': 'br' };
const gateway = () => `http://127.0.0.1:${nginxPort}`;
const publicPath = '/ca/t/barcelona';
// Rendered on every request (a filter nobody cached): [<id>] makes each URL new.
const dynamicPath = '/ca/t/barcelona/challenges?status=proposed&area=housing&n=[<id>]';

/** Transactions counted by each server for the app's database (a lone statement is one). */
async function transactionCounts(): Promise<{ primary: number; replica: number }> {
  const read = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // A fresh snapshot of the statistics, not the one this backend saw first.
      await client.query('select pg_stat_clear_snapshot()');
      const { rows } = await client.query<{ n: string }>('select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()');
      return Number(rows[0]!.n);
    } finally {
      await client.end();
    }
  };
  return { primary: await read(primaryUrl), replica: await read(replicaUrl) };
}

// ——— Antenna reports as the write load: challenge → proof of work → POST; every 201 is an acknowledged write ———
// The proof of work (what the antenna's page does in the browser, as solveChallenge in src/contexts/antenna/guards.ts)
// is solved in a worker thread: solved here, it would hold up this process's load generator.
const solverSource = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
parentPort.on('message', (challenge) => {
  const bits = Number(challenge.split('.')[3]);
  for (let counter = 0; ; counter++) {
    const digest = createHash('sha256').update(challenge + ':' + counter).digest();
    let zeros = 0;
    for (const byte of digest) { if (byte === 0) { zeros += 8; continue; } zeros += Math.clz32(byte) - 24; break; }
    if (zeros >= bits) { parentPort.postMessage(String(counter)); return; }
  }
});`;
function solver() {
  const worker = new Worker(solverSource, { eval: true });
  return {
    solve: (challenge: string) =>
      new Promise<string>((resolve) => {
        worker.once('message', resolve);
        worker.postMessage(challenge);
      }),
    stop: () => worker.terminate(),
  };
}

async function writeLoad(options: { baseUrl: () => string; until: () => boolean; concurrency: number }) {
  const acknowledged: string[] = [];
  let failed = 0;
  let attempted = 0;
  const worker = async () => {
    const { solve, stop } = solver();
    while (!options.until()) {
      try {
        const { challenge } = (await (await fetch(`${options.baseUrl()}/api/v1/antenna/barcelona/challenge`)).json()) as { challenge: string };
        const pow = await solve(challenge);
        attempted++;
        const response = await fetch(`${options.baseUrl()}/api/v1/antenna/barcelona/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ challenge, pow, ...sampleReport(attempted) }),
        });
        if (response.status === 201) acknowledged.push(((await response.json()) as { reference: string }).reference);
        else {
          failed++;
          await response.arrayBuffer();
        }
      } catch {
        failed++;
      }
    }
    await stop();
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { attempted, acknowledged, failed };
}

async function missingWrites(url: string, references: string[]): Promise<number> {
  if (references.length === 0) return 0;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('select count(distinct reference) as n from antenna_report where reference = any($1::text[])', [references]);
    return references.length - Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

// ——— Cookies, for the coherence checks ———
class Jar {
  cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
  async fetch(url: string, init: RequestInit = {}) {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: this.header() } });
    this.take(response);
    return response;
  }
}
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const form = (fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() };
};

// ——— The run ———
let primaryUrl = '';
let replicaUrl = '';
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, duration, exportRows };
const checks: { check: string; result: string; ok: boolean }[] = [];
const check = (name: string, ok: boolean, result: string) => {
  checks.push({ check: name, result, ok });
  log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${result}`);
};

async function main() {
  fs.mkdirSync(path.join(work, 'nginx'));
  log(`working folder ${work}`);
  // 1. PostgreSQL: a primary, then a streaming replica made from it with pg_basebackup.
  const primaryPort = await freePort();
  const replicaPort = await freePort();
  await startCluster('primary', primaryPort, (dir) => void pgRun('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']));
  pgRun('psql', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-c', 'CREATE DATABASE coproduce']);
  primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/coproduce`;
  replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/coproduce`;
  log(`primary on ${primaryPort}: migrating, demo data, ${exportRows} organisations…`);
  const seedStarted = performance.now();
  const database = await openDatabase({ databaseUrl: primaryUrl, poolSize: 4 });
  await database.migrate();
  await initialiseIfNew(database.db, manifests, true, () => undefined);
  const barcelona = await findTerritory(database.db, 'barcelona');
  if (!barcelona) throw new Error('The demo data has no Barcelona');
  await generateOrganisations(database.db, barcelona.id, exportRows);
  const [admin] = await database.db.select({ id: person.id }).from(person).where(eq(person.email, 'territory-admin@coproduce.example'));
  const staffCookie = `${sessionCookie}=${await createSession(database.db, admin!.id, 'scale test', true)}`;
  // A known password for the organisation administrator, to sign in over HTTP in the coherence check.
  const password = `scale-${randomBytes(8).toString('hex')}`;
  await database.db.update(person).set({ passwordHash: await hashPassword(password) }).where(eq(person.email, 'organisation-admin@coproduce.example'));
  const ownOrganisation = ((await database.db.execute(sql`select o.id from organisation o join role_assignment g on g.scope_id = o.id and g.scope_kind = 'organisation' join person p on p.id = g.person_id where p.email = 'organisation-admin@coproduce.example' limit 1`)) as unknown as { rows: { id: string }[] }).rows[0]?.id;
  // Its organisation is made a member (as if its adhesion had been approved), so that the directory lists it.
  const now = new Date();
  await database.db
    .insert(adhesion)
    .values({ organisationId: ownOrganisation!, territoryId: barcelona.id, status: 'member', signedVersion: 1, signedAt: now, signedByName: 'scale test', memberSince: now, decidedAt: now, decidedByName: 'scale test' })
    .onConflictDoNothing();
  await database.close();
  results.seedSeconds = Math.round((performance.now() - seedStarted) / 100) / 10;
  log(`seeded in ${results.seedSeconds} s; replica on ${replicaPort} from pg_basebackup…`);
  await startCluster('replica', replicaPort, (dir) =>
    void pgRun('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', dir, '-R', '-X', 'stream', '-c', 'fast']),
  );
  {
    const client = new pg.Client({ connectionString: replicaUrl });
    await client.connect();
    const { rows } = await client.query<{ recovery: boolean }>('select pg_is_in_recovery() as recovery');
    const sender = new pg.Client({ connectionString: primaryUrl });
    await sender.connect();
    // The standby's WAL receiver connects a moment after the start: up to 30 s.
    let streaming: string[] = [];
    for (let tries = 0; tries < 60 && !streaming.includes('streaming'); tries++) {
      if (tries > 0) await sleep(500);
      streaming = (await sender.query<{ state: string }>('select state from pg_stat_replication')).rows.map((r) => r.state);
    }
    await sender.end();
    await client.end();
    check('replica is a streaming hot standby', rows[0]!.recovery && streaming.includes('streaming'), `pg_is_in_recovery ${rows[0]!.recovery}, pg_stat_replication ${streaming.join(',') || 'none'}`);
  }

  // 2. Redis (own database number, emptied) and three instances.
  const redis = new Redis(redisUrl);
  await redis.flushdb();
  await redis.quit();
  Object.assign(instanceEnv, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: primaryUrl,
    DATABASE_REPLICA_URL: replicaUrl,
    DATABASE_POOL_SIZE: '10',
    DATABASE_REPLICA_POOL_SIZE: '10',
    REDIS_URL: redisUrl,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    ACCESS_LOG_SIGNING_KEY: randomBytes(32).toString('base64url'),
    ACCESS_LOG_CHECKPOINT_DIR: path.join(work, 'checkpoints'),
    TRUST_PROXY: 'true',
    // Throughput is measured, not the per-client limit (the strict per-route limits stay, see the check below).
    RATE_LIMIT_PER_MINUTE: '100000000',
    SHUTDOWN_DRAIN_SECONDS: '10',
  });
  nginxPort = await freePort();
  instanceEnv.PUBLIC_URL = `http://127.0.0.1:${nginxPort}`;
  const ports = [await freePort(), await freePort(), await freePort()];
  const startTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await startInstance(i + 1, ports[i]!);
    startTimes.push(Math.round(performance.now() - t0));
  }
  results.instanceStartMs = startTimes;
  started.push({ name: 'instances', stop: async () => void (await Promise.all(instances.map((i) => stopInstance(i)))) });
  log(`instances on ${ports.join(', ')} (ready in ${startTimes.join(', ')} ms); nginx on ${nginxPort}`);

  // 3. Throughput and p99 with 1, 2 and 3 instances behind nginx.
  await configureNginx(ports.slice(0, 1));
  for (let i = 0; i < 30; i++) {
    await fetch(`${gateway()}${publicPath}`, { headers: br }).then((r) => r.arrayBuffer());
    await fetch(`${gateway()}${dynamicPath.replace('[<id>]', `warm${i}`)}`).then((r) => r.arrayBuffer());
  }
  // Rounds in the order 1, 2, 3, 3, 2, 1 instances: a drift of the machine's other load during the run weighs on
  // every count alike. Each figure is the mean of its two rounds.
  const runs: Record<string, unknown>[] = [];
  const routes = [
    ['public page (cached)', publicPath, 10, br],
    ['dynamic page (rendered)', dynamicPath, 4, {}],
  ] as const;
  for (const count of [1, 2, 3, 3, 2, 1]) {
    await configureNginx(ports.slice(0, count));
    // Each instance compiles its paths and fills its cache before measuring.
    for (const port of ports.slice(0, count)) {
      for (let i = 0; i < 20; i++) {
        await fetch(`http://127.0.0.1:${port}${publicPath}`, { headers: br }).then((r) => r.arrayBuffer());
        await fetch(`http://127.0.0.1:${port}${dynamicPath.replace('[<id>]', `warm-${count}-${runs.length}-${i}`)}`).then((r) => r.arrayBuffer());
      }
    }
    for (const [route, url, connections, headers] of routes) {
      const before = await transactionCounts();
      const result = await cannon({ url: `${gateway()}${url}`, connections, duration, headers, idReplacement: url.includes('[<id>]') }).done;
      const after = await transactionCounts();
      const run = { instances: count, route, connections, ...result, replicaTx: after.replica - before.replica, primaryTx: after.primary - before.primary, load: os.loadavg()[0]! };
      runs.push(run);
      log(`${count} instance(s), ${route}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99} ms, ${result.errors} errors; transactions replica ${run.replicaTx}, primary ${run.primaryTx}`);
    }
  }
  const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
  const scaling: Record<string, unknown>[] = [];
  for (const [route, , connections] of routes) {
    for (const count of [1, 2, 3]) {
      const mine = runs.filter((r) => r.instances === count && r.route === route) as unknown as (Load & { replicaTx: number; primaryTx: number; load: number })[];
      scaling.push({
        instances: count,
        route,
        connections,
        'req/s': Math.round(mean(mine.map((r) => r.requestsPerSecond))),
        'p50 ms': Math.round(mean(mine.map((r) => r.p50))),
        'p99 ms': Math.round(mean(mine.map((r) => r.p99))),
        errors: mine.reduce((n, r) => n + r.errors, 0),
        'replica tx': mine.reduce((n, r) => n + r.replicaTx, 0),
        'primary tx': mine.reduce((n, r) => n + r.primaryTx, 0),
        load: mean(mine.map((r) => r.load)).toFixed(2),
      });
    }
  }
  results.runs = runs;
  const rate = (count: number, route: string) => Number(scaling.find((r) => r.instances === count && r.route === route)?.['req/s'] ?? 0);
  for (const route of ['public page (cached)', 'dynamic page (rendered)']) {
    const one = rate(1, route);
    const ratios = [2, 3].map((n) => (one > 0 ? rate(n, route) / one : 0));
    for (const [i, n] of [2, 3].entries()) (scaling.find((r) => r.instances === n && r.route === route) ?? {})['÷ 1 instance'] = ratios[i]!.toFixed(2);
    // "Does not fall" on 2 cores: within the run-to-run noise (10 %) of one instance.
    check(`${route}: throughput with 2 and 3 instances ÷ 1`, ratios.every((r) => r >= 0.9), ratios.map((r) => r.toFixed(2)).join(', '));
  }
  const dynamicOnReplica = scaling.filter((r) => r.route === 'dynamic page (rendered)');
  check(
    'rendered public reads go to the replica',
    dynamicOnReplica.every((r) => Number(r['replica tx']) > Number(r['primary tx'])),
    dynamicOnReplica.map((r) => `${r.instances}: replica ${r['replica tx']} / primary ${r['primary tx']}`).join('; '),
  );
  results.scaling = scaling;

  // 4. Coherence across instances (each instance asked directly, not through nginx).
  const direct = (n: number) => `http://127.0.0.1:${ports[n - 1]}`;
  {
    const jar = new Jar();
    const page = await jar.fetch(`${direct(1)}/en/account/sign-in`);
    const csrf = csrfOf(await page.text());
    const signIn = await jar.fetch(`${direct(1)}/en/account/sign-in`, form({ _csrf: csrf, email: 'organisation-admin@coproduce.example', password, next: '' }));
    const hasSession = jar.cookies.has(sessionCookie);
    const seen = [];
    for (const n of [2, 3]) {
      const desk = await jar.fetch(`${direct(n)}/en/account`);
      seen.push(`${n}: ${desk.status}`);
    }
    check('a session made on instance 1 works on 2 and 3', signIn.status === 303 && hasSession && seen.every((s) => s.endsWith('200')), `sign-in ${signIn.status} on 1, account page ${seen.join(', ')}`);

    // A write on instance 1 (through its form, with the CSRF token and session from 1) shows on instance 2's cached
    // JSON: the directory search for the organisation's own name, cached on 2, has the new name after the edit on 1.
    const token = `Scaletest${randomBytes(4).toString('hex')}`;
    const edit = await jar.fetch(`${direct(1)}/en/organisations/${ownOrganisation}/edit`);
    const editHtml = await edit.text();
    const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'");
    const field = (name: string) => decode(new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(editHtml)?.[1] ?? new RegExp(`value="([^"]*)"[^>]*name="${name}"`).exec(editHtml)?.[1] ?? '');
    const checked = (name: string) => [...editHtml.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*>`, 'g'))].map((m) => m[0]).filter((tag) => /\bchecked\b/.test(tag)).map((tag) => /value="([^"]*)"/.exec(tag)?.[1] ?? '');
    const selected = /<select[^>]*name="type"[\s\S]*?<option[^>]*value="([^"]*)"[^>]*selected/.exec(editHtml)?.[1] ?? 'association';
    const description = decode(/<textarea[^>]*name="description"[^>]*>([\s\S]*?)<\/textarea>/.exec(editHtml)?.[1] ?? '');
    const oldName = field('name');
    const word = oldName.split(/[\s’']+/).filter((w) => w.length >= 5).pop() ?? oldName;
    const search = `/api/v1/territories/barcelona/directory?q=${encodeURIComponent(word)}`;
    const names = async (response: Response) => ((await response.json()) as { organisations: { name: string }[] }).organisations.map((o) => o.name);
    await fetch(`${direct(2)}${search}`).then((r) => r.arrayBuffer());
    const before = await fetch(`${direct(2)}${search}`);
    const namesBefore = await names(before);
    const saved = await jar.fetch(
      `${direct(1)}/en/organisations/${ownOrganisation}/edit`,
      form({
        _csrf: csrfOf(editHtml),
        name: `${oldName} ${token}`,
        type: selected,
        description,
        areas: checked('areas'),
        districtIds: checked('districtIds'),
        languages: checked('languages'),
        website: field('website'),
        publicEmail: field('publicEmail'),
        publicPhone: field('publicPhone'),
      }),
    );
    const after = await fetch(`${direct(2)}${search}`);
    const namesAfter = await names(after);
    check(
      'a write on instance 1 invalidates the cached page on instance 2',
      before.headers.get('x-cache') === 'hit' && namesBefore.includes(oldName) && saved.status === 303 && namesAfter.some((n) => n.includes(token)),
      `instance 2 before: ${before.headers.get('x-cache')}, "${oldName}" ${namesBefore.includes(oldName) ? 'found' : 'NOT found'}; edit on 1: ${saved.status}; instance 2 after: ${after.headers.get('x-cache')}, new name ${namesAfter.some((n) => n.includes(token)) ? 'found' : 'NOT found'}`,
    );

    // Signed out on instance 3: the session no longer works on instance 1.
    const account = await jar.fetch(`${direct(3)}/en/account`);
    const accountHtml = await account.text();
    const signOutAction = /<form[^>]*action="(\/en\/account\/sign-out[^"]*)"/.exec(accountHtml)?.[1] ?? '/en/account/sign-out';
    const cookieBefore = `${sessionCookie}=${jar.cookies.get(sessionCookie)}`;
    const out = await jar.fetch(`${direct(3)}${signOutAction}`, form({ _csrf: csrfOf(accountHtml) }));
    const afterOut = await fetch(`${direct(1)}/en/account`, { redirect: 'manual', headers: { cookie: cookieBefore } });
    check('a session ended on instance 3 is refused on instance 1', out.status === 303 && afterOut.status !== 200, `sign-out ${out.status} on 3, old cookie on 1: ${afterOut.status}`);

    // The password-reset form allows 30 requests a minute per client: counted once across the three instances.
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      const r = await fetch(`${direct((i % 3) + 1)}/en/account/password-reset`, { ...form({ _csrf: 'x', email: 'nobody@example.org' }), redirect: 'manual' });
      statuses.push(r.status);
      await r.arrayBuffer();
    }
    const firstLimited = statuses.indexOf(429);
    check('a rate limit counts across instances', firstLimited === 30 && statuses.slice(30).every((s) => s === 429), `first 429 at request ${firstLimited + 1} of 45 sent round the 3 instances (limit 30)`);
  }

  // 5. SIGKILL under a write load, with GETs through nginx.
  await configureNginx(ports);
  {
    let stop = false;
    const writes = writeLoad({ baseUrl: gateway, until: () => stop, concurrency: 4 });
    const reads = cannon({ url: `${gateway()}${publicPath}`, connections: 6, duration: duration + 4, headers: br });
    const rendered = cannon({ url: `${gateway()}${dynamicPath}`, connections: 2, duration: duration + 4, idReplacement: true });
    await sleep(2000);
    log('SIGKILL instance 2');
    await stopInstance(instances[1]!, 'SIGKILL');
    const [readResult, renderedResult] = await Promise.all([reads.done, rendered.done]);
    stop = true;
    const written = await writes;
    const missingPrimary = await missingWrites(primaryUrl, written.acknowledged);
    await sleep(1000);
    const missingReplica = await missingWrites(replicaUrl, written.acknowledged);
    results.kill = { reads: readResult, rendered: renderedResult, writesAttempted: written.attempted, writesAcknowledged: written.acknowledged.length, writesFailed: written.failed, missingPrimary, missingReplica };
    check('SIGKILL: no acknowledged write lost', missingPrimary === 0 && missingReplica === 0 && written.acknowledged.length > 0, `${written.acknowledged.length} acknowledged of ${written.attempted} sent (${written.failed} failed, unacknowledged); missing on primary ${missingPrimary}, on replica ${missingReplica}`);
    check('SIGKILL: GETs through nginx retried elsewhere', readResult.errors + renderedResult.errors === 0, `${readResult.requests + renderedResult.requests} GETs, ${readResult.errors + renderedResult.errors} errors`);
    await startInstance(2, ports[1]!);
  }

  // 6. Rolling restart: each instance in turn gets SIGTERM (it answers 503 to new requests while it drains, nginx
  // passes those on), is started again and waited for on /readyz before the next.
  {
    let stop = false;
    const writes = writeLoad({ baseUrl: gateway, until: () => stop, concurrency: 2 });
    const reads = cannon({ url: `${gateway()}${publicPath}`, connections: 6, duration: 600, headers: br });
    const rendered = cannon({ url: `${gateway()}${dynamicPath}`, connections: 2, duration: 600, idReplacement: true });
    const restartStarted = performance.now();
    await sleep(1000);
    for (let n = 1; n <= 3; n++) {
      const t0 = performance.now();
      await stopInstance(instances[n - 1]!, 'SIGTERM');
      const stoppedIn = Math.round(performance.now() - t0);
      await startInstance(n, ports[n - 1]!);
      log(`rolling restart: instance ${n} stopped in ${stoppedIn} ms, ready again after ${Math.round(performance.now() - t0)} ms`);
      await sleep(1000);
    }
    reads.instance.stop();
    rendered.instance.stop();
    const [readResult, renderedResult] = await Promise.all([reads.done, rendered.done]);
    stop = true;
    const written = await writes;
    const missing = await missingWrites(primaryUrl, written.acknowledged);
    results.rollingRestart = { seconds: Math.round((performance.now() - restartStarted) / 1000), reads: readResult, rendered: renderedResult, writesAttempted: written.attempted, writesAcknowledged: written.acknowledged.length, writesFailed: written.failed, missing };
    check('rolling restart: 0 errors on GETs', readResult.errors + renderedResult.errors === 0, `${readResult.requests + renderedResult.requests} GETs, ${readResult.errors + renderedResult.errors} errors`);
    check('rolling restart: 0 errors on writes, none lost', written.failed === 0 && missing === 0, `${written.acknowledged.length} acknowledged of ${written.attempted} (${written.failed} failed), ${missing} missing`);
  }

  // 7. A 100,000-row export while the public page is under load.
  {
    const alone = await cannon({ url: `${gateway()}${publicPath}`, connections: 10, duration, headers: br }).done;
    let stop = false;
    const exports: { ms: number; bytes: number; status: number }[] = [];
    const exporter = (async () => {
      while (!stop) {
        const t0 = performance.now();
        const response = await fetch(`${gateway()}/en/t/barcelona/organisations.csv`, { headers: { cookie: staffCookie } });
        const body = await response.arrayBuffer();
        exports.push({ ms: Math.round(performance.now() - t0), bytes: body.byteLength, status: response.status });
      }
    })();
    const during = await cannon({ url: `${gateway()}${publicPath}`, connections: 10, duration, headers: br }).done;
    stop = true;
    await exporter;
    const lines = exports[0] ? exports[0].bytes : 0;
    results.export = { alone, during, exports };
    log(`export: ${exports.length} exports of ${(lines / 1e6).toFixed(1)} MB (${exports.map((e) => `${e.ms} ms`).join(', ')})`);
    check('100,000-row export: exports answered', exports.length > 0 && exports.every((e) => e.status === 200), exports.map((e) => e.status).join(', '));
    check('100,000-row export: public page p99 ≤ 20 ms during it', during.p99 <= 20, `p99 ${alone.p99} ms alone, ${during.p99} ms during the export (${Math.round(alone.requestsPerSecond)} → ${Math.round(during.requestsPerSecond)} req/s, ${during.errors} errors)`);
  }

  console.table(scaling);
  console.table(checks.map(({ check: name, result, ok }) => ({ check: name, ok: ok ? 'yes' : 'NO', result })));
  results.checks = checks;
  results.loadAverage = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  const dir = path.join(repo, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `scale-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  log(`saved ${path.relative(process.cwd(), file)}; load average ${results.loadAverage as string}`);
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  for (const process_ of started.reverse()) await process_.stop().catch((error: unknown) => console.error(`stopping ${process_.name}:`, String(error)));
  if (!values.keep) fs.rmSync(work, { recursive: true, force: true });
}
