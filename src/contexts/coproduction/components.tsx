// Small pieces co-production's pages share: confirmations, dates and times in the events' time zone, paragraphs, the sub-navigation.
import type { ComponentChildren } from 'preact';
import { useView } from '../../platform/views/context.ts';
import { eventTimeZone } from './coproduction.settings.ts';

/** The confirmation after a POST-redirect-GET; the key comes from a fixed list, never from the URL as text. */
export function Notice({ notice, allowed }: { notice: string | undefined; allowed: readonly string[] }) {
  const { t } = useView();
  if (!notice || !allowed.includes(notice)) return null;
  return (
    <div class="notice" role="status">
      <p>{t(`coproduction.notice.${notice}`)}</p>
    </div>
  );
}

export function Tag({ children, tone }: { children: ComponentChildren; tone?: 'good' | 'warn' | 'muted' }) {
  return <strong class={`tag${tone ? ` tag--${tone}` : ''}`}>{children}</strong>;
}

/** A date and time as people there read it (the events' local time). */
export function When({ date, time = true }: { date: Date; time?: boolean }) {
  const view = useView();
  return <time dateTime={date.toISOString()}>{view.date(date, time ? { dateStyle: 'full', timeStyle: 'short', timeZone: eventTimeZone } : { dateStyle: 'long', timeZone: eventTimeZone })}</time>;
}

export function Span({ from, to }: { from: Date; to: Date }) {
  const view = useView();
  return (
    <>
      <When date={from} />
      {' – '}
      <time dateTime={to.toISOString()}>{view.date(to, { timeStyle: 'short', timeZone: eventTimeZone })}</time>
    </>
  );
}

export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\r?\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} dir="auto">
            {p}
          </p>
        ))}
    </>
  );
}

export function CoproductionNav({ slug, current }: { slug: string; current: 'events' | 'debates' | 'statements' }) {
  const { t, locale } = useView();
  const items = [
    ['events', `/t/${slug}/events`],
    ['debates', `/t/${slug}/debates`],
    ['statements', `/t/${slug}/statements`],
  ] as const;
  return (
    <nav class="subnav" aria-label={t('coproduction.nav.label')}>
      <ul>
        {items.map(([key, path]) => (
          <li key={key}>{key === current ? <span aria-current="page">{t(`coproduction.nav.${key}`)}</span> : <a href={`/${locale}${path}`}>{t(`coproduction.nav.${key}`)}</a>}</li>
        ))}
      </ul>
    </nav>
  );
}
