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
