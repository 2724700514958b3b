import path from 'node:path';
import type { ContextManifest } from '../../platform/manifest.ts';
import { policy } from './permissions.ts';
import { seedAudits } from './audits.seed.ts';
import { auditsPages } from './audits.routes.ts';
import { auditsApi } from './api.routes.ts';

export const auditsManifest: ContextManifest = {
  name: 'audits',
  localesDir: path.join(import.meta.dirname, 'locales'),
  policy,
  pages: auditsPages,
  api: auditsApi,
  seedDemo: seedAudits,
};
