// Pages and JSON that are the same for every visitor, rendered once and served from memory until anything
// changes. A route opts in with `config: { cache: 'public' }`. Only visitors who are not signed in are served
// from it (a signed-in person's header names them), and only bodies that set no cookie and hold no CSRF token
// are kept. Invalidation is coarse and safe: every state-changing request (POST, PUT, PATCH, DELETE) bumps
// one version before its answer is sent, shared through Redis when there is one, so no instance serves a page
// older than the last write; a route whose writes change no public page says `invalidates: false`.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public': the answer is the same for every visitor who is not signed in. */
    cache?: 'public';
    /** false on a state-changing route that changes no public page (sign-in, a report's steps). */
    invalidates?: boolean;
  }
  interface FastifyReply {
    /** Set when the body holds something of this visitor's (a CSRF token): never kept in the page cache. */
    personal: boolean;
  }
  interface FastifyInstance {
    /** Drops every cached public page on every instance (jobs and imports that change public data). */
    invalidatePublicPages(): Promise<void>;
  }
}

export interface PageCacheOptions {
  redis: Redis | null;
  /** Upper bound on the bytes kept (bodies and their compressed forms). */
  maxBytes?: number;
  /** A page is rendered again after this long even if nothing was written (pages that show the time). */
  maxAgeMs?: number;
}

interface Entry {
  version: number;
  at: number;
  etag: string;
  headers: Record<string, string>;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const keptHeaders = ['content-type', 'content-language', 'vary', 'link', 'content-disposition'];
const versionKey = 'coproduce-cache:version';

declare module 'fastify' {
  interface FastifyRequest {
    /** The cache version read before the page was rendered; the entry is filed under it. */
    pageCacheVersion: number | null;
  }
}

/** 'br', 'gzip' or 'identity', as the client accepts (q-values of 0 refuse). */
export function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | 'identity' {
  if (!header) return 'identity';
  const accepted = new Set(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip';
  return 'identity';
}

export const pageCachePlugin = fp<PageCacheOptions>(
  async (app: FastifyInstance, options) => {
    const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    const maxAgeMs = options.maxAgeMs ?? 60_000;
    const redis = options.redis;
    const entries = new Map<string, Entry>();
    let bytes = 0;
    let localVersion = 0;

    const drop = (key: string) => {
      const entry = entries.get(key);
      if (!entry) return;
      bytes -= entry.identity.length + entry.br.length + entry.gzip.length;
      entries.delete(key);
    };
    // Redis down: answer as if everything changed (render afresh) rather than risk a stale page.
    const currentVersion = async (): Promise<number | null> => {
      if (!redis) return localVersion;
      try {
        return Number((await redis.get(versionKey)) ?? 0);
      } catch {
        return null;
      }
    };
    const bump = async () => {
      localVersion += 1;
      entries.clear();
      bytes = 0;
      if (redis) await redis.incr(versionKey).catch(() => undefined);
    };

    app.decorate('invalidatePublicPages', bump);
    app.decorateReply('personal', false);
    app.decorateRequest('pageCacheVersion', null);

    const cacheable = (request: FastifyRequest) => request.method === 'GET' && request.routeOptions.config?.cache === 'public' && !request.actor && !request.viewer && !request.formReplay;

    app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
      if (!cacheable(request)) return;
      const version = await currentVersion();
      if (version === null) return;
      request.pageCacheVersion = version;
      const entry = entries.get(request.url);
      if (!entry) return;
      if (entry.version !== version || Date.now() - entry.at > maxAgeMs) {
        drop(request.url);
        return;
      }
      // Most recently used last, so the oldest is dropped first when full.
      entries.delete(request.url);
      entries.set(request.url, entry);
      for (const [name, value] of Object.entries(entry.headers)) reply.header(name, value);
      reply.header('ETag', entry.etag).header('Cache-Control', 'no-cache').header('X-Cache', 'hit');
      if (request.headers['if-none-match'] === entry.etag) return reply.code(304).send();
      const encoding = acceptedEncoding(request.headers['accept-encoding']);
      reply.header('Vary', entry.headers.vary ? `${entry.headers.vary}, Accept-Encoding` : 'Accept-Encoding');
      if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
      return reply.send(encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.identity);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (unsafeMethods.has(request.method)) {
        if (request.routeOptions.config?.invalidates !== false) await bump();
        return payload;
      }
      const version = request.pageCacheVersion;
      if (version === null || reply.getHeader('x-cache') === 'hit' || !cacheable(request)) return payload;
      if (reply.statusCode !== 200 || reply.personal || reply.hasHeader('set-cookie') || reply.hasHeader('content-encoding')) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const identity = Buffer.from(payload);
      const etag = `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`;
      const headers: Record<string, string> = {};
      for (const name of keptHeaders) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const entry: Entry = {
        version,
        at: Date.now(),
        etag,
        headers,
        identity,
        br: brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
        gzip: gzipSync(identity, { level: 9 }),
      };
      const size = identity.length + entry.br.length + entry.gzip.length;
      if (size > maxBytes / 8) return payload;
      drop(request.url);
      while (bytes + size > maxBytes && entries.size > 0) drop(entries.keys().next().value!);
      // A write that happened while this page was rendered makes it stale at once; keep it only if current.
      if ((await currentVersion()) === version) {
        entries.set(request.url, entry);
        bytes += size;
      }
      reply.header('ETag', etag).header('Cache-Control', 'no-cache').header('X-Cache', 'miss');
      if (request.headers['if-none-match'] === etag) {
        reply.code(304);
        return '';
      }
      return payload;
    });
  },
  { name: 'coproduce-page-cache' },
);
