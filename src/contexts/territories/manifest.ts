import path from 'node:path';
import type { ContextManifest } from '../../platform/manifest.ts';
import { territoryApi, territoryPages } from './territory.routes.ts';
import { seedTerritories } from './territory.seed.ts';
import * as tables from './territory.schema.ts';
import { findTerritory } from './territory.service.ts';

export const territoriesManifest: ContextManifest = {
  name: 'territories',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables: tables,
  // The home page and the territory pages are for every resident.
  languages: 'all',
  pages: territoryPages,
  api: territoryApi,
  seedDemo: seedTerritories,
  // The platform's scope check of every /t/:slug route asks this context which territory a slug is.
  hooks: async (app) => {
    app.territoryIdOf = async (slug) => (/^[a-z0-9-]{1,100}$/.test(slug) ? ((await findTerritory(app.database.db, slug))?.id ?? null) : null);
  },
};
