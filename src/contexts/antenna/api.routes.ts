// The antenna's JSON API: a proof-of-work challenge and a one-request report submission (for apps,
// partner organisations' tools and the bench). The proof of work is always required here.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendProblem } from '../../platform/http/problem.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { noStore, formChoices, perMinute } from './report.routes.ts';
import { submitReport } from './report.service.ts';
import { storyMaxLength } from './answers.ts';

const Slug = Type.Object({ slug: Type.String({ maxLength: 100 }) });

export const ReportBody = Type.Object(
  {
    challenge: Type.String({ maxLength: 300, description: 'From GET /antenna/{slug}/challenge' }),
    pow: Type.String({ maxLength: 12, description: 'A counter such that SHA-256(challenge + ":" + pow) starts with the challenge’s number of zero bits' }),
    serviceId: Type.String({ maxLength: 36, description: 'A service id of the territory, or "unknown"' }),
    story: Type.String({ minLength: 1, maxLength: storyMaxLength }),
    when: Type.String({ maxLength: 7, description: '"YYYY-MM" within the last 24 months, "earlier" or "unknown"' }),
    districtId: Type.String({ maxLength: 36 }),
    facilityId: Type.String({ maxLength: 36 }),
    grounds: Type.Array(Type.String({ maxLength: 60 }), { minItems: 1, maxItems: 20 }),
    before: Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('unsure')]),
    wishes: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 4 }),
    wishText: Type.Optional(Type.String({ maxLength: 2000 })),
    referral: Type.Union([Type.Literal('yes'), Type.Literal('no')]),
    mode: Type.Union([Type.Literal('anonymous'), Type.Literal('confidential')]),
    contactName: Type.Optional(Type.String({ maxLength: 200 })),
    contactEmail: Type.Optional(Type.String({ maxLength: 200 })),
    contactPhone: Type.Optional(Type.String({ maxLength: 25 })),
  },
  { additionalProperties: false },
);

export const antennaApi: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', noStore);
  const db = app.database.db;

  app.get(
    '/antenna/:slug/challenge',
    {
      config: { access: 'public' },
      schema: {
        summary: 'A proof-of-work challenge for submitting a report',
        description: "Public and anonymous: a fresh proof-of-work challenge, to solve before postAntennaSlugReports. No IP address is stored or logged on the antenna's paths.",
        tags: ['antenna'],
        params: Slug,
        response: { 200: Type.Object({ challenge: Type.String() }), 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });
      return { challenge: app.antennaGuards.pow.issue(territory.id) };
    },
  );

  app.post(
    '/antenna/:slug/reports',
    {
      // No cookie gives this route any authority (it acts for nobody), so there is nothing for CSRF to protect.
      config: { invalidates: false, access: 'antenna.report.submit', csrf: false, rateLimit: { max: perMinute(app, 10), timeWindow: 60_000 } },
      schema: {
        summary: 'Submit a report in one request; answers with the 16-digit receipt once it is stored',
        description: "Public and anonymous, for apps and partner organisations' tools: the answers of the report form in one request, with a solved proof of work. The story and contact are encrypted at once for the territory's case handlers; the receipt is shown only in this answer. Answers 400 beside each field.",
        tags: ['antenna'],
        params: Slug,
        body: ReportBody,
        response: {
          201: Type.Object({ reference: Type.String(), receipt: Type.String({ pattern: '^[0-9]{16}$' }) }),
          400: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });
      const { challenge, pow, ...answers } = request.body;
      if (!(await app.antennaGuards.pow.verify(territory.id, challenge, pow))) {
        return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('antenna.errors.powInvalid'), status: 400, errors: { pow: request.i18n.t('antenna.errors.powInvalid') } });
      }
      const { context } = await formChoices(app, request, territory);
      const result = await submitReport(db, request.actor, { territoryId: territory.id, answers }, context);
      if (!result.ok) {
        if (result.error === 'closed') return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('antenna.start.closed'), status: 409 });
        const errors = Object.fromEntries(Object.entries(result.fields ?? {}).map(([k, v]) => [k, request.i18n.t(v)]));
        return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.badRequest.title'), status: 400, errors });
      }
      return reply.code(201).send({ reference: result.value.reference, receipt: result.value.receipt });
    },
  );
};
