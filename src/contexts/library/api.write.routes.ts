// The library's actions through the JSON API, for members' and networks' own tools: share an item (texts, links
// and choices; files are added on the item's page) and comment on one for one's organisation. The same service
// functions as the pages (who may share for which publisher is the service's rule); POST takes an Idempotency-Key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sendOutcomeProblem } from '../../platform/http/problem.ts';
import { IdempotencyHeaders, created, notFoundProblem } from '../../platform/api/write.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { workingLanguages } from '../agreement/agreement.settings.ts';
import { addComment, libraryKinds, licences, shareItem } from './library.service.ts';

const Slug = Type.String({ maxLength: 100 });
const Words = (maxItems: number, max = 40) => Type.Array(Type.String({ maxLength: max }), { maxItems });

export const libraryWriteApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.post(
    '/territories/:slug/library',
    {
      config: { access: 'library.item.share', scope: 'write:coproduction' },
      schema: {
        operationId: 'shareLibraryItem',
        summary: 'Share an item in the library (an initiative, experience, guide, study or tool) for your organisation, your network or the council',
        description:
          "For members of an organisation that adheres to the territory's Agreement, coordinators of one of its networks, and the council's staff, each for the publishers they may act for (publisher: organisation:<id>, network:<id> or council). Files are not sent here: add them on the item's page. Answers 400 naming each field that needs changing; nothing is stored then.",
        tags: ['library'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug }),
        body: Type.Object(
          {
            publisher: Type.String({ maxLength: 60, description: 'organisation:<id>, network:<id> or council' }),
            kind: Type.Unsafe<string>(Type.String({ enum: [...libraryKinds] })),
            title: Type.String({ maxLength: 1000 }),
            summary: Type.String({ maxLength: 3000 }),
            body: Type.String({ maxLength: 60_000 }),
            links: Type.Optional(Type.Array(Type.Object({ url: Type.String({ maxLength: 2000 }), label: Type.Optional(Type.String({ maxLength: 200 })) }), { maxItems: 20 })),
            areas: Words(30),
            districtIds: Type.Optional(Words(100)),
            languages: Words(20, 10),
            licence: Type.Unsafe<string>(Type.String({ enum: [...licences] })),
          },
          { additionalProperties: false },
        ),
        response: created(Type.Object({ id: Type.String() })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const b = request.body;
      const links = (b.links ?? []).map((l) => `${l.url}${l.label ? ` ${l.label}` : ''}`).join('\n');
      const shared = await shareItem(
        db,
        app.files,
        request.actor,
        territory,
        { publisher: b.publisher, kind: b.kind as string, title: b.title, summary: b.summary, body: b.body, links, areas: b.areas, districtIds: b.districtIds ?? [], languages: b.languages, licence: b.licence as string, uploads: [] },
        request.i18n.locale,
      );
      if (!shared.ok) return sendOutcomeProblem(request, reply, shared.error, shared.fields);
      return reply.code(201).send(shared.value);
    },
  );

  app.post(
    '/territories/:slug/library/:id/comments',
    {
      config: { access: 'library.comment.add', scope: 'write:coproduction' },
      schema: {
        operationId: 'commentOnLibraryItem',
        summary: 'Comment on a library item in the name of your organisation',
        description:
          "For members of an organisation (organisationId: one you belong to). The comment is shown on the item's page under the organisation's name; moderators may hide it. Say which language it is written in (lang) when it is not the item's. Answers 400 beside the field when the comment is empty or too long.",
        tags: ['library'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug, id: Type.String({ maxLength: 40 }) }),
        body: Type.Object(
          {
            organisationId: Type.String({ maxLength: 40 }),
            body: Type.String({ maxLength: 8000 }),
            lang: Type.Optional(
              Type.Unsafe<string>(
                Type.String({ enum: [...workingLanguages], description: "The language the comment is written in, so its page marks it with it for readers of other languages. Without it, the item's first language." }),
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: created(Type.Object({ id: Type.String() })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const commented = await addComment(db, request.actor, territory.id, request.params.id, { ...request.body, lang: request.body.lang as string | undefined });
      if (!commented.ok) return sendOutcomeProblem(request, reply, commented.error, commented.fields);
      return reply.code(201).send(commented.value);
    },
  );
};
