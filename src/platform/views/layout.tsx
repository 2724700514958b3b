// The base layout: skip link, landmarks, header with territory and language switcher, footer.
import type { ComponentChildren } from 'preact';
import { localeNames, locales } from '../i18n/locales.ts';
import { href, useView } from './context.ts';
import { InLang, noTranslate } from './lang.tsx';

export interface LayoutProps {
  title: string;
  children: ComponentChildren;
  /** Text for the meta description; defaults to the platform's. */
  description?: string;
  /** Extra module scripts of a context (public/js/<context>.js), loaded only on its pages. */
  scripts?: string[];
  /** A web app manifest for pages that can be installed (the auditor's fieldwork). */
  manifest?: string;
  /** Atom feeds that follow this page, announced in the head for feed readers and browsers. */
  feeds?: { href: string; title: string }[];
}

export function Layout({ title, children, description, scripts, manifest, feeds }: LayoutProps) {
  const view = useView();
  const { t, locale, dir } = view;
  const siteName = t('platform.site.name');
  return (
    <html lang={locale} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${view.territory ? `${view.territory.name} · ` : ''}${siteName}`}</title>
        <meta name="description" content={description ?? t('platform.site.description')} />
        <link rel="stylesheet" href={view.assets.css} />
        {manifest && <link rel="manifest" href={manifest} />}
        {manifest && <meta name="theme-color" content="#1d4f91" />}
        {feeds?.map((f) => <link key={f.href} rel="alternate" type="application/atom+xml" href={f.href} title={f.title} />)}
        <script type="module" src={view.assets.js} />
        {scripts?.map((src) => <script key={src} type="module" src={src} />)}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('platform.layout.skip')}
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="site-header__name" href={href(locale, '/')}>
              {siteName}
            </a>
            {view.territory && (
              <a class="site-header__territory" href={href(locale, `/t/${view.territory.slug}`)}>
                <InLang lang={view.territory.lang}>{view.territory.name}</InLang>
              </a>
            )}
            <AccountNav />
            <nav class="language-switcher" aria-label={t('platform.layout.languages')}>
              <ul>
                {locales.map((l) => (
                  <li key={l}>
                    {l === locale ? (
                      <span aria-current="true" lang={l}>
                        {localeNames[l]}
                      </span>
                    ) : (
                      <a href={`${href(l, view.pathWithoutLocale)}${view.search}`} lang={l} hrefLang={l}>
                        {localeNames[l]}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="container" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t('platform.layout.footer')}</p>
            <ul class="site-footer__links">
              <li>
                <a href="/api/docs">{t('platform.layout.api')}</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}


/** The header's one personal part: who is signed in and their links, or the sign-in link. */
export function AccountNav() {
  const view = useView();
  const { t, locale } = view;
  return (
    <nav class="account-nav" aria-label={t('platform.layout.account')}>
      {view.viewer ? (
        <ul>
          <li class="account-nav__name">
            {/* A person's name is the same in every language: isolated in its own direction, never translated. */}
            <bdi {...noTranslate}>{view.viewer.name}</bdi>
          </li>
          <li>
            <a href={href(locale, '/desk')}>{t('platform.layout.desk')}</a>
          </li>
          <li>
            <a href={href(locale, '/account')}>{t('platform.layout.yourAccount')}</a>
          </li>
          <li>
            <form method="post" action={href(locale, '/account/sign-out')} class="inline-form">
              <input type="hidden" name="_csrf" value={view.csrfToken} />
              <button type="submit" class="link-button">
                {t('platform.layout.signOut')}
              </button>
            </form>
          </li>
        </ul>
      ) : (
        <ul>
          <li>
            <a href={`${href(locale, '/account/sign-in')}${view.pathWithoutLocale.startsWith('/account/') ? '' : `?next=${encodeURIComponent(href(locale, view.pathWithoutLocale) + view.search)}`}`}>{t('platform.layout.signIn')}</a>
          </li>
        </ul>
      )}
    </nav>
  );
}

/**
 * A page of the page cache rendered for nobody, with this person's header part put in its place: the rest of the
 * page is the same for everyone. Nothing found to replace (JSON, a feed): the body as it is.
 */
export function withAccountNav(html: string, accountNav: string): string {
  const start = html.indexOf('<nav class="account-nav"');
  if (start === -1) return html;
  const end = html.indexOf('</nav>', start);
  if (end === -1) return html;
  return html.slice(0, start) + accountNav + html.slice(end + '</nav>'.length);
}
