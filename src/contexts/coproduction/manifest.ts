import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { coproductionPolicy } from './permissions.ts';
import { eventPages } from './events/event.routes.ts';
import { debatePages } from './debates/debate.routes.ts';
import { statementPages } from './statements/statement.routes.ts';
import { coproductionApi } from './api.routes.ts';
import { coproductionWriteApi } from './api.write.routes.ts';
import { seedCoproduction } from './coproduction.seed.ts';
import * as tables from './coproduction.schema.ts';
import { coproductionDesk, coproductionPortal } from './coproduction.portal.ts';
import { registerPersonalData } from '../identity/data-rights.service.ts';
import { coproductionPersonalData } from './personal-data.ts';

registerPersonalData(coproductionPersonalData);

const pages: FastifyPluginAsync = async (app) => {
  await app.register(eventPages);
  await app.register(debatePages);
  await app.register(statementPages);
};

/** The JSON API: reads, and the actions through the same services as the pages. */
const api: FastifyPluginAsync = async (app) => {
  await app.register(coproductionApi);
  await app.register(coproductionWriteApi);
};

/** Co-production (Communicate): events and meetings with registration and calendars, moderated debates, and co-signed public statements. */
export const coproductionManifest: ContextManifest = {
  name: 'coproduction',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables,
  languages: 'all',
  policy: coproductionPolicy,
  pages,
  api,
  portal: coproductionPortal,
  desk: coproductionDesk,
  seedDemo: seedCoproduction,
};
