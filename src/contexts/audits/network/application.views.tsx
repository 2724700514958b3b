// The applicant's pages: the emailed link that ties an application to an account, and their own application
// (its state and what the coordinators wrote).
import { Layout } from '../../../platform/views/layout.tsx';
import { useView } from '../../../platform/views/context.ts';
import { Button, ErrorSummary, Form, TextArea, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Tag } from '../audits.views.tsx';
import type { MyApplication } from './application.service.ts';

export function ApplicationLinkPage({
  slug,
  territoryName,
  token,
  application,
  signedIn,
  error,
}: {
  slug: string;
  territoryName: string;
  token: string;
  application: { codeName: string } | null;
  signedIn: boolean;
  error: 'invalid-link' | 'already-enrolled' | null;
}) {
  const { t, locale } = useView();
  if (!application) {
    return (
      <Layout title={t('audits.application.link.invalidTitle')}>
        <h1>{t('audits.application.link.invalidTitle')}</h1>
        <p>{t('audits.application.link.invalid')}</p>
        <p>
          <a href={`/${locale}/t/${slug}/audits/join`}>{t('audits.application.link.again')}</a>
        </p>
      </Layout>
    );
  }
  const here = `/${locale}/t/${slug}/audits/join/link?token=${encodeURIComponent(token)}`;
  return (
    <Layout title={t('audits.application.link.title')}>
      {error === 'already-enrolled' && (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{t('audits.application.link.alreadyEnrolled')}</p>
        </div>
      )}
      <h1>{t('audits.application.link.title')}</h1>
      <p>{t('audits.application.link.lead', { city: territoryName, code: application.codeName })}</p>
      {signedIn ? (
        <Form action={`/${locale}/t/${slug}/audits/join/link`}>
          <input type="hidden" name="token" value={token} />
          <Button>{t('audits.application.link.confirm')}</Button>
        </Form>
      ) : (
        <>
          <p>{t('audits.application.link.accountLead')}</p>
          <p class="button-row">
            <a class="button" href={`/${locale}/account/sign-up?next=${encodeURIComponent(here)}`}>
              {t('audits.application.link.signUp')}
            </a>
            <a class="button button--secondary" href={`/${locale}/account/sign-in?next=${encodeURIComponent(here)}`}>
              {t('audits.application.link.signIn')}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

export function MyApplicationPage({
  slug,
  territoryName,
  application,
  notice,
  errors,
  answer,
}: {
  slug: string;
  territoryName: string;
  application: MyApplication | null;
  notice: 'linked' | 'answered' | null;
  errors: FieldErrors;
  answer: string;
}) {
  const { t, locale, date } = useView();
  const title = t('audits.application.mine.title', { city: territoryName });
  if (!application) {
    return (
      <Layout title={title}>
        <h1>{title}</h1>
        <p>{t('audits.application.mine.none')}</p>
        <p>
          <a href={`/${locale}/t/${slug}/audits/join`}>{t('audits.application.link.again')}</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout title={title}>
      {notice && (
        <div class="notice" role="status">
          <p>{t(notice === 'linked' ? 'audits.application.mine.linked' : 'audits.application.answer.sent')}</p>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt class="summary-list__key">{t('audits.application.mine.code')}</dt>
          <dd class="summary-list__value">{application.codeName}</dd>
        </div>
        <div class="summary-list__row">
          <dt class="summary-list__key">{t('audits.application.mine.sent')}</dt>
          <dd class="summary-list__value">{date(application.createdAt)}</dd>
        </div>
        <div class="summary-list__row">
          <dt class="summary-list__key">{t('audits.application.mine.state')}</dt>
          <dd class="summary-list__value" data-application-state={application.status}>
            <Tag kind={application.status}>{t(`audits.network.statuses.${application.status}`)}</Tag>
          </dd>
        </div>
        {application.message && (
          <div class="summary-list__row">
            <dt class="summary-list__key">{t(application.status === 'more-information' ? 'audits.application.mine.question' : 'audits.application.mine.reason')}</dt>
            <dd class="summary-list__value" data-application-message>
              {application.message}
            </dd>
          </div>
        )}
      </dl>
      <p>{t(`audits.application.mine.next.${application.status}`)}</p>
      {application.status === 'more-information' && (
        <Form action={`/${locale}/t/${slug}/audits/application/answer`}>
          <TextArea name="answer" label={t('audits.application.answer.label')} hint={t('audits.application.answer.hint')} error={errors.answer} value={answer} rows={4} maxLength={2000} />
          <Button>{t('audits.application.answer.submit')}</Button>
        </Form>
      )}
      {application.status === 'accepted' && (
        <p>
          <a href={`/${locale}/t/${slug}/audits/visits`}>{t('audits.application.mine.visits')}</a>
        </p>
      )}
    </Layout>
  );
}
