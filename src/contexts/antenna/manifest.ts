import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { getOrCreateSecret } from '../../platform/crypto/secrets.ts';
import { policy } from './permissions.ts';
import { reportPages } from './report.routes.ts';
import { triagePages } from './triage.routes.ts';
import { antennaApi } from './api.routes.ts';
import { antennaCasesApi } from './api.cases.routes.ts';
import { databaseCounterStore } from '../../platform/counters/counters.ts';
import { counterPrefix, createGuards, redisCounterStore } from './guards.ts';
import { startPurgeSchedule } from './retention.ts';
import { seedAntenna } from './antenna.seed.ts';
import * as tables from './antenna.schema.ts';
import { antennaDesk, antennaPortal } from './antenna.portal.ts';

/** App-wide: the abuse guards (shared through the platform's Redis when there is one, else the database) and the hourly retention purge. */
const hooks: FastifyPluginAsync = async (app) => {
  const secret = await getOrCreateSecret(app.database.db, 'antenna-pow');
  let warned = false;
  // Without Redis (or while it does not answer) the database counts: shared, atomic, kept over a restart.
  const database = databaseCounterStore(app.database.db);
  const store = app.redis
    ? redisCounterStore(app.redis, counterPrefix(secret), database, () => {
        if (!warned) app.log.warn('antenna counters: Redis does not answer; counting in the database until it does');
        warned = true;
      })
    : database;
  app.decorate('antennaGuards', createGuards(secret, store));
  startPurgeSchedule(app);
};

const pages: FastifyPluginAsync = async (app) => {
  await app.register(reportPages);
  await app.register(triagePages);
};

export const antennaManifest: ContextManifest = {
  name: 'antenna',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables: tables,
  languages: 'all',
  policy,
  hooks,
  pages,
  api: (async (app) => {
    await app.register(antennaApi);
    await app.register(antennaCasesApi);
  }) satisfies FastifyPluginAsync,
  portal: antennaPortal,
  desk: antennaDesk,
  seedDemo: seedAntenna,
};
