// The access log at start: the signing key from the configuration (never the database), heads left
// unsigned by an older version signed once, and a signed checkpoint written every hour for the
// operator to copy somewhere the platform cannot write.
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { scheduleJob } from '../jobs/schedule.ts';
import { makeCheckpoint, signUnsignedHeads, useSigner } from './access-log.ts';
import { loadSigner } from './signing.ts';

export const checkpointIntervalMs = 60 * 60 * 1000;

/** Writes one checkpoint file (readable by the operator only) and answers its path. */
export async function writeCheckpoint(app: FastifyInstance): Promise<string> {
  const checkpoint = await makeCheckpoint(app.database.db);
  await fs.mkdir(app.config.accessLogCheckpointDir, { recursive: true });
  const file = path.join(app.config.accessLogCheckpointDir, `access-log-checkpoint-${checkpoint.at.replace(/[:.]/g, '-')}.json`);
  await fs.writeFile(file, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o600 });
  return file;
}

export const accessLogPlugin = fp(
  async (app) => {
    const key = app.config.accessLogKey;
    const existed = key.kind === 'file' && existsSync(key.path);
    useSigner(loadSigner(app.config, { create: true }));
    // Each instance of one deployment must sign with the same key, or its heads fail the others' verification.
    if (app.config.env === 'production' && key.kind === 'file') {
      app.log.warn(
        `access log: ACCESS_LOG_SIGNING_KEY is not set; this instance signs with the key file ${key.path}${existed ? '' : ' (made now)'}. ` +
          'Every instance of one deployment must share one key: set ACCESS_LOG_SIGNING_KEY to the same value on each, and keep a copy offline',
      );
    }
    const signed = await signUnsignedHeads(app.database.db);
    if (signed > 0) app.log.warn(`access log: signed ${signed} head(s) written before heads were signed; run npm run access-log:verify`);
    if (app.config.env !== 'test') scheduleJob(app, 'access log checkpoint', checkpointIntervalMs, async () => void (await writeCheckpoint(app)));
  },
  { name: 'access-log' },
);
