// Pages of the diagnosis: published diagnoses (map, charts, tables, analysis), the explorer of live
// figures, preparing and reviewing a diagnosis, and the research extract.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Button, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import { Choropleth } from '../../platform/views/choropleth.tsx';
import { publicDir } from '../../platform/views/render.tsx';
import { hasMessage } from '../../platform/i18n/i18n.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { localName } from '../catalogue/catalogue.service.ts';
import type { PublishedCell, PublishedTable } from './suppression.ts';
import { dimensions, granularities, minimumPairs, notStated, sources, type DiagnosisSnapshot, type Dimension, type ExplorerQuery, type PartialPeriod } from './diagnosis.figures.ts';
import { BarChart, LineChart } from '../../platform/views/charts.tsx';
import type { Comment, Diagnosis, PublishedSummary, Vote } from './diagnosis.service.ts';
import { formatPeriod } from '../../platform/i18n/periods.ts';

const scriptVersion = createHash('sha256')
  .update(fs.readFileSync(path.join(publicDir, 'js/diagnosis.js')))
  .digest('hex')
  .slice(0, 10);
const scriptSrc = `/assets/js/diagnosis.js?v=${scriptVersion}`;

export const measures = ['total', 'finding', 'case', 'rate'] as const;
export type Measure = (typeof measures)[number];

type Names = Pick<DiagnosisSnapshot, 'names' | 'areas'> & { neighbourhoods?: { id: string; name: string }[] };

/** Labels for the keys the figures use, in the reader's language. */
function useLabels(names: Names) {
  const view = useView();
  const { t, locale } = view;
  const areaName = new Map([...names.areas.map((a) => [a.id, a.name] as const), ...(names.neighbourhoods ?? []).map((a) => [a.id, a.name] as const)]);
  const known = (key: string) => hasMessage(locale as Locale, key) || hasMessage('en', key);
  return {
    service: (id: string) => (id === notStated ? t('diagnosis.notStated') : names.names.services[id] ? localName(names.names.services[id]!, locale) : t('diagnosis.unknown')),
    department: (id: string) => (id === notStated ? t('diagnosis.notStated') : names.names.departments[id] ? localName(names.names.departments[id]!, locale) : t('diagnosis.unknown')),
    facility: (id: string) => (id === notStated ? t('diagnosis.notStated') : (names.names.facilities[id]?.name ?? t('diagnosis.unknown'))),
    area: (id: string) => (id === notStated ? t('diagnosis.notStated') : (areaName.get(id) ?? t('diagnosis.unknown'))),
    ground: (g: string) => (known(`diagnosis.ground.${g}`) ? t(`diagnosis.ground.${g}`) : g),
    dimension: (d: string) => (d === notStated ? t('diagnosis.notStated') : known(`diagnosis.dimension.${d}`) ? t(`diagnosis.dimension.${d}`) : d),
    /** A barrier by its translated label; one without a label yet as plain words, never its key. */
    barrier: (b: string) => (known(`diagnosis.barrier.${b}`) ? t(`diagnosis.barrier.${b}`) : known(`diagnosis.dimension.${b}`) ? t(`diagnosis.dimension.${b}`) : b.replace(/[-_]+/g, ' ')),
    source: (s: string) => t(`diagnosis.source.${s}`),
    severity: (s: string) => (s === notStated ? t('diagnosis.notStated') : t('diagnosis.severity.level', { level: s })),
    period: (p: string) => formatPeriod(view, p),
  };
}
type Labels = ReturnType<typeof useLabels>;

function labelFor(labels: Labels, d: Dimension): (key: string) => string {
  switch (d) {
    case 'service':
      return labels.service;
    case 'department':
      return labels.department;
    case 'facility':
      return labels.facility;
    case 'ground':
      return labels.ground;
    case 'dimension':
      return labels.dimension;
    case 'district':
    case 'neighbourhood':
      return labels.area;
    case 'period':
      return labels.period;
    case 'source':
      return labels.source;
    case 'severity':
      return labels.severity;
  }
}

function Cell({ cell }: { cell: PublishedCell }) {
  const { t, number } = useView();
  // Every hidden cell reads the same: saying which ones are small would tell a reader they are 1 to 4.
  if (cell.value === null) return <>{t('diagnosis.cell.hidden')}</>;
  return <>{number(cell.value)}</>;
}

function SuppressionNote({ exact }: { exact: boolean }) {
  const { t } = useView();
  return <p class="hint diagnosis-note">{exact ? t('diagnosis.note.exact') : t('diagnosis.note.suppression', { k: 5 })}</p>;
}

/** A two-way table with its totals. */
function CrossTable({ id, caption, table, rowLabel, colLabel, rowHeading }: { id: string; caption: string; table: PublishedTable; rowLabel(key: string): string; colLabel(key: string): string; rowHeading: string }) {
  const { t } = useView();
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table class="table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeading}</th>
            {table.cols.map((c) => (
              <th scope="col" class="numeric" key={c}>
                {colLabel(c)}
              </th>
            ))}
            <th scope="col" class="numeric">
              {t('diagnosis.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={r}>
              <th scope="row">{rowLabel(r)}</th>
              {table.cells[i]!.map((cell, j) => (
                <td class="numeric" key={table.cols[j]}>
                  <Cell cell={cell} />
                </td>
              ))}
              <td class="numeric">
                <Cell cell={table.rowTotals[i]!} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('diagnosis.total')}</th>
            {table.colTotals.map((cell, j) => (
              <td class="numeric" key={table.cols[j]}>
                <Cell cell={cell} />
              </td>
            ))}
            <td class="numeric">
              <Cell cell={table.total} />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="diagnosis-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** A period's name, marked when the data covers it only in part ("2025-Q1 (partial: 2 of 3 months)"). */
function usePeriodLabel(partial: PartialPeriod[] | undefined) {
  const view = useView();
  const byBucket = new Map((partial ?? []).map((p) => [p.bucket, p]));
  return {
    label: (bucket: string) => {
      const p = byBucket.get(bucket);
      const name = formatPeriod(view, bucket);
      return p ? view.t('diagnosis.partial.label', { period: name, months: p.months, of: p.of }) : name;
    },
    /** A short mark for chart axes. */
    mark: (bucket: string) => (byBucket.has(bucket) ? `${bucket}*` : bucket),
    any: byBucket.size > 0,
  };
}

function PartialNote({ partial }: { partial: PartialPeriod[] | undefined }) {
  const view = useView();
  if (!partial || partial.length === 0) return null;
  return (
    <p class="hint diagnosis-partial">
      {view.t('diagnosis.partial.note', { periods: partial.map((p) => view.t('diagnosis.partial.label', { period: formatPeriod(view, p.bucket), months: p.months, of: p.of })).join('; ') })}
    </p>
  );
}

const formatChange = (number: (v: number) => string, v: number) => (v > 0 ? `+${number(v)}` : number(v));

/** Everything the figures of a diagnosis show: used by the published page and the review preview. */
export function DiagnosisFigures({ snapshot, measure, measureAction }: { snapshot: DiagnosisSnapshot; measure: Measure; measureAction: string }) {
  const view = useView();
  const { t, number } = view;
  const labels = useLabels(snapshot);
  const { byDistrict, byService, byPeriod, serviceByGround, previousByDistrict, districtByPeriod, serviceByDistrict } = snapshot.tables;
  const periods = usePeriodLabel(snapshot.partial);
  // Where and when: the largest shown count of a district in one period, and of a service in one district.
  const largest = (table: PublishedTable | undefined) => {
    let best: { row: string; col: string; value: number } | null = null;
    table?.rows.forEach((r, i) => table.cells[i]!.forEach((c, j) => c.value !== null && (best === null || c.value > best.value) && (best = { row: r, col: table.cols[j]!, value: c.value })));
    return best as { row: string; col: string; value: number } | null;
  };
  const topDistrictPeriod = largest(districtByPeriod);
  const topServiceDistrict = largest(serviceByDistrict);
  const period = { from: formatPeriod(view, snapshot.period.from), to: formatPeriod(view, snapshot.period.to) };
  const territory = snapshot.territory.name;
  const col = (s: string) => byDistrict.cols.indexOf(s);

  // Services with facts are the rows of this table: none means nothing happened in the period.
  const noFacts = byService.rows.length === 0;

  // Per district: the selected measure, with its count beside it.
  const districtFigures = snapshot.areas.map((a) => {
    const row = byDistrict.rows.indexOf(a.id);
    const total = row >= 0 ? byDistrict.rowTotals[row]! : null;
    const finding = row >= 0 ? byDistrict.cells[row]![col('finding')]! : null;
    const kase = row >= 0 ? byDistrict.cells[row]![col('case')]! : null;
    const prevRow = previousByDistrict.rows.indexOf(a.id);
    const previous = prevRow >= 0 ? previousByDistrict.rowTotals[prevRow]! : null;
    const rate = total && total.value !== null && a.population ? (total.value / a.population) * 10_000 : null;
    const change = total?.value != null && previous?.value != null ? total.value - previous.value : null;
    return { area: a, total, finding, case: kase, previous, rate, change };
  });
  const measureCell = (f: (typeof districtFigures)[number]) => (measure === 'total' || measure === 'rate' ? f.total : measure === 'finding' ? f.finding : f.case);
  const measureValue = (f: (typeof districtFigures)[number]) => (measure === 'rate' ? f.rate : (measureCell(f)?.value ?? null));
  const measureName = t(`diagnosis.measure.${measure}`);
  const formatMeasure = (v: number) => (measure === 'rate' ? number(v, { maximumFractionDigits: 1 }) : number(v));
  const ranked = districtFigures.filter((f) => measureValue(f) !== null).sort((a, b) => measureValue(b)! - measureValue(a)!);
  const highest = ranked[0];
  const hiddenCount = districtFigures.filter((f) => measureCell(f)?.value == null).length;
  const mapped = districtFigures.filter((f) => f.area.path);

  const serviceBars = byService.rows.map((r, i) => ({ key: r, label: labels.service(r), value: byService.rowTotals[i]!.value, status: byService.rowTotals[i]!.status }));
  const topService = [...serviceBars].filter((b) => b.value !== null).sort((a, b) => b.value! - a.value!)[0];
  const groundBars = serviceByGround.cols.map((g, j) => ({ key: g, label: labels.ground(g), value: serviceByGround.colTotals[j]!.value, status: serviceByGround.colTotals[j]!.status }));
  const topGround = [...groundBars].filter((b) => b.value !== null).sort((a, b) => b.value! - a.value!)[0];
  const suppressedText = () => t('diagnosis.cell.hidden');

  const totalNow = byDistrict.total.value;
  const totalBefore = previousByDistrict.total.value;

  return (
    <div class="diagnosis-figures">
      <Section id="key" title={t('diagnosis.key.title')}>
        {noFacts ? (
          <p class="diagnosis-empty">{t('diagnosis.empty.period')}</p>
        ) : (
          <dl class="key-figures">
            <div>
              <dt>{t('diagnosis.key.total')}</dt>
              <dd>
                <Cell cell={byDistrict.total} />
              </dd>
            </div>
            {sources.map((s) => (
              <div key={s}>
                <dt>{t(`diagnosis.key.${s}`)}</dt>
                <dd>
                  <Cell cell={byDistrict.colTotals[col(s)]!} />
                </dd>
              </div>
            ))}
            <div>
              <dt>{t('diagnosis.key.previous', { from: snapshot.previous.from, to: snapshot.previous.to })}</dt>
              <dd>
                <Cell cell={previousByDistrict.total} />
              </dd>
            </div>
            {totalNow !== null && totalBefore !== null && (
              <div>
                <dt>{t('diagnosis.key.change')}</dt>
                <dd>{formatChange(number, totalNow - totalBefore)}</dd>
              </div>
            )}
          </dl>
        )}
        <SuppressionNote exact={snapshot.exact} />
      </Section>

      <Section id="map" title={t('diagnosis.map.title', { measure: measureName })}>
        <Form action={measureAction} method="get" class="measure-form">
          <Select name="measure" label={t('diagnosis.map.measure')} value={measure} options={measures.map((m) => ({ value: m, label: t(`diagnosis.measure.${m}`) }))} />
          <Button variant="secondary">{t('diagnosis.map.show')}</Button>
        </Form>
        <div class="diagnosis-map">
          {mapped.length > 0 && (
            <div>
              <Choropleth
                id="diagnosis-map"
                title={t('diagnosis.map.svgTitle', { measure: measureName, territory })}
                description={t('diagnosis.map.sentence', { measure: measureName, territory, ...period, hidden: hiddenCount })}
                areas={mapped.map((f) => {
                  const value = measureValue(f);
                  const cell = measureCell(f);
                  return {
                    code: f.area.code,
                    name: f.area.name,
                    path: f.area.path!,
                    value,
                    suppressed: cell?.value == null,
                    href: `#district-${f.area.code}`,
                    label:
                      value !== null
                        ? t('diagnosis.map.areaLabel', { name: f.area.name, value: formatMeasure(value) })
                        : t('diagnosis.map.areaHidden', { name: f.area.name }),
                  };
                })}
                formatValue={formatMeasure}
                decimals={measure === 'rate' ? 1 : 0}
                noDataLabel={t('diagnosis.map.noData')}
                legendLabel={t('diagnosis.map.legend')}
                suppressedLabel={t('diagnosis.map.suppressed', { k: 5 })}
              />
              <p class="map-figures" id="diagnosis-map-figures" aria-live="polite" hidden />
            </div>
          )}
          <div>
            <p>{highest ? t('diagnosis.map.highest', { name: highest.area.name, value: formatMeasure(measureValue(highest)!), measure: measureName }) : t('diagnosis.map.noneShown')}</p>
            <div class="table-scroll" tabIndex={0} role="region" aria-label={t('diagnosis.districts.caption', { territory, ...period })}>
              <table class="table" id="district-table">
                <caption>{t('diagnosis.districts.caption', { territory, ...period })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('diagnosis.districts.district')}</th>
                    <th scope="col" class="numeric">
                      {t('diagnosis.districts.population')}
                    </th>
                    <th scope="col" class="numeric">
                      {t('diagnosis.source.finding')}
                    </th>
                    <th scope="col" class="numeric">
                      {t('diagnosis.source.case')}
                    </th>
                    <th scope="col" class="numeric">
                      {t('diagnosis.total')}
                    </th>
                    <th scope="col" class="numeric">
                      {t('diagnosis.measure.rate')}
                    </th>
                    <th scope="col" class="numeric">
                      {t('diagnosis.districts.previous')}
                    </th>
                    <th scope="col" class="numeric">
                      {t('diagnosis.districts.change')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {districtFigures.map((f) => (
                    <tr key={f.area.id} id={`district-${f.area.code}`} data-code={f.area.code}>
                      <th scope="row">{f.area.name}</th>
                      <td class="numeric">{f.area.population === null ? t('diagnosis.unknownPopulation') : number(f.area.population)}</td>
                      <td class="numeric">{f.finding && <Cell cell={f.finding} />}</td>
                      <td class="numeric">{f.case && <Cell cell={f.case} />}</td>
                      <td class="numeric">{f.total && <Cell cell={f.total} />}</td>
                      <td class="numeric">{f.rate === null ? '–' : number(f.rate, { maximumFractionDigits: 1 })}</td>
                      <td class="numeric">{f.previous && <Cell cell={f.previous} />}</td>
                      <td class="numeric">{f.change === null ? '–' : formatChange(number, f.change)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="hint">{t('diagnosis.districts.rateNote')}</p>
          </div>
        </div>
      </Section>

      <Section id="services" title={t('diagnosis.services.title')}>
        <div class="chart-and-table">
          <BarChart
            id="services-chart"
            title={t('diagnosis.services.chartTitle', { territory })}
            description={topService ? t('diagnosis.services.sentence', { service: topService.label, value: number(topService.value!), count: serviceBars.length }) : t('diagnosis.services.none')}
            bars={serviceBars}
            formatValue={(v) => number(v)}
            suppressedText={suppressedText}
          />
          <CrossTable id="services-table" caption={t('diagnosis.services.caption', period)} table={byService} rowLabel={labels.service} colLabel={labels.source} rowHeading={t('diagnosis.dim.service')} />
        </div>
        {snapshot.severity.length > 0 && (
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t('diagnosis.severity.caption')}>
            <table class="table" id="severity-table">
              <caption>{t('diagnosis.severity.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('diagnosis.dim.service')}</th>
                  <th scope="col" class="numeric">
                    {t('diagnosis.severity.findings')}
                  </th>
                  <th scope="col" class="numeric">
                    {t('diagnosis.severity.mean')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {snapshot.severity.map((s) => (
                  <tr key={s.serviceId}>
                    <th scope="row">{labels.service(s.serviceId)}</th>
                    <td class="numeric">{s.findings === null ? t('diagnosis.cell.hidden') : number(s.findings)}</td>
                    <td class="numeric">{s.mean === null ? '–' : number(s.mean, { maximumFractionDigits: 2 })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section id="grounds" title={t('diagnosis.grounds.title')}>
        <div class="chart-and-table">
          <BarChart
            id="grounds-chart"
            title={t('diagnosis.grounds.chartTitle', { territory })}
            description={topGround ? t('diagnosis.grounds.sentence', { ground: topGround.label, value: number(topGround.value!) }) : t('diagnosis.grounds.none')}
            bars={groundBars}
            formatValue={(v) => number(v)}
            suppressedText={suppressedText}
          />
          <CrossTable id="grounds-table" caption={t('diagnosis.grounds.caption', period)} table={serviceByGround} rowLabel={labels.service} colLabel={labels.ground} rowHeading={t('diagnosis.dim.service')} />
        </div>
        <p class="hint">{t('diagnosis.grounds.mentionsNote')}</p>
      </Section>

      <Section id="trend" title={t('diagnosis.trend.title')}>
        <div class="chart-and-table">
          <LineChart
            id="trend-chart"
            title={t('diagnosis.trend.chartTitle', { territory })}
            description={`${t('diagnosis.trend.sentence', { count: byPeriod.rows.length, first: periods.label(byPeriod.rows[0] ?? ''), last: periods.label(byPeriod.rows.at(-1) ?? '') })}${periods.any ? ` ${t('diagnosis.partial.chart')}` : ''}`}
            categories={byPeriod.rows.map(periods.mark)}
            series={sources.map((s) => ({ key: s, label: labels.source(s), values: byPeriod.cells.map((row) => row[col(s)]!.value) }))}
            formatValue={(v) => number(v)}
          />
          <CrossTable id="trend-table" caption={t('diagnosis.trend.caption', period)} table={byPeriod} rowLabel={periods.label} colLabel={labels.source} rowHeading={t('diagnosis.dim.period')} />
        </div>
        <PartialNote partial={snapshot.partial} />
      </Section>

      {districtByPeriod && (
        <Section id="where-when" title={t('diagnosis.whereWhen.title')}>
          <p>
            {topDistrictPeriod
              ? t('diagnosis.whereWhen.sentence', { district: labels.area(topDistrictPeriod.row), period: periods.label(topDistrictPeriod.col), value: number(topDistrictPeriod.value) })
              : t('diagnosis.whereWhen.none')}
          </p>
          <CrossTable id="where-when-table" caption={t('diagnosis.whereWhen.caption', period)} table={districtByPeriod} rowLabel={labels.area} colLabel={periods.label} rowHeading={t('diagnosis.dim.district')} />
          <PartialNote partial={snapshot.partial} />
        </Section>
      )}

      {serviceByDistrict && (
        <Section id="service-areas" title={t('diagnosis.serviceAreas.title')}>
          <p>
            {topServiceDistrict
              ? t('diagnosis.serviceAreas.sentence', { service: labels.service(topServiceDistrict.row), district: labels.area(topServiceDistrict.col), value: number(topServiceDistrict.value) })
              : t('diagnosis.serviceAreas.none')}
          </p>
          <CrossTable id="service-areas-table" caption={t('diagnosis.serviceAreas.caption', period)} table={serviceByDistrict} rowLabel={labels.service} colLabel={labels.area} rowHeading={t('diagnosis.dim.service')} />
        </Section>
      )}

      <Section id="patterns" title={t('diagnosis.patterns.title')}>
        {snapshot.patterns.barriers.length === 0 && snapshot.patterns.grounds.length === 0 ? (
          <p>{t('diagnosis.patterns.none')}</p>
        ) : (
          <ul class="patterns">
            {snapshot.patterns.barriers.map((b) => (
              <li key={`${b.serviceId}-${b.barrier}`}>
                <strong class="tag">{t('diagnosis.patterns.structural')}</strong> {t('diagnosis.patterns.barrier', { barrier: labels.barrier(b.barrier), service: labels.service(b.serviceId), count: b.facilities })}
              </li>
            ))}
            {snapshot.patterns.grounds.map((g) => (
              <li key={g.ground}>
                <strong class="tag">{t('diagnosis.patterns.structural')}</strong> {t('diagnosis.patterns.ground', { ground: labels.ground(g.ground), periods: g.periods, of: g.of, k: 5 })}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="paired" title={t('diagnosis.paired.title')}>
        <p>{t('diagnosis.paired.explain', { minimum: minimumPairs })}</p>
        {snapshot.pairedTests.length === 0 ? (
          <p>{t('diagnosis.paired.none')}</p>
        ) : (
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t('diagnosis.paired.caption', period)}>
            <table class="table" id="paired-table">
              <caption>{t('diagnosis.paired.caption', period)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('diagnosis.dim.service')}</th>
                  <th scope="col">{t('diagnosis.dim.ground')}</th>
                  <th scope="col" class="numeric">
                    {t('diagnosis.paired.pairs')}
                  </th>
                  <th scope="col" class="numeric">
                    {t('diagnosis.paired.net')}
                  </th>
                  <th scope="col" class="numeric">
                    {t('diagnosis.paired.interval')}
                  </th>
                  <th scope="col" class="numeric">
                    {t('diagnosis.paired.netValid')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {snapshot.pairedTests.map((p) => (
                  <tr key={`${p.serviceId}-${p.ground}`}>
                    <th scope="row">{labels.service(p.serviceId)}</th>
                    <td>{labels.ground(p.ground)}</td>
                    <td class="numeric">{p.enough || snapshot.exact ? number(p.pairs) : t('diagnosis.paired.fewPairs', { minimum: minimumPairs })}</td>
                    <td class="numeric">{p.enough || snapshot.exact ? number(p.net, { style: 'percent', maximumFractionDigits: 1 }) : '–'}</td>
                    <td class="numeric">
                      {p.enough || snapshot.exact
                        ? t('diagnosis.paired.range', { lower: number(p.lower, { style: 'percent', maximumFractionDigits: 1 }), upper: number(p.upper, { style: 'percent', maximumFractionDigits: 1 }) })
                        : '–'}
                    </td>
                    <td class="numeric">
                      {(p.enough || snapshot.exact) && p.valid
                        ? t('diagnosis.paired.validRate', {
                            net: number(p.valid.net, { style: 'percent', maximumFractionDigits: 1 }),
                            lower: number(p.valid.lower, { style: 'percent', maximumFractionDigits: 1 }),
                            upper: number(p.valid.upper, { style: 'percent', maximumFractionDigits: 1 }),
                            tests: number(p.valid.tests),
                          })
                        : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>

      <Section id="scorecards" title={t('diagnosis.scoreCards.title')}>
        {snapshot.scoreCards.length === 0 ? (
          <p>{t('diagnosis.scoreCards.none')}</p>
        ) : (
          <div class="table-scroll" tabIndex={0} role="region" aria-label={t('diagnosis.scoreCards.caption', period)}>
            <table class="table" id="scorecards-table">
              <caption>{t('diagnosis.scoreCards.caption', period)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('diagnosis.dim.service')}</th>
                  <th scope="col">{t('diagnosis.scoreCards.criterion')}</th>
                  <th scope="col" class="numeric">
                    {t('diagnosis.scoreCards.cards')}
                  </th>
                  <th scope="col" class="numeric">
                    {t('diagnosis.scoreCards.user')}
                  </th>
                  <th scope="col" class="numeric">
                    {t('diagnosis.scoreCards.staff')}
                  </th>
                  <th scope="col" class="numeric">
                    {t('diagnosis.scoreCards.gap')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {snapshot.scoreCards.map((s) => (
                  <tr key={`${s.serviceId}-${s.criterion}`}>
                    <th scope="row">{labels.service(s.serviceId)}</th>
                    <td>{s.criterion}</td>
                    <td class="numeric">{number(s.cards)}</td>
                    <td class="numeric">{number(s.user)}</td>
                    <td class="numeric">{number(s.staff)}</td>
                    <td class="numeric">{formatChange(number, s.gap)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <script type="module" src={scriptSrc} />
    </div>
  );
}

const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);

export function DiagnosisIndexPage({ territory, published, canReview, canPrepare, canExtract }: { territory: { slug: string; name: string }; published: PublishedSummary[]; canReview: boolean; canPrepare: boolean; canExtract: boolean }) {
  const { t, locale, date } = useView();
  const base = `/t/${territory.slug}/diagnosis`;
  return (
    <Layout title={t('diagnosis.index.title', { territory: territory.name })}>
      <h1>{t('diagnosis.index.heading', { territory: territory.name })}</h1>
      <p class="lead">{t('diagnosis.index.lead')}</p>
      <h2>{t('diagnosis.index.published')}</h2>
      {published.length === 0 ? (
        <p class="diagnosis-empty">{t('diagnosis.empty.published')}</p>
      ) : (
        <ul class="card-list">
          {published.map((d) => (
            <li class="card" key={d.id}>
              <h3 class="card__title">
                <a href={href(locale, `${base}/${d.number}`)}>{d.title}</a>
              </h3>
              <p class="card__meta">{t('diagnosis.index.meta', { number: d.number, from: formatPeriod(useView(), d.periodFrom.slice(0, 7)), to: formatPeriod(useView(), d.periodTo.slice(0, 7)), date: date(d.publishedAt) })}</p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('diagnosis.index.more')}</h2>
      <ul>
        <li>
          <a href={`/api/v1/territories/${territory.slug}/diagnoses`}>{t('diagnosis.index.api')}</a>
        </li>
        {(canReview || canPrepare) && (
          <li>
            <a href={href(locale, `${base}/drafts`)}>{t('diagnosis.index.drafts')}</a>
          </li>
        )}
        {canReview && (
          <li>
            <a href={href(locale, `${base}/staff`)}>{t('diagnosis.index.staff')}</a>
          </li>
        )}
        {canExtract && (
          <li>
            <a href={href(locale, `${base}/research`)}>{t('diagnosis.index.research')}</a>
          </li>
        )}
      </ul>
    </Layout>
  );
}

export function PublishedPage({ territory, diagnosis, measure }: { territory: { slug: string; name: string }; diagnosis: Diagnosis; measure: Measure }) {
  const { t, locale, date } = useView();
  const base = `/t/${territory.slug}/diagnosis/${diagnosis.number}`;
  const api = `/api/v1/territories/${territory.slug}/diagnoses/${diagnosis.number}`;
  const snapshot = diagnosis.snapshot;
  return (
    <Layout title={diagnosis.title}>
      <article class="diagnosis">
        <p class="diagnosis__kicker">{t('diagnosis.published.kicker', { territory: territory.name, number: diagnosis.number! })}</p>
        <h1>{diagnosis.title}</h1>
        <dl class="diagnosis__facts">
          <div>
            <dt>{t('diagnosis.published.period')}</dt>
            <dd>{t('diagnosis.published.range', { from: formatPeriod(useView(), snapshot.period.from), to: formatPeriod(useView(), snapshot.period.to) })}</dd>
          </div>
          <div>
            <dt>{t('diagnosis.published.date')}</dt>
            <dd>{date(diagnosis.publishedAt!)}</dd>
          </div>
          <div>
            <dt>{t('diagnosis.published.approvers')}</dt>
            <dd>{diagnosis.approvers.map((a) => a || t('diagnosis.deletedAccount')).join(', ')}</dd>
          </div>
          <div>
            <dt>{t('diagnosis.published.preparedBy')}</dt>
            <dd>{diagnosis.preparedByName || t('diagnosis.deletedAccount')}</dd>
          </div>
        </dl>
        <p class="hint">{t('diagnosis.published.immutable')}</p>
        <nav class="downloads" aria-label={t('diagnosis.downloads.label')}>
          <ul>
            <li>
              <a href={href(locale, `${base}/pdf`)} download>
                {t('diagnosis.downloads.pdf')}
              </a>
            </li>
            <li>
              <a href={`${api}/figures.csv`} download>
                {t('diagnosis.downloads.csv')}
              </a>
            </li>
            <li>
              <a href={api}>{t('diagnosis.downloads.json')}</a>
            </li>
            <li>
              <a href={`${api}/datapackage.json`}>{t('diagnosis.downloads.datapackage')}</a>
            </li>
          </ul>
        </nav>
        <Section id="analysis" title={t('diagnosis.published.analysis')}>
          {paragraphs(diagnosis.analysis).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </Section>
        <DiagnosisFigures snapshot={snapshot} measure={measure} measureAction={href(locale, base)} />
      </article>
    </Layout>
  );
}

// ——— Explorer ———

export interface ExplorerOptions {
  services: { value: string; label: string }[];
  districts: { value: string; label: string }[];
  grounds: string[];
}

export function ExplorerPage({
  territory,
  query,
  table,
  exact,
  names,
  options,
  errors,
  partial,
}: {
  partial?: PartialPeriod[];
  territory: { slug: string; name: string };
  query: ExplorerQuery;
  table: PublishedTable;
  exact: boolean;
  names: Names;
  options: ExplorerOptions;
  errors: FieldErrors;
}) {
  const { t, locale } = useView();
  const labels = useLabels(names);
  const periods = usePeriodLabel(partial);
  const explorerLabel = (d: Dimension) => (d === 'period' ? periods.label : labelFor(labels, d));
  const action = href(locale, `/t/${territory.slug}/diagnosis/staff`);
  const any = { value: '', label: t('diagnosis.explore.any') };
  return (
    <Layout title={t('diagnosis.staff.title', { territory: territory.name })}>
      <h1>{t('diagnosis.staff.title', { territory: territory.name })}</h1>
      <p class="lead">{t('diagnosis.staff.lead')}</p>
      <ErrorSummary errors={errors} />
      <Form action={action} method="get" class="explorer-form">
        <div class="explorer-form__grid">
          <Select name="rows" label={t('diagnosis.explore.rows')} value={query.rows} options={dimensions.map((d) => ({ value: d, label: t(`diagnosis.dim.${d}`) }))} error={errors.rows} />
          <Select name="cols" label={t('diagnosis.explore.cols')} value={query.cols} options={dimensions.map((d) => ({ value: d, label: t(`diagnosis.dim.${d}`) }))} error={errors.cols} />
          <TextInput name="from" type="month" label={t('diagnosis.explore.from')} hint={t('diagnosis.explore.monthHint')} value={query.period.from} width="short" error={errors.from} />
          <TextInput name="to" type="month" label={t('diagnosis.explore.to')} hint={t('diagnosis.explore.monthHint')} value={query.period.to} width="short" error={errors.to} />
          <Select name="granularity" label={t('diagnosis.explore.granularity')} value={query.period.granularity} options={granularities.map((g) => ({ value: g, label: t(`diagnosis.granularity.${g}`) }))} />
          <Select name="service" label={t('diagnosis.dim.service')} value={query.filters.service ?? ''} options={[any, ...options.services]} />
          <Select name="district" label={t('diagnosis.dim.district')} value={query.filters.district ?? ''} options={[any, ...options.districts]} />
          <Select name="ground" label={t('diagnosis.dim.ground')} value={query.filters.ground ?? ''} options={[any, ...options.grounds.map((g) => ({ value: g, label: labels.ground(g) }))]} />
          <Select name="source" label={t('diagnosis.dim.source')} value={query.filters.source ?? ''} options={[any, ...sources.map((s) => ({ value: s, label: labels.source(s) }))]} />
        </div>
        <Button>{t('diagnosis.explore.apply')}</Button>
      </Form>
      {table.rows.length === 0 ? (
        <p class="diagnosis-empty">{t('diagnosis.empty.explore')}</p>
      ) : (
        <CrossTable
          id="explorer-table"
          caption={t('diagnosis.explore.caption', { rows: t(`diagnosis.dim.${query.rows}`), cols: t(`diagnosis.dim.${query.cols}`), from: formatPeriod(useView(), query.period.from), to: formatPeriod(useView(), query.period.to) })}
          table={table}
          rowLabel={explorerLabel(query.rows)}
          colLabel={explorerLabel(query.cols)}
          rowHeading={t(`diagnosis.dim.${query.rows}`)}
        />
      )}
      <SuppressionNote exact={exact} />
      {(query.rows === 'period' || query.cols === 'period') && <PartialNote partial={partial} />}
      {(query.rows === 'ground' || query.cols === 'ground') && <p class="hint">{t('diagnosis.grounds.mentionsNote')}</p>}
    </Layout>
  );
}

// ——— Preparing and reviewing ———

export interface PrepareValues {
  title: string;
  analysis: string;
  from: string;
  to: string;
  granularity: string;
}

export function DraftsPage({
  territory,
  drafts,
  canPrepare,
  values,
  errors,
  aligned = null,
}: {
  territory: { slug: string; name: string };
  drafts: Diagnosis[];
  canPrepare: boolean;
  values: PrepareValues;
  errors: FieldErrors;
  aligned?: { from: string; to: string } | null;
}) {
  const { t, locale, date } = useView();
  const base = `/t/${territory.slug}/diagnosis/drafts`;
  return (
    <Layout title={t('diagnosis.drafts.title', { territory: territory.name })}>
      <ErrorSummary errors={errors} />
      <h1>{t('diagnosis.drafts.title', { territory: territory.name })}</h1>
      <p class="lead">{t('diagnosis.drafts.lead')}</p>
      <h2>{t('diagnosis.drafts.inReview')}</h2>
      {drafts.length === 0 ? (
        <p>{t('diagnosis.drafts.none')}</p>
      ) : (
        <ul class="card-list">
          {drafts.map((d) => (
            <li class="card" key={d.id}>
              <h3 class="card__title">
                <a href={href(locale, `${base}/${d.id}`)}>{d.title}</a>
              </h3>
              <p class="card__meta">{t('diagnosis.drafts.meta', { from: formatPeriod(useView(), d.periodFrom.slice(0, 7)), to: formatPeriod(useView(), d.periodTo.slice(0, 7)), name: d.preparedByName || t('diagnosis.deletedAccount'), date: date(d.createdAt) })}</p>
            </li>
          ))}
        </ul>
      )}
      {canPrepare && (
        <section aria-labelledby="prepare-heading">
          <h2 id="prepare-heading">{t('diagnosis.prepare.title')}</h2>
          <p>{t('diagnosis.prepare.lead')}</p>
          <Form action={href(locale, base)}>
            <TextInput name="title" label={t('diagnosis.prepare.titleLabel')} value={values.title} error={errors.title} />
            <TextInput name="from" type="month" label={t('diagnosis.prepare.from')} hint={t('diagnosis.explore.monthHint')} value={values.from} width="short" error={errors.from} />
            {aligned && (
              <p class="aligned-period">
                <button type="submit" name="align" value={`${aligned.from}|${aligned.to}`} class="button button--secondary">
                  {t('diagnosis.prepare.align', { from: formatPeriod(useView(), aligned.from), to: formatPeriod(useView(), aligned.to) })}
                </button>
              </p>
            )}
            <TextInput name="to" type="month" label={t('diagnosis.prepare.to')} hint={t('diagnosis.explore.monthHint')} value={values.to} width="short" error={errors.to} />
            <Select
              name="granularity"
              label={t('diagnosis.explore.granularity')}
              value={values.granularity}
              options={granularities.map((g) => ({ value: g, label: t(`diagnosis.granularity.${g}`) }))}
              error={errors.granularity}
            />
            <TextArea name="analysis" label={t('diagnosis.prepare.analysis')} hint={t('diagnosis.prepare.analysisHint')} value={values.analysis} rows={12} error={errors.analysis} />
            <Button>{t('diagnosis.prepare.submit')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function ReviewPage({
  territory,
  diagnosis,
  votes,
  comments,
  canVote,
  myVote,
  errors,
  values,
  measure,
}: {
  territory: { slug: string; name: string };
  diagnosis: Diagnosis;
  votes: Vote[];
  comments: Comment[];
  canVote: boolean;
  myVote: string | null;
  errors: FieldErrors;
  values: { body: string };
  measure: Measure;
}) {
  const { t, locale, date } = useView();
  const base = `/t/${territory.slug}/diagnosis/drafts/${diagnosis.id}`;
  const approvals = votes.filter((v) => v.vote === 'approve').length;
  return (
    <Layout title={diagnosis.title}>
      <ErrorSummary errors={errors} />
      <p class="diagnosis__kicker">{t(diagnosis.status === 'published' ? 'diagnosis.review.publishedKicker' : 'diagnosis.review.kicker')}</p>
      <h1>{diagnosis.title}</h1>
      {diagnosis.status === 'published' && (
        <p class="notice">
          <a href={href(locale, `/t/${territory.slug}/diagnosis/${diagnosis.number}`)}>{t('diagnosis.review.seePublished', { number: diagnosis.number! })}</a>
        </p>
      )}
      <p>{t('diagnosis.review.rule', { approvals, votes: votes.length })}</p>
      <Section id="votes" title={t('diagnosis.review.votes')}>
        {votes.length === 0 ? (
          <p>{t('diagnosis.review.noVotes')}</p>
        ) : (
          <ul>
            {votes.map((v) => (
              <li key={v.personId}>{t(`diagnosis.review.voted.${v.vote}`, { name: v.personName || t('diagnosis.deletedAccount'), date: date(v.createdAt) })}</li>
            ))}
          </ul>
        )}
        {canVote && diagnosis.status === 'review' && (
          <Form action={href(locale, `${base}/votes`)}>
            <fieldset class="fieldset">
              <legend class="fieldset__legend">{t('diagnosis.review.yourVote')}</legend>
              {myVote && <p class="hint">{t(`diagnosis.review.current.${myVote}`)}</p>}
              <div class="button-group">
                <button type="submit" name="vote" value="approve" class="button">
                  {t('diagnosis.review.approve')}
                </button>
                <button type="submit" name="vote" value="reject" class="button button--warning">
                  {t('diagnosis.review.reject')}
                </button>
              </div>
            </fieldset>
          </Form>
        )}
      </Section>
      <Section id="comments" title={t('diagnosis.review.comments')}>
        {comments.length === 0 ? (
          <p>{t('diagnosis.review.noComments')}</p>
        ) : (
          <ol class="comments">
            {comments.map((c) => (
              <li key={c.id}>
                <p class="comments__meta">{t('diagnosis.review.commentMeta', { name: c.personName || t('diagnosis.deletedAccount'), date: date(c.createdAt) })}</p>
                {paragraphs(c.body).map((p, i) => (
                  <p key={i}>{p}</p>
                ))}
              </li>
            ))}
          </ol>
        )}
        {diagnosis.status === 'published' && diagnosis.publishedAt && <p class="notice">{t('diagnosis.review.commentsClosed', { date: date(diagnosis.publishedAt) })}</p>}
        {diagnosis.status === 'review' && (
          <Form action={href(locale, `${base}/comments`)}>
            <TextArea name="body" label={t('diagnosis.review.commentLabel')} value={values.body} error={errors.body} />
            <Button variant="secondary">{t('diagnosis.review.commentSubmit')}</Button>
          </Form>
        )}
      </Section>
      <Section id="analysis" title={t('diagnosis.published.analysis')}>
        {paragraphs(diagnosis.analysis).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </Section>
      <DiagnosisFigures snapshot={diagnosis.snapshot} measure={measure} measureAction={href(locale, base)} />
    </Layout>
  );
}

export function ResearchPage({ territory, columns, errors, values }: { territory: { slug: string; name: string }; columns: string[]; errors: FieldErrors; values: { reason: string } }) {
  const { t, locale } = useView();
  return (
    <Layout title={t('diagnosis.research.title', { territory: territory.name })}>
      <ErrorSummary errors={errors} />
      <h1>{t('diagnosis.research.title', { territory: territory.name })}</h1>
      <p class="lead">{t('diagnosis.research.lead', { k: 5 })}</p>
      <ul>
        <li>{t('diagnosis.research.point1')}</li>
        <li>{t('diagnosis.research.point2')}</li>
        <li>{t('diagnosis.research.point3')}</li>
      </ul>
      <h2 id="columns-heading">{t('diagnosis.research.columns')}</h2>
      <p>{t('diagnosis.research.columnsLead', { k: 5 })}</p>
      <ul aria-labelledby="columns-heading" id="extract-columns">
        {columns.map((c) => (
          <li key={c}>{t(`diagnosis.research.column.${c}`)}</li>
        ))}
      </ul>
      <Form action={href(locale, `/t/${territory.slug}/diagnosis/research`)}>
        <TextArea name="reason" label={t('diagnosis.research.reason')} hint={t('diagnosis.research.reasonHint')} value={values.reason} rows={4} error={errors.reason} />
        <Button>{t('diagnosis.research.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function UnavailablePage() {
  const { t } = useView();
  return (
    <Layout title={t('diagnosis.unavailable.title')}>
      <h1>{t('diagnosis.unavailable.title')}</h1>
      <p>{t('diagnosis.unavailable.body')}</p>
    </Layout>
  );
}
