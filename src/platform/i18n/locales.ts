// The languages the platform speaks. A territory enables a subset of them in its settings.
/** Every language the platform can speak. Public pages for residents (the antenna) speak all of them. */
export const locales = ['ca', 'es', 'en', 'fr', 'ar', 'ro', 'zh', 'ur', 'uk', 'pt'] as const;
export type Locale = (typeof locales)[number];
/** Every context is complete in these; a context whose manifest says languages: 'all' is complete in every locale. */
export const coreLocales = ['ca', 'es', 'en', 'ar'] as const satisfies readonly Locale[];
export const defaultLocale: Locale = 'en';

const rtl = new Set(['ar', 'ur', 'fa', 'he']);

export const localeNames: Record<Locale, string> = {
  ca: 'Català',
  es: 'Español',
  en: 'English',
  fr: 'Français',
  ar: 'العربية',
  ro: 'Română',
  zh: '中文',
  ur: 'اردو',
  uk: 'Українська',
  pt: 'Português',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

export function direction(locale: string): 'rtl' | 'ltr' {
  return rtl.has(locale) ? 'rtl' : 'ltr';
}

/** Picks the best supported locale from an Accept-Language header (RFC 9110 quality values). */
export function negotiate(header: string | undefined): Locale {
  if (!header) return defaultLocale;
  const ranges = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, order };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  for (const { tag } of ranges) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}

/** The core language (ca, es, en, ar) a person reads best after `locale`, from Accept-Language; English otherwise. */
export function coreFallback(header: string | undefined, locale: Locale): Locale {
  const core = coreLocales as readonly string[];
  for (const part of (header ?? '').split(',')) {
    const [tag = ''] = part.trim().split(';');
    const primary = tag.toLowerCase().split('-')[0]!;
    if (primary !== locale && core.includes(primary) && !/;\s*q=0(\.0*)?\s*$/.test(part)) return primary as Locale;
  }
  return defaultLocale;
}
