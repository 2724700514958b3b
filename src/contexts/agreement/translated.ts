// Texts kept in several languages: pick the page's language, else the territory's first, else any.
import type { Translated } from './agreement.schema.ts';

export function pick(text: Translated | null | undefined, locale: string, fallbacks: readonly string[] = ['en', 'ca', 'es']): string {
  if (!text) return '';
  const exact = text[locale];
  if (exact) return exact;
  for (const l of fallbacks) if (text[l]) return text[l]!;
  return Object.values(text).find((v) => v) ?? '';
}

/** The language a text is actually shown in, so the page can mark it with lang="…". */
export function pickedLocale(text: Translated | null | undefined, locale: string, fallbacks: readonly string[] = ['en', 'ca', 'es']): string {
  if (!text) return locale;
  if (text[locale]) return locale;
  for (const l of fallbacks) if (text[l]) return l;
  return Object.keys(text).find((k) => text[k]) ?? locale;
}

/** Lines of a multi-line text, without blanks. */
export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^[-•✓*]\s*/, '').trim())
    .filter(Boolean);
}
