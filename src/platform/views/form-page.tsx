// A page with a form: the layout, an optional back link, the error summary and the heading. When the form
// came back with errors, the title starts with "Error:" so screen-reader users hear it first (GOV.UK's rule).
import type { ComponentChildren } from 'preact';
import { Layout } from './layout.tsx';
import { href, useView } from './context.ts';
import { ErrorSummary, type FieldErrors } from './forms.tsx';

export function FormPage({ title, errors, back, children }: { title: string; errors?: FieldErrors; back?: string; children: ComponentChildren }) {
  const { t, locale } = useView();
  const failed = errors !== undefined && Object.keys(errors).length > 0;
  return (
    <Layout title={failed ? `${t('platform.form.errorTitlePrefix')} ${title}` : title}>
      {back && (
        <p>
          <a class="back-link" href={href(locale, back)}>
            {t('platform.form.back')}
          </a>
        </p>
      )}
      {errors && <ErrorSummary errors={errors} />}
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}
