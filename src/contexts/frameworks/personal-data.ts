// What frameworks hold about a person — frameworks and versions they drafted, comments, amendments they proposed
// or decided, endorsements they made — in their data download; on deletion their name goes (shown as a deleted
// account), the person id with it, and what they wrote stays, for the organisation it was written for.
import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../identity/data-rights.service.ts';
import { framework, frameworkAmendment, frameworkComment, frameworkEndorsement, frameworkVersion } from './frameworks.schema.ts';

export const frameworksPersonalData: PersonalDataProvider = {
  context: 'frameworks',
  async export(db, personId) {
    const [frameworks, versions, comments, proposed, decided, endorsements] = await Promise.all([
      db.select({ id: framework.id, createdAt: framework.createdAt }).from(framework).where(eq(framework.createdBy, personId)),
      db.select({ frameworkId: frameworkVersion.frameworkId, number: frameworkVersion.number, title: frameworkVersion.title, createdAt: frameworkVersion.createdAt }).from(frameworkVersion).where(eq(frameworkVersion.createdBy, personId)),
      db.select({ paragraphId: frameworkComment.paragraphId, organisationName: frameworkComment.organisationName, body: frameworkComment.body, lang: frameworkComment.lang, createdAt: frameworkComment.createdAt }).from(frameworkComment).where(eq(frameworkComment.personId, personId)),
      db
        .select({ paragraphId: frameworkAmendment.paragraphId, organisationName: frameworkAmendment.organisationName, replacement: frameworkAmendment.replacement, reason: frameworkAmendment.reason, lang: frameworkAmendment.lang, status: frameworkAmendment.status, createdAt: frameworkAmendment.createdAt })
        .from(frameworkAmendment)
        .where(eq(frameworkAmendment.proposedBy, personId)),
      db.select({ id: frameworkAmendment.id, status: frameworkAmendment.status, decisionReason: frameworkAmendment.decisionReason, decisionLang: frameworkAmendment.decisionLang, decidedAt: frameworkAmendment.decidedAt }).from(frameworkAmendment).where(eq(frameworkAmendment.decidedBy, personId)),
      db.select({ versionId: frameworkEndorsement.versionId, organisationName: frameworkEndorsement.organisationName, endorsedAt: frameworkEndorsement.endorsedAt, withdrawnAt: frameworkEndorsement.withdrawnAt }).from(frameworkEndorsement).where(eq(frameworkEndorsement.endorsedBy, personId)),
    ]);
    return { frameworksCreated: frameworks, versionsCreated: versions, comments, amendmentsProposed: proposed, amendmentsDecided: decided, endorsements };
  },
  async erase(tx, personId) {
    await tx.update(framework).set({ createdBy: null, createdByName: '' }).where(eq(framework.createdBy, personId));
    await tx.update(frameworkVersion).set({ createdBy: null, createdByName: '' }).where(eq(frameworkVersion.createdBy, personId));
    await tx.update(frameworkComment).set({ personId: null, authorName: '' }).where(eq(frameworkComment.personId, personId));
    await tx.update(frameworkAmendment).set({ proposedBy: null, proposedByName: '' }).where(eq(frameworkAmendment.proposedBy, personId));
    await tx.update(frameworkAmendment).set({ decidedBy: null, decidedByName: '' }).where(eq(frameworkAmendment.decidedBy, personId));
    await tx.update(frameworkEndorsement).set({ endorsedBy: null, endorsedByName: '' }).where(eq(frameworkEndorsement.endorsedBy, personId));
  },
};
