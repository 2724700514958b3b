// What the browser journeys, the bench and the process tests share to start the real server as its own process:
// the environment of a production server with the demo data on the loopback address, and the wait for /readyz.
import type { ChildProcess } from 'node:child_process';

/** A production server (NODE_ENV=production, so its real security settings) with the demo data, on 127.0.0.1. */
export function demoServerEnv(options: { port: number; dataDir: string; rateLimitPerMinute?: number }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    // Production loads the demo data only when asked by name.
    SEED_DEMO: 'true',
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'warn',
    // The tests and the bench measure the routes, not the per-client limit (the strict per-route limits stay).
    RATE_LIMIT_PER_MINUTE: String(options.rateLimitPerMinute ?? 100_000),
  };
}

/**
 * Waits until the server at `baseUrl` answers /readyz, failing early if its process stops; the error carries what
 * the process printed (`output`), which says why.
 */
export async function waitUntilReady(baseUrl: string, options: { child?: ChildProcess; seconds: number; output?: () => string; everyMs?: number }): Promise<void> {
  const deadline = Date.now() + options.seconds * 1000;
  const printed = () => (options.output ? `:\n${options.output()}` : '');
  for (;;) {
    if (options.child && options.child.exitCode !== null) throw new Error(`The server stopped before it was ready${printed()}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The server was not ready within ${options.seconds} s${printed()}`);
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 200));
  }
}
