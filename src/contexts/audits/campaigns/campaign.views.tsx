// Campaign pages: the list, a new campaign (scope, period, methods, instruments), and one campaign's plan
// (auditors, schedule), results, paired tests and score cards.
import { Layout } from '../../../platform/views/layout.tsx';
import { useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { localName, type Facility, type Service } from '../../catalogue/catalogue.service.ts';
import { campaignMethods } from '../audit.schema.ts';
import { dimensions, textIn } from '../instruments/instrument.ts';
import { scoreGap } from './score-gap.ts';
import { minimumReliablePairs, pairOutcomes } from './paired.ts';
import type { AssignableAuditor, Campaign, CampaignPlan } from './campaign.service.ts';
import type { InstrumentVersion } from '../instruments/instrument.service.ts';
import type { PairedResult, TestPair } from './pairs.service.ts';
import type { CampaignResults } from '../results.service.ts';
import type { ScoreCard, ScoreCardDetail } from './scorecard.service.ts';
import type { CycleComparison, CycleView } from './score-cycles.ts';
import { BarChart } from '../../../platform/views/charts.tsx';
import { TranslatedName } from '../../../platform/views/lang.tsx';
import { AuditsNav, Tag } from '../audits.views.tsx';
import { VisitList, type VisitListProps } from './visit-list.views.tsx';

type Values = Record<string, string | string[]>;
const str = (values: Values, k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
const list = (values: Values, k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : typeof values[k] === 'string' && values[k] ? [values[k] as string] : []);

export function CampaignsPage({ slug, campaigns, mayManage }: { slug: string; campaigns: Campaign[]; mayManage: boolean }) {
  const { t, locale, date } = useView();
  const base = `/${locale}/t/${slug}/audits/campaigns`;
  return (
    <Layout title={t('audits.campaign.list.title')}>
      <AuditsNav slug={slug} current="campaigns" />
      <h1>{t('audits.campaign.list.title')}</h1>
      {mayManage && (
        <p>
          <a href={`${base}/new`}>{t('audits.campaign.new.title')}</a>
        </p>
      )}
      <p>
        <a href={`/${locale}/t/${slug}/audits/self-assessments`}>{t('audits.selfAssessment.list.fromCampaigns')}</a>
      </p>
      <ul class="card-list">
        {campaigns.map((c) => (
          <li class="card" key={c.id}>
            <h2 class="card__title">
              <a href={`${base}/${c.id}`}>{c.title}</a>
            </h2>
            <p class="card__meta">
              {t('audits.campaign.period', { from: date(new Date(`${c.startsOn}T12:00:00Z`)), to: date(new Date(`${c.endsOn}T12:00:00Z`)) })}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function NewCampaignPage({ slug, services, facilities, versions, values, errors }: { slug: string; services: Service[]; facilities: Facility[]; versions: (InstrumentVersion & { key: string })[]; values: Values; errors: FieldErrors }) {
  const { t, locale } = useView();
  return (
    <Layout title={t('audits.campaign.new.title')}>
      <AuditsNav slug={slug} current="campaigns" />
      <h1>{t('audits.campaign.new.title')}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/${locale}/t/${slug}/audits/campaigns`}>
        <TextInput name="title" label={t('audits.campaign.title')} error={errors.title} value={str(values, 'title')} />
        <TextArea name="hypothesis" label={t('audits.campaign.hypothesis')} hint={t('audits.campaign.hypothesisHint')} value={str(values, 'hypothesis')} rows={4} />
        <TextInput name="startsOn" type="date" label={t('audits.campaign.startsOn')} error={errors.startsOn} value={str(values, 'startsOn')} width="short" />
        <TextInput name="endsOn" type="date" label={t('audits.campaign.endsOn')} error={errors.endsOn} value={str(values, 'endsOn')} width="short" />
        <Choices name="methods" type="checkbox" label={t('audits.campaign.methods')} error={errors.methods} value={list(values, 'methods')} options={campaignMethods.map((m) => ({ value: m, label: t(`audits.campaign.method.${m}`) }))} />
        <Choices name="serviceIds" type="checkbox" label={t('audits.campaign.services')} error={errors.serviceIds} value={list(values, 'serviceIds')} options={services.map((s) => ({ value: s.id, label: localName(s, locale) }))} />
        <Choices
          name="facilityIds"
          type="checkbox"
          label={t('audits.campaign.facilities')}
          hint={t('audits.campaign.facilitiesHint')}
          value={list(values, 'facilityIds')}
          options={facilities.map((f) => ({ value: f.id, label: f.name }))}
        />
        <Choices
          name="instrumentVersionIds"
          type="checkbox"
          label={t('audits.campaign.instruments')}
          error={errors.instrumentVersionIds}
          value={list(values, 'instrumentVersionIds')}
          options={versions.map((v) => ({ value: v.id, label: `${textIn(v.definition.title, locale, v.definition.languages) || v.key} · ${t('audits.instrument.version', { version: v.version })}` }))}
        />
        <TrainingRequiredChoice value={Object.keys(values).length === 0 ? ['1'] : list(values, 'trainingRequired')} />
        <Button>{t('audits.campaign.new.submit')}</Button>
      </Form>
    </Layout>
  );
}

function TrainingRequiredChoice({ value }: { value: string[] }) {
  const { t } = useView();
  return (
    <Choices
      name="trainingRequired"
      type="checkbox"
      label={t('audits.campaign.training.legend')}
      value={value}
      options={[{ value: '1', label: t('audits.campaign.training.required'), hint: t('audits.campaign.training.hint') }]}
    />
  );
}

export interface CampaignPageProps {
  slug: string;
  plan: CampaignPlan;
  results: CampaignResults;
  paired: { results: PairedResult[]; pairs: TestPair[] };
  cards: ScoreCard[];
  services: Service[];
  facilities: Facility[];
  assignable: AssignableAuditor[];
  versions: (InstrumentVersion & { key: string })[];
  grounds: string[];
  errors: FieldErrors;
  values: Values;
  visits: VisitListProps;
}

function rate(value: number, number: (n: number, o?: Intl.NumberFormatOptions) => string) {
  return number(value, { style: 'percent', maximumFractionDigits: 1 });
}

export function PairedTable({ results, services }: { results: PairedResult[]; services: Service[] }) {
  const { t, locale, number } = useView();
  const name = new Map(services.map((s) => [s.id, localName(s, locale)]));
  return (
    <>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('audits.table.scroll')}>
        <table class="table">
          <caption>{t('audits.pairs.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audits.finding.service')}</th>
              <th scope="col">{t('audits.pairs.ground')}</th>
              <th scope="col" class="numeric">
                {t('audits.pairs.pairs')}
              </th>
              {pairOutcomes.map((o) => (
                <th scope="col" class="numeric" key={o}>
                  {t(`audits.pairs.outcomes.${o}`)}
                </th>
              ))}
              <th scope="col" class="numeric">
                {t('audits.pairs.netRate')}
              </th>
              <th scope="col">{t('audits.pairs.interval')}</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={`${r.serviceId}-${r.ground}`}>
                <th scope="row">{name.get(r.serviceId)}</th>
                <td>{t(`audits.ground.${r.ground}`)}</td>
                <td class="numeric">{r.pairs}</td>
                <td class="numeric">{r.bothWell}</td>
                <td class="numeric">{r.bothBadly}</td>
                <td class="numeric">{r.minorityWorse}</td>
                <td class="numeric">{r.majorityWorse}</td>
                <td class="numeric">{r.netRate === null ? '—' : rate(r.netRate, number)}</td>
                <td>
                  {r.interval ? t('audits.pairs.range', { lower: rate(r.interval.lower, number), upper: rate(r.interval.upper, number) }) : '—'}
                  {!r.reliable && (
                    <>
                      {' '}
                      <Tag kind="warning">{t('audits.pairs.notReliable', { minimum: minimumReliablePairs })}</Tag>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{t('audits.pairs.method', { minimum: minimumReliablePairs })}</p>
    </>
  );
}

export function CampaignPage(props: CampaignPageProps) {
  const { slug, plan, results, paired, cards, services, facilities, assignable, versions, grounds, errors, values } = props;
  const { t, locale, date } = useView();
  const c = plan.campaign;
  const base = `/${locale}/t/${slug}/audits/campaigns/${c.id}`;
  const facilityName = new Map(facilities.map((f) => [f.id, f.name]));
  const codeName = new Map(plan.auditors.map((a) => [a.id, a.codeName]));
  const inScope = facilities.filter((f) => c.facilityIds.includes(f.id));
  const campaignVersions = versions.filter((v) => c.instrumentVersionIds.includes(v.id));
  const serviceName = new Map(services.map((s) => [s.id, localName(s, locale)]));
  return (
    <Layout title={c.title}>
      <AuditsNav slug={slug} current="campaigns" />
      <p class="caption">{t('audits.campaign.period', { from: date(new Date(`${c.startsOn}T12:00:00Z`)), to: date(new Date(`${c.endsOn}T12:00:00Z`)) })}</p>
      <h1>{c.title}</h1>
      <ErrorSummary errors={errors} />
      {c.hypothesis && <p class="lead">{c.hypothesis}</p>}
      <p>
        {c.methods.map((m) => t(`audits.campaign.method.${m}`)).join(' · ')}
        <br />
        {c.serviceIds.map((id) => serviceName.get(id)).join(' · ')} · {t('audits.campaign.facilityCount', { count: c.facilityIds.length })}
      </p>
      <p class="actions">
        <a href={`/api/v1/territories/${slug}/audits/campaigns/${c.id}/results`}>{t('audits.campaign.results.json')}</a> ·{' '}
        <a href={`/api/v1/territories/${slug}/audits/campaigns/${c.id}/results.csv`}>{t('audits.campaign.results.csv')}</a> ·{' '}
        <a href={`/${locale}/t/${slug}/audits/findings?campaignId=${c.id}`}>{t('audits.nav.findings')}</a>
        {/* A campaign that plans a self-assessment leads to the services' own, compared with its visits. */}
        {(c.methods as string[]).includes('self-assessment') && (
          <>
            {' · '}
            <a href={`/${locale}/t/${slug}/audits/self-assessments`}>{t('audits.selfAssessment.list.fromCampaigns')}</a>
          </>
        )}
      </p>

      <h2>{t('audits.campaign.results.title')}</h2>
      <p>{t('audits.campaign.results.visits', { submitted: results.visits.submitted, draft: results.visits.draft, scheduled: results.visits.scheduled })}</p>
      <p>{Object.entries(results.findings).map(([status, n]) => `${t(`audits.finding.statuses.${status}`)}: ${n}`).join(' · ')}</p>

      <h2>{t('audits.pairs.title')}</h2>
      {paired.results.length > 0 ? <PairedTable results={paired.results} services={services} /> : <p>{t('audits.pairs.none')}</p>}
      {c.methods.includes('paired-test') && (
        <Form action={`${base}/pairs`}>
          <h3>{t('audits.pairs.add')}</h3>
          <Select name="facilityId" label={t('audits.finding.facility')} error={errors.facilityId} value={str(values, 'facilityId')} options={inScope.map((f) => ({ value: f.id, label: f.name }))} />
          <Select name="ground" label={t('audits.pairs.ground')} error={errors.ground} value={str(values, 'ground')} options={grounds.map((g) => ({ value: g, label: t(`audits.ground.${g}`) }))} />
          <TextInput name="testedOn" type="date" label={t('audits.pairs.testedOn')} error={errors.testedOn} value={str(values, 'testedOn')} width="short" />
          <Select name="minorityAuditorId" label={t('audits.pairs.minority')} placeholder="" value={str(values, 'minorityAuditorId')} options={plan.auditors.map((a) => ({ value: a.id, label: a.codeName }))} />
          <Select name="majorityAuditorId" label={t('audits.pairs.majority')} error={errors.majorityAuditorId} placeholder="" value={str(values, 'majorityAuditorId')} options={plan.auditors.map((a) => ({ value: a.id, label: a.codeName }))} />
          <Choices name="outcome" type="radio" label={t('audits.pairs.outcome')} error={errors.outcome} value={str(values, 'outcome')} options={pairOutcomes.map((o) => ({ value: o, label: t(`audits.pairs.outcomes.${o}`) }))} />
          <Button variant="secondary">{t('audits.pairs.submit')}</Button>
        </Form>
      )}

      <h2>{t('audits.scoreCard.title')}</h2>
      <ul>
        {cards.map((card) => (
          <li key={card.id}>
            <a href={`/${locale}/t/${slug}/audits/score-cards/${card.id}`}>
              {serviceName.get(card.serviceId)} · {card.userGroup}
            </a>
          </li>
        ))}
      </ul>
      {c.methods.includes('self-assessment') && <NewScoreCardForm action={`${base}/score-cards`} services={services.filter((s) => c.serviceIds.includes(s.id))} errors={errors} values={values} />}

      <h2 id="auditors">{t('audits.campaign.auditors')}</h2>
      <p>{plan.auditors.map((a) => a.codeName).join(', ') || t('audits.campaign.noAuditors')}</p>
      <Form action={`${base}/auditors`}>
        <Choices
          name="auditorIds"
          type="checkbox"
          label={t('audits.campaign.assign')}
          hint={c.trainingRequired ? t('audits.campaign.training.assignHint') : undefined}
          error={errors.auditorIds}
          value={list(values, 'auditorIds')}
          options={assignable
            .filter((a) => !codeName.has(a.id))
            .map((a) => ({
              value: a.id,
              label: `${a.codeName} (${a.languages.join(', ')})`,
              hint: a.trained ? undefined : list(values, 'untrained').includes(a.codeName) ? t('audits.campaign.training.untrainedChosen') : t('audits.campaign.training.untrained'),
            }))}
        />
        <Button variant="secondary">{t('audits.campaign.assignSubmit')}</Button>
      </Form>
      <Form action={`${base}/training`}>
        <TrainingRequiredChoice value={c.trainingRequired ? ['1'] : []} />
        <Button variant="secondary">{t('audits.campaign.training.save')}</Button>
      </Form>

      <h2>{t('audits.campaign.schedule')}</h2>
      <Form action={`${base}/visits`}>
        <Select name="facilityId" label={t('audits.finding.facility')} error={errors.visitFacilityId} value={str(values, 'visitFacilityId')} options={inScope.map((f) => ({ value: f.id, label: f.name }))} />
        <Select name="auditorId" label={t('audits.campaign.auditor')} error={errors.auditorId} value={str(values, 'auditorId')} options={plan.auditors.map((a) => ({ value: a.id, label: a.codeName }))} />
        <Select name="method" label={t('audits.campaign.method.label')} error={errors.method} value={str(values, 'method')} options={c.methods.map((m) => ({ value: m, label: t(`audits.campaign.method.${m}`) }))} />
        <Select
          name="instrumentVersionId"
          label={t('audits.campaign.instrument')}
          error={errors.instrumentVersionId}
          value={str(values, 'instrumentVersionId')}
          options={campaignVersions.map((v) => ({ value: v.id, label: `${textIn(v.definition.title, locale, v.definition.languages)} · ${t('audits.instrument.version', { version: v.version })}` }))}
        />
        <TextInput name="scheduledOn" type="date" label={t('audits.campaign.scheduledOn')} error={errors.scheduledOn} value={str(values, 'scheduledOn')} width="short" />
        <Button variant="secondary">{t('audits.campaign.scheduleSubmit')}</Button>
      </Form>
      <VisitList slug={slug} campaignId={c.id} visits={props.visits} auditors={plan.auditors} facilityName={facilityName} />
    </Layout>
  );
}

type ScoreCardPageProps = ScoreCardDetail & { slug: string; serviceName: string; mayManage: boolean; grounds: string[]; errors: FieldErrors; values: Values };

export function ScoreCardPage({ slug, card, criteria, actions, cycles, comparison, maySelfAssess, serviceName, mayManage, grounds, errors, values }: ScoreCardPageProps) {
  const { t, locale, number, date } = useView();
  const base = `/${locale}/t/${slug}/audits/score-cards/${card.id}`;
  // A criterion in the reader's language when it has one, else as the users put it (marked where it stands alone).
  const label = new Map(criteria.map((c) => [c.id, c.labelTranslations[locale] ?? c.label]));
  const named = new Map(criteria.map((c) => [c.id, { name: c.label, nameTranslations: c.labelTranslations }]));
  const allStaff = criteria.every((c) => c.staffScore !== null);
  const current = cycles[cycles.length - 1]!;
  const currentStaffDone = current.scores.every((s) => s.staffScore !== null);
  const currentUsersDone = current.scores.every((s) => s.userScore !== null);
  const dated = (d: string) => date(new Date(`${d}T12:00:00Z`));
  return (
    <Layout title={`${t('audits.scoreCard.title')} · ${serviceName}`}>
      <AuditsNav slug={slug} current="campaigns" />
      <p class="caption">{serviceName}</p>
      <h1>{t('audits.scoreCard.title')}</h1>
      <p class="lead">{card.userGroup}</p>
      <ErrorSummary errors={errors} />
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('audits.table.scroll')}>
        <table class="table">
          <caption>{t('audits.scoreCard.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audits.scoreCard.criterion')}</th>
              <th scope="col" class="numeric">
                {t('audits.scoreCard.users')}
              </th>
              <th scope="col" class="numeric">
                {t('audits.scoreCard.staff')}
              </th>
              <th scope="col" class="numeric">
                {t('audits.scoreCard.gap')}
              </th>
              <th scope="col">{t('audits.scoreCard.reasons')}</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <TranslatedName entry={named.get(c.id)!} />
                  <br />
                  <span class="caption">{t(`audits.dimension.${c.dimension}`)}</span>
                </th>
                <td class="numeric">{c.userScore ?? '—'}</td>
                <td class="numeric">{c.staffScore ?? '—'}</td>
                <td class="numeric">{c.userScore !== null && c.staffScore !== null ? number(scoreGap(c.userScore, c.staffScore), { signDisplay: 'exceptZero' }) : '—'}</td>
                <td>
                  {c.userReasons}
                  {c.staffReasons && (
                    <>
                      <br />
                      <em>{c.staffReasons}</em>
                    </>
                  )}
                  {c.gapDiscussion && (
                    <>
                      <br />
                      {c.gapDiscussion}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('audits.scoreCard.actions')}</h2>
      {actions.length === 0 ? (
        <p>{t('audits.scoreCard.noActions')}</p>
      ) : (
        <ul>
          {actions.map((a) => (
            <li key={a.id}>
              {t('audits.scoreCard.action', { who: a.who, what: a.what, when: a.byWhen, criterion: label.get(a.criterionId) ?? '' })}
              {a.findingId && (
                <>
                  {' · '}
                  <a href={`/${locale}/t/${slug}/audits/findings/${a.findingId}`}>{t('audits.scoreCard.finding')}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {comparison && <CycleComparisonSection comparison={comparison.map((c) => ({ ...c, label: label.get(c.criterionId) ?? c.label }))} named={named} cycles={cycles} dated={dated} />}
      {maySelfAssess && !currentStaffDone && (
        <Form action={`${base}/staff`}>
          <h2>{t('audits.scoreCard.staffTitle')}</h2>
          <p>{t('audits.scoreCard.staffCycle', { cycle: current.number, date: dated(current.startedOn) })}</p>
          {criteria.map((c) => (
            <TextInput key={c.id} name={`staff_${c.id}`} label={t('audits.scoreCard.staffScore', { criterion: label.get(c.id)! })} error={errors[`staff_${c.id}`]} value={str(values, `staff_${c.id}`)} inputMode="numeric" width="short" />
          ))}
          <TextArea name="staffReasons" label={t('audits.scoreCard.staffReasons')} value={str(values, 'staffReasons')} rows={3} />
          <Button variant="secondary">{t('audits.scoreCard.staffSubmit')}</Button>
        </Form>
      )}
      {mayManage && !currentStaffDone && <p>{t('audits.scoreCard.staffAwaited')}</p>}
      {mayManage && current.number > 1 && !currentUsersDone && (
        <Form action={`${base}/community`}>
          <h2>{t('audits.scoreCard.communityTitle', { cycle: current.number })}</h2>
          {criteria.map((c) => (
            <TextInput key={c.id} name={`users_${c.id}`} label={t('audits.scoreCard.communityScore', { criterion: label.get(c.id)! })} error={errors[`users_${c.id}`]} value={str(values, `users_${c.id}`)} inputMode="numeric" width="short" />
          ))}
          <TextArea name="usersReasons" label={t('audits.scoreCard.reasons')} value={str(values, 'usersReasons')} rows={3} />
          <Button variant="secondary">{t('audits.scoreCard.communitySubmit')}</Button>
        </Form>
      )}
      {mayManage && card.meetingOn && currentStaffDone && currentUsersDone && (
        <Form action={`${base}/cycles`}>
          <h2>{t('audits.scoreCard.newCycleTitle')}</h2>
          <p>{t('audits.scoreCard.newCycleHint', { cycle: current.number + 1 })}</p>
          <TextInput name="startedOn" type="date" label={t('audits.scoreCard.cycleStartedOn')} error={errors.startedOn} value={str(values, 'startedOn')} width="short" />
          <Button variant="secondary">{t('audits.scoreCard.newCycleSubmit')}</Button>
        </Form>
      )}
      {mayManage && allStaff && !card.meetingOn && (
        <Form action={`${base}/meeting`}>
          <h2>{t('audits.scoreCard.meetingTitle')}</h2>
          <TextInput name="meetingOn" type="date" label={t('audits.scoreCard.meetingOn')} error={errors.meetingOn} value={str(values, 'meetingOn')} width="short" />
          {criteria.map((c) => (
            <TextArea key={c.id} name={`gap_${c.id}`} label={t('audits.scoreCard.gapAbout', { criterion: label.get(c.id)! })} value={str(values, `gap_${c.id}`)} rows={2} />
          ))}
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{t('audits.scoreCard.agreedAction')}</legend>
            <Select name="action_criterion" label={t('audits.scoreCard.criterion')} placeholder={t('audits.scoreCard.noAction')} error={errors.action_0_criterion} value={str(values, 'action_criterion')} options={criteria.map((c) => ({ value: c.id, label: label.get(c.id)! }))} />
            <TextInput name="action_who" label={t('audits.scoreCard.who')} error={errors.action_0_who} value={str(values, 'action_who')} />
            <TextInput name="action_what" label={t('audits.scoreCard.what')} error={errors.action_0_what} value={str(values, 'action_what')} />
            <TextInput name="action_byWhen" type="date" label={t('audits.scoreCard.byWhen')} error={errors.action_0_byWhen} value={str(values, 'action_byWhen')} width="short" />
            <Select name="action_severity" label={t('audits.finding.severity')} value={str(values, 'action_severity') || '2'} options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`audits.finding.severities.${n}`) }))} />
            <Choices name="action_grounds" type="checkbox" label={t('audits.finding.grounds')} error={errors.action_0_grounds} value={list(values, 'action_grounds')} options={grounds.map((g) => ({ value: g, label: t(`audits.ground.${g}`) }))} />
          </fieldset>
          <TextArea name="notes" label={t('audits.scoreCard.notes')} value={str(values, 'notes')} rows={3} />
          <Button>{t('audits.scoreCard.meetingSubmit')}</Button>
        </Form>
      )}
    </Layout>
  );
}

function CycleComparisonSection({
  comparison,
  named,
  cycles,
  dated,
}: {
  comparison: CycleComparison[];
  named: Map<string, { name: string; nameTranslations: Partial<Record<string, string>> }>;
  cycles: CycleView[];
  dated: (d: string) => string;
}) {
  const { t, number } = useView();
  const first = cycles[0]!;
  const latest = cycles[cycles.length - 1]!;
  const score = (n: number | null) => (n === null ? '—' : number(n));
  const delta = (n: number | null) => (n === null ? '—' : number(n, { signDisplay: 'exceptZero' }));
  const names = { before: t('audits.scoreCard.cycleN', { cycle: first.number, date: dated(first.startedOn) }), after: t('audits.scoreCard.cycleN', { cycle: latest.number, date: dated(latest.startedOn) }) };
  return (
    <section aria-labelledby="cycles-title">
      <h2 id="cycles-title">{t('audits.scoreCard.changeTitle')}</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('audits.table.scroll')}>
        <table class="table" id="cycle-change">
          <caption>{t('audits.scoreCard.changeCaption', { before: names.before, after: names.after })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audits.scoreCard.criterion')}</th>
              <th scope="col" class="numeric">{t('audits.scoreCard.usersIn', { cycle: first.number })}</th>
              <th scope="col" class="numeric">{t('audits.scoreCard.usersIn', { cycle: latest.number })}</th>
              <th scope="col" class="numeric">{t('audits.scoreCard.usersChange')}</th>
              <th scope="col" class="numeric">{t('audits.scoreCard.staffIn', { cycle: first.number })}</th>
              <th scope="col" class="numeric">{t('audits.scoreCard.staffIn', { cycle: latest.number })}</th>
              <th scope="col" class="numeric">{t('audits.scoreCard.staffChange')}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.map((c) => (
              <tr key={c.criterionId}>
                <th scope="row">{named.has(c.criterionId) ? <TranslatedName entry={named.get(c.criterionId)!} /> : c.label}</th>
                <td class="numeric">{score(c.before.users)}</td>
                <td class="numeric">{score(c.after.users)}</td>
                <td class="numeric">{delta(c.usersChange)}</td>
                <td class="numeric">{score(c.before.staff)}</td>
                <td class="numeric">{score(c.after.staff)}</td>
                <td class="numeric">{delta(c.staffChange)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <BarChart
        id="cycle-chart"
        title={t('audits.scoreCard.chartTitle')}
        description={t('audits.scoreCard.chartDescription', { before: names.before, after: names.after })}
        bars={comparison.flatMap((c) => [
          { key: `${c.criterionId}-1`, label: `${c.label} · ${t('audits.scoreCard.cycleShort', { cycle: c.before.cycle })}`, value: c.before.users },
          { key: `${c.criterionId}-2`, label: `${c.label} · ${t('audits.scoreCard.cycleShort', { cycle: c.after.cycle })}`, value: c.after.users },
        ])}
        formatValue={(v) => number(v)}
        suppressedText={() => '—'}
      />
    </section>
  );
}

export function NewScoreCardForm({ action, services, errors, values }: { action: string; services: Service[]; errors: FieldErrors; values: Values }) {
  const { t, locale } = useView();
  return (
    <Form action={action}>
      <h3>{t('audits.scoreCard.new')}</h3>
      <Select name="serviceId" label={t('audits.finding.service')} error={errors.serviceId} value={str(values, 'serviceId')} options={services.map((s) => ({ value: s.id, label: localName(s, locale) }))} />
      <TextInput name="userGroup" label={t('audits.scoreCard.group')} error={errors.userGroup} value={str(values, 'userGroup')} />
      {[0, 1, 2].map((i) => (
        <fieldset class="fieldset" key={i}>
          <legend class="fieldset__legend">{t('audits.scoreCard.criterionN', { n: i + 1 })}</legend>
          <TextInput name={`label_${i}`} label={t('audits.scoreCard.criterion')} error={errors[`label_${i}`]} value={str(values, `label_${i}`)} />
          <Select name={`dimension_${i}`} label={t('audits.finding.dimension')} value={str(values, `dimension_${i}`)} options={dimensions.map((d) => ({ value: d, label: t(`audits.dimension.${d}`) }))} />
          <TextInput name={`score_${i}`} label={t('audits.scoreCard.usersScore')} error={errors[`score_${i}`]} value={str(values, `score_${i}`)} inputMode="numeric" width="short" />
          <TextArea name={`reasons_${i}`} label={t('audits.scoreCard.reasons')} error={errors[`reasons_${i}`]} value={str(values, `reasons_${i}`)} rows={2} />
        </fieldset>
      ))}
      <Button variant="secondary">{t('audits.scoreCard.create')}</Button>
    </Form>
  );
}
