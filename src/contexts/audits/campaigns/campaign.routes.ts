// Campaign pages: list, new, one campaign's plan and results; paired-test pairs; community score cards.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { listQueryFields, parseListQuery } from '../../../platform/views/list-query.ts';
import { campaignMethods, type CampaignMethod } from '../audit.schema.ts';
import { listCampaignVisits, visitListDefaults, visitSorts, visitStatuses, type VisitFilter, type VisitStatus } from './visit-list.service.ts';
import { h } from 'preact';
import { requirePermission } from '../../../platform/auth/permissions.ts';
import type { FieldErrors } from '../../../platform/views/forms.tsx';
import type { Territory } from '../../territories/territory.service.ts';
import { assignableAuditors, assignAuditors, campaignPlan, createCampaign, listCampaigns, scheduleVisit, setTrainingRequired } from './campaign.service.ts';
import { facilitiesOf, localName, servicesOf } from '../../catalogue/catalogue.service.ts';
import { publishedVersions } from '../instruments/instrument.service.ts';
import { pairedResults, recordPair } from './pairs.service.ts';
import type { PairOutcome } from './paired.ts';
import { campaignResults } from '../results.service.ts';
import { cardsOfCampaign, createScoreCard, recordCommunityScores, recordInterfaceMeeting, recordStaffScores, scoreCardDetail, startCycle } from './scorecard.service.ts';
import { CampaignPage, CampaignsPage, NewCampaignPage, ScoreCardPage } from './campaign.views.tsx';
import { audits, failed, field, fields, FormBody, groundsOf, territoryFor, TerritoryParams, Uuid } from '../audits.http.ts';
import { asciiDigits } from '../../../platform/i18n/digits.ts';

/** A score 0–100 as typed, in digits of any script; NaN otherwise (refused beside the field). */
function typedScore(text: string): number {
  const digits = asciiDigits(text.trim());
  return /^\d{1,3}$/.test(digits) ? Number(digits) : Number.NaN;
}

const CampaignParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), campaignId: Uuid });
const CardParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }), cardId: Uuid });
const VisitQuery = Type.Object({ ...listQueryFields, status: Type.Optional(Type.String({ maxLength: 20 })), method: Type.Optional(Type.String({ maxLength: 30 })), auditorId: Type.Optional(Type.String({ maxLength: 36 })) });
type VisitQuery = Static<typeof VisitQuery>;
type Values = Record<string, string | string[]>;
const formValues = (body: Record<string, unknown>): Values => Object.fromEntries(Object.entries(body).filter(([k, v]) => k !== '_csrf' && (typeof v === 'string' || Array.isArray(v)))) as Values;

export const campaignPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get('/t/:slug/audits/campaigns', { schema: { params: TerritoryParams }, config: { access: 'audits.results.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const result = await listCampaigns(db, request.actor, territory.id);
    if (!result.ok) return failed(request, reply, result.error);
    const mayManage = requirePermission(request.actor, 'audits.campaign.manage', { territoryId: territory.id }).ok;
    return reply.render(h(CampaignsPage, { slug: territory.slug, campaigns: result.value, mayManage }));
  });

  const newPage = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, values: Values, errors: FieldErrors) => {
    if (!requirePermission(request.actor, 'audits.campaign.manage', { territoryId: territory.id }).ok) return failed(request, reply, 'forbidden');
    const [services, facilities, versions] = await Promise.all([servicesOf(db, territory.id), facilitiesOf(db, territory.id), publishedVersions(db, territory.id)]);
    return reply.render(h(NewCampaignPage, { slug: territory.slug, services, facilities, versions, values, errors }), Object.keys(errors).length ? 400 : 200);
  };

  app.get('/t/:slug/audits/campaigns/new', { schema: { params: TerritoryParams }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    return newPage(request, reply, territory, {}, {});
  });

  app.post('/t/:slug/audits/campaigns', { schema: { params: TerritoryParams, body: FormBody }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const created = await createCampaign(db, request.actor, {
      territoryId: territory.id,
      title: field(body, 'title'),
      hypothesis: field(body, 'hypothesis'),
      startsOn: field(body, 'startsOn'),
      endsOn: field(body, 'endsOn'),
      methods: fields(body, 'methods'),
      serviceIds: fields(body, 'serviceIds'),
      facilityIds: fields(body, 'facilityIds'),
      instrumentVersionIds: fields(body, 'instrumentVersionIds'),
      // A checkbox left unticked sends nothing: off.
      trainingRequired: fields(body, 'trainingRequired').includes('1'),
    });
    if (!created.ok && created.fields) return newPage(request, reply, territory, formValues(body), created.fields);
    if (!created.ok) return failed(request, reply, created.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/campaigns/${created.value.id}`), 303);
  });

  const campaignPage = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, campaignId: string, values: Values, errors: FieldErrors, query: VisitQuery = {}) => {
    const plan = await campaignPlan(db, request.actor, territory.id, campaignId);
    if (!plan.ok) return failed(request, reply, plan.error);
    // The visits list's search, filters, sort and page from the query string; anything unknown reads as "all".
    const filter: VisitFilter = {
      status: (visitStatuses as readonly string[]).includes(query.status ?? '') ? (query.status as VisitStatus) : undefined,
      method: (campaignMethods as readonly string[]).includes(query.method ?? '') ? (query.method as CampaignMethod) : undefined,
      auditorId: plan.value.auditors.some((a) => a.id === query.auditorId) ? query.auditorId : undefined,
    };
    const list = parseListQuery(query, { sorts: visitSorts, defaultSort: visitListDefaults.sort, defaultDir: visitListDefaults.dir });
    const visits = await listCampaignVisits(db, request.actor, territory.id, campaignId, filter, list, request.i18n.locale);
    if (!visits.ok) return failed(request, reply, visits.error);
    const [results, paired, cards, services, facilities, assignable, versions] = await Promise.all([
      campaignResults(db, request.actor, territory.id, campaignId),
      pairedResults(db, request.actor, territory.id, campaignId),
      cardsOfCampaign(db, territory.id, campaignId),
      servicesOf(db, territory.id),
      facilitiesOf(db, territory.id),
      assignableAuditors(db, request.actor, territory.id),
      publishedVersions(db, territory.id),
    ]);
    if (!results.ok) return failed(request, reply, results.error);
    if (!paired.ok) return failed(request, reply, paired.error);
    if (!assignable.ok) return failed(request, reply, assignable.error);
    return reply.render(
      h(CampaignPage, { slug: territory.slug, plan: plan.value, results: results.value, paired: paired.value, cards, services, facilities, assignable: assignable.value, versions, grounds: groundsOf(territory), errors, values, visits: { page: visits.value, filter, list } }),
      Object.keys(errors).length ? 400 : 200,
    );
  };

  app.get('/t/:slug/audits/campaigns/:campaignId', { schema: { params: CampaignParams, querystring: VisitQuery }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    return campaignPage(request, reply, territory, request.params.campaignId, {}, {}, request.query);
  });

  app.post('/t/:slug/audits/campaigns/:campaignId/auditors', { schema: { params: CampaignParams, body: FormBody }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const result = await assignAuditors(db, request.actor, { territoryId: territory.id, campaignId: request.params.campaignId, auditorIds: fields(body, 'auditorIds') });
    if (!result.ok && result.fields) return campaignPage(request, reply, territory, request.params.campaignId, { ...formValues(body), untrained: result.untrained ?? [] }, result.fields);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/campaigns/${request.params.campaignId}`), 303);
  });

  app.post('/t/:slug/audits/campaigns/:campaignId/training', { schema: { params: CampaignParams, body: FormBody }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const required = fields(request.body as Record<string, unknown>, 'trainingRequired').includes('1');
    const result = await setTrainingRequired(db, request.actor, { territoryId: territory.id, campaignId: request.params.campaignId, required });
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/campaigns/${request.params.campaignId}#auditors`), 303);
  });

  app.post('/t/:slug/audits/campaigns/:campaignId/visits', { schema: { params: CampaignParams, body: FormBody }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const result = await scheduleVisit(db, request.actor, {
      territoryId: territory.id,
      campaignId: request.params.campaignId,
      facilityId: field(body, 'facilityId'),
      auditorId: field(body, 'auditorId'),
      instrumentVersionId: field(body, 'instrumentVersionId'),
      method: field(body, 'method'),
      scheduledOn: field(body, 'scheduledOn'),
    });
    if (!result.ok && result.fields) {
      // The schedule form's place field is named apart from the pairs form's.
      const { facilityId, ...rest } = result.fields;
      const values = { ...formValues(body), visitFacilityId: field(body, 'facilityId') };
      return campaignPage(request, reply, territory, request.params.campaignId, values, { ...rest, ...(facilityId ? { visitFacilityId: facilityId } : {}) });
    }
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/campaigns/${request.params.campaignId}`), 303);
  });

  app.post('/t/:slug/audits/campaigns/:campaignId/pairs', { schema: { params: CampaignParams, body: FormBody }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const result = await recordPair(
      db,
      request.actor,
      {
        territoryId: territory.id,
        campaignId: request.params.campaignId,
        facilityId: field(body, 'facilityId'),
        ground: field(body, 'ground'),
        testedOn: field(body, 'testedOn'),
        minorityAuditorId: field(body, 'minorityAuditorId') || null,
        majorityAuditorId: field(body, 'majorityAuditorId') || null,
        outcome: (field(body, 'outcome') || null) as PairOutcome | null,
      },
      groundsOf(territory),
    );
    if (!result.ok && result.fields) return campaignPage(request, reply, territory, request.params.campaignId, formValues(body), result.fields);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/campaigns/${request.params.campaignId}`), 303);
  });

  app.post('/t/:slug/audits/campaigns/:campaignId/score-cards', { schema: { params: CampaignParams, body: FormBody }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const criteria = [0, 1, 2]
      .filter((i) => field(body, `label_${i}`).trim() || field(body, `score_${i}`).trim())
      .map((i) => ({ label: field(body, `label_${i}`), dimension: field(body, `dimension_${i}`), score: typedScore(field(body, `score_${i}`)), reasons: field(body, `reasons_${i}`) }));
    const result = await createScoreCard(db, request.actor, { territoryId: territory.id, campaignId: request.params.campaignId, serviceId: field(body, 'serviceId'), userGroup: field(body, 'userGroup'), criteria });
    if (!result.ok && result.fields) return campaignPage(request, reply, territory, request.params.campaignId, formValues(body), result.fields);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/score-cards/${result.value.id}`), 303);
  });

  const cardPage = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, cardId: string, values: Values, errors: FieldErrors) => {
    const detail = await scoreCardDetail(db, request.actor, territory.id, cardId);
    if (!detail.ok) return failed(request, reply, detail.error);
    const service = (await servicesOf(db, territory.id)).find((s) => s.id === detail.value.card.serviceId);
    const mayManage = requirePermission(request.actor, 'audits.campaign.manage', { territoryId: territory.id }).ok;
    return reply.render(
      h(ScoreCardPage, { slug: territory.slug, ...detail.value, serviceName: service ? localName(service, request.i18n.locale) : '', mayManage, grounds: groundsOf(territory), errors, values }),
      Object.keys(errors).length ? 400 : 200,
    );
  };

  app.get('/t/:slug/audits/score-cards/:cardId', { schema: { params: CardParams }, config: { access: 'audits.results.view' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    return cardPage(request, reply, territory, request.params.cardId, {}, {});
  });

  /** Scores typed per criterion (`<prefix>_<criterionId>`), with the reasons given once for all. */
  const typedScores = (body: Record<string, unknown>, prefix: string, reasons: string) =>
    Object.keys(body)
      .filter((k) => k.startsWith(`${prefix}_`) && k !== reasons)
      .map((k) => ({ criterionId: k.slice(prefix.length + 1), score: typedScore(field(body, k)), reasons: field(body, reasons) }));

  app.post('/t/:slug/audits/score-cards/:cardId/staff', { schema: { params: CardParams, body: FormBody }, config: { access: 'audits.scoreCard.selfAssess' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const result = await recordStaffScores(db, request.actor, { territoryId: territory.id, cardId: request.params.cardId, scores: typedScores(body, 'staff', 'staffReasons') });
    if (!result.ok && result.fields) return cardPage(request, reply, territory, request.params.cardId, formValues(body), result.fields);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/score-cards/${request.params.cardId}`), 303);
  });

  app.post('/t/:slug/audits/score-cards/:cardId/community', { schema: { params: CardParams, body: FormBody }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const result = await recordCommunityScores(db, request.actor, { territoryId: territory.id, cardId: request.params.cardId, scores: typedScores(body, 'users', 'usersReasons') });
    if (!result.ok && result.fields) return cardPage(request, reply, territory, request.params.cardId, formValues(body), result.fields);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/score-cards/${request.params.cardId}`), 303);
  });

  app.post('/t/:slug/audits/score-cards/:cardId/cycles', { schema: { params: CardParams, body: FormBody }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const result = await startCycle(db, request.actor, { territoryId: territory.id, cardId: request.params.cardId, startedOn: field(body, 'startedOn') });
    if (!result.ok && result.fields) return cardPage(request, reply, territory, request.params.cardId, formValues(body), result.fields);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/score-cards/${request.params.cardId}`), 303);
  });

  app.post('/t/:slug/audits/score-cards/:cardId/meeting', { schema: { params: CardParams, body: FormBody }, config: { access: 'audits.campaign.manage' } }, async (request, reply) => {
    const territory = await territoryFor(request);
    if (!territory) return reply.callNotFound();
    const body = request.body as Record<string, unknown>;
    const gaps = Object.fromEntries(Object.keys(body).filter((k) => k.startsWith('gap_')).map((k) => [k.slice(4), field(body, k)]));
    const criterionId = field(body, 'action_criterion');
    const actions = criterionId
      ? [{ criterionId, who: field(body, 'action_who'), what: field(body, 'action_what'), byWhen: field(body, 'action_byWhen'), severity: Number(field(body, 'action_severity')) || 2, grounds: fields(body, 'action_grounds') }]
      : [];
    const result = await recordInterfaceMeeting(db, request.actor, { territoryId: territory.id, cardId: request.params.cardId, meetingOn: field(body, 'meetingOn'), notes: field(body, 'notes'), gaps, actions }, groundsOf(territory));
    if (!result.ok && result.fields) return cardPage(request, reply, territory, request.params.cardId, formValues(body), result.fields);
    if (!result.ok) return failed(request, reply, result.error);
    return reply.redirect(audits(request.params.locale, territory.slug, `/score-cards/${request.params.cardId}`), 303);
  });
};
