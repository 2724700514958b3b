// Challenges (Know): the public list with filters and support counts, one challenge with its support, proposing one.
import { Layout } from '../../../platform/views/layout.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { territoryName, type Area, type Territory } from '../../territories/territory.service.ts';
import { MunicipalityName, MunicipalitySelect } from '../../../platform/views/municipality.tsx';
import { pickIn, Sentence, TerritoryText, useDataLang } from '../../../platform/views/lang.tsx';
import { challengeStatuses, type ChallengeStatus } from '../agreement.schema.ts';
import { areasOfWork } from '../agreement.settings.ts';
import type { ChallengeFilters, ChallengeSummary, challengeDetail } from './challenge.service.ts';
import type { NetworkSummary } from '../networks/network.service.ts';
import type { Organisation } from '../organisations/organisation.service.ts';
import { AgreementNav, AreaList, FollowForm, Notice, Paragraphs, Tag, Tr, When } from '../components.tsx';
import { pick } from '../../../platform/i18n/translations.ts';

function StatusTag({ status }: { status: ChallengeStatus }) {
  const { t } = useView();
  const tone = status === 'declined' ? 'muted' : status === 'proposed' ? undefined : 'good';
  return <Tag {...(tone ? { tone } : {})}>{t(`agreement.challenge.status.${status}`)}</Tag>;
}

export function ChallengesPage({
  territory,
  challenges,
  filters,
  districts,
  networks,
  municipalities = [],
  canPropose,
}: {
  territory: Territory;
  challenges: ChallengeSummary[];
  filters: ChallengeFilters;
  districts: Area[];
  networks: NetworkSummary[];
  /** A forum's municipalities: each challenge shows where its proposer is registered, and the list filters by it. */
  municipalities?: Territory[];
  canPropose: boolean;
}) {
  const { t, locale } = useView();
  // Titles, organisation and district names: typed in the territory's language.
  const own = useDataLang();
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  const options = municipalities.map((m) => ({ id: m.id, slug: m.slug, ...territoryName(m, locale) }));
  return (
    <Layout title={t('agreement.challenges.title', { territory: territory.name })}>
      <AgreementNav slug={territory.slug} current="challenges" />
      <h1>{t('agreement.challenges.title', { territory: territory.name })}</h1>
      <p class="lead">{t('agreement.challenges.lead')}</p>
      {canPropose && (
        <p>
          <a class="button" href={href(locale, `/t/${territory.slug}/challenges/new`)}>
            {t('agreement.challenges.proposeLink')}
          </a>
        </p>
      )}
      <Form action={href(locale, `/t/${territory.slug}/challenges`)} method="get" class="filters">
        <div class="filters__row">
          <Select name="status" label={t('agreement.challenges.status')} placeholder={t('agreement.directory.any')} options={challengeStatuses.map((s) => ({ value: s, label: t(`agreement.challenge.status.${s}`) }))} value={filters.status} />
          <Select name="area" label={t('agreement.directory.area')} placeholder={t('agreement.directory.any')} options={areasOfWork.map((v) => ({ value: v, label: t(`agreement.area.${v}`) }))} value={filters.area} />
          {districts.length > 0 && <Select name="district" label={t('agreement.directory.district')} placeholder={t('agreement.directory.any')} options={districts.map((d) => ({ value: d.id, label: d.name, lang: own }))} value={filters.district} />}
          <Select name="network" label={t('agreement.directory.network')} placeholder={t('agreement.directory.any')} options={networks.map((n) => ({ value: n.id, label: pick(n.name, locale), lang: pickIn(n.name, locale).lang === locale ? undefined : pickIn(n.name, locale).lang }))} value={filters.network} />
          <MunicipalitySelect municipalities={options} value={filters.municipality} />
        </div>
        <Button variant="secondary">{t('agreement.challenges.filter')}</Button>
      </Form>
      <div class="table-scroll">
        <table class="table">
          <caption>{t('agreement.challenges.caption', { count: challenges.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agreement.challenges.challenge')}</th>
              <th scope="col">{t('agreement.challenges.status')}</th>
              <th scope="col">{t('agreement.challenges.where')}</th>
              <th scope="col" class="numeric">
                {t('agreement.challenges.supports')}
              </th>
            </tr>
          </thead>
          <tbody>
            {challenges.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <a href={href(locale, `/challenges/${c.id}`)} dir="auto" lang={own}>
                    {c.title}
                  </a>
                  <br />
                  <span class="card__meta">
                    <TerritoryText>{c.organisationName}</TerritoryText>
                    {options.some((m) => m.id === c.organisationTerritoryId) && (
                      <>
                        {' '}
                        (<MunicipalityName municipalities={options} territoryId={c.organisationTerritoryId} />)
                      </>
                    )}{' '}
                    · <AreaList areas={c.areas} />
                  </span>
                </th>
                <td>
                  <StatusTag status={c.status} />
                </td>
                <td lang={c.districtIds.length > 0 ? own : undefined}>{c.districtIds.map((d) => districtName.get(d) ?? '').join(', ') || t('agreement.organisation.wholeCity')}</td>
                <td class="numeric">{c.supports}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

type Detail = NonNullable<Awaited<ReturnType<typeof challengeDetail>>>;

export interface ChallengePageProps {
  /** Whether the signed-in visitor follows the challenge (null signed out). */
  following: boolean | null;
  territory: Territory;
  detail: Detail;
  districts: Area[];
  networks: NetworkSummary[];
  supporters: Organisation[];
  canPrioritise: boolean;
  errors: FieldErrors;
  values: Record<string, string>;
  notice?: string;
}

export function ChallengePage({ following, territory, detail, districts, networks, supporters, canPrioritise, errors, values, notice }: ChallengePageProps) {
  const { t, locale } = useView();
  const own = useDataLang();
  const c = detail.challenge;
  const districtNames = districts.filter((d) => c.districtIds.includes(d.id)).map((d) => d.name);
  const nexts = ({ proposed: ['prioritised', 'declined'], prioritised: ['being-addressed', 'declined'], 'being-addressed': ['addressed'], addressed: [], declined: [] } as Record<ChallengeStatus, ChallengeStatus[]>)[c.status];
  return (
    <Layout title={c.title} description={c.description.slice(0, 160)}>
      <ErrorSummary errors={errors} />
      <Notice notice={notice} allowed={['proposed', 'supported', 'prioritised']} />
      <p>
        <a href={href(locale, `/t/${territory.slug}/challenges`)}>{t('agreement.challenge.back', { territory: territory.name })}</a>
      </p>
      <h1 dir="auto" lang={own}>
        {c.title}
      </h1>
      <FollowForm kind="challenge" id={c.id} following={following} back={`/${locale}/challenges/${c.id}`} />
      <p class="lead">
        <StatusTag status={c.status} />{' '}
        <Sentence say={(v) => t('agreement.challenge.proposedBy', v)} data={{ organisation: <TerritoryText>{detail.proposer.name}</TerritoryText> }} /> · <When date={c.createdAt} />
      </p>
      {c.status === 'declined' && c.declineReason && (
        <p>
          <Sentence say={(v) => t('agreement.challenge.declinedBecause', v)} data={{ reason: <TerritoryText>{c.declineReason}</TerritoryText> }} />
        </p>
      )}
      <Paragraphs text={c.description} lang={own} />
      <dl class="summary-list">
        <div>
          <dt>{t('agreement.organisation.areas')}</dt>
          <dd>
            <AreaList areas={c.areas} />
          </dd>
        </div>
        <div>
          <dt>{t('agreement.organisation.districts')}</dt>
          <dd lang={districtNames.length > 0 ? own : undefined}>{districtNames.join(', ') || t('agreement.organisation.wholeCity')}</dd>
        </div>
        <div>
          <dt>{t('agreement.challenge.networks')}</dt>
          <dd>
            {detail.networks.length === 0
              ? t('agreement.challenge.noNetworks')
              : detail.networks.map((n, i) => (
                  <span key={n.id}>
                    {i > 0 && ', '}
                    <a href={href(locale, `/t/${territory.slug}/networks/${n.slug}`)}>
                      <Tr text={n.name} />
                    </a>
                  </span>
                ))}
          </dd>
        </div>
      </dl>
      <h2>{t('agreement.challenge.evidence')}</h2>
      <ul>
        {c.evidence.map((e, i) => (
          <li key={i} class="user-text">
            <TerritoryText>{e.text}</TerritoryText>{' '}
            <span class="card__meta">
              (<Sentence say={(v) => t('agreement.challenge.source', v)} data={{ source: <TerritoryText>{e.source}</TerritoryText> }} />)
            </span>
          </li>
        ))}
      </ul>
      <h2>{t('agreement.challenge.supports', { count: detail.supports.length })}</h2>
      <ul class="support-list">
        {detail.supports.map((s) => (
          <li key={s.organisationId} class="user-text">
            <strong>
              <a href={href(locale, `/organisations/${s.organisationId}`)} lang={own}>
                {s.organisationName}
              </a>
            </strong>
            : <TerritoryText>{s.comment}</TerritoryText>
          </li>
        ))}
      </ul>
      {supporters.length > 0 && (
        <section aria-labelledby="support">
          <h2 id="support">{t('agreement.challenge.supportTitle')}</h2>
          <Form action={href(locale, `/challenges/${c.id}/support`)}>
            <Choices type="radio" name="organisationId" label={t('agreement.challenge.supportAs')} options={supporters.map((o) => ({ value: o.id, label: o.name }))} value={values.organisationId ?? (supporters.length === 1 ? supporters[0]!.id : null)} error={errors.organisationId} />
            <TextArea name="comment" label={t('agreement.challenge.comment')} hint={t('agreement.challenge.commentHint')} rows={3} value={values.comment} error={errors.comment} />
            <Button>{t('agreement.challenge.supportSubmit')}</Button>
          </Form>
        </section>
      )}
      {canPrioritise && (
        <section aria-labelledby="prioritise">
          <h2 id="prioritise">{t('agreement.challenge.prioritiseTitle')}</h2>
          <Form action={href(locale, `/challenges/${c.id}/status`)}>
            {nexts.length > 0 && (
              <Choices
                type="radio"
                name="status"
                label={t('agreement.challenge.moveTo')}
                options={[{ value: '', label: t('agreement.challenge.keep', { status: t(`agreement.challenge.status.${c.status}`) }) }, ...nexts.map((s) => ({ value: s, label: t(`agreement.challenge.status.${s}`) }))]}
                value={values.status ?? ''}
                error={errors.status}
              />
            )}
            <TextArea name="reason" label={t('agreement.review.reason')} hint={t('agreement.challenge.reasonHint')} rows={2} value={values.reason} error={errors.reason} />
            <Choices type="checkbox" name="networkIds" label={t('agreement.challenge.networks')} options={networks.map((n) => ({ value: n.id, label: pick(n.name, locale) }))} value={detail.networks.map((n) => n.id)} error={errors.networkIds} />
            <Button>{t('agreement.challenge.prioritiseSubmit')}</Button>
          </Form>
        </section>
      )}
      <h2>{t('agreement.challenge.history')}</h2>
      <ul>
        {detail.history.map((h) => (
          <li key={h.id}>
            <When date={h.at} />: {t(`agreement.challenge.status.${h.status}`)} ({h.actorName ? <TerritoryText>{h.actorName}</TerritoryText> : t('agreement.challenge.deletedAccount')})
            {h.reason && (
              <>
                {' — '}
                <TerritoryText>{h.reason}</TerritoryText>
              </>
            )}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function ProposePage({ territory, organisations, districts, values, errors }: { territory: Territory; organisations: Organisation[]; districts: Area[]; values: Record<string, string | string[]>; errors: FieldErrors }) {
  const { t, locale } = useView();
  const one = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const list = (k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : values[k] ? [values[k] as string] : []);
  return (
    <Layout title={t('agreement.propose.title')}>
      <ErrorSummary errors={errors} />
      <h1>{t('agreement.propose.title')}</h1>
      <p>{t('agreement.propose.lead')}</p>
      {organisations.length === 0 ? (
        <p>{t('agreement.propose.noOrganisation')}</p>
      ) : (
        <Form action={href(locale, `/t/${territory.slug}/challenges/new`)}>
          <Choices type="radio" name="organisationId" label={t('agreement.propose.organisation')} options={organisations.map((o) => ({ value: o.id, label: o.name }))} value={one('organisationId') || (organisations.length === 1 ? organisations[0]!.id : null)} error={errors.organisationId} />
          <TextInput name="title" label={t('agreement.propose.challengeTitle')} hint={t('agreement.propose.titleHint')} value={one('title')} error={errors.title} />
          <TextArea name="description" label={t('agreement.propose.description')} hint={t('agreement.propose.descriptionHint')} value={one('description')} error={errors.description} />
          <fieldset class="fieldset">
            <legend class="fieldset__legend">{t('agreement.challenge.evidence')}</legend>
            <p class="hint">{t('agreement.propose.evidenceHint')}</p>
            {[0, 1, 2].map((i) => (
              <div key={i} class="evidence-row">
                <TextInput name={`evidence.${i}.text`} label={t('agreement.propose.evidenceText', { n: i + 1 })} value={one(`evidence.${i}.text`)} error={errors[`evidence.${i}.text`]} />
                <TextInput name={`evidence.${i}.source`} label={t('agreement.propose.evidenceSource', { n: i + 1 })} value={one(`evidence.${i}.source`)} error={errors[`evidence.${i}.source`]} />
              </div>
            ))}
          </fieldset>
          <Choices type="checkbox" name="areas" label={t('agreement.organisation.areas')} options={areasOfWork.map((a) => ({ value: a, label: t(`agreement.area.${a}`) }))} value={list('areas')} error={errors.areas} />
          {districts.length > 0 && <Choices type="checkbox" name="districtIds" label={t('agreement.organisation.districts')} hint={t('agreement.propose.districtsHint')} options={districts.map((d) => ({ value: d.id, label: d.name }))} value={list('districtIds')} error={errors.districtIds} />}
          <Button>{t('agreement.propose.submit')}</Button>
        </Form>
      )}
    </Layout>
  );
}
