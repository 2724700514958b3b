// Recommendations: a coordinator turns findings into recommendations to a service; its manager answers each.
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import type { Territory } from '../territories/territory.service.ts';
import type { Finding } from '../audits/findings/finding.service.ts';
import type { Translated } from './plans.schema.ts';
import type { Goal, Plan } from './plan.service.ts';
import type { Recommendation } from './recommendation.service.ts';
import { Notice } from './components.tsx';
import type { Values } from './staff.views.tsx';

const text = (t: Translated, locale: string) => t[locale] ?? Object.values(t).find(Boolean) ?? '';
const one = (values: Values, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};

export interface RecommendationsPageProps {
  territory: Territory;
  rows: Recommendation[];
  mayAnswer: Set<string>;
  canPropose: boolean;
  candidates: Finding[];
  diagnosisNumber: number | null;
  plans: (Plan & { goals: Goal[] })[];
  serviceNames: Map<string, string>;
  facilityNames: Map<string, string>;
  findingTitles: Map<string, string>;
  values: Values;
  errors: FieldErrors;
  /** The recommendation whose answer form the errors belong to. */
  answering: string | null;
  notice?: string;
}

export function RecommendationsPage(props: RecommendationsPageProps) {
  const { t, locale } = useView();
  const { territory, values, errors } = props;
  const base = `/t/${territory.slug}/recommendations`;
  const proposeErrors = props.answering ? {} : errors;
  return (
    <Layout title={t('plans.recommendations.title')}>
      <ErrorSummary errors={errors} />
      <Notice notice={props.notice} />
      <h1>{t('plans.recommendations.title')}</h1>
      <p class="lead">{t('plans.recommendations.lead')}</p>

      {props.rows.length === 0 && <p>{t('plans.recommendations.none')}</p>}
      {props.rows.map((r) => {
        const errs = props.answering === r.id ? errors : {};
        return (
          <section key={r.id} class="card" aria-labelledby={`r-${r.id}`}>
            <h2 id={`r-${r.id}`}>{t('plans.recommendations.to', { service: props.serviceNames.get(r.serviceId) ?? '' })}</h2>
            <p>{r.body}</p>
            <p>
              {t('plans.recommendations.findings')}: {r.findingIds.map((id) => props.findingTitles.get(id) ?? '').join('; ')}
              {r.diagnosisNumber !== null && ` — ${t('plans.recommendations.diagnosis', { number: r.diagnosisNumber })}`}
            </p>
            <p>
              <strong>{t(`plans.recommendations.status.${r.status}`)}</strong>
              {r.status === 'accepted' && ` — ${t('plans.recommendations.acceptedDetail', { date: r.plannedOn ?? '', owner: r.owner ?? '' })}`}
              {r.status === 'declined' && ` — ${r.declineReason}`}
            </p>
            {r.status === 'open' && props.mayAnswer.has(r.serviceId) && (
              // The fields' names carry the recommendation's id: one answer form per recommendation on the page,
              // each with its own field ids, so every label names its own field.
              <Form action={href(locale, `${base}/${r.id}/answer`)}>
                <Choices
                  type="radio"
                  name={`decision-${r.id}`}
                  label={t('plans.recommendations.decision')}
                  options={[
                    { value: 'accept', label: t('plans.recommendations.accept') },
                    { value: 'decline', label: t('plans.recommendations.decline') },
                  ]}
                  value={props.answering === r.id ? one(values, `decision-${r.id}`) : ''}
                  error={errs[`decision-${r.id}`]}
                />
                <TextInput name={`plannedOn-${r.id}`} type="date" label={t('plans.recommendations.plannedOn')} hint={t('plans.recommendations.plannedOnHint')} value={props.answering === r.id ? one(values, `plannedOn-${r.id}`) : ''} error={errs[`plannedOn-${r.id}`]} width="short" />
                <TextInput name={`owner-${r.id}`} label={t('plans.recommendations.owner')} value={props.answering === r.id ? one(values, `owner-${r.id}`) : ''} error={errs[`owner-${r.id}`]} />
                <TextArea name={`reason-${r.id}`} label={t('plans.recommendations.reason')} hint={t('plans.recommendations.reasonHint')} value={props.answering === r.id ? one(values, `reason-${r.id}`) : ''} error={errs[`reason-${r.id}`]} rows={3} />
                <Button>{t('plans.recommendations.send')}</Button>
              </Form>
            )}
          </section>
        );
      })}

      {props.canPropose && (
        <section aria-labelledby="propose-heading">
          <h2 id="propose-heading">{t('plans.recommendations.new')}</h2>
          {props.diagnosisNumber !== null && <p>{t('plans.recommendations.fromDiagnosis', { number: props.diagnosisNumber })}</p>}
          <Form action={href(locale, base)}>
            <Select
              name="target"
              label={t('plans.recommendations.target')}
              placeholder={t('plans.choose')}
              options={props.plans.flatMap((p) => p.goals.map((g) => ({ value: `${p.id}:${g.id}`, label: `${text(p.title, locale)} — ${g.code}. ${text(g.title, locale)}` })))}
              value={one(values, 'target')}
              error={proposeErrors.planId ?? proposeErrors.goalId}
            />
            <Choices
              type="checkbox"
              name="findingIds"
              label={t('plans.recommendations.chooseFindings')}
              hint={t('plans.recommendations.chooseFindingsHint')}
              options={props.candidates.map((f) => ({ value: f.id, label: [`${f.title} — ${props.serviceNames.get(f.serviceId) ?? ''}`, f.facilityId ? props.facilityNames.get(f.facilityId) : null, f.month].filter(Boolean).join(', ') }))}
              value={Array.isArray(values.findingIds) ? values.findingIds : values.findingIds ? [values.findingIds] : []}
              error={proposeErrors.findingIds}
            />
            <TextArea name="body" label={t('plans.recommendations.body')} value={one(values, 'body')} error={proposeErrors.body} rows={4} />
            <Button>{t('plans.recommendations.propose')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
