// Frameworks' JSON under /api/v1: a territory's frameworks (every version out of draft, with counts) and one
// framework with the text of each public version and the endorsements. Drafts are never here, whoever asks.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendProblem } from '../../platform/http/problem.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { frameworkDetail, versionText } from './framework.service.ts';
import { endorsementsOf } from './consultation.service.ts';
import { frameworkRows } from './opendata.ts';

const VersionSummary = Type.Object({
  frameworkId: Type.String(),
  network: Type.String(),
  language: Type.String(),
  version: Type.Integer(),
  status: Type.String({ enum: ['consultation', 'agreed'] }),
  title: Type.String(),
  summary: Type.String(),
  sections: Type.Integer(),
  paragraphs: Type.Integer(),
  comments: Type.Integer(),
  amendmentsAccepted: Type.Integer(),
  amendmentsDeclined: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  agreedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  endorsements: Type.Integer(),
});

const FrameworkJson = Type.Object({
  id: Type.String(),
  language: Type.String(),
  versions: Type.Array(
    Type.Object({
      number: Type.Integer(),
      status: Type.String({ enum: ['consultation', 'agreed'] }),
      title: Type.String(),
      summary: Type.String(),
      consultationOpenedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      consultationClosesOn: Type.Union([Type.String({ format: 'date', description: 'The last day of comments and amendments (Europe/Madrid), when the coordinators chose one' }), Type.Null()]),
      agreedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      supersededAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      sections: Type.Array(Type.Object({ heading: Type.String(), paragraphs: Type.Array(Type.String()), paragraphIds: Type.Array(Type.String(), { description: 'The id of each paragraph, in the same order: to comment on it or propose an amendment' }) })),
      endorsements: Type.Array(Type.Object({ organisation: Type.String(), endorsedAt: Type.String({ format: 'date-time' }), withdrawnAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) })),
    }),
  ),
});

export const frameworksApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;
  const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });

  app.get(
    '/territories/:slug/frameworks',
    { config: { access: 'frameworks.public.view' }, schema: { summary: "A territory's frameworks for joint action: each version in consultation or agreed, with its counts", description: "Public: every version of the territory's frameworks that is in consultation or agreed, with its counts of sections, paragraphs, comments, amendments and endorsements. Drafts are never listed.", tags: ['frameworks'], params: SlugParams, response: { 200: Type.Object({ versions: Type.Array(VersionSummary) }), 404: problemSchema } } },
    async (request, reply) => {
      const territory = await findTerritory(db(), request.params.slug);
      if (!territory) return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });
      const rows = await frameworkRows(db(), territory.id, request.i18n.locale);
      return {
        versions: rows.map((r) => ({
          frameworkId: r.framework_id,
          network: r.network,
          language: r.language,
          version: r.version,
          status: r.status,
          title: r.title,
          summary: r.summary,
          sections: r.sections,
          paragraphs: r.paragraphs,
          comments: r.comments,
          amendmentsAccepted: r.amendments_accepted,
          amendmentsDeclined: r.amendments_declined,
          createdAt: r.created_at,
          agreedAt: r.agreed_at || null,
          endorsements: r.endorsements,
        })),
      };
    },
  );

  app.get(
    '/frameworks/:id',
    { config: { access: 'frameworks.public.view' }, schema: { summary: 'One framework: the text of each version in consultation or agreed, and who endorsed it when', description: "Public: the text of each version in consultation or agreed, section by section with each paragraph's id (to comment on or amend it), and the organisations that endorsed each version and when. Drafts are never shown.", tags: ['frameworks'], params: Type.Object({ id: Type.String({ maxLength: 40 }) }), response: { 200: FrameworkJson, 404: problemSchema } } },
    async (request, reply) => {
      // Read as nobody in particular: the API never shows drafts.
      const detail = await frameworkDetail(db(), null, request.params.id);
      if (!detail) return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });
      const versions = [];
      for (const v of detail.versions) {
        const [text, endorsements] = await Promise.all([versionText(db(), v.id), endorsementsOf(db(), v.id)]);
        versions.push({
          number: v.number,
          status: v.status,
          title: v.title,
          summary: v.summary,
          consultationOpenedAt: v.consultationOpenedAt?.toISOString() ?? null,
          consultationClosesOn: v.consultationClosesOn,
          agreedAt: v.agreedAt?.toISOString() ?? null,
          supersededAt: v.supersededAt?.toISOString() ?? null,
          sections: text.map((s) => ({ heading: s.heading, paragraphs: s.paragraphs.map((p) => p.body), paragraphIds: s.paragraphs.map((p) => p.id) })),
          endorsements: endorsements.map((e) => ({ organisation: e.organisationName, endorsedAt: e.endorsedAt.toISOString(), withdrawnAt: e.withdrawnAt?.toISOString() ?? null })),
        });
      }
      return { id: detail.framework.id, language: detail.framework.locale, versions };
    },
  );
};
