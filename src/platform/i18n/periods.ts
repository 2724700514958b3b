// Periods as people read them ("gener del 2024", "1r trimestre 2024"), never the raw ISO key ("2024-01", "2024-Q1").
import type { I18n } from './i18n.ts';

/** A month (YYYY-MM), a quarter (YYYY-Qn), a year (YYYY) or a day (YYYY-MM-DD) in the reader's language. */
export function formatPeriod(i18n: Pick<I18n, 't' | 'date'>, period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return i18n.t('platform.period.quarter', { quarter: Number(quarter[2]), year: quarter[1] });
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (month) return i18n.date(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)), { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (day) return i18n.date(new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))), { dateStyle: 'long', timeZone: 'UTC' });
  // A year stays as written: no thousands separator ("2.024").
  return period;
}
