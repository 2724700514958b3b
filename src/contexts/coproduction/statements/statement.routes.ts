// Statement pages: the territory's statements, drafting, one statement with signing, translations and publication.
import { territoryHeader } from '../../territories/territory.http.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import { acceptUploads, failed, isUpload } from '../../../platform/http/forms.ts';
import { href } from '../../../platform/views/context.ts';
import { findTerritory, findTerritoryById, type Territory } from '../../territories/territory.service.ts';
import { forumMunicipalities } from '../../territories/territory.http.ts';
import { findNetworkById, listNetworks } from '../../agreement/networks/network.service.ts';
import { organisationsOf, type Organisation } from '../../agreement/organisations/organisation.service.ts';
import { isMember } from '../../agreement/adhesion/adhesion.service.ts';
import { writeCsv } from '../../../platform/csv/csv.ts';
import { pick, pickedLocale } from '../../../platform/i18n/translations.ts';
import {
  analysisFile,
  attachAnalysisFile,
  draftStatement,
  listStatements,
  mayDraft,
  openForSignature,
  publishStatement,
  removeAnalysisFile,
  saveTranslation,
  signStatement,
  statementDetail,
  withdrawSignature,
  type StatementKind,
} from './statement.service.ts';
import { maxLibraryFileBytes } from '../../library/library.service.ts';
import { NewStatementPage, StatementPage, StatementsPage } from './statement.views.tsx';

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const IdParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });
const TextBody = Type.Object({ networkId: Text(40), locale: Text(10), title: Text(600), body: Text(32_000) });
const FileParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }), fileId: Type.String({ maxLength: 40 }) });
/** Each kind's pages: statements under /statements, analyses under /analyses. */
const kinds: readonly [StatementKind, string][] = [
  ['statement', 'statements'],
  ['analysis', 'analyses'],
];
const see = (locale: string, id: string, notice: string) => `${href(locale, `/statements/${id}`)}?notice=${notice}`;

export const statementPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  await acceptUploads(app, maxLibraryFileBytes);

  async function territoryOf(request: FastifyRequest, slug: string): Promise<Territory | null> {
    const territory = await findTerritory(db, slug);
    if (territory) request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    return territory;
  }
  async function draftable(request: FastifyRequest, territory: Territory) {
    return (await listNetworks(db, territory.id)).filter((n) => requirePermission(request.actor, 'coproduction.statement.draft', { territoryId: territory.id, networkId: n.id }).ok).map((n) => ({ id: n.id, slug: n.slug, name: pick(n.name, request.i18n.locale), lang: pickedLocale(n.name, request.i18n.locale) }));
  }

  for (const [kind, plural] of kinds) {
    app.get(`/t/:slug/${plural}`, { schema: { params: SlugParams, querystring: Type.Object({ municipality: Text(100) }) }, config: { access: 'coproduction.public.view' } }, async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const municipalities = await forumMunicipalities(db, territory, request.i18n.locale);
      const { municipality } = request.query;
      // A municipality that is not one of the forum's finds nothing rather than everything.
      const filters = municipality ? { kind, signedFrom: municipalities.find((m) => m.slug === municipality)?.id ?? null } : { kind };
      const statements = await listStatements(db, request.actor, territory.id, filters);
      if (request.actor) reply.header('Cache-Control', 'no-store');
      return reply.render(h(StatementsPage, { territory, kind, statements, canDraft: (await draftable(request, territory)).length > 0, municipalities, municipality }));
    });

    // Open data: statements (or analyses) open for signature and published (never drafts), one row per signature.
    for (const format of ['csv', 'json'] as const) {
      app.get(`/t/:slug/${plural}.${format}`, { schema: { params: SlugParams }, config: { access: 'coproduction.public.view' } }, async (request, reply) => {
        const territory = await territoryOf(request, request.params.slug);
        if (!territory) return reply.callNotFound();
        const rows = [];
        for (const s of await listStatements(db, null, territory.id, { kind })) {
          const detail = (await statementDetail(db, null, s.id))!;
          const original = detail.texts.find((x) => x.locale === s.originalLocale)!;
          const files = detail.files.map((f) => `${request.protocol}://${request.host}/${request.i18n.locale}/statements/${s.id}/files/${f.id}`).join('|');
          for (const signature of detail.signatures) {
            const row = { statement_id: s.id, title: original.title, original_language: s.originalLocale, languages: detail.texts.map((x) => x.locale).join('|'), status: s.status, published_at: s.publishedAt?.toISOString() ?? '', organisation: signature.organisationName, signed_at: signature.signedAt.toISOString() };
            rows.push(kind === 'analysis' ? { ...row, files } : row);
          }
        }
        if (format === 'json') return reply.type('application/json; charset=utf-8').send({ signatures: rows });
        const columns = ['statement_id', 'title', 'original_language', 'languages', 'status', 'published_at', 'organisation', 'signed_at', ...(kind === 'analysis' ? (['files'] as const) : [])] as const;
        return reply
          .header('Content-Disposition', `attachment; filename="${territory.slug}-${plural}.csv"`)
          .type('text/csv; charset=utf-8')
          .send(writeCsv(rows.map((r) => columns.map((c) => (r as Record<string, string>)[c] ?? '')), { columns }));
      });
    }
  }

  async function renderNew(request: FastifyRequest, reply: FastifyReply, territory: Territory, kind: StatementKind, values: Record<string, string>, errors: Record<string, string>) {
    const networks = await draftable(request, territory);
    if (networks.length === 0) return failed(request, reply, 'forbidden');
    reply.header('Cache-Control', 'no-store');
    return reply.render(h(NewStatementPage, { territory, kind, networks, values, errors }), Object.keys(errors).length ? 400 : 200);
  }

  for (const [kind, plural] of kinds) {
    app.get(`/t/:slug/${plural}/new`, { schema: { params: SlugParams }, config: { access: 'coproduction.statement.draft' } }, async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      return renderNew(request, reply, territory, kind, {}, {});
    });

    app.post(`/t/:slug/${plural}/new`, { schema: { params: SlugParams, body: TextBody }, config: { access: 'coproduction.statement.draft' } }, async (request, reply) => {
      const territory = await territoryOf(request, request.params.slug);
      if (!territory) return reply.callNotFound();
      const values = { networkId: request.body.networkId ?? '', locale: request.body.locale ?? '', title: request.body.title ?? '', body: request.body.body ?? '' };
      const outcome = await draftStatement(db, request.actor, territory.id, { ...values, kind });
      if (outcome.ok) return reply.redirect(see(request.params.locale, outcome.value.id, 'drafted'), 303);
      if (outcome.error === 'invalid') return renderNew(request, reply, territory, kind, values, outcome.fields ?? {});
      return failed(request, reply, outcome.error);
    });
  }

  async function signersFor(request: FastifyRequest, territoryId: string): Promise<Organisation[]> {
    const result: Organisation[] = [];
    for (const o of await organisationsOf(db, request.actor, ['organisation-admin'])) if (await isMember(db, o.id, territoryId)) result.push(o);
    return result;
  }

  async function renderStatement(request: FastifyRequest, reply: FastifyReply, id: string, values: Record<string, string>, errors: Record<string, string>, notice?: string) {
    const detail = await statementDetail(db, request.actor, id);
    const territory = detail && (await findTerritoryById(db, detail.statement.territoryId));
    if (!detail || !territory) return reply.callNotFound();
    request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    const [network, signers, municipalities] = await Promise.all([findNetworkById(db, detail.statement.networkId), signersFor(request, territory.id), forumMunicipalities(db, territory, request.i18n.locale)]);
    if (request.actor) reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(StatementPage, { territory, detail, networkName: network ? pick(network.name, request.i18n.locale) : '', networkLang: network ? pickedLocale(network.name, request.i18n.locale) : null, signers, municipalities, canDraft: mayDraft(request.actor, detail.statement), values, errors, notice, now: new Date() }),
      Object.keys(errors).length ? 400 : 200,
    );
  }

  app.get('/statements/:id', { schema: { params: IdParams, querystring: Type.Object({ notice: Text(40) }) }, config: { access: 'coproduction.public.view' } }, async (request, reply) =>
    renderStatement(request, reply, request.params.id, {}, {}, request.query.notice),
  );

  app.post('/statements/:id/translations', { schema: { params: IdParams, body: TextBody }, config: { access: 'coproduction.statement.draft' } }, async (request, reply) => {
    const values = { locale: request.body.locale ?? '', title: request.body.title ?? '', body: request.body.body ?? '' };
    const outcome = await saveTranslation(db, request.actor, request.params.id, values);
    if (outcome.ok) return reply.redirect(see(request.params.locale, request.params.id, 'translated'), 303);
    if (outcome.error === 'invalid') return renderStatement(request, reply, request.params.id, values, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.post('/statements/:id/open', { schema: { params: IdParams, body: Type.Object({ closesOn: Text(20) }) }, config: { access: 'coproduction.statement.draft' } }, async (request, reply) => {
    const closesOn = request.body.closesOn ?? '';
    const outcome = await openForSignature(db, request.actor, request.params.id, closesOn);
    if (outcome.ok) return reply.redirect(see(request.params.locale, request.params.id, 'opened'), 303);
    if (outcome.error === 'invalid') return renderStatement(request, reply, request.params.id, { closesOn }, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.post('/statements/:id/publish', { schema: { params: IdParams }, config: { access: 'coproduction.statement.draft' } }, async (request, reply) => {
    const outcome = await publishStatement(db, request.actor, request.params.id);
    if (outcome.ok) return reply.redirect(see(request.params.locale, request.params.id, 'published'), 303);
    if (outcome.error === 'invalid') return renderStatement(request, reply, request.params.id, {}, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  for (const action of ['sign', 'withdraw'] as const) {
    app.post(`/statements/:id/${action}`, { schema: { params: IdParams, body: Type.Object({ organisationId: Text(40) }) }, config: { access: 'coproduction.statement.sign' } }, async (request, reply) => {
      const organisationId = request.body.organisationId ?? '';
      const outcome = await (action === 'sign' ? signStatement : withdrawSignature)(db, request.actor, request.params.id, organisationId);
      if (outcome.ok) return reply.redirect(see(request.params.locale, request.params.id, action === 'sign' ? 'signed' : 'withdrawn'), 303);
      if (outcome.error === 'invalid') return renderStatement(request, reply, request.params.id, { organisationId }, outcome.fields ?? {});
      if (outcome.error === 'closed' || outcome.error === 'not-member') return renderStatement(request, reply, request.params.id, { organisationId }, { organisationId: `coproduction.statement.errors.${outcome.error}` });
      return failed(request, reply, outcome.error);
    });
  }

  // An analysis's files: drafters attach them (a multipart form) and remove them before publication; anyone who reads the analysis downloads them.
  app.post('/statements/:id/files', { schema: { params: IdParams, body: Type.Record(Type.String(), Type.Unknown()) }, config: { access: 'coproduction.statement.draft' } }, async (request, reply) => {
    const raw = (request.body as Record<string, unknown>).file;
    const upload = isUpload(raw) && raw.name ? { name: raw.name, content: raw.content, truncated: raw.truncated } : null;
    const outcome = await attachAnalysisFile(db, request.actor, request.params.id, upload);
    if (outcome.ok) return reply.redirect(see(request.params.locale, request.params.id, 'fileAttached'), 303);
    if (outcome.error === 'invalid') return renderStatement(request, reply, request.params.id, {}, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.post('/statements/:id/files/:fileId/remove', { schema: { params: FileParams }, config: { access: 'coproduction.statement.draft' } }, async (request, reply) => {
    const outcome = await removeAnalysisFile(db, request.actor, request.params.id, request.params.fileId);
    if (outcome.ok) return reply.redirect(see(request.params.locale, request.params.id, 'fileRemoved'), 303);
    if (outcome.error === 'invalid') return renderStatement(request, reply, request.params.id, {}, outcome.fields ?? {});
    return failed(request, reply, outcome.error);
  });

  app.get('/statements/:id/files/:fileId', { schema: { params: FileParams }, config: { access: 'coproduction.public.view' } }, async (request, reply) => {
    const file = await analysisFile(db, request.actor, request.params.id, request.params.fileId);
    if (!file) return reply.callNotFound();
    // Downloaded, never shown inline: a file's content is the network's, not the site's.
    return reply
      .header('Content-Disposition', `attachment; filename="${file.name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      .type(file.mediaType)
      .send(file.bytes);
  });
};
