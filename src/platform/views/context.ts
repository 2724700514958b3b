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
  /** `lang`: the language of the name shown; `dataLang`: the territory's first language, that of data typed there. */
  territory: { slug: string; name: string; lang?: string; dataLang?: string } | null;
  /** A form sent back with bad input, shown again by this page (src/platform/http/form-replay.ts). */
  formReplay: FormReplay | null;
}

/**
 * A form whose input was refused before its handler could answer (a NUL byte, an impossible value that
 * reached the database, a body that did not parse): the page that shows the form renders it again with
 * what was typed and the error beside the field. `action` is the path the form posts to.
 */
export interface FormReplay {
  action: string;
  values: Record<string, string | string[]>;
  /** Field name → translation key; '_form' for an error of the whole form. */
  errors: Record<string, string>;
  /** Set when a form with this action was rendered. */
  used: boolean;
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
