// Pages of a territory's Agreement: the public page, signing and leaving, the promoting group's review, new commitments.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { deny } from '../../../platform/auth/plugin.ts';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import { href } from '../../../platform/views/context.ts';
import {
  adhesionListDefaults,
  adhesionSorts,
  listAdhesions,
  commitmentsHistory,
  currentCommitments,
  decideAdhesion,
  findAdhesion,
  findAgreementSpace,
  leaveAgreement,
  listMembers,
  pendingAdhesions,
  publishCommitments,
  signCommitments,
} from './adhesion.service.ts';
import { listNetworks } from '../networks/network.service.ts';
import { organisationsOf } from '../organisations/organisation.service.ts';
import { answerFailure, redirectWithNotice, territoryFor, Text } from '../http.ts';
import { AgreementPage, CommitmentsPage, ReviewPage, SignPage, VersionsPage } from './agreement.views.tsx';
import { cleanTexts, languageChanges } from './commitments.ts';
import { adhesionStatuses, type AdhesionStatus } from '../agreement.schema.ts';
import { listQueryFields, parseListQuery, type ListQueryInput } from '../../../platform/views/list-query.ts';

const Params = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const NoticeQuery = Type.Object({ notice: Type.Optional(Type.String({ maxLength: 40 })) });

export const agreementPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/t/:slug/agreement', { schema: { params: Params, querystring: NoticeQuery }, config: { access: 'public', cache: 'anonymous' } }, async (request, reply) => {
    const territory = await territoryFor(db, request, request.params.slug);
    const space = territory && (await findAgreementSpace(db, territory.id));
    if (!territory || !space) return reply.callNotFound();
    const [commitments, members, networks] = await Promise.all([currentCommitments(db, territory.id), listMembers(db, territory.id), listNetworks(db, territory.id)]);
    const may = (action: string) => requirePermission(request.actor, action, { territoryId: territory.id }).ok;
    const tools = {
      register: may('agreement.organisation.create'),
      review: may('agreement.adhesion.review'),
      publish: may('agreement.commitments.publish'),
      createNetwork: may('agreement.network.create'),
      export: may('agreement.organisation.export'),
    };
    return reply.render(h(AgreementPage, { territory, space, commitments, members, networks, notice: request.query.notice, tools }));
  });

  async function signPage(slug: string, request: FastifyRequest, values: { organisationId?: string }, errors: Record<string, string>) {
    const territory = await territoryFor(db, request, slug);
    const space = territory && (await findAgreementSpace(db, territory.id));
    const commitments = territory && (await currentCommitments(db, territory.id));
    if (!territory || !space || !commitments) return null;
    const organisations = await organisationsOf(db, request.actor, ['organisation-admin']);
    const withAdhesion = await Promise.all(organisations.map(async (o) => ({ ...o, adhesion: await findAdhesion(db, o.id, territory.id) })));
    return h(SignPage, { territory, space, commitments, organisations: withAdhesion, values, errors });
  }

  app.get('/t/:slug/agreement/sign', { schema: { params: Params }, config: { access: 'agreement.adhesion.sign' } }, async (request, reply) => {
    const page = await signPage(request.params.slug, request, {}, {});
    if (!page) return reply.callNotFound();
    return reply.render(page);
  });

  app.post(
    '/t/:slug/agreement/sign',
    {
      schema: { params: Params, body: Type.Object({ organisationId: Text(40), version: Type.Optional(Type.Integer({ minimum: 0 })), accepted: Text(10) }) },
      config: { access: 'agreement.adhesion.sign' },
    },
    async (request, reply) => {
      const { slug, locale } = request.params;
      const territory = await territoryFor(db, request, slug);
      if (!territory) return reply.callNotFound();
      const body = request.body;
      const outcome = body.organisationId
        ? await signCommitments(db, request.actor, { organisationId: body.organisationId, territoryId: territory.id, version: body.version ?? 0, accepted: body.accepted === 'yes' })
        : ({ ok: false, error: 'invalid', fields: { organisationId: 'agreement.sign.errors.organisationRequired' } } as const);
      if (outcome.ok) return redirectWithNotice(reply, href(locale, `/t/${slug}/agreement`), outcome.value.status === 'renewed' ? 'renewed' : 'signed');
      if (outcome.error === 'invalid' || outcome.error === 'stale-version' || outcome.error === 'already' || outcome.error === 'other-territory') {
        const errors = outcome.error === 'invalid' ? (outcome.fields ?? {}) : { organisationId: `agreement.sign.errors.${outcome.error}` };
        const page = await signPage(slug, request, { organisationId: body.organisationId }, errors);
        return page ? reply.render(page, 400) : reply.callNotFound();
      }
      return answerFailure(request, reply, outcome.error);
    },
  );

  app.post(
    '/t/:slug/agreement/leave',
    { schema: { params: Params, body: Type.Object({ organisationId: Type.String({ maxLength: 40 }) }, { additionalProperties: Type.String({ maxLength: 2000 }) }) }, config: { access: 'agreement.adhesion.leave' } },
    async (request, reply) => {
      const { slug, locale } = request.params;
      const territory = await territoryFor(db, request, slug);
      if (!territory) return reply.callNotFound();
      const reason = (request.body as Record<string, string>)[`reason-${request.body.organisationId}`] ?? '';
      const outcome = await leaveAgreement(db, request.actor, { organisationId: request.body.organisationId, territoryId: territory.id, reason });
      if (outcome.ok) return redirectWithNotice(reply, href(locale, `/t/${slug}/agreement`), 'left');
      return answerFailure(request, reply, outcome.error);
    },
  );

  /** The adhesions list under the pending requests: its search, status, sort and page from the query string. */
  const adhesionsList = async (request: FastifyRequest, territoryId: string, query: ListQueryInput & { status?: string | undefined }) => {
    const status = (adhesionStatuses as readonly string[]).includes(query.status ?? '') ? (query.status as AdhesionStatus) : undefined;
    const list = parseListQuery(query, { sorts: adhesionSorts, defaultSort: adhesionListDefaults.sort, defaultDir: adhesionListDefaults.dir });
    const all = await listAdhesions(db, request.actor, territoryId, { status }, list);
    return all.ok ? { ok: true as const, value: { all: all.value, filter: { status }, list } } : all;
  };

  app.get(
    '/t/:slug/agreement/review',
    { schema: { params: Params, querystring: Type.Object({ ...NoticeQuery.properties, ...listQueryFields, status: Type.Optional(Type.String({ maxLength: 20 })) }) }, config: { access: 'agreement.adhesion.review' } },
    async (request, reply) => {
      const territory = await territoryFor(db, request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const pending = await pendingAdhesions(db, request.actor, territory.id);
      if (!pending.ok) return answerFailure(request, reply, pending.error);
      const all = await adhesionsList(request, territory.id, request.query);
      if (!all.ok) return answerFailure(request, reply, all.error);
      return reply.render(h(ReviewPage, { territory, pending: pending.value, errors: {}, values: {}, notice: request.query.notice, ...all.value }));
    },
  );

  app.post(
    '/t/:slug/agreement/review/:adhesionId',
    {
      // Fields are named after the request (decision-<id>, reason-<id>): several requests share the page.
      schema: { params: Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), adhesionId: Type.String({ maxLength: 40 }) }), body: Type.Object({}, { additionalProperties: Type.String({ maxLength: 4000 }) }) },
      config: { access: 'agreement.adhesion.review' },
    },
    async (request, reply) => {
      const { slug, locale, adhesionId } = request.params;
      const territory = await territoryFor(db, request, slug);
      if (!territory) return reply.callNotFound();
      const body = request.body as Record<string, string | undefined>;
      const input = { adhesionId, territoryId: territory.id, decision: body[`decision-${adhesionId}`] ?? '', reason: body[`reason-${adhesionId}`] ?? '' };
      const outcome = await decideAdhesion(db, request.actor, input);
      if (outcome.ok) return redirectWithNotice(reply, href(locale, `/t/${slug}/agreement/review`), outcome.value.status === 'member' ? 'approved' : 'declined');
      if (outcome.error === 'invalid') {
        const pending = await pendingAdhesions(db, request.actor, territory.id);
        if (!pending.ok) return answerFailure(request, reply, pending.error);
        const errors = Object.fromEntries(Object.entries(outcome.fields ?? {}).map(([k, v]) => [`${k}-${adhesionId}`, v]));
        const all = await adhesionsList(request, territory.id, {});
        if (!all.ok) return answerFailure(request, reply, all.error);
        return reply.render(h(ReviewPage, { territory, pending: pending.value, errors, values: { adhesionId, reason: input.reason }, ...all.value }), 400);
      }
      return answerFailure(request, reply, outcome.error);
    },
  );

  app.get('/t/:slug/agreement/commitments', { schema: { params: Params }, config: { access: 'agreement.commitments.publish' } }, async (request, reply) => {
    const territory = await territoryFor(db, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    // The exact check (this territory) before showing the form: the service checks again on POST.
    const allowed = requirePermission(request.actor, 'agreement.commitments.publish', { territoryId: territory.id });
    if (!allowed.ok) return deny(request, reply, allowed.reason);
    const current = await currentCommitments(db, territory.id);
    return reply.render(h(CommitmentsPage, { territory, current, values: {}, errors: {}, untranslated: [], updated: [] }));
  });

  app.get('/t/:slug/agreement/versions', { schema: { params: Params }, config: { access: 'public' } }, async (request, reply) => {
    const territory = await territoryFor(db, request, request.params.slug);
    const space = territory && (await findAgreementSpace(db, territory.id));
    if (!territory || !space) return reply.callNotFound();
    const versions = await commitmentsHistory(db, territory.id);
    if (versions.length === 0) return reply.callNotFound();
    return reply.render(h(VersionsPage, { territory, space, versions }));
  });

  app.post(
    '/t/:slug/agreement/commitments',
    {
      schema: {
        params: Params,
        body: Type.Object({ 'text.ca': Text(10_000), 'text.es': Text(10_000), 'text.en': Text(10_000), 'text.ar': Text(10_000), untranslated: Text(10), warned: Text(10) }),
      },
      config: { access: 'agreement.commitments.publish' },
    },
    async (request, reply) => {
      const { slug, locale } = request.params;
      const territory = await territoryFor(db, request, slug);
      if (!territory) return reply.callNotFound();
      const b = request.body;
      const text = { ca: b['text.ca'] ?? '', es: b['text.es'] ?? '', en: b['text.en'] ?? '', ar: b['text.ar'] ?? '' };
      const choice = b.untranslated === 'keep' || b.untranslated === 'holds' ? b.untranslated : undefined;
      const outcome = await publishCommitments(db, request.actor, territory.id, text, choice);
      if (outcome.ok) return redirectWithNotice(reply, href(locale, `/t/${slug}/agreement`), outcome.value.untranslated.length > 0 ? 'publishedUntranslated' : 'published');
      if (outcome.error === 'invalid' || outcome.error === 'untranslated') {
        const current = await currentCommitments(db, territory.id);
        const cleaned = cleanTexts(text);
        const changes = outcome.error === 'untranslated' ? languageChanges(current, cleaned) : { updated: [], untranslated: [] };
        // The first time, the untranslated languages are a warning and a choice; without a choice after it, an error.
        const errors = outcome.error === 'untranslated' && b.warned !== 'yes' ? {} : (outcome.fields ?? {});
        const page = h(CommitmentsPage, { territory, current, values: b as Record<string, string>, errors, untranslated: changes.untranslated, updated: changes.updated });
        return reply.render(page, outcome.error === 'untranslated' && b.warned !== 'yes' ? 200 : 400);
      }
      return answerFailure(request, reply, outcome.error);
    },
  );
};
