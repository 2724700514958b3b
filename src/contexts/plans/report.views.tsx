// The yearly follow-up report of a plan: one page to read, print (print CSS) or download as PDF; while in
// review, the approving body's votes and the voting form.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Button, ErrorSummary, Form, Select, type FieldErrors } from '../../platform/views/forms.tsx';
import type { Territory } from '../territories/territory.service.ts';
import type { Plan } from './plan.service.ts';
import type { PlanReport, PlanReportVote } from './report.service.ts';
import type { PublicMeasure } from './public.service.ts';
import type { Translated } from './plans.schema.ts';
import { IndicatorFigure, TrackerSection } from './public.views.tsx';
import { FindingsSummary, formatDate, Notice, Progress, StatusTag } from './components.tsx';

const text = (t: Translated, locale: string) => t[locale] ?? Object.values(t).find(Boolean) ?? '';

function MeasuresTable({ id, caption, measures, goals, reasons }: { id: string; caption: string; measures: PublicMeasure[]; goals: Map<string, string>; reasons?: boolean }) {
  const { t, locale } = useView();
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table class="table" id={id}>
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plans.measure.title')}</th>
            <th scope="col">{t('plans.report.goal')}</th>
            <th scope="col">{t('plans.measure.responsible')}</th>
            <th scope="col">{t('plans.measure.deadline')}</th>
            <th scope="col">{reasons ? t('plans.report.reason') : t('plans.measure.progress')}</th>
          </tr>
        </thead>
        <tbody>
          {measures.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                {m.code} {text(m.title, locale)}
              </th>
              <td>{goals.get(m.goalId) ?? ''}</td>
              <td>
                {m.department[locale] ?? m.department.default}
                {m.owner && <div>{m.owner}</div>}
                {m.organisations.length > 0 && <div>{t('plans.measure.withOrganisations', { organisations: m.organisations.join(', ') })}</div>}
              </td>
              <td>{formatDate(locale, m.deadline)}</td>
              <td>
                {reasons ? (
                  m.droppedReason
                ) : (
                  <>
                    <StatusTag status={m.status} />
                    <Progress percent={m.percent} />
                    {m.followUp && (
                      <div>
                        <FindingsSummary followUp={m.followUp} />
                      </div>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ReportPageProps {
  territory: Territory;
  plan: Plan;
  report: PlanReport;
  votes: PlanReportVote[];
  canVote: boolean;
  myVote: string | null;
  errors: FieldErrors;
  notice?: string | undefined;
}

export function ReportPage({ territory, plan, report, votes, canVote, myVote, errors, notice }: ReportPageProps) {
  const { t, locale } = useView();
  const c = report.content;
  const title = t('plans.report.title', { year: report.year, plan: text(c.title, locale) });
  const base = `/t/${territory.slug}/plans/${plan.slug}`;
  const goals = new Map(c.goals.map((g) => [g.id, `${g.code}. ${text(g.title, locale)}`]));
  const groups = [
    { id: 'planned', measures: c.measures.filter((m) => m.status === 'planned' || m.status === 'in-progress') },
    { id: 'done', measures: c.measures.filter((m) => m.status === 'done') },
    { id: 'dropped', measures: c.measures.filter((m) => m.status === 'dropped') },
  ];
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <Notice notice={notice} />
      <p class="no-print">
        <a href={href(locale, plan.publishedVersion > 0 ? base : `${base}/edit`)}>{t('plans.report.back', { plan: text(c.title, locale) })}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">
        {t('plans.report.lead', { territory: territory.name, version: c.version, from: formatDate(locale, c.periodFrom), to: formatDate(locale, c.periodTo), until: formatDate(locale, c.until) })}
      </p>
      {report.status === 'approved' ? (
        <p id="report-approval">{t('plans.report.approved', { date: formatDate(locale, report.approvedAt!.toISOString().slice(0, 10)), approvers: report.approvers.join(', '), body: t(`plans.approval.body.${plan.approvedBy}`) })}</p>
      ) : (
        <p id="report-approval">{t('plans.report.inReview', { body: t(`plans.approval.body.${plan.approvedBy}`) })}</p>
      )}
      {report.status === 'approved' && (
        <ul class="list no-print">
          <li>
            <a href={href(locale, `${base}/reports/${report.year}/pdf`)} download>
              {t('plans.report.pdf')}
            </a>
          </li>
          <li>{t('plans.report.print')}</li>
        </ul>
      )}

      <section aria-labelledby="report-summary-heading">
        <h2 id="report-summary-heading">{t('plans.report.summary')}</h2>
        <p>{t('plans.report.counts', { planned: groups[0]!.measures.length, done: groups[1]!.measures.length, dropped: groups[2]!.measures.length })}</p>
      </section>

      {groups.map((g) => (
        <section key={g.id} aria-labelledby={`report-${g.id}-heading`}>
          <h2 id={`report-${g.id}-heading`}>{t(`plans.report.${g.id}`)}</h2>
          {g.measures.length === 0 ? (
            <p>{t('plans.report.none')}</p>
          ) : (
            <MeasuresTable id={`report-${g.id}`} caption={t(`plans.report.${g.id}Caption`, { year: report.year })} measures={g.measures} goals={goals} reasons={g.id === 'dropped'} />
          )}
        </section>
      ))}

      {c.indicators.length > 0 && (
        <section aria-labelledby="indicators-heading">
          <h2 id="indicators-heading">{t('plans.public.indicators')}</h2>
          {c.indicators.map((i, n) => (
            <IndicatorFigure key={i.id} indicator={i} index={n} />
          ))}
        </section>
      )}

      {c.tracker && <TrackerSection tracker={c.tracker} />}

      {report.status === 'review' && (
        <section aria-labelledby="report-votes-heading" class="no-print">
          <h2 id="report-votes-heading">{t('plans.report.votesHeading')}</h2>
          <p>{t('plans.report.votes', { approvals: votes.filter((x) => x.vote === 'approve').length, rejections: votes.filter((x) => x.vote === 'reject').length })}</p>
          <ul class="list">
            {votes.map((x) => (
              <li key={x.personId}>
                {x.personName || t('plans.deletedAccount')}: {t(`plans.approval.vote.${x.vote}`)}
              </li>
            ))}
          </ul>
          {canVote && (
            <Form action={href(locale, `${base}/reports/${report.year}/votes`)}>
              {myVote && <p>{t('plans.approval.yourVote', { vote: t(`plans.approval.vote.${myVote}`) })}</p>}
              <Select name="vote" label={t('plans.approval.yourChoice')} options={(['approve', 'reject'] as const).map((x) => ({ value: x, label: t(`plans.approval.vote.${x}`) }))} value="approve" error={errors.vote} />
              <Button>{t('plans.approval.cast')}</Button>
            </Form>
          )}
        </section>
      )}
    </Layout>
  );
}
