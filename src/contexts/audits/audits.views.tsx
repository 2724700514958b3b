// Pieces shared by the audits pages: the staff navigation, tags, the answer of an item as text.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Fragment, type ComponentChildren } from 'preact';
import { useView } from '../../platform/views/context.ts';
import { publicDir } from '../../platform/views/render.tsx';
import { InLang } from '../../platform/views/lang.tsx';
import { textIn, type AnswerValue, type InstrumentDefinition, type Item } from './instruments/instrument.ts';

const fieldworkFile = path.join(publicDir, 'js/fieldwork.js');
/** The fieldwork script's URL, fingerprinted like the platform's assets. */
export const fieldworkScript = `/assets/js/fieldwork.js?v=${createHash('sha256').update(fs.readFileSync(fieldworkFile)).digest('hex').slice(0, 10)}`;

export function AuditsNav({ slug, current }: { slug: string; current: string }) {
  const { t, locale } = useView();
  const links: [string, string][] = [
    ['visits', '/visits'],
    ['findings', '/findings'],
    ['campaigns', '/campaigns'],
    ['self-assessments', '/self-assessments'],
    ['instruments', '/instruments'],
    ['auditors', '/auditors'],
    ['catalogue', '/catalogue'],
  ];
  return (
    <nav class="audits-nav" aria-label={t('audits.nav.label')}>
      <ul>
        {links.map(([key, p]) => (
          <li key={key}>
            <a href={`/${locale}/t/${slug}/audits${p}`} aria-current={current === key ? 'page' : undefined}>
              {t(`audits.nav.${key}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Tag({ kind, children }: { kind: string; children: ComponentChildren }) {
  return <strong class={`audit-tag audit-tag--${kind}`}>{children}</strong>;
}

/** Texts of an instrument in the reader's language, falling back to the instrument's own languages. */
export function useInstrumentText(definition: InstrumentDefinition) {
  const { locale } = useView();
  return (texts: Partial<Record<string, string>>) => textIn(texts, locale, definition.languages);
}

/** An answer as a short text for check-answers and coordinators' pages. */
export function AnswerText({ item, answer, definition }: { item: Item; answer: AnswerValue | undefined; definition: InstrumentDefinition }) {
  const { t, number, locale } = useView();
  const text = useInstrumentText(definition);
  if (!answer || answer.value === null || answer.value === '' || (Array.isArray(answer.value) && answer.value.length === 0)) {
    const files = answer?.files?.length ?? 0;
    return <>{files > 0 ? t('audits.fieldwork.files', { count: files }) : t('audits.fieldwork.notAnswered')}</>;
  }
  const v = answer.value;
  // A choice's label shown in another language than the page's (the instrument has none in it) is marked with it.
  const choice = (value: string) => {
    if (item.type === 'yes-no') return <>{t(`audits.fieldwork.${value === 'yes' ? 'yes' : 'no'}`)}</>;
    const label = item.choices.find((c) => c.value === value)?.label ?? {};
    const lang = [locale, ...definition.languages].find((l) => label[l]) ?? null;
    return <InLang lang={lang}>{text(label) || value}</InLang>;
  };
  if (Array.isArray(v))
    return (
      <>
        {v.map((x, i) => (
          <Fragment key={x}>
            {i > 0 && ', '}
            {choice(x)}
          </Fragment>
        ))}
      </>
    );
  if (item.type === 'yes-no' || item.type === 'single') return choice(String(v));
  if (item.type === 'scale' && typeof v === 'number') {
    if (!answer.reason) return <>{t('audits.fieldwork.scoreWithReason', { score: number(v), reason: '' })}</>;
    // The reason is the auditor's own words: marked with the language they were typed in.
    const [before, after] = t('audits.fieldwork.scoreWithReason', { score: number(v), reason: '\u0000' }).split('\u0000');
    return (
      <>
        {before}
        <InLang lang={answer.lang}>{answer.reason}</InLang>
        {after}
      </>
    );
  }
  return <InLang lang={answer.lang}>{String(v)}</InLang>;
}
