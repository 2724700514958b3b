// Administrators' webhook pages: the subscriptions, a new one (secret shown once) and a subscription's delivery log.
import { href, useView } from '../../platform/views/context.ts';
import { Button, Choices, Form, Select, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { webhookEventNames } from './webhook.events.ts';
import { signatureHeader, timestampHeader, type Delivery, type Subscription } from './webhook.service.ts';
import { FormPage } from '../../platform/views/form-page.tsx';

export interface TerritoryChoice {
  id: string;
  name: string;
}


const eventList = (t: (key: string) => string, events: readonly string[]) => events.map((e) => t(`integrations.event.${e}`)).join(', ');

export function WebhooksPage({ subscriptions, territories, values, errors, done }: { subscriptions: (Subscription & { pending: number; failed: number })[]; territories: TerritoryChoice[]; values: { territoryId?: string; url?: string; events?: string[] }; errors: FieldErrors; done: string | null }) {
  const { t, locale } = useView();
  const territoryName = (id: string) => territories.find((x) => x.id === id)?.name ?? '';
  return (
    <FormPage title={t('integrations.webhooks.title')} errors={errors} back="/account">
      {done === 'deleted' && (
        <div class="notice" role="status">
          {t('integrations.webhooks.deleted')}
        </div>
      )}
      <p>{t('integrations.webhooks.intro')}</p>
      {subscriptions.length === 0 ? (
        <p>{t('integrations.webhooks.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <caption>{t('integrations.webhooks.caption', { count: subscriptions.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('integrations.webhooks.url')}</th>
                <th scope="col">{t('integrations.webhooks.territory')}</th>
                <th scope="col">{t('integrations.webhooks.events')}</th>
                <th scope="col">{t('integrations.webhooks.queue')}</th>
              </tr>
            </thead>
            <tbody>
              {subscriptions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <a href={href(locale, `/admin/webhooks/${s.id}`)}>{s.url}</a>
                  </th>
                  <td>{territoryName(s.territoryId)}</td>
                  <td>{eventList(t, s.events)}</td>
                  <td>{t('integrations.webhooks.queueCounts', { pending: s.pending, failed: s.failed })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('integrations.webhooks.new')}</h2>
      <Form action={href(locale, '/admin/webhooks')}>
        <Select name="territoryId" label={t('integrations.webhooks.territory')} options={territories.map((x) => ({ value: x.id, label: x.name }))} value={values.territoryId ?? null} placeholder={t('integrations.webhooks.chooseTerritory')} error={errors.territoryId} />
        <TextInput name="url" type="url" label={t('integrations.webhooks.url')} hint={t('integrations.webhooks.urlHint')} value={values.url ?? ''} error={errors.url} />
        <Choices type="checkbox" name="events" label={t('integrations.webhooks.events')} options={webhookEventNames.map((e) => ({ value: e, label: t(`integrations.event.${e}`) }))} value={values.events ?? []} error={errors.events} />
        <Button>{t('integrations.webhooks.create')}</Button>
      </Form>
    </FormPage>
  );
}

export function WebhookCreatedPage({ subscription, secret }: { subscription: Subscription; secret: string }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('integrations.webhooks.createdTitle')} back="/admin/webhooks">
      <div class="notice" role="status">
        {t('integrations.webhooks.shownOnce')}
      </div>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt class="summary-list__key">{t('integrations.webhooks.url')}</dt>
          <dd class="summary-list__value">{subscription.url}</dd>
        </div>
        <div class="summary-list__row">
          <dt class="summary-list__key">{t('integrations.webhooks.secret')}</dt>
          <dd class="summary-list__value">
            <code data-secret>{secret}</code>
          </dd>
        </div>
      </dl>
      <p>{t('integrations.webhooks.howToVerify', { signature: signatureHeader, timestamp: timestampHeader })}</p>
      <p>
        <a href={href(locale, `/admin/webhooks/${subscription.id}`)}>{t('integrations.webhooks.log')}</a>
      </p>
    </FormPage>
  );
}

export function WebhookLogPage({ subscription, deliveries, territoryName }: { subscription: Subscription; deliveries: Delivery[]; territoryName: string }) {
  const { t, locale, date } = useView();
  const when = (d: Date | null) => (d ? date(d, { dateStyle: 'medium', timeStyle: 'medium' }) : '');
  return (
    <FormPage title={t('integrations.webhooks.log')} back="/admin/webhooks">
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt class="summary-list__key">{t('integrations.webhooks.url')}</dt>
          <dd class="summary-list__value">{subscription.url}</dd>
        </div>
        <div class="summary-list__row">
          <dt class="summary-list__key">{t('integrations.webhooks.territory')}</dt>
          <dd class="summary-list__value">{territoryName}</dd>
        </div>
        <div class="summary-list__row">
          <dt class="summary-list__key">{t('integrations.webhooks.events')}</dt>
          <dd class="summary-list__value">{eventList(t, subscription.events)}</dd>
        </div>
      </dl>
      {deliveries.length === 0 ? (
        <p>{t('integrations.webhooks.noDeliveries')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <caption>{t('integrations.webhooks.deliveries', { count: deliveries.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('integrations.webhooks.when')}</th>
                <th scope="col">{t('integrations.webhooks.event')}</th>
                <th scope="col">{t('integrations.webhooks.status')}</th>
                <th scope="col">{t('integrations.webhooks.attempts')}</th>
                <th scope="col">{t('integrations.webhooks.answer')}</th>
                <th scope="col">{t('integrations.webhooks.next')}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>{when(d.createdAt)}</td>
                  <td>{t(`integrations.event.${d.event}`)}</td>
                  <td>{t(`integrations.status.${d.status}`)}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : '')}</td>
                  <td>{d.status === 'pending' ? when(d.nextAttemptAt) : when(d.deliveredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Form action={href(locale, `/admin/webhooks/${subscription.id}/delete`)}>
        <Button variant="warning">{t('integrations.webhooks.delete')}</Button>
      </Form>
    </FormPage>
  );
}
