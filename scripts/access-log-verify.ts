// npm run access-log:verify [-- --checkpoint FILE] [--public-key KEY] — walks every chain of the access
// log, checks each chain's signed head (and, given one, a checkpoint kept elsewhere); prints the first
// problem and exits 2, or prints "chain intact". Safe beside a running server: PostgreSQL is opened
// read-only; with the embedded database held by a server, the server is asked over its socket.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/platform/db/client.ts';
import { DataDirLockedError } from '../src/platform/db/lock.ts';
import { describeCheck, verifyChain, type ChainCheck, type Checkpoint } from '../src/platform/access-log/access-log.ts';
import { verifyThroughServer } from '../src/platform/access-log/control-socket.ts';
import { loadSigner } from '../src/platform/access-log/signing.ts';

const { values } = parseArgs({ options: { checkpoint: { type: 'string' }, 'public-key': { type: 'string' } } });

async function check(): Promise<ChainCheck> {
  const config = loadConfig();
  const publicKey = values['public-key'] ?? loadSigner(config, { create: false }).publicKey;
  const checkpoint = values.checkpoint ? (JSON.parse(fs.readFileSync(values.checkpoint, 'utf8')) as Checkpoint) : undefined;
  const options = { publicKey, ...(checkpoint ? { checkpoint } : {}) };
  let databaseUrl = config.databaseUrl;
  if (databaseUrl) {
    // Read-only: the verifier can never write to the log it checks.
    const url = new URL(databaseUrl);
    url.searchParams.set('options', '-c default_transaction_read_only=on');
    databaseUrl = url.toString();
  }
  let database;
  try {
    database = await openDatabase({ databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  } catch (error) {
    if (error instanceof DataDirLockedError) return verifyThroughServer(config.dataDir, options);
    throw error;
  }
  try {
    return await verifyChain(database.db, options);
  } finally {
    await database.close();
  }
}

try {
  const result = await check();
  console.log(describeCheck(result));
  if (!result.ok) process.exitCode = 2;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
