// Public pages of territories: the home page listing them, and one page per territory.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Choropleth } from '../../platform/views/choropleth.tsx';
import type { AreaSummary, Territory, TerritorySummary } from './territory.service.ts';

export function HomePage({ territories }: { territories: TerritorySummary[] }) {
  const { t, locale, number } = useView();
  return (
    <Layout title={t('territories.home.title')}>
      <h1>{t('territories.home.heading')}</h1>
      <p class="lead">{t('territories.home.lead')}</p>
      <ul class="loop" aria-label={t('territories.home.loopLabel')}>
        {(['audit', 'report', 'diagnose', 'plan', 'verify'] as const).map((step) => (
          <li key={step}>
            <strong>{t(`territories.home.loop.${step}.title`)}</strong> {t(`territories.home.loop.${step}.body`)}
          </li>
        ))}
      </ul>
      <h2>{t('territories.home.territories')}</h2>
      <ul class="card-list">
        {territories.map((te) => (
          <li class="card" key={te.slug}>
            <h3 class="card__title">
              <a href={href(locale, `/t/${te.slug}`)}>{te.name}</a>
            </h3>
            <p class="card__meta">
              {t(`territories.kind.${te.kind}`)}
              {te.districts > 0 && ` · ${t('territories.home.districts', { count: te.districts })}`}
              {te.population !== null && ` · ${t('territories.home.population', { population: number(te.population) })}`}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function TerritoryPage({ territory, districts, related }: { territory: Territory; districts: AreaSummary[]; related: Territory[] }) {
  const { t, locale, number } = useView();
  const withPopulation = districts.filter((d) => d.population !== null);
  const total = withPopulation.reduce((sum, d) => sum + (d.population ?? 0), 0);
  const mapped = districts.filter((d) => d.svgPath);
  return (
    <Layout title={territory.name}>
      <h1>{territory.name}</h1>
      <p class="lead">{t(`territories.kind.${territory.kind}`)}</p>
      {(territory.settings.programmes ?? []).includes('agreement') && (
        <section aria-labelledby="agreement">
          <h2 id="agreement">{t('territories.page.agreement.title')}</h2>
          <p>{t('territories.page.agreement.lead')}</p>
          <ul>
            {(['agreement', 'directory', 'challenges'] as const).map((page) => (
              <li key={page}>
                <a href={href(locale, `/t/${territory.slug}/${page}`)}>{t(`territories.page.agreement.${page}`)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {related.length > 0 && (
        <section aria-labelledby="related">
          <h2 id="related">{t(territory.kind === 'forum' ? 'territories.page.municipalities' : 'territories.page.forums')}</h2>
          <ul>
            {related.map((r) => (
              <li key={r.slug}>
                <a href={href(locale, `/t/${r.slug}`)}>{r.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {districts.length > 0 && (
        <section aria-labelledby="districts">
          <h2 id="districts">{t('territories.page.districts', { count: districts.length })}</h2>
          <div class="map-and-table">
            {mapped.length > 0 && (
              <Choropleth
                id="population-map"
                title={t('territories.page.mapTitle', { territory: territory.name })}
                description={t('territories.page.mapDescription', { territory: territory.name, count: mapped.length })}
                areas={mapped.map((d) => ({
                  code: d.code,
                  name: d.name,
                  path: d.svgPath!,
                  value: d.population,
                  label: d.population === null ? d.name : t('territories.page.areaLabel', { name: d.name, population: number(d.population) }),
                }))}
                formatValue={(v) => number(v)}
                noDataLabel={t('territories.page.noData')}
                legendLabel={t('territories.page.legend')}
              />
            )}
            <div class="table-scroll">
              <table class="table">
                <caption>{t('territories.page.tableCaption', { territory: territory.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('territories.page.code')}</th>
                    <th scope="col">{t('territories.page.district')}</th>
                    <th scope="col" class="numeric">
                      {t('territories.page.population')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {districts.map((d) => (
                    <tr key={d.code}>
                      <td>{d.code}</td>
                      <th scope="row">{d.name}</th>
                      <td class="numeric">{d.population === null ? t('territories.page.unknown') : number(d.population)}</td>
                    </tr>
                  ))}
                </tbody>
                {withPopulation.length > 0 && (
                  <tfoot>
                    <tr>
                      <td />
                      <th scope="row">{t('territories.page.total')}</th>
                      <td class="numeric">{number(total)}</td>
                    </tr>
                  </tfoot>
                )}
              </table>
            </div>
          </div>
          {territory.settings.branding.attribution && <p class="attribution" dir="auto">{territory.settings.branding.attribution}</p>}
        </section>
      )}
    </Layout>
  );
}
