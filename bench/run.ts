// npm run bench — loads the real server from this separate process with autocannon and compares each
// route with a bare baseline route (/healthz) of the same server in the same run.
// Options: --pg (also run on PostgreSQL at DATABASE_URL or the local server), --duration <s>, --connections <n>,
// --soak <minutes> (last: a steady load for that long on PostgreSQL with --pg, else the embedded database; the
// server's RSS after warming up, every 10 s, and at the end; target: within +10 % and under 250 MB).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { measureStarts, startBenchServer, type BenchServer } from './server.ts';
import { chartSvg, comparison, meets, previousRun } from './report.ts';
import { findTerritory } from '../src/contexts/territories/territory.service.ts';
import { generateOrganisations } from '../src/contexts/agreement/organisations/organisation.generate.ts';
import { submitReports } from '../src/contexts/antenna/intake.ts';
import { runAccessLogBench } from './access-log.ts';
import { caseHandlerCookie, casesForBench, deepPagePath, generateCases } from './case-queue.ts';

const { values } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    // Only the routes whose name contains this text (a short run of one area), without the intake.
    only: { type: 'string', default: '' },
    soak: { type: 'string', default: '0' },
  },
});
const duration = Number(values.duration);
const soakMinutes = Number(values.soak);
if (!Number.isFinite(soakMinutes) || soakMinutes < 0) throw new Error('--soak takes a number of minutes');
const connections = Number(values.connections);

export interface Measurement {
  engine: string;
  name: string;
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Requests/s of this route ÷ requests/s of the baseline route. */
  ratioToBaseline: number;
  bytesPerResponse: number;
  errors: number;
  connections: number;
  /** The issue's target for this figure: a least ratio to the baseline, a most p99 (ms). */
  target?: { ratio?: number; p99?: number };
}

interface Scenario {
  name: string;
  path: string;
  headers?: Record<string, string>;
  /** Slow routes get fewer connections, so that latency measures the route and not the queue. */
  connections?: number;
  /** A different query string on every request ([<id>] replaced by autocannon), so the page cache never answers. */
  rendered?: boolean;
  target?: { ratio?: number; p99?: number };
}

/** The case handler's session of the engine being measured (made in prepare). */
let caseCookie = '';
const handlerHeaders = { get cookie() { return caseCookie; }, 'accept-encoding': 'br' };

/** Paths known only once the demo is up (a challenge's id, a plan's address), read from the JSON API. */
const found = { challenge: '', plan: '', deepPage: '' };
const cachedTarget = { ratio: 0.5, p99: 20 };
const dynamicTarget = { ratio: 0.1, p99: 50 };
const br = { 'accept-encoding': 'br' };
const question = encodeURIComponent('Qui treballa en habitatge a Nou Barris?');

const allScenarios: Scenario[] = [
  { name: 'baseline (/healthz)', path: '/healthz' },
  // Public pages and JSON, from the page cache (the same for every visitor).
  { name: 'home page (ca), cached', path: '/ca/', headers: br, target: cachedTarget },
  { name: 'territory page with map (ar), cached', path: '/ar/t/barcelona', headers: br, target: cachedTarget },
  { name: 'territory JSON, cached', path: '/api/v1/territories/barcelona', target: cachedTarget },
  { name: 'directory landing, cached', path: '/ca/t/barcelona/directory', headers: br, target: cachedTarget },
  { name: 'challenge page, cached', get path() { return `/ca/challenges/${found.challenge}`; }, headers: br, target: cachedTarget },
  { name: 'network page, cached', path: '/ca/t/barcelona/networks/homeless-people', headers: br, target: cachedTarget },
  { name: 'plan page, cached', get path() { return `/ca/t/barcelona/plans/${found.plan}`; }, headers: br, target: cachedTarget },
  { name: 'plan JSON, cached', get path() { return `/api/v1/territories/barcelona/plans/${found.plan}`; }, target: cachedTarget },
  { name: 'home page signed in (cached body, own header)', path: '/ca/', headers: handlerHeaders, target: cachedTarget },
  // Dynamic pages, rendered on every request.
  // With 10,000 generated member organisations: a misspelt word ("habitatje"), a district, a question.
  { name: 'directory search, 10,000 orgs', path: '/ca/t/barcelona/directory?q=habitatje&n=[<id>]', headers: br, connections: 2, rendered: true, target: dynamicTarget },
  { name: 'directory search + district, 10,000 orgs', path: '/es/t/barcelona/directory?q=vivienda+nou+barris&n=[<id>]', headers: br, connections: 2, rendered: true, target: dynamicTarget },
  { name: 'directory question, 10,000 orgs', path: `/ca/t/barcelona/directory?q=${question}&n=[<id>]`, headers: br, connections: 2, rendered: true, target: dynamicTarget },
  { name: 'challenge list with filters', path: '/ca/t/barcelona/challenges?status=proposed&area=housing&n=[<id>]', headers: br, connections: 2, rendered: true, target: dynamicTarget },
  { name: 'desk (case handler)', path: '/ca/desk', headers: handlerHeaders, connections: 2, target: dynamicTarget },
  // The case handler's queue with 10,000 more cases: the first page, a filtered and sorted page, a late page, a search.
  { name: 'case queue, 10,000 cases', path: '/ca/t/barcelona/antenna/cases', headers: handlerHeaders, connections: 2, target: dynamicTarget },
  { name: 'case queue filtered + sorted, 10,000 cases', path: '/ca/t/barcelona/antenna/cases?status=closed&mode=anonymous&sort=received&dir=asc', headers: handlerHeaders, connections: 2, target: dynamicTarget },
  // Page 150 as a handler reaches it, by the previous page's "next" link (its keyset cursor).
  { name: 'case queue page 150, 10,000 cases', get path() { return found.deepPage; }, headers: handlerHeaders, connections: 2, target: dynamicTarget },
  { name: 'case queue search, 10,000 cases', path: '/ca/t/barcelona/antenna/cases?q=A1', headers: handlerHeaders, connections: 2, target: dynamicTarget },
];
const scenarios = values.only ? allScenarios.filter((s, i) => i === 0 || s.name.includes(values.only)) : allScenarios;

const organisationsForBench = 10_000;

async function load(server: BenchServer, scenario: Scenario) {
  const result = await autocannon({
    url: `${server.baseUrl}${scenario.path}`,
    connections: scenario.connections ?? connections,
    duration,
    timeout: 30,
    headers: scenario.headers ?? {},
    idReplacement: scenario.rendered ?? false,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerResponse: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
    errors: result.errors + result.timeouts + result.non2xx,
    connections: scenario.connections ?? connections,
  };
}

async function benchEngine(server: BenchServer): Promise<Measurement[]> {
  found.challenge = ((await (await fetch(`${server.baseUrl}/api/v1/territories/barcelona/challenges`)).json()) as { challenges: { id: string }[] }).challenges[0]!.id;
  found.plan = ((await (await fetch(`${server.baseUrl}/api/v1/territories/barcelona/plans`)).json()) as { plans: { slug: string }[] }).plans[0]!.slug;
  // Warm up: compile the routes' code paths and fill caches before measuring.
  for (const s of scenarios) {
    for (let i = 0; i < 20; i++) await fetch(`${server.baseUrl}${s.path.replace('[<id>]', `warm${i}`)}`, { headers: s.headers ?? {} }).then((r) => r.arrayBuffer());
  }
  const results: Measurement[] = [];
  let baseline = 0;
  for (const scenario of scenarios) {
    const r = await load(server, scenario);
    if (scenario === scenarios[0]) baseline = r.requestsPerSecond;
    results.push({ engine: server.engine, name: scenario.name, path: scenario.path, ...r, ratioToBaseline: baseline > 0 ? r.requestsPerSecond / baseline : 0, ...(scenario.target ? { target: scenario.target } : {}) });
  }
  if (values.only) return results;
  // Antenna intake: whole report submissions (form POST after its proof of work, solved beforehand), 4 at a time.
  await submitReports({ baseUrl: server.baseUrl, slug: 'barcelona', count: 8, concurrency: 4 });
  const intake = await submitReports({ baseUrl: server.baseUrl, slug: 'barcelona', count: Math.max(40, duration * 12), concurrency: 4 });
  const sorted = [...intake.latencies].sort((a, b) => a - b);
  const quantile = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const reportsPerSecond = intake.receipts.length / (intake.elapsedMs / 1000);
  results.push({
    engine: server.engine,
    name: 'antenna report submission',
    path: '/api/v1/antenna/barcelona/reports',
    requestsPerSecond: reportsPerSecond,
    p50: Math.round(quantile(0.5)),
    p99: Math.round(quantile(0.99)),
    ratioToBaseline: baseline > 0 ? reportsPerSecond / baseline : 0,
    bytesPerResponse: 0,
    errors: intake.failures,
    connections: 4,
  });
  return results;
}

const all: Measurement[] = [];
const engines: { postgresUrl?: string }[] = [{}];
if (values.pg) engines.push({ postgresUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' });
for (const engine of engines) {
  const server = await startBenchServer({
    ...engine,
    prepare: async (db) => {
      const barcelona = await findTerritory(db, 'barcelona');
      if (!barcelona) throw new Error('The demo data has no Barcelona');
      if (scenarios.some((s) => s.name.startsWith('directory'))) await generateOrganisations(db, barcelona.id, organisationsForBench);
      await generateCases(db, barcelona.id, casesForBench);
      caseCookie = await caseHandlerCookie(db);
      found.deepPage = await deepPagePath(db, barcelona.id, 150);
    },
  });
  try {
    console.log(`Benchmarking on ${server.engine}: ${connections} connections, ${duration} s per route…`);
    all.push(...(await benchEngine(server)));
  } finally {
    await server.stop();
  }
}

// Access log appends under contention (16 writers over 8 territories' chains), each its own transaction,
// against bare one-insert transactions in the same database: a short run per engine.
for (const engine of engines) {
  const log = await runAccessLogBench({ ...(engine.postgresUrl ? { postgresUrl: engine.postgresUrl } : {}), durationMs: Math.min(duration, 3) * 1000, writers: 16, territories: 8 });
  all.push({
    engine: log.engine,
    name: 'access log appends (16 writers, 8 chains)',
    path: '(recordAccess)',
    requestsPerSecond: log.appendsPerSecond,
    p50: log.p50,
    p99: log.p99,
    ratioToBaseline: log.baselinePerSecond > 0 ? log.appendsPerSecond / log.baselinePerSecond : 0,
    bytesPerResponse: 0,
    errors: log.intact ? 0 : 1,
    connections: 16,
  });
}

const starts: { engine: string; firstMs: number | null; laterMs: number | null; error?: string }[] = [];

const table = all.map((m) => ({
  engine: m.engine,
  route: m.name,
  'req/s': Math.round(m.requestsPerSecond),
  'p50 ms': m.p50,
  'p99 ms': m.p99,
  'ratio to baseline': m.ratioToBaseline.toFixed(3),
  conns: m.connections,
  'bytes/response': m.bytesPerResponse,
  errors: m.errors,
  target: m.target ? `${m.target.ratio !== undefined ? `≥ ${m.target.ratio}` : ''}${m.target.p99 !== undefined ? `, p99 ≤ ${m.target.p99}` : ''}` : '',
  met: m.target ? (meets(m) ? 'yes' : 'NO') : '',
}));
console.table(table);
const dir = path.resolve(import.meta.dirname, 'results');
fs.mkdirSync(dir, { recursive: true });
const previous = previousRun(dir);
if (previous) {
  console.log(`Compared with the previous run on this machine (${previous.file}):`);
  console.table(comparison(all, previous.measurements));
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = path.join(dir, `bench-${stamp}.json`);
const loadAverage = os.loadavg().map((l) => l.toFixed(2)).join(' ');
fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage, connections, duration, measurements: all, starts }, null, 2));
fs.writeFileSync(path.join(dir, `bench-${stamp}.svg`), chartSvg(all, `Coproduce bench ${new Date().toISOString().slice(0, 16)} (load ${loadAverage})`));
console.log(`Saved ${path.relative(process.cwd(), file)} and its chart (.svg); load average at the end: ${loadAverage}`);

// Starts, last (a start that fails keeps the figures above): the first on an empty database with the demo, then a
// later one on the same data (targets 10 s and 5 s).
if (!values.only) {
  for (const engine of engines) {
    try {
      starts.push(await measureStarts(engine.postgresUrl));
    } catch (error) {
      starts.push({ engine: engine.postgresUrl ? 'postgres' : 'pglite', firstMs: null, laterMs: null, error: String(error).split('\n')[0] });
    }
  }
  console.table(starts.map((s) => ({ engine: s.engine, 'first start with demo (ms)': s.firstMs ?? s.error, target: 10_000, 'later start (ms)': s.laterMs, 'target ': 5_000, met: s.firstMs !== null && s.laterMs !== null && s.firstMs <= 10_000 && s.laterMs <= 5_000 ? 'yes' : 'NO' })));
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage, connections, duration, measurements: all, starts }, null, 2));
}
// The soak, last of all: a steady mixed load (a cached page, a rendered page, JSON) for --soak minutes.
let soak: { engine: string; minutes: number; rssStartMb: number; rssEndMb: number; rssMaxMb: number; growth: number; samplesMb: number[]; requests: number; errors: number } | null = null;
if (soakMinutes > 0) {
  const engine = engines[engines.length - 1]!;
  const server = await startBenchServer({ ...engine });
  try {
    const rssMb = () => {
      const status = fs.readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
      return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
    };
    const paths = ['/ca/', '/ca/t/barcelona', '/es/t/barcelona/challenges?status=proposed&n=[<id>]', '/api/v1/territories/barcelona'];
    const warm = await autocannon({ url: server.baseUrl, requests: paths.map((p) => ({ path: p.replace('[<id>]', 'warm') })), connections: 4, duration: 20 });
    void warm;
    const samplesMb = [rssMb()];
    console.log(`Soak on ${server.engine} for ${soakMinutes} min: RSS after warming up ${samplesMb[0]} MB…`);
    const sampler = setInterval(() => {
      samplesMb.push(rssMb());
      // One line a minute, so a long soak shows its trend as it goes.
      if ((samplesMb.length - 1) % 6 === 0) console.log(`  after ${(samplesMb.length - 1) / 6} min: RSS ${samplesMb[samplesMb.length - 1]} MB`);
    }, 10_000);
    const result = await autocannon({ url: server.baseUrl, requests: paths.map((p) => ({ path: p })), idReplacement: true, connections: 4, duration: Math.round(soakMinutes * 60) });
    clearInterval(sampler);
    samplesMb.push(rssMb());
    const [start, end] = [samplesMb[0]!, samplesMb[samplesMb.length - 1]!];
    soak = { engine: server.engine, minutes: soakMinutes, rssStartMb: start, rssEndMb: end, rssMaxMb: Math.max(...samplesMb), growth: start > 0 ? end / start - 1 : 0, samplesMb, requests: result.requests.total, errors: result.errors + result.timeouts + result.non2xx };
  } finally {
    await server.stop();
  }
  console.table([{ engine: soak.engine, minutes: soak.minutes, 'RSS start MB': soak.rssStartMb, 'RSS end MB': soak.rssEndMb, 'RSS max MB': soak.rssMaxMb, growth: `${(soak.growth * 100).toFixed(1)} %`, requests: soak.requests, errors: soak.errors, met: soak.growth <= 0.1 && soak.rssMaxMb < 250 && soak.errors === 0 ? 'yes' : 'NO' }]);
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage, connections, duration, measurements: all, starts, soak }, null, 2));
}
if (all.some((m) => m.errors > 0) || (soak && soak.errors > 0)) {
  console.error('Some requests failed: the figures above are not valid.');
  process.exitCode = 1;
}
