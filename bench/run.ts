// npm run bench — loads the real server from this separate process with autocannon and compares each
// route with a bare baseline route (/healthz) of the same server in the same run.
// Options: --pg (also run on PostgreSQL at DATABASE_URL or the local server), --duration <s>, --connections <n>.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startBenchServer, type BenchServer } from './server.ts';
import { findTerritory } from '../src/contexts/territories/territory.service.ts';
import { generateOrganisations } from '../src/contexts/agreement/organisations/organisation.generate.ts';
import { submitReports } from '../src/contexts/antenna/intake.ts';
import { runAccessLogBench } from './access-log.ts';
import { caseHandlerCookie, casesForBench, generateCases } from './case-queue.ts';

const { values } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    // Only the routes whose name contains this text (a short run of one area), without the intake.
    only: { type: 'string', default: '' },
  },
});
const duration = Number(values.duration);
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
}

interface Scenario {
  name: string;
  path: string;
  headers?: Record<string, string>;
  /** Slow routes get fewer connections, so that latency measures the route and not the queue. */
  connections?: number;
}

/** The case handler's session of the engine being measured (made in prepare). */
let caseCookie = '';
const handlerHeaders = { get cookie() { return caseCookie; }, 'accept-encoding': 'br' };

const allScenarios: Scenario[] = [
  { name: 'baseline (/healthz)', path: '/healthz' },
  { name: 'home page (ca)', path: '/ca/', headers: { 'accept-encoding': 'br' } },
  { name: 'territory page with map (ar)', path: '/ar/t/barcelona', headers: { 'accept-encoding': 'br' } },
  { name: 'territory JSON', path: '/api/v1/territories/barcelona' },
  // With 10,000 generated member organisations: a misspelt word ("habitatje") and a district.
  { name: 'directory search, 10,000 orgs', path: '/ca/t/barcelona/directory?q=habitatje', headers: { 'accept-encoding': 'br' }, connections: 2 },
  { name: 'directory search + district, 10,000 orgs', path: '/es/t/barcelona/directory?q=vivienda+nou+barris', headers: { 'accept-encoding': 'br' }, connections: 2 },
  // The case handler's queue with 10,000 more cases: the first page, a filtered and sorted page, a late page, a search.
  { name: 'case queue, 10,000 cases', path: '/ca/t/barcelona/antenna/cases', headers: handlerHeaders, connections: 2 },
  { name: 'case queue filtered + sorted, 10,000 cases', path: '/ca/t/barcelona/antenna/cases?status=closed&mode=anonymous&sort=received&dir=asc', headers: handlerHeaders, connections: 2 },
  { name: 'case queue page 150, 10,000 cases', path: '/ca/t/barcelona/antenna/cases?page=150', headers: handlerHeaders, connections: 2 },
  { name: 'case queue search, 10,000 cases', path: '/ca/t/barcelona/antenna/cases?q=A1', headers: handlerHeaders, connections: 2 },
];
const scenarios = values.only ? allScenarios.filter((s, i) => i === 0 || s.name.includes(values.only)) : allScenarios;

const organisationsForBench = 10_000;

async function load(server: BenchServer, scenario: Scenario) {
  const result = await autocannon({ url: `${server.baseUrl}${scenario.path}`, connections: scenario.connections ?? connections, duration, timeout: 30, headers: scenario.headers ?? {} });
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
  // Warm up: compile the routes' code paths and fill caches before measuring.
  for (const s of scenarios) for (let i = 0; i < 20; i++) await fetch(`${server.baseUrl}${s.path}`, { headers: s.headers ?? {} }).then((r) => r.arrayBuffer());
  const results: Measurement[] = [];
  let baseline = 0;
  for (const scenario of scenarios) {
    const r = await load(server, scenario);
    if (scenario === scenarios[0]) baseline = r.requestsPerSecond;
    results.push({ engine: server.engine, name: scenario.name, path: scenario.path, ...r, ratioToBaseline: baseline > 0 ? r.requestsPerSecond / baseline : 0 });
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
}));
console.table(table);
const dir = path.resolve(import.meta.dirname, 'results');
fs.mkdirSync(dir, { recursive: true });
const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, connections, duration, measurements: all }, null, 2));
console.log(`Saved ${path.relative(process.cwd(), file)}`);
if (all.some((m) => m.errors > 0)) {
  console.error('Some requests failed: the figures above are not valid.');
  process.exitCode = 1;
}
