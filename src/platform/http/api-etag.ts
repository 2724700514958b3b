// ETag on every JSON read of the API (/api/v1, GET): a client that sends If-None-Match with the tag it holds
// gets 304 and no body when nothing changed. The tag is a digest of the answer itself, so it is right for
// every caller's own view (permissions, language) without the routes knowing. Answers from the page cache
// already carry their own tag and are left alone.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export function etagOf(body: string | Buffer): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** If-None-Match compares weakly (RFC 9110 13.1.2): `W/"x"` and `"x"` are the same tag. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

export const apiEtagPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url.startsWith('/api/v1/') || reply.statusCode !== 200) return payload;
      if (reply.hasHeader('etag') || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
      const etag = etagOf(payload);
      reply.header('ETag', etag);
      // Personal answers stay in the caller's own cache and are checked each time.
      if (!reply.hasHeader('cache-control')) reply.header('Cache-Control', 'private, no-cache');
      if (matches(request.headers['if-none-match'], etag)) {
        reply.code(304);
        reply.removeHeader('content-type');
        reply.removeHeader('content-length');
        return '';
      }
      return payload;
    });
  },
  { name: 'coproduce-api-etag' },
);
