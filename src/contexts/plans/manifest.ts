import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { policy } from './permissions.ts';
import { plansPages } from './plans.routes.ts';
import { plansApi } from './api.routes.ts';
import { plansWriteApi } from './api.write.routes.ts';
import { seedPlans } from './plans.seed.ts';
import { plansDesk, plansPortal } from './plans.portal.ts';
import * as tables from './plans.schema.ts';
import { registerPersonalData } from '../identity/data-rights.service.ts';
import { plansPersonalData } from './personal-data.ts';

registerPersonalData(plansPersonalData);

/** The JSON API: reads, and the actions through the same services as the pages. */
const api: FastifyPluginAsync = async (app) => {
  await app.register(plansApi);
  await app.register(plansWriteApi);
};

/**
 * Plans: the Strategy for Inclusion and the Local Action Plan against Discrimination on one model, the
 * recommendations from findings to services, the follow-up that proves the change, and accountability in
 * public.
 */
export const plansManifest: ContextManifest = {
  name: 'plans',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables,
  languages: 'all',
  policy,
  pages: plansPages,
  api,
  seedDemo: seedPlans,
  portal: plansPortal,
  desk: plansDesk,
};
