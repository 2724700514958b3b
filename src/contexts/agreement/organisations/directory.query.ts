// What a typed question to the directory asks: the words worth searching (without the words every question has),
// and the district and area of work it names, as filters. "Qui treballa en habitatge a Nou Barris?" asks for the
// area housing in the district Nou Barris. Also: which words of a text to highlight as the reason it matched.

import { createRequire } from 'node:module';

/** stopwords-iso: a JSON object of stop-word lists by ISO 639-1 code. */
const isoStopWords = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[] | undefined>;

/** Han script: Chinese is written without spaces, so its words are found by the segmenter. */
const han = /\p{Script=Han}/u;
const hanSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** A word of a text, unaccented and in lower case, with where it stands in the text. */
export interface Word {
  word: string;
  start: number;
  end: number;
}

/** The words of a text with their place in it: letters and digits only, without accents, in lower case. */
export function words(text: string | undefined): Word[] {
  const found: Word[] = [];
  for (const match of (text ?? '').matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const pieces = han.test(match[0]) ? [...hanSegmenter.segment(match[0])].filter((s) => s.isWordLike).map((s) => ({ text: s.segment, at: s.index })) : [{ text: match[0], at: 0 }];
    for (const piece of pieces) {
      const word = piece.text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      if (word) found.push({ word, start: match.index + piece.at, end: match.index + piece.at + piece.text.length });
    }
  }
  return found;
}

/** Letters and digits only, without accents, in lower case: how PostgreSQL's simple parser and unaccent see words. */
export function tokens(text: string | undefined): string[] {
  return words(text).map((w) => w.word);
}

/** Long enough to search: 3 letters, or 2 Chinese characters (a Chinese word is often two). */
export const searchable = (word: string) => [...word].length >= (han.test(word) ? 2 : 3);

/** The languages whose stop words are dropped: every language the platform speaks. */
const stopWordLanguages = ['ca', 'es', 'en', 'ar', 'fr', 'ro', 'zh', 'ur', 'uk', 'pt'] as const;

/**
 * Words of questions in every language, unaccented, that the general lists below miss: "treballa",
 * "organitzacions", "districte". Only words no organisation is found by.
 */
const questionWords: Record<'ca' | 'es' | 'en' | 'ar' | 'zh' | 'fr' | 'pt' | 'ro' | 'uk' | 'ur', string> = {
  ca: 'qui que quin quina quins quines quan com per perque amb als dels les els una uns unes sobre entre cap fins des mes molt tot tota tots totes hi ha han hem son esta estan treballa treballen treballar fa fan fer ajuden ajudar dona donen ofereix ofereixen puc podem on busco cerco vull hauria alguna algun alguns algunes entitat entitats organitzacio organitzacions districte',
  es: 'quien quienes que cual cuales cuando como donde para por porque con los las del una uno unos unas sobre entre hasta desde mas muy todo toda todos todas hay esta estan trabaja trabajan trabajar hace hacen hacer ayudan ayudar ofrece ofrecen puedo podemos busco quiero alguna alguno algunos algunas entidad entidades organizacion organizaciones distrito',
  en: 'who whom what which when where why how the and for with from about into onto that this these those there are is was were works working does helps helping offer offers can could any some anyone someone organisation organisations organization organizations near neighbourhood neighborhood district',
  ar: 'من في على الى إلى عن مع هل ما ماذا اين أين متى كيف التي الذي الذين هذا هذه هناك يعمل تعمل يعملون يساعد تساعد يقدم تقدم اي أي منظمة منظمات جمعية حي',
  fr: 'travaille travaillent aide aident propose proposent quartier association associations organisme organismes',
  pt: 'trabalha trabalham ajudam oferece oferecem bairro entidade entidades organizacao organizacoes',
  ro: 'cine lucreaza lucreza ajuta ofera cartier organizatie organizatii',
  uk: 'хто працює працюють допомагає допомагають пропонує район організація організації',
  ur: 'کون کام کرتا کرتی کرتے ہے ہیں میں',
  zh: '谁 哪些 哪个 哪里 什么 从事 工作 机构 组织 团体 区 在 的 和 有',
};

/**
 * Words of the general lists (stopwords-iso) that organisations are found by, kept as search words: the lists are
 * broad ("work", "home", "help", "nova" and "primer" are in them).
 */
const neverStopWords = new Set(
  tokens(
    'help home homes group grupo world nova nuevo old man men women place right rights part parte line open first second problem problems information case cases year dia primer sense sola hora forma contra nou nous veu gran pas sec care work trabajo trabalho empleo tiempo tempo young older personnes pessoas sem sans fara',
  ),
);

/** The question words above, unaccented: always dropped. */
const questionStopWords: ReadonlySet<string> = new Set(
  Object.values(questionWords)
    .flatMap((list) => tokens(list))
    .filter(searchable),
);

/** Every language's list from stopwords-iso, unaccented, long enough to be searched, less the words kept above. */
const generalStopWords: ReadonlySet<string> = new Set(
  stopWordLanguages
    .flatMap((l) => isoStopWords[l] ?? [])
    .flatMap((w) => tokens(w))
    .filter((w) => searchable(w) && !neverStopWords.has(w)),
);

/** Stop words: the question words and the general lists (a word of an area's label is kept: see `understandQuery`). */
export const stopWords: ReadonlySet<string> = new Set([...questionStopWords, ...generalStopWords]);

/** Chinese characters that are stop words alone ("谁", "在"): the segmenter may join them to the next word ("谁在"). */
const hanStopCharacters: ReadonlySet<string> = new Set(
  [...(isoStopWords.zh ?? []), ...questionWords.zh.split(' ')].filter((w) => [...w].length === 1 && han.test(w)),
);

/** A Chinese word without the stop characters it begins or ends with. */
function trimHan(word: string): string {
  const chars = [...word];
  while (chars.length && hanStopCharacters.has(chars[0]!)) chars.shift();
  while (chars.length && hanStopCharacters.has(chars.at(-1)!)) chars.pop();
  return chars.join('');
}

/** A word dropped from a question: a question word, or a general stop word that is not a word of an area's label. */
function isStopWord(word: string, labelWords: ReadonlySet<string>): boolean {
  return questionStopWords.has(word) || (generalStopWords.has(word) && !labelWords.has(word));
}

export interface NamedFilter<K extends string = string> {
  key: K;
  /** Its names, in every language it is shown in (district names; area labels in every language). */
  names: string[];
}

export interface UnderstoodQuery {
  /** The words to search, unaccented, at least 3 letters (2 Chinese characters), at most 6. */
  terms: string[];
  /** The district the question names, when no district was chosen. */
  district: string | null;
  /** The area of work the question names, when no area was chosen. */
  area: string | null;
  /** The question without the words that named the district (or the area): what is searched once that filter is removed. */
  withoutDistrict: string | null;
  withoutArea: string | null;
}

/** Edit distance (insertions, deletions, substitutions, swaps of two neighbours), given up past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous = y.map((_, j) => j + 1);
  previous.unshift(0);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, previous2[j - 2]! + 1);
      row.push(d);
    }
    if (Math.min(...row) > max) return max + 1;
    previous2 = previous;
    previous = row;
  }
  return previous[y.length]!;
}

/**
 * How many typos a name may carry and still be recognised: none below 7 letters ("Sants" is not "Santa"), one
 * up to 11, two from 12. Each word must begin with the right letter.
 */
function typosAllowed(name: string[]): number {
  const letters = name.reduce((n, w) => n + [...w].length, 0);
  return letters >= 12 ? 2 : letters >= 7 ? 1 : 0;
}

/** Where the words of `name` stand in a row in `typed`, first found (exactly, or with the typos allowed); -1 when not. */
function findPhrase(typed: string[], name: string[], fuzzy: boolean): number {
  if (name.length === 0) return -1;
  const allowed = fuzzy ? typosAllowed(name) : 0;
  for (let i = 0; i + name.length <= typed.length; i++) {
    let typos = 0;
    for (let j = 0; j < name.length && typos <= allowed; j++) {
      const [w, n] = [typed[i + j]!, name[j]!];
      if (w === n) continue;
      if (!fuzzy || w[0] !== n[0]) typos = allowed + 1;
      else typos += editDistance(w, n, allowed - typos);
    }
    if (typos <= allowed) return i;
  }
  return -1;
}

/**
 * Finds the longest name of a filter in the words (exact names before names with a typo), takes it out and says
 * which filter it was and where its words stood.
 */
function takeFilter(typed: Word[], filters: NamedFilter[]): { key: string | null; rest: Word[]; taken: Word[] } {
  const candidates = filters.flatMap((f) => f.names.map((n) => ({ key: f.key, name: tokens(n) }))).sort((a, b) => b.name.length - a.name.length);
  const plain = typed.map((w) => w.word);
  // The longest names first; among names as long, one written exactly before one with a typo.
  for (const length of [...new Set(candidates.map((c) => c.name.length))]) {
    for (const fuzzy of [false, true]) {
      for (const { key, name } of candidates.filter((c) => c.name.length === length)) {
        const at = findPhrase(plain, name, fuzzy);
        if (at !== -1) return { key, rest: [...typed.slice(0, at), ...typed.slice(at + name.length)], taken: typed.slice(at, at + name.length) };
      }
    }
  }
  return { key: null, rest: typed, taken: [] };
}

/** The question with some of its words cut out (and the spaces and signs around them tidied). */
function without(q: string, taken: Word[]): string {
  let text = q;
  for (const w of [...taken].sort((a, b) => b.start - a.start)) text = text.slice(0, w.start) + ' ' + text.slice(w.end);
  return text.replace(/\s+([?!.,;:])/gu, '$1').replace(/\s+/gu, ' ').trim();
}

export function understandQuery(q: string | undefined, options: { districts: NamedFilter[]; areas: NamedFilter[]; districtChosen: boolean; areaChosen: boolean }): UnderstoodQuery {
  let typed = words(q);
  let district: string | null = null;
  let area: string | null = null;
  let districtWords: Word[] = [];
  let areaWords: Word[] = [];
  if (!options.districtChosen) ({ key: district, rest: typed, taken: districtWords } = takeFilter(typed, options.districts));
  if (!options.areaChosen) ({ key: area, rest: typed, taken: areaWords } = takeFilter(typed, options.areas));
  // A word of an area's label is not dropped as a general stop word: "work" and "care" are in those lists.
  const labelWords = new Set(options.areas.flatMap((a) => a.names.flatMap((n) => tokens(n))));
  const terms = [
    ...new Set(
      typed
        .map((w) => (han.test(w.word) ? trimHan(w.word) : w.word))
        .filter((w) => searchable(w) && !isStopWord(w, labelWords)),
    ),
  ].slice(0, 6);
  return {
    terms,
    district,
    area,
    withoutDistrict: district ? without(q ?? '', districtWords) : null,
    withoutArea: area ? without(q ?? '', areaWords) : null,
  };
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
