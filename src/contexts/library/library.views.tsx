// Library pages: the territory's library (search, filters, paging) and one item (its text, files, links, comments).
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Button, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { Notice, Paragraphs, Tag } from '../../platform/views/pieces.tsx';
import { noTranslate, PersonName, Sentence } from '../../platform/views/lang.tsx';
import { listHref, Pager, type ListParams } from '../../platform/views/list.tsx';
import { FilterChips, MunicipalityName, MunicipalitySelect, municipalityChip, type MunicipalityOption } from '../../platform/views/municipality.tsx';
import type { Territory, Area } from '../territories/territory.service.ts';
import { territoryName } from '../territories/territory.service.ts';
import { areasOfWork, languageName, workingLanguages } from '../agreement/agreement.settings.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { libraryKinds, perPage, type ItemDetail, type ItemSummary, type LibraryQuery } from './library.service.ts';

const sizeText = (bytes: number, locale: string) => new Intl.NumberFormat(locale, { style: 'unit', unit: bytes >= 1024 * 1024 ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(bytes >= 1024 * 1024 ? bytes / 1024 / 1024 : Math.max(1, bytes / 1024));

function PublishedOn({ date }: { date: Date }) {
  const view = useView();
  return <time dateTime={date.toISOString()}>{view.date(date, { dateStyle: 'long', timeZone: 'Europe/Madrid' })}</time>;
}

/** The item's first language: its title and texts are marked with it. */
const itemLang = (languages: readonly string[]) => languages[0];
/** Names typed without a recorded language (organisations, districts) are taken to be in the territory's first. */
const dataLang = (territory: Territory) => territory.settings.languages[0];

export interface LibraryPageProps {
  territory: Territory;
  search: { items: ItemSummary[]; total: number; matchedWords: string[]; terms: string[] };
  query: LibraryQuery;
  districts: Area[];
  canShare: boolean;
  /** A forum's municipalities: each item says where its publishing organisation is registered, and the list filters by it. */
  municipalities?: MunicipalityOption[];
  municipality?: string | undefined;
  /** Where each publishing organisation is registered, by organisation id. */
  publishedIn?: Map<string, string>;
}

/** " · " and the municipality its publishing organisation is registered in, when that is one of the forum's. */
function PublisherMunicipality({ item, municipalities, publishedIn }: { item: Pick<ItemSummary, 'publisherKind' | 'publisherId'>; municipalities: MunicipalityOption[]; publishedIn: Map<string, string> }) {
  const territoryId = item.publisherKind === 'organisation' && item.publisherId ? publishedIn.get(item.publisherId) : undefined;
  if (!municipalities.some((m) => m.id === territoryId)) return null;
  return (
    <>
      {' ('}
      <MunicipalityName municipalities={municipalities} territoryId={territoryId} />
      {')'}
    </>
  );
}

export function LibraryPage({ territory, search, query, districts, canShare, municipalities = [], municipality, publishedIn = new Map() }: LibraryPageProps) {
  const { t, locale } = useView();
  const title = t('library.list.title', { territory: territoryName(territory, locale).text });
  const path = href(locale, `/t/${territory.slug}/library`);
  const params: ListParams = { q: query.q || undefined, kind: query.kind || undefined, area: query.area || undefined, district: query.district || undefined, language: query.language || undefined, municipality };
  const corrected = search.matchedWords.filter((w) => !search.terms.includes(w));
  const feed = `${path}/feed.atom`;
  return (
    <Layout title={title} description={t('library.list.lead')} feeds={[{ href: feed, title }]}>
      <h1>{title}</h1>
      <p class="lead">{t('library.list.lead')}</p>
      {canShare && (
        <p>
          <a class="button" href={href(locale, `/t/${territory.slug}/library/new`)}>
            {t('library.list.share')}
          </a>
        </p>
      )}
      <Form action={path} method="get" class="filters">
        <div role="search">
          <TextInput name="q" type="search" label={t('library.list.search')} hint={t('library.list.searchHint')} value={query.q} />
          <div class="filters__row">
            <Select name="kind" label={t('library.item.kind')} placeholder={t('library.list.any')} options={libraryKinds.map((k) => ({ value: k, label: t(`library.kind.${k}`) }))} value={query.kind} />
            <Select name="area" label={t('library.item.areas')} placeholder={t('library.list.any')} options={areasOfWork.map((a) => ({ value: a, label: t(`agreement.area.${a}`) }))} value={query.area} />
            {districts.length > 0 && <Select name="district" label={t('library.item.districts')} placeholder={t('library.list.any')} options={districts.map((d) => ({ value: d.id, label: d.name, lang: dataLang(territory) }))} value={query.district} />}
            <Select name="language" label={t('library.item.languages')} placeholder={t('library.list.any')} options={workingLanguages.map((l) => ({ value: l, label: languageName(l, locale as Locale), lang: l }))} value={query.language} />
            <MunicipalitySelect municipalities={municipalities} value={municipality} label={t('library.list.publishedFrom')} />
          </div>
          <Button variant="secondary">{t('library.list.find')}</Button>
        </div>
      </Form>
      <FilterChips chips={municipalityChip(municipalities, municipality, listHref(path, params, { municipality: undefined }), t)} />
      {corrected.length > 0 && <p>{t('library.list.alsoWords', { words: corrected.join(', ') })}</p>}
      <Pager total={search.total} list={{ q: query.q ?? '', sort: 'published', dir: 'desc', page: query.page ?? 1, perPage }} path={path} params={params} />
      {search.items.length > 0 && (
        <ul class="card-list">
          {search.items.map((item) => (
            <li class="card" key={item.id}>
              <h2 class="card__title">
                <a href={href(locale, `/t/${territory.slug}/library/${item.id}`)} lang={itemLang(item.languages)} dir="auto">
                  {item.title}
                </a>
              </h2>
              <p class="card__meta">
                <Tag>{t(`library.kind.${item.kind}`)}</Tag> <span lang={dataLang(territory)}>{item.publisherName}</span>
                <PublisherMunicipality item={item} municipalities={municipalities} publishedIn={publishedIn} /> · <PublishedOn date={item.publishedAt} />
              </p>
              <p lang={itemLang(item.languages)} dir="auto">
                {item.summary}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('library.list.openData')}</h2>
      <ul>
        <li>
          <a href={feed} type="application/atom+xml">
            {t('library.list.feed')}
          </a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/library.csv`)}>{t('library.list.csv')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/library.json`)}>{t('library.list.json')}</a>
        </li>
        <li>
          <a href={href(locale, `/t/${territory.slug}/library/datapackage.json`)}>{t('library.list.datapackage')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export interface ItemPageProps {
  territory: Territory;
  detail: ItemDetail;
  districts: Area[];
  canEdit: boolean;
  commenters: { id: string; name: string }[];
  canModerate: boolean;
  viewerId: string | null;
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
  /** A forum's municipalities and where the publishing organisation is registered. */
  municipalities?: MunicipalityOption[];
  publishedIn?: Map<string, string>;
}

export function ItemPage(p: ItemPageProps) {
  const { t, locale } = useView();
  const { item, files, comments } = p.detail;
  const base = `/t/${p.territory.slug}/library/${item.id}`;
  const lang = itemLang(item.languages);
  const districtNames = p.districts.filter((d) => item.districtIds.includes(d.id)).map((d) => d.name);
  return (
    <Layout title={item.title} description={item.summary.slice(0, 160)}>
      <ErrorSummary errors={p.errors} />
      <Notice notice={p.notice} allowed={['shared', 'edited', 'commented', 'removed', 'hidden', 'shown']} prefix="library" />
      <p>
        <a href={href(locale, `/t/${p.territory.slug}/library`)}>{t('library.item.back', { territory: territoryName(p.territory, locale).text })}</a>
      </p>
      <article>
        <p class="card__meta">
          <Tag>{t(`library.kind.${item.kind}`)}</Tag>
        </p>
        <h1 lang={lang} dir="auto">
          {item.title}
        </h1>
        <p class="lead" lang={lang} dir="auto">
          {item.summary}
        </p>
        <div lang={lang}>
          <Paragraphs text={item.body} />
        </div>
      </article>
      {p.canEdit && (
        <p>
          <a class="button button--secondary" href={href(locale, `${base}/edit`)}>
            {t('library.item.edit')}
          </a>
        </p>
      )}
      <dl class="summary-list">
        <dt>{t('library.item.publisher')}</dt>
        <dd>
          <span lang={dataLang(p.territory)}>{item.publisherName}</span>
          <PublisherMunicipality item={item} municipalities={p.municipalities ?? []} publishedIn={p.publishedIn ?? new Map()} />
        </dd>
        <dt>{t('library.item.published')}</dt>
        <dd>
          <PublishedOn date={item.publishedAt} />
        </dd>
        <dt>{t('library.item.areas')}</dt>
        <dd>{item.areas.map((a) => t(`agreement.area.${a}`)).join(', ')}</dd>
        <dt>{t('library.item.districts')}</dt>
        {districtNames.length ? <dd lang={dataLang(p.territory)}>{districtNames.join(', ')}</dd> : <dd>{t('library.item.wholeTerritory')}</dd>}
        <dt>{t('library.item.languages')}</dt>
        <dd>
          {item.languages.map((l, i) => (
            <span key={l}>
              {i > 0 && ', '}
              {languageName(l, locale as Locale)}
            </span>
          ))}
        </dd>
        <dt>{t('library.item.licence')}</dt>
        <dd>{t(`library.licence.${item.licence}`)}</dd>
      </dl>
      {files.length > 0 && (
        <section aria-labelledby="files">
          <h2 id="files">{t('library.item.files')}</h2>
          <ul>
            {files.map((f) => (
              <li key={f.id}>
                <a href={href(locale, `${base}/files/${f.id}`)} download={f.name} dir="auto" {...noTranslate}>
                  {f.name}
                </a>{' '}
                ({sizeText(f.size, locale)})
              </li>
            ))}
          </ul>
        </section>
      )}
      {item.links.length > 0 && (
        <section aria-labelledby="links">
          <h2 id="links">{t('library.item.links')}</h2>
          <ul>
            {item.links.map((l) => (
              <li key={l.url}>
                <a href={l.url} rel="noopener noreferrer nofollow" dir="auto">
                  {l.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="comments">
        <h2 id="comments">{t('library.comments.title', { count: comments.filter((c) => !c.hiddenAt).length })}</h2>
        {comments.length > 0 && (
          <ul class="card-list">
            {comments.map((c) => {
              const mine = p.viewerId !== null && c.personId === p.viewerId;
              const hiddenFromViewer = c.hiddenAt && !mine && !p.canModerate;
              return (
                <li class="card" key={c.id} id={`comment-${c.id}`}>
                  <p class="card__meta">
                    {c.authorName ? <PersonName>{c.authorName}</PersonName> : t('library.deletedAccount')} · <span lang={dataLang(p.territory)}>{c.organisationName}</span> · <PublishedOn date={c.createdAt} />
                  </p>
                  {hiddenFromViewer ? (
                    <p>
                      <em>{t('library.comments.hiddenPublic')}</em>
                    </p>
                  ) : (
                    <>
                      {c.hiddenAt && (
                        <p>
                          <Tag tone="warn">{t('library.comments.hidden', { reason: c.hiddenReason ?? '' })}</Tag>
                        </p>
                      )}
                      {/* In the language of the page it was typed on. */}
                      <Paragraphs text={c.body} lang={c.lang} />
                    </>
                  )}
                  {mine && (
                    <Form action={href(locale, `${base}/comments/${c.id}/remove`)}>
                      <Button variant="secondary">{t('library.comments.remove')}</Button>
                    </Form>
                  )}
                  {p.canModerate && !c.hiddenAt && (
                    <Form action={href(locale, `${base}/comments/${c.id}/hide`)}>
                      <TextInput name={`reason-${c.id}`} label={t('library.comments.reason')} value={p.values[`reason-${c.id}`]} error={p.errors[`reason-${c.id}`]} />
                      <Button variant="warning">{t('library.comments.hide')}</Button>
                    </Form>
                  )}
                  {p.canModerate && c.hiddenAt && (
                    <Form action={href(locale, `${base}/comments/${c.id}/show`)}>
                      <Button variant="secondary">{t('library.comments.show')}</Button>
                    </Form>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {p.commenters.length > 0 ? (
          <Form action={href(locale, `${base}/comments`)}>
            {p.commenters.length === 1 ? (
              <input type="hidden" name="organisationId" value={p.commenters[0]!.id} />
            ) : (
              <Select name="organisationId" label={t('library.comments.for')} options={p.commenters.map((o) => ({ value: o.id, label: o.name, lang: dataLang(p.territory) }))} value={p.values.organisationId} error={p.errors.organisationId} />
            )}
            <TextArea name="body" label={
                p.commenters.length === 1 ? (
                  <Sentence say={(v) => t('library.comments.yourCommentFor', v)} data={{ organisation: <span lang={dataLang(p.territory)}>{p.commenters[0]!.name}</span> }} />
                ) : (
                  t('library.comments.yourComment')
                )
              } value={p.values.body} error={p.errors.body} rows={4} />
            <Button>{t('library.comments.send')}</Button>
          </Form>
        ) : (
          <p>{t('library.comments.membersOnly')}</p>
        )}
      </section>
    </Layout>
  );
}
