import path from 'node:path';
import type { ContextManifest } from '../../platform/manifest.ts';
import { territoryApi, territoryPages } from './territory.routes.ts';
import { seedTerritories } from './territory.seed.ts';
import * as tables from './territory.schema.ts';

export const territoriesManifest: ContextManifest = {
  name: 'territories',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables: tables,
  pages: territoryPages,
  api: territoryApi,
  seedDemo: seedTerritories,
};
