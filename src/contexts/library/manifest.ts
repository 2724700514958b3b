import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { registerPersonalData } from '../identity/data-rights.service.ts';
import { libraryPolicy } from './permissions.ts';
import { libraryPages } from './library.routes.ts';
import { libraryApi } from './api.routes.ts';
import { libraryWriteApi } from './api.write.routes.ts';
import { seedLibrary } from './library.seed.ts';
import * as tables from './library.schema.ts';
import { libraryDesk, libraryPortal } from './library.portal.ts';
import { libraryPersonalData } from './personal-data.ts';

registerPersonalData(libraryPersonalData);

const pages: FastifyPluginAsync = async (app) => {
  await app.register(libraryPages);
};

/** The knowledge library (Share): initiatives, experiences, guides, studies and tools shared by organisations, networks and the council. */
export const libraryManifest: ContextManifest = {
  name: 'library',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables,
  languages: 'all',
  policy: libraryPolicy,
  pages,
  api: (async (app) => {
    await app.register(libraryApi);
    await app.register(libraryWriteApi);
  }) satisfies FastifyPluginAsync,
  portal: libraryPortal,
  desk: libraryDesk,
  seedDemo: seedLibrary,
};
