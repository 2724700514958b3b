// Account pages: sign up, sign in, two-factor, password reset, your account and your data.
import type { ComponentChildren } from 'preact';
import { href, useView } from '../../platform/views/context.ts';
import { Button, Choices, Form, Select, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { localeNames, locales } from '../../platform/i18n/locales.ts';
import { InLang, PersonName } from '../../platform/views/lang.tsx';
import type { AccountOverview, AdministrationPage, SessionSummary } from './identity.service.ts';
import type { ConsentState } from './consent.service.ts';
import type { TwoFactorSetup } from './two-factor.service.ts';
import type { Invitation } from './roles.service.ts';
import { minimumPasswordLength } from './password.ts';
import type { NamedScope } from '../../platform/portal.ts';
import { FormPage } from '../../platform/views/form-page.tsx';

type Values = Record<string, string | undefined>;


export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <div class="notice" role="status">
      {children}
    </div>
  );
}

export function SignUpPage({ values, errors, next }: { values: Values; errors: FieldErrors; next?: string | null }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.signUp.title')} errors={errors}>
      <p>{t('identity.signUp.intro')}</p>
      <Form action={href(locale, '/account/sign-up')}>
        {next && <input type="hidden" name="next" value={next} />}
        <TextInput name="displayName" label={t('identity.fields.displayName')} hint={t('identity.fields.displayNameHint')} value={values.displayName} error={errors.displayName} autocomplete="name" />
        <TextInput name="email" type="email" label={t('identity.fields.email')} hint={t('identity.fields.emailHint')} value={values.email} error={errors.email} autocomplete="email" />
        <TextInput name="password" type="password" label={t('identity.fields.newPassword')} hint={t('identity.password.hint', { min: minimumPasswordLength })} error={errors.password} autocomplete="new-password" />
        <Choices
          type="checkbox"
          name="terms"
          label={t('identity.consent.terms.title')}
          hint={t('identity.consent.terms.text')}
          options={[{ value: 'yes', label: t('identity.consent.terms.agree') }]}
          value={values.terms}
          error={errors.terms}
        />
        <Choices
          type="checkbox"
          name="contact"
          label={t('identity.consent.contact.title')}
          hint={t('identity.consent.contact.text')}
          options={[{ value: 'yes', label: t('identity.consent.contact.agree') }]}
          value={values.contact}
        />
        <Button>{t('identity.signUp.submit')}</Button>
      </Form>
      <p>
        {t('identity.signUp.haveAccount')} <a href={href(locale, '/account/sign-in')}>{t('identity.signIn.title')}</a>
      </p>
    </FormPage>
  );
}

export function CheckEmailPage() {
  const { t } = useView();
  return (
    <FormPage title={t('identity.checkEmail.title')}>
      <p>{t('identity.checkEmail.body')}</p>
      <p>{t('identity.checkEmail.notArrived')}</p>
    </FormPage>
  );
}

export function EmailConfirmedPage({ result, next }: { result: 'verify' | 'change-email' | 'invalid-link' | 'email-taken'; next?: string | null }) {
  const { t, locale } = useView();
  const ok = result === 'verify' || result === 'change-email';
  return (
    <FormPage title={t(ok ? 'identity.confirmed.title' : 'identity.confirmed.failedTitle')}>
      <p>{t(`identity.confirmed.${result === 'change-email' ? 'changeEmail' : result === 'verify' ? 'verify' : result === 'email-taken' ? 'emailTaken' : 'invalidLink'}`)}</p>
      <p>
        {ok && next ? (
          <a class="button" href={`${href(locale, '/account/sign-in')}?next=${encodeURIComponent(next)}`}>
            {t('identity.confirmed.continue')}
          </a>
        ) : (
          <a class="button" href={href(locale, ok ? '/account' : '/account/sign-in')}>
            {t(ok ? 'identity.account.title' : 'identity.signIn.title')}
          </a>
        )}
      </p>
    </FormPage>
  );
}

export function SignInPage({ values, errors, next, notice }: { values: Values; errors: FieldErrors; next: string; notice?: string | null }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.signIn.title')} errors={errors}>
      {notice === 'signedOut' && <Notice>{t('identity.signIn.signedOut')}</Notice>}
      {notice === 'reset' && <Notice>{t('identity.signIn.afterReset')}</Notice>}
      <Form action={href(locale, '/account/sign-in')}>
        <input type="hidden" name="next" value={next} />
        <TextInput name="email" type="email" label={t('identity.fields.email')} value={values.email} error={errors.email} autocomplete="email" />
        <TextInput name="password" type="password" label={t('identity.fields.password')} error={errors.password} autocomplete="current-password" />
        <Button>{t('identity.signIn.submit')}</Button>
      </Form>
      <ul class="link-list">
        <li>
          <a href={href(locale, '/account/password-reset')}>{t('identity.signIn.forgot')}</a>
        </li>
        <li>
          <a href={href(locale, '/account/sign-up')}>{t('identity.signIn.noAccount')}</a>
        </li>
      </ul>
    </FormPage>
  );
}

export function TwoFactorPage({ errors, next }: { errors: FieldErrors; next: string }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.twoFactor.title')} errors={errors}>
      <p>{t('identity.twoFactor.intro')}</p>
      <Form action={href(locale, '/account/two-factor')}>
        <input type="hidden" name="next" value={next} />
        <TextInput name="code" label={t('identity.twoFactor.code')} hint={t('identity.twoFactor.codeHint')} error={errors.code} autocomplete="one-time-code" inputMode="text" width="short" />
        <Button>{t('identity.twoFactor.submit')}</Button>
      </Form>
    </FormPage>
  );
}

export function TwoFactorSetupPage({ setup, errors, next, required }: { setup: TwoFactorSetup; errors: FieldErrors; next: string; required: boolean }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.twoFactorSetup.title')} errors={errors}>
      {required && <Notice>{t('identity.twoFactorSetup.required')}</Notice>}
      <ol class="steps">
        <li>{t('identity.twoFactorSetup.step1')}</li>
        <li>
          {t('identity.twoFactorSetup.step2')}
          <figure class="qr-code">
            <div class="qr-code__image" role="img" aria-label={t('identity.twoFactorSetup.qrLabel')} dangerouslySetInnerHTML={{ __html: setup.qrSvg }} />
            <figcaption>
              {t('identity.twoFactorSetup.cannotScan')}{' '}
              <code class="secret" data-totp-secret>
                {setup.secret}
              </code>
            </figcaption>
          </figure>
        </li>
        <li>{t('identity.twoFactorSetup.step3')}</li>
      </ol>
      <Form action={href(locale, '/account/two-factor/setup')}>
        <input type="hidden" name="next" value={next} />
        <TextInput name="code" label={t('identity.twoFactor.code')} hint={t('identity.twoFactor.setupCodeHint')} error={errors.code} autocomplete="one-time-code" inputMode="numeric" width="short" />
        <Button>{t('identity.twoFactorSetup.submit')}</Button>
      </Form>
    </FormPage>
  );
}

export function RecoveryCodesPage({ codes, next }: { codes: string[]; next: string }) {
  const { t } = useView();
  return (
    <FormPage title={t('identity.recovery.title')}>
      <Notice>{t('identity.recovery.on')}</Notice>
      <p>{t('identity.recovery.intro')}</p>
      <ul class="recovery-codes" aria-label={t('identity.recovery.title')}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p>{t('identity.recovery.once')}</p>
      <p>
        <a class="button" href={next}>
          {t('identity.recovery.continue')}
        </a>
      </p>
    </FormPage>
  );
}

export function TwoFactorOffPage({ errors, required }: { errors: FieldErrors; required: boolean }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.twoFactorOff.title')} errors={required ? {} : errors} back="/account">
      {required ? (
        <p>{t('identity.twoFactorOff.required')}</p>
      ) : (
        <>
          <p>{t('identity.twoFactorOff.intro')}</p>
          <Form action={href(locale, '/account/two-factor/turn-off')}>
            <TextInput name="password" type="password" label={t('identity.fields.password')} error={errors.password} autocomplete="current-password" />
            <Button variant="warning">{t('identity.twoFactorOff.submit')}</Button>
          </Form>
        </>
      )}
    </FormPage>
  );
}

export function ResetRequestPage({ values, errors }: { values: Values; errors: FieldErrors }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.reset.title')} errors={errors}>
      <p>{t('identity.reset.intro')}</p>
      <Form action={href(locale, '/account/password-reset')}>
        <TextInput name="email" type="email" label={t('identity.fields.email')} value={values.email} error={errors.email} autocomplete="email" />
        <Button>{t('identity.reset.submit')}</Button>
      </Form>
    </FormPage>
  );
}

export function ResetSentPage() {
  const { t } = useView();
  return (
    <FormPage title={t('identity.reset.sentTitle')}>
      <p>{t('identity.reset.sentBody')}</p>
    </FormPage>
  );
}

export function ResetNewPage({ token, valid, errors }: { token: string; valid: boolean; errors: FieldErrors }) {
  const { t, locale } = useView();
  if (!valid) {
    return (
      <FormPage title={t('identity.confirmed.failedTitle')}>
        <p>{t('identity.reset.invalidLink')}</p>
        <p>
          <a href={href(locale, '/account/password-reset')}>{t('identity.reset.again')}</a>
        </p>
      </FormPage>
    );
  }
  return (
    <FormPage title={t('identity.reset.newTitle')} errors={errors}>
      <Form action={href(locale, '/account/password-reset/new')}>
        <input type="hidden" name="token" value={token} />
        <TextInput name="password" type="password" label={t('identity.fields.newPassword')} hint={t('identity.password.hint', { min: minimumPasswordLength })} error={errors.password} autocomplete="new-password" />
        <Button>{t('identity.reset.save')}</Button>
      </Form>
    </FormPage>
  );
}

function SummaryRow({ label, value, action }: { label: string; value: ComponentChildren; action?: { href: string; text: string } }) {
  return (
    <div class="summary-list__row">
      <dt class="summary-list__key">{label}</dt>
      <dd class="summary-list__value">{value}</dd>
      <dd class="summary-list__actions">{action && <a href={action.href}>{action.text}</a>}</dd>
    </div>
  );
}

const adminPaths: Record<AdministrationPage, string> = { roles: '/admin/roles', accessLog: '/admin/access-log', outbox: '/admin/outbox', apiClients: '/admin/api-clients' };

export function AccountPage({ person, consents, grants, administration, scopes, territoryNames, done }: AccountOverview & { done: string | null; scopes: Map<string, NamedScope>; territoryNames: Map<string, string> }) {
  const { t, locale, date } = useView();
  const doneKeys = ['details', 'emailSent', 'password', 'consents', 'twoFactorOff', 'invitation'];
  const consentGiven = (kind: string) => consents.find((c) => c.kind === kind)?.given ?? false;
  return (
    <FormPage title={t('identity.account.title')}>
      {done && doneKeys.includes(done) && <Notice>{t(`identity.account.done.${done}`)}</Notice>}
      <dl class="summary-list">
        <SummaryRow label={t('identity.fields.displayName')} value={<PersonName>{person.displayName}</PersonName>} action={{ href: href(locale, '/account/details'), text: t('identity.account.change') }} />
        <SummaryRow label={t('identity.fields.language')} value={<InLang lang={person.locale}>{localeNames[person.locale as keyof typeof localeNames] ?? person.locale}</InLang>} action={{ href: href(locale, '/account/details'), text: t('identity.account.change') }} />
        <SummaryRow label={t('identity.fields.email')} value={<PersonName>{person.email}</PersonName>} action={{ href: href(locale, '/account/email'), text: t('identity.account.change') }} />
        <SummaryRow label={t('identity.fields.password')} value="••••••••••••" action={{ href: href(locale, '/account/password'), text: t('identity.account.change') }} />
        <SummaryRow
          label={t('identity.account.twoFactor')}
          value={person.totpEnabledAt ? t('identity.account.twoFactorOn', { since: date(person.totpEnabledAt) }) : t('identity.account.twoFactorOff')}
          action={person.totpEnabledAt ? { href: href(locale, '/account/two-factor/turn-off'), text: t('identity.account.turnOff') } : { href: href(locale, '/account/two-factor/setup'), text: t('identity.account.turnOn') }}
        />
        <SummaryRow
          label={t('identity.account.consents')}
          value={`${t('identity.consent.contact.title')}: ${t(consentGiven('contact') ? 'identity.yes' : 'identity.no')} · ${t('identity.consent.research.title')}: ${t(consentGiven('research') ? 'identity.yes' : 'identity.no')}`}
          action={{ href: href(locale, '/account/consents'), text: t('identity.account.change') }}
        />
      </dl>
      <h2>{t('identity.account.roles')}</h2>
      {grants.length === 0 ? (
        <p>{t('identity.account.noRoles')}</p>
      ) : (
        <ul>
          {grants.map((g, i) => (
            <li key={i}>
              {t(`identity.role.${g.role}`)} · {t(`identity.scope.${g.scope.kind}`)}
              {g.scope.kind === 'territory' && g.scope.id && territoryNames.has(g.scope.id) && ` ${territoryNames.get(g.scope.id)}`}
              {g.scope.id && scopes.has(`${g.scope.kind}:${g.scope.id}`) && (
                <>
                  {' '}
                  <a href={href(locale, scopes.get(`${g.scope.kind}:${g.scope.id}`)!.path)}>{scopes.get(`${g.scope.kind}:${g.scope.id}`)!.name}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {administration.length > 0 && (
        <>
          <h2>{t('identity.account.admin')}</h2>
          <ul class="link-list">
            {administration.map((page) => (
              <li key={page}>
                <a href={href(locale, adminPaths[page])}>{t(`identity.${page}.title`)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('identity.account.more')}</h2>
      <ul class="link-list">
        <li>
          <a href={href(locale, '/account/sessions')}>{t('identity.sessions.title')}</a>
        </li>
        <li>
          <a href={href(locale, '/account/tokens')}>{t('identity.tokens.title')}</a>
        </li>
        <li>
          <a href={href(locale, '/account/data')}>{t('identity.data.title')}</a>
        </li>
        <li>
          <a href={href(locale, '/account/delete')}>{t('identity.delete.title')}</a>
        </li>
      </ul>
    </FormPage>
  );
}

export function DetailsPage({ values, errors }: { values: Values; errors: FieldErrors }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.details.title')} errors={errors} back="/account">
      <Form action={href(locale, '/account/details')}>
        <TextInput name="displayName" label={t('identity.fields.displayName')} hint={t('identity.fields.displayNameHint')} value={values.displayName} error={errors.displayName} autocomplete="name" />
        <Select name="locale" label={t('identity.fields.language')} hint={t('identity.fields.languageHint')} options={locales.map((l) => ({ value: l, label: localeNames[l], lang: l }))} value={values.locale} error={errors.locale} />
        <Button>{t('identity.save')}</Button>
      </Form>
    </FormPage>
  );
}

export function EmailPage({ current, values, errors }: { current: string; values: Values; errors: FieldErrors }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.email.title')} errors={errors} back="/account">
      <p>{t('identity.email.current', { email: current })}</p>
      <p>{t('identity.email.intro')}</p>
      <Form action={href(locale, '/account/email')}>
        <TextInput name="email" type="email" label={t('identity.email.new')} value={values.email} error={errors.email} autocomplete="email" />
        <TextInput name="password" type="password" label={t('identity.fields.password')} error={errors.password} autocomplete="current-password" />
        <Button>{t('identity.email.submit')}</Button>
      </Form>
    </FormPage>
  );
}

export function PasswordPage({ errors }: { errors: FieldErrors }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.passwordChange.title')} errors={errors} back="/account">
      <Form action={href(locale, '/account/password')}>
        <TextInput name="current" type="password" label={t('identity.fields.currentPassword')} error={errors.current} autocomplete="current-password" />
        <TextInput name="password" type="password" label={t('identity.fields.newPassword')} hint={t('identity.password.hint', { min: minimumPasswordLength })} error={errors.password} autocomplete="new-password" />
        <Button>{t('identity.save')}</Button>
      </Form>
      <p>{t('identity.passwordChange.othersSignedOut')}</p>
    </FormPage>
  );
}

export function SessionsPage({ sessions, done }: { sessions: SessionSummary[]; done: boolean }) {
  const { t, locale, date } = useView();
  const when = (d: Date) => date(d, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <FormPage title={t('identity.sessions.title')} back="/account">
      {done && <Notice>{t('identity.sessions.revoked')}</Notice>}
      <p>{t('identity.sessions.intro')}</p>
      <div class="table-scroll">
        <table class="table">
          <caption>{t('identity.sessions.caption', { count: sessions.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('identity.sessions.device')}</th>
              <th scope="col">{t('identity.sessions.started')}</th>
              <th scope="col">{t('identity.sessions.lastSeen')}</th>
              <th scope="col">{t('identity.sessions.action')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.device}
                  {s.current && <strong class="tag">{t('identity.sessions.thisOne')}</strong>}
                </th>
                <td>{when(s.createdAt)}</td>
                <td>{when(s.lastSeenAt)}</td>
                <td>
                  <Form action={href(locale, `/account/sessions/${s.id}/revoke`)} class="inline-form">
                    <button type="submit" class="link-button">
                      {t('identity.sessions.revoke')}
                      <span class="visually-hidden">{` ${s.device}, ${when(s.createdAt)}`}</span>
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </FormPage>
  );
}

export function ConsentsPage({ consents }: { consents: ConsentState[] }) {
  const { t, locale, date } = useView();
  const given = (kind: string) => (consents.find((c) => c.kind === kind)?.given ? 'yes' : undefined);
  const terms = consents.find((c) => c.kind === 'terms');
  return (
    <FormPage title={t('identity.consents.title')} back="/account">
      {terms && <p>{t('identity.consents.terms', { date: date(terms.recordedAt), version: terms.textVersion })}</p>}
      <Form action={href(locale, '/account/consents')}>
        {(['contact', 'research'] as const).map((kind) => (
          <Choices
            key={kind}
            type="checkbox"
            name={kind}
            label={t(`identity.consent.${kind}.title`)}
            hint={t(`identity.consent.${kind}.text`)}
            options={[{ value: 'yes', label: t(`identity.consent.${kind}.agree`) }]}
            value={given(kind)}
          />
        ))}
        <Button>{t('identity.save')}</Button>
      </Form>
    </FormPage>
  );
}

export function DataPage() {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.data.title')} back="/account">
      <p>{t('identity.data.intro')}</p>
      <p>
        <a class="button" href={href(locale, '/account/data/download')} download>
          {t('identity.data.download')}
        </a>
      </p>
    </FormPage>
  );
}

export function DeletePage({ values, errors }: { values: Values; errors: FieldErrors }) {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.delete.title')} errors={errors} back="/account">
      <p>{t('identity.delete.intro')}</p>
      <ul>
        <li>{t('identity.delete.removed')}</li>
        <li>{t('identity.delete.kept')}</li>
        <li>{t('identity.delete.logged')}</li>
      </ul>
      <p>
        <a href={href(locale, '/account/data')}>{t('identity.delete.downloadFirst')}</a>
      </p>
      <Form action={href(locale, '/account/delete')}>
        <Choices type="checkbox" name="confirm" label={t('identity.delete.confirmLegend')} options={[{ value: 'yes', label: t('identity.delete.confirm') }]} value={values.confirm} error={errors.confirm} />
        <TextInput name="password" type="password" label={t('identity.fields.password')} error={errors.password} autocomplete="current-password" />
        <Button variant="warning">{t('identity.delete.submit')}</Button>
      </Form>
    </FormPage>
  );
}

export function DeletedPage() {
  const { t, locale } = useView();
  return (
    <FormPage title={t('identity.deleted.title')}>
      <p>{t('identity.deleted.body')}</p>
      <p>
        <a href={href(locale, '/')}>{t('identity.deleted.home')}</a>
      </p>
    </FormPage>
  );
}

export function InvitationPage({ invitation, token, signedIn, error }: { invitation: Invitation | null; token: string; signedIn: boolean; error: string | null }) {
  const { t, locale } = useView();
  if (!invitation) {
    return (
      <FormPage title={t('identity.invitation.invalidTitle')}>
        <p>{t('identity.invitation.invalid')}</p>
      </FormPage>
    );
  }
  const here = `${href(locale, '/account/invitation')}?token=${encodeURIComponent(token)}`;
  return (
    <FormPage title={t('identity.invitation.title')}>
      {error === 'wrong-account' && (
        <div class="error-summary" role="alert">
          <p>{t('identity.invitation.wrongAccount')}</p>
        </div>
      )}
      <p>{t('identity.invitation.body', { role: t(`identity.role.${invitation.role}`), scope: t(`identity.scope.${invitation.scopeKind}`) })}</p>
      {signedIn ? (
        <Form action={href(locale, '/account/invitation')}>
          <input type="hidden" name="token" value={token} />
          <Button>{t('identity.invitation.accept')}</Button>
        </Form>
      ) : (
        <p>
          <a class="button" href={`${href(locale, '/account/sign-in')}?next=${encodeURIComponent(here)}`}>
            {t('identity.invitation.signInFirst')}
          </a>{' '}
          <a href={href(locale, '/account/sign-up')}>{t('identity.signIn.noAccount')}</a>
        </p>
      )}
    </FormPage>
  );
}
