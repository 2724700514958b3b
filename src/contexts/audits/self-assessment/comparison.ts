// The comparison of a self-assessment: per item of the instrument, the staff's own answers beside the
// citizens' (submitted visits of the same service and facilities) and the score card's scores on the same
// dimension. Pure: counts and means in, rows with the gap named out. Never any auditor's data.
import type { AnswerValue, InstrumentDefinition, Item } from '../instruments/instrument.ts';

/** Items whose answers can be set side by side: a choice or a number. */
export const comparableTypes = new Set<Item['type']>(['yes-no', 'single', 'scale', 'number']);

/** How far apart two means on a 0–100 scale must be to count as a gap (a fifth of the scale). */
export const scaleGap = 20;

export interface Tally {
  /** How many answered (facilities for staff, visits for citizens). */
  answered: number;
  /** Value → count, for yes/no and single choices. */
  counts: Record<string, number>;
  /** For scales and numbers. */
  mean: number | null;
}

export interface DimensionScores {
  /** Latest cycle's community and staff scores, averaged over the card's criteria on this dimension. */
  community: number | null;
  staff: number | null;
  criteria: number;
}

export type Verdict =
  /** Nothing to compare: the staff or the citizens gave no answer. */
  | 'no-staff'
  | 'no-citizens'
  | 'agree'
  | 'disagree';

export interface ComparisonRow {
  item: Item;
  staff: Tally;
  citizens: Tally;
  /** The staff's most given value (choices), and how many of the citizens' answers differ from it. */
  staffValue: string | null;
  citizensOther: number;
  /** The citizens' most given value other than the staff's, to name it. */
  citizensValue: string | null;
  /** Citizens' mean minus staff's mean (scales and numbers). */
  difference: number | null;
  verdict: Verdict;
  scoreCard: DimensionScores | null;
}

export function tally(item: Item, answers: (AnswerValue | undefined)[]): Tally {
  const counts: Record<string, number> = {};
  let sum = 0;
  let numbers = 0;
  let answered = 0;
  for (const a of answers) {
    const v = a?.value;
    if (v === null || v === undefined || v === '' || Array.isArray(v)) continue;
    if (item.type === 'scale' || item.type === 'number') {
      if (typeof v !== 'number') continue;
      sum += v;
      numbers++;
    } else counts[String(v)] = (counts[String(v)] ?? 0) + 1;
    answered++;
  }
  return { answered, counts, mean: numbers ? sum / numbers : null };
}

/** The most given value; ties go to the value first met in the item's own order (yes before no). */
function mostGiven(item: Item, counts: Record<string, number>, except?: string | null): string | null {
  const order = item.type === 'yes-no' ? ['yes', 'no'] : item.choices.map((c) => c.value);
  let best: string | null = null;
  for (const value of [...order, ...Object.keys(counts).filter((k) => !order.includes(k))]) {
    if (value === except || !counts[value]) continue;
    if (best === null || counts[value]! > counts[best]!) best = value;
  }
  return best;
}

export function compareItem(item: Item, staff: Tally, citizens: Tally, scoreCard: DimensionScores | null): ComparisonRow {
  const base = { item, staff, citizens, scoreCard, staffValue: null, citizensOther: 0, citizensValue: null, difference: null };
  if (staff.answered === 0) return { ...base, verdict: 'no-staff' };
  if (citizens.answered === 0) return { ...base, staffValue: mostGiven(item, staff.counts), verdict: 'no-citizens' };
  if (item.type === 'scale' || item.type === 'number') {
    const difference = citizens.mean! - staff.mean!;
    // A number (minutes, people) has no fixed range: a gap is half the staff's figure or more.
    const gap = item.type === 'scale' ? Math.abs(difference) >= scaleGap : Math.abs(difference) >= Math.max(1, Math.abs(staff.mean!) / 2);
    return { ...base, difference, verdict: gap ? 'disagree' : 'agree' };
  }
  const staffValue = mostGiven(item, staff.counts);
  const citizensOther = citizens.answered - (citizens.counts[staffValue!] ?? 0);
  // The citizens disagree when most of their visits found something other than what the staff answered.
  return { ...base, staffValue, citizensOther, citizensValue: mostGiven(item, citizens.counts, staffValue), verdict: citizensOther * 2 > citizens.answered ? 'disagree' : 'agree' };
}

export function compareAll(
  definition: InstrumentDefinition,
  staffAnswers: Record<string, AnswerValue>[],
  citizenAnswers: Record<string, AnswerValue>[],
  scoreCards: Map<string, DimensionScores>,
): ComparisonRow[] {
  return definition.sections
    .flatMap((s) => s.items)
    .filter((item) => comparableTypes.has(item.type))
    .map((item) =>
      compareItem(
        item,
        tally(item, staffAnswers.map((a) => a[item.name])),
        tally(item, citizenAnswers.map((a) => a[item.name])),
        scoreCards.get(item.dimension) ?? null,
      ),
    );
}
