// Texts another context keeps in several languages (a network's name): the page's language, else the first there is.
export function pickText(text: Record<string, string> | null | undefined, locale: string): string {
  if (!text) return '';
  return text[locale] || text.en || text.ca || text.es || Object.values(text).find(Boolean) || '';
}
