// Statement pages: a territory's statements, drafting one, and one statement (its text in the reader's
// language or the original, marked; signatories; signing, translating, opening and publishing).
import { Layout } from '../../../platform/views/layout.tsx';
import { InLang, PersonName, Sentence, TerritoryText } from '../../../platform/views/lang.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { localeNames, locales } from '../../../platform/i18n/locales.ts';
import { Button, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { Territory } from '../../territories/territory.service.ts';
import type { Organisation } from '../../agreement/organisations/organisation.service.ts';
import type { NetworkOption } from '../events/event.views.tsx';
import type { Statement, StatementDetail } from './statement.service.ts';
import { CoproductionNav, Notice, Paragraphs, Tag, When } from '../components.tsx';

const languageOptions = () => locales.map((l) => ({ value: l, label: localeNames[l], lang: l }));

function StatusTag({ status }: { status: Statement['status'] }) {
  const { t } = useView();
  return <Tag {...(status === 'published' ? { tone: 'good' as const } : status === 'draft' ? { tone: 'muted' as const } : {})}>{t(`coproduction.statement.status.${status}`)}</Tag>;
}

export function StatementsPage({ territory, statements, canDraft }: { territory: Territory; statements: (Statement & { title: string; signatures: number })[]; canDraft: boolean }) {
  const { t, locale } = useView();
  const title = t('coproduction.statements.title', { territory: territory.name });
  return (
    <Layout title={title}>
      <CoproductionNav slug={territory.slug} current="statements" />
      <h1>{title}</h1>
      <p class="lead">{t('coproduction.statements.lead')}</p>
      {canDraft && (
        <p>
          <a class="button" href={href(locale, `/t/${territory.slug}/statements/new`)}>
            {t('coproduction.statements.new')}
          </a>
        </p>
      )}
      {statements.length === 0 ? (
        <p>{t('coproduction.statements.none')}</p>
      ) : (
        <ul class="card-list">
          {statements.map((s) => (
            <li class="card" key={s.id}>
              <h2 class="card__title">
                <a href={href(locale, `/statements/${s.id}`)} lang={s.originalLocale} dir="auto">
                  {s.title}
                </a>
              </h2>
              <p class="card__meta">
                <StatusTag status={s.status} /> {s.publishedAt && <When date={s.publishedAt} time={false} />}
              </p>
              <p class="card__meta">{t('coproduction.statement.signatureCount', { count: s.signatures })}</p>
            </li>
          ))}
        </ul>
      )}
      <ul>
        <li>
          <a href={href(locale, `/t/${territory.slug}/statements.csv`)}>{t('coproduction.statements.csv')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/statements.json`)}>{t('coproduction.statements.json')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function NewStatementPage({ territory, networks, values, errors }: { territory: Territory; networks: NetworkOption[]; values: Record<string, string>; errors: FieldErrors }) {
  const { t, locale } = useView();
  const title = t('coproduction.statements.new');
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <p>
        <a href={href(locale, `/t/${territory.slug}/statements`)}>{t('coproduction.statements.back', { territory: territory.name })}</a>
      </p>
      <h1>{title}</h1>
      <Form action={href(locale, `/t/${territory.slug}/statements/new`)}>
        <Select name="networkId" label={t('coproduction.events.network')} placeholder="" options={networks.map((n) => ({ value: n.id, label: n.name, ...(n.lang !== locale ? { lang: n.lang } : {}) }))} value={values.networkId} error={errors.networkId} />
        <Select name="locale" label={t('coproduction.statement.language')} hint={t('coproduction.statement.languageHint')} options={languageOptions()} value={values.locale ?? locale} error={errors.locale} />
        <TextInput name="title" label={t('coproduction.statement.titleLabel')} value={values.title} error={errors.title} />
        <TextArea name="body" label={t('coproduction.statement.body')} value={values.body} error={errors.body} rows={12} />
        <Button>{t('coproduction.statement.saveDraft')}</Button>
      </Form>
    </Layout>
  );
}

export interface StatementPageProps {
  territory: Territory;
  detail: StatementDetail;
  networkName: string;
  networkLang: string | null;
  signers: Organisation[];
  canDraft: boolean;
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
  now: Date;
}

export function StatementPage(p: StatementPageProps) {
  const { t, locale } = useView();
  const s = p.detail.statement;
  const original = p.detail.texts.find((x) => x.locale === s.originalLocale)!;
  const shown = p.detail.texts.find((x) => x.locale === locale) ?? original;
  const isOriginal = shown.locale === s.originalLocale;
  const signedIds = new Set(p.detail.signatures.map((x) => x.organisationId));
  const open = s.status === 'signing' && (!s.signingClosesAt || s.signingClosesAt > p.now);
  const languageNames = new Intl.DisplayNames([locale], { type: 'language' });
  return (
    <Layout title={shown.title} description={shown.body.slice(0, 160)}>
      <ErrorSummary errors={p.errors} />
      <Notice notice={p.notice} allowed={['drafted', 'translated', 'opened', 'signed', 'withdrawn', 'published']} />
      <p>
        <a href={href(locale, `/t/${p.territory.slug}/statements`)}>{t('coproduction.statements.back', { territory: p.territory.name })}</a>
      </p>
      <article lang={shown.locale} dir="auto">
        <h1>{shown.title}</h1>
        <Paragraphs text={shown.body} />
      </article>
      <p class="lead">
        <StatusTag status={s.status} /> <InLang lang={p.networkLang}>{p.networkName}</InLang>
        {s.publishedAt && (
          <>
            {' · '}
            {t('coproduction.statement.publishedOn')} <When date={s.publishedAt} time={false} />
          </>
        )}
      </p>
      <p>
        {isOriginal ? t('coproduction.statement.isOriginal', { language: languageNames.of(shown.locale) ?? shown.locale }) : t('coproduction.statement.isTranslation', { language: languageNames.of(s.originalLocale) ?? s.originalLocale })}{' '}
        <bdi>
          <Sentence say={(v) => t('coproduction.statement.writtenBy', v)} data={{ name: shown.writtenByName ? <PersonName>{shown.writtenByName}</PersonName> : t('coproduction.deletedAccount') }} />
        </bdi>
      </p>
      {p.detail.texts.length > 1 && (
        <>
          <h2>{t('coproduction.statement.otherLanguages')}</h2>
          <ul>
            {p.detail.texts
              .filter((x) => x.locale !== shown.locale)
              .map((x) => (
                <li key={x.locale}>
                  <a href={`/${x.locale}/statements/${s.id}`} hreflang={x.locale} lang={x.locale}>
                    {localeNames[x.locale as keyof typeof localeNames] ?? x.locale}
                  </a>
                  {x.locale === s.originalLocale && <> ({t('coproduction.statement.original')})</>}
                </li>
              ))}
          </ul>
        </>
      )}
      <h2>{t('coproduction.statement.signatories', { count: p.detail.signatures.length })}</h2>
      {s.status === 'signing' && s.signingClosesAt && (
        <p>
          {t('coproduction.statement.signingUntil')} <When date={s.signingClosesAt} time={false} />
        </p>
      )}
      {p.detail.signatures.length > 0 && (
        <ul>
          {p.detail.signatures.map((x) => (
            <li key={x.organisationId}>
              <TerritoryText>{x.organisationName}</TerritoryText>
              {p.canDraft && (
                <>
                  {' ('}
                  <Sentence say={(v) => t('coproduction.statement.signedBy', v)} data={{ name: x.signedByName ? <PersonName>{x.signedByName}</PersonName> : t('coproduction.deletedAccount') }} />)
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && p.signers.length > 0 && (
        <section class="panel" aria-labelledby="sign">
          <h2 id="sign">{t('coproduction.statement.sign')}</h2>
          {p.signers.filter((o) => !signedIds.has(o.id)).length > 0 && (
            <Form action={href(locale, `/statements/${s.id}/sign`)}>
              <Select name="organisationId" label={t('coproduction.statement.signFor')} options={p.signers.filter((o) => !signedIds.has(o.id)).map((o) => ({ value: o.id, label: o.name }))} value={p.values.organisationId} error={p.errors.organisationId} />
              <Button>{t('coproduction.statement.signButton')}</Button>
            </Form>
          )}
          {p.signers
            .filter((o) => signedIds.has(o.id))
            .map((o) => (
              <Form key={o.id} action={href(locale, `/statements/${s.id}/withdraw`)}>
                <input type="hidden" name="organisationId" value={o.id} />
                <p>{t('coproduction.statement.signedFor', { organisation: o.name })}</p>
                <Button variant="secondary">{t('coproduction.statement.withdraw', { organisation: o.name })}</Button>
              </Form>
            ))}
        </section>
      )}
      {p.canDraft && s.status !== 'published' && (
        <section class="panel" aria-labelledby="drafters">
          <h2 id="drafters">{t('coproduction.statement.drafters')}</h2>
          {s.status === 'draft' && (
            <Form action={href(locale, `/statements/${s.id}/open`)}>
              <TextInput name="closesOn" type="date" label={t('coproduction.statement.closesOn')} hint={t('coproduction.event.dateHint')} value={p.values.closesOn} error={p.errors.closesOn} width="short" />
              <Button>{t('coproduction.statement.openSigning')}</Button>
            </Form>
          )}
          {s.status === 'signing' && (
            <Form action={href(locale, `/statements/${s.id}/publish`)}>
              {p.errors.publish && (
                <p class="error-message" id="f-publish">
                  {t(p.errors.publish)}
                </p>
              )}
              <Button>{t('coproduction.statement.publish')}</Button>
            </Form>
          )}
          <h3>{t('coproduction.statement.translate')}</h3>
          <Form action={href(locale, `/statements/${s.id}/translations`)}>
            <Select name="locale" label={t('coproduction.statement.language')} options={languageOptions().filter((o) => o.value !== s.originalLocale)} value={p.values.locale} error={p.errors.locale} />
            <TextInput name="title" label={t('coproduction.statement.titleLabel')} value={p.values.title} error={p.errors.title} />
            <TextArea name="body" label={t('coproduction.statement.body')} value={p.values.body} error={p.errors.body} rows={8} />
            <Button variant="secondary">{t('coproduction.statement.saveTranslation')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
