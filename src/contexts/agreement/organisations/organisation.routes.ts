// Organisation pages: the public profile, registering an organisation, editing it, its logo, verification.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import multipart from '@fastify/multipart';
import { h } from 'preact';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import { href } from '../../../platform/views/context.ts';
import { findTerritoryById, listAreas } from '../../territories/territory.service.ts';
import { adhesionsOf, currentCommitments, findAgreementSpace } from '../adhesion/adhesion.service.ts';
import { maxLogoBytes } from './logo.ts';
import { networksOfOrganisation } from '../networks/network.service.ts';
import { createOrganisation, findOrganisation, hasLogo, saveLogo, updateOrganisation, verifyOrganisation, type OrganisationInput } from './organisation.service.ts';
import { answerFailure, many, Many, redirectWithNotice, territoryFor, Text } from '../http.ts';
import { OrganisationForm, OrganisationPage } from './organisation.views.tsx';
import { territoryHeader } from '../../territories/territory.http.ts';
import { myStanding } from './membership.service.ts';
import { organisationSections } from '../../../platform/portal.ts';

const IdParams = Type.Object({ locale: Type.String(), id: Type.String({ maxLength: 40 }) });
const SlugParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });
const ProfileBody = Type.Object({
  name: Text(300),
  type: Text(40),
  description: Text(5000),
  areas: Many,
  districtIds: Many,
  languages: Many,
  website: Text(400),
  publicEmail: Text(300),
  publicPhone: Text(40),
});

function toInput(body: { [K in keyof OrganisationInput]?: string | string[] }): OrganisationInput {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
  return {
    name: one(body.name),
    type: one(body.type),
    description: one(body.description),
    areas: many(body.areas),
    districtIds: many(body.districtIds),
    languages: many(body.languages),
    website: one(body.website),
    publicEmail: one(body.publicEmail),
    publicPhone: one(body.publicPhone),
  };
}

export const organisationPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  await app.register(multipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: maxLogoBytes, files: 1, fields: 4, parts: 5 } });

  /** What an organisation's admin does next in its own territory's Agreement (none when the territory has no Agreement). */
  async function nextStepForAdmins(territoryId: string, adhesions: { territoryId: string; status: string; signedVersion: number; currentVersion: number | null }[]) {
    if (!(await findAgreementSpace(db, territoryId))) return null;
    const own = adhesions.find((a) => a.territoryId === territoryId);
    if (!own || own.status === 'declined' || own.status === 'left') return 'sign' as const;
    if (own.status === 'pending') return 'pending' as const;
    return own.currentVersion !== null && own.signedVersion < own.currentVersion ? ('sign' as const) : ('take-part' as const);
  }

  app.get('/organisations/:id', { schema: { params: IdParams, querystring: Type.Object({ notice: Text(40), joinError: Text(80), message: Text(1000) }) }, config: { access: 'public' } }, async (request, reply) => {
    const organisation = await findOrganisation(db, request.params.id);
    if (!organisation) return reply.callNotFound();
    const territory = await findTerritoryById(db, organisation.territoryId);
    if (!territory) return reply.callNotFound();
    request.territoryHeader = territoryHeader(territory, request.i18n.locale);
    const [districts, logo, adhesionRows, networkRows] = await Promise.all([
      listAreas(db, territory.id, 'district'),
      hasLogo(db, organisation.id),
      adhesionsOf(db, organisation.id),
      networksOfOrganisation(db, organisation.id),
    ]);
    const territoryIds = [...new Set([...adhesionRows.map((a) => a.territoryId), ...networkRows.map((n) => n.territoryId)])];
    const territories = new Map((await Promise.all(territoryIds.map((id) => findTerritoryById(db, id)))).filter((x) => x !== null).map((x) => [x.id, x]));
    const adhesions = await Promise.all(
      adhesionRows.map(async (a) => ({
        ...a,
        territoryName: territories.get(a.territoryId)?.name ?? '',
        territorySlug: territories.get(a.territoryId)?.slug ?? '',
        currentVersion: (await currentCommitments(db, a.territoryId))?.version ?? null,
      })),
    );
    const networks = networkRows.map((n) => ({ ...n, territorySlug: territories.get(n.territoryId)?.slug ?? '' }));
    const canEdit = requirePermission(request.actor, 'agreement.organisation.edit', { organisationId: organisation.id, territoryId: territory.id }).ok;
    const canVerify = requirePermission(request.actor, 'agreement.organisation.verify', { territoryId: territory.id }).ok;
    const adminNext = requirePermission(request.actor, 'agreement.adhesion.sign', { organisationId: organisation.id, territoryId: territory.id }).ok ? await nextStepForAdmins(territory.id, adhesions) : null;
    const membership = {
      standing: await myStanding(db, request.actor, organisation.id),
      canView: requirePermission(request.actor, 'agreement.organisation.members.view', { organisationId: organisation.id, territoryId: territory.id }).ok,
      // A refused request comes back here with its reason and the message kept (only this form's own keys).
      errors: (request.query.joinError?.startsWith('agreement.members.errors.') || request.query.joinError === 'platform.validation.tooLong' ? { message: request.query.joinError } : {}) as Record<string, string>,
      values: { message: request.query.message ?? '' },
    };
    const sections = await organisationSections({ db, organisationId: organisation.id, locale: request.i18n.locale, t: request.i18n.t });
    return reply.render(h(OrganisationPage, { organisation, territory, districts, logo, adhesions, networks, canEdit, canVerify, adminNext, membership, notice: request.query.notice, sections }));
  });

  app.get('/t/:slug/organisations/new', { schema: { params: SlugParams }, config: { access: 'agreement.organisation.create' } }, async (request, reply) => {
    const territory = await territoryFor(db, request, request.params.slug);
    if (!territory) return reply.callNotFound();
    const districts = await listAreas(db, territory.id, 'district');
    const { t } = request.i18n;
    return reply.render(h(OrganisationForm, { action: href(request.params.locale, `/t/${territory.slug}/organisations/new`), title: t('agreement.organisation.newTitle', { territory: territory.name }), districts, values: {}, errors: {} }));
  });

  app.post('/t/:slug/organisations/new', { schema: { params: SlugParams, body: ProfileBody }, config: { access: 'agreement.organisation.create' } }, async (request, reply) => {
    const { locale, slug } = request.params;
    const territory = await territoryFor(db, request, slug);
    if (!territory) return reply.callNotFound();
    const input = toInput(request.body);
    const outcome = await createOrganisation(db, request.actor, territory.id, input);
    if (outcome.ok) return redirectWithNotice(reply, href(locale, `/organisations/${outcome.value.id}`), 'created');
    if (outcome.error !== 'invalid') return answerFailure(request, reply, outcome.error);
    const districts = await listAreas(db, territory.id, 'district');
    const title = request.i18n.t('agreement.organisation.newTitle', { territory: territory.name });
    return reply.render(h(OrganisationForm, { action: href(locale, `/t/${slug}/organisations/new`), title, districts, values: input, errors: outcome.fields ?? {} }), 400);
  });

  async function editPage(id: string, locale: string, values: Partial<OrganisationInput> | null, errors: Record<string, string>, logoErrors: Record<string, string>) {
    const organisation = await findOrganisation(db, id);
    if (!organisation) return null;
    const districts = await listAreas(db, organisation.territoryId, 'district');
    return {
      organisation,
      page: h(OrganisationForm, {
        action: href(locale, `/organisations/${id}/edit`),
        logoAction: href(locale, `/organisations/${id}/logo`),
        title: organisation.name,
        districts,
        values: values ?? { ...organisation, website: organisation.website ?? '', publicEmail: organisation.publicEmail ?? '', publicPhone: organisation.publicPhone ?? '' },
        errors,
        logoErrors,
      }),
    };
  }

  app.get('/organisations/:id/edit', { schema: { params: IdParams }, config: { access: 'agreement.organisation.edit' } }, async (request, reply) => {
    const found = await editPage(request.params.id, request.params.locale, null, {}, {});
    if (!found) return reply.callNotFound();
    const allowed = requirePermission(request.actor, 'agreement.organisation.edit', { organisationId: found.organisation.id, territoryId: found.organisation.territoryId });
    if (!allowed.ok) return answerFailure(request, reply, allowed.reason);
    return reply.render(found.page);
  });

  app.post('/organisations/:id/edit', { schema: { params: IdParams, body: ProfileBody }, config: { access: 'agreement.organisation.edit' } }, async (request, reply) => {
    const { id, locale } = request.params;
    const input = toInput(request.body);
    const outcome = await updateOrganisation(db, request.actor, id, input);
    if (outcome.ok) return redirectWithNotice(reply, href(locale, `/organisations/${id}`), 'saved');
    if (outcome.error !== 'invalid') return answerFailure(request, reply, outcome.error);
    const found = await editPage(id, locale, input, outcome.fields ?? {}, {});
    return found ? reply.render(found.page, 400) : reply.callNotFound();
  });

  app.post('/organisations/:id/logo', { schema: { params: IdParams }, config: { access: 'agreement.organisation.edit' } }, async (request, reply) => {
    const { id, locale } = request.params;
    const body = (request.body ?? {}) as { logo?: unknown };
    const file = Buffer.isBuffer(body.logo) ? body.logo : null;
    const outcome = await saveLogo(db, request.actor, id, file);
    if (outcome.ok) return redirectWithNotice(reply, href(locale, `/organisations/${id}`), 'logo');
    if (outcome.error !== 'invalid') return answerFailure(request, reply, outcome.error);
    const found = await editPage(id, locale, null, {}, outcome.fields ?? {});
    return found ? reply.render(found.page, 400) : reply.callNotFound();
  });

  app.post('/organisations/:id/verify', { schema: { params: IdParams, body: Type.Object({ verified: Text(5) }) }, config: { access: 'agreement.organisation.verify' } }, async (request, reply) => {
    const { id, locale } = request.params;
    const verified = request.body.verified === 'yes';
    const outcome = await verifyOrganisation(db, request.actor, id, verified);
    if (outcome.ok) return redirectWithNotice(reply, href(locale, `/organisations/${id}`), verified ? 'verified' : 'unverified');
    return answerFailure(request, reply, outcome.error);
  });
};
