import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { acceptUploads } from '../../platform/http/forms.ts';
import { policy } from './permissions.ts';
import { cataloguePages } from './catalogue.routes.ts';
import { catalogueApi } from './catalogue.api.ts';
import { seedCatalogues } from './catalogue.seed.ts';
import * as tables from './catalogue.schema.ts';

/** The catalogue's CSV import is its only upload; the same bound as the audits' evidence files. */
const maxImportBytes = 8 * 1024 * 1024;

const pages: FastifyPluginAsync = async (app) => {
  await acceptUploads(app, maxImportBytes);
  await app.register(cataloguePages);
};

/**
 * The municipal service catalogue: departments → services → facilities, and the service managers who
 * answer for a service. The audits, the antenna, the diagnosis and the plans refer to it.
 */
export const catalogueManifest: ContextManifest = {
  name: 'catalogue',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables,
  languages: 'all',
  policy,
  pages,
  api: catalogueApi,
  seedDemo: seedCatalogues,
};
