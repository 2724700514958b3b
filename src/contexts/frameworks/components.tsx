// Small pieces the framework pages share: the sub-navigation of one framework, a version's status, the
// confirmation after a post, dates, and the marks of a word diff (with words for screen readers, not colour only).
import { useView, href } from '../../platform/views/context.ts';
import { Notice as PlatformNotice, Tag } from '../../platform/views/pieces.tsx';
import type { FrameworkVersion } from './framework.service.ts';
import type { DiffPart } from './document.ts';

export const frameworkPath = (slug: string, id: string, rest = '') => `/t/${slug}/frameworks/${id}${rest}`;

export function StatusTag({ status }: { status: FrameworkVersion['status'] }) {
  const { t } = useView();
  return <Tag {...(status === 'agreed' ? { tone: 'good' as const } : status === 'draft' ? { tone: 'muted' as const } : { tone: 'warn' as const })}>{t(`frameworks.status.${status}`)}</Tag>;
}

export function Day({ date }: { date: Date }) {
  const view = useView();
  return <time dateTime={date.toISOString()}>{view.date(date, { dateStyle: 'long', timeZone: 'Europe/Madrid' })}</time>;
}

/** A calendar day (YYYY-MM-DD) as the reader's language writes it: the day itself, in no time zone. */
export function CalendarDay({ day }: { day: string }) {
  const view = useView();
  return <time dateTime={day}>{view.date(new Date(`${day}T12:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' })}</time>;
}

export function Notice({ notice }: { notice: string | undefined }) {
  return <PlatformNotice notice={notice} allowed={['created', 'saved', 'consultation', 'commented', 'proposed', 'decided', 'agreed', 'next', 'endorsed', 'withdrawn']} prefix="frameworks" />;
}

/** The ways around one framework: its current text, its versions and their differences, its amendments. */
export function FrameworkNav({ slug, id, current }: { slug: string; id: string; current: 'text' | 'versions' | 'amendments' }) {
  const { t, locale } = useView();
  const items = [
    ['text', frameworkPath(slug, id)],
    ['versions', frameworkPath(slug, id, '/versions')],
    ['amendments', frameworkPath(slug, id, '/amendments')],
  ] as const;
  return (
    <nav class="subnav" aria-label={t('frameworks.nav.label')}>
      <ul>
        {items.map(([key, path]) => (
          <li key={key}>{key === current ? <span aria-current="page">{t(`frameworks.nav.${key}`)}</span> : <a href={href(locale, path)}>{t(`frameworks.nav.${key}`)}</a>}</li>
        ))}
      </ul>
    </nav>
  );
}

/** Words added or removed, marked with <ins>/<del> and said in words: the colour only repeats it. */
export function DiffText({ parts }: { parts: DiffPart[] }) {
  const { t } = useView();
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'same' ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === 'added' ? (
          <ins key={i} class="diff-added">
            <span class="visually-hidden">{t('frameworks.diff.addedStart')} </span>
            {p.text}
            <span class="visually-hidden"> {t('frameworks.diff.addedEnd')}</span>
          </ins>
        ) : (
          <del key={i} class="diff-removed">
            <span class="visually-hidden">{t('frameworks.diff.removedStart')} </span>
            {p.text}
            <span class="visually-hidden"> {t('frameworks.diff.removedEnd')}</span>
          </del>
        ),
      )}
    </>
  );
}
