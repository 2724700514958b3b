// The parts of a staff list page: sortable headers, the pager and filter links with counts.
import { useView } from './context.ts';
import { listHref, type ListParams, type ListQuery } from './list-query.ts';

export * from './list-query.ts';

/** A column header that sorts the list by its column; a second click reverses the order. */
export function SortHeader(props: { label: string; column: string; list: ListQuery; path: string; params: ListParams; numeric?: boolean }) {
  const { t } = useView();
  const active = props.list.sort === props.column;
  const dir = active && props.list.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" class={props.numeric ? 'numeric' : undefined} aria-sort={active ? (props.list.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={listHref(props.path, props.params, { sort: props.column, dir })}>
        {props.label}
        {active && <span aria-hidden="true">{props.list.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
        <span class="visually-hidden"> {t(dir === 'asc' ? 'platform.list.sortAscending' : 'platform.list.sortDescending')}</span>
      </a>
    </th>
  );
}

/**
 * "Showing 51–100 of 462" and links to the previous and next pages. With `cursors` (keyset paging) the links carry
 * where the next page starts (`after`) or the previous one ends (`before`) beside the page number, which then only
 * numbers the page: a deep page costs no more than the first.
 */
export function Pager(props: { total: number; list: ListQuery; path: string; params: ListParams; cursors?: { next?: string | undefined; previous?: string | undefined } }) {
  const { t } = useView();
  const { page, perPage } = props.list;
  const pages = Math.max(1, Math.ceil(props.total / perPage));
  const from = props.total === 0 ? 0 : Math.min(props.total, (page - 1) * perPage + 1);
  const to = Math.min(props.total, page * perPage);
  return (
    <nav class="pager" aria-label={t('platform.list.pages')}>
      <p class="pager__count">
        {props.total === 0 ? t('platform.list.none') : t('platform.list.showing', { from, to, total: props.total })}
      </p>
      {pages > 1 && (
        <ul class="pager__links">
          {page > 1 && (
            <li>
              <a rel="prev" href={listHref(props.path, props.params, { page: page - 1 > 1 ? String(Math.min(page - 1, pages)) : undefined, ...(props.cursors?.previous && page - 1 > 1 && page <= pages ? { before: props.cursors.previous } : {}) })}>
                {t('platform.list.previous')}
              </a>
            </li>
          )}
          <li>{t('platform.list.pageOf', { page: Math.min(page, pages), pages })}</li>
          {page < pages && (
            <li>
              <a rel="next" href={listHref(props.path, props.params, { page: String(page + 1), ...(props.cursors?.next ? { after: props.cursors.next } : {}) })}>
                {t('platform.list.next')}
              </a>
            </li>
          )}
        </ul>
      )}
    </nav>
  );
}

/** Filter links with their counts ("New (12)"); the current one is marked for assistive technology too. */
export function CountLinks(props: { label: string; name: string; options: { value: string; label: string; count: number }[]; allLabel: string; allCount: number; current: string | undefined; path: string; params: ListParams }) {
  return (
    <nav class="count-links" aria-label={props.label}>
      <ul>
        <li>
          <a href={listHref(props.path, props.params, { [props.name]: undefined })} aria-current={props.current ? undefined : 'true'}>
            {props.allLabel} <span class="count-links__count">({props.allCount})</span>
          </a>
        </li>
        {props.options.map((o) => (
          <li key={o.value}>
            <a href={listHref(props.path, props.params, { [props.name]: o.value })} aria-current={props.current === o.value ? 'true' : undefined}>
              {o.label} <span class="count-links__count">({o.count})</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
