// Small pieces the plans' pages share: status tags, progress, the finding states of a measure.
import { useView } from '../../platform/views/context.ts';
import type { MeasureStatus } from './plans.schema.ts';
import type { FindingState } from './verification.service.ts';

export function StatusTag({ status }: { status: MeasureStatus }) {
  const { t } = useView();
  const tone = status === 'done' ? ' tag--good' : status === 'dropped' ? ' tag--muted' : status === 'in-progress' ? ' tag--warn' : '';
  return <span class={`tag${tone}`}>{t(`plans.status.${status}`)}</span>;
}

/** Progress as a native meter with its number written out (no colour needed to read it). */
export function Progress({ percent }: { percent: number | null }) {
  const { t } = useView();
  if (percent === null) return <span>{t('plans.progress.none')}</span>;
  return (
    <span class="plans-progress">
      <meter min={0} max={100} value={percent} aria-hidden="true" /> {t('plans.progress.percent', { percent })}
    </span>
  );
}

export function FindingStateTag({ state }: { state: FindingState }) {
  const { t } = useView();
  const tone = state === 'verified' ? ' tag--good' : state === 'pending' ? ' tag--warn' : ' tag--muted';
  return <span class={`tag${tone}`}>{t(`plans.finding.${state}`)}</span>;
}

/** "2 of 3 findings verified; 1 not yet solved" — what a measure's progress says about the barriers. */
export function FindingsSummary({ states }: { states: FindingState[] }) {
  const { t } = useView();
  if (states.length === 0) return null;
  const verified = states.filter((s) => s === 'verified').length;
  return <span>{t('plans.finding.summary', { verified, total: states.length, open: states.length - verified })}</span>;
}

export function Notice({ notice }: { notice?: string | undefined }) {
  const { t } = useView();
  if (!notice || !/^plans\.[a-zA-Z.]+$/.test(notice)) return null;
  return (
    <div class="notice" role="status">
      <p>{t(notice)}</p>
    </div>
  );
}

export function formatDate(locale: string, date: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
