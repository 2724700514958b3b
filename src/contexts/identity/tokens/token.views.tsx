// Pages for API credentials: your tokens and clients, making one (its secret shown once), and the
// administrators' list of a territory's OAuth clients.
import { href, useView } from '../../../platform/views/context.ts';
import { Button, Choices, Form, Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { apiScopes, sensitiveScopes } from './scopes.ts';
import { tokenLifetimes, type ClientForAdmin, type CredentialSummary } from './token.service.ts';
import { FormPage } from '../../../platform/views/form-page.tsx';

type Values = Record<string, string | string[] | undefined>;
export interface TerritoryChoice {
  id: string;
  name: string;
}


function useStatus() {
  const { t, date } = useView();
  return (c: CredentialSummary) => {
    if (c.revokedAt) return t('identity.tokens.revokedOn', { date: date(c.revokedAt) });
    if (c.expiresAt && c.expiresAt <= new Date()) return t('identity.tokens.expiredOn', { date: date(c.expiresAt) });
    return c.expiresAt ? t('identity.tokens.activeUntil', { date: date(c.expiresAt) }) : t('identity.tokens.active');
  };
}

function ScopeList({ scopes }: { scopes: readonly string[] }) {
  const { t } = useView();
  return <>{scopes.map((s) => t(`identity.tokens.scope.${s}`)).join(', ')}</>;
}

export function TokensPage({ credentials, territories, done }: { credentials: CredentialSummary[]; territories: TerritoryChoice[]; done: string | null }) {
  const { t, locale, date } = useView();
  const status = useStatus();
  const territoryName = (id: string) => territories.find((x) => x.id === id)?.name ?? '';
  return (
    <FormPage title={t('identity.tokens.title')} back="/account">
      {done === 'revoked' && (
        <div class="notice" role="status">
          {t('identity.tokens.revokedNotice')}
        </div>
      )}
      <p>{t('identity.tokens.intro')}</p>
      <p>
        <a href="/api/docs">{t('identity.tokens.docs')}</a>
      </p>
      <ul class="link-list">
        <li>
          <a href={href(locale, '/account/tokens/new?kind=personal')}>{t('identity.tokens.newPersonal')}</a>
        </li>
        <li>
          <a href={href(locale, '/account/tokens/new?kind=client')}>{t('identity.tokens.newClient')}</a>
        </li>
      </ul>
      {credentials.length === 0 ? (
        <p>{t('identity.tokens.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <caption>{t('identity.tokens.caption', { count: credentials.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('identity.tokens.name')}</th>
                <th scope="col">{t('identity.tokens.kind')}</th>
                <th scope="col">{t('identity.tokens.scopes')}</th>
                <th scope="col">{t('identity.tokens.territory')}</th>
                <th scope="col">{t('identity.tokens.status')}</th>
                <th scope="col">{t('identity.tokens.lastUsed')}</th>
                <th scope="col">{t('identity.sessions.action')}</th>
              </tr>
            </thead>
            <tbody>
              {credentials.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.name} <code>{c.hint}…</code>
                  </th>
                  <td>{t(`identity.tokens.kinds.${c.kind}`)}</td>
                  <td>
                    <ScopeList scopes={c.scopes} />
                  </td>
                  <td>{territoryName(c.territoryId)}</td>
                  <td>{status(c)}</td>
                  <td>{c.lastUsedAt ? date(c.lastUsedAt, { dateStyle: 'medium', timeStyle: 'short' }) : t('identity.tokens.never')}</td>
                  <td>
                    {!c.revokedAt && (
                      <Form action={href(locale, `/account/tokens/${c.id}/revoke`)} class="inline-form">
                        <button type="submit" class="link-button">
                          {t('identity.tokens.revoke')}
                          <span class="visually-hidden">{` ${c.name}`}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </FormPage>
  );
}

export function NewTokenPage({ kind, territories, values, errors, twoFactorVerified }: { kind: 'personal' | 'client'; territories: TerritoryChoice[]; values: Values; errors: FieldErrors; twoFactorVerified: boolean }) {
  const { t, locale } = useView();
  const scopes = Array.isArray(values.scopes) ? values.scopes : values.scopes ? [values.scopes] : [];
  return (
    <FormPage title={t(kind === 'personal' ? 'identity.tokens.newPersonal' : 'identity.tokens.newClient')} errors={errors} back="/account/tokens">
      <p>{t(kind === 'personal' ? 'identity.tokens.personalIntro' : 'identity.tokens.clientIntro')}</p>
      <Form action={href(locale, '/account/tokens/new')}>
        <input type="hidden" name="kind" value={kind} />
        <TextInput name="name" label={t('identity.tokens.name')} hint={t('identity.tokens.nameHint')} value={typeof values.name === 'string' ? values.name : ''} error={errors.name} />
        <Select
          name="territoryId"
          label={t('identity.tokens.territory')}
          hint={t('identity.tokens.territoryHint')}
          options={territories.map((x) => ({ value: x.id, label: x.name }))}
          value={typeof values.territoryId === 'string' ? values.territoryId : null}
          placeholder={t('identity.tokens.chooseTerritory')}
          error={errors.territoryId}
        />
        <Choices
          type="checkbox"
          name="scopes"
          label={t('identity.tokens.scopes')}
          hint={twoFactorVerified ? t('identity.tokens.scopesHint') : t('identity.tokens.scopesHintNoTwoFactor')}
          options={apiScopes.map((s) => ({ value: s, label: t(`identity.tokens.scope.${s}`), hint: (sensitiveScopes as readonly string[]).includes(s) ? t('identity.tokens.sensitive') : undefined }) as { value: string; label: string; hint?: string })}
          value={scopes}
          error={errors.scopes}
        />
        {kind === 'personal' && (
          <Choices
            type="radio"
            name="lifetime"
            label={t('identity.tokens.lifetime')}
            options={tokenLifetimes.map((d) => ({ value: d, label: t('identity.tokens.days', { count: Number(d) }) }))}
            value={typeof values.lifetime === 'string' ? values.lifetime : '90'}
            error={errors.lifetime}
          />
        )}
        <Button>{t('identity.tokens.create')}</Button>
      </Form>
    </FormPage>
  );
}

export function TokenCreatedPage({ credential, secret }: { credential: CredentialSummary; secret: string }) {
  const { t } = useView();
  return (
    <FormPage title={t('identity.tokens.createdTitle')} back="/account/tokens">
      <div class="notice" role="status">
        {t('identity.tokens.shownOnce')}
      </div>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt class="summary-list__key">{t('identity.tokens.name')}</dt>
          <dd class="summary-list__value">{credential.name}</dd>
        </div>
        {credential.clientId && (
          <div class="summary-list__row">
            <dt class="summary-list__key">{t('identity.tokens.clientId')}</dt>
            <dd class="summary-list__value">
              <code>{credential.clientId}</code>
            </dd>
          </div>
        )}
        <div class="summary-list__row">
          <dt class="summary-list__key">{t(credential.kind === 'client' ? 'identity.tokens.clientSecret' : 'identity.tokens.token')}</dt>
          <dd class="summary-list__value">
            <code class="secret" data-secret>
              {secret}
            </code>
          </dd>
        </div>
        <div class="summary-list__row">
          <dt class="summary-list__key">{t('identity.tokens.scopes')}</dt>
          <dd class="summary-list__value">
            <ScopeList scopes={credential.scopes} />
          </dd>
        </div>
      </dl>
      <p>{t(credential.kind === 'client' ? 'identity.tokens.howClient' : 'identity.tokens.howPersonal')}</p>
    </FormPage>
  );
}

export function ApiClientsPage({ clients, territories, done }: { clients: ClientForAdmin[]; territories: TerritoryChoice[]; done: boolean }) {
  const { t, locale } = useView();
  const status = useStatus();
  const territoryName = (id: string) => territories.find((x) => x.id === id)?.name ?? '';
  return (
    <FormPage title={t('identity.apiClients.title')} back="/account">
      {done && (
        <div class="notice" role="status">
          {t('identity.tokens.revokedNotice')}
        </div>
      )}
      <p>{t('identity.apiClients.intro')}</p>
      {clients.length === 0 ? (
        <p>{t('identity.apiClients.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <caption>{t('identity.apiClients.caption', { count: clients.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('identity.tokens.name')}</th>
                <th scope="col">{t('identity.apiClients.owner')}</th>
                <th scope="col">{t('identity.tokens.scopes')}</th>
                <th scope="col">{t('identity.tokens.territory')}</th>
                <th scope="col">{t('identity.tokens.status')}</th>
                <th scope="col">{t('identity.sessions.action')}</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.name} <code>{c.clientId}</code>
                  </th>
                  <td>{c.ownerName}</td>
                  <td>
                    <ScopeList scopes={c.scopes} />
                  </td>
                  <td>{territoryName(c.territoryId)}</td>
                  <td>{status(c)}</td>
                  <td>
                    {!c.revokedAt && (
                      <Form action={href(locale, `/admin/api-clients/${c.id}/revoke`)} class="inline-form">
                        <button type="submit" class="link-button">
                          {t('identity.tokens.revoke')}
                          <span class="visually-hidden">{` ${c.name}`}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </FormPage>
  );
}
