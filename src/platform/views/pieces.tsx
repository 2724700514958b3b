// Small pieces many contexts' pages share: the confirmation after a POST-redirect-GET, a tag, typed text as
// paragraphs, and a context's sub-navigation.
import type { ComponentChildren } from 'preact';
import { useView } from './context.ts';

/**
 * The confirmation after a POST-redirect-GET. The key comes from the context's fixed list, never from the URL
 * as text: `<prefix>.notice.<key>` in the context's catalogue.
 */
export function Notice({ notice, allowed, prefix }: { notice: string | undefined; allowed: readonly string[]; prefix: string }) {
  const { t } = useView();
  if (!notice || !allowed.includes(notice)) return null;
  return (
    <div class="notice" role="status">
      <p>{t(`${prefix}.notice.${notice}`)}</p>
    </div>
  );
}

export function Tag({ children, tone }: { children: ComponentChildren; tone?: 'good' | 'warn' | 'muted' }) {
  return <strong class={`tag${tone ? ` tag--${tone}` : ''}`}>{children}</strong>;
}

/** Text people typed, one paragraph per line, each in its own direction. */
export function Paragraphs({ text, lang }: { text: string; lang?: string | undefined }) {
  return (
    <>
      {text
        .split(/\r?\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} dir="auto" lang={lang}>
            {p}
          </p>
        ))}
    </>
  );
}

/**
 * A context's sub-navigation: `items` are [key, path under /<locale>], labelled `<prefix>.nav.<key>`, the
 * navigation itself `<prefix>.nav.label`; the current page is marked, not linked.
 */
export function SubNav({ prefix, items, current }: { prefix: string; items: readonly (readonly [key: string, path: string])[]; current: string }) {
  const { t, locale } = useView();
  return (
    <nav class="subnav" aria-label={t(`${prefix}.nav.label`)}>
      <ul>
        {items.map(([key, path]) => (
          <li key={key}>{key === current ? <span aria-current="page">{t(`${prefix}.nav.${key}`)}</span> : <a href={`/${locale}${path}`}>{t(`${prefix}.nav.${key}`)}</a>}</li>
        ))}
      </ul>
    </nav>
  );
}
