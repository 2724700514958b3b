// Co-production pages: member organisations propose measures and comment on the draft's measures, and see
// the outcome; the staff who draft the plan accept a proposal into it (it becomes a measure) or decline it.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import type { Territory } from '../territories/territory.service.ts';
import type { ContributionRow, DraftForOrganisations } from './contribution.service.ts';
import type { Plan } from './plan.service.ts';
import type { MeasureOptions } from './plan.service.ts';
import type { Translated } from './plans.schema.ts';
import { Notice } from './components.tsx';

type Values = Record<string, string | string[] | undefined>;
const text = (t: Translated, locale: string) => t[locale] ?? Object.values(t).find(Boolean) ?? '';
const one = (values: Values, k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
const many = (values: Values, k: string) => {
  const v = values[k];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

function Outcome({ row }: { row: ContributionRow }) {
  const { t } = useView();
  if (row.kind === 'comment') return <>{t('plans.contribution.status.comment')}</>;
  return (
    <>
      {t(`plans.contribution.status.${row.status}`)}
      {row.status === 'declined' && row.declineReason && <>: {row.declineReason}</>}
    </>
  );
}

export function ContributePage({ territory, draft, values, errors, notice }: { territory: Territory; draft: DraftForOrganisations; values: Values; errors: FieldErrors; notice?: string | undefined }) {
  const { t, locale } = useView();
  const { plan } = draft;
  const base = `/t/${territory.slug}/plans/${plan.slug}/contribute`;
  const orgOptions = draft.organisations.map((o) => ({ value: o.id, label: o.name }));
  const challengeOptions = draft.challenges.map((c) => ({ value: c.id, label: c.title }));
  const measureTitle = new Map(draft.measures.map((m) => [m.id, `${m.code} ${text(m.title, locale)}`]));
  return (
    <Layout title={t('plans.contribution.title', { plan: text(plan.title, locale) })}>
      <ErrorSummary errors={errors} />
      <Notice notice={notice} />
      <h1>{t('plans.contribution.title', { plan: text(plan.title, locale) })}</h1>
      <p class="lead">{t('plans.contribution.lead')}</p>
      {plan.status === 'review' && <p>{t('plans.contribution.errors.inReview')}</p>}

      <h2 id="propose-heading">{t('plans.contribution.proposeHeading')}</h2>
      <Form action={href(locale, base)}>
        <Select name="organisationId" label={t('plans.contribution.organisation')} options={orgOptions} value={one(values, 'organisationId') || orgOptions[0]?.value} error={errors.organisationId} />
        <Select name="goalId" label={t('plans.contribution.goal')} placeholder={t('plans.contribution.chooseGoal')} options={draft.goals.map((g) => ({ value: g.id, label: `${g.code}. ${text(g.title, locale)}` }))} value={one(values, 'goalId')} error={errors.goalId} />
        <TextInput name="title" label={t('plans.contribution.measureTitle')} value={one(values, 'title')} error={errors.title} />
        <TextArea name="body" label={t('plans.contribution.why')} value={one(values, 'body')} error={errors.body} />
        {challengeOptions.length > 0 && <Choices type="checkbox" name="challengeIds" label={t('plans.contribution.challenges')} options={challengeOptions} value={many(values, 'challengeIds')} error={errors.challengeIds} />}
        <Button>{t('plans.contribution.propose')}</Button>
      </Form>

      <h2 id="comment-heading">{t('plans.contribution.commentHeading')}</h2>
      {draft.measures.length === 0 && <p>{t('plans.public.noMeasures')}</p>}
      {draft.measures.map((m) => (
        <section key={m.id} aria-labelledby={`m-${m.id}`}>
          <h3 id={`m-${m.id}`}>{measureTitle.get(m.id)}</h3>
          <Form action={href(locale, `${base}/measures/${m.id}`)}>
            <Select name={`organisationId-${m.id}`} label={t('plans.contribution.organisation')} options={orgOptions} value={one(values, `organisationId-${m.id}`) || orgOptions[0]?.value} error={errors[`organisationId-${m.id}`]} />
            <TextArea name={`body-${m.id}`} label={t('plans.contribution.comment')} value={one(values, `body-${m.id}`)} error={errors[`body-${m.id}`]} />
            {challengeOptions.length > 0 && (
              <Choices type="checkbox" name={`challengeIds-${m.id}`} label={t('plans.contribution.challenges')} options={challengeOptions} value={many(values, `challengeIds-${m.id}`)} error={errors[`challengeIds-${m.id}`]} />
            )}
            <Button variant="secondary">{t('plans.contribution.send')}</Button>
          </Form>
        </section>
      ))}

      <h2 id="mine-heading">{t('plans.contribution.mineHeading')}</h2>
      {draft.mine.length === 0 ? (
        <p>{t('plans.contribution.noneYet')}</p>
      ) : (
        <ul class="list" id="mine">
          {draft.mine.map((r) => (
            <li key={r.id}>
              {r.kind === 'proposal' ? r.title : t('plans.contribution.commentOn', { measure: measureTitle.get(r.measureId ?? '') ?? '' })} ({r.organisationName}) — <Outcome row={r} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ContributionsStaffPage(props: { territory: Territory; plan: Plan; rows: ContributionRow[]; options: MeasureOptions; measures: { id: string; label: string }[]; canEdit: boolean; values: Values; errors: FieldErrors; notice?: string | undefined }) {
  const { t, locale } = useView();
  const { territory, plan, rows, options, values, errors } = props;
  const base = `/t/${territory.slug}/plans/${plan.slug}/contributions`;
  const challenge = new Map(options.challenges.map((c) => [c.id, c.title]));
  const measureLabel = new Map(props.measures.map((m) => [m.id, m.label]));
  const departments = options.departments.map((d) => ({ value: d.id, label: d.nameTranslations[locale] ?? d.name }));
  const answers = (r: ContributionRow) => r.challengeIds.map((id) => challenge.get(id)).filter(Boolean).join('; ');
  return (
    <Layout title={t('plans.contribution.staffTitle', { plan: text(plan.title, locale) })}>
      <ErrorSummary errors={errors} />
      <Notice notice={props.notice} />
      <p>
        <a href={href(locale, `/t/${territory.slug}/plans/${plan.slug}/edit`)}>{t('plans.report.back', { plan: text(plan.title, locale) })}</a>
      </p>
      <h1>{t('plans.contribution.staffTitle', { plan: text(plan.title, locale) })}</h1>
      <h2>{t('plans.contribution.proposals')}</h2>
      {rows.filter((r) => r.kind === 'proposal').length === 0 && <p>{t('plans.contribution.noneYet')}</p>}
      {rows
        .filter((r) => r.kind === 'proposal')
        .map((r) => (
          <section key={r.id} aria-labelledby={`p-${r.id}`}>
            <h3 id={`p-${r.id}`}>
              {r.title} ({r.organisationName})
            </h3>
            <p>{r.body}</p>
            {answers(r) && <p>{t('plans.contribution.answers', { challenges: answers(r) })}</p>}
            <p>
              <Outcome row={r} />
            </p>
            {r.status === 'open' && props.canEdit && plan.status !== 'review' && (
              <>
                <Form action={href(locale, `${base}/${r.id}/accept`)}>
                  <TextInput name={`code-${r.id}`} label={t('plans.measure.code')} value={one(values, `code-${r.id}`)} error={errors[`code-${r.id}`]} />
                  <Select name={`departmentId-${r.id}`} label={t('plans.measure.responsible')} placeholder={t('plans.none')} options={departments} value={one(values, `departmentId-${r.id}`)} error={errors[`departmentId-${r.id}`]} />
                  <TextInput name={`owner-${r.id}`} label={t('plans.measure.owner')} value={one(values, `owner-${r.id}`)} error={errors[`owner-${r.id}`]} />
                  <TextInput name={`deadline-${r.id}`} type="date" label={t('plans.measure.deadline')} value={one(values, `deadline-${r.id}`)} error={errors[`deadline-${r.id}`]} />
                  {errors[`goalId-${r.id}`] && <p class="error-message">{t(errors[`goalId-${r.id}`]!)}</p>}
                  <Button>{t('plans.contribution.accept')}</Button>
                </Form>
                <Form action={href(locale, `${base}/${r.id}/decline`)}>
                  <TextArea name={`reason-${r.id}`} label={t('plans.contribution.reason')} value={one(values, `reason-${r.id}`)} error={errors[`reason-${r.id}`]} />
                  <Button variant="secondary">{t('plans.contribution.decline')}</Button>
                </Form>
              </>
            )}
          </section>
        ))}
      <h2>{t('plans.contribution.comments')}</h2>
      {rows.filter((r) => r.kind === 'comment').length === 0 ? (
        <p>{t('plans.contribution.noneYet')}</p>
      ) : (
        <ul class="list">
          {rows
            .filter((r) => r.kind === 'comment')
            .map((r) => (
              <li key={r.id}>
                <strong>{t('plans.contribution.commentOn', { measure: measureLabel.get(r.measureId ?? '') ?? '' })}</strong> ({r.organisationName}): {r.body}
                {answers(r) && <div>{t('plans.contribution.answers', { challenges: answers(r) })}</div>}
              </li>
            ))}
        </ul>
      )}
    </Layout>
  );
}
