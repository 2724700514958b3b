// Errors of the JSON API as RFC 9457 problem details.
import type { FastifyReply } from 'fastify';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Field → message, for invalid input. */
  errors?: Record<string, string>;
}

export const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['type', 'title', 'status'],
} as const;

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type('application/problem+json; charset=utf-8').send(problem);
}

export function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/');
}

/** A response schema entry for problem details, with the media type RFC 9457 gives them. */
export const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

/** The error responses every write operation may give, for its response schema. */
export const writeProblems = {
  400: problemResponse('Invalid input: `errors` names each field with a translated message'),
  401: problemResponse('No valid credential'),
  403: problemResponse('Not allowed, or the token lacks the scope'),
  404: problemResponse('Not found (or not visible to you)'),
  409: problemResponse('Not possible in the current state'),
  422: problemResponse('The Idempotency-Key was used for another request'),
} as const;

interface Translating {
  i18n: { t(key: string, values?: Record<string, unknown>): string };
}

/**
 * Answers a service's failed outcome as problem details: denials as 401/403, missing things as 404, invalid
 * input as 400 with each field's translated message, any other rule of the domain as 409 with its message.
 * `messages` maps a domain error to its translation key (as the pages show it).
 */
export function sendOutcomeProblem(
  request: Translating,
  reply: FastifyReply,
  error: string,
  fields?: Record<string, string>,
  messages: Record<string, string> = {},
) {
  const t = request.i18n.t.bind(request.i18n);
  if (error === 'signed-out') return sendProblem(reply, { type: 'about:blank', title: t('platform.errors.signedOut.title'), status: 401 });
  if (error === 'forbidden' || error === 'two-factor-required') return sendProblem(reply, { type: 'about:blank', title: t('platform.errors.forbidden.title'), status: 403 });
  if (error === 'not-found') return sendProblem(reply, { type: 'about:blank', title: t('platform.errors.notFound.title'), status: 404 });
  if (error === 'invalid') {
    const errors = Object.fromEntries(Object.entries(fields ?? {}).map(([field, key]) => [field, t(key)]));
    return sendProblem(reply, { type: 'about:blank', title: t('platform.errors.badRequest.title'), status: 400, errors });
  }
  const detail = messages[error];
  return sendProblem(reply, { type: 'about:blank', title: t('platform.errors.conflict.title'), status: 409, ...(detail ? { detail: t(detail) } : {}) });
}
