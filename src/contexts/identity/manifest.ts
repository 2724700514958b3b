import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { policy } from './permissions.ts';
import { identityHooks } from './identity.hooks.ts';
import { accountPages } from './account.routes.ts';
import { adminPages } from './admin.routes.ts';
import { tokenPages } from './tokens/token.routes.ts';
import { seedIdentity } from './identity.seed.ts';
import { identityApi } from './identity.api.ts';
import { accessLogApi } from './access-log.api.ts';
import * as tables from './identity.schema.ts';
import * as tokenTables from './tokens/token.schema.ts';
import { identityDesk } from './identity.portal.ts';

const pages: FastifyPluginAsync = async (app) => {
  await app.register(accountPages);
  await app.register(adminPages);
  await app.register(tokenPages);
};

export const identityManifest: ContextManifest = {
  name: 'identity',
  localesDir: path.join(import.meta.dirname, 'locales'),
  languages: 'all',
  tables: { ...tables, ...tokenTables },
  policy,
  hooks: identityHooks,
  pages,
  api: async (app) => {
    await app.register(identityApi);
    await app.register(accessLogApi);
  },
  desk: identityDesk,
  seedDemo: seedIdentity,
};
