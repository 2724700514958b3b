// Sets request.i18n from the first path segment (/ca/…), or from Accept-Language elsewhere.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { i18nFor, type I18n } from './i18n.ts';
import { coreFallback, isLocale, negotiate } from './locales.ts';

declare module 'fastify' {
  interface FastifyRequest {
    i18n: I18n;
  }
}

export function localeFromPath(url: string): string | undefined {
  return url.split(/[/?#]/)[1];
}

export const i18nPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('i18n', null as unknown as I18n);
    app.addHook('onRequest', async (request) => {
      const first = localeFromPath(request.url);
      const accept = request.headers['accept-language'];
      const locale = isLocale(first) ? first : negotiate(accept);
      request.i18n = i18nFor(locale, coreFallback(accept, locale));
    });
  },
  { name: 'coproduce-i18n' },
);
