import path from 'node:path';
import type { ContextManifest } from '../../platform/manifest.ts';
import { territoryApi } from './territory.routes.ts';
import { seedTerritories } from './territory.seed.ts';
import * as tables from './territory.schema.ts';
import { findTerritory } from './territory.service.ts';
import { policy } from './permissions.ts';
import { territoriesDesk } from './territories.desk.ts';
import { securitySettingsPages } from './security-settings.routes.ts';

export const territoriesManifest: ContextManifest = {
  name: 'territories',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables: tables,
  // Its texts (district names, the map) show on the portal's pages, which are for every resident.
  languages: 'all',
  api: territoryApi,
  policy,
  // The territory admin's settings (the idle period of sessions that read personal data).
  pages: securitySettingsPages,
  desk: territoriesDesk,
  seedDemo: seedTerritories,
  // The platform's scope check of every /t/:slug route asks this context which territory a slug is.
  hooks: async (app) => {
    app.territoryIdOf = async (slug) => (/^[a-z0-9-]{1,100}$/.test(slug) ? ((await findTerritory(app.database.db, slug))?.id ?? null) : null);
  },
};
