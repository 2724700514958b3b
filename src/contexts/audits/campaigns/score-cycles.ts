// A score card's cycles side by side: per criterion, the first cycle's and the latest cycle's community
// and staff scores, the change of each (later minus earlier) and the gap in each cycle.
import { scoreGap } from './score-gap.ts';

export interface CycleScore {
  criterionId: string;
  userScore: number | null;
  userReasons: string;
  staffScore: number | null;
  staffReasons: string;
}

export interface CycleView {
  /** Null for the first cycle, which is the card's own criteria rows. */
  id: string | null;
  number: number;
  startedOn: string;
  scores: CycleScore[];
}

export interface CycleComparison {
  criterionId: string;
  label: string;
  before: { cycle: number; users: number | null; staff: number | null; gap: number | null };
  after: { cycle: number; users: number | null; staff: number | null; gap: number | null };
  /** Later minus earlier; null when either score is missing. */
  usersChange: number | null;
  staffChange: number | null;
}

const change = (before: number | null, after: number | null) => (before === null || after === null ? null : after - before);
const gapOf = (s: CycleScore | undefined) => (s && s.userScore !== null && s.staffScore !== null ? scoreGap(s.userScore, s.staffScore) : null);

export function compareCycles(criteria: readonly { id: string; label: string }[], first: CycleView, latest: CycleView): CycleComparison[] {
  return criteria.map((c) => {
    const a = first.scores.find((s) => s.criterionId === c.id);
    const b = latest.scores.find((s) => s.criterionId === c.id);
    const before = { cycle: first.number, users: a?.userScore ?? null, staff: a?.staffScore ?? null, gap: gapOf(a) };
    const after = { cycle: latest.number, users: b?.userScore ?? null, staff: b?.staffScore ?? null, gap: gapOf(b) };
    return { criterionId: c.id, label: c.label, before, after, usersChange: change(before.users, after.users), staffChange: change(before.staff, after.staff) };
  });
}
