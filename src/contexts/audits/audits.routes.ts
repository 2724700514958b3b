// The audits context's pages (under /:locale) and API (under /api/v1), each area in its own file.
import type { FastifyPluginAsync } from 'fastify';
import { maxEvidenceBytes } from './fieldwork/evidence.ts';
import { acceptUploads } from '../../platform/http/forms.ts';
import { hubPages } from './hub.routes.ts';
import { fieldworkPages } from './fieldwork/fieldwork.routes.ts';
import { findingPages } from './findings/finding.routes.ts';
import { networkPages } from './network/network.routes.ts';
import { instrumentPages } from './instruments/instrument.routes.ts';
import { campaignPages } from './campaigns/campaign.routes.ts';
import { selfAssessmentPages } from './self-assessment/self-assessment.routes.ts';

export const auditsPages: FastifyPluginAsync = async (app) => {
  await acceptUploads(app, maxEvidenceBytes);
  await app.register(hubPages);
  await app.register(fieldworkPages);
  await app.register(findingPages);
  await app.register(networkPages);
  await app.register(instrumentPages);
  await app.register(campaignPages);
  await app.register(selfAssessmentPages);
};
