import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { policy } from './permissions.ts';
import { seedAudits } from './audits.seed.ts';
import { auditsPages } from './audits.routes.ts';
import { auditsApi } from './api.routes.ts';
import { auditsWriteApi } from './api.write.routes.ts';
import { auditsFieldworkApi } from './api.fieldwork.routes.ts';
import { selfAssessmentApi } from './self-assessment/self-assessment.api.ts';
import { auditsCampaignsApi } from './api.campaigns.routes.ts';
import { startAuditorRetentionSchedule } from './retention.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import * as tables from './audit.schema.ts';
import { auditsDesk, auditsPortal } from './audits.portal.ts';
import { registerPersonalData } from '../identity/data-rights.service.ts';
import { auditsPersonalData } from './personal-data.ts';

// Enrolments, trainings and visits as auditor in a person's download; the enrolment anonymised when they delete their account.
registerPersonalData(auditsPersonalData(recordAccess));

/** App-wide: the hourly purge of auditors' personal data past the territory's retention period. */
const hooks: FastifyPluginAsync = async (app) => {
  startAuditorRetentionSchedule(app, recordAccess);
};

/** The JSON API: reads, and the actions through the same services as the pages. */
const api: FastifyPluginAsync = async (app) => {
  await app.register(auditsApi);
  await app.register(auditsWriteApi);
  await app.register(auditsFieldworkApi);
  await app.register(selfAssessmentApi);
  await app.register(auditsCampaignsApi);
};

export const auditsManifest: ContextManifest = {
  name: 'audits',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables: tables,
  languages: 'all',
  policy,
  hooks,
  pages: auditsPages,
  api,
  portal: auditsPortal,
  desk: auditsDesk,
  seedDemo: seedAudits,
};
