// Measures report intake on the real server (PGlite, or PostgreSQL with the argument "pg"): reports/s and
// latency of the submissions, proofs of work solved beforehand, with /healthz in the same run.
// npx tsx bench/antenna-intake.ts [pg]
import { startBenchServer } from './server.ts';
import { submitReports } from '../src/contexts/antenna/intake.ts';
const server = await startBenchServer(process.argv[2] === 'pg' ? { postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres' } : {});
try {
  await submitReports({ baseUrl: server.baseUrl, slug: 'barcelona', count: 20, concurrency: 4 });
  for (const concurrency of [4, 8]) {
    const r = await submitReports({ baseUrl: server.baseUrl, slug: 'barcelona', count: 200, concurrency });
    const sorted = [...r.latencies].sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
    console.log(`${server.engine} concurrency ${concurrency}: ${r.receipts.length} ok, ${r.failures} failed, ${(r.receipts.length / (r.elapsedMs / 1000)).toFixed(1)} reports/s, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms (POST only; proofs of work solved beforehand)`);
  }
  // Baseline in the same run.
  const t0 = performance.now(); let n = 0;
  await Promise.all(Array.from({ length: 8 }, async () => { while (n < 2000) { n++; await (await fetch(`${server.baseUrl}/healthz`)).arrayBuffer(); } }));
  console.log(`baseline /healthz: ${(2000 / ((performance.now() - t0) / 1000)).toFixed(0)} req/s with fetch, concurrency 8`);
} finally {
  await server.stop();
}
