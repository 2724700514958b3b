// What the audits context holds about a person in their data download: their enrolment in each territory's
// Citizens' Audit Network (what they gave when enrolling, and the decision), the trainings they attended,
// and their visits as auditor with the answers they saved or submitted (photos and documents listed, not
// copied). On deletion the enrolment is anonymised as the retention job does (retention.ts): the name,
// contact and account link go, the code name stays, so visits, answers and findings are kept whole.
import { asc, eq, inArray } from 'drizzle-orm';
import type { PersonalDataProvider } from '../identity/data-rights.service.ts';
import type { AccessLogger } from './access-log.ts';
import { answer, auditor, evidence, trainingAttendance, trainingSession, visit } from './audit.schema.ts';
import { anonymisedAuditor } from './retention.ts';

export function auditsPersonalData(log: AccessLogger): PersonalDataProvider {
  return {
    context: 'audits',
    async export(db, personId) {
      const enrolments = await db
        .select({
          id: auditor.id,
          territoryId: auditor.territoryId,
          name: auditor.name,
          email: auditor.email,
          phone: auditor.phone,
          languages: auditor.languages,
          enrolledVia: auditor.enrolledVia,
          organisationName: auditor.organisationName,
          motivation: auditor.motivation,
          consentVersion: auditor.consentVersion,
          consentedAt: auditor.consentedAt,
          status: auditor.status,
          decidedAt: auditor.decidedAt,
          decisionMessage: auditor.decisionMessage,
          language: auditor.locale,
          codeName: auditor.codeName,
          enrolledAt: auditor.createdAt,
        })
        .from(auditor)
        .where(eq(auditor.personId, personId));
      const ids = enrolments.map((e) => e.id);
      if (ids.length === 0) return { enrolments: [], trainings: [], visits: [] };
      const [trainings, visits] = await Promise.all([
        db
          .select({ auditorId: trainingAttendance.auditorId, title: trainingSession.title, heldOn: trainingSession.heldOn })
          .from(trainingAttendance)
          .innerJoin(trainingSession, eq(trainingSession.id, trainingAttendance.trainingId))
          .where(inArray(trainingAttendance.auditorId, ids)),
        db
          .select({ id: visit.id, auditorId: visit.auditorId, campaignId: visit.campaignId, serviceId: visit.serviceId, facilityId: visit.facilityId, method: visit.method, scheduledOn: visit.scheduledOn, status: visit.status, submittedAt: visit.submittedAt })
          .from(visit)
          .where(inArray(visit.auditorId, ids))
          .orderBy(asc(visit.scheduledOn)),
      ]);
      const visitIds = visits.map((v) => v.id);
      const [answers, files] =
        visitIds.length === 0
          ? [[], []]
          : await Promise.all([
              db.select({ visitId: answer.visitId, item: answer.itemName, value: answer.value, savedAt: answer.updatedAt }).from(answer).where(inArray(answer.visitId, visitIds)).orderBy(asc(answer.itemName)),
              db.select({ visitId: evidence.visitId, item: evidence.itemName, mediaType: evidence.mediaType, size: evidence.size, addedAt: evidence.createdAt }).from(evidence).where(inArray(evidence.visitId, visitIds)),
            ]);
      return {
        enrolments,
        trainings,
        visits: visits.map((v) => ({
          ...v,
          answers: answers.filter((a) => a.visitId === v.id).map(({ visitId: _, ...a }) => a),
          evidence: files.filter((f) => f.visitId === v.id).map(({ visitId: _, ...f }) => f),
        })),
      };
    },
    async erase(tx, personId) {
      const rows = await tx
        .update(auditor)
        .set(anonymisedAuditor(new Date()))
        .where(eq(auditor.personId, personId))
        .returning({ id: auditor.id, territoryId: auditor.territoryId });
      for (const row of rows) await log(tx, { actorId: null, action: 'audits.auditor.anonymise', recordType: 'audit_auditor', recordId: row.id, territoryId: row.territoryId, reason: 'account deleted' });
    },
  };
}
