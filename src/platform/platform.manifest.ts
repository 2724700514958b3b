import path from 'node:path';
import type { ContextManifest } from './manifest.ts';
import * as platformTables from './platform.schema.ts';
import * as mailTables from './mail/mail.schema.ts';
import * as accessLogTables from './access-log/access-log.schema.ts';
import * as counterTables from './counters/counters.schema.ts';
import * as fileTables from './files/files.schema.ts';

/** The platform's own messages (layout, forms, errors, API page). */
export const platformManifest: ContextManifest = {
  name: 'platform',
  localesDir: path.join(import.meta.dirname, 'i18n', 'locales'),
  tables: { ...platformTables, ...mailTables, ...accessLogTables, ...counterTables, ...fileTables },
  // The layout and error pages show on the antenna's pages, which speak every language.
  languages: 'all',
};
