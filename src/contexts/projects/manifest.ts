import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { projectsPolicy } from './permissions.ts';
import { projectPages } from './projects/project.routes.ts';
import { projectEditPages } from './projects/project-edit.routes.ts';
import { aidPages } from './volunteering/aid.routes.ts';
import { projectsApi } from './api.routes.ts';
import { projectsWriteApi } from './api.write.routes.ts';
import { seedProjects } from './projects.seed.ts';
import * as tables from './projects.schema.ts';
import { projectsDesk, projectsPortal } from './projects.portal.ts';
import { registerPersonalData } from '../identity/data-rights.service.ts';
import { projectsPersonalData } from './personal-data.ts';

registerPersonalData(projectsPersonalData);

const pages: FastifyPluginAsync = async (app) => {
  await app.register(projectPages);
  await app.register(projectEditPages);
  await app.register(aidPages);
};

/** Co-production (Co-produce): joint projects of organisations and the council, and volunteering and mutual aid. */
export const projectsManifest: ContextManifest = {
  name: 'projects',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables,
  languages: 'all',
  policy: projectsPolicy,
  pages,
  api: (async (app) => {
    await app.register(projectsApi);
    await app.register(projectsWriteApi);
  }) satisfies FastifyPluginAsync,
  portal: projectsPortal,
  desk: projectsDesk,
  seedDemo: seedProjects,
};
