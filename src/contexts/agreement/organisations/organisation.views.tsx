// An organisation's public page, and the forms to register it, edit its profile and upload its logo.
import { TerritoryText, useDataLang } from '../../../platform/views/lang.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { Area } from '../../territories/territory.service.ts';
import { organisationTypes } from '../agreement.schema.ts';
import { areasOfWork, languageName, workingLanguages } from '../agreement.settings.ts';
import type { Adhesion, AdhesionEvent } from '../adhesion/adhesion.service.ts';
import type { Organisation, OrganisationInput } from './organisation.service.ts';
import { AreaList, Notice, Paragraphs, Tag, Tr, When } from '../components.tsx';
import type { Translated } from '../agreement.schema.ts';
import type { MyStanding } from './membership.service.ts';
import { MembershipPanel } from './membership.views.tsx';
import type { OrganisationSection } from '../../../platform/portal.ts';

export interface OrganisationPageProps {
  organisation: Organisation;
  territory: { slug: string; name: string };
  districts: Area[];
  logo: boolean;
  adhesions: (Adhesion & { events: AdhesionEvent[]; territoryName: string; territorySlug: string; currentVersion: number | null })[];
  networks: { slug: string; territorySlug: string; name: Translated; status: string }[];
  canEdit: boolean;
  canVerify: boolean;
  /** For the organisation's admins, the next step in its own territory's Agreement: sign, wait, or take part. */
  adminNext: 'sign' | 'pending' | 'take-part' | null;
  /** The visitor's standing (null signed out), whether they see its people, and a refused request to join. */
  membership: { standing: MyStanding | null; canView: boolean; errors: FieldErrors; values: Record<string, string> };
  notice?: string;
  /** What other contexts show about the organisation (e.g. what it shared in the library). */
  sections?: OrganisationSection[];
}

export function OrganisationPage({ organisation: o, territory, districts, logo, adhesions, networks, canEdit, canVerify, adminNext, membership, notice, sections = [] }: OrganisationPageProps) {
  const { t, locale } = useView();
  // The organisation's name, description and districts: typed in the territory's language.
  const own = useDataLang();
  const districtNames = districts.filter((d) => o.districtIds.includes(d.id)).map((d) => d.name);
  return (
    <Layout title={o.name} description={o.description.slice(0, 160)}>
      <Notice notice={notice} allowed={['created', 'saved', 'logo', 'verified', 'unverified', 'memberRequested', 'memberJoined', 'memberLeft']} />
      <ErrorSummary errors={membership.errors} />
      <div class="profile-head">
        {logo && <img class="profile-head__logo" src={`/api/v1/organisations/${o.id}/logo`} alt={t('agreement.organisation.logoAlt', { name: o.name })} width={96} height={96} />}
        <div>
          <h1 dir="auto" lang={own}>
            {o.name}
          </h1>
          <p class="lead">
            {t(`agreement.type.${o.type}`)} · {territory.name}
            {o.verifiedAt && (
              <>
                {' '}
                <Tag tone="good">{t('agreement.organisation.verified')}</Tag>
              </>
            )}
          </p>
        </div>
      </div>
      {o.description && <Paragraphs text={o.description} lang={own} />}
      <dl class="summary-list">
        <div>
          <dt>{t('agreement.organisation.areas')}</dt>
          <dd>
            <AreaList areas={o.areas} />
          </dd>
        </div>
        <div>
          <dt>{t('agreement.organisation.districts')}</dt>
          <dd lang={districtNames.length ? own : undefined}>{districtNames.length ? districtNames.join(', ') : t('agreement.organisation.wholeCity')}</dd>
        </div>
        <div>
          <dt>{t('agreement.organisation.languages')}</dt>
          <dd>{o.languages.map((l) => languageName(l, locale)).join(', ') || '—'}</dd>
        </div>
        {o.website && (
          <div>
            <dt>{t('agreement.organisation.website')}</dt>
            <dd>
              <a href={o.website} rel="nofollow noopener">
                {o.website}
              </a>
            </dd>
          </div>
        )}
        {o.publicEmail && (
          <div>
            <dt>{t('agreement.organisation.email')}</dt>
            <dd>
              <a href={`mailto:${o.publicEmail}`}>{o.publicEmail}</a>
            </dd>
          </div>
        )}
        {o.publicPhone && (
          <div>
            <dt>{t('agreement.organisation.phone')}</dt>
            <dd>{o.publicPhone}</dd>
          </div>
        )}
      </dl>
      {canEdit && (
        <p>
          <a href={href(locale, `/organisations/${o.id}/edit`)}>{t('agreement.organisation.editLink')}</a>
        </p>
      )}
      {adminNext && (
        <section class="panel" aria-labelledby="next-steps">
          <h2 id="next-steps">{t('agreement.organisation.nextSteps')}</h2>
          {adminNext === 'sign' ? (
            <>
              <p>{t('agreement.organisation.signLead')}</p>
              <p>
                <a class="button" href={href(locale, `/t/${territory.slug}/agreement/sign`)}>
                  {t('agreement.page.signLink')}
                </a>
              </p>
            </>
          ) : adminNext === 'pending' ? (
            <p>{t('agreement.organisation.pendingLead')}</p>
          ) : (
            <ul>
              <li>
                <a href={href(locale, `/t/${territory.slug}/agreement#networks`)}>{t('agreement.organisation.joinNetworkLink')}</a>
              </li>
              <li>
                <a href={href(locale, `/t/${territory.slug}/challenges/new`)}>{t('agreement.challenges.proposeLink')}</a>
              </li>
            </ul>
          )}
        </section>
      )}
      <MembershipPanel organisationId={o.id} organisationName={o.name} {...membership} />
      {canVerify && (
        <Form action={href(locale, `/organisations/${o.id}/verify`)}>
          <input type="hidden" name="verified" value={o.verifiedAt ? 'no' : 'yes'} />
          <Button variant="secondary">{t(o.verifiedAt ? 'agreement.organisation.unverify' : 'agreement.organisation.verify')}</Button>
        </Form>
      )}
      <h2>{t('agreement.organisation.networks')}</h2>
      {networks.filter((n) => n.status === 'member').length === 0 ? (
        <p>{t('agreement.organisation.noNetworks')}</p>
      ) : (
        <ul>
          {networks
            .filter((n) => n.status === 'member')
            .map((n) => (
              <li key={n.slug}>
                <a href={href(locale, `/t/${n.territorySlug}/networks/${n.slug}`)}>
                  <Tr text={n.name} />
                </a>
              </li>
            ))}
        </ul>
      )}
      {sections.map((section) => (
        <section key={section.key} aria-labelledby={`section-${section.key}`}>
          <h2 id={`section-${section.key}`}>{section.title}</h2>
          <ul>
            {section.items.map((item) => (
              <li key={item.href}>
                <a href={item.href} lang={item.lang} dir="auto">
                  {item.title}
                </a>
                {item.meta && <> · {item.meta}</>} · <When date={item.at} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2>{t('agreement.organisation.adhesions')}</h2>
      {adhesions.length === 0 && <p>{t('agreement.organisation.noAdhesions')}</p>}
      {adhesions.map((a) => (
        <section key={a.id} aria-labelledby={`adh-${a.id}`}>
          <h3 id={`adh-${a.id}`}>
            <a href={href(locale, `/t/${a.territorySlug}/agreement`)}>{a.territoryName}</a>{' '}
            <Tag tone={a.status === 'member' ? 'good' : a.status === 'pending' ? 'warn' : 'muted'}>{t(`agreement.adhesion.status.${a.status}`)}</Tag>
            {a.status === 'member' && a.currentVersion !== null && a.signedVersion < a.currentVersion && (
              <>
                {' '}
                <Tag tone="warn">{t('agreement.page.renewalRequested')}</Tag>
              </>
            )}
          </h3>
          {a.memberSince && (
            <p>
              {t('agreement.organisation.memberSince')} <When date={a.memberSince} />
            </p>
          )}
          {a.status === 'declined' && a.declineReason && <p>{t('agreement.organisation.declinedBecause', { reason: a.declineReason })}</p>}
          <div class="table-scroll">
            <table class="table">
              <caption>{t('agreement.organisation.history', { agreement: a.territoryName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('agreement.organisation.historyDate')}</th>
                  <th scope="col">{t('agreement.organisation.historyWhat')}</th>
                  <th scope="col">{t('agreement.organisation.historyWho')}</th>
                </tr>
              </thead>
              <tbody>
                {a.events.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <When date={e.at} />
                    </td>
                    <td>
                      {t(`agreement.adhesion.event.${e.kind}`, { version: e.version ?? 0 })}
                      {e.reason && (
                        <>
                          {' — '}
                          <TerritoryText>{e.reason}</TerritoryText>
                        </>
                      )}
                    </td>
                    <td lang={e.actorName ? own : undefined}>{e.actorName === '' ? t('agreement.members.deletedAccount') : (e.actorName ?? '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </Layout>
  );
}

export type OrganisationFormValues = Partial<OrganisationInput>;

export function OrganisationForm({ action, title, districts, values, errors, logoAction, logoErrors }: { action: string; title: string; districts: Area[]; values: OrganisationFormValues; errors: FieldErrors; logoAction?: string; logoErrors?: FieldErrors }) {
  const { t, locale } = useView();
  return (
    <Layout title={title}>
      <ErrorSummary errors={{ ...errors, ...(logoErrors ?? {}) }} />
      <h1>{title}</h1>
      <Form action={action}>
        <TextInput name="name" label={t('agreement.organisation.name')} value={values.name} error={errors.name} autocomplete="organization" />
        <Select
          name="type"
          label={t('agreement.organisation.type')}
          placeholder={t('agreement.organisation.choose')}
          options={organisationTypes.map((ty) => ({ value: ty, label: t(`agreement.type.${ty}`) }))}
          value={values.type}
          error={errors.type}
        />
        <TextArea name="description" label={t('agreement.organisation.description')} hint={t('agreement.organisation.descriptionHint')} value={values.description} error={errors.description} maxLength={4000} />
        <Choices type="checkbox" name="areas" label={t('agreement.organisation.areas')} options={areasOfWork.map((a) => ({ value: a, label: t(`agreement.area.${a}`) }))} value={values.areas ?? []} error={errors.areas} />
        {districts.length > 0 && (
          <Choices
            type="checkbox"
            name="districtIds"
            label={t('agreement.organisation.districts')}
            hint={t('agreement.organisation.districtsHint')}
            options={districts.map((d) => ({ value: d.id, label: d.name }))}
            value={values.districtIds ?? []}
            error={errors.districtIds}
          />
        )}
        <Choices type="checkbox" name="languages" label={t('agreement.organisation.languages')} options={workingLanguages.map((l) => ({ value: l, label: languageName(l, locale) }))} value={values.languages ?? []} error={errors.languages} />
        <TextInput name="website" type="url" label={t('agreement.organisation.website')} hint={t('agreement.organisation.websiteHint')} value={values.website} error={errors.website} />
        <TextInput name="publicEmail" type="email" label={t('agreement.organisation.email')} hint={t('agreement.organisation.emailHint')} value={values.publicEmail} error={errors.publicEmail} autocomplete="email" />
        <TextInput name="publicPhone" type="tel" label={t('agreement.organisation.phone')} value={values.publicPhone} error={errors.publicPhone} autocomplete="tel" />
        <Button>{t('agreement.organisation.save')}</Button>
      </Form>
      {logoAction && (
        <section aria-labelledby="logo">
          <h2 id="logo">{t('agreement.logo.title')}</h2>
          <Form action={logoAction} enctype="multipart/form-data">
            <div class={`form-group${logoErrors?.logo ? ' form-group--error' : ''}`}>
              <label class="label" for="f-logo">
                {t('agreement.logo.label')}
              </label>
              <p class="hint" id="f-logo-hint">
                {t('agreement.logo.hint')}
              </p>
              {logoErrors?.logo && (
                <p class="error-message" id="f-logo-error">
                  {t(logoErrors.logo)}
                </p>
              )}
              <input class="file-upload" id="f-logo" name="logo" type="file" accept="image/png,image/jpeg" aria-describedby={logoErrors?.logo ? 'f-logo-hint f-logo-error' : 'f-logo-hint'} />
            </div>
            <Button variant="secondary">{t('agreement.logo.submit')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
