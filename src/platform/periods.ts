// Calendar arithmetic on the periods every context counts in: months as 'YYYY-MM' (UTC), their quarters
// and years. Written once here; how a period reads in a language is i18n/periods.ts.

/** Months since year 0, so that months can be subtracted and compared. */
export function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
}

/** The month of an index from monthIndex. */
export function monthAt(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month a moment falls in, in UTC. */
export function monthOfDate(date: Date): string {
  return monthAt(date.getUTCFullYear() * 12 + date.getUTCMonth());
}

/** 'YYYY-Qn' of a month. */
export function quarterOf(month: string): string {
  const [year, m] = month.split('-');
  return `${year}-Q${Math.ceil(Number(m) / 3)}`;
}

/** The month, its quarter or its year. */
export function bucketOf(month: string, granularity: 'month' | 'quarter' | 'year'): string {
  if (granularity === 'month') return month.slice(0, 7);
  if (granularity === 'quarter') return quarterOf(month);
  return month.slice(0, 4);
}

/** The last `count` months up to the one `now` falls in, newest first. */
export function recentMonths(now: Date, count = 24): string[] {
  const current = monthIndex(monthOfDate(now));
  return Array.from({ length: count }, (_, i) => monthAt(current - i));
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The calendar day (YYYY-MM-DD) a moment falls on in a time zone. */
export function dayIn(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
