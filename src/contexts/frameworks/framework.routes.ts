// Framework pages under /:locale/t/:slug/frameworks: the list and open data, drafting, one version with its
// comments and endorsements, editing a draft, the coordinators' steps, versions and diffs, amendments.
import { territoryHeader } from '../territories/territory.http.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../platform/auth/permissions.ts';
import { failed } from '../../platform/http/forms.ts';
import { href } from '../../platform/views/context.ts';
import { writeCsv } from '../../platform/csv/csv.ts';
import { findTerritory, type Territory } from '../territories/territory.service.ts';
import { findNetworkById, listNetworks } from '../agreement/networks/network.service.ts';
import { pick, pickNamed } from '../../platform/i18n/translations.ts';
import { agreeVersion, asKeyed, createFramework, frameworkDetail, listFrameworks, openConsultation, saveDraft, startNextVersion, versionText, type FrameworkDetail } from './framework.service.ts';
import { addComment, amendable, amendmentsOn, commentsOn, decideAmendment, endorse, endorsementsOf, proposeAmendment, withdrawEndorsement } from './consultation.service.ts';
import { diffDocuments, formatDocument } from './document.ts';
import { frameworkPath } from './components.tsx';
import { DraftPage, FrameworksPage, PrintPage, VersionPage } from './framework.views.tsx';
import { AmendmentsPage, AmendPage, DiffPage, VersionsPage } from './review.views.tsx';
import { frameworkRows, endorsementRows } from './opendata.ts';
import { agreedTextPdf, pdfFileName, printDigest } from './print.service.ts';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const IdParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 40 }) });
const VersionParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 40 }), n: Type.String({ maxLength: 20 }) });
const ParagraphParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 40 }), pid: Type.String({ maxLength: 40 }) });
const AmendmentParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), id: Type.String({ maxLength: 40 }), aid: Type.String({ maxLength: 40 }) });
const DraftBody = Type.Object({ networkId: Text(40), locale: Text(10), title: Text(600), summary: Text(6000), text: Text(130_000) });
const NoticeQuery = Type.Object({ notice: Text(40) });
const versionNumber = (n: string) => (/^\d{1,5}$/.test(n) ? Number(n) : NaN);

export const frameworkPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  async function territoryOf(request: FastifyRequest, slug: string): Promise<Territory | null> {
    const territory = await findTerritory(db, slug);
    if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    return territory;
  }
  /** The framework when it is in this territory and the person may read it. */
  async function load(request: FastifyRequest, slug: string, id: string): Promise<{ territory: Territory; detail: FrameworkDetail } | null> {
    const territory = await territoryOf(request, slug);
    const detail = territory && (await frameworkDetail(db, request.actor, id));
    if (!territory || !detail || detail.framework.territoryId !== territory.id) return null;
    return { territory, detail };
  }
  const networkName = async (request: FastifyRequest, id: string) => {
    const n = await findNetworkById(db, id);
    return n ? pickNamed(n.name, request.i18n.locale) : { text: '', lang: request.i18n.locale };
  };
  async function draftable(request: FastifyRequest, territory: Territory) {
    return (await listNetworks(db, territory.id)).filter((n) => requirePermission(request.actor, 'frameworks.framework.coordinate', { territoryId: territory.id, networkId: n.id }).ok).map((n) => ({ id: n.id, name: pick(n.name, request.i18n.locale) }));
  }
  const page = (locale: string, slug: string, id: string, rest: string, notice?: string) => `${href(locale, frameworkPath(slug, id, rest))}${notice ? `?notice=${notice}` : ''}`;
  const privately = (request: FastifyRequest, reply: FastifyReply) => {
    if (request.actor) reply.header('Cache-Control', 'no-store');
  };

  app.get('/t/:slug/frameworks', { schema: { params: SlugParams }, config: { access: 'frameworks.public.view' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const frameworks = await listFrameworks(db, request.actor, territory.id);
    const names = new Map((await listNetworks(db, territory.id)).map((n) => [n.id, pickNamed(n.name, request.i18n.locale)]));
    privately(request, reply);
    return reply.render(h(FrameworksPage, { territory, frameworks, networkNames: names, canDraft: (await draftable(request, territory)).length > 0 }));
  });

  // Open data: every version out of draft (never drafts, whoever asks), and every endorsement, withdrawn ones with their date.
  for (const format of ['csv', 'json'] as const) {
    app.get(`/t/:slug/frameworks.${format}`, { schema: { params: SlugParams }, config: { access: 'frameworks.public.view' } }, async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const rows = await frameworkRows(db, territory.id, request.i18n.locale);
      if (format === 'json') return reply.type('application/json; charset=utf-8').send({ versions: rows });
      const columns = ['framework_id', 'network', 'language', 'version', 'status', 'title', 'summary', 'sections', 'paragraphs', 'comments', 'amendments_accepted', 'amendments_declined', 'created_at', 'consultation_opened_at', 'consultation_closes_on', 'agreed_at', 'superseded_at', 'endorsements'] as const;
      return reply.header('Content-Disposition', `attachment; filename="${territory.slug}-frameworks.csv"`).type('text/csv; charset=utf-8').send(writeCsv(rows.map((r) => columns.map((c) => r[c])), { columns }));
    });
    app.get(`/t/:slug/frameworks/endorsements.${format}`, { schema: { params: SlugParams }, config: { access: 'frameworks.public.view' } }, async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const rows = await endorsementRows(db, territory.id);
      if (format === 'json') return reply.type('application/json; charset=utf-8').send({ endorsements: rows });
      const columns = ['framework_id', 'title', 'version', 'organisation', 'endorsed_at', 'withdrawn_at'] as const;
      return reply.header('Content-Disposition', `attachment; filename="${territory.slug}-framework-endorsements.csv"`).type('text/csv; charset=utf-8').send(writeCsv(rows.map((r) => columns.map((c) => r[c])), { columns }));
    });
  }

  async function renderNew(request: FastifyRequest, reply: FastifyReply, territory: Territory, values: Record<string, string>, errors: Record<string, string>) {
    const networks = await draftable(request, territory);
    if (networks.length === 0) return failed(request, reply, 'forbidden');
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(DraftPage, { territory, networks, action: `/t/${territory.slug}/frameworks/new`, back: `/t/${territory.slug}/frameworks`, values, errors, heading: request.i18n.t('frameworks.list.new') }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/t/:slug/frameworks/new', { schema: { params: SlugParams }, config: { access: 'frameworks.framework.coordinate' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    return renderNew(request, reply, territory, { text: request.i18n.t('frameworks.draft.example') }, {});
  });

  app.post('/t/:slug/frameworks/new', { schema: { params: SlugParams, body: DraftBody }, config: { access: 'frameworks.framework.coordinate' } }, async (request, reply) => {
    const territory = await territoryOf(request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const values = { networkId: request.body.networkId ?? '', locale: request.body.locale ?? '', title: request.body.title ?? '', summary: request.body.summary ?? '', text: request.body.text ?? '' };
    const outcome = await createFramework(db, request.actor, territory.id, values);
    if (outcome.ok) return reply.redirect(page(request.params.locale, territory.slug, outcome.value.id, '/versions/1', 'created'), 303);
    if (outcome.error === 'invalid') return renderNew(request, reply, territory, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  async function renderVersion(request: FastifyRequest, reply: FastifyReply, slug: string, id: string, n: number | null, extra: { values?: Record<string, string>; errors?: Record<string, string>; focus?: string; notice?: string | undefined } = {}) {
    const found = await load(request, slug, id);
    if (!found) return reply.callNotFound();
    const { territory, detail } = found;
    const version = n === null ? (detail.versions.filter((v) => v.status === 'agreed').at(-1) ?? detail.versions.at(-1)!) : detail.versions.find((v) => v.number === n);
    if (!version) return reply.callNotFound();
    const [text, comments, amendments, endorsements, name] = await Promise.all([versionText(db, version.id), commentsOn(db, version.id), amendmentsOn(db, version.id), endorsementsOf(db, version.id), networkName(request, detail.framework.networkId)]);
    privately(request, reply);
    const errors = extra.errors ?? {};
    return reply.render(h(VersionPage, { territory, detail, version, text, comments, amendments, endorsements, networkName: name, focus: extra.focus, values: extra.values ?? {}, errors, notice: extra.notice }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/t/:slug/frameworks/:id', { schema: { params: IdParams, querystring: NoticeQuery }, config: { access: 'frameworks.public.view' } }, async (request, reply) =>
    renderVersion(request, reply, request.params.slug, request.params.id, null, { notice: request.query.notice }),
  );

  app.get('/t/:slug/frameworks/:id/versions/:n', { schema: { params: VersionParams, querystring: NoticeQuery }, config: { access: 'frameworks.public.view' } }, async (request, reply) => {
    const n = versionNumber(request.params.n);
    if (Number.isNaN(n)) return reply.callNotFound();
    return renderVersion(request, reply, request.params.slug, request.params.id, n, { notice: request.query.notice });
  });

  /** An agreed version the person may read, for its printable page and its PDF (drafts and versions in consultation are not printed). */
  async function loadAgreed(request: FastifyRequest, params: { slug: string; id: string; n: string }) {
    const found = await load(request, params.slug, params.id);
    const version = found?.detail.versions.find((v) => v.number === versionNumber(params.n));
    if (!found || !version || version.status !== 'agreed') return null;
    const [endorsements, name] = await Promise.all([endorsementsOf(db, version.id), networkName(request, found.detail.framework.networkId)]);
    return { detail: found.detail, version, endorsements, networkName: name };
  }

  app.get('/t/:slug/frameworks/:id/versions/:n/print', { schema: { params: VersionParams }, config: { access: 'frameworks.public.view' } }, async (request, reply) => {
    const found = await loadAgreed(request, request.params);
    if (!found) return reply.callNotFound();
    return reply.render(h(PrintPage, { ...found, text: await versionText(db, found.version.id) }));
  });

  // The same page as a PDF: rendered once per version and language, then served from the store.
  app.get('/t/:slug/frameworks/:id/versions/:n/pdf', { schema: { params: VersionParams }, config: { access: 'frameworks.public.view' } }, async (request, reply) => {
    const found = await loadAgreed(request, request.params);
    if (!found) return reply.callNotFound();
    const { slug, id } = request.params;
    const locale = request.i18n.locale;
    const text = await versionText(db, found.version.id);
    const pdf = await agreedTextPdf(db, found.version, locale, printDigest(found.endorsements, found.networkName.text), () => ({
      html: reply.renderHtml(h(PrintPage, { ...found, text })),
      path: href(locale, frameworkPath(slug, id, `/versions/${found.version.number}/print`)),
    }));
    return reply.type('application/pdf').header('Content-Disposition', `attachment; filename="${pdfFileName(found.version.title, found.version.number, locale)}"`).send(pdf);
  });

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, locale: string, slug: string, id: string, nText: string, values: Record<string, string> | null, errors: Record<string, string>) {
    const found = await load(request, slug, id);
    const version = found?.detail.versions.find((v) => v.number === versionNumber(nText));
    if (!found || !version) return reply.callNotFound();
    if (!found.detail.standing.coordinator) return failed(request, reply, 'forbidden');
    if (version.status !== 'draft') return reply.redirect(page(locale, slug, id, `/versions/${version.number}`), 303);
    const shown = values ?? { title: version.title, summary: version.summary, text: formatDocument(await versionText(db, version.id)) };
    reply.header('Cache-Control', 'no-store');
    const path = frameworkPath(slug, id, `/versions/${version.number}`);
    return reply.render(h(DraftPage, { territory: found.territory, networks: null, action: `${path}/edit`, back: path, values: shown, errors, heading: request.i18n.t('frameworks.draft.editTitle', { number: version.number }) }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/t/:slug/frameworks/:id/versions/:n/edit', { schema: { params: VersionParams }, config: { access: 'frameworks.framework.coordinate' } }, async (request, reply) =>
    renderEdit(request, reply, request.params.locale, request.params.slug, request.params.id, request.params.n, null, {}),
  );

  app.post('/t/:slug/frameworks/:id/versions/:n/edit', { schema: { params: VersionParams, body: DraftBody }, config: { access: 'frameworks.framework.coordinate' } }, async (request, reply) => {
    const { slug, id, n, locale } = request.params;
    const found = await load(request, slug, id);
    if (!found) return reply.callNotFound();
    const values = { title: request.body.title ?? '', summary: request.body.summary ?? '', text: request.body.text ?? '' };
    const outcome = await saveDraft(db, request.actor, id, versionNumber(n), values);
    if (outcome.ok) return reply.redirect(page(locale, slug, id, `/versions/${n}`, 'saved'), 303);
    if (outcome.error === 'invalid') return renderEdit(request, reply, locale, slug, id, n, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.post('/t/:slug/frameworks/:id/versions/:n/consult', { schema: { params: VersionParams, body: Type.Object({ closesOn: Text(40) }) }, config: { access: 'frameworks.framework.coordinate' } }, async (request, reply) => {
    const { slug, id, n, locale } = request.params;
    if (!(await load(request, slug, id))) return reply.callNotFound();
    const values = { closesOn: request.body.closesOn ?? '' };
    const outcome = await openConsultation(db, request.actor, id, versionNumber(n), values);
    if (outcome.ok) return reply.redirect(page(locale, slug, id, `/versions/${n}`, 'consultation'), 303);
    if (outcome.error === 'invalid') return renderVersion(request, reply, slug, id, versionNumber(n), { values, errors: outcome.fields ?? {} });
    return failed(request, reply, outcome.error);
  });

  /** A comment or an amendment sent after the consultation's closing day: the version's page, saying so at the top. */
  const ended = (request: FastifyRequest, reply: FastifyReply, slug: string, id: string, found: { detail: FrameworkDetail }) => {
    const version = found.detail.versions.find((v) => v.status === 'consultation' && !v.supersededAt) ?? found.detail.versions.at(-1)!;
    return renderVersion(request, reply, slug, id, version.number, { errors: { closed: 'frameworks.errors.consultationEnded' } });
  };

  const steps = { agree: agreeVersion, next: startNextVersion } as const;
  for (const [step, act] of Object.entries(steps)) {
    app.post(`/t/:slug/frameworks/:id/versions/:n/${step}`, { schema: { params: VersionParams }, config: { access: 'frameworks.framework.coordinate' } }, async (request, reply) => {
      const { slug, id, n, locale } = request.params;
      if (!(await load(request, slug, id))) return reply.callNotFound();
      const outcome = await act(db, request.actor, id, versionNumber(n));
      if (outcome.ok) {
        const to = outcome.value && typeof outcome.value === 'object' && 'number' in outcome.value ? outcome.value.number : n;
        return reply.redirect(page(locale, slug, id, `/versions/${to}`, step === 'agree' ? 'agreed' : 'next'), 303);
      }
      if (outcome.error === 'invalid') return renderVersion(request, reply, slug, id, versionNumber(n), { errors: outcome.fields ?? {} });
      return failed(request, reply, outcome.error);
    });
  }

  for (const action of ['endorse', 'withdraw'] as const) {
    app.post(`/t/:slug/frameworks/:id/versions/:n/${action}`, { schema: { params: VersionParams, body: Type.Object({ organisationId: Text(40) }) }, config: { access: 'frameworks.framework.endorse' } }, async (request, reply) => {
      const { slug, id, n, locale } = request.params;
      if (!(await load(request, slug, id))) return reply.callNotFound();
      const organisationId = request.body.organisationId ?? '';
      const outcome = await (action === 'endorse' ? endorse : withdrawEndorsement)(db, request.actor, id, versionNumber(n), organisationId);
      if (outcome.ok) return reply.redirect(page(locale, slug, id, `/versions/${n}`, action === 'endorse' ? 'endorsed' : 'withdrawn'), 303);
      if (outcome.error === 'invalid' || outcome.error === 'closed') return renderVersion(request, reply, slug, id, versionNumber(n), { values: { organisationId }, errors: outcome.error === 'closed' ? { organisationId: 'frameworks.errors.endorsementClosed' } : (outcome.fields ?? {}) });
      return failed(request, reply, outcome.error);
    });
  }

  app.post('/t/:slug/frameworks/:id/paragraphs/:pid/comments', { schema: { params: ParagraphParams, body: Type.Object({ organisationId: Text(40), body: Text(8000) }) }, config: { access: 'frameworks.framework.contribute' } }, async (request, reply) => {
    const { slug, id, pid, locale } = request.params;
    const found = await load(request, slug, id);
    if (!found) return reply.callNotFound();
    const values = { organisationId: request.body.organisationId ?? '', body: request.body.body ?? '' };
    // Typed on this page: in its language.
    const outcome = await addComment(db, request.actor, pid, { ...values, lang: locale });
    if (outcome.ok && outcome.value.frameworkId === id) return reply.redirect(`${page(locale, slug, id, `/versions/${outcome.value.versionNumber}`, 'commented')}#p-${pid}`, 303);
    if (outcome.ok) return reply.callNotFound();
    if (outcome.error === 'ended') return ended(request, reply, slug, id, found);
    const version = found.detail.versions.find((v) => v.status === 'consultation' && !v.supersededAt) ?? found.detail.versions.at(-1)!;
    if (outcome.error === 'invalid' || outcome.error === 'closed') return renderVersion(request, reply, slug, id, version.number, { values, focus: pid, errors: outcome.error === 'closed' ? { body: 'frameworks.errors.consultationClosed' } : (outcome.fields ?? {}) });
    return failed(request, reply, outcome.error);
  });

  async function renderAmend(request: FastifyRequest, reply: FastifyReply, locale: string, slug: string, id: string, pid: string, values: Record<string, string>, errors: Record<string, string>) {
    const found = await load(request, slug, id);
    if (!found) return reply.callNotFound();
    const target = await amendable(db, request.actor, pid);
    if (!target.ok && target.error === 'ended') return ended(request, reply, slug, id, found);
    if (!target.ok) return target.error === 'closed' ? reply.redirect(page(locale, slug, id, ''), 303) : failed(request, reply, target.error);
    if (target.value.f.id !== id) return reply.callNotFound();
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(AmendPage, { territory: found.territory, detail: found.detail, paragraph: target.value.p, organisations: target.value.organisations, values, errors }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/t/:slug/frameworks/:id/paragraphs/:pid/amend', { schema: { params: ParagraphParams }, config: { access: 'frameworks.framework.contribute' } }, async (request, reply) =>
    renderAmend(request, reply, request.params.locale, request.params.slug, request.params.id, request.params.pid, {}, {}),
  );

  app.post('/t/:slug/frameworks/:id/paragraphs/:pid/amend', { schema: { params: ParagraphParams, body: Type.Object({ organisationId: Text(40), replacement: Text(8000), reason: Text(4000) }) }, config: { access: 'frameworks.framework.contribute' } }, async (request, reply) => {
    const { slug, id, pid, locale } = request.params;
    const found = await load(request, slug, id);
    if (!found) return reply.callNotFound();
    const values = { organisationId: request.body.organisationId ?? '', replacement: request.body.replacement ?? '', reason: request.body.reason ?? '' };
    const target = await amendable(db, request.actor, pid);
    if (target.ok && target.value.f.id !== id) return reply.callNotFound();
    // Typed on this page: in its language.
    const outcome = await proposeAmendment(db, request.actor, pid, { ...values, lang: locale });
    if (outcome.ok) return reply.redirect(`${page(locale, slug, id, `/versions/${outcome.value.versionNumber}`, 'proposed')}#p-${pid}`, 303);
    if (outcome.error === 'invalid') return renderAmend(request, reply, locale, slug, id, pid, values, outcome.fields ?? {});
    if (outcome.error === 'ended') return ended(request, reply, slug, id, found);
    if (outcome.error === 'closed') return reply.redirect(page(locale, slug, id, ''), 303);
    return failed(request, reply, outcome.error);
  });

  async function renderAmendments(request: FastifyRequest, reply: FastifyReply, slug: string, id: string, extra: { values?: Record<string, string>; errors?: Record<string, string>; focus?: string; notice?: string | undefined } = {}) {
    const found = await load(request, slug, id);
    if (!found) return reply.callNotFound();
    const byVersion = [];
    for (const version of [...found.detail.versions].reverse()) {
      const [amendments, text] = await Promise.all([amendmentsOn(db, version.id), versionText(db, version.id)]);
      const bodies = new Map(text.flatMap((s) => s.paragraphs.map((p) => [p.id, p.body] as const)));
      byVersion.push({ version, amendments: amendments.map((a) => ({ ...a, original: bodies.get(a.paragraphId) ?? '' })) });
    }
    privately(request, reply);
    const errors = extra.errors ?? {};
    return reply.render(h(AmendmentsPage, { territory: found.territory, detail: found.detail, byVersion, focus: extra.focus, values: extra.values ?? {}, errors, notice: extra.notice }), Object.keys(errors).length ? 400 : 200);
  }

  app.get('/t/:slug/frameworks/:id/amendments', { schema: { params: IdParams, querystring: NoticeQuery }, config: { access: 'frameworks.public.view' } }, async (request, reply) =>
    renderAmendments(request, reply, request.params.slug, request.params.id, { notice: request.query.notice }),
  );

  app.post('/t/:slug/frameworks/:id/amendments/:aid/decide', { schema: { params: AmendmentParams, body: Type.Object({ decision: Text(20), reason: Text(4000) }) }, config: { access: 'frameworks.framework.coordinate' } }, async (request, reply) => {
    const { slug, id, aid, locale } = request.params;
    if (!(await load(request, slug, id))) return reply.callNotFound();
    const values = { decision: request.body.decision ?? '', reason: request.body.reason ?? '' };
    // The reason is typed on this page: in its language.
    const outcome = await decideAmendment(db, request.actor, aid, { ...values, lang: locale });
    if (outcome.ok && outcome.value.frameworkId === id) return reply.redirect(`${page(locale, slug, id, '/amendments', 'decided')}#a-${aid}`, 303);
    if (outcome.ok) return reply.callNotFound();
    if (outcome.error === 'invalid') return renderAmendments(request, reply, slug, id, { values, errors: outcome.fields ?? {}, focus: aid });
    return failed(request, reply, outcome.error);
  });

  app.get('/t/:slug/frameworks/:id/versions', { schema: { params: IdParams }, config: { access: 'frameworks.public.view' } }, async (request, reply) => {
    const found = await load(request, request.params.slug, request.params.id);
    if (!found) return reply.callNotFound();
    privately(request, reply);
    return reply.render(h(VersionsPage, found));
  });

  app.get('/t/:slug/frameworks/:id/diff', { schema: { params: IdParams, querystring: Type.Object({ from: Text(6), to: Text(6) }) }, config: { access: 'frameworks.public.view' } }, async (request, reply) => {
    const found = await load(request, request.params.slug, request.params.id);
    if (!found) return reply.callNotFound();
    const vs = found.detail.versions;
    const from = vs.find((v) => v.number === versionNumber(request.query.from ?? '')) ?? vs.at(-2) ?? vs.at(-1)!;
    const to = vs.find((v) => v.number === versionNumber(request.query.to ?? '')) ?? vs.at(-1)!;
    const [a, b] = await Promise.all([versionText(db, from.id), versionText(db, to.id)]);
    privately(request, reply);
    return reply.render(h(DiffPage, { territory: found.territory, detail: found.detail, from, to, diff: diffDocuments(asKeyed(a), asKeyed(b)) }));
  });
};
