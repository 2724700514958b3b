// Translated pages for errors: not found, forbidden, expired form, too many requests, server error.
import { Layout } from './layout.tsx';
import { href, useView } from './context.ts';

export type ErrorKind = 'notFound' | 'forbidden' | 'csrf' | 'tooMany' | 'badRequest' | 'tooLarge' | 'server';

export function ErrorPage({ kind }: { kind: ErrorKind }) {
  const { t, locale } = useView();
  return (
    <Layout title={t(`platform.errors.${kind}.title`)}>
      <h1>{t(`platform.errors.${kind}.title`)}</h1>
      <p>{t(`platform.errors.${kind}.body`)}</p>
      <p>
        <a href={href(locale, '/')}>{t('platform.errors.home')}</a>
      </p>
    </Layout>
  );
}
