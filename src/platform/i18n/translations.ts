// Texts stored per language: a name or description in other languages than the territory's own, by locale.
export type Translations = Partial<Record<string, string>>;

const defaultFallbacks = ['en', 'ca', 'es'] as const;

/** The text in the page's language, else in the first fallback there is, else in any language, with the language it is in (so the page can mark it). */
export function pickNamed(text: Translations | null | undefined, locale: string, fallbacks: readonly string[] = defaultFallbacks): { text: string; lang: string } {
  if (!text) return { text: '', lang: locale };
  for (const lang of [locale, ...fallbacks, ...Object.keys(text)]) {
    const value = text[lang];
    if (value) return { text: value, lang };
  }
  return { text: '', lang: locale };
}

/** The text in the page's language, else a fallback's, else any. */
export const pick = (text: Translations | null | undefined, locale: string, fallbacks?: readonly string[]): string => pickNamed(text, locale, fallbacks).text;

/** The language a text is actually shown in, so the page can mark it with lang="…". */
export const pickedLocale = (text: Translations | null | undefined, locale: string, fallbacks?: readonly string[]): string => pickNamed(text, locale, fallbacks).lang;
