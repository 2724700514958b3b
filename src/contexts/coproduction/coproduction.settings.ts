// Settings shared by co-production's pages, and the small time helpers events need.

/** The demo's territories are all in Spain; events are typed and shown in their local time. */
export const eventTimeZone = 'Europe/Madrid';

function offsetMs(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - at;
}

/** A local date (YYYY-MM-DD) and time (HH:MM) in the time zone → the instant; null when either is not valid. */
export function localInstant(date: string, time: string, timeZone = eventTimeZone): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, m, day, hh, mm] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (m < 1 || m > 12 || day < 1 || day > 31 || hh > 23 || mm > 59) return null;
  const guess = Date.UTC(y, m - 1, day, hh, mm);
  if (new Date(guess).getUTCDate() !== day) return null;
  const first = guess - offsetMs(guess, timeZone);
  return new Date(guess - offsetMs(first, timeZone));
}

/** The instant as a local date and time, for a form's fields. */
export function localParts(at: Date, timeZone = eventTimeZone): { date: string; time: string } {
  const local = new Date(at.getTime() + offsetMs(at.getTime(), timeZone));
  return { date: local.toISOString().slice(0, 10), time: local.toISOString().slice(11, 16) };
}
