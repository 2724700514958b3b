// The campaign's visits on its page: counts by status and by method, a search by facility or code name, the
// auditor filter, sortable columns and pages, every choice in the URL; a sent visit links to proposing a finding.
import { useView } from '../../../platform/views/context.ts';
import { Button, Select, TextInput } from '../../../platform/views/forms.tsx';
import { CountLinks, Pager, SortHeader, listParams, type ListParams, type ListQuery } from '../../../platform/views/list.tsx';
import { campaignMethods } from '../audit.schema.ts';
import { Tag } from '../audits.views.tsx';
import { visitListDefaults, visitStatuses, type VisitFilter, type VisitList as VisitListPage, type VisitSort } from './visit-list.service.ts';

export interface VisitListProps {
  page: VisitListPage;
  filter: VisitFilter;
  list: ListQuery<VisitSort>;
}

export function VisitList({ slug, campaignId, visits, auditors, facilityName }: { slug: string; campaignId: string; visits: VisitListProps; auditors: { id: string; codeName: string }[]; facilityName: Map<string, string> }) {
  const { t, locale, date } = useView();
  const { page, filter, list } = visits;
  const path = `/${locale}/t/${slug}/audits/campaigns/${campaignId}`;
  const params: ListParams = { status: filter.status, method: filter.method, auditorId: filter.auditorId, ...listParams(list, visitListDefaults) };
  const sortable = (column: VisitSort, label: string) => <SortHeader label={label} column={column} list={list} path={path} params={params} />;
  const methodCounts = campaignMethods.filter((m) => page.byMethod[m] > 0 || filter.method === m);
  return (
    <section aria-labelledby="visits-heading">
      <h2 id="visits-heading">{t('audits.visitList.heading')}</h2>
      <CountLinks
        label={t('audits.visitList.byStatus')}
        name="status"
        allLabel={t('audits.finding.list.any')}
        allCount={visitStatuses.reduce((n, s) => n + page.byStatus[s], 0)}
        options={visitStatuses.map((s) => ({ value: s, label: t(`audits.fieldwork.status.${s}`), count: page.byStatus[s] }))}
        current={filter.status}
        path={path}
        params={params}
      />
      {methodCounts.length > 1 && (
        <CountLinks
          label={t('audits.visitList.byMethod')}
          name="method"
          allLabel={t('audits.finding.list.any')}
          allCount={campaignMethods.reduce((n, m) => n + page.byMethod[m], 0)}
          options={methodCounts.map((m) => ({ value: m, label: t(`audits.campaign.method.${m}`), count: page.byMethod[m] }))}
          current={filter.method}
          path={path}
          params={params}
        />
      )}
      <form action={path} method="get" class="filters filters--grid" role="search" aria-label={t('audits.visitList.searchLabel')}>
        <TextInput name="q" type="search" label={t('audits.visitList.search')} value={list.q} />
        <Select name="status" label={t('audits.finding.status')} placeholder={t('audits.finding.list.any')} value={filter.status ?? ''} options={visitStatuses.map((s) => ({ value: s, label: t(`audits.fieldwork.status.${s}`) }))} />
        <Select name="auditorId" label={t('audits.campaign.auditor')} placeholder={t('audits.finding.list.any')} value={filter.auditorId ?? ''} options={auditors.map((a) => ({ value: a.id, label: a.codeName }))} />
        {filter.method && <input type="hidden" name="method" value={filter.method} />}
        {list.sort !== visitListDefaults.sort && <input type="hidden" name="sort" value={list.sort} />}
        {list.dir !== visitListDefaults.dir && <input type="hidden" name="dir" value={list.dir} />}
        <div class="filters__actions">
          <Button variant="secondary">{t('audits.finding.list.filter')}</Button> <a href={`${path}#visits-heading`}>{t('platform.list.clear')}</a>
        </div>
      </form>
      <Pager total={page.total} list={list} path={path} params={params} />
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('audits.table.scroll')}>
        <table class="table table--dense">
          <caption>{t('audits.campaign.visitsCaption', { count: page.total })}</caption>
          <thead>
            <tr>
              {sortable('scheduled', t('audits.campaign.scheduledOn'))}
              {sortable('facility', t('audits.finding.facility'))}
              {sortable('auditor', t('audits.campaign.auditor'))}
              {sortable('method', t('audits.campaign.method.label'))}
              {sortable('status', t('audits.finding.status'))}
            </tr>
          </thead>
          <tbody>
            {page.rows.map((v) => (
              <tr key={v.id}>
                <td>
                  <time dateTime={v.scheduledOn}>{date(new Date(`${v.scheduledOn}T12:00:00Z`))}</time>
                </td>
                <th scope="row">{facilityName.get(v.facilityId)}</th>
                <td>{v.auditorCodeName}</td>
                <td>{t(`audits.campaign.method.${v.method}`)}</td>
                <td>
                  <Tag kind={v.status}>{t(`audits.fieldwork.status.${v.status}`)}</Tag>
                  {v.status === 'submitted' && (
                    <>
                      {' '}
                      <a href={`/${locale}/t/${slug}/audits/findings/new?visit=${v.id}`}>
                        {t('audits.finding.new.title')}
                        <span class="visually-hidden">
                          {' '}
                          {facilityName.get(v.facilityId)} {v.scheduledOn}
                        </span>
                      </a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
