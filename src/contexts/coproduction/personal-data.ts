// What co-production holds about a person — registrations to events, contributions to debates — in their
// data download; on deletion their name goes (shown as a deleted account) and what they wrote stays.
import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../identity/data-rights.service.ts';
import { debateContribution, eventRegistration } from './coproduction.schema.ts';

export const coproductionPersonalData: PersonalDataProvider = {
  context: 'coproduction',
  async export(db, personId) {
    const [registrations, contributions] = await Promise.all([
      db
        .select({ eventId: eventRegistration.eventId, status: eventRegistration.status, requestedAt: eventRegistration.requestedAt, attended: eventRegistration.attended, cancelledAt: eventRegistration.cancelledAt })
        .from(eventRegistration)
        .where(eq(eventRegistration.personId, personId)),
      db
        .select({ debateId: debateContribution.debateId, organisationId: debateContribution.organisationId, body: debateContribution.body, createdAt: debateContribution.createdAt, hiddenAt: debateContribution.hiddenAt })
        .from(debateContribution)
        .where(eq(debateContribution.personId, personId)),
    ]);
    return { eventRegistrations: registrations, debateContributions: contributions };
  },
  async erase(tx, personId) {
    await tx.update(eventRegistration).set({ name: '' }).where(eq(eventRegistration.personId, personId));
    await tx.update(debateContribution).set({ authorName: '' }).where(eq(debateContribution.personId, personId));
  },
};
