// What the plans context holds about a person — votes on plans and reports, proposals and comments on measures —
// in their data download; on deletion their name goes from the votes (shown as a deleted account), what was written stays.
import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../identity/data-rights.service.ts';
import { planContribution, planReportVote, planVote } from './plans.schema.ts';

export const plansPersonalData: PersonalDataProvider = {
  context: 'plans',
  async export(db, personId) {
    const [votes, reportVotes, contributions] = await Promise.all([
      db.select({ planId: planVote.planId, version: planVote.version, vote: planVote.vote, at: planVote.createdAt }).from(planVote).where(eq(planVote.personId, personId)),
      db.select({ reportId: planReportVote.reportId, vote: planReportVote.vote, at: planReportVote.createdAt }).from(planReportVote).where(eq(planReportVote.personId, personId)),
      db
        .select({ planId: planContribution.planId, organisationId: planContribution.organisationId, kind: planContribution.kind, title: planContribution.title, body: planContribution.body, status: planContribution.status, createdAt: planContribution.createdAt })
        .from(planContribution)
        .where(eq(planContribution.createdBy, personId)),
    ]);
    return { votes, reportVotes, contributions };
  },
  // Contributions name their author from the person's id when shown: with the account gone they show a deleted account.
  async erase(tx, personId) {
    await tx.update(planVote).set({ personName: '' }).where(eq(planVote.personId, personId));
    await tx.update(planReportVote).set({ personName: '' }).where(eq(planReportVote.personId, personId));
  },
};
