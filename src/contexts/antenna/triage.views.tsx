// Case handlers' pages: the queue, the case key, one case (triage, notes, classification, referral)
// and the territory recovery key. Dense, keyboard-fast, filters in the URL.
import type { Translate } from '../../platform/i18n/i18n.ts';
import { href, useView } from '../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors, type Option } from '../../platform/views/forms.tsx';
import { closeReasons, dimensions, type Answers } from './answers.ts';
import { reportStatuses } from './antenna.schema.ts';
import { AntennaLayout, Conversation, StatusText, monthLabel } from './report.views.tsx';
import { caseListDefaults, type CaseFilter, type CaseQueue, type CaseSort, type CaseView } from './triage.service.ts';
import { encodeCursor } from '../../platform/api/cursor.ts';
import { CountLinks, Pager, SortHeader, listParams, type ListParams, type ListQuery } from '../../platform/views/list.tsx';

function base(slug: string) {
  return `/t/${slug}/antenna/cases`;
}

function KeyBanner({ slug, hasKey, unlocked }: { slug: string; hasKey: boolean; unlocked: boolean }) {
  const { t, locale } = useView();
  if (unlocked) {
    return (
      <div class="antenna-keybar">
        <p>{t('antenna.key.unlockedNote')}</p>
        <Form action={href(locale, `${base(slug)}/key/lock`)}>
          <Button variant="secondary">{t('antenna.key.lock')}</Button>
        </Form>
      </div>
    );
  }
  return (
    <p class="antenna-notice">
      {t(hasKey ? 'antenna.key.lockedNote' : 'antenna.key.missingNote')} <a href={href(locale, `${base(slug)}/key`)}>{t(hasKey ? 'antenna.key.unlockLink' : 'antenna.key.setUpLink')}</a>
    </p>
  );
}

const yesNo = (v: boolean | undefined) => (v === undefined ? undefined : v ? 'yes' : 'no');

/** Where the next page starts and the previous one ends: the last and first rows' sort values and references. */
function pageCursors(rows: { position: string; reference: string }[]) {
  const [first, last] = [rows[0], rows.at(-1)];
  return { next: last ? encodeCursor({ value: last.position, id: last.reference }) : undefined, previous: first ? encodeCursor({ value: first.position, id: first.reference }) : undefined };
}

export function QueuePage(props: {
  slug: string;
  queue: CaseQueue;
  filter: CaseFilter;
  list: ListQuery<CaseSort>;
  hasKey: boolean;
  unlocked: boolean;
  handlerNames: Record<string, string>;
}) {
  const { t, locale, date } = useView();
  const { filter, list, queue } = props;
  const path = href(locale, base(props.slug));
  const params: ListParams = {
    status: filter.status,
    mine: filter.mine ? '1' : undefined,
    mode: filter.mode,
    onBehalf: yesNo(filter.onBehalf),
    classified: yesNo(filter.classified),
    ...listParams(list, caseListDefaults),
  };
  const yesNoOptions = [
    { value: 'yes', label: t('antenna.queue.yes') },
    { value: 'no', label: t('antenna.queue.no') },
  ];
  const sortable = (column: CaseSort, label: string) => <SortHeader label={label} column={column} list={list} path={path} params={params} />;
  return (
    <AntennaLayout title={t('antenna.queue.title')}>
      <h1>{t('antenna.queue.title')}</h1>
      <KeyBanner slug={props.slug} hasKey={props.hasKey} unlocked={props.unlocked} />
      <CountLinks
        label={t('antenna.queue.byStatus')}
        name="status"
        allLabel={t('antenna.queue.all')}
        allCount={queue.allStatuses}
        options={reportStatuses.map((s) => ({ value: s, label: t(`antenna.status.${s}`), count: queue.byStatus[s] }))}
        current={filter.status}
        path={path}
        params={params}
      />
      <form action={path} method="get" class="filters filters--grid" role="search">
        <TextInput name="q" type="search" label={t('antenna.queue.search')} hint={t('antenna.queue.searchHint')} value={list.q} />
        <Select
          name="status"
          label={t('antenna.queue.status')}
          options={reportStatuses.map((s) => ({ value: s, label: t(`antenna.status.${s}`) }))}
          value={filter.status ?? ''}
          placeholder={t('antenna.queue.all')}
        />
        <Select
          name="mode"
          label={t('antenna.queue.kind')}
          options={(['anonymous', 'confidential'] as const).map((m) => ({ value: m, label: t(`antenna.mode.${m}`) }))}
          value={filter.mode ?? ''}
          placeholder={t('antenna.queue.all')}
        />
        <Select name="onBehalf" label={t('antenna.queue.onBehalfFilter')} options={yesNoOptions} value={yesNo(filter.onBehalf) ?? ''} placeholder={t('antenna.queue.all')} />
        <Select name="classified" label={t('antenna.queue.classified')} options={yesNoOptions} value={yesNo(filter.classified) ?? ''} placeholder={t('antenna.queue.all')} />
        <Choices type="checkbox" name="mine" label={t('antenna.queue.show')} options={[{ value: '1', label: t('antenna.queue.mine') }]} value={filter.mine ? '1' : null} />
        {list.sort !== caseListDefaults.sort && <input type="hidden" name="sort" value={list.sort} />}
        {list.dir !== caseListDefaults.dir && <input type="hidden" name="dir" value={list.dir} />}
        <div class="filters__actions">
          <Button variant="secondary">{t('antenna.queue.filter')}</Button> <a href={path}>{t('platform.list.clear')}</a>
        </div>
      </form>
      <Pager total={queue.total} list={list} path={path} params={params} cursors={pageCursors(queue.rows)} />
      <div class="table-scroll">
        <table class="table table--dense">
          <caption>{t('antenna.queue.caption', { count: queue.total })}</caption>
          <thead>
            <tr>
              {sortable('reference', t('antenna.queue.reference'))}
              {sortable('status', t('antenna.queue.status'))}
              <th scope="col">{t('antenna.queue.kind')}</th>
              <th scope="col">{t('antenna.queue.assigned')}</th>
              <th scope="col">{t('antenna.queue.classified')}</th>
              {sortable('received', t('antenna.queue.received'))}
              {sortable('updated', t('antenna.queue.updated'))}
            </tr>
          </thead>
          <tbody>
            {queue.rows.map((r) => (
              <tr key={r.reference}>
                <th scope="row">
                  <a href={href(locale, `${base(props.slug)}/${r.reference}`)}>{r.reference}</a>
                </th>
                <td>{t(`antenna.status.${r.status}`)}</td>
                <td>
                  {t(`antenna.mode.${r.mode}`)}
                  {r.onBehalf && ` · ${r.organisationName ? t('antenna.queue.filedBy', { name: r.organisationName }) : t('antenna.queue.onBehalf')}`}
                </td>
                <td>{r.assignedTo ? (props.handlerNames[r.assignedTo] ?? '—') : '—'}</td>
                <td>{r.classified ? t('antenna.queue.yes') : t('antenna.queue.no')}</td>
                <td>{date(r.createdAt, { dateStyle: 'medium' })}</td>
                <td>{date(r.updatedAt, { dateStyle: 'medium' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AntennaLayout>
  );
}

export function KeyPage(props: { slug: string; hasKey: boolean; errors: FieldErrors; replace: boolean }) {
  const { t, locale } = useView();
  const setUp = !props.hasKey || props.replace;
  return (
    <AntennaLayout title={t(setUp ? 'antenna.key.setUpTitle' : 'antenna.key.unlockTitle')}>
      <ErrorSummary errors={props.errors} />
      <h1>{t(setUp ? 'antenna.key.setUpTitle' : 'antenna.key.unlockTitle')}</h1>
      <p>{t(setUp ? 'antenna.key.setUpBody' : 'antenna.key.unlockBody')}</p>
      {props.replace && <p class="antenna-notice">{t('antenna.key.replaceWarning')}</p>}
      <Form action={href(locale, `${base(props.slug)}/key`)}>
        {props.replace && <input type="hidden" name="replace" value="1" />}
        <TextInput name="password" type="password" label={t('antenna.key.password')} hint={t(setUp ? 'antenna.key.passwordSetUpHint' : 'antenna.key.passwordHint')} autocomplete="current-password" error={props.errors.password} />
        <Button>{t(setUp ? 'antenna.key.setUpButton' : 'antenna.key.unlockButton')}</Button>
      </Form>
      {props.hasKey && !props.replace && (
        <p>
          <a href={href(locale, `${base(props.slug)}/key?replace=1`)}>{t('antenna.key.lost')}</a>
        </p>
      )}
    </AntennaLayout>
  );
}

function answerList(t: (k: string, v?: Record<string, string | number>) => string, a: Answers, labels: { service: (id: string) => string; district: (id: string) => string; facility: (id: string) => string; ground: (g: string) => string }, month: (m: string) => string) {
  const dk = t('antenna.q.dontKnow');
  return [
    [t('antenna.check.service'), a.serviceId && a.serviceId !== 'unknown' ? labels.service(a.serviceId) : dk],
    [t('antenna.check.when'), a.when === 'earlier' ? t('antenna.q.when.earlier') : !a.when || a.when === 'unknown' ? t('antenna.q.when.unknown') : month(a.when)],
    [t('antenna.q.where.district'), a.districtId && a.districtId !== 'unknown' ? labels.district(a.districtId) : dk],
    [t('antenna.q.where.facility'), a.facilityId && a.facilityId !== 'unknown' ? labels.facility(a.facilityId) : dk],
    [t('antenna.check.grounds'), (a.grounds ?? []).map((g) => (g === 'unsure' ? t('antenna.q.grounds.unsure') : labels.ground(g))).join(', ')],
    [t('antenna.check.before'), a.before ? t(`antenna.q.before.${a.before}`) : '—'],
    [t('antenna.check.wishes'), [...(a.wishes ?? []).map((w) => t(`antenna.wish.${w}`)), a.wishText ?? ''].filter(Boolean).join(', ') || '—'],
    [t('antenna.check.contact'), [a.contactName, a.contactEmail, a.contactPhone].filter(Boolean).join(' · ') || t('antenna.mode.anonymous')],
  ] as const;
}

/** Says what the organisation list holds: nothing found, the first of many, or (when it holds them all) only when to use it. */
function referralHint(t: Translate, referral: { search: string; organisations: Option[]; total: number }): string {
  if (referral.search && referral.total === 0) return t('antenna.handler.organisationNone', { query: referral.search });
  if (referral.total > referral.organisations.length) return t('antenna.handler.organisationShown', { shown: referral.organisations.length, total: referral.total });
  return t('antenna.handler.organisationHint');
}

export function CasePage(props: {
  slug: string;
  view: CaseView;
  unlocked: boolean;
  hasKey: boolean;
  services: Option[];
  districts: Option[];
  facilities: Option[];
  grounds: Option[];
  handlers: Option[];
  /** The member organisations shown for a referral (all, or those the search found) and where the case went. */
  referral: { search: string; organisations: Option[]; total: number; referredTo: string | null };
  /** The name of the organisation that filed the report on the person's behalf. */
  filedBy: string | null;
  errors: FieldErrors;
  values: Record<string, string | string[]>;
}) {
  const { t, locale, date } = useView();
  const { report, content } = props.view;
  const action = (p: string) => href(locale, `${base(props.slug)}/${report.reference}/${p}`);
  const find = (options: Option[]) => (id: string) => options.find((o) => o.value === id)?.label ?? '—';
  const labels = { service: find(props.services), district: find(props.districts), facility: find(props.facilities), ground: find(props.grounds) };
  const month = (m: string) => monthLabel(date, m);
  const v = (name: string, fallback: string | string[] | null) => props.values[name] ?? fallback;
  const story = content?.answers.story ?? '';
  const transitions = ({ new: ['in-triage', 'closed'], 'in-triage': ['being-followed', 'closed'], referred: ['being-followed', 'closed'], 'being-followed': ['closed'], closed: ['in-triage'] } as const)[report.status];
  return (
    <AntennaLayout title={t('antenna.handler.title', { reference: report.reference })}>
      <ErrorSummary errors={props.errors} />
      <p>
        <a class="back-link" href={href(locale, base(props.slug))}>
          {t('antenna.handler.back')}
        </a>
      </p>
      <h1>{t('antenna.handler.title', { reference: report.reference })}</h1>
      <StatusText status={report.status} reason={report.statusReason} />
      <ul class="antenna-facts">
        <li>{t(`antenna.mode.${report.mode}`)}</li>
        <li>{t('antenna.case.sentOn', { date: date(report.createdAt) })}</li>
        {report.organisationId && (
          <li>
            {props.filedBy
              ? t('antenna.handler.onBehalfBy', { name: props.filedBy, method: report.consentMethod ? t(`antenna.consentMethod.${report.consentMethod}`) : '—' })
              : t('antenna.handler.onBehalf', { method: report.consentMethod ? t(`antenna.consentMethod.${report.consentMethod}`) : '—' })}
          </li>
        )}
        <li>{t(report.referralConsent ? 'antenna.handler.consentYes' : 'antenna.handler.consentNo')}</li>
        {props.referral.referredTo && <li>{t('antenna.handler.referredTo', { name: props.referral.referredTo })}</li>}
      </ul>
      {!props.unlocked || !content ? (
        <>
          <KeyBanner slug={props.slug} hasKey={props.hasKey} unlocked={props.unlocked} />
          {props.unlocked && <p class="antenna-notice">{t('antenna.handler.noGrant')}</p>}
        </>
      ) : (
        <>
          <h2>{t('antenna.handler.story')}</h2>
          <p class="antenna-story">{story}</p>
          <dl class="summary-list antenna-answers">
            {answerList(t, content.answers, labels, month).map(([k, value]) => (
              <div class="summary-list__row" key={k}>
                <dt class="summary-list__key">{k}</dt>
                <dd class="summary-list__value">{value}</dd>
              </div>
            ))}
          </dl>
          {content.files.length > 0 && (
            <>
              <h2>{t('antenna.files.title')}</h2>
              <ul>
                {content.files.map((f) => (
                  <li key={f.id}>
                    <a href={action(`files/${f.id}`)}>{t('antenna.files.item', { name: f.name, size: Math.max(1, Math.round(f.size / 1024)) })}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h2>{t('antenna.messages.title')}</h2>
          <Conversation messages={content.messages} viewer="handler" />
          <Form action={action('write')}>
            <TextArea name="text" label={t('antenna.handler.writeLabel')} value={(v('text', '') as string) ?? ''} rows={4} error={props.errors.text} />
            <Choices
              type="radio"
              name="visibility"
              label={t('antenna.handler.writeKind')}
              options={[
                { value: 'message', label: t('antenna.handler.toReporter') },
                { value: 'note', label: t('antenna.handler.note') },
              ]}
              value={(v('visibility', 'note') as string) ?? 'note'}
            />
            <Button>{t('antenna.handler.write')}</Button>
          </Form>
        </>
      )}

      <h2>{t('antenna.handler.statusTitle')}</h2>
      <Form action={action('status')}>
        <Select name="status" label={t('antenna.handler.newStatus')} options={transitions.map((s) => ({ value: s, label: t(`antenna.status.${s}`) }))} error={props.errors.status} />
        <Select
          name="reason"
          label={t('antenna.handler.reason')}
          hint={t('antenna.handler.reasonHint')}
          options={closeReasons.map((r) => ({ value: r, label: t(`antenna.closeReason.${r}`) }))}
          placeholder="—"
          error={props.errors.reason}
        />
        <Button variant="secondary">{t('antenna.handler.changeStatus')}</Button>
      </Form>

      <h2>{t('antenna.handler.assignTitle')}</h2>
      <Form action={action('assign')}>
        <Select name="assignee" label={t('antenna.handler.assignee')} options={props.handlers} value={report.assignedTo ?? ''} placeholder={t('antenna.handler.nobody')} error={props.errors.assignee} />
        <Button variant="secondary">{t('antenna.handler.assign')}</Button>
      </Form>

      <h2>{t('antenna.handler.classifyTitle')}</h2>
      <p>{t('antenna.handler.classifyBody')}</p>
      <Form action={action('classify')}>
        <Select name="serviceId" label={t('antenna.check.service')} options={props.services} value={(v('serviceId', report.serviceId) as string) ?? ''} placeholder={t('antenna.q.dontKnow')} error={props.errors.serviceId} />
        <Choices type="checkbox" name="grounds" label={t('antenna.check.grounds')} options={props.grounds} value={v('grounds', report.grounds ?? [])} error={props.errors.grounds} />
        <Select
          name="dimension"
          label={t('antenna.handler.dimension')}
          options={dimensions.map((d) => ({ value: d, label: t(`antenna.dimension.${d}`) }))}
          value={(v('dimension', report.dimension) as string) ?? ''}
          placeholder="—"
          error={props.errors.dimension}
        />
        <Select name="districtId" label={t('antenna.q.where.district')} options={props.districts} value={(v('districtId', report.districtId) as string) ?? ''} placeholder={t('antenna.q.dontKnow')} error={props.errors.districtId} />
        <TextInput name="month" label={t('antenna.handler.month')} hint={t('antenna.handler.monthHint')} value={(v('month', report.month) as string) ?? ''} width="short" error={props.errors.month} />
        <Button variant="secondary">{t('antenna.handler.classify')}</Button>
      </Form>
      {report.classifiedAt && (
        <Form action={action('declassify')}>
          <Button variant="warning">{t('antenna.handler.declassify')}</Button>
        </Form>
      )}

      <h2 id="refer">{t('antenna.handler.referTitle')}</h2>
      {report.referralConsent ? (
        <>
          <Form action={`${href(locale, `${base(props.slug)}/${report.reference}`)}#refer`} method="get">
            <TextInput name="organisation" type="search" label={t('antenna.handler.organisationSearch')} hint={t('antenna.handler.organisationSearchHint')} value={props.referral.search} />
            <Button variant="secondary">{t('antenna.handler.organisationSearchButton')}</Button>
          </Form>
          <Form action={action('refer')}>
            <input type="hidden" name="organisationSearch" value={props.referral.search} />
            <Choices
              type="radio"
              name="referKind"
              label={t('antenna.handler.referTo')}
              options={[
                { value: 'service', label: t('antenna.handler.referService') },
                { value: 'organisation', label: t('antenna.handler.referOrganisation') },
              ]}
              value={v('referKind', props.referral.search ? 'organisation' : 'service') as string}
              error={props.errors.referKind}
            />
            <Select name="referServiceId" label={t('antenna.check.service')} options={props.services} placeholder="—" value={v('referServiceId', null) as string | null} error={props.errors.referServiceId} />
            <Select
              name="organisationId"
              label={t('antenna.handler.organisation')}
              hint={referralHint(t, props.referral)}
              options={props.referral.organisations}
              placeholder="—"
              value={v('organisationId', null) as string | null}
              error={props.errors.organisationId}
            />
            <Button variant="secondary">{t('antenna.handler.refer')}</Button>
          </Form>
        </>
      ) : (
        <p>{t('antenna.handler.noReferral')}</p>
      )}

      <h2>{t('antenna.handler.history')}</h2>
      <ol class="antenna-history">
        {props.view.events.map((e) => (
          <li key={e.id}>
            {date(e.createdAt, { dateStyle: 'medium', timeStyle: 'short' })} · {t(`antenna.event.${e.kind}`)}
            {e.kind === 'status' && ` · ${t(`antenna.status.${e.detail.split(':')[0]}`)}`}
          </li>
        ))}
      </ol>
    </AntennaLayout>
  );
}

export function RecoveryPage(props: { slug: string; exists: boolean; privateKey: string | null; handlers: Option[]; errors: FieldErrors; regranted: number | null }) {
  const { t, locale } = useView();
  const action = (p: string) => href(locale, `/t/${props.slug}/antenna/recovery${p}`);
  return (
    <AntennaLayout title={t('antenna.recovery.title')}>
      <ErrorSummary errors={props.errors} />
      <h1>{t('antenna.recovery.title')}</h1>
      <p>{t('antenna.recovery.body')}</p>
      {props.privateKey && (
        <div class="panel panel--confirmation">
          <h2 class="panel__title">{t('antenna.recovery.shownOnce')}</h2>
          <p class="antenna-receipt" dir="ltr">
            <code data-recovery-key>{props.privateKey}</code>
          </p>
          <p>{t('antenna.recovery.keepOffline')}</p>
        </div>
      )}
      {props.regranted !== null && (
        <p class="antenna-notice" role="status">
          {t('antenna.recovery.regranted', { count: props.regranted })}
        </p>
      )}
      {!props.exists && !props.privateKey && (
        <Form action={action('')}>
          <Button>{t('antenna.recovery.create')}</Button>
        </Form>
      )}
      {props.exists && (
        <>
          <h2>{t('antenna.recovery.regrantTitle')}</h2>
          <p>{t('antenna.recovery.regrantBody')}</p>
          <Form action={action('/regrant')}>
            <Select name="personId" label={t('antenna.recovery.handler')} options={props.handlers} placeholder="—" error={props.errors.personId} />
            <TextInput name="recoveryKey" type="password" label={t('antenna.recovery.key')} autocomplete="off" error={props.errors.recoveryKey} />
            <Button>{t('antenna.recovery.regrant')}</Button>
          </Form>
        </>
      )}
    </AntennaLayout>
  );
}
