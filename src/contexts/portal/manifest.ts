import path from 'node:path';
import type { ContextManifest } from '../../platform/manifest.ts';
import { portalPolicy } from './permissions.ts';
import { portalPages } from './portal.routes.ts';

/** The front door: the home page, each territory's portal and feed, and each person's desk. Owns no tables. */
export const portalManifest: ContextManifest = {
  name: 'portal',
  localesDir: path.join(import.meta.dirname, 'locales'),
  languages: 'all',
  policy: portalPolicy,
  pages: portalPages,
};
