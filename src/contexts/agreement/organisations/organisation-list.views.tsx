// The staff list of a territory's organisations: counts by verification, standing in the Agreement and type,
// a search by name, sortable columns and pages, every choice in the URL.
import { Layout } from '../../../platform/views/layout.tsx';
import { href, useView } from '../../../platform/views/context.ts';
import { Button, Select, TextInput } from '../../../platform/views/forms.tsx';
import { CountLinks, Pager, SortHeader, listParams, type ListParams, type ListQuery } from '../../../platform/views/list.tsx';
import { organisationTypes } from '../agreement.schema.ts';
import type { Territory } from '../../territories/territory.service.ts';
import { organisationListDefaults, standingFilters, verificationFilters, type OrganisationList, type OrganisationListFilter, type OrganisationListSort } from './organisation-list.service.ts';
import { When } from '../components.tsx';

export function OrganisationListPage({ territory, page, filter, list }: { territory: Territory; page: OrganisationList; filter: OrganisationListFilter; list: ListQuery<OrganisationListSort> }) {
  const { t, locale } = useView();
  const path = href(locale, `/t/${territory.slug}/organisations`);
  const params: ListParams = { verification: filter.verification, standing: filter.standing, type: filter.type, ...listParams(list, organisationListDefaults) };
  const sortable = (column: OrganisationListSort, label: string) => <SortHeader label={label} column={column} list={list} path={path} params={params} />;
  const verificationLabel = (v: string) => t(`agreement.organisationList.verification.${v}`);
  const standingLabel = (s: string) => t(`agreement.organisationList.standing.${s}`);
  return (
    <Layout title={t('agreement.organisationList.title', { territory: territory.name })}>
      <h1>{t('agreement.organisationList.title', { territory: territory.name })}</h1>
      <p>{t('agreement.organisationList.intro')}</p>
      <CountLinks
        label={t('agreement.organisationList.byVerification')}
        name="verification"
        allLabel={t('agreement.organisationList.all')}
        allCount={verificationFilters.reduce((n, v) => n + page.byVerification[v], 0)}
        options={verificationFilters.map((v) => ({ value: v, label: verificationLabel(v), count: page.byVerification[v] }))}
        current={filter.verification}
        path={path}
        params={params}
      />
      <CountLinks
        label={t('agreement.organisationList.byStanding')}
        name="standing"
        allLabel={t('agreement.organisationList.all')}
        allCount={standingFilters.reduce((n, s) => n + page.byStanding[s], 0)}
        options={standingFilters.map((s) => ({ value: s, label: standingLabel(s), count: page.byStanding[s] }))}
        current={filter.standing}
        path={path}
        params={params}
      />
      <form action={path} method="get" class="filters filters--grid" role="search" aria-label={t('agreement.organisationList.searchLabel')}>
        <TextInput name="q" type="search" label={t('agreement.organisationList.search')} value={list.q} />
        <Select
          name="type"
          label={t('agreement.organisation.type')}
          placeholder={t('agreement.organisationList.all')}
          value={filter.type ?? ''}
          options={organisationTypes.map((ty) => ({ value: ty, label: `${t(`agreement.type.${ty}`)} (${page.byType[ty]})` }))}
        />
        <Select name="verification" label={t('agreement.organisationList.verificationLabel')} placeholder={t('agreement.organisationList.all')} value={filter.verification ?? ''} options={verificationFilters.map((v) => ({ value: v, label: verificationLabel(v) }))} />
        <Select name="standing" label={t('agreement.organisationList.standingLabel')} placeholder={t('agreement.organisationList.all')} value={filter.standing ?? ''} options={standingFilters.map((s) => ({ value: s, label: standingLabel(s) }))} />
        {list.sort !== organisationListDefaults.sort && <input type="hidden" name="sort" value={list.sort} />}
        {list.dir !== organisationListDefaults.dir && <input type="hidden" name="dir" value={list.dir} />}
        <div class="filters__actions">
          <Button variant="secondary">{t('agreement.organisationList.filter')}</Button> <a href={path}>{t('platform.list.clear')}</a>
        </div>
      </form>
      <Pager total={page.total} list={list} path={path} params={params} />
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('agreement.organisationList.caption', { count: page.total })}>
        <table class="table table--dense">
          <caption>{t('agreement.organisationList.caption', { count: page.total })}</caption>
          <thead>
            <tr>
              {sortable('name', t('agreement.adhesions.organisation'))}
              <th scope="col">{t('agreement.organisation.type')}</th>
              {sortable('registered', t('agreement.organisationList.registered'))}
              {sortable('verified', t('agreement.organisationList.verificationLabel'))}
              <th scope="col">{t('agreement.organisationList.standingLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <a href={href(locale, `/organisations/${o.id}`)}>{o.name}</a>
                </th>
                <td>{t(`agreement.type.${o.type}`)}</td>
                <td>
                  <When date={o.registeredAt} />
                </td>
                <td>
                  {o.verifiedAt ? (
                    <>
                      {verificationLabel('verified')} <When date={o.verifiedAt} />
                    </>
                  ) : (
                    verificationLabel('unverified')
                  )}
                </td>
                <td>{standingLabel(o.standing)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
