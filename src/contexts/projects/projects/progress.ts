// A project's progress: the share of its milestones reached. Pure, so it is tested on its own.
export function projectProgress(milestones: readonly { doneOn: string | null }[]): number | null {
  if (milestones.length === 0) return null;
  return Math.round((100 * milestones.filter((m) => m.doneOn !== null).length) / milestones.length);
}

/** YYYY-MM-DD that names a real day, or null. */
export function validDay(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value.trim() || Number(m[1]) < 1900 || Number(m[1]) > 2200) return null;
  return value.trim();
}

/** "1.234,50" or "1234.5" or "1234" (euros) → cents, or null. */
export function parseEuros(value: string): number | null {
  let s = value.trim().replace(/\s|€/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastSep = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  // A separator followed by exactly 1 or 2 digits is the decimal one; others group thousands.
  let decimals = '';
  if (lastSep >= 0 && s.length - lastSep - 1 <= 2) {
    decimals = s.slice(lastSep + 1);
    s = s.slice(0, lastSep);
  }
  const whole = s.replace(/[.,]/g, '');
  if (!/^\d{1,10}$/.test(whole)) return null;
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0') || '0');
}
