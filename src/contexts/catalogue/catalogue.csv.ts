// The catalogue as CSV: one row per facility, with its department and service. Import reports each row.
import { parse } from 'csv-parse/sync';
import { writeCsv } from '../../platform/csv/csv.ts';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { listAreas } from '../territories/territory.service.ts';
import { catalogueOf, createDepartment, createFacility, createService } from './catalogue.service.ts';

export const catalogueColumns = ['department', 'service', 'facility', 'address', 'district_code', 'latitude', 'longitude', 'opening_hours', 'languages', 'accessibility'] as const;

export async function exportCatalogueCsv(db: Db, territoryId: string): Promise<string> {
  const [tree, districts] = await Promise.all([catalogueOf(db, territoryId), listAreas(db, territoryId, 'district')]);
  const codeOf = new Map(districts.map((d) => [d.id, d.code]));
  const rows: string[][] = [[...catalogueColumns]];
  for (const d of tree.departments)
    for (const s of d.services)
      for (const f of s.facilities)
        rows.push([
          d.name,
          s.name,
          f.name,
          f.address,
          f.districtId ? (codeOf.get(f.districtId) ?? '') : '',
          f.latitude?.toString() ?? '',
          f.longitude?.toString() ?? '',
          f.openingHours,
          f.languages.join(' '),
          f.accessibility.join(' '),
        ]);
  return writeCsv(rows);
}

export interface ImportRowReport {
  line: number;
  facility: string;
  status: 'added' | 'exists' | 'error';
  /** Message key and values when status is 'error'. */
  message?: string;
}

/** Imports rows; each row is added, found already there, or refused with its reason. Good rows are kept. */
export async function importCatalogueCsv(db: Db, actor: Actor | null, territoryId: string, csv: string): Promise<Outcome<ImportRowReport[], 'unreadable' | 'columns'>> {
  const permission = requirePermission(actor, 'catalogue.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  } catch {
    return { ok: false, error: 'unreadable', fields: { file: 'catalogue.import.unreadable' } };
  }
  if (records.length > 0 && !['department', 'service', 'facility'].every((c) => c in records[0]!)) return { ok: false, error: 'columns', fields: { file: 'catalogue.import.columns' } };
  const districts = new Map((await listAreas(db, territoryId, 'district')).map((d) => [d.code, d.id]));
  const report: ImportRowReport[] = [];
  for (const [index, r] of records.entries()) {
    const line = index + 2;
    const name = r.facility ?? '';
    const error = (message: string) => report.push({ line, facility: name, status: 'error', message });
    if (!r.department || !r.service || !name) {
      error('catalogue.import.missing');
      continue;
    }
    const lat = r.latitude ? Number(r.latitude) : null;
    const lon = r.longitude ? Number(r.longitude) : null;
    if ((lat === null) !== (lon === null) || (lat !== null && (!Number.isFinite(lat) || !Number.isFinite(lon!)))) {
      error('catalogue.import.coordinates');
      continue;
    }
    const districtId = r.district_code ? districts.get(r.district_code) : null;
    if (r.district_code && !districtId) {
      error('catalogue.import.district');
      continue;
    }
    const tree = await catalogueOf(db, territoryId);
    let dep = tree.departments.find((d) => d.name === r.department);
    if (!dep) {
      const made = await createDepartment(db, actor, { territoryId, name: r.department });
      if (!made.ok) {
        error('catalogue.import.department');
        continue;
      }
      dep = { ...made.value, services: [] };
    }
    let svc = dep.services.find((s) => s.name === r.service);
    if (!svc) {
      const made = await createService(db, actor, { territoryId, departmentId: dep.id, name: r.service });
      if (!made.ok) {
        error('catalogue.import.service');
        continue;
      }
      svc = { ...made.value, facilities: [] };
    }
    if (svc.facilities.some((f) => f.name === name)) {
      report.push({ line, facility: name, status: 'exists' });
      continue;
    }
    const made = await createFacility(db, actor, {
      territoryId,
      serviceId: svc.id,
      name,
      address: r.address ?? '',
      districtId: districtId ?? null,
      latitude: lat,
      longitude: lon,
      openingHours: r.opening_hours ?? '',
      languages: (r.languages ?? '').split(/\s+/).filter(Boolean),
      accessibility: (r.accessibility ?? '').split(/\s+/).filter(Boolean),
    });
    if (made.ok) report.push({ line, facility: name, status: 'added' });
    else error(Object.values(made.fields ?? {})[0] ?? 'catalogue.import.facility');
  }
  return { ok: true, value: report };
}
