// A territory's districts with their population, as a map and the same figures in a table (shown on its portal page).
import { useView } from '../../platform/views/context.ts';
import { Choropleth } from '../../platform/views/choropleth.tsx';
import { InLang } from '../../platform/views/lang.tsx';
import { territoryName, type AreaSummary, type Territory } from '../territories/territory.service.ts';

export function DistrictsSection({ territory, districts }: { territory: Territory; districts: AreaSummary[] }) {
  const { t, number, locale } = useView();
  if (districts.length === 0) return null;
  // Area names are the territory's own, in its first language: marked as such on pages in other languages.
  const own = territory.settings.languages[0] ?? locale;
  const nameLang = own === locale ? undefined : own;
  const name = territoryName(territory, locale).text;
  const withPopulation = districts.filter((d) => d.population !== null);
  const total = withPopulation.reduce((sum, d) => sum + (d.population ?? 0), 0);
  const mapped = districts.filter((d) => d.svgPath);
  return (
    <section aria-labelledby="districts">
      <h2 id="districts">{t('territories.page.districts', { count: districts.length })}</h2>
      <div class="map-and-table">
        {mapped.length > 0 && (
          <Choropleth
            id="population-map"
            title={t('territories.page.mapTitle', { territory: name })}
            description={t('territories.page.mapDescription', { territory: name, count: mapped.length })}
            areas={mapped.map((d) => ({
              code: d.code,
              name: d.name,
              path: d.svgPath!,
              value: d.population,
              // Where the name is in another language than the page, the label is only the name and the figure.
              label: d.population === null ? d.name : nameLang ? `${d.name}: ${number(d.population)}` : t('territories.page.areaLabel', { name: d.name, population: number(d.population) }),
              lang: nameLang,
            }))}
            formatValue={(v) => number(v)}
            noDataLabel={t('territories.page.noData')}
            legendLabel={t('territories.page.legend')}
          />
        )}
        <div class="table-scroll">
          <table class="table">
            <caption>{t('territories.page.tableCaption', { territory: name })}</caption>
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
                  <th scope="row" lang={nameLang}>
                    {d.name}
                  </th>
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
      {territory.settings.branding.attribution && (
        <p class="attribution">
          {t('portal.territory.source', { source: '\u0000' })
            .split('\u0000')
            .map((part, i) =>
              i === 0 ? (
                part
              ) : (
                <>
                  <InLang lang={own}>{territory.settings.branding.attribution}</InLang>
                  {part}
                </>
              ),
            )}
        </p>
      )}
    </section>
  );
}
