// Findings pages: the list (filters in the URL), proposing one from a visit's answers, the detail with
// its history, the lifecycle and the service managers' answers.
import { Layout } from '../../../platform/views/layout.tsx';
import { useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { Area } from '../../territories/territory.service.ts';
import { localName, type Facility, type Service } from '../../catalogue/catalogue.service.ts';
import { dimensions, isShown } from '../instruments/instrument.ts';
import { findingListDefaults, transitions, type FindingDetail, type FindingSort, type FindingsPage as FindingsListPage } from './finding.service.ts';
import { findingStatuses, type FindingStatus } from '../audit.schema.ts';
import type { VisitSheet } from '../fieldwork/fieldwork.service.ts';
import { AuditsNav, Tag, useInstrumentText } from '../audits.views.tsx';
import { CountLinks, Pager, SortHeader, listParams, type ListParams, type ListQuery } from '../../../platform/views/list.tsx';

export interface FindingLookups {
  services: Service[];
  facilities: Facility[];
  districts: Area[];
}

export function FindingsPage({
  slug,
  page,
  list,
  lookups,
  filter,
  mayPropose,
}: {
  slug: string;
  page: FindingsListPage;
  list: ListQuery<FindingSort>;
  lookups: FindingLookups;
  filter: { status?: FindingStatus | undefined; serviceId?: string | undefined; campaignId?: string | undefined };
  mayPropose: boolean;
}) {
  const { t, locale } = useView();
  const base = `/${locale}/t/${slug}/audits/findings`;
  const findings = page.rows;
  const params: ListParams = { status: filter.status, serviceId: filter.serviceId, campaignId: filter.campaignId, ...listParams(list, findingListDefaults) };
  const sortable = (column: FindingSort, label: string, numeric?: boolean) => <SortHeader label={label} column={column} list={list} path={base} params={params} numeric={numeric ?? false} />;
  const service = new Map(lookups.services.map((s) => [s.id, localName(s, locale)]));
  const facility = new Map(lookups.facilities.map((f) => [f.id, f.name]));
  const district = new Map(lookups.districts.map((d) => [d.id, d.name]));
  return (
    <Layout title={t('audits.finding.list.title')}>
      <AuditsNav slug={slug} current="findings" />
      <h1>{t('audits.finding.list.title')}</h1>
      <CountLinks
        label={t('audits.finding.status')}
        name="status"
        allLabel={t('audits.finding.list.any')}
        allCount={page.allStatuses}
        options={findingStatuses.map((s) => ({ value: s, label: t(`audits.finding.statuses.${s}`), count: page.byStatus[s] }))}
        current={filter.status}
        path={base}
        params={params}
      />
      <Form action={base} method="get" class="filters">
        <TextInput name="q" type="search" label={t('platform.list.search')} value={list.q} />
        <Select name="status" label={t('audits.finding.status')} placeholder={t('audits.finding.list.any')} value={filter.status} options={findingStatuses.map((s) => ({ value: s, label: t(`audits.finding.statuses.${s}`) }))} />
        <Select name="serviceId" label={t('audits.finding.service')} placeholder={t('audits.finding.list.any')} value={filter.serviceId} options={lookups.services.map((s) => ({ value: s.id, label: localName(s, locale) }))} />
        {filter.campaignId && <input type="hidden" name="campaignId" value={filter.campaignId} />}
        {list.sort !== findingListDefaults.sort && <input type="hidden" name="sort" value={list.sort} />}
        {list.dir !== findingListDefaults.dir && <input type="hidden" name="dir" value={list.dir} />}
        <Button variant="secondary">{t('audits.finding.list.filter')}</Button>
      </Form>
      <Pager total={page.total} list={list} path={base} params={params} />
      <p>
        {t('audits.finding.list.count', { count: page.total })} · <a href={`/api/v1/territories/${slug}/audits/findings.csv`}>{t('audits.finding.list.csv')}</a>
      </p>
      {mayPropose && (
        <p>
          <a href={`${base}/new`}>{t('audits.finding.new.title')}</a>
        </p>
      )}
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('audits.table.scroll')}>
        <table class="table">
          <caption>{t('audits.finding.list.caption')}</caption>
          <thead>
            <tr>
              {sortable('title', t('audits.finding.title'))}
              <th scope="col">{t('audits.finding.where')}</th>
              <th scope="col">{t('audits.finding.dimension')}</th>
              <th scope="col">{t('audits.finding.grounds')}</th>
              {sortable('severity', t('audits.finding.severity'), true)}
              {sortable('month', t('audits.finding.month'))}
              {sortable('status', t('audits.finding.status'))}
            </tr>
          </thead>
          <tbody>
            {findings.map((f) => (
              <tr key={f.id}>
                <th scope="row">
                  <a href={`${base}/${f.id}`}>{f.title}</a>
                </th>
                <td>
                  {service.get(f.serviceId)}
                  {f.facilityId && ` · ${facility.get(f.facilityId) ?? ''}`}
                  {f.districtId && ` · ${district.get(f.districtId) ?? ''}`}
                </td>
                <td>{t(`audits.dimension.${f.dimension}`)}</td>
                <td>{f.grounds.map((g) => t(`audits.ground.${g}`)).join(', ')}</td>
                <td class="numeric">{f.severity}</td>
                <td>{f.month}</td>
                <td>
                  <Tag kind={f.status}>{t(`audits.finding.statuses.${f.status}`)}</Tag>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export interface FindingForm {
  serviceId?: string;
  facilityId?: string;
  title?: string;
  dimension?: string;
  grounds?: string[];
  severity?: string;
  month?: string;
  description?: string;
  evidence?: string;
  answers?: string[];
}

export function NewFindingPage({ slug, lookups, grounds, visit, values, errors }: { slug: string; lookups: FindingLookups; grounds: string[]; visit: VisitSheet | null; values: FindingForm; errors: FieldErrors }) {
  const { t, locale } = useView();
  const text = useInstrumentText(visit?.definition ?? { title: {}, languages: [], sections: [] });
  return (
    <Layout title={t('audits.finding.new.title')}>
      <AuditsNav slug={slug} current="findings" />
      <h1>{t('audits.finding.new.title')}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`/${locale}/t/${slug}/audits/findings`}>
        {visit ? (
          <>
            <input type="hidden" name="visitId" value={visit.visit.id} />
            <input type="hidden" name="serviceId" value={visit.service.id} />
            <input type="hidden" name="facilityId" value={visit.facility.id} />
            <p class="caption">
              {visit.facility.name} · {localName(visit.service, locale)} · {visit.visit.scheduledOn}
            </p>
            <Choices
              name="answers"
              type="checkbox"
              label={t('audits.finding.new.answers')}
              hint={t('audits.finding.new.answersHint')}
              error={errors.linkedAnswers}
              value={values.answers ?? []}
              options={visit.definition.sections
                .flatMap((s) => s.items)
                .filter((i) => isShown(i, visit.answers) && visit.answers[i.name])
                .map((i) => ({ value: i.name, label: `${text(i.label)}: ${answerString(i, visit, text, t) || t('audits.fieldwork.files', { count: visit.answers[i.name]?.files?.length ?? 0 })}` }))}
            />
          </>
        ) : (
          <>
            <Select name="serviceId" label={t('audits.finding.service')} error={errors.serviceId} value={values.serviceId} placeholder="" options={lookups.services.map((s) => ({ value: s.id, label: localName(s, locale) }))} />
            <Select
              name="facilityId"
              label={t('audits.finding.facility')}
              hint={t('audits.finding.new.facilityHint')}
              error={errors.facilityId}
              value={values.facilityId}
              placeholder={t('audits.finding.new.noFacility')}
              options={lookups.facilities.map((f) => ({ value: f.id, label: f.name }))}
            />
          </>
        )}
        <TextInput name="title" label={t('audits.finding.title')} hint={t('audits.finding.new.titleHint')} error={errors.title} value={values.title} />
        <Select name="dimension" label={t('audits.finding.dimension')} error={errors.dimension} value={values.dimension} placeholder="" options={dimensions.map((d) => ({ value: d, label: t(`audits.dimension.${d}`) }))} />
        <Choices name="grounds" type="checkbox" label={t('audits.finding.grounds')} error={errors.grounds} value={values.grounds ?? []} options={grounds.map((g) => ({ value: g, label: t(`audits.ground.${g}`) }))} />
        <Choices
          name="severity"
          type="radio"
          label={t('audits.finding.severity')}
          error={errors.severity}
          value={values.severity}
          options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`audits.finding.severities.${n}`) }))}
        />
        <TextInput name="month" label={t('audits.finding.month')} hint={t('audits.finding.new.monthHint')} error={errors.month} value={values.month} width="short" />
        <TextArea name="description" label={t('audits.finding.description')} value={values.description} />
        <TextArea name="evidence" label={t('audits.finding.evidence')} value={values.evidence} rows={3} />
        <Button>{t('audits.finding.new.submit')}</Button>
      </Form>
    </Layout>
  );
}

/** An answer in words: a choice by its label in the page's language (never its key), yes and no translated. */
function answerString(
  item: { name: string; type: string; choices: { value: string; label: Partial<Record<string, string>> }[] },
  visit: VisitSheet,
  text: (texts: Partial<Record<string, string>>) => string,
  t: (key: string) => string,
): string {
  const a = visit.answers[item.name];
  if (!a) return '';
  const v = a.value;
  const choice = (value: string) => (item.type === 'yes-no' ? t(`audits.fieldwork.${value === 'yes' ? 'yes' : 'no'}`) : text(item.choices.find((c) => c.value === value)?.label ?? {}) || value);
  return Array.isArray(v) ? v.map(String).map(choice).join(', ') : v === null ? '' : item.type === 'yes-no' || item.type === 'single' ? choice(String(v)) : String(v);
}

export function FindingPage({ slug, detail, lookups, grounds, errors, values }: { slug: string; detail: FindingDetail; lookups: FindingLookups; grounds: string[]; errors: FieldErrors; values: { to?: string; reason?: string; body?: string; verifiedByVisitId?: string; reviseReason?: string } }) {
  const { t, locale, date } = useView();
  const f = detail.finding;
  const base = `/${locale}/t/${slug}/audits/findings/${f.id}`;
  const service = lookups.services.find((s) => s.id === f.serviceId);
  const facility = lookups.facilities.find((x) => x.id === f.facilityId);
  const district = lookups.districts.find((d) => d.id === f.districtId);
  const next = transitions[f.status];
  return (
    <Layout title={f.title}>
      <AuditsNav slug={slug} current="findings" />
      <p class="caption">
        <Tag kind={f.status}>{t(`audits.finding.statuses.${f.status}`)}</Tag>
      </p>
      <h1>{f.title}</h1>
      <ErrorSummary errors={errors} />
      <dl class="summary-list">
        {(
          [
            ['service', service ? localName(service, locale) : ''],
            ['facility', facility?.name ?? '—'],
            ['district', district?.name ?? '—'],
            ['dimension', t(`audits.dimension.${f.dimension}`)],
            ['grounds', f.grounds.map((g) => t(`audits.ground.${g}`)).join(', ')],
            ['severity', t(`audits.finding.severities.${f.severity}`)],
            ['month', f.month],
            ['description', f.description || '—'],
            ['evidence', f.evidence || '—'],
            ['linked', t('audits.finding.linkedCount', { count: f.linkedAnswers.length })],
          ] as const
        ).map(([key, value]) => (
          <div class="summary-list__row" key={key}>
            <dt class="summary-list__key">{t(key === 'linked' ? 'audits.finding.linked' : key === 'district' ? 'audits.finding.district' : `audits.finding.${key}`)}</dt>
            <dd class="summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>

      <h2>{t('audits.finding.history')}</h2>
      <ol class="timeline">
        {detail.changes.map((c) => (
          <li key={c.id}>
            <strong>{c.fromStatus === c.toStatus ? t('audits.finding.revised') : t(`audits.finding.statuses.${c.toStatus}`)}</strong> · {date(c.at, { dateStyle: 'medium', timeStyle: 'short' })} ·{' '}
            {t('audits.finding.by', { person: detail.names[c.actorId] ?? t('audits.finding.deletedAccount') })}
            <p>{c.reason === 'proposed' || c.reason === 'score-card' ? t(`audits.finding.reasons.${c.reason}`) : c.reason}</p>
          </li>
        ))}
      </ol>

      {detail.mayManage && next.length > 0 && (
        <section aria-labelledby="change-status">
          <h2 id="change-status">{t('audits.finding.change.title')}</h2>
          <Form action={`${base}/status`}>
            <Choices name="to" type="radio" label={t('audits.finding.change.to')} error={errors.to} value={values.to} options={next.map((s) => ({ value: s, label: t(`audits.finding.statuses.${s}`) }))} />
            {next.includes('verified') && (
              <TextInput name="verifiedByVisitId" label={t('audits.finding.change.visit')} hint={t('audits.finding.change.visitHint')} error={errors.verifiedByVisitId} value={values.verifiedByVisitId} />
            )}
            <TextArea name="reason" label={t('audits.finding.change.reason')} hint={f.status === 'proposed' ? t('audits.finding.change.secondPerson') : undefined} error={errors.reason} value={values.reason} rows={3} />
            <Button>{t('audits.finding.change.submit')}</Button>
          </Form>
        </section>
      )}

      {detail.mayManage && f.status !== 'withdrawn' && f.status !== 'verified' && (
        <section aria-labelledby="revise">
          <h2 id="revise">{t('audits.finding.revise.title')}</h2>
          <Form action={`${base}/revise`}>
            <Select name="dimension" label={t('audits.finding.dimension')} value={f.dimension} options={dimensions.map((d) => ({ value: d, label: t(`audits.dimension.${d}`) }))} />
            <Choices name="grounds" type="checkbox" label={t('audits.finding.grounds')} error={errors.grounds} value={f.grounds} options={grounds.map((g) => ({ value: g, label: t(`audits.ground.${g}`) }))} />
            <Choices name="severity" type="radio" label={t('audits.finding.severity')} error={errors.severity} value={String(f.severity)} options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: t(`audits.finding.severities.${n}`) }))} />
            <TextArea name="reviseReason" label={t('audits.finding.change.reason')} error={errors.reviseReason} value={values.reviseReason} rows={2} />
            <Button variant="secondary">{t('audits.finding.revise.submit')}</Button>
          </Form>
        </section>
      )}

      <section aria-labelledby="responses">
        <h2 id="responses">{t('audits.finding.responses.title')}</h2>
        {detail.responses.length === 0 ? (
          <p>{t('audits.finding.responses.none')}</p>
        ) : (
          <ul class="responses">
            {detail.responses.map((r) => (
              <li key={r.id}>
                <p class="caption">{date(r.at, { dateStyle: 'medium' })}</p>
                <p>{r.body}</p>
              </li>
            ))}
          </ul>
        )}
        {detail.mayRespond && (
          <Form action={`${base}/responses`}>
            <TextArea name="body" label={t('audits.finding.responses.label')} hint={t('audits.finding.responses.hint')} error={errors.body} value={values.body} />
            <Button>{t('audits.finding.responses.submit')}</Button>
          </Form>
        )}
      </section>
    </Layout>
  );
}

