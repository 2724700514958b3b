// One place that answers errors: problem details under /api, translated pages elsewhere.
// No stack trace or internal message ever reaches a client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { h } from 'preact';
import { ErrorPage, type ErrorKind } from '../views/error-pages.tsx';
import { isApiPath, sendProblem } from './problem.ts';
import { safeError } from './logging.ts';

const kinds: Record<number, ErrorKind> = { 400: 'badRequest', 403: 'forbidden', 404: 'notFound', 413: 'tooLarge', 429: 'tooMany' };

function respond(request: FastifyRequest, reply: FastifyReply, status: number, kind: ErrorKind, detail?: string) {
  if (isApiPath(request.url)) {
    return sendProblem(reply, {
      type: `about:blank`,
      title: request.i18n.t(`platform.errors.${kind}.title`),
      status,
      ...(detail ? { detail } : {}),
    });
  }
  if (status === 429 || status === 403) reply.header('Cache-Control', 'no-store');
  return reply.render(h(ErrorPage, { kind }), status);
}

export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setNotFoundHandler((request, reply) => respond(request, reply, 404, 'notFound'));
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode ?? 500;
      if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
        return respond(request, reply, 403, 'csrf');
      }
      if (error.validation) {
        return respond(request, reply, 400, 'badRequest', isApiPath(request.url) ? error.message : undefined);
      }
      if (status >= 400 && status < 500) {
        return respond(request, reply, status, kinds[status] ?? 'badRequest');
      }
      request.log.error({ err: safeError(error) }, 'request failed');
      return respond(request, reply, 500, 'server');
    });
  },
  { name: 'coproduce-errors', dependencies: ['coproduce-views'] },
);
