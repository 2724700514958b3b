// Public antenna pages under /:locale/t/:slug/antenna: start, questions, check, confirmation,
// following a report with its receipt, and reporting on someone's behalf. Every response: no-store.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import { h } from 'preact';
import { deny } from '../../platform/auth/plugin.ts';
import { hasMessage } from '../../platform/i18n/i18n.ts';
import { href } from '../../platform/views/context.ts';
import type { Option } from '../../platform/views/forms.tsx';
import { findTerritory, listAreaSummaries, type Territory } from '../territories/territory.service.ts';
import { facilitiesOf, localName, servicesOf, type Facility } from '../catalogue/catalogue.service.ts';
import { isStep, nextStep, recentMonths, stepOfField, stepsFor, validateStep, type Draft, type Step, type StepContext } from './answers.ts';
import {
  addReporterFile,
  antennaIsOpen,
  deleteDraft,
  endKeySession,
  loadDraft,
  openWithReceipt,
  reporterSession,
  reporterView,
  reportsFiledBy,
  saveDraft,
  sendReporterMessage,
  submitReport,
} from './report.service.ts';
import { answerRows, exitUrl, CheckPage, DonePage, FollowCasePage, FollowSignInPage, monthLabel, OnBehalfHome, QuestionPage, StartPage, ToldPage, type Choices } from './report.views.tsx';
import { maxFileBytes, type IncomingFile } from './files.ts';
import type { AntennaGuards } from './guards.ts';
import { territoryHeader } from '../territories/territory.http.ts';

declare module 'fastify' {
  interface FastifyInstance {
    antennaGuards: AntennaGuards;
  }
}

export const draftCookie = 'antenna_draft';
export const reporterCookie = 'antenna_case';
export const handlerCookie = 'antenna_key';

export function cookieOptions(app: FastifyInstance) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: app.config.publicUrl.startsWith('https://') };
}

/**
 * A stricter per-client limit for one route: the app-wide limit (RATE_LIMIT_PER_MINUTE, 600 by default)
 * divided by `divisor`, never below 10. With the defaults: sending a report 30/min, receipts 20/min.
 */
export function perMinute(app: FastifyInstance, divisor: number): number {
  return Math.max(10, Math.floor(app.config.rateLimitPerMinute / divisor));
}

/** Nothing about a report is kept by the browser or a proxy. */
export async function noStore(_request: FastifyRequest, reply: FastifyReply) {
  reply.header('Cache-Control', 'no-store');
  reply.header('Pragma', 'no-cache');
}

export async function territoryOf(app: FastifyInstance, request: FastifyRequest, slug: string): Promise<Territory | null> {
  const territory = await findTerritory(app.database.db, slug);
  if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
  return territory;
}

export function groundLabel(t: (k: string) => string, locale: string, ground: string): string {
  return hasMessage(locale as never, `antenna.grounds.${ground}`) ? t(`antenna.grounds.${ground}`) : ground;
}

/** The territory's choices for the form, in the reader's language, and the same ids for validation. */
export async function formChoices(app: FastifyInstance, request: FastifyRequest, territory: Territory): Promise<{ choices: Choices; context: StepContext }> {
  const { t, locale, date } = request.i18n;
  const db = app.database.db;
  const [services, districts, facilities] = await Promise.all([servicesOf(db, territory.id), listAreaSummaries(db, territory.id, 'district'), facilitiesOf(db, territory.id)]);
  const months = recentMonths(new Date());
  const byName = (a: Option, b: Option) => a.label.localeCompare(b.label, locale);
  // Names kept in the territory's own language (its first) say so, for screen readers and the page's fonts.
  const dataLang = territory.settings.languages[0];
  const named = (name: string, translated = false) => ({ label: name, ...(!translated && dataLang && dataLang !== locale ? { lang: dataLang } : {}) });
  const serviceChoices = services.map((s) => ({ value: s.id, ...named(localName(s, locale), locale in s.nameTranslations) })).sort(byName);
  // Each facility is listed under its service, whose name says what the acronym on the door ("CSS Ciutat Vella") stands for.
  const rank = new Map(serviceChoices.map((s, i) => [s.value, i]));
  const rankOf = (f: Facility) => rank.get(f.serviceId) ?? rank.size;
  const underService = (f: Facility) => {
    const s = serviceChoices[rankOf(f)];
    return s ? { group: { label: s.label, ...(s.lang ? { lang: s.lang } : {}) } } : {};
  };
  const choices: Choices = {
    services: serviceChoices,
    districts: districts.map((d) => ({ value: d.id, ...named(d.name) })),
    facilities: [...facilities].sort((a, b) => rankOf(a) - rankOf(b) || a.name.localeCompare(b.name, locale)).map((f) => ({ value: f.id, ...named(f.name), ...underService(f) })),
    grounds: territory.settings.grounds.map((g) => ({ value: g, label: groundLabel(t, locale, g) })),
    months: months.map((m) => ({ value: m, label: monthLabel(date, m) })),
  };
  return {
    choices,
    context: {
      serviceIds: services.map((s) => s.id),
      districtIds: districts.map((d) => d.id),
      facilityIds: facilities.map((f) => f.id),
      grounds: territory.settings.grounds,
      months,
    },
  };
}

const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const StepParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), step: Type.String({ maxLength: 20 }) });
const ChangeQuery = Type.Object({ change: Type.Optional(Type.String({ maxLength: 2 })) });
const FormBody = Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 30 })]));

export const reportPages: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', noStore);
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    // A file over the limit is cut short and marked, so the page can say so next to the field.
    throwFileSizeLimit: false,
    limits: { fileSize: maxFileBytes, files: 1, fields: 5, fieldSize: 20_000 },
    async onFile(part) {
      let data: Buffer = Buffer.alloc(0);
      let tooLarge: boolean;
      try {
        data = await part.toBuffer();
        tooLarge = part.file.truncated;
      } catch {
        tooLarge = true;
      }
      if (tooLarge) data = Buffer.alloc(0);
      (part as unknown as { value: IncomingFile & { tooLarge: boolean } }).value = { filename: part.filename, data, tooLarge };
    },
  });
  const db = app.database.db;
  const base = (locale: string, slug: string) => href(locale, `/t/${slug}/antenna`);

  // ------------------------------------------------------------ start

  app.get('/t/:slug/antenna', { schema: { params: SlugParams }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const open = await antennaIsOpen(db, territory.id);
    return reply.render(h(StartPage, { slug: territory.slug, territoryName: territory.name, retentionDays: territory.settings.caseRetentionDays, open, onBehalf: false }));
  });

  async function startDraft(request: FastifyRequest, reply: FastifyReply, territory: Territory, onBehalf?: Draft['onBehalf']) {
    const token = request.cookies[draftCookie];
    const existing = await loadDraft(db, token, territory.id);
    const keep = existing && !existing.submitted && Boolean(existing.onBehalf) === Boolean(onBehalf);
    const draft: Draft = keep ? existing : { territoryId: territory.id, answers: {}, done: [], ...(onBehalf ? { onBehalf } : {}) };
    const saved = await saveDraft(db, keep ? token : undefined, draft);
    reply.setCookie(draftCookie, saved, cookieOptions(app));
    const step = nextStep(draft);
    return reply.redirect(`${base(request.i18n.locale, territory.slug)}/report/${step}`, 303);
  }

  app.post('/t/:slug/antenna/start', { schema: { params: SlugParams, body: FormBody }, config: { invalidates: false, access: 'antenna.report.submit' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return startDraft(request, reply, territory);
  });

  // ------------------------------------------------------------ exit this page

  // The exit button's target: the unsent draft and the case session die here, with their cookies, before
  // the person is sent on to the neutral site, so Back finds nothing of the report in this browser.
  app.get('/t/:slug/antenna/exit', { schema: { params: SlugParams }, config: { access: 'public' } }, async (request, reply) => {
    await deleteDraft(db, request.cookies[draftCookie]);
    await endKeySession(db, request.cookies[reporterCookie]);
    reply.clearCookie(draftCookie, { path: '/' });
    reply.clearCookie(reporterCookie, { path: '/' });
    return reply.redirect(exitUrl, 303);
  });

  // ------------------------------------------------------------ on someone's behalf

  const organisationsOf = (request: FastifyRequest) =>
    (request.actor?.grants ?? []).filter((g) => g.role === 'organisation-member' && g.scope.kind === 'organisation' && g.scope.id).map((g) => g.scope.id!);

  app.get('/t/:slug/antenna/on-behalf', { schema: { params: SlugParams }, config: { access: 'antenna.report.onBehalf' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const filed = await reportsFiledBy(db, request.actor, territory.id, organisationsOf(request));
    if (!filed.ok) return deny(request, reply, filed.error);
    const open = await antennaIsOpen(db, territory.id);
    return reply.render(h(OnBehalfHome, { slug: territory.slug, territoryName: territory.name, filed: filed.value, open, retentionDays: territory.settings.caseRetentionDays }));
  });

  app.post('/t/:slug/antenna/on-behalf/start', { schema: { params: SlugParams, body: FormBody }, config: { invalidates: false, access: 'antenna.report.onBehalf' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const [organisationId] = organisationsOf(request);
    if (!organisationId || !request.actor) return deny(request, reply, 'forbidden');
    return startDraft(request, reply, territory, { organisationId, filedBy: request.actor.personId });
  });

  // ------------------------------------------------------------ questions

  function position(draft: Draft, step: Step) {
    const steps = stepsFor(draft);
    return { index: steps.indexOf(step) + 1, total: steps.length };
  }

  function backLink(locale: string, slug: string, draft: Draft, step: Step, change: boolean) {
    if (change) return `${base(locale, slug)}/report/check`;
    const steps = stepsFor(draft);
    const i = steps.indexOf(step);
    if (i > 0) return `${base(locale, slug)}/report/${steps[i - 1]}`;
    return draft.onBehalf ? `${base(locale, slug)}/on-behalf` : base(locale, slug);
  }

  app.get('/t/:slug/antenna/report/:step', { schema: { params: StepParams, querystring: ChangeQuery }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    const step = request.params.step;
    if (!territory || !isStep(step)) return reply.callNotFound();
    const draft = await loadDraft(db, request.cookies[draftCookie], territory.id);
    if (!draft || draft.submitted) return reply.redirect(base(request.i18n.locale, territory.slug), 303);
    if (!stepsFor(draft).includes(step)) return reply.callNotFound();
    const { choices } = await formChoices(app, request, territory);
    const change = request.query.change === '1';
    return reply.render(
      h(QuestionPage, {
        slug: territory.slug,
        step,
        answers: draft.answers,
        choices,
        errors: {},
        change,
        back: backLink(request.i18n.locale, territory.slug, draft, step, change),
        position: position(draft, step),
      }),
    );
  });

  app.post('/t/:slug/antenna/report/:step', { schema: { params: StepParams, body: FormBody }, config: { invalidates: false, access: 'public' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    const step = request.params.step;
    if (!territory || !isStep(step)) return reply.callNotFound();
    const token = request.cookies[draftCookie];
    const draft = await loadDraft(db, token, territory.id);
    if (!draft || draft.submitted) return reply.redirect(base(request.i18n.locale, territory.slug), 303);
    if (!stepsFor(draft).includes(step)) return reply.callNotFound();
    const { choices, context } = await formChoices(app, request, territory);
    const body = request.body as Record<string, unknown>;
    const change = body.change === '1';
    const result = validateStep(step, body, context);
    if (!result.ok) {
      return reply.render(
        h(QuestionPage, {
          slug: territory.slug,
          step,
          answers: { ...draft.answers, ...result.patch },
          choices,
          errors: result.errors,
          change,
          back: backLink(request.i18n.locale, territory.slug, draft, step, change),
          position: position(draft, step),
        }),
        400,
      );
    }
    const updated: Draft = { ...draft, answers: { ...draft.answers, ...result.patch }, done: [...new Set([...draft.done, step])] };
    await saveDraft(db, token, updated);
    const next = change ? nextStep(updated) : nextStep(updated, step);
    return reply.redirect(`${base(request.i18n.locale, territory.slug)}/report/${next}`, 303);
  });

  // ------------------------------------------------------------ check your answers, send

  async function renderCheck(request: FastifyRequest, reply: FastifyReply, territory: Territory, draft: Draft, errors: Record<string, string>, status = 200) {
    const { choices } = await formChoices(app, request, territory);
    const { t, date } = request.i18n;
    // Each name as its choice showed it, with the language it is in (a facility's name is kept in the territory's).
    const named = (options: Option[]) => (id: string) => {
      const o = options.find((c) => c.value === id);
      return { label: o?.label ?? '', ...(o?.lang ? { lang: o.lang } : {}) };
    };
    const find = (options: Option[]) => (id: string) => named(options)(id).label;
    const rows = answerRows(draft, { service: named(choices.services), district: named(choices.districts), facility: named(choices.facilities), ground: find(choices.grounds) }, t, (m) => monthLabel(date, m));
    // Errors found at the last check link to the page where each is fixed.
    const linked = Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, message]));
    return reply.render(
      h(CheckPage, { slug: territory.slug, rows, challenge: app.antennaGuards.pow.issue(territory.id), errors: linked, retentionDays: territory.settings.caseRetentionDays }),
      status,
    );
  }

  app.get('/t/:slug/antenna/report/check', { schema: { params: SlugParams }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const draft = await loadDraft(db, request.cookies[draftCookie], territory.id);
    if (!draft || draft.submitted) return reply.redirect(base(request.i18n.locale, territory.slug), 303);
    const next = nextStep(draft);
    if (next !== 'check') return reply.redirect(`${base(request.i18n.locale, territory.slug)}/report/${next}`, 303);
    return renderCheck(request, reply, territory, draft, {});
  });

  app.post(
    '/t/:slug/antenna/report/check',
    { schema: { params: SlugParams, body: FormBody }, config: { invalidates: false, access: 'public', rateLimit: { max: perMinute(app, 20), timeWindow: 60_000 } } },
    async (request, reply) => {
      const territory = await territoryOf(app, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const token = request.cookies[draftCookie];
      const draft = await loadDraft(db, token, territory.id);
      if (!draft) return reply.redirect(base(request.i18n.locale, territory.slug), 303);
      if (draft.submitted) return reply.redirect(`${base(request.i18n.locale, territory.slug)}/report/done`, 303);
      const body = request.body as Record<string, unknown>;
      // The honeypot: people never see this field; a robot that fills it gets a plain refusal.
      if (typeof body.website === 'string' && body.website !== '') return reply.code(400).render(h(ToldPage, { title: request.i18n.t('platform.errors.badRequest.title'), body: request.i18n.t('platform.errors.badRequest.body') }), 400);
      const guards = app.antennaGuards;
      const challenge = typeof body.challenge === 'string' ? body.challenge : '';
      const pow = typeof body.pow === 'string' ? body.pow : '';
      const proved = pow !== '' && (await guards.pow.verify(territory.id, challenge, pow));
      if (!proved) {
        // Without JavaScript there is no proof of work: the slower path, with a much stricter limit.
        const client = app.clientKey(request);
        if ((await guards.noPowPerClient.blocked(client)) || !(await guards.noPowGlobal.hit('all')) || !(await guards.noPowPerClient.hit(client))) {
          return reply.render(h(ToldPage, { title: request.i18n.t('antenna.busy.title'), body: request.i18n.t('antenna.busy.body') }), 429);
        }
      }
      const { context } = await formChoices(app, request, territory);
      const result = await submitReport(
        db,
        request.actor,
        { territoryId: territory.id, answers: draft.answers, ...(draft.onBehalf ? { onBehalf: draft.onBehalf } : {}), draftToken: token },
        context,
      );
      if (!result.ok) {
        if (result.error === 'invalid') {
          const errors = result.fields ?? {};
          // Mark the failing pages as not done, so the person is walked back through them.
          await saveDraft(db, token, { ...draft, done: draft.done.filter((s) => !Object.keys(errors).some((f) => stepOfField(f) === s)) });
          return renderCheck(request, reply, territory, draft, errors, 400);
        }
        if (result.error === 'closed') return reply.render(h(ToldPage, { title: request.i18n.t('antenna.start.title'), body: request.i18n.t('antenna.start.closed') }), 409);
        return deny(request, reply, result.error);
      }
      // Committed: only now is the person sent to the page that shows the receipt.
      return reply.redirect(`${base(request.i18n.locale, territory.slug)}/report/done`, 303);
    },
  );

  app.get('/t/:slug/antenna/report/done', { schema: { params: SlugParams }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const token = request.cookies[draftCookie];
    const draft = await loadDraft(db, token, territory.id);
    if (!draft?.submitted) {
      return reply.render(
        h(ToldPage, {
          title: request.i18n.t('antenna.done.goneTitle'),
          body: request.i18n.t('antenna.done.goneBody'),
          link: { href: `${base(request.i18n.locale, territory.slug)}/follow`, label: request.i18n.t('antenna.start.follow') },
        }),
      );
    }
    // Shown once: its only copy (in the encrypted draft) is deleted before the page leaves, so a reload,
    // however quick, finds nothing (and the cookie is cleared while the headers can still change).
    await deleteDraft(db, token);
    reply.clearCookie(draftCookie, { path: '/' });
    return reply.render(h(DonePage, { slug: territory.slug, receipt: draft.submitted.receipt, reference: draft.submitted.reference }));
  });

  // ------------------------------------------------------------ following a report with the receipt

  app.get('/t/:slug/antenna/follow', { schema: { params: SlugParams }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return reply.render(h(FollowSignInPage, { slug: territory.slug, errors: {} }));
  });

  app.post(
    '/t/:slug/antenna/follow',
    { schema: { params: SlugParams, body: FormBody }, config: { invalidates: false, access: 'antenna.report.follow', rateLimit: { max: perMinute(app, 30), timeWindow: 60_000 } } },
    async (request, reply) => {
      const territory = await territoryOf(app, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const guards = app.antennaGuards;
      const client = app.clientKey(request);
      if ((await guards.receiptFailuresPerClient.blocked(client)) || (await guards.receiptFailuresGlobal.blocked('all'))) {
        return reply.render(h(FollowSignInPage, { slug: territory.slug, errors: { receipt: 'antenna.errors.tooManyTries' } }), 429);
      }
      const receipt = typeof request.body.receipt === 'string' ? request.body.receipt : '';
      const opened = await openWithReceipt(db, request.actor, territory.id, receipt);
      if (!opened.ok) {
        if (opened.error !== 'not-found') return deny(request, reply, opened.error);
        await Promise.all([guards.receiptFailuresPerClient.hit(client), guards.receiptFailuresGlobal.hit('all')]);
        return reply.render(h(FollowSignInPage, { slug: territory.slug, errors: { receipt: 'antenna.errors.receiptWrong' } }), 400);
      }
      await endKeySession(db, request.cookies[reporterCookie]);
      reply.setCookie(reporterCookie, opened.value.token, cookieOptions(app));
      return reply.redirect(`${base(request.i18n.locale, territory.slug)}/follow/case`, 303);
    },
  );

  app.get(
    '/t/:slug/antenna/follow/case',
    { schema: { params: SlugParams, querystring: Type.Object({ sent: Type.Optional(Type.String({ maxLength: 2 })) }) }, config: { access: 'public' } },
    async (request, reply) => {
      const territory = await territoryOf(app, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const session = await reporterSession(db, request.cookies[reporterCookie], territory.id);
      if (!session) return reply.redirect(`${base(request.i18n.locale, territory.slug)}/follow`, 303);
      const view = await reporterView(db, session);
      if (!view) return reply.redirect(`${base(request.i18n.locale, territory.slug)}/follow`, 303);
      return reply.render(h(FollowCasePage, { slug: territory.slug, view, errors: {}, values: {}, sent: request.query.sent === '1' }));
    },
  );

  app.post('/t/:slug/antenna/follow/message', { schema: { params: SlugParams, body: FormBody }, config: { invalidates: false, access: 'antenna.report.follow' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const session = await reporterSession(db, request.cookies[reporterCookie], territory.id);
    if (!session) return reply.redirect(`${base(request.i18n.locale, territory.slug)}/follow`, 303);
    const text = typeof request.body.text === 'string' ? request.body.text : '';
    const kind = request.body.kind === 'information' ? 'information' : 'message';
    const sent = await sendReporterMessage(db, request.actor, session, { kind, text });
    if (!sent.ok) {
      if (sent.error === 'invalid') {
        const view = await reporterView(db, session);
        if (!view) return reply.callNotFound();
        return reply.render(h(FollowCasePage, { slug: territory.slug, view, errors: sent.fields ?? {}, values: { text }, sent: false }), 400);
      }
      if (sent.error === 'not-found') return reply.callNotFound();
      return deny(request, reply, sent.error);
    }
    return reply.redirect(`${base(request.i18n.locale, territory.slug)}/follow/case?sent=1`, 303);
  });

  app.post(
    '/t/:slug/antenna/follow/file',
    {
      schema: { params: SlugParams, body: Type.Object({ _csrf: Type.Optional(Type.String()), file: Type.Optional(Type.Unknown()) }) },
      bodyLimit: maxFileBytes * 2,
      config: { invalidates: false, access: 'antenna.report.follow', rateLimit: { max: perMinute(app, 60), timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const territory = await territoryOf(app, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const session = await reporterSession(db, request.cookies[reporterCookie], territory.id);
      if (!session) return reply.redirect(`${base(request.i18n.locale, territory.slug)}/follow`, 303);
      const file = request.body.file as (IncomingFile & { tooLarge?: boolean }) | undefined;
      let errors: Record<string, string>;
      if (!file || (file.data.length === 0 && !file.tooLarge)) errors = { file: 'antenna.errors.fileRequired' };
      else if (file.tooLarge) errors = { file: 'antenna.errors.fileTooLarge' };
      else {
        const added = await addReporterFile(db, request.actor, app.files, session, file);
        if (added.ok) return reply.redirect(`${base(request.i18n.locale, territory.slug)}/follow/case?sent=1`, 303);
        if (added.error === 'not-found') return reply.callNotFound();
        if (added.error !== 'invalid') return deny(request, reply, added.error);
        errors = added.fields ?? {};
      }
      const view = await reporterView(db, session);
      if (!view) return reply.callNotFound();
      return reply.render(h(FollowCasePage, { slug: territory.slug, view, errors, values: {}, sent: false }), 400);
    },
  );

  app.post('/t/:slug/antenna/follow/sign-out', { schema: { params: SlugParams, body: FormBody }, config: { invalidates: false, access: 'public' } }, async (request, reply) => {
    const territory = await territoryOf(app, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    await endKeySession(db, request.cookies[reporterCookie]);
    reply.clearCookie(reporterCookie, { path: '/' });
    return reply.redirect(base(request.i18n.locale, territory.slug), 303);
  });
};
