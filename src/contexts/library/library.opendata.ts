// Open data of a territory's library: one row per item, as CSV, JSON and a Frictionless data package describing
// both. Each item keeps its own licence (a column); the text of an item whose rights are reserved is left out.
import type { Db } from '../../platform/db/client.ts';
import { writeCsv } from '../../platform/csv/csv.ts';
import type { Territory } from '../territories/territory.service.ts';
import { allItems } from './library.service.ts';

export const libraryColumns = ['id', 'kind', 'title', 'summary', 'publisher_kind', 'publisher', 'published_at', 'areas', 'district_ids', 'languages', 'licence', 'links', 'files'] as const;
const types: Record<string, string> = { published_at: 'datetime' };
const descriptions: Record<string, string> = {
  areas: 'Areas of work, separated by |',
  district_ids: 'Districts (ids of the territory’s districts), separated by |; empty for the whole territory',
  languages: 'Language codes, separated by |',
  licence: 'The licence the publisher chose for this item',
  links: 'Addresses, separated by |',
  files: 'Download addresses of the files, separated by |',
};

export async function libraryOpenData(db: Db, territory: Territory, locale: string) {
  const base = `/${locale}/t/${territory.slug}/library`;
  const items = await allItems(db, territory.id);
  const rows = items.map((i) => ({
    id: i.id,
    kind: i.kind,
    title: i.title,
    summary: i.summary,
    body: i.licence === 'all-rights-reserved' ? null : i.body,
    publisher_kind: i.publisherKind,
    publisher: i.publisherName,
    published_at: i.publishedAt.toISOString(),
    areas: i.areas,
    district_ids: i.districtIds,
    languages: i.languages,
    licence: i.licence,
    links: i.links.map((l) => l.url),
    files: i.files.map((f) => `${base}/${i.id}/files/${f.id}`),
  }));
  const cell = (value: unknown) => (Array.isArray(value) ? value.join('|') : (value as string));
  const csv = writeCsv(
    rows.map((r) => libraryColumns.map((c) => cell(r[c]))),
    { columns: libraryColumns },
  );
  const datapackage = {
    profile: 'tabular-data-package',
    name: `${territory.slug}-library`,
    title: `${territory.name}: knowledge library`,
    description: 'Initiatives, experiences, guides, studies and tools shared by organisations, networks and the council. Each item has its own licence (column licence).',
    resources: [
      {
        name: 'library',
        path: `${base}.csv`,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        schema: { fields: libraryColumns.map((name) => ({ name, type: types[name] ?? 'string', ...(descriptions[name] ? { description: descriptions[name] } : {}) })), primaryKey: 'id' },
      },
      { name: 'library-json', path: `${base}.json`, format: 'json', mediatype: 'application/json' },
    ],
  };
  return { rows, csv, datapackage };
}
