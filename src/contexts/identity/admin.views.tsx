// Administration pages: roles and invitations, the mail outbox, the access log.
import { Layout } from '../../platform/views/layout.tsx';
import type { NamedScope } from '../../platform/portal.ts';
import { href, useView } from '../../platform/views/context.ts';
import { ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { roles } from '../../platform/auth/permissions.ts';
import type { AccessLogEntry } from '../../platform/access-log/access-log.ts';
import type { OutboxEntry, QueuedMail } from '../../platform/mail/mail.ts';
import type { AssignmentRow, Invitation } from './roles.service.ts';
import type { TerritoryOption } from './admin.service.ts';
import { Notice } from './account.views.tsx';

type Values = Record<string, string | undefined>;

/** An access-log action by its translated label; an action without one shows its key, so it is seen and named. */
function useActionLabel(): (action: string) => string {
  const { t } = useView();
  return (action) => {
    const key = `identity.accessLog.actions.${action}`;
    const label = t(key);
    // A new action without its label yet reads as a plain word, never as its key (the key stays in data-action).
    return label === key ? t('identity.accessLog.otherAction') : label;
  };
}

/** A scope by its name (an organisation's, a network's…), never by its id: the kind alone when the name is unknown. */
function scopeName(t: (k: string) => string, territories: TerritoryOption[], kind: string, id: string | null, scopes?: Map<string, NamedScope>): string {
  if (kind === 'territory') return territories.find((te) => te.id === id)?.name ?? t('identity.scope.territory');
  const named = id ? scopes?.get(`${kind}:${id}`) : undefined;
  return named ? `${t(`identity.scope.${kind}`)} ${named.name}` : t(`identity.scope.${kind}`);
}

/** The scope's name, with a link to its page when it has one. */
function ScopeLink({ territories, kind, id, scopes }: { territories: TerritoryOption[]; kind: string; id: string | null; scopes: Map<string, NamedScope> }) {
  const { t, locale } = useView();
  const named = id ? scopes.get(`${kind}:${id}`) : undefined;
  if (!named) return <>{scopeName(t, territories, kind, id)}</>;
  return (
    <>
      {t(`identity.scope.${kind}`)} <a href={href(locale, named.path)}>{named.name}</a>
    </>
  );
}

export function RolesPage({
  assignments,
  invitations,
  territories,
  names,
  scopes,
  query,
  form,
}: {
  assignments: AssignmentRow[];
  invitations: Invitation[];
  territories: TerritoryOption[];
  names: Map<string, string>;
  scopes: Map<string, NamedScope>;
  query: { territory?: string; history?: string; done?: string };
  form: { values: Values; errors: FieldErrors };
}) {
  const { t, locale, date } = useView();
  const { values, errors } = form;
  const title = t('identity.roles.title');
  const scopeOptions = [{ value: 'platform', label: t('identity.scope.platform') }, ...territories.map((te) => ({ value: te.id, label: te.name }))];
  const who = (id: string | null) => (id ? (names.get(id) ?? t('identity.deletedAccount')) : '—');
  return (
    <Layout title={Object.keys(errors).length > 0 ? `${t('identity.errorTitlePrefix')} ${title}` : title}>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      {query.done && ['granted', 'invited', 'revoked'].includes(query.done) && <Notice>{t(`identity.roles.done.${query.done}`)}</Notice>}
      <form method="get" action={href(locale, '/admin/roles')} class="filters">
        <Select name="territory" label={t('identity.roles.filterTerritory')} placeholder={t('identity.roles.allTerritories')} options={territories.map((te) => ({ value: te.id, label: te.name }))} value={query.territory} />
        <div class="choice">
          <input class="choice__input" type="checkbox" id="f-history" name="history" value="yes" checked={query.history === 'yes'} />
          <label class="choice__label" for="f-history">
            {t('identity.roles.showRevoked')}
          </label>
        </div>
        <button type="submit" class="button button--secondary">
          {t('identity.filter')}
        </button>
      </form>
      <div class="table-scroll">
        <table class="table table--dense">
          <caption>{t('identity.roles.caption', { count: assignments.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('identity.roles.person')}</th>
              <th scope="col">{t('identity.roles.role')}</th>
              <th scope="col">{t('identity.roles.scope')}</th>
              <th scope="col">{t('identity.roles.granted')}</th>
              <th scope="col">{t('identity.roles.reason')}</th>
              <th scope="col">{t('identity.roles.state')}</th>
            </tr>
          </thead>
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  {a.personName}
                  <br />
                  <span class="muted">{a.personEmail}</span>
                </th>
                <td>{t(`identity.role.${a.role}`)}</td>
                <td>
                  <ScopeLink territories={territories} kind={a.scopeKind} id={a.scopeId} scopes={scopes} />
                </td>
                <td>
                  {date(a.grantedAt, { dateStyle: 'medium' })} · {who(a.grantedBy)}
                </td>
                <td>{a.reason}</td>
                <td>
                  {a.revokedAt ? (
                    t('identity.roles.revokedOn', { date: date(a.revokedAt, { dateStyle: 'medium' }), by: who(a.revokedBy), reason: a.revokedReason ?? '' })
                  ) : (
                    <a href={href(locale, `/admin/roles/${a.id}/revoke`)}>
                      {t('identity.roles.revoke')}
                      <span class="visually-hidden">{` ${a.personName}, ${t(`identity.role.${a.role}`)}`}</span>
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="grant">{t('identity.roles.grantTitle')}</h2>
      <p>{t('identity.roles.grantIntro')}</p>
      <Form action={href(locale, '/admin/roles')}>
        <TextInput name="email" type="email" label={t('identity.fields.email')} value={values.email} error={errors.email} />
        <Select name="role" label={t('identity.roles.role')} placeholder="" options={roles.map((r) => ({ value: r, label: t(`identity.role.${r}`) }))} value={values.role} error={errors.role} />
        <Select name="scope" label={t('identity.roles.scope')} placeholder="" options={scopeOptions} value={values.scope} error={errors.scopeId} />
        <TextArea name="reason" label={t('identity.roles.reason')} hint={t('identity.roles.reasonHint')} value={values.reason} error={errors.reason} rows={3} maxLength={500} />
        <div class="button-group">
          <button type="submit" class="button" name="intent" value="grant">
            {t('identity.roles.grant')}
          </button>
          <button type="submit" class="button button--secondary" name="intent" value="invite">
            {t('identity.roles.invite')}
          </button>
        </div>
      </Form>

      <h2>{t('identity.roles.invitationsTitle')}</h2>
      {invitations.length === 0 ? (
        <p>{t('identity.roles.noInvitations')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table table--dense">
            <caption>{t('identity.roles.invitationsCaption', { count: invitations.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('identity.fields.email')}</th>
                <th scope="col">{t('identity.roles.role')}</th>
                <th scope="col">{t('identity.roles.scope')}</th>
                <th scope="col">{t('identity.roles.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.id}>
                  <th scope="row">{i.email}</th>
                  <td>{t(`identity.role.${i.role}`)}</td>
                  <td>
                    <ScopeLink territories={territories} kind={i.scopeKind} id={i.scopeId} scopes={scopes} />
                  </td>
                  <td>{date(i.expiresAt, { dateStyle: 'medium' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function RevokePage({ assignment, territories, scopes, values, errors }: { assignment: AssignmentRow; territories: TerritoryOption[]; scopes: Map<string, NamedScope>; values: Values; errors: FieldErrors }) {
  const { t, locale } = useView();
  const title = t('identity.roles.revokeTitle');
  return (
    <Layout title={Object.keys(errors).length > 0 ? `${t('identity.errorTitlePrefix')} ${title}` : title}>
      <p>
        <a class="back-link" href={href(locale, '/admin/roles')}>
          {t('identity.back')}
        </a>
      </p>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <p>
        {t('identity.roles.revokeWhat', { person: assignment.personName, role: t(`identity.role.${assignment.role}`), scope: scopeName(t, territories, assignment.scopeKind, assignment.scopeId, scopes) })}
      </p>
      <Form action={href(locale, `/admin/roles/${assignment.id}/revoke`)}>
        <TextArea name="reason" label={t('identity.roles.reason')} hint={t('identity.roles.reasonHint')} value={values.reason} error={errors.reason} rows={3} maxLength={500} />
        <button type="submit" class="button button--warning">
          {t('identity.roles.revoke')}
        </button>
      </Form>
    </Layout>
  );
}

export function OutboxPage({ messages, queue, usesOutbox }: { messages: OutboxEntry[]; queue: QueuedMail[]; usesOutbox: boolean }) {
  const { t, date } = useView();
  const when = (d: Date) => date(d, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <Layout title={t('identity.outbox.title')}>
      <h1>{t('identity.outbox.title')}</h1>
      <p>{t(usesOutbox ? 'identity.outbox.intro' : 'identity.outbox.smtp')}</p>
      {!usesOutbox && (
        <section aria-labelledby="mail-queue">
          <h2 id="mail-queue">{t('identity.outbox.queueTitle')}</h2>
          {queue.length === 0 ? (
            <p>{t('identity.outbox.queueEmpty')}</p>
          ) : (
            <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="mail-queue">
              <table class="table table--dense">
                <thead>
                  <tr>
                    <th scope="col">{t('identity.outbox.queueTo')}</th>
                    <th scope="col">{t('identity.outbox.queueSubject')}</th>
                    <th scope="col">{t('identity.outbox.queueAttempts')}</th>
                    <th scope="col">{t('identity.outbox.queueState')}</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.map((m) => (
                    <tr key={m.id}>
                      <th scope="row">{m.toAddress}</th>
                      <td>{m.subject}</td>
                      <td>{m.attempts}</td>
                      <td>
                        {m.nextAttemptAt ? t('identity.outbox.queueNext', { when: when(m.nextAttemptAt) }) : t('identity.outbox.queueGaveUp')}
                        {m.lastError && <span class="mail__error"> {t('identity.outbox.queueError', { error: m.lastError })}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
      {messages.length === 0 && <p>{t('identity.outbox.empty')}</p>}
      {messages.map((m) => (
        <article class="mail" key={m.id} aria-labelledby={`mail-${m.id}`}>
          <h2 class="mail__subject" id={`mail-${m.id}`}>
            {m.subject}
          </h2>
          <p class="mail__meta">
            {t('identity.outbox.to', { to: m.toAddress, when: when(m.createdAt) })}
          </p>
          {m.body === null ? (
            <p class="mail__withheld">{t('identity.outbox.withheld')}</p>
          ) : (
            <pre class="mail__body" lang={m.locale}>
              {m.body}
            </pre>
          )}
        </article>
      ))}
    </Layout>
  );
}

export function AccessLogPage({
  entries,
  names,
  territories,
  query,
  errors,
  nextBefore,
}: {
  entries: AccessLogEntry[];
  names: Map<string, string>;
  territories: TerritoryOption[];
  query: Values;
  errors: FieldErrors;
  nextBefore: number | null;
}) {
  const { t, locale, date } = useView();
  const actionLabel = useActionLabel();
  const title = t('identity.accessLog.title');
  const territoryName = (id: string | null) => (id ? (territories.find((te) => te.id === id)?.name ?? id) : '—');
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1]) && e[0] !== 'before'));
  const csvSearch = params.toString();
  if (nextBefore !== null) params.set('before', String(nextBefore));
  return (
    <Layout title={Object.keys(errors).length > 0 ? `${t('identity.errorTitlePrefix')} ${title}` : title}>
      <ErrorSummary errors={errors} />
      <h1>{title}</h1>
      <p>{t('identity.accessLog.intro')}</p>
      <form method="get" action={href(locale, '/admin/access-log')} class="filters filters--grid">
        <TextInput name="action" label={t('identity.accessLog.action')} value={query.action} width="full" />
        <TextInput name="recordType" label={t('identity.accessLog.recordType')} value={query.recordType} />
        <TextInput name="recordId" label={t('identity.accessLog.recordId')} value={query.recordId} />
        <TextInput name="actor" label={t('identity.accessLog.actorId')} value={query.actor} error={errors.actor} />
        <Select name="territory" label={t('identity.accessLog.territory')} placeholder={t('identity.roles.allTerritories')} options={territories.map((te) => ({ value: te.id, label: te.name }))} value={query.territory} error={errors.territory} />
        <TextInput name="from" type="date" label={t('identity.accessLog.from')} value={query.from} error={errors.from} />
        <TextInput name="to" type="date" label={t('identity.accessLog.to')} value={query.to} error={errors.to} />
        <div class="filters__actions">
          <button type="submit" class="button button--secondary">
            {t('identity.filter')}
          </button>
        </div>
      </form>
      <p>
        <a href={`${href(locale, '/admin/access-log.csv')}${csvSearch ? `?${csvSearch}` : ''}`} download>
          {t('identity.accessLog.csv')}
        </a>
      </p>
      <div class="table-scroll">
        <table class="table table--dense">
          <caption>{t('identity.accessLog.caption', { count: entries.length })}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('identity.accessLog.when')}</th>
              <th scope="col">{t('identity.accessLog.who')}</th>
              <th scope="col">{t('identity.accessLog.action')}</th>
              <th scope="col">{t('identity.accessLog.record')}</th>
              <th scope="col">{t('identity.accessLog.territory')}</th>
              <th scope="col">{t('identity.accessLog.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td class="numeric">{e.seq}</td>
                <td>{date(e.at, { dateStyle: 'short', timeStyle: 'medium' })}</td>
                <th scope="row">
                  {e.actorId ? <a href={`${href(locale, '/admin/access-log')}?actor=${e.actorId}`}>{names.get(e.actorId) ?? t('identity.deletedAccount')}</a> : t('identity.accessLog.system')}
                </th>
                <td data-action={e.action}>{actionLabel(e.action)}</td>
                <td data-record={e.recordId}>
                  {/* The record by its kind in words; its id only behind a link to its other entries (and in the CSV). */}
                  {e.recordType.replace(/[-_]+/g, ' ')}{' '}
                  {e.recordId && e.recordId !== '*' && (
                    <a href={`${href(locale, '/admin/access-log')}?recordId=${encodeURIComponent(e.recordId)}`}>{t('identity.accessLog.sameRecord')}</a>
                  )}
                </td>
                <td>{territoryName(e.territoryId)}</td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextBefore !== null && (
        <p>
          <a href={`${href(locale, '/admin/access-log')}?${params.toString()}`}>{t('identity.accessLog.older')}</a>
        </p>
      )}
    </Layout>
  );
}
