// ICU messages (intl-messageformat), one catalogue per context, merged at start.
import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { defaultLocale, direction, locales, type Locale } from './locales.ts';

export type MessageValues = Record<string, string | number | Date | boolean | null | undefined>;
export type Translate = (key: string, values?: MessageValues) => string;

const catalogue = new Map<Locale, Map<string, string>>(locales.map((l) => [l, new Map()]));
const compiled = new Map<string, IntlMessageFormat>();

/** Loads every <locale>.json of a context's locales folder; a key defined twice is a defect. */
export function loadCatalogue(dir: string): void {
  for (const locale of locales) {
    const file = path.join(dir, `${locale}.json`);
    if (!fs.existsSync(file)) continue;
    const messages = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    const target = catalogue.get(locale)!;
    for (const [key, message] of Object.entries(messages)) {
      if (target.has(key) && target.get(key) !== message) throw new Error(`Message ${key} (${locale}) is defined twice`);
      target.set(key, message);
      compiled.delete(`${locale}\u0000${key}`);
    }
  }
}

export function hasMessage(locale: Locale, key: string): boolean {
  return catalogue.get(locale)!.has(key);
}

export function catalogueKeys(locale: Locale): string[] {
  return [...catalogue.get(locale)!.keys()];
}

function format(locale: Locale, key: string): IntlMessageFormat | null {
  const id = `${locale}\u0000${key}`;
  let message = compiled.get(id);
  if (!message) {
    const source = catalogue.get(locale)!.get(key);
    if (source === undefined) return null;
    message = new IntlMessageFormat(source, locale);
    compiled.set(id, message);
  }
  return message;
}

/**
 * Messages in `locale`; one it lacks comes from `fallback` (a core language the person reads), then English.
 * `onFallback` hears of each, so a page can say which language it is really in.
 */
export function translator(locale: Locale, fallback: Locale = defaultLocale, onFallback?: () => void): Translate {
  return (key, values) => {
    let message = format(locale, key);
    if (!message) {
      message = format(fallback, key) ?? format(defaultLocale, key);
      if (message) onFallback?.();
    }
    // A missing key shows itself, so it is seen and fixed rather than silently blank.
    if (!message) return key;
    return String(message.format(values as Record<string, string>));
  };
}

export interface I18n {
  locale: Locale;
  dir: 'ltr' | 'rtl';
  t: Translate;
  /** The core language messages missing in `locale` are taken from, and whether any was. */
  fallback: { locale: Locale; used: boolean };
  number(value: number, options?: Intl.NumberFormatOptions): string;
  date(value: Date, options?: Intl.DateTimeFormatOptions): string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function i18nFor(locale: Locale, fallbackLocale: Locale = defaultLocale): I18n {
  const fallback = { locale: fallbackLocale, used: false };
  return {
    locale,
    dir: direction(locale),
    t: translator(locale, fallbackLocale, () => (fallback.used = true)),
    fallback,
    number(value, options) {
      const id = `${locale}${JSON.stringify(options ?? {})}`;
      let f = numberFormats.get(id);
      // Money as its sign (€), not its code: CLDR writes "162 000,00 EUR" in Ukrainian, Latin letters in a Cyrillic page.
      const shown = options?.style === 'currency' && !options.currencyDisplay ? { ...options, currencyDisplay: 'narrowSymbol' as const } : options;
      if (!f) numberFormats.set(id, (f = new Intl.NumberFormat(locale, shown)));
      return f.format(value);
    },
    date(value, options = { dateStyle: 'long' }) {
      // A formatter costs about a millisecond to make: a staff list of 50 rows formats 100 dates.
      const id = `${locale}${JSON.stringify(options)}`;
      let f = dateFormats.get(id);
      // Urdu's clock in CLDR is "6:00 PM", Latin letters in a Nastaliq page: times are on the 24-hour clock there, as
      // everywhere in Spain ("18:00").
      const shown = locale === 'ur' && (options.timeStyle || options.hour) && !options.hourCycle && options.hour12 === undefined ? { ...options, hourCycle: 'h23' as const } : options;
      if (!f) dateFormats.set(id, (f = new Intl.DateTimeFormat(locale, shown)));
      return f.format(value);
    },
  };
}
