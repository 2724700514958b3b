// The taxonomies the Agreement uses: areas of work and the languages organisations work in.
import type { Locale } from '../../platform/i18n/locales.ts';

/** Areas of work (keys translated as agreement.area.<key>). Networks and challenges use the same list. */
export const areasOfWork = [
  'housing',
  'homelessness',
  'children',
  'older-people',
  'disability',
  'migration',
  'employment',
  'food',
  'health',
  'gender',
  'caregiving',
  'education',
  'legal-advice',
  'participation',
  'poverty',
  'time-uses',
] as const;
export type AreaOfWork = (typeof areasOfWork)[number];

/** Languages an organisation can say it works in; names come from Intl.DisplayNames in the page's language. */
export const workingLanguages = ['ca', 'es', 'en', 'fr', 'ar', 'zgh', 'ro', 'ur', 'pa', 'bn', 'zh', 'tl', 'uk', 'ru', 'pt', 'wo', 'it'] as const;

const names = new Map<string, Intl.DisplayNames>();
export function languageName(code: string, locale: Locale): string {
  let n = names.get(locale);
  if (!n) names.set(locale, (n = new Intl.DisplayNames([locale], { type: 'language' })));
  return n.of(code) ?? code;
}

export function isAreaOfWork(value: string): value is AreaOfWork {
  return (areasOfWork as readonly string[]).includes(value);
}
