// A person's notifications, their choices per kind and what they follow, and the unsubscribe pages.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, type FieldErrors } from '../../platform/views/forms.tsx';
import { territoryName, type TerritorySummary } from '../territories/territory.service.ts';
import { choosableKinds, frequencies, type Frequency, type NotificationKind } from './notification.schema.ts';
import { messageOf, type Notification } from './notification.service.ts';

export function NotificationsPage({ items }: { items: Notification[] }) {
  const { t, locale, date } = useView();
  const unread = items.filter((n) => !n.readAt).length;
  return (
    <Layout title={t('notifications.list.title')}>
      <h1>{t('notifications.list.title')}</h1>
      <p class="lead">{t('notifications.list.lead', { count: unread })}</p>
      {items.length === 0 ? (
        <p>{t('notifications.list.none')}</p>
      ) : (
        <ul class="plain-list portal-news">
          {items.map((n) => (
            <li key={n.id} data-notification={n.kind}>
              <span class="muted">
                {date(n.createdAt)}
                {!n.readAt && ` · ${t('notifications.list.new')}`}
              </span>{' '}
              <a href={href(locale, n.path)}>{messageOf(n, locale)}</a>
            </li>
          ))}
        </ul>
      )}
      {unread > 0 && (
        <Form action={href(locale, '/notifications/read')}>
          <Button variant="secondary">{t('notifications.list.markRead')}</Button>
        </Form>
      )}
      <p>
        <a href={href(locale, '/notifications/settings')}>{t('notifications.settings.title')}</a>
      </p>
    </Layout>
  );
}

export function SettingsPage(props: { preferences: Record<NotificationKind, Frequency>; territories: TerritorySummary[]; followed: string[]; errors: FieldErrors; done: boolean }) {
  const { t, locale } = useView();
  const options = frequencies.map((f) => ({ value: f, label: t(`notifications.frequency.${f}`) }));
  return (
    <Layout title={t('notifications.settings.title')}>
      <ErrorSummary errors={props.errors} />
      <h1>{t('notifications.settings.title')}</h1>
      {props.done && (
        <div class="notice" role="status">
          <p>{t('notifications.settings.saved')}</p>
        </div>
      )}
      <p class="lead">{t('notifications.settings.lead')}</p>
      <Form action={href(locale, '/notifications/settings')}>
        {choosableKinds.map((kind) => (
          <Select key={kind} name={kind} label={t(`notifications.kindName.${kind}`)} options={options} value={props.preferences[kind]} error={props.errors[kind]} />
        ))}
        <Choices
          type="checkbox"
          name="follow"
          label={t('notifications.settings.follow')}
          hint={t('notifications.settings.followHint')}
          options={props.territories.map((te) => {
            // A territory's name in the page's language, or its own marked with its language.
            const name = territoryName(te, locale);
            return { value: te.slug, label: name.text, ...(name.lang !== locale ? { lang: name.lang } : {}) };
          })}
          value={props.followed}
        />
        <Button>{t('notifications.settings.save')}</Button>
      </Form>
    </Layout>
  );
}

export function UnsubscribePage({ state, kind, query }: { state: 'confirm' | 'done' | 'invalid'; kind: string | null; query: { person?: string; kind?: string; token?: string } }) {
  const { t, locale } = useView();
  const name = kind ? t(`notifications.kindName.${kind}`) : '';
  return (
    <Layout title={t('notifications.unsubscribe.title')}>
      <h1>{t('notifications.unsubscribe.title')}</h1>
      {state === 'invalid' && <p>{t('notifications.unsubscribe.invalid')}</p>}
      {state === 'done' && <p>{t('notifications.unsubscribe.done', { kind: name })}</p>}
      {state === 'confirm' && (
        <Form action={href(locale, '/notifications/unsubscribe')}>
          <p>{t('notifications.unsubscribe.confirm', { kind: name })}</p>
          <input type="hidden" name="person" value={query.person} />
          <input type="hidden" name="kind" value={query.kind} />
          <input type="hidden" name="token" value={query.token} />
          <Button>{t('notifications.unsubscribe.submit')}</Button>
        </Form>
      )}
    </Layout>
  );
}
