// npm run bench — loads the real server from this separate process with autocannon and compares each
// route with a bare baseline route (/healthz) of the same server in the same run.
// Options: --pg (also run on PostgreSQL at DATABASE_URL or the local server), --duration <s>, --connections <n>.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startBenchServer, type BenchServer } from './server.ts';

const { values } = parseArgs({
  options: {
    pg: { type: 'boolean', default: false },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
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
}

interface Scenario {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

const scenarios: Scenario[] = [
  { name: 'baseline (/healthz)', path: '/healthz' },
  { name: 'home page (ca)', path: '/ca/', headers: { 'accept-encoding': 'br' } },
  { name: 'territory page with map (ar)', path: '/ar/t/barcelona', headers: { 'accept-encoding': 'br' } },
  { name: 'territory JSON', path: '/api/v1/territories/barcelona' },
];

async function load(server: BenchServer, scenario: Scenario) {
  const result = await autocannon({ url: `${server.baseUrl}${scenario.path}`, connections, duration, headers: scenario.headers ?? {} });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerResponse: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
    errors: result.errors + result.non2xx,
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
  return results;
}

const all: Measurement[] = [];
const engines: { postgresUrl?: string }[] = [{}];
if (values.pg) engines.push({ postgresUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' });
for (const engine of engines) {
  const server = await startBenchServer(engine);
  try {
    console.log(`Benchmarking on ${server.engine}: ${connections} connections, ${duration} s per route…`);
    all.push(...(await benchEngine(server)));
  } finally {
    await server.stop();
  }
}

const table = all.map((m) => ({
  engine: m.engine,
  route: m.name,
  'req/s': Math.round(m.requestsPerSecond),
  'p50 ms': m.p50,
  'p99 ms': m.p99,
  'ratio to baseline': m.ratioToBaseline.toFixed(3),
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
