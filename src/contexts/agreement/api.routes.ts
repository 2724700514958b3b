// The Agreement as JSON under /api/v1: everything its public pages show (documented in the OpenAPI document).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendProblem } from '../../platform/http/problem.ts';
import { findTerritory, findTerritoryById, listAreas, relatedTerritories } from '../territories/territory.service.ts';
import { textVersionOf } from './adhesion/commitments.ts';
import { adhesionsOf, currentCommitments, findAgreementSpace, listMembers } from './adhesion/adhesion.service.ts';
import { challengeDetail, listChallenges } from './challenges/challenge.service.ts';
import { searchDirectory } from './organisations/directory.service.ts';
import { findNetwork, listNetworks, meetings, networkMembers, workingGroups } from './networks/network.service.ts';
import { findLogo, findOrganisation } from './organisations/organisation.service.ts';
import { networksOfOrganisation } from './networks/network.service.ts';
import { DirectoryQuerySchema } from './organisations/directory.routes.ts';
import { ChallengeFiltersSchema } from './challenges/challenge.routes.ts';

const TranslatedSchema = Type.Record(Type.String(), Type.String(), { description: 'Text by language code' });
const Slug = Type.String({ maxLength: 100 });
const Id = Type.String({ maxLength: 40 });
const DateTime = Type.String({ format: 'date-time' });
const NetworkSummarySchema = Type.Object({ id: Type.String(), slug: Type.String(), name: TranslatedSchema, purpose: TranslatedSchema, areas: Type.Array(Type.String()), members: Type.Integer() });
const OrganisationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  description: Type.String(),
  areas: Type.Array(Type.String()),
  districts: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  languages: Type.Array(Type.String()),
  website: Type.Union([Type.String(), Type.Null()]),
  publicEmail: Type.Union([Type.String(), Type.Null()]),
  publicPhone: Type.Union([Type.String(), Type.Null()]),
  verified: Type.Boolean(),
  territory: Type.String({ description: 'Slug of the territory where it is registered' }),
});

export const agreementApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  const notFound = (request: { i18n: { t(key: string): string } }, reply: Parameters<typeof sendProblem>[0]) =>
    sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });

  app.get(
    '/territories/:slug/agreement',
    {
      config: { access: 'public', cache: 'public' },
      schema: {
        summary: "A territory's Agreement: goals, promoting group, current commitments, member organisations and networks",
        description: "Public: the Agreement's title, goals and promoting group in every language written, the current commitments with their version, and the member organisations and action networks, as the Agreement page shows them.",
        tags: ['agreement'],
        params: Type.Object({ slug: Slug }),
        response: {
          200: Type.Object({
            title: TranslatedSchema,
            description: TranslatedSchema,
            goals: TranslatedSchema,
            promotingGroup: TranslatedSchema,
            commitments: Type.Union([
              Type.Object({
                version: Type.Integer(),
                text: TranslatedSchema,
                textVersions: Type.Record(Type.String(), Type.Integer(), { description: 'Per language, the version its text belongs to (an earlier one where it is not translated yet)' }),
                publishedAt: DateTime,
              }),
              Type.Null(),
            ]),
            members: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), type: Type.String(), memberSince: DateTime, signedVersion: Type.Integer(), verified: Type.Boolean() })),
            networks: Type.Array(NetworkSummarySchema),
          }),
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      const space = territory && (await findAgreementSpace(db, territory.id));
      if (!territory || !space) return notFound(request, reply);
      const [commitments, members, networks] = await Promise.all([currentCommitments(db, territory.id), listMembers(db, territory.id), listNetworks(db, territory.id)]);
      return {
        title: space.title,
        description: space.description,
        goals: space.goals,
        promotingGroup: space.promotingGroup,
        commitments: commitments && { version: commitments.version, text: commitments.text, textVersions: Object.fromEntries(Object.keys(commitments.text).map((l) => [l, textVersionOf(commitments, l)])), publishedAt: commitments.publishedAt.toISOString() },
        members: members.map((m) => ({ id: m.organisationId, name: m.name, type: m.type, memberSince: m.memberSince.toISOString(), signedVersion: m.signedVersion, verified: m.verified })),
        networks,
      };
    },
  );

  app.get(
    '/territories/:slug/directory',
    {
      config: { access: 'public', cache: 'public' },
      schema: {
        summary: 'Search the member organisations and networks (accents ignored, small typos tolerated), with counts per district',
        description: "Public: the directory's search (words, area of work, district, language, kind of organisation), the organisations and networks found and how many organisations there are per district. Not paged: the directory is searched, not browsed.",
        tags: ['agreement'],
        params: Type.Object({ slug: Slug }),
        querystring: DirectoryQuerySchema,
        response: {
          200: Type.Object({
            total: Type.Integer(),
            organisations: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                type: Type.String(),
                description: Type.String(),
                areas: Type.Array(Type.String()),
                districtIds: Type.Array(Type.String()),
                languages: Type.Array(Type.String()),
                verified: Type.Boolean(),
                municipality: Type.Union([Type.String(), Type.Null()], { description: "The municipality where it is registered (a territory's slug): in a forum, organisations come from several" }),
              }),
            ),
            networks: Type.Array(Type.Object({ id: Type.String(), slug: Type.String(), name: TranslatedSchema })),
            districts: Type.Array(Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), organisations: Type.Integer() })),
          }),
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory || !(await findAgreementSpace(db, territory.id))) return notFound(request, reply);
      const [result, districts, related] = await Promise.all([searchDirectory(db, territory.id, request.query), listAreas(db, territory.id, 'district'), relatedTerritories(db, territory)]);
      const slugOf = new Map([territory, ...related].map((x) => [x.id, x.slug]));
      return {
        total: result.total,
        organisations: result.organisations.map(({ territoryId, ...o }) => ({ ...o, municipality: slugOf.get(territoryId) ?? null })),
        networks: result.networks as { id: string; slug: string; name: Record<string, string> }[],
        districts: districts.map((d) => ({ id: d.id, code: d.code, name: d.name, organisations: result.perDistrict.get(d.id) ?? 0 })),
      };
    },
  );

  app.get(
    '/territories/:slug/networks/:network',
    {
      config: { access: 'public', cache: 'public' },
      schema: {
        summary: 'An action network: purpose, goals, members, working groups, meetings and decisions',
        description: 'Public: an action network as its page shows it to anyone, with its member organisations and council departments, working groups, and its meetings with minutes and decisions. The meetings alone, a page at a time, are in listNetworkMeetings.',
        tags: ['agreement'],
        params: Type.Object({ slug: Slug, network: Slug }),
        response: {
          200: Type.Object({
            id: Type.String(),
            slug: Type.String(),
            name: TranslatedSchema,
            purpose: TranslatedSchema,
            goals: TranslatedSchema,
            areas: Type.Array(Type.String()),
            members: Type.Array(Type.Object({ organisationId: Type.Union([Type.String(), Type.Null()]), name: Type.String(), kind: Type.Union([Type.Literal('organisation'), Type.Literal('department')]), since: Type.Union([DateTime, Type.Null()]) })),
            workingGroups: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), purpose: Type.String() })),
            meetings: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), heldOn: DateTime, agenda: Type.String(), minutes: Type.Union([Type.String(), Type.Null()]), decisions: Type.Array(Type.String()) })),
          }),
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      const network = territory && (await findNetwork(db, territory.id, request.params.network));
      if (!network) return notFound(request, reply);
      const [members, groups, meetingRows] = await Promise.all([networkMembers(db, network.id, 'member'), workingGroups(db, network.id), meetings(db, network.id)]);
      return {
        id: network.id,
        slug: network.slug,
        name: network.name,
        purpose: network.purpose,
        goals: network.goals,
        areas: network.areas,
        members: members.map((m) => ({ organisationId: m.organisationId, name: m.organisationName ?? m.departmentName ?? '', kind: m.organisationId ? ('organisation' as const) : ('department' as const), since: m.decidedAt?.toISOString() ?? null })),
        workingGroups: groups.map((g) => ({ id: g.id, name: g.name, purpose: g.purpose })),
        meetings: meetingRows.map((m) => ({ id: m.id, title: m.title, heldOn: m.heldOn.toISOString(), agenda: m.agenda, minutes: m.minutes, decisions: m.decisions.map((d) => d.text) })),
      } as never;
    },
  );

  app.get(
    '/territories/:slug/challenges',
    {
      config: { access: 'public', cache: 'public' },
      schema: {
        summary: 'Social challenges of a territory, with their status and how many organisations support them',
        description: "Public: the territory's social challenges filtered by status, area and district as on the challenges page, each with how many organisations support it.",
        tags: ['agreement'],
        params: Type.Object({ slug: Slug }),
        querystring: ChallengeFiltersSchema,
        response: {
          200: Type.Object({
            challenges: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), status: Type.String(), areas: Type.Array(Type.String()), districtIds: Type.Array(Type.String()), organisationId: Type.String(), organisationName: Type.String(), supports: Type.Integer(), createdAt: DateTime })),
          }),
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFound(request, reply);
      const challenges = await listChallenges(db, territory.id, request.query);
      return { challenges: challenges.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) };
    },
  );

  app.get(
    '/challenges/:id',
    {
      config: { access: 'public', cache: 'public' },
      schema: {
        summary: 'One challenge: evidence, support with comments, linked networks and status history',
        description: 'Public: one challenge with its evidence, the organisations that support it and why, the networks that take it up and every change of status with its date.',
        tags: ['agreement'],
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Object({
            id: Type.String(),
            title: Type.String(),
            description: Type.String(),
            status: Type.String(),
            declineReason: Type.Union([Type.String(), Type.Null()]),
            evidence: Type.Array(Type.Object({ text: Type.String(), source: Type.String() })),
            areas: Type.Array(Type.String()),
            districtIds: Type.Array(Type.String()),
            proposedBy: Type.Object({ id: Type.String(), name: Type.String() }),
            supports: Type.Array(Type.Object({ organisationId: Type.String(), organisationName: Type.String(), comment: Type.String(), at: DateTime })),
            networks: Type.Array(Type.Object({ id: Type.String(), slug: Type.String(), name: TranslatedSchema })),
            history: Type.Array(Type.Object({ status: Type.String(), reason: Type.Union([Type.String(), Type.Null()]), at: DateTime })),
          }),
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const detail = await challengeDetail(db, request.params.id);
      if (!detail) return notFound(request, reply);
      const c = detail.challenge;
      return {
        id: c.id,
        title: c.title,
        description: c.description,
        status: c.status,
        declineReason: c.declineReason,
        evidence: c.evidence,
        areas: c.areas,
        districtIds: c.districtIds,
        proposedBy: { id: detail.proposer.id, name: detail.proposer.name },
        supports: detail.supports.map((s) => ({ ...s, at: s.at.toISOString() })),
        networks: detail.networks as never,
        history: detail.history.map((h) => ({ status: h.status, reason: h.reason, at: h.at.toISOString() })),
      };
    },
  );

  app.get(
    '/organisations/:id',
    {
      config: { access: 'public' },
      schema: {
        summary: "An organisation's public profile, its adhesions to Agreements and its networks",
        description: "Public: the organisation's profile as its page shows it (public contact details only), the Agreements it has signed with their dates, and the networks it belongs to. 404 when there is none.",
        tags: ['agreement'],
        params: Type.Object({ id: Id }),
        response: {
          200: Type.Intersect([
            OrganisationSchema,
            Type.Object({
              adhesions: Type.Array(Type.Object({ territory: Type.String(), status: Type.String(), memberSince: Type.Union([DateTime, Type.Null()]), signedVersion: Type.Integer(), history: Type.Array(Type.Object({ kind: Type.String(), version: Type.Union([Type.Integer(), Type.Null()]), reason: Type.Union([Type.String(), Type.Null()]), at: DateTime })) })),
              networks: Type.Array(Type.Object({ slug: Type.String(), name: TranslatedSchema, status: Type.String() })),
            }),
          ]),
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const o = await findOrganisation(db, request.params.id);
      if (!o) return notFound(request, reply);
      const [home, districts, adhesions, networks] = await Promise.all([findTerritoryById(db, o.territoryId), listAreas(db, o.territoryId, 'district'), adhesionsOf(db, o.id), networksOfOrganisation(db, o.id)]);
      const slugs = new Map<string, string>();
      for (const id of new Set(adhesions.map((a) => a.territoryId))) slugs.set(id, (await findTerritoryById(db, id))?.slug ?? '');
      return {
        id: o.id,
        name: o.name,
        type: o.type,
        description: o.description,
        areas: o.areas,
        districts: districts.filter((d) => o.districtIds.includes(d.id)).map((d) => ({ id: d.id, name: d.name })),
        languages: o.languages,
        website: o.website,
        publicEmail: o.publicEmail,
        publicPhone: o.publicPhone,
        verified: o.verifiedAt !== null,
        territory: home?.slug ?? '',
        adhesions: adhesions.map((a) => ({
          territory: slugs.get(a.territoryId) ?? '',
          status: a.status,
          memberSince: a.memberSince?.toISOString() ?? null,
          signedVersion: a.signedVersion,
          history: a.events.map((e) => ({ kind: e.kind, version: e.version, reason: e.reason, at: e.at.toISOString() })),
        })),
        networks: networks.map((n) => ({ slug: n.slug, name: n.name as Record<string, string>, status: n.status })),
      };
    },
  );

  app.get(
    '/organisations/:id/logo',
    {
      config: { access: 'public' },
      schema: {
        summary: "An organisation's logo (PNG or JPEG, metadata removed)",
        description: 'Public: the logo image itself (PNG or JPEG, with its metadata removed when it was uploaded); 404 when the organisation has none.',
        tags: ['agreement'],
        params: Type.Object({ id: Id }),
        response: { 200: { description: 'The image', content: { 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } }, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const logo = await findLogo(db, request.params.id);
      if (!logo) return notFound(request, reply);
      return reply
        .type(logo.contentType)
        .header('Cache-Control', 'public, max-age=300')
        .header('Content-Security-Policy', "default-src 'none'; sandbox")
        .header('Content-Disposition', 'inline')
        .send(logo.bytes as never);
    },
  );
};
