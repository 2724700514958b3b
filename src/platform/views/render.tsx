// Renders Preact components to an HTML string (escaped by default) inside the page's context.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { ViewContext, type FormReplay, type ViewContextValue } from './context.ts';
import { translator } from '../i18n/i18n.ts';
import { direction } from '../i18n/locales.ts';
import { AccountNav, withAccountNav } from './layout.tsx';

export const publicDir = path.resolve(import.meta.dirname, '../../../public');

function fingerprint(file: string): string {
  return createHash('sha256').update(fs.readFileSync(path.join(publicDir, file))).digest('hex').slice(0, 10);
}

export interface Viewer {
  name: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the identity context for a signed-in person. */
    viewer: Viewer | null;
    /** Set by routes that belong to one territory, for the header. */
    territoryHeader: { slug: string; name: string; lang?: string; dataLang?: string } | null;
    /** A refused form to show again with what was typed (src/platform/http/form-replay.ts). */
    formReplay: FormReplay | null;
  }
  interface FastifyReply {
    /** Renders a page component as the whole HTML response. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any page component, whatever its props
    render(page: VNode<any>, status?: number): FastifyReply;
    /** The same HTML document as render() would send, as a string (for caches and PDFs). */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any page component, whatever its props
    renderHtml(page: VNode<any>): string;
    /** A part of a page (no document around it) in this request's context: language, viewer, CSRF token. */
    renderFragment(part: VNode<object>): string;
  }
}

export function viewContext(request: FastifyRequest, reply: FastifyReply, assets: ViewContextValue['assets']): ViewContextValue {
  const url = request.url;
  const queryAt = url.indexOf('?');
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const search = queryAt === -1 ? '' : url.slice(queryAt);
  const segments = pathname.split('/');
  const pathWithoutLocale = segments[1] === request.i18n.locale ? `/${segments.slice(2).join('/')}` : pathname;
  let csrfToken: string | null = null;
  return {
    ...request.i18n,
    pathWithoutLocale,
    search,
    // Made on first use, so pages without a form set no cookie.
    get csrfToken() {
      // A page with this visitor's token is theirs: the page cache must not keep it.
      reply.personal = true;
      csrfToken ??= reply.generateCsrf();
      return csrfToken;
    },
    assets,
    viewer: request.viewer,
    territory: request.territoryHeader,
    formReplay: request.formReplay,
  };
}

export function renderDocument(value: ViewContextValue, page: VNode<object>): string {
  const html = `<!doctype html>${renderToString(<ViewContext.Provider value={value}>{page}</ViewContext.Provider>)}`;
  if (!value.fallback.used) return html;
  // A page not yet translated into this language (staff pages beyond the core four) says so in the person's
  // language, and its content carries the language it is really in.
  const { locale: fallback } = value.fallback;
  const notice = `<p class="language-notice" role="note">${escapeHtml(translator(value.locale)('platform.layout.fallbackNotice', { language: languageName(value.locale, value.locale), fallback: languageName(value.locale, fallback) }))}</p>`;
  return html.replace(/<main id="main"([^>]*)>/, `<main id="main" lang="${fallback}" dir="${direction(fallback)}"$1>${notice.replace('<p ', `<p lang="${value.locale}" dir="${direction(value.locale)}" `)}`);
}

/** A language's name in the reader's language, by Intl ("英语" for English in a Chinese page). */
function languageName(reader: string, language: string): string {
  return new Intl.DisplayNames([reader], { type: 'language' }).of(language) ?? language;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

export const viewsPlugin = fp(
  async (app: FastifyInstance) => {
    const assets = { css: `/assets/css/app.css?v=${fingerprint('css/app.css')}`, js: `/assets/js/enhance.js?v=${fingerprint('js/enhance.js')}` };
    app.decorateRequest('viewer', null);
    app.decorateRequest('territoryHeader', null);
    app.decorateRequest('formReplay', null);
    app.decorateReply('render', function (this: FastifyReply, page: VNode<object>, status = 200) {
      const html = renderDocument(viewContext(this.request, this, assets), page);
      return this.code(status).type('text/html; charset=utf-8').send(html);
    });
    app.decorateReply('renderHtml', function (this: FastifyReply, page: VNode<object>) {
      return renderDocument(viewContext(this.request, this, assets), page);
    });
    app.decorateReply('renderFragment', function (this: FastifyReply, part: VNode<object>) {
      return renderToString(<ViewContext.Provider value={viewContext(this.request, this, assets)}>{part}</ViewContext.Provider>);
    });
  },
  { name: 'coproduce-views', dependencies: ['coproduce-i18n'] },
);

/** For the page cache: a page cached for nobody, with the signed-in person's own header part in it. */
export function personaliseHeader(_request: FastifyRequest, reply: FastifyReply, html: string): string {
  return withAccountNav(html, reply.renderFragment(<AccountNav />));
}
