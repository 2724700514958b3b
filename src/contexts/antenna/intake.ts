// For the lead's bench and the kill test: submits N reports to a running server over HTTP through the
// JSON API (challenge → proof of work → POST), and returns every receipt the server acknowledged.
// HTTP steps, for any other client:
//   1. GET  /api/v1/antenna/{slug}/challenge            → { challenge }
//   2. find pow so that SHA-256(challenge + ":" + pow) has ≥ N leading zero bits (N = 4th dot-field)
//   3. POST /api/v1/antenna/{slug}/reports (JSON, see ReportBody in api.routes.ts) → 201 { reference, receipt }
// A challenge is single-use and valid for 30 minutes.
import { solveChallenge } from './guards.ts';

export interface IntakeOptions {
  baseUrl: string;
  slug: string;
  count: number;
  concurrency?: number;
  /** Called with each acknowledged receipt as soon as the server answered 201. */
  onReceipt?: (receipt: string) => void;
}

export interface IntakeResult {
  receipts: string[];
  failures: number;
  /** Milliseconds per acknowledged submission (the POST only), for percentiles. */
  latencies: number[];
  elapsedMs: number;
}

export function sampleReport(i: number) {
  return {
    serviceId: 'unknown',
    story: `Bench report ${i}: at the counter I was told to come back with someone who speaks Spanish.`,
    when: 'unknown',
    districtId: 'unknown',
    facilityId: 'unknown',
    grounds: ['unsure'],
    before: 'unsure' as const,
    wishes: ['counted'],
    referral: 'no' as const,
    mode: 'anonymous' as const,
  };
}

/**
 * Fetches and solves every challenge first (the proof of work is the client's cost, paid in each
 * person's browser, not the server's), then sends the reports with the given concurrency and times
 * only the submissions: reports/s and latencies measure the server.
 */
export async function submitReports(options: IntakeOptions): Promise<IntakeResult> {
  const prepared: { challenge: string; pow: string }[] = [];
  for (let i = 0; i < options.count; i++) {
    const c = await fetch(`${options.baseUrl}/api/v1/antenna/${options.slug}/challenge`);
    const { challenge } = (await c.json()) as { challenge: string };
    prepared.push({ challenge, pow: solveChallenge(challenge) });
  }
  const receipts: string[] = [];
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.count) {
      const i = next++;
      const t0 = performance.now();
      try {
        const response = await fetch(`${options.baseUrl}/api/v1/antenna/${options.slug}/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...prepared[i], ...sampleReport(i) }),
        });
        if (response.status !== 201) {
          failures++;
          continue;
        }
        const { receipt } = (await response.json()) as { receipt: string };
        receipts.push(receipt);
        latencies.push(performance.now() - t0);
        options.onReceipt?.(receipt);
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return { receipts, failures, latencies, elapsedMs: performance.now() - started };
}
