// Structured logs (pino) that never contain an IP address, a cookie, a query string or a form body.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    // Only the path: query strings can carry search terms or tokens.
    serializers: {
      req: (request: FastifyRequest) => ({ method: request.method, path: request.url.split('?')[0], id: request.id }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
    },
    redact: { paths: ['req.headers', 'headers', 'cookie', 'body', 'ip', 'remoteAddress'], remove: true },
  };
}

export type LogDestination = DestinationStream;
