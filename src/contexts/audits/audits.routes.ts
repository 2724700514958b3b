// The audits context's pages (under /:locale) and API (under /api/v1), each area in its own file.
import type { FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import { maxEvidenceBytes } from './evidence.ts';
import type { UploadedFile } from './audits.http.ts';
import { fieldworkPages } from './fieldwork.routes.ts';
import { findingPages } from './finding.routes.ts';
import { networkPages } from './network.routes.ts';
import { instrumentPages } from './instrument.routes.ts';
import { campaignPages } from './campaign.routes.ts';
import { cataloguePages } from './catalogue.routes.ts';

export const auditsPages: FastifyPluginAsync = async (app) => {
  // Forms with files (evidence, CSV imports) arrive as multipart: fields become plain values (so the
  // CSRF token is read as in any form) and each file its bytes and declared type.
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: maxEvidenceBytes + 1, files: 10, fields: 300 },
    async onFile(part) {
      const content = await part.toBuffer();
      // An empty file input sends a part with no name and no bytes: it is not a file.
      const value: UploadedFile | undefined = part.filename ? { content, mediaType: part.mimetype, truncated: part.file.truncated } : undefined;
      (part as unknown as { value: UploadedFile | undefined }).value = value;
    },
  });
  await app.register(fieldworkPages);
  await app.register(findingPages);
  await app.register(networkPages);
  await app.register(instrumentPages);
  await app.register(campaignPages);
  await app.register(cataloguePages);
};
