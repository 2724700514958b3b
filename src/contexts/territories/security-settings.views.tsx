// The territory's security settings: how long a session that reads personal data may stay idle.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Button, ErrorSummary, Form, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { sensitiveSessionIdleRange } from './territory.settings.ts';

export function SecuritySettingsPage(props: { territory: { slug: string; name: string }; value: string; errors: FieldErrors; saved: boolean }) {
  const { t, locale } = useView();
  return (
    <Layout title={t('territories.security.title')}>
      <ErrorSummary errors={props.errors} />
      <h1>{t('territories.security.title')}</h1>
      {props.saved && (
        <div class="notice" role="status">
          <p>{t('territories.security.saved')}</p>
        </div>
      )}
      <p class="lead">{t('territories.security.lead')}</p>
      <Form action={href(locale, `/t/${props.territory.slug}/admin/security`)}>
        <TextInput
          name="idleMinutes"
          type="number"
          inputMode="numeric"
          width="short"
          label={t('territories.security.idleMinutes')}
          hint={t('territories.security.idleHint', sensitiveSessionIdleRange)}
          value={props.value}
          error={props.errors.idleMinutes}
        />
        <p>{t('territories.security.secondStep')}</p>
        <Button>{t('territories.security.save')}</Button>
      </Form>
    </Layout>
  );
}
