// The public directory (Connect): search and filters, the organisations and networks found, and a map by district.
import { Layout } from '../../../platform/views/layout.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Choropleth } from '../../../platform/views/choropleth.tsx';
import { Button, Form, Select, TextInput } from '../../../platform/views/forms.tsx';
import type { AreaSummary, Territory } from '../../territories/territory.service.ts';
import { organisationTypes } from '../agreement.schema.ts';
import { areasOfWork, languageName, workingLanguages } from '../agreement.settings.ts';
import type { DirectoryQuery, DirectoryResult } from './directory.service.ts';
import { highlight } from './directory.query.ts';
import type { NetworkSummary } from '../networks/network.service.ts';
import { AgreementNav, AreaList, Tag, Tr } from '../components.tsx';
import { pick } from '../translated.ts';

export function DirectoryPage({ territory, query, result, districts, networks }: { territory: Territory; query: DirectoryQuery; result: DirectoryResult; districts: AreaSummary[]; networks: NetworkSummary[] }) {
  const { t, locale, number } = useView();
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  const mapped = districts.filter((d) => d.svgPath);
  const filtered = Object.values(query).some((v) => v);
  const { understood } = result;
  const matched = new Set(understood.matchedWords);
  const Marked = ({ text }: { text: string }) => <>{highlight(text, matched, understood.terms).map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : part.text))}</>;
  const readAs = [
    ...(understood.area ? [t('agreement.directory.understoodArea', { area: t(`agreement.area.${understood.area}`) })] : []),
    ...(understood.district && districtName.has(understood.district) ? [t('agreement.directory.understoodDistrict', { district: districtName.get(understood.district)! })] : []),
  ];
  return (
    <Layout title={t('agreement.directory.title', { territory: territory.name })}>
      <AgreementNav slug={territory.slug} current="directory" />
      <h1>{t('agreement.directory.title', { territory: territory.name })}</h1>
      <p class="lead">{t('agreement.directory.lead')}</p>
      <Form action={href(locale, `/t/${territory.slug}/directory`)} method="get" class="filters">
        <TextInput name="q" type="search" label={t('agreement.directory.q')} hint={t('agreement.directory.qHint')} value={query.q} />
        <div class="filters__row">
          <Select name="type" label={t('agreement.directory.type')} placeholder={t('agreement.directory.any')} options={organisationTypes.map((v) => ({ value: v, label: t(`agreement.type.${v}`) }))} value={query.type} />
          <Select name="area" label={t('agreement.directory.area')} placeholder={t('agreement.directory.any')} options={areasOfWork.map((v) => ({ value: v, label: t(`agreement.area.${v}`) }))} value={query.area} />
          {districts.length > 0 && <Select name="district" label={t('agreement.directory.district')} placeholder={t('agreement.directory.any')} options={districts.map((d) => ({ value: d.id, label: d.name }))} value={query.district} />}
          <Select name="network" label={t('agreement.directory.network')} placeholder={t('agreement.directory.any')} options={networks.map((n) => ({ value: n.id, label: pick(n.name, locale) }))} value={query.network} />
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
      {readAs.length > 0 && (
        <div class="search-understood">
          <p>{t('agreement.directory.understood')}</p>
          <ul>
            {readAs.map((line) => (
              <li key={line}>{line}</li>
            ))}
            {understood.terms.length > 0 && <li>{t('agreement.directory.understoodWords', { words: understood.terms.join(', ') })}</li>}
          </ul>
        </div>
      )}
      {understood.anyWord && <p role="note">{t('agreement.directory.anyWord')}</p>}
      {result.total > result.organisations.length && <p>{t('agreement.directory.showing', { shown: result.organisations.length })}</p>}
      <ul class="result-list">
        {result.organisations.map((o) => (
          <li key={o.id}>
            <h3 class="result-list__title">
              <a href={href(locale, `/organisations/${o.id}`)} dir="auto">
                <Marked text={o.name} />
              </a>{' '}
              {o.verified && <Tag tone="good">{t('agreement.organisation.verified')}</Tag>}
            </h3>
            <p class="card__meta">
              {t(`agreement.type.${o.type}`)} · <AreaList areas={o.areas} />
              {o.districtIds.length > 0 && ` · ${o.districtIds.map((d) => districtName.get(d) ?? '').filter(Boolean).join(', ')}`}
            </p>
            {o.description && (
              <p dir="auto">
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
                  <Tr text={n.name} />
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
                  return { code: d.code, name: d.name, path: d.svgPath!, value, label: t('agreement.directory.areaLabel', { name: d.name, count: value }) };
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
                      <th scope="row">
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
