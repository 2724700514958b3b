// What co-production holds about a person — registrations to events, contributions to debates, debates opened,
// events created, statements drafted, translated and signed — in their data download; on deletion their name
// goes (shown as a deleted account), the person id with it, and what they wrote stays.
import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../identity/data-rights.service.ts';
import { coproductionEvent, debate, debateContribution, eventRegistration, statement, statementSignature, statementText } from './coproduction.schema.ts';

export const coproductionPersonalData: PersonalDataProvider = {
  context: 'coproduction',
  async export(db, personId) {
    const [registrations, contributions, debatesOpened, eventsCreated, statementsDrafted, statementTexts, statementSignatures] = await Promise.all([
      db
        .select({ eventId: eventRegistration.eventId, status: eventRegistration.status, requestedAt: eventRegistration.requestedAt, attended: eventRegistration.attended, cancelledAt: eventRegistration.cancelledAt })
        .from(eventRegistration)
        .where(eq(eventRegistration.personId, personId)),
      db
        .select({ debateId: debateContribution.debateId, organisationId: debateContribution.organisationId, body: debateContribution.body, createdAt: debateContribution.createdAt, hiddenAt: debateContribution.hiddenAt })
        .from(debateContribution)
        .where(eq(debateContribution.personId, personId)),
      db.select({ id: debate.id, title: debate.title, question: debate.question, createdAt: debate.createdAt }).from(debate).where(eq(debate.openedBy, personId)),
      db.select({ id: coproductionEvent.id, title: coproductionEvent.title, description: coproductionEvent.description, startsAt: coproductionEvent.startsAt, createdAt: coproductionEvent.createdAt }).from(coproductionEvent).where(eq(coproductionEvent.createdBy, personId)),
      db.select({ id: statement.id, originalLocale: statement.originalLocale, createdAt: statement.createdAt }).from(statement).where(eq(statement.createdBy, personId)),
      db.select({ statementId: statementText.statementId, locale: statementText.locale, title: statementText.title, body: statementText.body, writtenAt: statementText.writtenAt }).from(statementText).where(eq(statementText.writtenBy, personId)),
      db
        .select({ statementId: statementSignature.statementId, organisationId: statementSignature.organisationId, organisationName: statementSignature.organisationName, signedAt: statementSignature.signedAt, withdrawnAt: statementSignature.withdrawnAt })
        .from(statementSignature)
        .where(eq(statementSignature.signedBy, personId)),
    ]);
    return { eventRegistrations: registrations, debateContributions: contributions, debatesOpened, eventsCreated, statementsDrafted, statementTexts, statementSignatures };
  },
  async erase(tx, personId) {
    await tx.update(eventRegistration).set({ name: '' }).where(eq(eventRegistration.personId, personId));
    await tx.update(debateContribution).set({ authorName: '' }).where(eq(debateContribution.personId, personId));
    await tx.update(debate).set({ openedBy: null, openedByName: '' }).where(eq(debate.openedBy, personId));
    await tx.update(coproductionEvent).set({ createdBy: null, createdByName: '' }).where(eq(coproductionEvent.createdBy, personId));
    await tx.update(statement).set({ createdBy: null, createdByName: '' }).where(eq(statement.createdBy, personId));
    await tx.update(statementText).set({ writtenBy: null, writtenByName: '' }).where(eq(statementText.writtenBy, personId));
    await tx.update(statementSignature).set({ signedBy: null, signedByName: '' }).where(eq(statementSignature.signedBy, personId));
  },
};
