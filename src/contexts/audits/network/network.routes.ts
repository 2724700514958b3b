// The Citizens' Audit Network's pages: the public enrolment and the coordinators' auditors page.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { textIn } from '../instruments/instrument.ts';
import { isStep, nextUnanswered, stepAfter, stepsFor } from './enrolment.ts';
import { createTraining, currentConsent, enrolmentDraftOf, listAuditors, listTrainings, recordAttendance, saveEnrolmentStep, submitEnrolment } from './network.service.ts';
import { AuditorsPage, JoinCheckPage, JoinDonePage, JoinStartPage, JoinStepPage } from './network.views.tsx';
import { ApplicationLinkPage, MyApplicationPage } from './application.views.tsx';
import { answerQuestion, applicationByLink, decideApplication, decisions, linkApplication, myApplications, type Decision } from './application.service.ts';
import { audits, failed, field, fields, FormBody, territoryFor, TerritoryParams, Uuid } from '../audits.http.ts';
import type { FieldErrors } from '../../../platform/views/forms.tsx';

const cookieName = 'coproduce_enrol';
const StepParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), step: Type.String({ maxLength: 20 }) });
const ChangeQuery = Type.Object({ change: Type.Optional(Type.String({ maxLength: 1 })) });

function draftIdOf(request: FastifyRequest): string | null {
  const raw = request.cookies[cookieName];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

export const networkPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const secure = app.config.publicUrl.startsWith('https://');
  // Sending answers is limited per person (keyed hash of the address, never the address itself).
  const limited = { rateLimit: { max: 60, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => app.clientKey(request) } };
  const noStore = (reply: FastifyReply) => reply.header('Cache-Control', 'no-store');
  const mail = { mailer: app.mailer, publicUrl: app.config.publicUrl };

  app.get('/t/:slug/audits/join', { schema: { params: TerritoryParams }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const consent = await currentConsent(db, territory.id);
    return reply.render(h(JoinStartPage, { slug: territory.slug, territoryName: territory.name, open: consent !== null }));
  });

  app.get('/t/:slug/audits/join/check', { schema: { params: TerritoryParams }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const consent = await currentConsent(db, territory.id);
    if (!consent) return reply.callNotFound();
    const answers = await enrolmentDraftOf(db, territory.id, draftIdOf(request));
    const missing = answers ? nextUnanswered(answers, consent.version) : 'name';
    if (!answers || missing) return reply.redirect(audits(request.params.locale, territory.slug, `/join/${missing ?? 'name'}`), 303);
    noStore(reply);
    return reply.render(h(JoinCheckPage, { slug: territory.slug, answers, errors: {}, signedIn: request.actor !== null }));
  });

  app.post('/t/:slug/audits/join/check', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'audits.enrolment.apply', ...limited } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const result = await submitEnrolment(db, request.actor, { territoryId: territory.id, draftId: draftIdOf(request), locale: request.i18n.locale, mail });
    if (!result.ok && result.error === 'incomplete') return reply.redirect(audits(request.params.locale, territory.slug, `/join/${result.step}`), 303);
    if (!result.ok && result.error === 'already-enrolled') return reply.redirect(audits(request.params.locale, territory.slug, '/application'), 303);
    if (!result.ok) return failed(request, reply, result.error);
    reply.clearCookie(cookieName, { path: '/' });
    const query = new URLSearchParams({ code: result.value.codeName, ...(result.value.linked ? {} : { sent: '1' }) });
    return reply.redirect(audits(request.params.locale, territory.slug, `/join/done?${query.toString()}`), 303);
  });

  app.get(
    '/t/:slug/audits/join/done',
    { schema: { params: TerritoryParams, querystring: Type.Object({ code: Type.Optional(Type.String({ pattern: '^A-[0-9]{3,6}$' })), sent: Type.Optional(Type.String({ maxLength: 1 })) }) }, config: { access: 'public' } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      return reply.render(h(JoinDonePage, { code: request.query.code ?? '', sent: request.query.sent === '1', slug: territory.slug }));
    },
  );

  // ---- The emailed link: ties a signed-out application to the account that opens it ----------------

  const LinkQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) });
  app.get('/t/:slug/audits/join/link', { schema: { params: TerritoryParams, querystring: LinkQuery }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    noStore(reply);
    reply.header('Referrer-Policy', 'no-referrer');
    const token = request.query.token ?? '';
    const application = await applicationByLink(db, territory.id, token);
    return reply.render(h(ApplicationLinkPage, { slug: territory.slug, territoryName: territory.name, token, application, signedIn: request.actor !== null, error: null }), application ? 200 : 404);
  });

  app.post('/t/:slug/audits/join/link', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'audits.application.link', ...limited } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    noStore(reply);
    const token = field(request.body as Record<string, unknown>, 'token');
    const result = await linkApplication(db, request.actor, { territoryId: territory.id, token });
    if (result.ok) return reply.redirect(audits(request.params.locale, territory.slug, '/application?linked=1'), 303);
    if (result.error === 'invalid-link' || result.error === 'already-enrolled') {
      const application = await applicationByLink(db, territory.id, token);
      return reply.render(h(ApplicationLinkPage, { slug: territory.slug, territoryName: territory.name, token, application, signedIn: true, error: result.error }), result.error === 'invalid-link' ? 404 : 409);
    }
    return failed(request, reply, result.error);
  });

  // ---- The applicant's own application: its state and what the coordinators wrote ------------------

  const applicationPage = async (request: FastifyRequest, reply: FastifyReply, notice: 'linked' | 'answered' | null, errors: FieldErrors, answer = '') => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const mine = await myApplications(db, request.actor);
    if (!mine.ok) return failed(request, reply, mine.error);
    noStore(reply);
    const application = mine.value.find((a) => a.territoryId === territory.id) ?? null;
    const status = !application ? 404 : Object.keys(errors).length > 0 ? 400 : 200;
    return reply.render(h(MyApplicationPage, { slug: territory.slug, territoryName: territory.name, application, notice, errors, answer }), status);
  };

  app.get(
    '/t/:slug/audits/application',
    { schema: { params: TerritoryParams, querystring: Type.Object({ linked: Type.Optional(Type.String({ maxLength: 1 })), answered: Type.Optional(Type.String({ maxLength: 1 })) }) }, config: { access: 'audits.application.own' } },
    async (request, reply) => applicationPage(request, reply, request.query.linked === '1' ? 'linked' : request.query.answered === '1' ? 'answered' : null, {}),
  );

  app.post('/t/:slug/audits/application/answer', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'audits.application.own', ...limited } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const answer = field(request.body as Record<string, unknown>, 'answer');
    const result = await answerQuestion(db, request.actor, { territoryId: territory.id, answer });
    if (!result.ok && result.fields) return applicationPage(request, reply, null, result.fields, answer);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, '/application?answered=1'), 303);
  });

  const renderStep = async (request: FastifyRequest, reply: FastifyReply, params: { locale: string; step: string }, change: boolean, errors: FieldErrors, typed: Record<string, string | string[]> | null) => {
    const territory = await territoryFor(request);
    const step = params.step;
    if (!territory || !isStep(step)) return reply.callNotFound();
    const consent = await currentConsent(db, territory.id);
    if (!consent) return reply.callNotFound();
    const saved = (await enrolmentDraftOf(db, territory.id, draftIdOf(request))) ?? {};
    const answers = { ...saved, ...(typed ?? {}) };
    if (!stepsFor(answers).includes(step)) return reply.redirect(audits(params.locale, territory.slug, '/join/check'), 303);
    noStore(reply);
    const text = textIn(consent.body, request.i18n.locale, ['en', 'es', 'ca']);
    return reply.render(
      h(JoinStepPage, { slug: territory.slug, step, answers, errors, consent: { version: consent.version, text }, change }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  app.get('/t/:slug/audits/join/:step', { schema: { params: StepParams, querystring: ChangeQuery }, config: { access: 'public' } }, async (request, reply) => renderStep(request, reply, request.params, request.query.change === '1', {}, null));

  app.post(
    '/t/:slug/audits/join/:step',
    { schema: { params: StepParams, querystring: ChangeQuery, body: FormBody }, config: { access: 'audits.enrolment.apply', ...limited } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory || !isStep(request.params.step)) return reply.callNotFound();
      const step = request.params.step;
      const result = await saveEnrolmentStep(db, request.actor, { territoryId: territory.id, draftId: draftIdOf(request), step, body: request.body as Record<string, unknown> });
      if (!result.ok && result.error === 'invalid') return renderStep(request, reply, request.params, request.query.change === '1', result.fields ?? {}, result.values ?? null);
      if (!result.ok) return failed(request, reply, result.error);
      reply.setCookie(cookieName, result.value.draftId, { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 7 * 24 * 3600 });
      const next = request.query.change === '1' ? null : stepAfter(step, result.value.answers);
      return reply.redirect(audits(request.params.locale, territory.slug, `/join/${next ?? 'check'}`), 303);
    },
  );

  // ---- Coordinators: auditors' personal data (second factor, every read access-logged) ----------

  const auditorsPage = async (request: FastifyRequest, reply: FastifyReply, errors: FieldErrors, typed: Record<string, string> = {}) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const [auditors, trainings] = await Promise.all([listAuditors(db, request.actor, recordAccess, territory.id), listTrainings(db, request.actor, territory.id)]);
    if (!auditors.ok) return failed(request, reply, auditors.error);
    if (!trainings.ok) return failed(request, reply, trainings.error);
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(AuditorsPage, { slug: territory.slug, auditors: auditors.value, trainings: trainings.value, errors, typed }), Object.keys(errors).length ? 400 : 200);
  };

  app.get('/t/:slug/audits/auditors', { schema: { params: TerritoryParams }, config: { access: 'audits.auditor.read' } }, async (request, reply) => auditorsPage(request, reply, {}));

  app.post(
    '/t/:slug/audits/auditors/:auditorId/decision',
    { schema: { params: Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), auditorId: Uuid }), body: FormBody }, config: { access: 'audits.auditor.manage' } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const body = request.body as Record<string, unknown>;
      // Each applicant's form names its fields after them, so that one page holds many forms with distinct ids.
      const id = request.params.auditorId;
      const decision = field(body, 'decision') || field(body, `decision-${id}`);
      if (!(decisions as readonly string[]).includes(decision)) return auditorsPage(request, reply, { [`decision-${id}`]: 'audits.network.decide.errors.choose' }, { [`message-${id}`]: field(body, `message-${id}`) });
      const message = field(body, `message-${id}`);
      const result = await decideApplication(db, mail, request.actor, { territoryId: territory.id, auditorId: request.params.auditorId, decision: decision as Decision, message });
      if (!result.ok && result.fields) return auditorsPage(request, reply, result.fields, { [`message-${id}`]: message, [`decision-${id}`]: decision });
      if (!result.ok) return failed(request, reply, result.error);
      return reply.redirect(audits(request.params.locale, territory.slug, '/auditors'), 303);
    },
  );

  app.post('/t/:slug/audits/trainings', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'audits.auditor.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const created = await createTraining(db, request.actor, { territoryId: territory.id, title: field(body, 'title'), heldOn: field(body, 'heldOn') });
    if (!created.ok && created.error === 'invalid') return auditorsPage(request, reply, created.fields ?? {});
    if (!created.ok) return failed(request, reply, created.error);
    const attended = await recordAttendance(db, request.actor, { territoryId: territory.id, trainingId: created.value.id, auditorIds: fields(body, 'auditorIds') });
    if (!attended.ok) return failed(request, reply, attended.error);
    return reply.redirect(audits(request.params.locale, territory.slug, '/auditors'), 303);
  });
};

