// The commitments' languages across versions: which version each language's text belongs to, which languages
// a version updated, which ones a new version would leave untranslated, and what changed, line by line.
import type { Translated } from '../agreement.schema.ts';
import { lines } from '../translated.ts';

export interface VersionTexts {
  version: number;
  text: Translated;
  textVersions: Record<string, number>;
}

/** The texts as stored: trimmed, line ends as "\n" (browsers send "\r\n"), languages without text left out. */
export function cleanTexts(text: Record<string, string | undefined>): Translated {
  return Object.fromEntries(
    Object.entries(text)
      .map(([l, v]) => [l, String(v ?? '').replace(/\r\n?/g, '\n').trim()])
      .filter(([, v]) => v),
  );
}

const coreOrder = ['ca', 'es', 'en', 'ar'];

/** Languages in one order on every page (the core four first), whatever order the stored text keeps them in. */
export function inLanguageOrder(languages: string[]): string[] {
  const rank = (l: string) => (coreOrder.includes(l) ? coreOrder.indexOf(l) : coreOrder.length);
  return [...languages].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The version a language's text belongs to (a language without a recorded one belongs to its own version). */
export function textVersionOf(v: VersionTexts, language: string): number {
  return v.textVersions[language] ?? v.version;
}

/** The languages whose text this version wrote or updated, in language order. */
export function updatedLanguages(v: VersionTexts): string[] {
  return inLanguageOrder(Object.keys(v.text).filter((l) => textVersionOf(v, l) === v.version));
}

/**
 * What a new text would do to each language of the previous version: `updated` languages have a new (or first)
 * text, `untranslated` ones keep the previous text word for word while another language changed.
 */
export function languageChanges(previous: VersionTexts | null, text: Translated): { updated: string[]; untranslated: string[] } {
  const languages = inLanguageOrder(Object.keys(text));
  if (!previous) return { updated: languages, untranslated: [] };
  const updated = languages.filter((l) => text[l] !== previous.text[l]);
  const untranslated = updated.length === 0 ? [] : languages.filter((l) => text[l] === previous.text[l]);
  return { updated, untranslated };
}

/**
 * The text versions of a new version. Updated languages belong to it; an untranslated one stays with the version
 * its text was written for, unless the editor says its text still holds (a change that needs no translation).
 */
export function nextTextVersions(previous: VersionTexts | null, text: Translated, version: number, stillHolds: boolean): Record<string, number> {
  const { untranslated } = languageChanges(previous, text);
  return Object.fromEntries(Object.keys(text).map((l) => [l, previous && untranslated.includes(l) && !stillHolds ? textVersionOf(previous, l) : version]));
}

export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/** A line diff of two commitment texts (longest common subsequence; the texts are a few dozen lines). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = lines(before);
  const b = lines(after);
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) common[i]![j] = a[i] === b[j] ? common[i + 1]![j + 1]! + 1 : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (common[i + 1]![j]! >= common[i]![j + 1]!) out.push({ kind: 'removed', text: a[i++]! });
    else out.push({ kind: 'added', text: b[j++]! });
  }
  while (i < a.length) out.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) out.push({ kind: 'added', text: b[j++]! });
  return out;
}
