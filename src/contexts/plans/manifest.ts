import path from 'node:path';
import type { ContextManifest } from '../../platform/manifest.ts';
import { policy } from './permissions.ts';
import { plansPages } from './plans.routes.ts';
import { plansApi } from './api.routes.ts';
import { seedPlans } from './plans.seed.ts';
import { plansDesk, plansPortal } from './plans.portal.ts';
import * as tables from './plans.schema.ts';
import { registerPersonalData } from '../identity/data-rights.service.ts';
import { plansPersonalData } from './personal-data.ts';

registerPersonalData(plansPersonalData);

/**
 * Plans: the Strategy for Inclusion and the Local Action Plan against Discrimination on one model, the
 * recommendations from findings to services, the follow-up that proves the change, and accountability in
 * public.
 */
export const plansManifest: ContextManifest = {
  name: 'plans',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables,
  // Core languages only for now: the public pages in fr, ro, zh, ur, uk and pt are still to be translated.
  languages: 'core',
  policy,
  pages: plansPages,
  api: plansApi,
  seedDemo: seedPlans,
  portal: plansPortal,
  desk: plansDesk,
};
