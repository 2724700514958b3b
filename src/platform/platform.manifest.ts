import path from 'node:path';
import type { ContextManifest } from './manifest.ts';

/** The platform's own messages (layout, forms, errors, API page). */
export const platformManifest: ContextManifest = {
  name: 'platform',
  localesDir: path.join(import.meta.dirname, 'i18n', 'locales'),
  // The layout and error pages show on the antenna's pages, which speak every language.
  languages: 'all',
};
