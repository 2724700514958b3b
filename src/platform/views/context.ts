// What every server-rendered component may need: the language, the current path, the CSRF token.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { I18n } from '../i18n/i18n.ts';

export interface ViewContextValue extends I18n {
  /** The path of this page without the locale segment, e.g. "/t/barcelona". */
  pathWithoutLocale: string;
  /** The query string of this page, with its "?", or "". */
  search: string;
  csrfToken: string;
  assets: { css: string; js: string };
  /** Set by the identity context when someone is signed in. */
  viewer: { name: string } | null;
  territory: { slug: string; name: string; lang?: string } | null;
}

export const ViewContext = createContext<ViewContextValue | null>(null);

export function useView(): ViewContextValue {
  const value = useContext(ViewContext);
  if (!value) throw new Error('useView() outside of a rendered page');
  return value;
}

/** A link to a path of this site in the page's language. */
export function href(locale: string, path: string): string {
  return `/${locale}${path.startsWith('/') ? path : `/${path}`}`;
}
