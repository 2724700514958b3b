// One measure: its form (new or edit), its actions, its findings and their follow-up visits.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import type { Territory } from '../territories/territory.service.ts';
import type { Finding } from '../audits/findings/finding.service.ts';
import { measureStatuses, type Translated } from './plans.schema.ts';
import type { Goal, MeasureOptions, MeasureView, Plan } from './plan.service.ts';
import type { FindingState } from './verification.service.ts';
import { FindingStateTag, Notice, Progress } from './components.tsx';
import type { Values } from './staff.views.tsx';

const text = (t: Translated, locale: string) => t[locale] ?? Object.values(t).find(Boolean) ?? '';
const one = (values: Values, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};
const many = (values: Values, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? value : value ? [value] : [];
};

export interface MeasurePageProps {
  territory: Territory;
  plan: Plan;
  goals: Goal[];
  options: MeasureOptions;
  measure: MeasureView | null;
  findings: (Finding & { state: FindingState })[];
  canEdit: boolean;
  canVerify: boolean;
  /** Submitted visits of the service after the measure's date: the candidates for a follow-up. */
  laterVisits: { id: string; scheduledOn: string; place: string }[];
  /** The visits of the follow-ups recorded: when and where (never their ids). */
  followUpVisits: Map<string, { scheduledOn: string; place: string }>;
  values: Values;
  errors: FieldErrors;
  notice?: string;
}

export function MeasurePage({ territory, plan, goals, options, measure, findings, canEdit, canVerify, laterVisits, followUpVisits, values, errors, notice }: MeasurePageProps) {
  const { t, locale } = useView();
  const base = `/t/${territory.slug}/plans/${plan.slug}`;
  const title = measure ? `${measure.code} ${text(measure.title, locale)}` : t('plans.measure.new');
  const editable = canEdit && plan.status !== 'review';
  return (
    <Layout title={title}>
      <ErrorSummary errors={errors} />
      <Notice notice={notice} />
      <p>
        <a href={href(locale, `${base}/edit`)}>{t('plans.measure.back', { plan: text(plan.title, locale) })}</a>
      </p>
      <h1>{title}</h1>
      {measure && (
        <p>
          <Progress percent={measure.percent} />
        </p>
      )}
      {errors.plan && <p class="error-message">{t(errors.plan)}</p>}
      {editable ? (
        <Form action={href(locale, measure ? `${base}/measures/${measure.id}` : `${base}/measures/new`)}>
          <Select name="goalId" label={t('plans.measure.goal')} placeholder={t('plans.choose')} options={goals.map((g) => ({ value: g.id, label: `${g.code}. ${text(g.title, locale)}` }))} value={one(values, 'goalId')} error={errors.goalId} />
          <TextInput name="code" label={t('plans.measure.code')} value={one(values, 'code')} error={errors.code} width="short" />
          <TextInput name="title" label={t('plans.measure.title')} value={one(values, 'title')} error={errors.title} />
          <TextArea name="description" label={t('plans.measure.description')} value={one(values, 'description')} rows={3} />
          <Select
            name="departmentId"
            label={t('plans.measure.responsible')}
            hint={t('plans.measure.responsibleHint')}
            placeholder={t('plans.choose')}
            options={options.departments.map((d) => ({ value: d.id, label: d.nameTranslations[locale] ?? d.name }))}
            value={one(values, 'departmentId')}
            error={errors.departmentId}
          />
          <TextInput name="owner" label={t('plans.measure.owner')} value={one(values, 'owner')} error={errors.owner} />
          {options.organisations.length > 0 && (
            <Choices type="checkbox" name="organisationIds" label={t('plans.measure.organisations')} options={options.organisations.map((o) => ({ value: o.id, label: o.name }))} value={many(values, 'organisationIds')} error={errors.organisationIds} />
          )}
          {options.challenges.length > 0 && (
            <Choices type="checkbox" name="challengeIds" label={t('plans.measure.challenges')} options={options.challenges.map((c) => ({ value: c.id, label: c.title }))} value={many(values, 'challengeIds')} error={errors.challengeIds} />
          )}
          <TextInput name="startsOn" type="date" label={t('plans.measure.startsOn')} hint={t('plans.measure.periodHint', { from: plan.periodFrom, to: plan.periodTo })} value={one(values, 'startsOn')} error={errors.startsOn} width="short" />
          <TextInput name="deadline" type="date" label={t('plans.measure.deadline')} hint={t('plans.measure.periodHint', { from: plan.periodFrom, to: plan.periodTo })} value={one(values, 'deadline')} error={errors.deadline} width="short" />
          <Select name="status" label={t('plans.measure.status')} options={measureStatuses.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))} value={one(values, 'status') || 'planned'} error={errors.status} />
          <TextArea name="droppedReason" label={t('plans.measure.droppedReason')} hint={t('plans.measure.droppedReasonHint')} value={one(values, 'droppedReason')} error={errors.droppedReason} rows={2} />
          <TextInput name="progress" label={t('plans.measure.progressLabel')} hint={t('plans.measure.progressHint')} inputMode="numeric" value={one(values, 'progress')} error={errors.progress} width="short" />
          <Button>{t('plans.measure.save')}</Button>
        </Form>
      ) : (
        measure && <p>{text(measure.description, locale)}</p>
      )}

      {measure && (
        <>
          <h2 id="actions-heading">{t('plans.action.heading')}</h2>
          {measure.actions.length === 0 && <p>{t('plans.action.none')}</p>}
          <ul class="list">
            {measure.actions.map((a) => (
              <li key={a.id}>
                {text(a.title, locale)} — {a.done ? t('plans.action.done') : t('plans.action.todo')}
                {editable && (
                  <Form action={href(locale, `${base}/measures/${measure.id}/actions/${a.id}`)}>
                    <input type="hidden" name="done" value={a.done ? 'no' : 'yes'} />
                    <Button variant="secondary">{a.done ? t('plans.action.reopen') : t('plans.action.markDone')}</Button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
          {editable && (
            <Form action={href(locale, `${base}/measures/${measure.id}/actions`)}>
              <TextInput name="actionTitle" label={t('plans.action.new')} value={one(values, 'actionTitle')} error={errors.actionTitle} />
              <Button variant="secondary">{t('plans.action.add')}</Button>
            </Form>
          )}

          {findings.length > 0 && (
            <>
              <h2 id="findings-heading">{t('plans.finding.heading')}</h2>
              <p>{t('plans.finding.rule')}</p>
              <div class="table-scroll">
                <table class="table">
                  <caption>{t('plans.finding.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('plans.finding.finding')}</th>
                      <th scope="col">{t('plans.finding.month')}</th>
                      <th scope="col">{t('plans.finding.state')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {findings.map((f) => (
                      <tr key={f.id}>
                        <th scope="row">{f.title}</th>
                        <td>{f.month}</td>
                        <td>
                          <FindingStateTag state={f.state} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h3 id="followups-heading">{t('plans.verification.heading')}</h3>
              {measure.verifications.length === 0 && <p>{t('plans.verification.none')}</p>}
              <ul class="list">
                {measure.verifications.map((x) => (
                  <li key={x.id}>
                    {t('plans.verification.item', { finding: findings.find((f) => f.id === x.findingId)?.title ?? '', visit: [followUpVisits.get(x.visitId)?.scheduledOn, followUpVisits.get(x.visitId)?.place].filter(Boolean).join(', '), outcome: t(`plans.verification.outcome.${x.outcome}`), status: t(`plans.verification.status.${x.status}`) })}
                    {canVerify && x.status === 'pending' && (
                      <Form action={href(locale, `/t/${territory.slug}/follow-ups/${x.id}/validate`)}>
                        <Button>{t('plans.verification.validate')}</Button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
              {errors.verification && (
                // The error summary links here.
                <p class="error-message" id="f-verification">
                  {t(errors.verification)}
                </p>
              )}
              {canVerify && (
                <Form action={href(locale, `${base}/measures/${measure.id}/follow-ups`)}>
                  <Select name="findingId" label={t('plans.verification.finding')} placeholder={t('plans.choose')} options={findings.map((f) => ({ value: f.id, label: f.title }))} value={one(values, 'findingId')} error={errors.findingId} />
                  <Select
                    name="visitId"
                    label={t('plans.verification.visit')}
                    hint={t('plans.verification.visitHint')}
                    placeholder={t('plans.choose')}
                    options={laterVisits.map((x) => ({ value: x.id, label: t('plans.verification.visitOption', { date: x.scheduledOn, place: x.place }) }))}
                    value={one(values, 'visitId')}
                    error={errors.visitId}
                  />
                  <Button variant="secondary">{t('plans.verification.record')}</Button>
                </Form>
              )}
            </>
          )}
        </>
      )}
    </Layout>
  );
}
