// Small pieces the plans' pages share: status tags, progress, the finding states of a measure.
import { useView } from '../../platform/views/context.ts';
import type { MeasureStatus } from './plans.schema.ts';
import type { FindingState } from './verification.service.ts';
import type { PublishedCell } from '../diagnosis/diagnosis.service.ts';
import { k } from './tracker.ts';

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

/** "Follow-up: 0 verified as solved, < 5 not yet solved" — the measure's follow-up, as published (small counts hidden). */
export function FindingsSummary({ followUp }: { followUp: { verified: PublishedCell; notYet: PublishedCell } }) {
  const { t } = useView();
  const shown = (cell: PublishedCell) => (cell.value === null ? t('plans.finding.hidden', { k }) : String(cell.value));
  return <span>{t('plans.finding.summary', { verified: shown(followUp.verified), open: shown(followUp.notYet) })}</span>;
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
