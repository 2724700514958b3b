// Texts another context keeps in several languages (a network's name): the page's language, else the first there
// is, with the language it is in so that the page can mark it.
export function pickNamed(text: Record<string, string> | null | undefined, locale: string): { text: string; lang: string } {
  if (!text) return { text: '', lang: locale };
  for (const lang of [locale, 'en', 'ca', 'es', ...Object.keys(text)]) if (text[lang]) return { text: text[lang], lang };
  return { text: '', lang: locale };
}

export const pickText = (text: Record<string, string> | null | undefined, locale: string): string => pickNamed(text, locale).text;
