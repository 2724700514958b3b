// Open data of a territory's events: one row per event (no names of the people registered), as CSV, JSON and
// a Frictionless data package describing both.
import type { Db } from '../../../platform/db/client.ts';
import { writeCsv } from '../../../platform/csv/csv.ts';
import { relatedTerritories, type Territory } from '../../territories/territory.service.ts';
import { listNetworks } from '../../agreement/networks/network.service.ts';
import { pick } from '../../../platform/i18n/translations.ts';
import { listEvents } from './event.service.ts';

export const eventColumns = ['id', 'title', 'network', 'starts_at', 'ends_at', 'place', 'municipality', 'online_url', 'capacity', 'registered', 'waiting', 'attended', 'minutes'] as const;
const types: Record<string, string> = { starts_at: 'datetime', ends_at: 'datetime', capacity: 'integer', registered: 'integer', waiting: 'integer', attended: 'integer', minutes: 'boolean' };
// As the library's data package does: a description where the name alone does not say what the value is.
const descriptions: Record<string, string> = {
  municipality: 'In a forum, the member municipality where the event is held (a territory’s slug); empty when it is online or across the forum, and for a municipality’s own events',
};

export async function eventsOpenData(db: Db, territory: Territory, locale: string) {
  const [events, networks, municipalities] = await Promise.all([listEvents(db, territory.id, { when: 'all' }), listNetworks(db, territory.id), territory.kind === 'forum' ? relatedTerritories(db, territory) : []]);
  const networkName = new Map(networks.map((n) => [n.id, pick(n.name, locale)]));
  const municipalitySlug = new Map(municipalities.map((m) => [m.id, m.slug]));
  const rows = events.map((e) => ({
    id: e.id,
    title: e.title,
    network: e.networkId ? (networkName.get(e.networkId) ?? '') : '',
    starts_at: e.startsAt.toISOString(),
    ends_at: e.endsAt.toISOString(),
    place: e.place,
    municipality: e.municipalityId ? (municipalitySlug.get(e.municipalityId) ?? '') : '',
    online_url: e.onlineUrl ?? '',
    capacity: e.capacity,
    registered: e.registered,
    waiting: e.waiting,
    attended: e.attended,
    minutes: e.minutes !== null,
  }));
  const csv = writeCsv(
    rows.map((r) => eventColumns.map((c) => r[c])),
    { columns: eventColumns },
  );
  const datapackage = (base: string) => ({
    profile: 'tabular-data-package',
    name: `${territory.slug}-events`,
    title: `${territory.name}: events`,
    licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
    resources: [
      { name: 'events', path: `${base}.csv`, profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv', schema: { fields: eventColumns.map((name) => ({ name, type: types[name] ?? 'string', ...(descriptions[name] ? { description: descriptions[name] } : {}) })) } },
      { name: 'events-json', path: `${base}.json`, format: 'json', mediatype: 'application/json' },
    ],
  });
  return { rows, csv, datapackage };
}
