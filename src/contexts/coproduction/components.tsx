// Small pieces co-production's pages share: confirmations, dates and times in the events' time zone, paragraphs, the sub-navigation.
import { useView } from '../../platform/views/context.ts';
import { eventTimeZone } from './coproduction.settings.ts';
import { Notice as PlatformNotice, SubNav } from '../../platform/views/pieces.tsx';

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

export function CoproductionNav({ slug, current }: { slug: string; current: 'events' | 'debates' | 'statements' | 'analyses' }) {
  return (
    <SubNav
      prefix="coproduction"
      items={[
        ['events', `/t/${slug}/events`],
        ['debates', `/t/${slug}/debates`],
        ['statements', `/t/${slug}/statements`],
        ['analyses', `/t/${slug}/analyses`],
      ]}
      current={current}
    />
  );
}

export { Paragraphs, Tag } from '../../platform/views/pieces.tsx';

/** The confirmation after a POST-redirect-GET, from the coproduction catalogue's `coproduction.notice.*`. */
export function Notice({ notice, allowed }: { notice: string | undefined; allowed: readonly string[] }) {
  return <PlatformNotice notice={notice} allowed={allowed} prefix="coproduction" />;
}
