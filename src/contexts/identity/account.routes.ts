// Account pages under /:locale/account: sign up, confirm, sign in and out, two-factor, password reset,
// your details, email, password, sessions, consents, your data and deleting the account.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { deny } from '../../platform/auth/plugin.ts';
import type { Denial } from '../../platform/auth/permissions.ts';
import {
  accountOverview,
  changeEmail,
  changePassword,
  confirmEmail,
  deviceLabel,
  endSession,
  listMySessions,
  myAccount,
  passTwoFactor,
  requestPasswordReset,
  resetPassword,
  resetTokenIsValid,
  revokeMySession,
  sessionCookie,
  signIn,
  signUp,
  updateMyConsents,
  updateProfile,
  type IdentityDeps,
} from './identity.service.ts';
import { confirmTwoFactorSetup, disableTwoFactor, startTwoFactorSetup } from './two-factor.service.ts';
import { collectMyData, deleteMyAccount, zipOfData } from './data-rights.service.ts';
import { consentsOf } from './consent.service.ts';
import { acceptInvitation, findInvitation } from './roles.service.ts';
import { clearSessionCookie, setSessionCookie } from './identity.hooks.ts';
import { twoFactorRoles } from './permissions.ts';
import * as views from './account.views.tsx';
import { nameScopes } from '../../platform/portal.ts';
import { territoryOptions } from './admin.service.ts';

const Locale = Type.Object({ locale: Type.String() });
const text = (max = 500) => Type.Optional(Type.String({ maxLength: max }));
const NextQuery = Type.Object({ next: text(1000), notice: text(40) });
const csrf = { _csrf: text(200) };

/** Only a path of this site: never another origin (no open redirect). */
export function safeNext(next: string | undefined, locale: string): string {
  // After signing in, a person lands on their desk: what waits for them.
  const fallback = `/${locale}/desk`;
  if (!next || next.length > 1000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\') || /\p{Cc}/u.test(next)) return fallback;
  return next;
}

export function answerDenial(request: FastifyRequest, reply: FastifyReply, error: Denial | string) {
  if (error === 'signed-out' || error === 'forbidden' || error === 'two-factor-required') return deny(request, reply, error);
  return reply.callNotFound();
}

export const accountPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps: IdentityDeps = { db: app.database.db, mailer: app.mailer, publicUrl: app.config.publicUrl };
  const secure = app.config.publicUrl.startsWith('https://');
  const strict = { rateLimit: { max: 30, timeWindow: 60_000 } };
  const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store');

  // ——— Sign up ———
  // `next`: where to go once the address is confirmed and the person signed in (an invitation, say).
  const nextOrNull = (next: string | undefined, locale: string) => (next ? safeNext(next, locale) : null);
  app.get('/account/sign-up', { schema: { params: Locale, querystring: Type.Object({ next: text(1000) }) }, config: { access: 'public' } }, async (request, reply) => {
    const next = nextOrNull(request.query.next, request.i18n.locale);
    if (request.actor) return reply.redirect(next ?? `/${request.i18n.locale}/account`, 303);
    return reply.render(h(views.SignUpPage, { values: {}, errors: {}, next }));
  });
  app.post(
    '/account/sign-up',
    { schema: { params: Locale, body: Type.Object({ ...csrf, displayName: text(200), email: text(300), password: text(1000), terms: text(10), contact: text(10), next: text(1000) }) }, config: { invalidates: false, access: 'public', ...strict } },
    async (request, reply) => {
      const next = nextOrNull(request.body.next, request.i18n.locale);
      const result = await signUp(deps, { ...request.body, next: next ?? undefined, locale: request.i18n.locale });
      if (!result.ok) return reply.render(h(views.SignUpPage, { values: request.body, errors: result.fields ?? {}, next }), 400);
      return reply.redirect(`/${request.i18n.locale}/account/sign-up/check-email`, 303);
    },
  );
  app.get('/account/sign-up/check-email', { schema: { params: Locale }, config: { access: 'public' } }, async (_request, reply) => reply.render(h(views.CheckEmailPage, {})));
  app.get('/account/verify', { schema: { params: Locale, querystring: Type.Object({ token: text(200), next: text(1000) }) }, config: { access: 'public' } }, async (request, reply) => {
    noStore(reply);
    const result = await confirmEmail(app.database.db, request.query.token ?? '');
    const next = nextOrNull(request.query.next, request.i18n.locale);
    return reply.render(h(views.EmailConfirmedPage, { result: result.ok ? result.value.purpose : result.error === 'email-taken' ? 'email-taken' : 'invalid-link', next }), result.ok ? 200 : 400);
  });

  // ——— Sign in and out ———
  app.get('/account/sign-in', { schema: { params: Locale, querystring: NextQuery }, config: { access: 'public' } }, async (request, reply) => {
    const next = safeNext(request.query.next, request.i18n.locale);
    if (request.pendingTwoFactor) return reply.redirect(`/${request.i18n.locale}/account/two-factor?next=${encodeURIComponent(next)}`, 303);
    if (request.actor && !request.query.notice) return reply.redirect(next, 303);
    return reply.render(h(views.SignInPage, { values: {}, errors: {}, next, notice: request.query.notice ?? null }));
  });
  app.post(
    '/account/sign-in',
    { schema: { params: Locale, body: Type.Object({ ...csrf, email: text(300), password: text(1000), next: text(1000) }) }, config: { invalidates: false, access: 'public', ...strict } },
    async (request, reply) => {
      const { locale } = request.i18n;
      const next = safeNext(request.body.next, locale);
      const result = await signIn(deps, app.signInThrottle, {
        email: request.body.email,
        password: request.body.password,
        previousToken: request.cookies[sessionCookie],
        device: deviceLabel(request.headers['user-agent']),
        clientKey: app.clientKey(request),
      });
      if (!result.ok) return reply.render(h(views.SignInPage, { values: { email: request.body.email }, errors: result.fields ?? {}, next }), result.error === 'throttled' ? 429 : 400);
      setSessionCookie(reply, result.value.token, secure);
      if (result.value.needsTwoFactor) return reply.redirect(`/${locale}/account/two-factor?next=${encodeURIComponent(next)}`, 303);
      if (result.value.needsTwoFactorSetup) return reply.redirect(`/${locale}/account/two-factor/setup?next=${encodeURIComponent(next)}`, 303);
      return reply.redirect(next, 303);
    },
  );
  app.post('/account/sign-out', { schema: { params: Locale, body: Type.Object({ ...csrf }) }, config: { invalidates: false, access: 'public' } }, async (request, reply) => {
    await endSession(app.database.db, request.cookies[sessionCookie]);
    clearSessionCookie(reply, secure);
    return reply.redirect(`/${request.i18n.locale}/account/sign-in?notice=signedOut`, 303);
  });

  // ——— Second factor ———
  app.get('/account/two-factor', { schema: { params: Locale, querystring: NextQuery }, config: { access: 'public' } }, async (request, reply) => {
    const { locale } = request.i18n;
    const next = safeNext(request.query.next, locale);
    noStore(reply);
    if (request.pendingTwoFactor || confirmingAgain(request)) return reply.render(h(views.TwoFactorPage, { errors: {}, next }));
    // Signed in without a second factor, sent here by a page that needs one: set it up.
    if (request.actor && !request.actor.twoFactorVerified) return reply.redirect(`/${locale}/account/two-factor/setup?next=${encodeURIComponent(next)}`, 303);
    if (request.actor) return reply.redirect(next, 303);
    return reply.redirect(`/${locale}/account/sign-in?next=${encodeURIComponent(next)}`, 303);
  });
  app.post(
    '/account/two-factor',
    { schema: { params: Locale, body: Type.Object({ ...csrf, code: text(50), next: text(1000) }) }, config: { invalidates: false, access: 'public', ...strict } },
    async (request, reply) => {
      const { locale } = request.i18n;
      const next = safeNext(request.body.next, locale);
      const token = request.cookies[sessionCookie];
      if (!token || !(request.pendingTwoFactor || confirmingAgain(request))) return reply.redirect(`/${locale}/account/sign-in?next=${encodeURIComponent(next)}`, 303);
      const result = await passTwoFactor(deps, app.signInThrottle, { token, code: request.body.code, clientKey: app.clientKey(request) });
      if (!result.ok) {
        if (result.error === 'signed-out') return reply.redirect(`/${locale}/account/sign-in?next=${encodeURIComponent(next)}`, 303);
        return reply.render(h(views.TwoFactorPage, { errors: result.fields ?? {}, next }), result.error === 'throttled' ? 429 : 400);
      }
      setSessionCookie(reply, result.value.token, secure);
      return reply.redirect(next, 303);
    },
  );
  app.get('/account/two-factor/setup', { schema: { params: Locale, querystring: NextQuery }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    noStore(reply);
    const next = safeNext(request.query.next, request.i18n.locale);
    const setup = await startTwoFactorSetup(app.database.db, request.actor);
    if (!setup.ok) {
      if (setup.error === 'already-on') return reply.redirect(`/${request.i18n.locale}/account`, 303);
      return answerDenial(request, reply, setup.error);
    }
    return reply.render(h(views.TwoFactorSetupPage, { setup: setup.value, errors: {}, next, required: isRequired(request) }));
  });
  app.post(
    '/account/two-factor/setup',
    { schema: { params: Locale, body: Type.Object({ ...csrf, code: text(50), next: text(1000) }) }, config: { invalidates: false, access: 'identity.account.manage', ...strict } },
    async (request, reply) => {
      noStore(reply);
      const next = safeNext(request.body.next, request.i18n.locale);
      const result = await confirmTwoFactorSetup(app.database.db, request.actor, request.sessionId, { code: request.body.code });
      if (!result.ok) {
        if (result.error === 'already-on') return reply.redirect(`/${request.i18n.locale}/account`, 303);
        if (result.error !== 'invalid') return answerDenial(request, reply, result.error);
        const setup = await startTwoFactorSetup(app.database.db, request.actor);
        if (!setup.ok) return answerDenial(request, reply, setup.error);
        return reply.render(h(views.TwoFactorSetupPage, { setup: setup.value, errors: result.fields ?? {}, next, required: isRequired(request) }), 400);
      }
      // Shown once, in answer to the form: the codes are never stored in the clear, so there is no page to come back to.
      return reply.render(h(views.RecoveryCodesPage, { codes: result.value.recoveryCodes, next }));
    },
  );
  app.get('/account/two-factor/turn-off', { schema: { params: Locale }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    const me = await myAccount(app.database.db, request.actor);
    if (!me.ok) return answerDenial(request, reply, me.error);
    return reply.render(h(views.TwoFactorOffPage, { errors: {}, required: isRequired(request) }));
  });
  app.post(
    '/account/two-factor/turn-off',
    { schema: { params: Locale, body: Type.Object({ ...csrf, password: text(1000) }) }, config: { invalidates: false, access: 'identity.account.manage' } },
    async (request, reply) => {
      const result = await disableTwoFactor(app.database.db, request.actor, request.body);
      if (!result.ok) {
        if (result.error === 'invalid' || result.error === 'required') return reply.render(h(views.TwoFactorOffPage, { errors: result.fields ?? {}, required: result.error === 'required' }), 400);
        return answerDenial(request, reply, result.error);
      }
      return reply.redirect(`/${request.i18n.locale}/account?done=twoFactorOff`, 303);
    },
  );

  // ——— Password reset ———
  app.get('/account/password-reset', { schema: { params: Locale }, config: { access: 'public' } }, async (_request, reply) => reply.render(h(views.ResetRequestPage, { values: {}, errors: {} })));
  app.post(
    '/account/password-reset',
    { schema: { params: Locale, body: Type.Object({ ...csrf, email: text(300) }) }, config: { invalidates: false, access: 'public', ...strict } },
    async (request, reply) => {
      const result = await requestPasswordReset(deps, request.body);
      if (!result.ok) return reply.render(h(views.ResetRequestPage, { values: request.body, errors: result.fields ?? {} }), 400);
      return reply.redirect(`/${request.i18n.locale}/account/password-reset/sent`, 303);
    },
  );
  app.get('/account/password-reset/sent', { schema: { params: Locale }, config: { access: 'public' } }, async (_request, reply) => reply.render(h(views.ResetSentPage, {})));
  app.get('/account/password-reset/new', { schema: { params: Locale, querystring: Type.Object({ token: text(200) }) }, config: { access: 'public' } }, async (request, reply) => {
    noStore(reply);
    const token = request.query.token ?? '';
    const valid = await resetTokenIsValid(app.database.db, token);
    return reply.render(h(views.ResetNewPage, { token, valid, errors: {} }), valid ? 200 : 400);
  });
  app.post(
    '/account/password-reset/new',
    { schema: { params: Locale, body: Type.Object({ ...csrf, token: text(200), password: text(1000) }) }, config: { invalidates: false, access: 'public', ...strict } },
    async (request, reply) => {
      const result = await resetPassword(app.database.db, request.body);
      if (!result.ok) return reply.render(h(views.ResetNewPage, { token: request.body.token ?? '', valid: result.error !== 'invalid-link', errors: result.fields ?? {} }), 400);
      clearSessionCookie(reply, secure);
      return reply.redirect(`/${request.i18n.locale}/account/sign-in?notice=reset`, 303);
    },
  );

  // ——— Your account ———
  app.get('/account', { schema: { params: Locale, querystring: Type.Object({ done: text(40) }) }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    noStore(reply);
    const overview = await accountOverview(app.database.db, request.actor);
    if (!overview.ok) return answerDenial(request, reply, overview.error);
    const scopes = await nameScopes(app.database.db, overview.value.grants.map((g) => g.scope), request.i18n.locale);
    const territoryNames = new Map((await territoryOptions(app.database.db)).map((te) => [te.id, te.name]));
    return reply.render(h(views.AccountPage, { ...overview.value, scopes, territoryNames, done: request.query.done ?? null }));
  });
  app.get('/account/details', { schema: { params: Locale }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    const me = await myAccount(app.database.db, request.actor);
    if (!me.ok) return answerDenial(request, reply, me.error);
    return reply.render(h(views.DetailsPage, { values: { displayName: me.value.displayName, locale: me.value.locale }, errors: {} }));
  });
  app.post(
    '/account/details',
    { schema: { params: Locale, body: Type.Object({ ...csrf, displayName: text(200), locale: text(10) }) }, config: { access: 'identity.account.manage' } },
    async (request, reply) => {
      const result = await updateProfile(app.database.db, request.actor, request.body);
      if (!result.ok) {
        if (result.error === 'invalid') return reply.render(h(views.DetailsPage, { values: request.body, errors: result.fields ?? {} }), 400);
        return answerDenial(request, reply, result.error);
      }
      return reply.redirect(`/${request.i18n.locale}/account?done=details`, 303);
    },
  );
  app.get('/account/email', { schema: { params: Locale }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    const me = await myAccount(app.database.db, request.actor);
    if (!me.ok) return answerDenial(request, reply, me.error);
    return reply.render(h(views.EmailPage, { current: me.value.email, values: {}, errors: {} }));
  });
  app.post(
    '/account/email',
    { schema: { params: Locale, body: Type.Object({ ...csrf, email: text(300), password: text(1000) }) }, config: { invalidates: false, access: 'identity.account.manage', ...strict } },
    async (request, reply) => {
      const result = await changeEmail(deps, request.actor, request.body);
      if (!result.ok) {
        if (result.error !== 'invalid') return answerDenial(request, reply, result.error);
        const me = await myAccount(app.database.db, request.actor);
        return reply.render(h(views.EmailPage, { current: me.ok ? me.value.email : '', values: { email: request.body.email }, errors: result.fields ?? {} }), 400);
      }
      return reply.redirect(`/${request.i18n.locale}/account?done=emailSent`, 303);
    },
  );
  app.get('/account/password', { schema: { params: Locale }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    const me = await myAccount(app.database.db, request.actor);
    if (!me.ok) return answerDenial(request, reply, me.error);
    return reply.render(h(views.PasswordPage, { errors: {} }));
  });
  app.post(
    '/account/password',
    { schema: { params: Locale, body: Type.Object({ ...csrf, current: text(1000), password: text(1000) }) }, config: { invalidates: false, access: 'identity.account.manage', ...strict } },
    async (request, reply) => {
      const result = await changePassword(app.database.db, request.actor, request.sessionId, request.body);
      if (!result.ok) {
        if (result.error === 'invalid') return reply.render(h(views.PasswordPage, { errors: result.fields ?? {} }), 400);
        return answerDenial(request, reply, result.error);
      }
      return reply.redirect(`/${request.i18n.locale}/account?done=password`, 303);
    },
  );
  app.get('/account/sessions', { schema: { params: Locale, querystring: Type.Object({ done: text(40) }) }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    noStore(reply);
    const sessions = await listMySessions(app.database.db, request.actor, request.sessionId);
    if (!sessions.ok) return answerDenial(request, reply, sessions.error);
    return reply.render(h(views.SessionsPage, { sessions: sessions.value, done: request.query.done === 'revoked' }));
  });
  app.post(
    '/account/sessions/:id/revoke',
    { schema: { params: Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) }), body: Type.Object({ ...csrf }) }, config: { invalidates: false, access: 'identity.account.manage' } },
    async (request, reply) => {
      const result = await revokeMySession(app.database.db, request.actor, request.params.id);
      if (!result.ok) return answerDenial(request, reply, result.error);
      if (request.params.id === request.sessionId) {
        clearSessionCookie(reply, secure);
        return reply.redirect(`/${request.i18n.locale}/account/sign-in`, 303);
      }
      return reply.redirect(`/${request.i18n.locale}/account/sessions?done=revoked`, 303);
    },
  );
  app.get('/account/consents', { schema: { params: Locale }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    const me = await myAccount(app.database.db, request.actor);
    if (!me.ok) return answerDenial(request, reply, me.error);
    return reply.render(h(views.ConsentsPage, { consents: await consentsOf(app.database.db, me.value.id) }));
  });
  app.post(
    '/account/consents',
    { schema: { params: Locale, body: Type.Object({ ...csrf, contact: text(10), research: text(10) }) }, config: { invalidates: false, access: 'identity.account.manage' } },
    async (request, reply) => {
      const result = await updateMyConsents(app.database.db, request.actor, request.body);
      if (!result.ok) return answerDenial(request, reply, result.error);
      return reply.redirect(`/${request.i18n.locale}/account?done=consents`, 303);
    },
  );

  // ——— Your data ———
  app.get('/account/data', { schema: { params: Locale }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    const me = await myAccount(app.database.db, request.actor);
    if (!me.ok) return answerDenial(request, reply, me.error);
    return reply.render(h(views.DataPage, {}));
  });
  app.get('/account/data/download', { schema: { params: Locale }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    const data = await collectMyData(app.database.db, request.actor);
    if (!data.ok) return answerDenial(request, reply, data.error);
    noStore(reply);
    reply.header('Content-Disposition', `attachment; filename="coproduce-my-data-${new Date().toISOString().slice(0, 10)}.zip"`);
    return reply.type('application/zip').send(zipOfData(data.value));
  });
  app.get('/account/delete', { schema: { params: Locale }, config: { access: 'identity.account.manage' } }, async (request, reply) => {
    const me = await myAccount(app.database.db, request.actor);
    if (!me.ok) return answerDenial(request, reply, me.error);
    return reply.render(h(views.DeletePage, { values: {}, errors: {} }));
  });
  app.post(
    '/account/delete',
    { schema: { params: Locale, body: Type.Object({ ...csrf, password: text(1000), confirm: text(10) }) }, config: { access: 'identity.account.manage', ...strict } },
    async (request, reply) => {
      const result = await deleteMyAccount(app.database.db, request.actor, request.body);
      if (!result.ok) {
        if (result.error === 'invalid') return reply.render(h(views.DeletePage, { values: { confirm: request.body.confirm }, errors: result.fields ?? {} }), 400);
        return answerDenial(request, reply, result.error);
      }
      clearSessionCookie(reply, secure);
      return reply.redirect(`/${request.i18n.locale}/account/deleted`, 303);
    },
  );
  app.get('/account/deleted', { schema: { params: Locale }, config: { access: 'public' } }, async (_request, reply) => reply.render(h(views.DeletedPage, {})));

  // ——— Invitations ——— (the token travels in the query or the form, never in a logged path)
  app.get('/account/invitation', { schema: { params: Locale, querystring: Type.Object({ token: text(100) }) }, config: { access: 'public' } }, async (request, reply) => {
    noStore(reply);
    const token = request.query.token ?? '';
    const found = await findInvitation(app.database.db, token);
    return reply.render(h(views.InvitationPage, { invitation: found, token, signedIn: request.actor !== null, error: null }), found ? 200 : 404);
  });
  app.post(
    '/account/invitation',
    { schema: { params: Locale, body: Type.Object({ ...csrf, token: text(100) }) }, config: { access: 'identity.account.manage' } },
    async (request, reply) => {
      const token = request.body.token ?? '';
      const result = await acceptInvitation(app.database.db, request.actor, token);
      if (!result.ok) {
        if (result.error === 'invalid-link' || result.error === 'wrong-account') {
          const found = await findInvitation(app.database.db, token);
          return reply.render(h(views.InvitationPage, { invitation: found, token, signedIn: true, error: result.error }), 400);
        }
        return answerDenial(request, reply, result.error);
      }
      return reply.redirect(`/${request.i18n.locale}/account?done=invitation`, 303);
    },
  );
};

function isRequired(request: FastifyRequest): boolean {
  return request.actor?.grants.some((g) => twoFactorRoles.includes(g.role)) ?? false;
}

/** Signed in with a second step passed long enough ago that the most sensitive actions ask for it again. */
function confirmingAgain(request: FastifyRequest): boolean {
  return request.actor?.twoFactorVerified === true && request.actor.twoFactorRecent === false;
}
