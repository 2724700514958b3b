import path from 'node:path';
import type { ContextManifest } from '../../platform/manifest.ts';
import { policy } from './permissions.ts';
import { subscriptions } from './diagnosis.facts.ts';
import { diagnosisApi, diagnosisPages } from './diagnosis.routes.ts';
import { closePdfBrowser } from './diagnosis.pdf.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { setDiagnosisAccessLogger } from './access-log.ts';
import * as tables from './diagnosis.schema.ts';
import { diagnosisDesk, diagnosisPortal } from './diagnosis.portal.ts';
import { registerPersonalData } from '../identity/data-rights.service.ts';
import { diagnosisPersonalData } from './diagnosis.service.ts';

// Diagnoses prepared, votes and comments in a person's download; their name removed when they delete their account.
registerPersonalData(diagnosisPersonalData);

// Exact figures and research extracts are recorded in the platform's hash-chained access log.
setDiagnosisAccessLogger({ recordAccess });

/**
 * The diagnosis: aggregates, maps, published diagnoses and open data. Its data comes only through
 * domain events from audits and the antenna, so it has no demo seed of its own: the demo picture
 * appears when those contexts' seeds publish their facts.
 */
export const diagnosisManifest: ContextManifest = {
  name: 'diagnosis',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables: tables,
  languages: 'all',
  policy,
  subscriptions,
  pages: diagnosisPages,
  portal: diagnosisPortal,
  desk: diagnosisDesk,
  api: diagnosisApi,
  hooks: async (app) => {
    app.addHook('onClose', async () => closePdfBrowser());
  },
};
