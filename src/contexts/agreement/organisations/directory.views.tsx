// The public directory (Connect): search and filters, the organisations and networks found, and a map by district.
import { Layout } from '../../../platform/views/layout.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Choropleth } from '../../../platform/views/choropleth.tsx';
import { Button, Form, Select, TextInput } from '../../../platform/views/forms.tsx';
import { territoryName, type AreaSummary, type Territory } from '../../territories/territory.service.ts';
import { FilterChips, MunicipalityName, MunicipalitySelect, municipalityChip } from '../../../platform/views/municipality.tsx';
import { InText, pickIn, Sentence, TerritoryText, useDataLang } from '../../../platform/views/lang.tsx';
import { organisationTypes } from '../agreement.schema.ts';
import { areasOfWork, languageName, workingLanguages } from '../agreement.settings.ts';
import type { DirectoryQuery, DirectoryResult } from './directory.service.ts';
import { highlight } from './directory.query.ts';
import type { NetworkSummary } from '../networks/network.service.ts';
import { AgreementNav, AreaList, Tag } from '../components.tsx';
import { pick } from '../../../platform/i18n/translations.ts';

export function DirectoryPage({
  territory,
  query,
  result,
  districts,
  networks,
  municipalities = [],
}: {
  territory: Territory;
  query: DirectoryQuery;
  result: DirectoryResult;
  districts: AreaSummary[];
  networks: NetworkSummary[];
  /** A forum's municipalities: each organisation shows where it is registered, and the list filters by it. */
  municipalities?: Territory[];
}) {
  const { t, locale, number } = useView();
  // District and organisation names, descriptions: typed in the territory's language.
  const own = useDataLang();
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  const mapped = districts.filter((d) => d.svgPath);
  const filtered = Object.values(query).some((v) => v);
  const { understood } = result;
  const matched = new Set(understood.matchedWords);
  const Marked = ({ text }: { text: string }) => <>{highlight(text, matched, understood.terms).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}</>;
  const link = (params: Record<string, string | undefined>) => {
    const kept = Object.entries({ ...clean(query), ...params }).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
    return href(locale, `/t/${territory.slug}/directory${kept.length ? `?${new URLSearchParams(kept).toString()}` : ''}`);
  };
  const networkName = new Map(networks.map((n) => [n.id, pick(n.name, locale)]));
  const options = municipalities.map((m) => ({ id: m.id, slug: m.slug, ...territoryName(m, locale) }));
  // Every filter in force, each a link that removes it: a filter read from the question is removed by taking its words
  // out of the question; a chosen one, by dropping it.
  const chips: { label: string; href: string; fromQuestion: boolean }[] = [
    ...(understood.area && understood.withoutArea !== null ? [{ label: t('agreement.directory.understoodArea', { area: t(`agreement.area.${understood.area}`) }), href: link({ q: understood.withoutArea }), fromQuestion: true }] : []),
    ...(understood.district && understood.withoutDistrict !== null && districtName.has(understood.district)
      ? [{ label: t('agreement.directory.understoodDistrict', { district: districtName.get(understood.district)! }), href: link({ q: understood.withoutDistrict }), fromQuestion: true }]
      : []),
    ...(query.type && (organisationTypes as readonly string[]).includes(query.type) ? [{ label: t('agreement.directory.filterType', { type: t(`agreement.type.${query.type}`) }), href: link({ type: undefined }), fromQuestion: false }] : []),
    ...(query.area && (areasOfWork as readonly string[]).includes(query.area) ? [{ label: t('agreement.directory.understoodArea', { area: t(`agreement.area.${query.area}`) }), href: link({ area: undefined }), fromQuestion: false }] : []),
    ...(query.district && districtName.has(query.district) ? [{ label: t('agreement.directory.understoodDistrict', { district: districtName.get(query.district)! }), href: link({ district: undefined }), fromQuestion: false }] : []),
    ...(query.network && networkName.has(query.network) ? [{ label: t('agreement.directory.filterNetwork', { network: networkName.get(query.network)! }), href: link({ network: undefined }), fromQuestion: false }] : []),
    ...municipalityChip(options, query.municipality, link({ municipality: undefined }), t).map((chip) => ({ ...chip, fromQuestion: false })),
    ...(query.language && (workingLanguages as readonly string[]).includes(query.language) ? [{ label: t('agreement.directory.filterLanguage', { language: languageName(query.language, locale) }), href: link({ language: undefined }), fromQuestion: false }] : []),
  ];
  const readFromQuestion = chips.some((c) => c.fromQuestion);
  return (
    <Layout title={t('agreement.directory.title', { territory: territory.name })}>
      <AgreementNav slug={territory.slug} current="directory" />
      <h1>{t('agreement.directory.title', { territory: territory.name })}</h1>
      <p class="lead">{t('agreement.directory.lead')}</p>
      <Form action={href(locale, `/t/${territory.slug}/directory`)} method="get" class="filters">
        <TextInput name="q" type="search" label={t('agreement.directory.q')} hint={<Sentence say={(v) => t('agreement.directory.qHint', v)} data={{ district: <TerritoryText>Nou Barris</TerritoryText> }} />} value={query.q} />
        <div class="filters__row">
          <Select name="type" label={t('agreement.directory.type')} placeholder={t('agreement.directory.any')} options={organisationTypes.map((v) => ({ value: v, label: t(`agreement.type.${v}`) }))} value={query.type} />
          <Select name="area" label={t('agreement.directory.area')} placeholder={t('agreement.directory.any')} options={areasOfWork.map((v) => ({ value: v, label: t(`agreement.area.${v}`) }))} value={query.area} />
          <MunicipalitySelect municipalities={options} value={query.municipality} />
          {districts.length > 0 && <Select name="district" label={t('agreement.directory.district')} placeholder={t('agreement.directory.any')} options={districts.map((d) => ({ value: d.id, label: d.name, lang: own }))} value={query.district} />}
          <Select name="network" label={t('agreement.directory.network')} placeholder={t('agreement.directory.any')} options={networks.map((n) => ({ value: n.id, label: pick(n.name, locale), lang: pickIn(n.name, locale).lang === locale ? undefined : pickIn(n.name, locale).lang }))} value={query.network} />
          <Select name="language" label={t('agreement.directory.language')} placeholder={t('agreement.directory.any')} options={workingLanguages.map((l) => ({ value: l, label: languageName(l, locale) }))} value={query.language} />
        </div>
        <Button>{t('agreement.directory.search')}</Button>
        {filtered && (
          <p>
            <a href={href(locale, `/t/${territory.slug}/directory`)}>{t('agreement.directory.clear')}</a>
          </p>
        )}
      </Form>
      <h2 id="results" aria-live="polite">
        {t('agreement.directory.found', { count: result.total })}
      </h2>
      <FilterChips chips={chips} heading={readFromQuestion ? t('agreement.directory.understood') : t('agreement.directory.filters')}>
        {readFromQuestion && understood.terms.length > 0 && <p>{t('agreement.directory.understoodWords', { words: understood.terms.join(', ') })}</p>}
      </FilterChips>
      {understood.withoutWords && <p role="note">{t('agreement.directory.withoutWords')}</p>}
      {understood.anyWord && <p role="note">{t('agreement.directory.anyWord')}</p>}
      {result.total > result.organisations.length && <p>{t('agreement.directory.showing', { shown: result.organisations.length })}</p>}
      <ul class="result-list">
        {result.organisations.map((o) => (
          <li key={o.id}>
            <h3 class="result-list__title">
              <a href={href(locale, `/organisations/${o.id}`)} dir="auto" lang={own}>
                <Marked text={o.name} />
              </a>{' '}
              {o.verified && <Tag tone="good">{t('agreement.organisation.verified')}</Tag>}
            </h3>
            <p class="card__meta">
              {options.some((m) => m.id === o.territoryId) && (
                <>
                  <MunicipalityName municipalities={options} territoryId={o.territoryId} /> ·{' '}
                </>
              )}
              {t(`agreement.type.${o.type}`)} · <AreaList areas={o.areas} />
              {o.districtIds.length > 0 && (
                <>
                  {' · '}
                  <TerritoryText>{o.districtIds.map((d) => districtName.get(d) ?? '').filter(Boolean).join(', ')}</TerritoryText>
                </>
              )}
            </p>
            {o.description && (
              <p dir="auto" lang={own}>
                <Marked text={o.description} />
              </p>
            )}
          </li>
        ))}
      </ul>
      {result.networks.length > 0 && (
        <section aria-labelledby="networks-found">
          <h2 id="networks-found">{t('agreement.directory.networksFound', { count: result.networks.length })}</h2>
          <ul>
            {result.networks.map((n) => (
              <li key={n.id}>
                <a href={href(locale, `/t/${territory.slug}/networks/${n.slug}`)}>
                  <InText text={n.name} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {districts.length > 0 && (
        <section aria-labelledby="by-district">
          <h2 id="by-district">{t('agreement.directory.byDistrict')}</h2>
          <div class="map-and-table">
            {mapped.length > 0 && (
              <Choropleth
                id="members-map"
                title={t('agreement.directory.mapTitle', { territory: territory.name })}
                description={t('agreement.directory.mapDescription', { territory: territory.name, count: result.total })}
                areas={mapped.map((d) => {
                  const value = result.perDistrict.get(d.id) ?? 0;
                  // Where the name is in another language than the page, the label is only the name and the figure.
                  return { code: d.code, name: d.name, path: d.svgPath!, value, label: own ? `${d.name}: ${number(value)}` : t('agreement.directory.areaLabel', { name: d.name, count: value }), lang: own };
                })}
                formatValue={(v) => number(v)}
                noDataLabel={t('agreement.directory.noData')}
                legendLabel={t('agreement.directory.legend')}
              />
            )}
            <div class="table-scroll">
              <table class="table">
                <caption>{t('agreement.directory.tableCaption', { territory: territory.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('agreement.directory.district')}</th>
                    <th scope="col" class="numeric">
                      {t('agreement.directory.organisations')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {districts.map((d) => (
                    <tr key={d.id}>
                      <th scope="row" lang={own}>
                        <a href={href(locale, `/t/${territory.slug}/directory?${new URLSearchParams({ ...clean(query), district: d.id }).toString()}`)}>{d.name}</a>
                      </th>
                      <td class="numeric">{number(result.perDistrict.get(d.id) ?? 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </section>
      )}
    </Layout>
  );
}

function clean(query: DirectoryQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
}
