// CSV import and export of organisations: one row per organisation, errors reported row by row.
import { parse } from 'csv-parse/sync';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { listAreas } from '../../territories/territory.service.ts';
import { organisation } from '../agreement.schema.ts';
import { writeCsv } from '../../../platform/csv/csv.ts';
import { refreshDirectoryStatistics } from './directory.service.ts';
import { listRegistered, searchDocument, validateOrganisation, type OrganisationInput } from './organisation.service.ts';

/** Columns, in order. Lists (areas, districts, languages) are separated by "|"; districts by name or code. */
export const csvColumns = ['name', 'type', 'description', 'areas', 'districts', 'languages', 'website', 'public_email', 'public_phone'] as const;

export interface RowError {
  /** Line in the file (the header is line 1). */
  line: number;
  name: string;
  fields: Record<string, string>;
}

export interface CsvImportResult {
  imported: number;
  errors: RowError[];
}

const split = (value: string | undefined) =>
  (value ?? '')
    .split('|')
    .map((v) => v.trim())
    .filter(Boolean);

export class CsvFormatError extends Error {}

/** Reads and checks every row; rows with problems are reported (with the message key of each field) and not imported. */
export async function importOrganisationsCsv(db: Db, territoryId: string, text: string, createdByName: string, onProgress?: (done: number, total: number) => void): Promise<CsvImportResult> {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: false });
  } catch (error) {
    throw new CsvFormatError(`The file is not valid CSV: ${(error as Error).message}`, { cause: error });
  }
  const header = Object.keys(records[0] ?? {});
  const missing = ['name', 'type'].filter((c) => records.length > 0 && !header.includes(c));
  if (missing.length > 0) throw new CsvFormatError(`Missing columns: ${missing.join(', ')}. Expected: ${csvColumns.join(', ')}`);
  const districts = await listAreas(db, territoryId, 'district');
  const byKey = new Map<string, string>();
  for (const d of districts) {
    byKey.set(d.code.toLowerCase(), d.id);
    byKey.set(d.name.toLowerCase(), d.id);
  }
  const names = new Map(districts.map((d) => [d.id, d.name]));
  const errors: RowError[] = [];
  const batch: (typeof organisation.$inferInsert)[] = [];
  let imported = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insert(organisation).values(batch);
    imported += batch.length;
    batch.length = 0;
  };
  for (const [i, r] of records.entries()) {
    const line = i + 2;
    const districtKeys = split(r.districts);
    const districtIds = districtKeys.map((k) => byKey.get(k.toLowerCase()) ?? `unknown:${k}`);
    const input: OrganisationInput = {
      name: r.name ?? '',
      type: r.type ?? '',
      description: r.description ?? '',
      areas: split(r.areas),
      districtIds,
      languages: split(r.languages),
      website: r.website ?? '',
      publicEmail: r.public_email ?? '',
      publicPhone: r.public_phone ?? '',
    };
    const fields = validateOrganisation(input, new Set(names.keys()));
    if (Object.keys(fields).length > 0) {
      errors.push({ line, name: input.name, fields });
    } else {
      const values = { name: input.name.trim(), description: input.description.trim(), areas: [...new Set(input.areas)] };
      batch.push({
        territoryId,
        ...values,
        type: input.type as (typeof organisation.$inferInsert)['type'],
        districtIds: [...new Set(districtIds)],
        languages: [...new Set(input.languages)],
        website: input.website.trim() || null,
        publicEmail: input.publicEmail.trim() || null,
        publicPhone: input.publicPhone.trim() || null,
        searchDocument: searchDocument(values, districtIds.map((d) => names.get(d)!)),
        createdByName,
      });
      if (batch.length >= 500) await flush();
    }
    onProgress?.(i + 1, records.length);
  }
  await flush();
  if (imported > 0) await refreshDirectoryStatistics(db);
  return { imported, errors };
}

/**
 * Every organisation registered in the territory, in the same columns as the import, plus adhesion and verification,
 * as CSV text in pieces of `rowsPerPiece` rows (the header in the first). Between pieces the server answers other
 * requests: 100,000 organisations are not written in one go while the public pages wait.
 */
export async function exportOrganisationsCsvPieces(db: Db, territoryId: string, rowsPerPiece = 1000): Promise<AsyncGenerator<string>> {
  // Read before the first piece: a database error is an error page, not a file cut short.
  const [rows, districts] = await Promise.all([listRegistered(db, territoryId), listAreas(db, territoryId, 'district')]);
  return csvPieces(rows, new Map(districts.map((d) => [d.id, d.name])), rowsPerPiece);
}

async function* csvPieces(rows: Awaited<ReturnType<typeof listRegistered>>, names: Map<string, string>, rowsPerPiece: number): AsyncGenerator<string> {
  const columns = [...csvColumns, 'id', 'adhesion', 'member_since', 'verified'];
  for (let start = 0; start === 0 || start < rows.length; start += rowsPerPiece) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    yield writeCsv(
      rows.slice(start, start + rowsPerPiece).map(({ organisation: o, adhesionStatus, memberSince }) => [
        o.name,
        o.type,
        o.description,
        o.areas.join('|'),
        o.districtIds.map((d) => names.get(d) ?? '').join('|'),
        o.languages.join('|'),
        o.website ?? '',
        o.publicEmail ?? '',
        o.publicPhone ?? '',
        o.id,
        adhesionStatus ?? '',
        memberSince ? memberSince.toISOString().slice(0, 10) : '',
        o.verifiedAt ? 'yes' : 'no',
      ]),
      start === 0 ? { columns } : {},
    );
  }
}

/** The same CSV as one text. */
export async function exportOrganisationsCsv(db: Db, territoryId: string, rowsPerPiece?: number): Promise<string> {
  let text = '';
  for await (const piece of await exportOrganisationsCsvPieces(db, territoryId, rowsPerPiece)) text += piece;
  return text;
}

export async function exportOrganisations(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<AsyncGenerator<string>>> {
  const allowed = requirePermission(actor, 'agreement.organisation.export', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  return { ok: true, value: await exportOrganisationsCsvPieces(db, territoryId) };
}
