import path from 'node:path';
import type { ContextManifest } from '../../platform/manifest.ts';
import { territoryApi, territoryPages } from './territory.routes.ts';
import { seedTerritories } from './territory.seed.ts';

export const territoriesManifest: ContextManifest = {
  name: 'territories',
  localesDir: path.join(import.meta.dirname, 'locales'),
  // The home page and the territory pages are for every resident.
  languages: 'all',
  pages: territoryPages,
  api: territoryApi,
  seedDemo: seedTerritories,
};
