// Accounts and sessions: sign up with a confirmed email, sign in (throttled), second factor, sign out,
// password reset, change of email and password, and a person's own sessions.
import { and, asc, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { MailMessage, Mailer } from '../../platform/mail/mail.ts';
import { mayEverBeAllowed, recentTwoFactorMinutes, requirePermission, type Actor, type Outcome, type RoleGrant } from '../../platform/auth/permissions.ts';
import { isLocale, type Locale } from '../../platform/i18n/locales.ts';
import { emailToken, person, recoveryCode, session } from './identity.schema.ts';
import { hashToken, newToken } from './tokens.ts';
import { hashPassword, passwordProblem, verifyAgainstNothing, verifyPassword } from './password.ts';
import { maxFailuresPerAccount, maxFailuresPerClient, type Throttle } from './throttle.ts';
import { decryptSecret, matchTotp } from './totp.ts';
import { grantsFor } from './roles.service.ts';
import { recordConsent, consentsOf, consentTextVersion, type ConsentState } from './consent.service.ts';
import { twoFactorRoles } from './permissions.ts';
import { sensitiveSessionIdleMinutes } from '../territories/territory.service.ts';
import { asciiDigits } from '../../platform/i18n/digits.ts';

export type Person = typeof person.$inferSelect;
export type Session = typeof session.$inferSelect;
type Fields = Record<string, string>;

/** What account services need besides the database: the mailer and the address links point to. */
export interface IdentityDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
}

export const sessionCookie = 'coproduce_session';
export const sessionLifetimeMs = 30 * 24 * 3600_000;
const verifyLifetimeMs = 48 * 3600_000;
const resetLifetimeMs = 3600_000;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseEmail(value: string | undefined): string {
  return (value ?? '').trim();
}

function emailProblem(email: string): string | null {
  if (!email) return 'identity.validation.emailRequired';
  if (email.length > 254 || !emailPattern.test(email)) return 'identity.validation.emailInvalid';
  return null;
}

function invalid<E extends string>(error: E, fields: Fields): { ok: false; error: E; fields: Fields } {
  return { ok: false, error, fields };
}

function link(deps: IdentityDeps, locale: string, path: string): string {
  return `${deps.publicUrl}/${locale}${path}`;
}

export async function findPersonByEmail(db: Db, email: string): Promise<Person | null> {
  const [row] = await db.select().from(person).where(eq(person.email, email));
  return row ?? null;
}

export async function findPerson(db: Db, personId: string): Promise<Person | null> {
  const [row] = await db.select().from(person).where(eq(person.id, personId));
  return row ?? null;
}

async function issueEmailToken(db: Db, personId: string, purpose: 'verify' | 'reset' | 'change-email', lifetimeMs: number, newEmail: string | null = null) {
  const token = newToken();
  await db.insert(emailToken).values({ personId, purpose, tokenHash: hashToken(token), newEmail, expiresAt: new Date(Date.now() + lifetimeMs) });
  return token;
}

// ——— Sign up and email confirmation ———

export interface SignUpInput {
  displayName?: string;
  email?: string;
  password?: string;
  terms?: string;
  contact?: string;
  locale: Locale;
  /** A page of this site to continue to once the address is confirmed (e.g. an invitation); checked by the route. */
  next?: string;
}

export async function signUp(deps: IdentityDeps, input: SignUpInput): Promise<Outcome<void, 'invalid'>> {
  const displayName = (input.displayName ?? '').trim();
  const email = normaliseEmail(input.email);
  const password = input.password ?? '';
  const fields: Fields = {};
  if (!displayName) fields.displayName = 'identity.validation.nameRequired';
  else if (displayName.length > 100) fields.displayName = 'identity.validation.nameTooLong';
  const emailError = emailProblem(email);
  if (emailError) fields.email = emailError;
  const passwordError = passwordProblem(password, { email, name: displayName });
  if (passwordError) fields.password = passwordError;
  if (input.terms !== 'yes') fields.terms = 'identity.validation.termsRequired';
  if (Object.keys(fields).length > 0) return invalid('invalid', fields);

  const passwordHash = await hashPassword(password);
  await deps.db.transaction(async (tx) => {
    const existing = await findPersonByEmail(tx, email);
    if (existing) {
      // Never tell a stranger whether an address has an account: tell the owner instead.
      await deps.mailer.send(
        { to: existing.email, locale: asLocale(existing.locale), subjectKey: 'identity.mail.alreadyRegistered.subject', bodyKey: 'identity.mail.alreadyRegistered.body', values: { signIn: link(deps, existing.locale, '/account/sign-in'), reset: link(deps, existing.locale, '/account/password-reset') } },
        tx,
      );
      return;
    }
    const [created] = await tx.insert(person).values({ email, displayName, locale: input.locale, passwordHash }).returning();
    await recordConsent(tx, created!.id, 'terms', consentTextVersion.terms, true);
    await recordConsent(tx, created!.id, 'contact', consentTextVersion.contact, input.contact === 'yes');
    const token = await issueEmailToken(tx, created!.id, 'verify', verifyLifetimeMs);
    await deps.mailer.send(
      { to: email, locale: input.locale, subjectKey: 'identity.mail.verify.subject', bodyKey: 'identity.mail.verify.body', values: { name: displayName, link: link(deps, input.locale, `/account/verify?token=${token}${input.next ? `&next=${encodeURIComponent(input.next)}` : ''}`) }, secret: true },
      tx,
    );
  });
  return { ok: true, value: undefined };
}

export function asLocale(value: string): Locale {
  return isLocale(value) ? value : 'en';
}

/** Confirms an address from an emailed link: a new account's, or a new address for an existing one. */
export async function confirmEmail(db: Db, token: string): Promise<Outcome<{ purpose: 'verify' | 'change-email' }, 'invalid-link' | 'email-taken'>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(emailToken)
      .where(and(eq(emailToken.tokenHash, hashToken(token)), isNull(emailToken.usedAt), gt(emailToken.expiresAt, new Date())));
    if (!row || row.purpose === 'reset') return { ok: false, error: 'invalid-link' } as const;
    if (row.purpose === 'change-email') {
      const taken = await findPersonByEmail(tx, row.newEmail!);
      if (taken) return { ok: false, error: 'email-taken' } as const;
      await tx.update(person).set({ email: row.newEmail!, emailVerifiedAt: new Date() }).where(eq(person.id, row.personId));
    } else {
      await tx.update(person).set({ emailVerifiedAt: sql`coalesce(${person.emailVerifiedAt}, now())` }).where(eq(person.id, row.personId));
    }
    await tx.update(emailToken).set({ usedAt: new Date() }).where(eq(emailToken.id, row.id));
    return { ok: true, value: { purpose: row.purpose } } as const;
  });
}

// ——— Sessions ———

export async function createSession(db: Db, personId: string, device: string, twoFactorVerified: boolean): Promise<string> {
  const token = newToken();
  await db.insert(session).values({ personId, tokenHash: hashToken(token), device, twoFactorVerified, twoFactorAt: twoFactorVerified ? new Date() : null, expiresAt: new Date(Date.now() + sessionLifetimeMs) });
  return token;
}

export async function endSession(db: Db, token: string | undefined): Promise<void> {
  if (token) await db.delete(session).where(eq(session.tokenHash, hashToken(token)));
}

export interface SessionState {
  sessionId: string;
  person: Person;
  /** The person has a second factor and has not passed it in this session yet. */
  pendingTwoFactor: boolean;
  actor: Actor | null;
}

/** The session behind a cookie token, with the actor it stands for; ended when idle too long for the person's roles. */
export async function sessionState(db: Db, token: string): Promise<SessionState | null> {
  const [row] = await db
    .select({ session, person })
    .from(session)
    .innerJoin(person, eq(person.id, session.personId))
    .where(and(eq(session.tokenHash, hashToken(token)), gt(session.expiresAt, new Date())));
  if (!row) return null;
  const grants = await grantsFor(db, row.person.id);
  const idleMs = Date.now() - row.session.lastSeenAt.getTime();
  // A session of a role that reads personal data ends after an idle period (a territory setting), not 30 days.
  const sensitive = grants.filter((g) => twoFactorRoles.includes(g.role));
  if (sensitive.length > 0) {
    const territories = sensitive.filter((g) => g.scope.kind === 'territory').map((g) => g.scope.id!);
    const platformWide = sensitive.some((g) => g.scope.kind !== 'territory');
    if (idleMs > (await sensitiveSessionIdleMinutes(db, territories, platformWide)) * 60_000) {
      await db.delete(session).where(eq(session.id, row.session.id));
      return null;
    }
  }
  // Touched at most every minute: the idle period above is measured from it.
  if (idleMs > 60_000) {
    await db.update(session).set({ lastSeenAt: new Date() }).where(eq(session.id, row.session.id));
  }
  const pendingTwoFactor = row.person.totpSecret !== null && !row.session.twoFactorVerified;
  const actor: Actor | null = pendingTwoFactor
    ? null
    : {
        personId: row.person.id,
        displayName: row.person.displayName,
        locale: asLocale(row.person.locale),
        grants,
        twoFactorVerified: row.session.twoFactorVerified,
        twoFactorRecent: row.session.twoFactorAt !== null && Date.now() - row.session.twoFactorAt.getTime() <= recentTwoFactorMinutes * 60_000,
      };
  return { sessionId: row.session.id, person: row.person, pendingTwoFactor, actor };
}

/** "Firefox · Linux": enough for a person to recognise a session, nothing that identifies them. */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : '?';
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '?';
  return `${browser} · ${system}`;
}

// ——— Sign in ———

export interface SignInInput {
  email?: string;
  password?: string;
  /** The token of the session this browser had, ended so the new one gets a fresh token. */
  previousToken?: string;
  device: string;
  /** The keyed hash standing for the client (app.clientKey). */
  clientKey: string;
}

export interface SignedIn {
  token: string;
  /** The person must now give a code from their authenticator. */
  needsTwoFactor: boolean;
  /** The person holds a role that requires a second factor and has none yet. */
  needsTwoFactorSetup: boolean;
}

export async function signIn(deps: IdentityDeps, throttle: Throttle, input: SignInInput): Promise<Outcome<SignedIn, 'invalid' | 'throttled' | 'unconfirmed'>> {
  const email = normaliseEmail(input.email);
  const password = input.password ?? '';
  const fields: Fields = {};
  const emailError = emailProblem(email);
  if (emailError) fields.email = emailError;
  if (!password) fields.password = 'identity.validation.passwordRequired';
  if (Object.keys(fields).length > 0) return invalid('invalid', fields);

  // Counted before the password is checked, atomically: concurrent guesses each take a place in the count.
  const accountKey = `a:${email.toLowerCase()}`;
  const clientKey = `c:${input.clientKey}`;
  const [accountAttempts, clientAttempts] = await Promise.all([throttle.attempt(accountKey), throttle.attempt(clientKey)]);
  if (accountAttempts > maxFailuresPerAccount || clientAttempts > maxFailuresPerClient) {
    await throttle.release(clientKey);
    return invalid('throttled', { email: 'identity.signIn.throttled' });
  }
  const found = await findPersonByEmail(deps.db, email);
  const passwordOk = found ? await verifyPassword(found.passwordHash, password) : (await verifyAgainstNothing(password), false);
  if (!found || !passwordOk) return invalid('invalid', { email: 'identity.signIn.wrong' });
  // The right password: this attempt does not count against the account or the client.
  await Promise.all([throttle.reset(accountKey), throttle.release(clientKey)]);
  if (!found.emailVerifiedAt) {
    const token = await issueEmailToken(deps.db, found.id, 'verify', verifyLifetimeMs);
    await deps.mailer.send({ to: found.email, locale: asLocale(found.locale), subjectKey: 'identity.mail.verify.subject', bodyKey: 'identity.mail.verify.body', values: { name: found.displayName, link: link(deps, found.locale, `/account/verify?token=${token}`) }, secret: true });
    return invalid('unconfirmed', { email: 'identity.signIn.unconfirmed' });
  }
  const token = await deps.db.transaction(async (tx) => {
    await endSession(tx, input.previousToken);
    // Expired sessions of this person are tidied away here rather than by a job.
    await tx.delete(session).where(and(eq(session.personId, found.id), lt(session.expiresAt, new Date())));
    return createSession(tx, found.id, input.device, false);
  });
  const needsTwoFactor = found.totpSecret !== null;
  const grants = needsTwoFactor ? [] : await grantsFor(deps.db, found.id);
  return { ok: true, value: { token, needsTwoFactor, needsTwoFactorSetup: !needsTwoFactor && grants.some((g) => twoFactorRoles.includes(g.role)) } };
}

/** Checks a code from the authenticator (or a recovery code) and gives the session a fresh token. */
export async function passTwoFactor(
  deps: IdentityDeps,
  throttle: Throttle,
  input: { token: string; code?: string; clientKey: string },
): Promise<Outcome<{ token: string }, 'invalid' | 'throttled' | 'signed-out'>> {
  const state = await sessionState(deps.db, input.token);
  if (!state) return { ok: false, error: 'signed-out' };
  const secretStored = state.person.totpSecret;
  if (!secretStored) return { ok: false, error: 'signed-out' };
  const code = (input.code ?? '').trim();
  if (!code) return invalid('invalid', { code: 'identity.validation.codeRequired' });
  const accountKey = `2fa:${state.person.id}`;
  const clientKey = `c:${input.clientKey}`;
  const [accountAttempts, clientAttempts] = await Promise.all([throttle.attempt(accountKey), throttle.attempt(clientKey)]);
  if (accountAttempts > maxFailuresPerAccount || clientAttempts > maxFailuresPerClient) {
    await throttle.release(clientKey);
    return invalid('throttled', { code: 'identity.signIn.throttled' });
  }
  const accepted = await deps.db.transaction(async (tx) => {
    const [current] = await tx.select().from(person).where(eq(person.id, state.person.id)).for('update');
    const step = matchTotp(await decryptSecret(tx, secretStored), code);
    if (step !== null && (current!.totpLastStep === null || step > current!.totpLastStep)) {
      await tx.update(person).set({ totpLastStep: step }).where(eq(person.id, state.person.id));
      return true;
    }
    return useRecoveryCode(tx, state.person.id, code);
  });
  if (!accepted) return invalid('invalid', { code: 'identity.twoFactor.wrongCode' });
  await Promise.all([throttle.reset(accountKey), throttle.release(clientKey)]);
  const token = newToken();
  await deps.db.update(session).set({ tokenHash: hashToken(token), twoFactorVerified: true, twoFactorAt: new Date() }).where(eq(session.id, state.sessionId));
  return { ok: true, value: { token } };
}

async function useRecoveryCode(db: Db, personId: string, code: string): Promise<boolean> {
  // Full-width letters and digits of any script, as a phone keyboard may type them.
  const normalised = asciiDigits(code.normalize('NFKC')).toLowerCase().replace(/[^a-z0-9]/g, '');
  if (normalised.length !== 10) return false;
  const codes = await db
    .select()
    .from(recoveryCode)
    .where(and(eq(recoveryCode.personId, personId), isNull(recoveryCode.usedAt)));
  for (const row of codes) {
    if (await verifyPassword(row.codeHash, normalised)) {
      await db.update(recoveryCode).set({ usedAt: new Date() }).where(eq(recoveryCode.id, row.id));
      return true;
    }
  }
  return false;
}

// ——— Password reset ———

export async function requestPasswordReset(deps: IdentityDeps, input: { email?: string }): Promise<Outcome<void, 'invalid'>> {
  const email = normaliseEmail(input.email);
  const emailError = emailProblem(email);
  if (emailError) return invalid('invalid', { email: emailError });
  // Without a mail server in production the link would have nowhere safe to go: the outbox is read by staff.
  if (!deps.mailer.deliversSecrets) return invalid('invalid', { email: 'identity.reset.noMailServer' });
  const found = await findPersonByEmail(deps.db, email);
  // The same answer whether or not the address has an account.
  if (found) {
    const token = await issueEmailToken(deps.db, found.id, 'reset', resetLifetimeMs);
    await deps.mailer.send({ to: found.email, locale: asLocale(found.locale), subjectKey: 'identity.mail.reset.subject', bodyKey: 'identity.mail.reset.body', values: { name: found.displayName, link: link(deps, found.locale, `/account/password-reset/new?token=${token}`) }, secret: true });
  }
  return { ok: true, value: undefined };
}

export async function resetTokenIsValid(db: Db, token: string): Promise<boolean> {
  const [row] = await db
    .select({ id: emailToken.id })
    .from(emailToken)
    .where(and(eq(emailToken.tokenHash, hashToken(token)), eq(emailToken.purpose, 'reset'), isNull(emailToken.usedAt), gt(emailToken.expiresAt, new Date())));
  return Boolean(row);
}

export async function resetPassword(db: Db, input: { token?: string; password?: string }): Promise<Outcome<void, 'invalid' | 'invalid-link'>> {
  const token = input.token ?? '';
  const [row] = await db
    .select({ tokenId: emailToken.id, person })
    .from(emailToken)
    .innerJoin(person, eq(person.id, emailToken.personId))
    .where(and(eq(emailToken.tokenHash, hashToken(token)), eq(emailToken.purpose, 'reset'), isNull(emailToken.usedAt), gt(emailToken.expiresAt, new Date())));
  if (!row) return { ok: false, error: 'invalid-link' };
  const problem = passwordProblem(input.password ?? '', { email: row.person.email, name: row.person.displayName });
  if (problem) return invalid('invalid', { password: problem });
  const passwordHash = await hashPassword(input.password!);
  await db.transaction(async (tx) => {
    // The link proves the address, and every session (perhaps an attacker's) ends.
    await tx.update(person).set({ passwordHash, emailVerifiedAt: sql`coalesce(${person.emailVerifiedAt}, now())` }).where(eq(person.id, row.person.id));
    await tx.update(emailToken).set({ usedAt: new Date() }).where(eq(emailToken.id, row.tokenId));
    await tx.delete(session).where(eq(session.personId, row.person.id));
  });
  return { ok: true, value: undefined };
}

// ——— Your account ———

export async function myAccount(db: Db, actor: Actor | null): Promise<Outcome<Person>> {
  const allowed = requirePermission(actor, 'identity.account.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const found = await findPerson(db, actor!.personId);
  if (!found) return { ok: false, error: 'signed-out' };
  return { ok: true, value: found };
}

export async function changePassword(
  db: Db,
  actor: Actor | null,
  currentSessionId: string | null,
  input: { current?: string; password?: string },
): Promise<Outcome<void, 'invalid'>> {
  const me = await myAccount(db, actor);
  if (!me.ok) return me;
  const fields: Fields = {};
  if (!input.current) fields.current = 'identity.validation.passwordRequired';
  else if (!(await verifyPassword(me.value.passwordHash, input.current))) fields.current = 'identity.validation.currentPasswordWrong';
  const problem = passwordProblem(input.password ?? '', { email: me.value.email, name: me.value.displayName });
  if (problem) fields.password = problem;
  if (Object.keys(fields).length > 0) return invalid('invalid', fields);
  const passwordHash = await hashPassword(input.password!);
  await db.transaction(async (tx) => {
    await tx.update(person).set({ passwordHash }).where(eq(person.id, me.value.id));
    // Other browsers signed in with the old password are signed out.
    await tx.delete(session).where(and(eq(session.personId, me.value.id), currentSessionId ? ne(session.id, currentSessionId) : undefined));
  });
  return { ok: true, value: undefined };
}

export async function changeEmail(deps: IdentityDeps, actor: Actor | null, input: { email?: string; password?: string }): Promise<Outcome<void, 'invalid'>> {
  const me = await myAccount(deps.db, actor);
  if (!me.ok) return me;
  const email = normaliseEmail(input.email);
  const fields: Fields = {};
  const emailError = emailProblem(email);
  if (emailError) fields.email = emailError;
  else if (email.toLowerCase() === me.value.email.toLowerCase()) fields.email = 'identity.validation.emailSame';
  if (!input.password) fields.password = 'identity.validation.passwordRequired';
  else if (!(await verifyPassword(me.value.passwordHash, input.password))) fields.password = 'identity.validation.currentPasswordWrong';
  if (Object.keys(fields).length > 0) return invalid('invalid', fields);
  const locale = asLocale(me.value.locale);
  const taken = await findPersonByEmail(deps.db, email);
  if (taken) {
    await deps.mailer.send({ to: taken.email, locale: asLocale(taken.locale), subjectKey: 'identity.mail.emailInUse.subject', bodyKey: 'identity.mail.emailInUse.body', values: {} });
    return { ok: true, value: undefined };
  }
  const token = await issueEmailToken(deps.db, me.value.id, 'change-email', verifyLifetimeMs, email);
  await deps.mailer.send({ to: email, locale, subjectKey: 'identity.mail.changeEmail.subject', bodyKey: 'identity.mail.changeEmail.body', values: { name: me.value.displayName, link: link(deps, locale, `/account/verify?token=${token}`) }, secret: true });
  await deps.mailer.send({ to: me.value.email, locale, subjectKey: 'identity.mail.changeEmailNotice.subject', bodyKey: 'identity.mail.changeEmailNotice.body', values: { name: me.value.displayName } });
  return { ok: true, value: undefined };
}

export async function updateProfile(db: Db, actor: Actor | null, input: { displayName?: string; locale?: string }): Promise<Outcome<void, 'invalid'>> {
  const me = await myAccount(db, actor);
  if (!me.ok) return me;
  const displayName = (input.displayName ?? '').trim();
  const fields: Fields = {};
  if (!displayName) fields.displayName = 'identity.validation.nameRequired';
  else if (displayName.length > 100) fields.displayName = 'identity.validation.nameTooLong';
  if (!isLocale(input.locale)) fields.locale = 'identity.validation.localeInvalid';
  if (Object.keys(fields).length > 0) return invalid('invalid', fields);
  await db.update(person).set({ displayName, locale: input.locale! }).where(eq(person.id, me.value.id));
  return { ok: true, value: undefined };
}

export interface SessionSummary {
  id: string;
  device: string;
  createdAt: Date;
  lastSeenAt: Date;
  twoFactorVerified: boolean;
  current: boolean;
}

export async function listMySessions(db: Db, actor: Actor | null, currentSessionId: string | null): Promise<Outcome<SessionSummary[]>> {
  const allowed = requirePermission(actor, 'identity.account.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const rows = await db
    .select()
    .from(session)
    .where(and(eq(session.personId, actor!.personId), gt(session.expiresAt, new Date())))
    .orderBy(desc(session.lastSeenAt), asc(session.createdAt));
  return {
    ok: true,
    value: rows.map((s) => ({ id: s.id, device: s.device, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, twoFactorVerified: s.twoFactorVerified, current: s.id === currentSessionId })),
  };
}

/** Signs out one of the person's own sessions; someone else's is "not found". */
export async function revokeMySession(db: Db, actor: Actor | null, sessionId: string): Promise<Outcome<void, 'not-found'>> {
  const allowed = requirePermission(actor, 'identity.account.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const removed = await db
    .delete(session)
    .where(and(eq(session.id, sessionId), eq(session.personId, actor!.personId)))
    .returning({ id: session.id });
  return removed.length > 0 ? { ok: true, value: undefined } : { ok: false, error: 'not-found' };
}

/** Administration pages a person's roles open (listed even before the second factor: opening one asks for it). */
export const administrationPages = { roles: 'identity.role.manage', accessLog: 'identity.accessLog.read', outbox: 'identity.outbox.read', apiClients: 'identity.apiClient.manage' } as const;
export type AdministrationPage = keyof typeof administrationPages;

export interface AccountOverview {
  person: Person;
  consents: ConsentState[];
  grants: RoleGrant[];
  administration: AdministrationPage[];
}

export async function accountOverview(db: Db, actor: Actor | null): Promise<Outcome<AccountOverview>> {
  const me = await myAccount(db, actor);
  if (!me.ok) return me;
  const [consents, grants] = await Promise.all([consentsOf(db, me.value.id), grantsFor(db, me.value.id)]);
  const administration = (Object.keys(administrationPages) as AdministrationPage[]).filter(
    (page) => mayEverBeAllowed({ ...actor!, twoFactorVerified: true }, administrationPages[page]).ok,
  );
  return { ok: true, value: { person: me.value, consents, grants, administration } };
}

/** Changes the optional consents (being contacted, research); only changes are recorded. */
export async function updateMyConsents(db: Db, actor: Actor | null, input: { contact?: string; research?: string }): Promise<Outcome<void>> {
  const me = await myAccount(db, actor);
  if (!me.ok) return me;
  const current = new Map((await consentsOf(db, me.value.id)).map((c) => [c.kind, c.given]));
  await db.transaction(async (tx) => {
    for (const kind of ['contact', 'research'] as const) {
      const given = input[kind] === 'yes';
      if (current.get(kind) !== given) await recordConsent(tx, me.value.id, kind, consentTextVersion[kind], given);
    }
  });
  return { ok: true, value: undefined };
}

/**
 * Sends an email to a person by id, in their language, for other contexts that know people only by id.
 * Returns false when the person no longer exists (a deleted account).
 */
export async function mailPerson(db: Db, mailer: Mailer, personId: string, message: Omit<MailMessage, 'to' | 'locale'>): Promise<boolean> {
  const found = await findPerson(db, personId);
  if (!found) return false;
  await mailer.send({ ...message, to: found.email, locale: asLocale(found.locale), values: { name: found.displayName, ...message.values } }, db);
  return true;
}
