// Setting up and turning off the second factor: a TOTP secret confirmed with a first code, then
// ten single-use recovery codes shown once and stored as Argon2id hashes.
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { person, recoveryCode, session } from './identity.schema.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { decryptSecret, encryptSecret, groupSecret, matchTotp, newTotpSecret, qrSvg, totpUri } from './totp.ts';
import { twoFactorRoles } from './permissions.ts';

export interface TwoFactorSetup {
  /** The secret in groups of four, for people who type it instead of scanning. */
  secret: string;
  uri: string;
  qrSvg: string;
}

async function me(db: Db, actor: Actor | null) {
  const allowed = requirePermission(actor, 'identity.account.manage');
  if (!allowed.ok) return { ok: false as const, error: allowed.reason };
  const [row] = await db.select().from(person).where(eq(person.id, actor!.personId));
  if (!row) return { ok: false as const, error: 'signed-out' as const };
  return { ok: true as const, value: row };
}

/** Starts (or continues) setting up: the secret waits, encrypted, until a first code confirms it. */
export async function startTwoFactorSetup(db: Db, actor: Actor | null): Promise<Outcome<TwoFactorSetup, 'already-on'>> {
  const found = await me(db, actor);
  if (!found.ok) return found;
  if (found.value.totpSecret) return { ok: false, error: 'already-on' };
  let secret: string;
  if (found.value.totpPendingSecret) {
    secret = await decryptSecret(db, found.value.totpPendingSecret);
  } else {
    secret = newTotpSecret();
    await db.update(person).set({ totpPendingSecret: await encryptSecret(db, secret) }).where(eq(person.id, found.value.id));
  }
  const uri = totpUri(secret, found.value.email);
  return { ok: true, value: { secret: groupSecret(secret), uri, qrSvg: await qrSvg(uri) } };
}

const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += recoveryAlphabet[randomInt(recoveryAlphabet.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Confirms the waiting secret with a code; turns two-factor on and returns the recovery codes, once. */
export async function confirmTwoFactorSetup(db: Db, actor: Actor | null, sessionId: string | null, input: { code?: string }): Promise<Outcome<{ recoveryCodes: string[] }, 'invalid' | 'already-on'>> {
  const found = await me(db, actor);
  if (!found.ok) return found;
  if (found.value.totpSecret) return { ok: false, error: 'already-on' };
  const code = (input.code ?? '').trim();
  if (!code) return { ok: false, error: 'invalid', fields: { code: 'identity.validation.codeRequired' } };
  if (!found.value.totpPendingSecret) return { ok: false, error: 'invalid', fields: { code: 'identity.twoFactor.wrongCode' } };
  const step = matchTotp(await decryptSecret(db, found.value.totpPendingSecret), code);
  if (step === null) return { ok: false, error: 'invalid', fields: { code: 'identity.twoFactor.wrongCode' } };
  const codes = Array.from({ length: 10 }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((c) => hashPassword(c.replace('-', ''))));
  await db.transaction(async (tx) => {
    await tx
      .update(person)
      .set({ totpSecret: found.value.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: new Date(), totpLastStep: step })
      .where(eq(person.id, found.value.id));
    await tx.delete(recoveryCode).where(eq(recoveryCode.personId, found.value.id));
    await tx.insert(recoveryCode).values(hashes.map((codeHash) => ({ personId: found.value.id, codeHash })));
    // This browser has just shown it holds the authenticator.
    if (sessionId) await tx.update(session).set({ twoFactorVerified: true, twoFactorAt: new Date() }).where(eq(session.id, sessionId));
    await recordAccess(tx, { actorId: found.value.id, action: 'identity.twoFactor.enable', recordType: 'person', recordId: found.value.id });
  });
  return { ok: true, value: { recoveryCodes: codes } };
}

/** Turns two-factor off with the password; refused to people whose role requires it. */
export async function disableTwoFactor(db: Db, actor: Actor | null, input: { password?: string }): Promise<Outcome<void, 'invalid' | 'required'>> {
  const found = await me(db, actor);
  if (!found.ok) return found;
  if (actor!.grants.some((g) => twoFactorRoles.includes(g.role))) return { ok: false, error: 'required' };
  if (!input.password) return { ok: false, error: 'invalid', fields: { password: 'identity.validation.passwordRequired' } };
  if (!(await verifyPassword(found.value.passwordHash, input.password))) return { ok: false, error: 'invalid', fields: { password: 'identity.validation.currentPasswordWrong' } };
  await db.transaction(async (tx) => {
    await tx.update(person).set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(person.id, found.value.id));
    await tx.delete(recoveryCode).where(eq(recoveryCode.personId, found.value.id));
    await recordAccess(tx, { actorId: found.value.id, action: 'identity.twoFactor.disable', recordType: 'person', recordId: found.value.id });
  });
  return { ok: true, value: undefined };
}
