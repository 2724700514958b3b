// Statement pages: a territory's statements, drafting one, and one statement (its text in the reader's
// language or the original, marked; signatories; signing, translating, opening and publishing).
import { Layout } from '../../../platform/views/layout.tsx';
import { InLang, PersonName, Sentence, TerritoryText } from '../../../platform/views/lang.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { localeNames, locales } from '../../../platform/i18n/locales.ts';
import { Button, ErrorSummary, FileInput, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { Territory } from '../../territories/territory.service.ts';
import { territoryName } from '../../territories/territory.service.ts';
import type { Organisation } from '../../agreement/organisations/organisation.service.ts';
import type { NetworkOption } from '../events/event.views.tsx';
import { maxAnalysisFiles, type Statement, type StatementDetail, type StatementKind, type StatementSummary } from './statement.service.ts';
import { acceptedExtensions } from '../../library/library.service.ts';
import { FilterChips, MunicipalityName, MunicipalitySelect, municipalityChip, type MunicipalityOption } from '../../../platform/views/municipality.tsx';
import { CoproductionNav, Notice, Paragraphs, Tag, When } from '../components.tsx';

const sizeText = (bytes: number, locale: string) => new Intl.NumberFormat(locale, { style: 'unit', unit: bytes >= 1024 * 1024 ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(bytes >= 1024 * 1024 ? bytes / 1024 / 1024 : Math.max(1, bytes / 1024));
/** Where a kind's pages are, and the prefix of its list's messages. */
const plural = (kind: StatementKind) => (kind === 'analysis' ? 'analyses' : 'statements');

const languageOptions = () => locales.map((l) => ({ value: l, label: localeNames[l], lang: l }));

function StatusTag({ status }: { status: Statement['status'] }) {
  const { t } = useView();
  return <Tag {...(status === 'published' ? { tone: 'good' as const } : status === 'draft' ? { tone: 'muted' as const } : {})}>{t(`coproduction.statement.status.${status}`)}</Tag>;
}

export function StatementsPage({
  territory,
  kind = 'statement',
  statements,
  canDraft,
  municipalities = [],
  municipality,
}: {
  territory: Territory;
  kind?: StatementKind;
  statements: StatementSummary[];
  canDraft: boolean;
  /** A forum's municipalities: each statement says where its signatories are registered, and the list filters by it. */
  municipalities?: MunicipalityOption[];
  municipality?: string | undefined;
}) {
  const { t, locale } = useView();
  const k = plural(kind);
  const title = t(`coproduction.${k}.title`, { territory: territoryName(territory, locale).text });
  const path = href(locale, `/t/${territory.slug}/${k}`);
  return (
    <Layout title={title}>
      <CoproductionNav slug={territory.slug} current={k} />
      <h1>{title}</h1>
      <p class="lead">{t(`coproduction.${k}.lead`)}</p>
      {canDraft && (
        <p>
          <a class="button" href={href(locale, `/t/${territory.slug}/${k}/new`)}>
            {t(`coproduction.${k}.new`)}
          </a>
        </p>
      )}
      {municipalities.length > 0 && (
        <Form action={path} method="get" class="filters">
          <div class="filters__row">
            <MunicipalitySelect municipalities={municipalities} value={municipality} label={t('coproduction.statements.signedFromFilter')} />
          </div>
          <Button variant="secondary">{t('coproduction.filter')}</Button>
        </Form>
      )}
      <FilterChips chips={municipalityChip(municipalities, municipality, path, t)} />
      {statements.length === 0 ? (
        <p>{t(`coproduction.${k}.none`)}</p>
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
              {municipalities.length > 0 && s.signatoryTerritoryIds.length > 0 && (
                <p class="card__meta">
                  {t('coproduction.statements.signedFrom')}{' '}
                  {s.signatoryTerritoryIds.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <MunicipalityName municipalities={municipalities} territoryId={id} />
                    </span>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <ul>
        <li>
          <a href={href(locale, `/t/${territory.slug}/${k}.csv`)}>{t(`coproduction.${k}.csv`)}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/${k}.json`)}>{t(`coproduction.${k}.json`)}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function NewStatementPage({ territory, kind = 'statement', networks, values, errors }: { territory: Territory; kind?: StatementKind; networks: NetworkOption[]; values: Record<string, string>; errors: FieldErrors }) {
  const { t, locale } = useView();
  const k = plural(kind);
  const title = t(`coproduction.${k}.new`);
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <p>
        <a href={href(locale, `/t/${territory.slug}/${k}`)}>{t(`coproduction.${k}.back`, { territory: territoryName(territory, locale).text })}</a>
      </p>
      <h1>{title}</h1>
      <Form action={href(locale, `/t/${territory.slug}/${k}/new`)}>
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
  /** A forum's municipalities: each signatory shows where it is registered. */
  municipalities?: MunicipalityOption[];
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
      <Notice notice={p.notice} allowed={['drafted', 'translated', 'opened', 'signed', 'withdrawn', 'published', 'fileAttached', 'fileRemoved']} />
      <p>
        <a href={href(locale, `/t/${p.territory.slug}/${plural(s.kind)}`)}>{t(`coproduction.${plural(s.kind)}.back`, { territory: territoryName(p.territory, locale).text })}</a>
      </p>
      {s.kind === 'analysis' && <p class="card__meta">{t('coproduction.analysis.label')}</p>}
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
      {s.kind === 'analysis' && (
        <section aria-labelledby="analysis-files">
          <h2 id="analysis-files">{t('coproduction.analysis.files')}</h2>
          {p.detail.files.length === 0 ? (
            <p>{t('coproduction.analysis.noFiles')}</p>
          ) : (
            <ul>
              {p.detail.files.map((f) => (
                <li key={f.id}>
                  <a href={href(locale, `/statements/${s.id}/files/${f.id}`)} download={f.name} dir="auto">
                    {f.name}
                  </a>{' '}
                  ({sizeText(f.size, locale)})
                  {p.canDraft && s.status !== 'published' && (
                    <Form action={href(locale, `/statements/${s.id}/files/${f.id}/remove`)} class="inline-form">
                      <Button variant="secondary">{t('coproduction.analysis.removeFile', { name: f.name })}</Button>
                    </Form>
                  )}
                </li>
              ))}
            </ul>
          )}
          {p.canDraft && s.status !== 'published' && p.detail.files.length < maxAnalysisFiles && (
            <Form action={href(locale, `/statements/${s.id}/files`)} enctype="multipart/form-data">
              <FileInput name="file" label={t('coproduction.analysis.attach')} hint={t('coproduction.analysis.attachHint', { count: maxAnalysisFiles, types: acceptedExtensions.join(' ') })} accept={acceptedExtensions.join(',')} error={p.errors.file} />
              <Button variant="secondary">{t('coproduction.analysis.attachButton')}</Button>
            </Form>
          )}
        </section>
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
              {(p.municipalities ?? []).some((m) => m.id === p.detail.signatoryTerritory.get(x.organisationId)) && (
                <>
                  {' '}
                  (<MunicipalityName municipalities={p.municipalities ?? []} territoryId={p.detail.signatoryTerritory.get(x.organisationId)} />)
                </>
              )}
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
