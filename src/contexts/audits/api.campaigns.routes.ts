// The audits' planning under /api/v1, as the coordinators' pages show it: published instruments with their items,
// campaigns (a list, and one with its schedule by auditors' code names), and community score cards with their
// criteria, cycles and scores. Same service functions and permissions as the pages; never an auditor's name.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema } from '../../platform/http/problem.ts';
import { CursorQuery, NextCursor, badCursor, pageOf } from '../../platform/api/cursor.ts';
import { facilitiesOf, localName, servicesOf } from '../catalogue/catalogue.service.ts';
import { listInstruments } from './instruments/instrument.service.ts';
import { itemTypes, type ItemType, type InstrumentDefinition } from './instruments/instrument.ts';
import { campaignPlan, listCampaigns, type Campaign } from './campaigns/campaign.service.ts';
import { cardsOfCampaign, scoreCardDetail } from './campaigns/scorecard.service.ts';
import { failed, territoryFor, Uuid } from './audits.http.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const Texts = Type.Record(Type.String(), Type.String(), { description: 'The text in each language it is written in' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Day = Type.String({ format: 'date' });
const Named = Type.Object({ id: Type.String(), name: Type.String() });

const ItemSchema = Type.Object({
  name: Type.String(),
  type: Type.Unsafe<ItemType>(Type.String({ enum: [...itemTypes] })),
  label: Texts,
  hint: Texts,
  required: Type.Boolean(),
  dimension: Type.String({ description: 'access, information, language, treatment, requirements, physical accessibility…' }),
  grounds: Type.Array(Type.String(), { description: 'Grounds of discrimination the item can reveal' }),
  showIf: Type.Array(Type.Object({ item: Type.String(), op: Type.String(), value: Type.String() }), { description: 'Asked only when every condition holds' }),
  choices: Type.Array(Type.Object({ value: Type.String(), label: Texts })),
});
const VersionSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  publishedAt: Type.String({ format: 'date-time' }),
  title: Texts,
  languages: Type.Array(Type.String()),
  sections: Type.Array(Type.Object({ name: Type.String(), title: Texts, items: Type.Array(ItemSchema) })),
});
const CampaignSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  hypothesis: Type.String(),
  startsOn: Day,
  endsOn: Day,
  methods: Type.Array(Type.String()),
  services: Type.Array(Named),
  facilities: Type.Array(Named),
  instrumentVersionIds: Type.Array(Type.String()),
  trainingRequired: Type.Boolean(),
});
const ScoreSchema = Type.Object({ criterionId: Type.String(), userScore: Nullable(Type.Integer()), userReasons: Type.String(), staffScore: Nullable(Type.Integer()), staffReasons: Type.String() });
const Side = Type.Object({ cycle: Type.Integer(), users: Nullable(Type.Number()), staff: Nullable(Type.Number()), gap: Nullable(Type.Number()) });

/** Translations as stored hold only the languages written: what is there is a string. */
const texts = (t: Partial<Record<string, string>>) => t as Record<string, string>;

function versionOut(v: { id: string; version: number; publishedAt: Date | null; definition: InstrumentDefinition }) {
  return {
    id: v.id,
    version: v.version,
    publishedAt: v.publishedAt!.toISOString(),
    title: texts(v.definition.title),
    languages: v.definition.languages,
    sections: v.definition.sections.map((s) => ({
      name: s.name,
      title: texts(s.title),
      items: s.items.map((i) => ({
        name: i.name,
        type: i.type,
        label: texts(i.label),
        hint: texts(i.hint),
        required: i.required,
        dimension: i.dimension,
        grounds: i.grounds,
        showIf: i.showIf,
        choices: i.choices.map((c) => ({ value: c.value, label: texts(c.label) })),
      })),
    })),
  };
}

export const auditsCampaignsApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  /** Services and facilities of the territory by id, named in the reader's language. */
  const namesOf = async (territoryId: string, locale: string) => {
    const [services, facilities] = await Promise.all([servicesOf(db, territoryId), facilitiesOf(db, territoryId)]);
    return { service: new Map(services.map((s) => [s.id, localName(s, locale)])), facility: new Map(facilities.map((f) => [f.id, f.name])) };
  };
  const named = (names: Map<string, string>, ids: readonly string[]) => ids.map((id) => ({ id, name: names.get(id) ?? '' }));
  /** A campaign as both campaign operations give it: its scope by name. */
  const campaignOut = (c: Campaign, names: Awaited<ReturnType<typeof namesOf>>) => ({
    id: c.id,
    title: c.title,
    hypothesis: c.hypothesis,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    methods: c.methods,
    services: named(names.service, c.serviceIds),
    facilities: named(names.facility, c.facilityIds),
    instrumentVersionIds: c.instrumentVersionIds,
    trainingRequired: c.trainingRequired,
  });

  app.get(
    '/territories/:slug/audits/instruments',
    {
      config: { access: 'audits.instrument.view', scope: 'read:audits' },
      schema: {
        operationId: 'listInstruments',
        summary: "The territory's questionnaires with their published versions, each with its sections and items",
        description:
          "For the territory's audit coordinators and auditors (who see the instrument pages). Drafts are left out: only published versions, which never change, newest first within an instrument; instruments by key, a page at a time (pass next as cursor).",
        tags: ['audits'],
        params: SlugParams,
        querystring: Type.Object({ ...CursorQuery }),
        response: {
          200: Type.Object({ instruments: Type.Array(Type.Object({ id: Type.String(), key: Type.String(), versions: Type.Array(VersionSchema) })), next: NextCursor }),
          400: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return failed(request, reply, 'not-found');
      const listed = await listInstruments(db, request.actor, territory.id);
      if (!listed.ok) return failed(request, reply, listed.error);
      const published = listed.value.map((i) => ({ ...i, versions: i.versions.filter((v) => v.publishedAt !== null) })).filter((i) => i.versions.length > 0);
      const page = pageOf(published, { limit: request.query.limit, cursor: request.query.cursor, key: (i) => i.key, id: (i) => i.id });
      if (page === 'invalid') return badCursor(request, reply);
      return { instruments: page.rows.map((i) => ({ id: i.id, key: i.key, versions: i.versions.map(versionOut) })), next: page.next };
    },
  );

  app.get(
    '/territories/:slug/audits/campaigns',
    {
      config: { access: 'audits.results.view', scope: 'read:audits' },
      schema: {
        operationId: 'listCampaigns',
        summary: "The territory's audit campaigns, latest start first: period, methods, services and places in scope",
        description:
          "For those who read the campaigns page (territory admins, audit coordinators, service managers, the coexistence board, researchers). No auditor is named. A page at a time: pass next as cursor.",
        tags: ['audits'],
        params: SlugParams,
        querystring: Type.Object({ ...CursorQuery }),
        response: { 200: Type.Object({ campaigns: Type.Array(CampaignSummary), next: NextCursor }), 400: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return failed(request, reply, 'not-found');
      const listed = await listCampaigns(db, request.actor, territory.id);
      if (!listed.ok) return failed(request, reply, listed.error);
      const page = pageOf(listed.value, { limit: request.query.limit, cursor: request.query.cursor, key: (c) => c.startsOn, id: (c) => c.id, dir: 'desc' });
      if (page === 'invalid') return badCursor(request, reply);
      const names = await namesOf(territory.id, request.i18n.locale);
      return {
        campaigns: page.rows.map((c) => campaignOut(c, names)),
        next: page.next,
      };
    },
  );

  app.get(
    '/territories/:slug/audits/campaigns/:campaignId',
    {
      config: { access: 'audits.campaign.manage', scope: 'read:audits' },
      schema: {
        operationId: 'getCampaign',
        summary: 'One campaign as its coordinators plan it: scope, the auditors by code name, the visits scheduled and the score cards',
        description:
          "For the territory's audit coordinators (the campaign page is theirs). Auditors appear by code name only, never by name. The results are in the campaign's results operation (JSON or CSV).",
        tags: ['audits'],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), campaignId: Uuid }),
        response: {
          200: Type.Object({
            campaign: CampaignSummary,
            auditors: Type.Array(Type.Object({ id: Type.String(), codeName: Type.String() })),
            visits: Type.Array(
              Type.Object({ id: Type.String(), scheduledOn: Day, facility: Named, service: Named, auditor: Type.String({ description: 'Code name' }), method: Type.String(), status: Type.String() }),
            ),
            scoreCards: Type.Array(Type.Object({ id: Type.String(), service: Named, userGroup: Type.String(), meetingOn: Nullable(Day) })),
          }),
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return failed(request, reply, 'not-found');
      const plan = await campaignPlan(db, request.actor, territory.id, request.params.campaignId, { withVisits: true });
      if (!plan.ok) return failed(request, reply, plan.error);
      const [names, cards] = await Promise.all([namesOf(territory.id, request.i18n.locale), cardsOfCampaign(db, territory.id, request.params.campaignId)]);
      const c = plan.value.campaign;
      const codeName = new Map(plan.value.auditors.map((a) => [a.id, a.codeName]));
      return {
        campaign: campaignOut(c, names),
        auditors: plan.value.auditors,
        visits: plan.value.visits.map((v) => ({
          id: v.id,
          scheduledOn: v.scheduledOn,
          facility: { id: v.facilityId, name: names.facility.get(v.facilityId) ?? '' },
          service: { id: v.serviceId, name: names.service.get(v.serviceId) ?? '' },
          auditor: codeName.get(v.auditorId) ?? '',
          method: v.method,
          status: v.status,
        })),
        scoreCards: cards.map((s) => ({ id: s.id, service: { id: s.serviceId, name: names.service.get(s.serviceId) ?? '' }, userGroup: s.userGroup, meetingOn: s.meetingOn })),
      };
    },
  );

  app.get(
    '/territories/:slug/audits/score-cards/:cardId',
    {
      config: { access: 'audits.results.view', scope: 'read:audits' },
      schema: {
        operationId: 'getScoreCard',
        summary: 'A community score card as its page shows it: the criteria, every cycle with users’ and staff scores, the change since the first cycle, the actions agreed',
        description:
          'For those who read audit results (territory admins, audit coordinators, service managers, the coexistence board, researchers), as on the score card page. Scores go from 0 to 100; comparison is null while the card has one cycle.',
        tags: ['audits'],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }), cardId: Uuid }),
        response: {
          200: Type.Object({
            id: Type.String(),
            campaignId: Type.String(),
            service: Named,
            facility: Nullable(Named),
            userGroup: Type.String(),
            meetingOn: Nullable(Day),
            meetingNotes: Type.String(),
            criteria: Type.Array(
              Type.Object({
                id: Type.String(),
                label: Type.String({ description: "As the users put it, in the territory's language" }),
                labelTranslations: Type.Record(Type.String(), Type.String(), { description: 'The label in other languages, by locale' }),
                dimension: Type.String(),
                gapDiscussion: Type.String(),
              }),
            ),
            cycles: Type.Array(Type.Object({ number: Type.Integer(), startedOn: Day, scores: Type.Array(ScoreSchema) })),
            comparison: Nullable(Type.Array(Type.Object({ criterionId: Type.String(), label: Type.String(), before: Side, after: Side, usersChange: Nullable(Type.Number()), staffChange: Nullable(Type.Number()) }))),
            actions: Type.Array(Type.Object({ id: Type.String(), criterionId: Type.String(), who: Type.String(), what: Type.String(), byWhen: Day, findingId: Nullable(Type.String()) })),
          }),
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return failed(request, reply, 'not-found');
      const detail = await scoreCardDetail(db, request.actor, territory.id, request.params.cardId);
      if (!detail.ok) return failed(request, reply, detail.error);
      const { card, criteria, cycles, comparison, actions } = detail.value;
      const names = await namesOf(territory.id, request.i18n.locale);
      return {
        id: card.id,
        campaignId: card.campaignId,
        service: { id: card.serviceId, name: names.service.get(card.serviceId) ?? '' },
        facility: card.facilityId ? { id: card.facilityId, name: names.facility.get(card.facilityId) ?? '' } : null,
        userGroup: card.userGroup,
        meetingOn: card.meetingOn,
        meetingNotes: card.meetingNotes,
        criteria: criteria.map((c) => ({ id: c.id, label: c.label, labelTranslations: c.labelTranslations as Record<string, string>, dimension: c.dimension, gapDiscussion: c.gapDiscussion })),
        cycles: cycles.map((cycle) => ({ number: cycle.number, startedOn: cycle.startedOn, scores: cycle.scores })),
        comparison,
        actions: actions.map((a) => ({ id: a.id, criterionId: a.criterionId, who: a.who, what: a.what, byWhen: a.byWhen, findingId: a.findingId })),
      };
    },
  );
};
