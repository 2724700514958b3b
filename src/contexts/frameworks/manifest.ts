import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { registerPersonalData } from '../identity/data-rights.service.ts';
import { frameworksPolicy } from './permissions.ts';
import { frameworkPages } from './framework.routes.ts';
import { frameworksApi } from './api.routes.ts';
import { frameworksWriteApi } from './api.write.routes.ts';
import { seedFrameworks } from './frameworks.seed.ts';
import * as tables from './frameworks.schema.ts';
import { frameworksDesk, frameworksPortal } from './frameworks.portal.ts';
import { frameworksPersonalData } from './personal-data.ts';

registerPersonalData(frameworksPersonalData);

const pages: FastifyPluginAsync = async (app) => {
  await app.register(frameworkPages);
};

/** Frameworks for joint action (Share): documents co-drafted in a network, in versions, with comments, amendments and endorsements. */
export const frameworksManifest: ContextManifest = {
  name: 'frameworks',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables,
  languages: 'all',
  policy: frameworksPolicy,
  pages,
  api: (async (app) => {
    await app.register(frameworksApi);
    await app.register(frameworksWriteApi);
  }) satisfies FastifyPluginAsync,
  portal: frameworksPortal,
  desk: frameworksDesk,
  seedDemo: seedFrameworks,
};
