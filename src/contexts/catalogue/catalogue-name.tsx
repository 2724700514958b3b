// A name from the service catalogue (a department, a service, a facility) as a reader sees it: in their language
// when the catalogue has it, else in the territory's own language, marked with that language.
import { useView } from '../../platform/views/context.ts';
import { InLang } from '../../platform/views/lang.tsx';

export function CatalogueName({ entry }: { entry: { name: string; nameTranslations?: Partial<Record<string, string>> | null } }) {
  const { locale, territory } = useView();
  const translated = entry.nameTranslations?.[locale];
  return translated ? <>{translated}</> : <InLang lang={territory?.lang ?? null}>{entry.name}</InLang>;
}
