// Texts another context keeps in several languages (a network's name): the page's language, else the first there is.
export function pickText(text: Record<string, string> | null | undefined, locale: string): string {
  if (!text) return '';
  return text[locale] || text.en || text.ca || text.es || Object.values(text).find(Boolean) || '';
}

/** The language of the text `pickText` shows, so the page can mark it with lang="…". */
export function pickTextLang(text: Record<string, string> | null | undefined, locale: string): string {
  if (!text) return locale;
  return [locale, 'en', 'ca', 'es'].find((l) => text[l]) ?? Object.keys(text).find((l) => text[l]) ?? locale;
}
