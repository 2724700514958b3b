import path from 'node:path';
import type { ContextManifest } from '../../platform/manifest.ts';
import { territoryApi } from './territory.routes.ts';
import { seedTerritories } from './territory.seed.ts';

export const territoriesManifest: ContextManifest = {
  name: 'territories',
  localesDir: path.join(import.meta.dirname, 'locales'),
  api: territoryApi,
  seedDemo: seedTerritories,
};
