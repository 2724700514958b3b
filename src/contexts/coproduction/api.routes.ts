// Co-production's JSON under /api/v1: a territory's events, one event, and a territory's debates, as the pages show them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendProblem } from '../../platform/http/problem.ts';
import { findTerritory, findTerritoryById } from '../territories/territory.service.ts';
import { forumMunicipalities } from '../territories/territory.http.ts';
import type { MunicipalityOption } from '../../platform/views/municipality.tsx';
import { findEvent, listEvents, type EventSummary } from './events/event.service.ts';
import { listDebates } from './debates/debate.service.ts';
import { listStatements, statementDetail } from './statements/statement.service.ts';

const Event = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  networkId: Type.Union([Type.String(), Type.Null()]),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  place: Type.String(),
  onlineUrl: Type.Union([Type.String(), Type.Null()]),
  municipality: Type.Union([Type.Object({ slug: Type.String({ description: "The municipality's slug, as in /territories/{slug}" }), name: Type.String({ description: 'Its name in the language asked for (Accept-Language) when it has one, else its own name' }) }), Type.Null()], {
    description: "In a forum, the member municipality where the event is held; null when it is online or across the forum, and for every event of a municipality's own",
    examples: [{ slug: 'mataro', name: 'Mataró' }, null],
  }),
  capacity: Type.Integer(),
  registered: Type.Integer(),
  waiting: Type.Integer(),
  attended: Type.Integer(),
  minutes: Type.Union([Type.String(), Type.Null()]),
});
const Debate = Type.Object({ id: Type.String(), title: Type.String(), question: Type.String(), networkId: Type.Union([Type.String(), Type.Null()]), openedAt: Type.String({ format: 'date-time' }), contributions: Type.Integer() });

const StatementJson = Type.Object({
  id: Type.String(),
  status: Type.String(),
  originalLocale: Type.String(),
  texts: Type.Array(Type.Object({ locale: Type.String(), title: Type.String(), body: Type.String(), original: Type.Boolean() })),
  signingClosesAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  signatories: Type.Array(Type.Object({ organisation: Type.String(), signedAt: Type.String({ format: 'date-time' }) })),
});

const AnalysisJson = Type.Composite([
  StatementJson,
  Type.Object({ files: Type.Array(Type.Object({ name: Type.String(), mediaType: Type.String(), size: Type.Integer(), url: Type.String({ description: 'Where the file is downloaded (a path on this site)' }) })) }),
]);

const MunicipalityQuery = Type.Object({
  municipality: Type.Optional(
    Type.String({
      maxLength: 100,
      description: "In a forum, only the events held in this member municipality (its slug), as the events page filters them; a municipality the forum does not have finds none. Ignored for a municipality's own events.",
      examples: ['mataro'],
    }),
  ),
});

/** Where the event is held, named in the request's language: one of the forum's municipalities, or null. */
const heldIn = (e: EventSummary, municipalities: MunicipalityOption[]) => {
  const found = e.municipalityId ? municipalities.find((m) => m.id === e.municipalityId) : undefined;
  return found ? { slug: found.slug, name: found.text } : null;
};

const eventJson = (e: EventSummary, municipalities: MunicipalityOption[]) => ({
  id: e.id,
  title: e.title,
  description: e.description,
  networkId: e.networkId,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  place: e.place,
  onlineUrl: e.onlineUrl,
  municipality: heldIn(e, municipalities),
  capacity: e.capacity,
  registered: e.registered,
  waiting: e.waiting,
  attended: e.attended,
  minutes: e.minutes,
});

export const coproductionApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;
  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });
  const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });

  app.get(
    '/territories/:slug/events',
    {
      config: { access: 'coproduction.public.view' },
      schema: {
        summary: "A territory's events and meetings (every network's and its own)",
        description:
          "Public: the territory's events and meetings, its own and every network's, with place or online address, places, the waiting list and attendance as counts only (never who), and minutes once recorded. In a forum each says in which of its municipalities it is held, and municipality=<slug> keeps only those held there (for example ?municipality=mataro).",
        tags: ['coproduction'],
        params: SlugParams,
        querystring: MunicipalityQuery,
        response: { 200: Type.Object({ events: Type.Array(Event) }), 400: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db(), request.params.slug);
      if (!territory) return notFound(request, reply);
      const municipalities = await forumMunicipalities(db(), territory, request.i18n.locale);
      // As on the page: in a forum, a municipality it does not have finds nothing rather than everything.
      const asked = municipalities.length > 0 && request.query.municipality ? request.query.municipality : undefined;
      const filter = asked === undefined ? {} : { municipalityId: municipalities.find((m) => m.slug === asked)?.id ?? null };
      return { events: (await listEvents(db(), territory.id, { when: 'all', ...filter })).map((e) => eventJson(e, municipalities)) };
    },
  );

  app.get(
    '/events/:id',
    { config: { access: 'coproduction.public.view' }, schema: { summary: 'One event, with its places taken, waiting list and attendance (counts only)', description: 'Public: one event with its description, place (and, in a forum, the municipality where it is held), how many places are taken, how many wait and how many attended; never who registered.', tags: ['coproduction'], params: Type.Object({ id: Type.String({ maxLength: 40 }) }), response: { 200: Event, 404: problemSchema } } },
    async (request, reply) => {
      const event = await findEvent(db(), request.params.id);
      if (!event) return notFound(request, reply);
      const territory = event.municipalityId ? await findTerritoryById(db(), event.territoryId) : null;
      return eventJson(event, territory ? await forumMunicipalities(db(), territory, request.i18n.locale) : []);
    },
  );

  // Statements and analyses, read the same way; an analysis also lists its files with where to download them.
  for (const [kind, plural, summary, description] of [
    ['statement', 'statements', "A territory's public statements: open for signature and published, with their texts and signatories", "Public: the territory's statements open for signature and published, in every language they are translated into, with their signatory organisations and dates."],
    ['analysis', 'analyses', "A territory's analyses (reports with files): open for signature and published, with their texts, files and signatories", "Public: the territory's analyses open for signature and published, in every language they are translated into, with their files (name, type, size and where to download them) and their signatory organisations and dates."],
  ] as const) {
    app.get(
      `/territories/:slug/${plural}`,
      { config: { access: 'coproduction.public.view' }, schema: { summary, description, tags: ['coproduction'], params: SlugParams, response: { 200: Type.Object({ [plural]: Type.Array(kind === 'analysis' ? AnalysisJson : StatementJson) }), 404: problemSchema } } },
      async (request, reply) => {
        const territory = await findTerritory(db(), request.params.slug);
        if (!territory) return notFound(request, reply);
        const statements = [];
        // Drafts are never public, whoever asks.
        for (const s of await listStatements(db(), null, territory.id, { kind })) {
          const d = (await statementDetail(db(), null, s.id))!;
          const json = {
            id: s.id,
            status: s.status,
            originalLocale: s.originalLocale,
            texts: d.texts.map((x) => ({ locale: x.locale, title: x.title, body: x.body, original: x.locale === s.originalLocale })),
            signingClosesAt: s.signingClosesAt?.toISOString() ?? null,
            publishedAt: s.publishedAt?.toISOString() ?? null,
            signatories: d.signatures.map((x) => ({ organisation: x.organisationName, signedAt: x.signedAt.toISOString() })),
          };
          statements.push(kind === 'analysis' ? { ...json, files: d.files.map((f) => ({ name: f.name, mediaType: f.mediaType, size: f.size, url: `/${s.originalLocale}/statements/${s.id}/files/${f.id}` })) } : json);
        }
        return { [plural]: statements };
      },
    );
  }

  app.get(
    '/territories/:slug/debates',
    { config: { access: 'coproduction.public.view' }, schema: { summary: "A territory's debates", description: "Public: the territory's moderated debates with their question, the network that holds each, when it opened and its contributions as shown to everyone.", tags: ['coproduction'], params: SlugParams, response: { 200: Type.Object({ debates: Type.Array(Debate) }), 404: problemSchema } } },
    async (request, reply) => {
      const territory = await findTerritory(db(), request.params.slug);
      if (!territory) return notFound(request, reply);
      const debates = await listDebates(db(), territory.id);
      return { debates: debates.map((d) => ({ id: d.id, title: d.title, question: d.question, networkId: d.networkId, openedAt: d.createdAt.toISOString(), contributions: d.contributions })) };
    },
  );
};
