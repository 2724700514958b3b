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
 * A name kept with its translations (a catalogue's department, service or facility): in the reader's language
 * when there is one, else as written, in the territory's own language, marked with it.
 */
export function TranslatedName({ entry }: { entry: { name: string; nameTranslations?: Partial<Record<string, string>> | null } }) {
  const { locale, territory } = useView();
  const translated = entry.nameTranslations?.[locale];
  return translated ? <>{translated}</> : <InLang lang={territory?.lang ?? null}>{entry.name}</InLang>;
}
