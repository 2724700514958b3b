// Start: config → database → migrations → demo data on first start → app → listen.
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './platform/db/client.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import net from 'node:net';
import path from 'node:path';
import { initialiseIfNew } from './platform/db/seed.ts';
import { isDemoInstallation, startBlock } from './platform/db/first-run.ts';
import { writeSecretFile } from './platform/crypto/secret-file.ts';
import { buildApp, manifests } from './app.ts';
import { startControlSocket } from './platform/access-log/control-socket.ts';

async function main() {
  const started = performance.now();
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize, replicaUrl: config.databaseReplicaUrl, replicaPoolSize: config.databaseReplicaPoolSize });
  await database.migrate();
  const notices: string[] = [];
  const keepSecret = (name: string, content: string) => writeSecretFile(path.join(config.dataDir, 'secrets'), name, content);
  const seeded = await initialiseIfNew(database.db, manifests, config.seedDemo, (line) => console.log(`  ${line}`), (line) => notices.push(line), keepSecret);
  if (seeded) console.log('Demo data loaded.');
  const app = await buildApp({ config, database });
  let stopping = false;
  let stopSocket: (() => Promise<void>) | null = null;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    if (signal === 'SIGTERM' && config.shutdownDrainSeconds > 0) await drain(config.shutdownDrainSeconds * 1000);
    await stopSocket?.();
    await app.close();
    await database.close();
    process.exit(0);
  };
  // Draining (a rolling restart): stop accepting connections, but leave the open ones open (an idle keep-alive
  // connection closed by this side could meet a request the load balancer is sending on it, which it may not resend),
  // answer each once more with Connection: close, and wait until the load balancer has closed its idle ones.
  const drain = (ms: number) =>
    new Promise<void>((resolve) => {
      app.draining = true;
      const timer = setTimeout(resolve, ms);
      net.Server.prototype.close.call(app.server, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // The embedded database is this process's alone: npm run access-log:verify asks through a socket.
  if (database.engine === 'pglite') stopSocket = await startControlSocket(app);
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseReplicaUrl ? 'PostgreSQL (DATABASE_URL, public reads from DATABASE_REPLICA_URL)' : config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}`;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`Coproduce is running on ${where} (ready in ${Math.round(performance.now() - started)} ms).`);
  // Last, in one short block: where to open it and how to sign in. The notices are shown on the first start
  // only (the demo administrator's password): nothing keeps them in clear text.
  const block = startBlock({ url: `http://localhost:${port}/`, signIn: notices.join('\n') || null, demo: await isDemoInstallation(database.db), embedded: !config.databaseUrl });
  for (const line of block) console.log(line);
}

main().catch((error: unknown) => {
  if (error instanceof DataDirLockedError || error instanceof ConfigError) {
    console.error(`Coproduce cannot start: ${error.message}`);
  } else {
    console.error('Coproduce cannot start:', error);
  }
  process.exit(1);
});
