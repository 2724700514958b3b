// Staff pages of plans: the list and a new plan; one plan's editor (goals, measures, indicators, measurements,
// approval, Decidim import and export).
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import type { PlanReport } from './report.service.ts';
import { Button, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import type { Territory } from '../territories/territory.service.ts';
import { planKinds, type Translated } from './plans.schema.ts';
import type { MeasureOptions, Plan, PlanDetail } from './plan.service.ts';
import type { PlanVersion, PlanVote } from './approval.service.ts';
import type { ImportProblem } from './decidim.csv.ts';
import { formatDate, Notice, Progress, StatusTag } from './components.tsx';

const text = (t: Translated, locale: string) => t[locale] ?? Object.values(t).find(Boolean) ?? '';
export type Values = Record<string, string | string[] | undefined>;
const v = (values: Values, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
};

export function StaffPlansPage({ territory, plans, canEdit, values, errors }: { territory: Territory; plans: Plan[]; canEdit: boolean; values: Values; errors: FieldErrors }) {
  const { t, locale } = useView();
  return (
    <Layout title={t('plans.staff.title', { territory: territory.name })}>
      <ErrorSummary errors={errors} />
      <h1>{t('plans.staff.title', { territory: territory.name })}</h1>
      <p>
        <a href={href(locale, `/t/${territory.slug}/recommendations`)}>{t('plans.recommendations.link')}</a>
      </p>
      <div class="table-scroll">
        <table class="table">
          <caption>{t('plans.staff.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plans.plan.title')}</th>
              <th scope="col">{t('plans.plan.kind')}</th>
              <th scope="col">{t('plans.plan.period')}</th>
              <th scope="col">{t('plans.plan.state')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <a href={href(locale, `/t/${territory.slug}/plans/${p.slug}/edit`)}>{text(p.title, locale)}</a>
                </th>
                <td>{t(`plans.kind.${p.kind}`)}</td>
                <td>
                  {p.periodFrom} – {p.periodTo}
                </td>
                <td>{p.status === 'review' ? t('plans.plan.inReview') : p.publishedVersion > 0 ? t('plans.plan.publishedVersion', { number: p.publishedVersion }) : t('plans.plan.draft')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <section aria-labelledby="new-plan-heading">
          <h2 id="new-plan-heading">{t('plans.staff.new')}</h2>
          <Form action={href(locale, `/t/${territory.slug}/plans/staff`)}>
            <TextInput name="title" label={t('plans.plan.title')} value={v(values, 'title')} error={errors.title} />
            <TextArea name="summary" label={t('plans.plan.summary')} value={v(values, 'summary')} rows={3} />
            <Select name="kind" label={t('plans.plan.kind')} options={planKinds.map((k) => ({ value: k, label: t(`plans.kind.${k}`) }))} value={v(values, 'kind') || 'action-plan'} error={errors.kind} />
            <TextInput name="periodFrom" type="date" label={t('plans.plan.periodFrom')} hint={t('plans.dateHint')} value={v(values, 'periodFrom')} error={errors.periodFrom} width="short" />
            <TextInput name="periodTo" type="date" label={t('plans.plan.periodTo')} hint={t('plans.dateHint')} value={v(values, 'periodTo')} error={errors.periodTo} width="short" />
            <Select
              name="approvedBy"
              label={t('plans.plan.approvedBy')}
              options={(['board', 'promoting-group'] as const).map((b) => ({ value: b, label: t(`plans.approval.body.${b}`) }))}
              value={v(values, 'approvedBy') || 'board'}
              error={errors.approvedBy}
            />
            <Button>{t('plans.staff.create')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export interface EditPageProps {
  territory: Territory;
  detail: PlanDetail;
  options: MeasureOptions;
  services: { id: string; name: string }[];
  versions: PlanVersion[];
  votes: PlanVote[];
  reports: PlanReport[];
  reportYears: number[];
  canEdit: boolean;
  canSubmit: boolean;
  canVote: boolean;
  myVote: string | null;
  values: Values;
  errors: FieldErrors;
  problems: ImportProblem[];
  notice?: string;
}

export function PlanEditPage(props: EditPageProps) {
  const { t, locale } = useView();
  const { territory, detail, options, values, errors } = props;
  const { plan } = detail;
  const base = `/t/${territory.slug}/plans/${plan.slug}`;
  const departmentName = new Map(options.departments.map((d) => [d.id, d.nameTranslations[locale] ?? d.name]));
  const editable = props.canEdit && plan.status !== 'review';
  return (
    <Layout title={text(plan.title, locale)}>
      <ErrorSummary errors={errors} />
      <Notice notice={props.notice} />
      <p>
        <a href={href(locale, `/t/${territory.slug}/plans/staff`)}>{t('plans.staff.back')}</a>
        {plan.publishedVersion > 0 && (
          <>
            {' · '}
            <a href={href(locale, base)}>{t('plans.staff.publicPage')}</a>
          </>
        )}
      </p>
      <h1>{text(plan.title, locale)}</h1>
      <p class="lead">
        {t(`plans.kind.${plan.kind}`)}, {formatDate(locale, plan.periodFrom)} – {formatDate(locale, plan.periodTo)}.{' '}
        {plan.status === 'review' ? t('plans.plan.inReview') : plan.publishedVersion > 0 ? t('plans.plan.publishedVersion', { number: plan.publishedVersion }) : t('plans.plan.draft')}
      </p>

      <h2 id="goals-heading">{t('plans.goal.heading')}</h2>
      {detail.goals.map((g) => (
        <section key={g.id} aria-labelledby={`g-${g.id}`}>
          <h3 id={`g-${g.id}`}>
            {g.code}. {text(g.title, locale)}
          </h3>
          <div class="table-scroll">
            <table class="table">
              <caption>{t('plans.public.measuresCaption', { goal: `${g.code}. ${text(g.title, locale)}` })}</caption>
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
                {detail.measures
                  .filter((m) => m.goalId === g.id)
                  .map((m) => (
                    <tr key={m.id}>
                      <th scope="row">
                        <a href={href(locale, `${base}/measures/${m.id}`)}>
                          {m.code} {text(m.title, locale)}
                        </a>
                      </th>
                      <td>
                        {departmentName.get(m.departmentId)}
                        {m.owner && <div>{m.owner}</div>}
                      </td>
                      <td>{m.deadline}</td>
                      <td>
                        <StatusTag status={m.status} />
                      </td>
                      <td>
                        <Progress percent={m.percent} />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      {editable && (
        <>
          <p>
            <a class="button" href={href(locale, `${base}/measures/new`)}>
              {t('plans.measure.new')}
            </a>
          </p>
          <Form action={href(locale, `${base}/goals`)}>
            <h3>{t('plans.goal.new')}</h3>
            <TextInput name="goalCode" label={t('plans.goal.code')} value={v(values, 'goalCode')} error={errors.goalCode} width="short" />
            <TextInput name="goalTitle" label={t('plans.goal.title')} value={v(values, 'goalTitle')} error={errors.goalTitle} />
            <Button variant="secondary">{t('plans.goal.add')}</Button>
          </Form>
        </>
      )}

      <h2 id="indicators-heading">{t('plans.public.indicators')}</h2>
      {detail.indicators.map((i) => (
        <section key={i.id} aria-labelledby={`i-${i.id}`}>
          <h3 id={`i-${i.id}`}>{text(i.name, locale)}</h3>
          <p>
            {t('plans.indicator.summary', { unit: i.unit, source: i.source, baseline: i.baseline ?? '—', target: i.target ?? '—' })}
            {i.computation === 'open-findings' && ` ${t('plans.indicator.computedNote')}`}
          </p>
          {i.measurements.length > 0 && (
            <ul class="list">
              {i.measurements.map((m) => (
                <li key={m.id}>
                  {m.measuredOn}: {m.value} {i.unit}
                </li>
              ))}
            </ul>
          )}
          {props.canEdit && i.computation === 'manual' && (
            <Form action={href(locale, `${base}/indicators/${i.id}/measurements`)}>
              <TextInput name={`measuredOn-${i.id}`} type="date" label={t('plans.measurement.date')} hint={t('plans.dateHint')} value={v(values, `measuredOn-${i.id}`)} error={errors[`measuredOn-${i.id}`]} width="short" />
              <TextInput name={`value-${i.id}`} label={t('plans.measurement.value', { unit: i.unit })} inputMode="text" value={v(values, `value-${i.id}`)} error={errors[`value-${i.id}`]} width="short" />
              <Button variant="secondary">{t('plans.measurement.add')}</Button>
            </Form>
          )}
        </section>
      ))}
      {editable && (
        <Form action={href(locale, `${base}/indicators`)}>
          <h3>{t('plans.indicator.new')}</h3>
          <TextInput name="name" label={t('plans.indicator.name')} value={v(values, 'name')} error={errors.name} />
          <TextInput name="unit" label={t('plans.indicator.unit')} value={v(values, 'unit')} error={errors.unit} width="short" />
          <TextInput name="source" label={t('plans.indicator.sourceLabel')} value={v(values, 'source')} error={errors.source} />
          <TextInput name="baseline" label={t('plans.indicator.baseline')} value={v(values, 'baseline')} error={errors.baseline} width="short" />
          <TextInput name="target" label={t('plans.indicator.target')} value={v(values, 'target')} error={errors.target} width="short" />
          <Select
            name="computation"
            label={t('plans.indicator.computation')}
            options={(['manual', 'open-findings'] as const).map((c) => ({ value: c, label: t(`plans.indicator.computations.${c}`) }))}
            value={v(values, 'computation') || 'manual'}
            error={errors.computation}
          />
          <Select name="serviceId" label={t('plans.indicator.service')} placeholder={t('plans.none')} options={props.services.map((s) => ({ value: s.id, label: s.name }))} value={v(values, 'serviceId')} error={errors.serviceId} />
          <Button variant="secondary">{t('plans.indicator.add')}</Button>
        </Form>
      )}

      <h2 id="approval-heading">{t('plans.approval.heading')}</h2>
      <p>{t('plans.approval.by', { body: t(`plans.approval.body.${plan.approvedBy}`) })}</p>
      {errors.plan && <p class="error-message">{t(errors.plan)}</p>}
      {plan.status === 'draft' && props.canSubmit && (
        <Form action={href(locale, `${base}/submit`)}>
          <Button>{plan.publishedVersion > 0 ? t('plans.approval.submitRevision') : t('plans.approval.submit')}</Button>
        </Form>
      )}
      {plan.status === 'review' && (
        <>
          <p>{t('plans.approval.votes', { approvals: props.votes.filter((x) => x.vote === 'approve').length, rejections: props.votes.filter((x) => x.vote === 'reject').length })}</p>
          <ul class="list">
            {props.votes.map((x) => (
              <li key={x.personId}>
                {x.personName || t('plans.deletedAccount')}: {t(`plans.approval.vote.${x.vote}`)}
              </li>
            ))}
          </ul>
          {props.canVote && (
            <Form action={href(locale, `${base}/votes`)}>
              {props.myVote && <p>{t('plans.approval.yourVote', { vote: t(`plans.approval.vote.${props.myVote}`) })}</p>}
              <Select name="vote" label={t('plans.approval.yourChoice')} options={(['approve', 'reject'] as const).map((x) => ({ value: x, label: t(`plans.approval.vote.${x}`) }))} value={v(values, 'vote') || 'approve'} error={errors.vote} />
              <Button>{t('plans.approval.cast')}</Button>
            </Form>
          )}
        </>
      )}
      {props.versions.length > 0 && (
        <ol class="list" reversed>
          {props.versions.map((x) => (
            <li key={x.number}>
              {t('plans.public.version', { number: x.number, date: formatDate(locale, x.publishedAt.toISOString().slice(0, 10)) })}
              <ul>
                {x.changes.map((c, i) => (
                  <li key={i}>{t(`plans.change.${c.kind}`, { code: c.code, from: c.from ?? '', to: c.to ?? '' })}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}

      <p>
        <a href={href(locale, `${base}/contributions`)}>{t('plans.contribution.staffLink')}</a>
      </p>

      <h2 id="reports-heading">{t('plans.report.heading')}</h2>
      <p>{t('plans.report.explain', { body: t(`plans.approval.body.${plan.approvedBy}`) })}</p>
      {props.reports.length > 0 && (
        <ul class="list">
          {props.reports.map((r) => (
            <li key={r.year}>
              <a href={href(locale, `${base}/reports/${r.year}`)}>{t('plans.report.link', { year: r.year })}</a> — {t(`plans.report.status.${r.status}`)}
            </li>
          ))}
        </ul>
      )}
      {plan.publishedVersion > 0 && props.canSubmit && props.reportYears.length > 0 ? (
        <Form action={href(locale, `${base}/reports`)}>
          <Select
            name="year"
            label={t('plans.report.year')}
            options={props.reportYears.map((y) => ({ value: String(y), label: String(y) }))}
            value={v(values, 'year') || String(props.reportYears[props.reportYears.length - 1])}
            error={errors.year}
          />
          <Button variant="secondary">{t('plans.report.submit')}</Button>
        </Form>
      ) : (
        plan.publishedVersion === 0 && <p>{t('plans.report.errors.unpublished')}</p>
      )}

      <h2 id="decidim-heading">{t('plans.decidim.heading')}</h2>
      <p>
        <a href={href(locale, `${base}/decidim.csv`)}>{t('plans.decidim.export')}</a>
      </p>
      {editable && (
        <Form action={href(locale, `${base}/import`)}>
          {props.problems.length > 0 && (
            <div class="table-scroll">
              <table class="table">
                <caption>{t('plans.decidim.problemsCaption', { count: props.problems.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('plans.decidim.line')}</th>
                    <th scope="col">{t('plans.decidim.field')}</th>
                    <th scope="col">{t('plans.decidim.problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.problems.map((p, i) => (
                    <tr key={i}>
                      <td>{p.line}</td>
                      <td>{p.field}</td>
                      <td>{t(p.problem)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Select name="departmentId" label={t('plans.decidim.department')} placeholder={t('plans.none')} options={options.departments.map((d) => ({ value: d.id, label: d.nameTranslations[locale] ?? d.name }))} value={v(values, 'departmentId')} error={errors.departmentId} />
          <TextArea name="file" label={t('plans.decidim.file')} hint={t('plans.decidim.fileHint')} value={v(values, 'file')} error={errors.file} rows={8} />
          <Button variant="secondary">{t('plans.decidim.import')}</Button>
        </Form>
      )}
    </Layout>
  );
}
