// The public pages of plans: the list of a territory's plans and one plan's accountability page, with its
// goals, measures, indicators (SVG chart, table and sentence each), the zero-discrimination tracker and versions.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import type { Territory } from '../territories/territory.service.ts';
import { LineChart } from '../../platform/views/charts.tsx';
import { InLang, pickIn, PersonName, Sentence, TerritoryText, useDataLang } from '../../platform/views/lang.tsx';
import type { Plan } from './plan.service.ts';
import type { PlanReport } from './report.service.ts';
import type { PublicIndicator, PublicPlan } from './public.service.ts';
import { trackerStates } from './tracker.ts';
import { FindingsSummary, formatDate, Progress, StatusTag } from './components.tsx';
import type { Translated } from './plans.schema.ts';

const text = (t: Translated, locale: string) => t[locale] ?? Object.values(t).find(Boolean) ?? '';

/** A plan's text in the reader's language, or the first one written, marked with its language. */
function Tx({ text: kept }: { text: Translated }) {
  const { locale } = useView();
  const shown = pickIn(kept, locale, []);
  return <InLang lang={shown.lang}>{shown.text}</InLang>;
}

/** A catalogue name kept with its translations: the reader's, else as written in the territory's language. */
function NameIn({ name }: { name: Translated & { default: string } }) {
  const { locale } = useView();
  const own = useDataLang();
  return name[locale] ? <>{name[locale]}</> : <InLang lang={own}>{name.default}</InLang>;
}

export function PlansIndexPage({ territory, plans, canEdit }: { territory: Territory; plans: Plan[]; canEdit: boolean }) {
  const { t, locale } = useView();
  return (
    <Layout title={t('plans.index.title', { territory: territory.name })}>
      <h1>{t('plans.index.title', { territory: territory.name })}</h1>
      <p class="lead">{t('plans.index.lead')}</p>
      {canEdit && (
        <p>
          <a href={href(locale, `/t/${territory.slug}/plans/staff`)}>{t('plans.index.staffLink')}</a>
        </p>
      )}
      {plans.length === 0 ? (
        <p>{t('plans.index.none')}</p>
      ) : (
        <ul class="list">
          {plans.map((p) => (
            <li key={p.id}>
              <a href={href(locale, `/t/${territory.slug}/plans/${p.slug}`)}>
                <Tx text={p.title} />
              </a>{' '}
              — {t(`plans.kind.${p.kind}`)}, {p.periodFrom.slice(0, 4)}–{p.periodTo.slice(0, 4)}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function IndicatorFigure({ indicator, index }: { indicator: PublicIndicator; index: number }) {
  const { t, locale } = useView();
  const name = text(indicator.name, locale);
  const nameLang = pickIn(indicator.name, locale, []).lang;
  const marked = { lang: nameLang === locale ? undefined : nameLang };
  // The unit and the source are typed with the indicator, in the territory's language.
  const unit = <TerritoryText>{indicator.unit}</TerritoryText>;
  const shown = indicator.points.filter((p) => p.value !== null);
  const last = shown[shown.length - 1];
  const format = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v);
  const sentence =
    indicator.points.length === 0
      ? t('plans.indicator.noMeasurements')
      : (
          <Sentence
            say={(v) =>
              t('plans.indicator.sentence', {
                ...v,
                value: last ? format(last.value!) : t('plans.tracker.hidden'),
                date: last ? formatDate(locale, last.date) : '',
                baseline: indicator.baseline === null ? '—' : format(indicator.baseline),
                target: indicator.target === null ? '—' : format(indicator.target),
              })
            }
            data={{ name: <Tx text={indicator.name} />, unit }}
          />
        );
  const id = `indicator-${index}`;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} {...marked}>
        {name}
      </h3>
      <p>{sentence}</p>
      <p class="hint">
        <Sentence say={(v) => t('plans.indicator.source', v)} data={{ source: <TerritoryText>{indicator.source}</TerritoryText>, unit }} />
      </p>
      {indicator.points.length > 0 && (
        <div class="chart-and-table">
          <LineChart
            id={`${id}-chart`}
            title={name}
            titleLang={marked.lang}
            description={sentence}
            categories={indicator.points.map((p) => p.date.slice(0, 7))}
            series={[
              { key: 'value', label: name, lang: marked.lang, values: indicator.points.map((p) => p.value) },
              ...(indicator.target !== null ? [{ key: 'target', label: t('plans.indicator.target'), values: indicator.points.map(() => indicator.target) }] : []),
            ]}
            formatValue={format}
          />
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
            <table class="table">
              <caption id={`${id}-caption`}>
                <Sentence say={(v) => t('plans.indicator.caption', v)} data={{ name: <Tx text={indicator.name} /> }} />
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('plans.indicator.date')}</th>
                  <th scope="col" class="numeric">
                    <Sentence say={(v) => t('plans.indicator.value', v)} data={{ unit }} />
                  </th>
                </tr>
              </thead>
              <tbody>
                {indicator.points.map((p) => (
                  <tr key={p.date}>
                    <th scope="row">{formatDate(locale, p.date)}</th>
                    <td class="numeric">{p.value === null ? t('plans.tracker.hidden') : format(p.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

export function TrackerSection({ tracker }: { tracker: NonNullable<PublicPlan['tracker']> }) {
  const { t, locale } = useView();
  const { series, byService } = tracker;
  const percent = (share: number | null) => (share === null ? t('plans.tracker.hidden') : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share));
  const cell = (c: { value: number | null }) => (c.value === null ? t('plans.tracker.hidden') : String(c.value));
  const sentence = t('plans.tracker.sentence', { share: percent(tracker.shareVerified), total: cell(byService.total), verified: cell(byService.colTotals[2]!) });
  return (
    <section aria-labelledby="tracker-heading">
      <h2 id="tracker-heading">{t('plans.tracker.title')}</h2>
      <p>{sentence}</p>
      <p class="hint">{t('plans.tracker.protection')}</p>
      {series.dates.length > 0 && (
        <div class="chart-and-table">
          <LineChart
            id="tracker-chart"
            title={t('plans.tracker.chartTitle')}
            description={t('plans.tracker.chartSentence', { first: formatDate(locale, series.dates[0]!), last: formatDate(locale, series.dates[series.dates.length - 1]!) })}
            categories={series.dates.map((d) => d.slice(0, 7))}
            series={trackerStates.map((s) => ({ key: s, label: t(`plans.tracker.state.${s}`), values: series.values[s] }))}
            formatValue={(v) => String(Math.round(v))}
          />
          <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="tracker-series-caption">
            <table class="table">
              <caption id="tracker-series-caption">{t('plans.tracker.seriesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('plans.indicator.date')}</th>
                  {trackerStates.map((s) => (
                    <th scope="col" class="numeric" key={s}>
                      {t(`plans.tracker.state.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {series.dates.map((d, i) => (
                  <tr key={d}>
                    <th scope="row">{formatDate(locale, d)}</th>
                    {trackerStates.map((s) => (
                      <td class="numeric" key={s}>
                        {series.values[s][i] === null ? t('plans.tracker.hidden') : series.values[s][i]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="tracker-service-caption">
        <table class="table">
          <caption id="tracker-service-caption">{t('plans.tracker.serviceCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plans.tracker.service')}</th>
              {trackerStates.map((s) => (
                <th scope="col" class="numeric" key={s}>
                  {t(`plans.tracker.state.${s}`)}
                </th>
              ))}
              <th scope="col" class="numeric">
                {t('plans.tracker.total')}
              </th>
              <th scope="col" class="numeric">
                {t('plans.tracker.share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {byService.rows.map((serviceId, r) => (
              <tr key={serviceId}>
                <th scope="row">{tracker.serviceNames[serviceId] ? <NameIn name={tracker.serviceNames[serviceId]!} /> : serviceId}</th>
                {byService.cells[r]!.map((c, i) => (
                  <td class="numeric" key={i}>
                    {cell(c)}
                  </td>
                ))}
                <td class="numeric">{cell(byService.rowTotals[r]!)}</td>
                <td class="numeric">{percent(tracker.shareByService[r]!)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('plans.tracker.total')}</th>
              {byService.colTotals.map((c, i) => (
                <td class="numeric" key={i}>
                  {cell(c)}
                </td>
              ))}
              <td class="numeric">{cell(byService.total)}</td>
              <td class="numeric">{percent(tracker.shareVerified)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

export function PublicPlanPage({ territory, page, reports }: { territory: Territory; page: PublicPlan; reports: PlanReport[] }) {
  const { t, locale } = useView();
  const { plan, version } = page;
  const own = useDataLang();
  const title = text(version.snapshot.title, locale);
  const base = `/t/${territory.slug}/plans/${plan.slug}`;
  return (
    <Layout title={title} description={text(version.snapshot.summary, locale) || undefined}>
      <p>
        <a href={href(locale, `/t/${territory.slug}/plans`)}>{t('plans.index.back', { territory: territory.name })}</a>
      </p>
      <h1>
        <Tx text={version.snapshot.title} />
      </h1>
      <p class="lead">
        {t('plans.public.from', { territory: territory.name, kind: t(`plans.kind.${plan.kind}`), from: formatDate(locale, version.snapshot.periodFrom), to: formatDate(locale, version.snapshot.periodTo) })}
      </p>
      {text(version.snapshot.summary, locale) && (
        <p>
          <Tx text={version.snapshot.summary} />
        </p>
      )}
      <p>
        <Sentence
          say={(v) => t('plans.public.approved', { ...v, number: version.number, date: formatDate(locale, version.publishedAt.toISOString().slice(0, 10)), body: t(`plans.approval.body.${plan.approvedBy}`) })}
          data={{ approvers: <PersonName>{version.approvers.join(', ')}</PersonName> }}
        />
      </p>

      <h2>{t('plans.public.goals')}</h2>
      {page.goals.map((g) => {
        const measures = page.measures.filter((m) => m.goalId === g.id);
        return (
          <section key={g.id} aria-labelledby={`goal-${g.code}`}>
            <h3 id={`goal-${g.code}`}>
              {g.code}. <Tx text={g.title} />
            </h3>
            {measures.length === 0 ? (
              <p>{t('plans.public.noMeasures')}</p>
            ) : (
              <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`goal-${g.code}-caption`}>
                <table class="table">
                  <caption id={`goal-${g.code}-caption`}>
                    <Sentence
                      say={(v) => t('plans.public.measuresCaption', v)}
                      data={{
                        goal: (
                          <>
                            {g.code}. <Tx text={g.title} />
                          </>
                        ),
                      }}
                    />
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('plans.measure.title')}</th>
                      <th scope="col">{t('plans.measure.responsible')}</th>
                      <th scope="col">{t('plans.measure.deadline')}</th>
                      <th scope="col">{t('plans.measure.status')}</th>
                      <th scope="col">{t('plans.measure.progress')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {measures.map((m) => (
                      <tr key={m.id} id={`measure-${m.code}`}>
                        <th scope="row">
                          {m.code} <Tx text={m.title} />
                        </th>
                        <td>
                          <NameIn name={m.department} />
                          {m.owner && <div lang={own}>{m.owner}</div>}
                          {m.organisations.length > 0 && (
                            <div>
                              <Sentence say={(v) => t('plans.measure.withOrganisations', v)} data={{ organisations: <TerritoryText>{m.organisations.join(', ')}</TerritoryText> }} />
                            </div>
                          )}
                        </td>
                        <td>{formatDate(locale, m.deadline)}</td>
                        <td>
                          <StatusTag status={m.status} />
                          {m.status === 'dropped' && m.droppedReason && <div lang={own}>{m.droppedReason}</div>}
                        </td>
                        <td>
                          <Progress percent={m.percent} />
                          {m.followUp && (
                            <div>
                              <FindingsSummary followUp={m.followUp} />
                            </div>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}

      {page.indicators.length > 0 && (
        <section aria-labelledby="indicators-heading">
          <h2 id="indicators-heading">{t('plans.public.indicators')}</h2>
          {page.indicators.map((i, n) => (
            <IndicatorFigure key={i.id} indicator={i} index={n} />
          ))}
        </section>
      )}

      {page.tracker && <TrackerSection tracker={page.tracker} />}

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('plans.public.versions')}</h2>
        <ol class="list" reversed>
          {page.versions.map((v) => (
            <li key={v.number}>
              {t('plans.public.version', { number: v.number, date: formatDate(locale, v.publishedAt.toISOString().slice(0, 10)) })}
              {v.changes.length > 0 ? (
                <ul>
                  {v.changes.map((c, i) => (
                    <li key={i}>
                      <Sentence say={(v) => t(`plans.change.${c.kind}`, { ...v, code: c.code })} data={{ from: <TerritoryText>{c.from ?? ''}</TerritoryText>, to: <TerritoryText>{c.to ?? ''}</TerritoryText> }} />
                    </li>
                  ))}
                </ul>
              ) : (
                v.number > 1 && <p>{t('plans.public.noChanges')}</p>
              )}
            </li>
          ))}
        </ol>
      </section>

      {reports.length > 0 && (
        <section aria-labelledby="reports-heading">
          <h2 id="reports-heading">{t('plans.report.heading')}</h2>
          <ul class="list">
            {reports.map((r) => (
              <li key={r.year}>
                <a href={href(locale, `${base}/reports/${r.year}`)}>{t('plans.report.link', { year: r.year })}</a>
              </li>
            ))}
          </ul>
        </section>
      )}

      <p>
        <a href={href(locale, `${base}/contribute`)}>{t('plans.contribution.publicLink')}</a>
      </p>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('plans.public.data')}</h2>
        <ul class="list">
          <li>
            <a href={href(locale, `${base}/data.csv`)}>{t('plans.public.csv')}</a>
          </li>
          <li>
            <a href={href(locale, `${base}/data.json`)}>{t('plans.public.json')}</a>
          </li>
          <li>
            <a href={href(locale, `${base}/datapackage.json`)}>{t('plans.public.datapackage')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
