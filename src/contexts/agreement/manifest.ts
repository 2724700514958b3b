import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { agreementPolicy } from './permissions.ts';
import { agreementPages } from './adhesion/agreement.routes.ts';
import { organisationPages } from './organisations/organisation.routes.ts';
import { networkPages } from './networks/network.routes.ts';
import { challengePages } from './challenges/challenge.routes.ts';
import { directoryPages } from './organisations/directory.routes.ts';
import { exportPages } from './organisations/export.routes.ts';
import { organisationListPages } from './organisations/organisation-list.routes.ts';
import { membershipPages } from './organisations/membership.routes.ts';
import { agreementApi } from './api.routes.ts';
import { agreementWriteApi } from './api.write.routes.ts';
import { agreementListsApi } from './api.lists.routes.ts';
import { seedAgreement } from './agreement.seed.ts';
import * as tables from './agreement.schema.ts';
import { agreementDesk, agreementPortal } from './agreement.portal.ts';
import { registerPersonalData } from '../identity/data-rights.service.ts';
import { challengePersonalData } from './challenges/challenge.service.ts';
import { networkPersonalData } from './networks/network.service.ts';
import { adhesionPersonalData } from './adhesion/adhesion.service.ts';
import { organisationPersonalData } from './organisations/organisation.service.ts';

// A person's challenges and meetings in their data download, their name replaced when they delete their account.
registerPersonalData(challengePersonalData);
registerPersonalData(networkPersonalData);
registerPersonalData(adhesionPersonalData);
registerPersonalData(organisationPersonalData);

const api: FastifyPluginAsync = async (app) => {
  await app.register(agreementApi);
  await app.register(agreementWriteApi);
  await app.register(agreementListsApi);
};

const pages: FastifyPluginAsync = async (app) => {
  await app.register(agreementPages);
  await app.register(membershipPages);
  await app.register(organisationPages);
  await app.register(networkPages);
  await app.register(challengePages);
  await app.register(directoryPages);
  await app.register(exportPages);
  await app.register(organisationListPages);
};

/** The Agreement (Know and Connect): organisations, adhesions, action networks, challenges and the directory. */
export const agreementManifest: ContextManifest = {
  name: 'agreement',
  localesDir: path.join(import.meta.dirname, 'locales'),
  languages: 'all',
  tables: tables,
  policy: agreementPolicy,
  pages,
  api,
  portal: agreementPortal,
  desk: agreementDesk,
  seedDemo: seedAgreement,
};
