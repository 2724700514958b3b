// What happens to an application to the Citizens' Audit Network after it is sent: the secret link that ties a
// signed-out enrolment to an account, the coordinators' decisions (accept, refuse with a reason, ask for more),
// the person told of each in their language, and what the applicant sees of their own application.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { Mailer } from '../../../platform/mail/mail.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { getOrCreateSecret, keyedHash } from '../../../platform/crypto/secrets.ts';
import { publish } from '../../../platform/events.ts';
import { asLocale } from '../../identity/identity.service.ts';
import { grantInScope, revokeInScope } from '../../identity/membership.service.ts';
import { findTerritoryById } from '../../territories/territory.service.ts';
import { auditor, type AuditorStatus } from '../audit.schema.ts';

export const linkLifetimeDays = 14;
const secretName = 'audits-enrolment-link';

export interface MailDeps {
  mailer: Mailer;
  publicUrl: string;
}

/** A fresh secret for the link (only the email holds it) and its keyed hash (only the database holds that). */
export async function newLinkSecret(db: Db): Promise<{ token: string; hash: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: keyedHash(await getOrCreateSecret(db, secretName), token), expiresAt: new Date(Date.now() + linkLifetimeDays * 24 * 3600_000) };
}

async function hashOf(db: Db, token: string): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return keyedHash(await getOrCreateSecret(db, secretName), token);
}

export function linkUrl(publicUrl: string, locale: string, slug: string, token: string): string {
  const url = new URL(`/${locale}/t/${slug}/audits/join/link`, publicUrl);
  url.searchParams.set('token', token);
  return url.toString();
}

const openLink = (hash: string) => and(eq(auditor.linkTokenHash, hash), gt(auditor.linkExpiresAt, new Date()), isNull(auditor.personId));

/** The application a secret link opens while it can still be used: its code name only (the link may be forwarded). */
export async function applicationByLink(db: Db, territoryId: string, token: string): Promise<{ codeName: string } | null> {
  const hash = await hashOf(db, token);
  if (!hash) return null;
  const [row] = await db.select({ codeName: auditor.codeName }).from(auditor).where(and(eq(auditor.territoryId, territoryId), openLink(hash)));
  return row ?? null;
}

const auditorRole = (territoryId: string) => ({ role: 'auditor' as const, scope: { kind: 'territory' as const, id: territoryId } });

/**
 * Ties the application to the signed-in account: holding the secret is the proof that it is theirs. Once used,
 * the link opens nothing. An application already accepted gives the auditor's role at once.
 */
export async function linkApplication(db: Db, actor: Actor | null, input: { territoryId: string; token: string }): Promise<Outcome<{ codeName: string }, 'invalid-link' | 'already-enrolled'>> {
  const permission = requirePermission(actor, 'audits.application.link', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const hash = await hashOf(db, input.token);
  if (!hash) return { ok: false, error: 'invalid-link' };
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(auditor).where(and(eq(auditor.territoryId, input.territoryId), openLink(hash))).for('update');
    if (!row) return { ok: false as const, error: 'invalid-link' as const };
    const [mine] = await tx.select({ id: auditor.id }).from(auditor).where(and(eq(auditor.territoryId, input.territoryId), eq(auditor.personId, actor!.personId)));
    if (mine) return { ok: false as const, error: 'already-enrolled' as const };
    await tx.update(auditor).set({ personId: actor!.personId, linkTokenHash: null, linkExpiresAt: null }).where(eq(auditor.id, row.id));
    if (row.status === 'accepted') await grantInScope(tx, { personId: actor!.personId, ...auditorRole(input.territoryId), grantedBy: row.decidedBy ?? actor!.personId, reason: 'Accepted in the Citizens’ Audit Network', territoryId: input.territoryId });
    await recordAccess(tx, { actorId: actor!.personId, action: 'audits.application.link', recordType: 'audit_auditor', recordId: row.id, territoryId: input.territoryId });
    return { ok: true as const, value: { codeName: row.codeName } };
  });
}

export type Decision = 'accepted' | 'declined' | 'more-information' | 'left';
export const decisions: readonly Decision[] = ['accepted', 'declined', 'more-information', 'left'];

/** Which decisions each state allows: an application is decided, an auditor may leave. */
const allowedFrom: Record<AuditorStatus, readonly Decision[]> = {
  applied: ['accepted', 'declined', 'more-information'],
  'more-information': ['accepted', 'declined', 'more-information'],
  accepted: ['left'],
  declined: [],
  left: [],
};

export function mayDecide(status: AuditorStatus, decision: Decision): boolean {
  return allowedFrom[status].includes(decision);
}

/**
 * A coordinator's decision on an application (or an auditor leaving). A refusal needs a reason and a request for
 * more information needs the question: the person reads it. Access-logged; the person is told in their language:
 * on their desk and by email through the notifications when they have an account, by email otherwise.
 */
export async function decideApplication(
  db: Db,
  deps: MailDeps,
  actor: Actor | null,
  input: { territoryId: string; auditorId: string; decision: Decision; message?: string },
): Promise<Outcome<{ status: AuditorStatus }, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.auditor.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (!/^[0-9a-f-]{36}$/.test(input.auditorId)) return { ok: false, error: 'not-found' };
  const message = (input.message ?? '').trim().slice(0, 2000);
  const territory = await findTerritoryById(db, input.territoryId);
  if (!territory) return { ok: false, error: 'not-found' };
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(auditor).where(and(eq(auditor.id, input.auditorId), eq(auditor.territoryId, input.territoryId))).for('update');
    if (!row) return { ok: false as const, error: 'not-found' as const };
    if (!mayDecide(row.status, input.decision)) return { ok: false as const, error: 'invalid' as const, fields: { [`decision-${row.id}`]: 'audits.network.decide.errors.state' } };
    if ((input.decision === 'declined' || input.decision === 'more-information') && !message) {
      return { ok: false as const, error: 'invalid' as const, fields: { [`message-${row.id}`]: `audits.network.decide.errors.${input.decision === 'declined' ? 'reason' : 'question'}` } };
    }
    await tx
      .update(auditor)
      .set({ status: input.decision, decisionMessage: input.decision === 'accepted' ? '' : message, decidedBy: actor!.personId, decidedAt: new Date() })
      .where(eq(auditor.id, row.id));
    await recordAccess(tx, { actorId: actor!.personId, action: `audits.auditor.${input.decision}`, recordType: 'audit_auditor', recordId: row.id, territoryId: input.territoryId });
    // The auditor's role follows the decision, so that an accepted auditor can open the visits assigned to them.
    if (row.personId && input.decision === 'accepted') {
      await grantInScope(tx, { personId: row.personId, ...auditorRole(input.territoryId), grantedBy: actor!.personId, reason: 'Accepted in the Citizens’ Audit Network', territoryId: input.territoryId });
    }
    if (row.personId && input.decision === 'left') {
      await revokeInScope(tx, { personId: row.personId, roles: ['auditor'], scope: auditorRole(input.territoryId).scope, revokedBy: actor!.personId, reason: 'Left the Citizens’ Audit Network', territoryId: input.territoryId });
    }
    if (input.decision !== 'left') {
      if (row.personId) {
        await publish(tx, 'audits.application.decided', { territoryId: territory.id, territoryName: territory.name, territorySlug: territory.slug, personId: row.personId, decision: input.decision });
      } else {
        // No account yet: the email carries a fresh single-use link (the earlier one stops working), so that the
        // person can still create their account and read the decision on their application.
        const locale = asLocale(row.locale);
        const fresh = await newLinkSecret(tx);
        await tx.update(auditor).set({ linkTokenHash: fresh.hash, linkExpiresAt: fresh.expiresAt }).where(eq(auditor.id, row.id));
        await deps.mailer.send(
          {
            to: row.email,
            locale,
            subjectKey: `audits.application.mail.${input.decision}.subject`,
            bodyKey: `audits.application.mail.${input.decision}.body`,
            values: { name: row.name, territory: territory.name, message, link: linkUrl(deps.publicUrl, locale, territory.slug, fresh.token), days: linkLifetimeDays },
            secret: true,
            territoryId: territory.id,
          },
          tx,
        );
      }
    }
    return { ok: true as const, value: { status: input.decision } };
  });
}

export interface MyApplication {
  territoryId: string;
  codeName: string;
  status: AuditorStatus;
  message: string;
  decidedAt: Date | null;
  createdAt: Date;
}

/** The signed-in person's own applications (one per territory): the state and what the coordinators wrote. */
export async function myApplications(db: Db, actor: Actor | null): Promise<Outcome<MyApplication[]>> {
  const permission = requirePermission(actor, 'audits.application.own');
  if (!permission.ok) return { ok: false, error: permission.reason };
  const rows = await db
    .select({ territoryId: auditor.territoryId, codeName: auditor.codeName, status: auditor.status, message: auditor.decisionMessage, decidedAt: auditor.decidedAt, createdAt: auditor.createdAt })
    .from(auditor)
    .where(and(eq(auditor.personId, actor!.personId), isNull(auditor.anonymisedAt)))
    .orderBy(asc(auditor.createdAt));
  return { ok: true, value: rows };
}

/** The applicant answers the coordinators' question: the answer joins what they wrote, and the application waits again. */
export async function answerQuestion(db: Db, actor: Actor | null, input: { territoryId: string; answer: string }): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.application.own');
  if (!permission.ok) return { ok: false, error: permission.reason };
  const answer = input.answer.trim().slice(0, 2000);
  if (!answer) return { ok: false, error: 'invalid', fields: { answer: 'audits.application.answer.errors.empty' } };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(auditor)
      .where(and(eq(auditor.territoryId, input.territoryId), eq(auditor.personId, actor!.personId), eq(auditor.status, 'more-information')))
      .for('update');
    if (!row) return { ok: false as const, error: 'not-found' as const };
    const motivation = [row.motivation, answer].filter(Boolean).join('\n\n').slice(0, 6000);
    await tx.update(auditor).set({ motivation, status: 'applied' }).where(eq(auditor.id, row.id));
    await recordAccess(tx, { actorId: actor!.personId, action: 'audits.application.answer', recordType: 'audit_auditor', recordId: row.id, territoryId: input.territoryId });
    return { ok: true as const, value: null };
  });
}
