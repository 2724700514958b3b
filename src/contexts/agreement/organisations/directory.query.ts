// What a typed question to the directory asks: the words worth searching (without the words every question has),
// and the district and area of work it names, as filters. "Qui treballa en habitatge a Nou Barris?" asks for the
// area housing in the district Nou Barris. Also: which words of a text to highlight as the reason it matched.

/** Letters and digits only, without accents, in lower case: how PostgreSQL's simple parser and unaccent see words. */
export function tokens(text: string | undefined): string[] {
  return (text ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Words of questions and connecting words in the core languages, unaccented, at least 3 letters (shorter words are
 * never searched). Only words no organisation is found by: "associació" or "casa" are not here.
 */
const stopWordLists: Record<'ca' | 'es' | 'en' | 'ar', string> = {
  ca: 'qui que quin quina quins quines quan com per perque amb als dels les els una uns unes sobre entre cap fins des mes molt tot tota tots totes hi ha han hem son esta estan treballa treballen treballar fa fan fer ajuden ajudar dona donen ofereix ofereixen puc podem on busco cerco vull hauria alguna algun alguns algunes entitat entitats organitzacio organitzacions districte',
  es: 'quien quienes que cual cuales cuando como donde para por porque con los las del una uno unos unas sobre entre hasta desde mas muy todo toda todos todas hay esta estan trabaja trabajan trabajar hace hacen hacer ayudan ayudar ofrece ofrecen puedo podemos busco quiero alguna alguno algunos algunas entidad entidades organizacion organizaciones distrito',
  en: 'who whom what which when where why how the and for with from about into onto that this these those there are is was were works working does helps helping offer offers can could any some anyone someone organisation organisations organization organizations near neighbourhood neighborhood district',
  ar: 'من في على الى إلى عن مع هل ما ماذا اين أين متى كيف التي الذي الذين هذا هذه هناك يعمل تعمل يعملون يساعد تساعد يقدم تقدم اي أي منظمة منظمات جمعية حي',
};
export const stopWords: ReadonlySet<string> = new Set(Object.values(stopWordLists).flatMap((list) => tokens(list)));

export interface NamedFilter<K extends string = string> {
  key: K;
  /** Its names, in every language it is shown in (district names; area labels in the core languages). */
  names: string[];
}

export interface UnderstoodQuery {
  /** The words to search, unaccented, at least 3 letters, at most 6. */
  terms: string[];
  /** The district the question names, when no district was chosen. */
  district: string | null;
  /** The area of work the question names, when no area was chosen. */
  area: string | null;
}

/** Where the words of `name` stand in a row in `words`, first found; -1 when not. */
function findPhrase(words: string[], name: string[]): number {
  if (name.length === 0) return -1;
  for (let i = 0; i + name.length <= words.length; i++) if (name.every((w, j) => words[i + j] === w)) return i;
  return -1;
}

/** Finds the longest name of a filter in the words, takes it out and says which filter it was. */
function takeFilter(words: string[], filters: NamedFilter[]): { key: string | null; rest: string[] } {
  const candidates = filters.flatMap((f) => f.names.map((n) => ({ key: f.key, name: tokens(n) }))).sort((a, b) => b.name.length - a.name.length);
  for (const { key, name } of candidates) {
    const at = findPhrase(words, name);
    if (at !== -1) return { key, rest: [...words.slice(0, at), ...words.slice(at + name.length)] };
  }
  return { key: null, rest: words };
}

export function understandQuery(q: string | undefined, options: { districts: NamedFilter[]; areas: NamedFilter[]; districtChosen: boolean; areaChosen: boolean }): UnderstoodQuery {
  let words = tokens(q);
  let district: string | null = null;
  let area: string | null = null;
  if (!options.districtChosen) ({ key: district, rest: words } = takeFilter(words, options.districts));
  if (!options.areaChosen) ({ key: area, rest: words } = takeFilter(words, options.areas));
  const terms = [...new Set(words.filter((w) => [...w].length >= 3 && !stopWords.has(w)))].slice(0, 6);
  return { terms, district, area };
}

/** A text cut into parts, those that made it match marked: each word found, or a word that begins with a term. */
export function highlight(text: string, words: ReadonlySet<string>, prefixes: readonly string[]): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const [word] = tokens(match[0]);
    if (!word || !(words.has(word) || prefixes.some((p) => [...p].length >= 4 && word.startsWith(p)))) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index), mark: false });
    parts.push({ text: match[0], mark: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), mark: false });
  return parts;
}
