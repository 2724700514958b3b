// Data shown in another language than the page's (a city's own name, a text typed in Catalan on an Arabic
// page): marked with its lang, and isolated so its direction does not disturb the sentence around it.
import type { ComponentChildren } from 'preact';
import { useView } from './context.ts';

export function InLang({ lang, children }: { lang: string | null | undefined; children: ComponentChildren }) {
  const { locale } = useView();
  if (!lang || lang === locale) return <>{children}</>;
  return (
    <span lang={lang} dir="auto">
      {children}
    </span>
  );
}

/**
 * The language of data typed in the territory (an organisation's name, a plan's measure): the one recorded with it
 * when there is one, else the territory's first language; undefined when that is the page's, so it can go straight
 * into a `lang` attribute (an option, a table cell, a map's area).
 */
export function useDataLang(recorded?: string | null): string | undefined {
  const { locale, territory } = useView();
  const lang = recorded || territory?.dataLang || territory?.lang;
  return lang && lang !== locale ? lang : undefined;
}

/** Data typed in the territory, marked with its language (see `useDataLang`). */
export function TerritoryText({ lang, children }: { lang?: string | null; children: ComponentChildren }) {
  return <InLang lang={useDataLang(lang)}>{children}</InLang>;
}

/** A text kept in several languages (language → text): the page's, else the first of `fallbacks`, else any; and which it is. */
export function pickIn(text: Partial<Record<string, string>> | null | undefined, locale: string, fallbacks: readonly string[] = ['en', 'ca', 'es']): { text: string; lang: string } {
  if (!text) return { text: '', lang: locale };
  for (const lang of [locale, ...fallbacks]) if (text[lang]) return { text: text[lang], lang };
  const any = Object.entries(text).find(([, value]) => value);
  return any ? { text: any[1]!, lang: any[0] } : { text: '', lang: locale };
}

/** A text kept in several languages, in the page's language when there is one, else marked with the one shown. */
export function InText({ text, fallbacks }: { text: Partial<Record<string, string>> | null | undefined; fallbacks?: readonly string[] }) {
  const { locale } = useView();
  const shown = pickIn(text, locale, fallbacks);
  return <InLang lang={shown.lang}>{shown.text}</InLang>;
}

/** A person's name (or an email address): the same in every language, so translation tools leave it alone. */
export function PersonName({ children }: { children: ComponentChildren }) {
  return <bdi {...noTranslate}>{children}</bdi>;
}

/** `translate="no"` (HTML), which Preact's element types do not list. */
const noTranslate = { translate: 'no' } as Record<string, string>;

/**
 * A name kept with its translations (a catalogue's department, service or facility): in the reader's language
 * when there is one, else as written, in the territory's own language, marked with it.
 */
export function TranslatedName({ entry }: { entry: { name: string; nameTranslations?: Partial<Record<string, string>> | null } }) {
  const { locale, territory } = useView();
  const translated = entry.nameTranslations?.[locale];
  return translated ? <>{translated}</> : <InLang lang={territory?.dataLang ?? territory?.lang ?? null}>{entry.name}</InLang>;
}

/**
 * A translated sentence with data in it ("Members of {organisation}"): `say` gets a placeholder for each piece of
 * data and returns the sentence; each piece is put back as given, so it can carry its own `lang`.
 */
export function Sentence({ say, data }: { say: (values: Record<string, string>) => string; data: Record<string, ComponentChildren> }) {
  const names = Object.keys(data);
  const text = say(Object.fromEntries(names.map((name, i) => [name, `\u2063${i}\u2063`])));
  const parts = text.split(/\u2063(\d+)\u2063/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <>{data[names[Number(part)]!]}</> : part))}</>;
}
