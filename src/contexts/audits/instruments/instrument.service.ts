// Versioned questionnaires: a draft is edited, a published version never changes, a new version starts
// as a copy of the last one.
import { and, asc, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { instrument, instrumentVersion } from '../audit.schema.ts';
import type { Translations } from '../../../platform/i18n/translations.ts';
import { exportXlsxForm, importXlsxForm } from './instrument.xlsx.ts';
import { allItems, checkDefinition, exportXlsForm, importXlsForm, namePattern, type ImportProblem, type InstrumentDefinition, type Item, type Section } from './instrument.ts';

export type InstrumentVersion = typeof instrumentVersion.$inferSelect;
export interface InstrumentSummary {
  id: string;
  key: string;
  versions: Pick<InstrumentVersion, 'id' | 'version' | 'publishedAt' | 'definition'>[];
}

export async function listInstruments(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<InstrumentSummary[]>> {
  const permission = requirePermission(actor, 'audits.instrument.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const instruments = await db.select().from(instrument).where(eq(instrument.territoryId, territoryId)).orderBy(asc(instrument.key));
  const versions = instruments.length
    ? await db.select().from(instrumentVersion).where(inArray(instrumentVersion.instrumentId, instruments.map((i) => i.id))).orderBy(desc(instrumentVersion.version))
    : [];
  return { ok: true, value: instruments.map((i) => ({ id: i.id, key: i.key, versions: versions.filter((v) => v.instrumentId === i.id) })) };
}

/** Published versions, for campaigns to choose from. */
export async function publishedVersions(db: Db, territoryId: string): Promise<(InstrumentVersion & { key: string })[]> {
  const rows = await db
    .select({ v: instrumentVersion, key: instrument.key })
    .from(instrumentVersion)
    .innerJoin(instrument, eq(instrument.id, instrumentVersion.instrumentId))
    .where(and(eq(instrument.territoryId, territoryId), isNotNull(instrumentVersion.publishedAt)))
    .orderBy(asc(instrument.key), desc(instrumentVersion.version));
  return rows.map((r) => ({ ...r.v, key: r.key }));
}

export async function versionOf(db: Db, territoryId: string, versionId: string): Promise<(InstrumentVersion & { key: string }) | null> {
  if (!/^[0-9a-f-]{36}$/.test(versionId)) return null;
  const [row] = await db
    .select({ v: instrumentVersion, key: instrument.key })
    .from(instrumentVersion)
    .innerJoin(instrument, eq(instrument.id, instrumentVersion.instrumentId))
    .where(and(eq(instrument.territoryId, territoryId), eq(instrumentVersion.id, versionId)));
  return row ? { ...row.v, key: row.key } : null;
}

export async function getVersion(db: Db, actor: Actor | null, territoryId: string, versionId: string): Promise<Outcome<InstrumentVersion & { key: string }, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.instrument.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const row = await versionOf(db, territoryId, versionId);
  return row ? { ok: true, value: row } : { ok: false, error: 'not-found' };
}

export async function createInstrument(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; key: string; title: Translations; languages: string[]; definition?: InstrumentDefinition },
): Promise<Outcome<InstrumentVersion, 'invalid' | 'duplicate'>> {
  const permission = requirePermission(actor, 'audits.instrument.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const fields: Record<string, string> = {};
  if (!/^[a-z0-9][a-z0-9-]{1,59}$/.test(input.key)) fields.key = 'audits.instrument.errors.key';
  if (input.languages.length === 0) fields.languages = 'audits.instrument.errors.languages';
  else if (!input.title[input.languages[0]!]) fields.title = 'audits.instrument.errors.title';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(instrument).values({ territoryId: input.territoryId, key: input.key }).onConflictDoNothing().returning();
    if (!row) return { ok: false as const, error: 'duplicate' as const, fields: { key: 'audits.instrument.errors.duplicate' } };
    const definition = input.definition ?? { title: input.title, languages: input.languages, sections: [] };
    const [version] = await tx.insert(instrumentVersion).values({ instrumentId: row.id, version: 1, definition }).returning();
    return { ok: true as const, value: version! };
  });
}

type DraftChange = (definition: InstrumentDefinition) => { definition: InstrumentDefinition } | { fields: Record<string, string> };

/** Changes a draft; a published version is refused. */
async function changeDraft(db: Db, actor: Actor | null, territoryId: string, versionId: string, change: DraftChange): Promise<Outcome<InstrumentVersion, 'not-found' | 'published' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.instrument.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const current = await versionOf(db, territoryId, versionId);
  if (!current) return { ok: false, error: 'not-found' };
  if (current.publishedAt) return { ok: false, error: 'published' };
  const result = change(structuredClone(current.definition));
  if ('fields' in result) return { ok: false, error: 'invalid', fields: result.fields };
  const [row] = await db.update(instrumentVersion).set({ definition: result.definition }).where(and(eq(instrumentVersion.id, versionId), isNull(instrumentVersion.publishedAt))).returning();
  return row ? { ok: true, value: row } : { ok: false, error: 'published' };
}

export async function addSection(db: Db, actor: Actor | null, input: { territoryId: string; versionId: string; name: string; title: Translations }) {
  return changeDraft(db, actor, input.territoryId, input.versionId, (definition) => {
    if (!namePattern.test(input.name)) return { fields: { name: 'audits.instrument.errors.name' } };
    if (definition.sections.some((s) => s.name === input.name) || allItems(definition).some((i) => i.name === input.name)) return { fields: { name: 'audits.instrument.errors.duplicateName' } };
    if (!input.title[definition.languages[0]!]) return { fields: { [`title_${definition.languages[0]}`]: 'audits.instrument.errors.title' } };
    const section: Section = { name: input.name, title: input.title, items: [] };
    definition.sections.push(section);
    return { definition };
  });
}

export async function addItem(db: Db, actor: Actor | null, input: { territoryId: string; versionId: string; section: string; item: Item }) {
  return changeDraft(db, actor, input.territoryId, input.versionId, (definition) => {
    const section = definition.sections.find((s) => s.name === input.section);
    if (!section) return { fields: { section: 'audits.instrument.errors.section' } };
    const { item } = input;
    const fields: Record<string, string> = {};
    if (!namePattern.test(item.name)) fields.name = 'audits.instrument.errors.name';
    else if (allItems(definition).some((i) => i.name === item.name) || definition.sections.some((s) => s.name === item.name)) fields.name = 'audits.instrument.errors.duplicateName';
    if (!item.label[definition.languages[0]!]) fields[`label_${definition.languages[0]}`] = 'audits.instrument.errors.label';
    if ((item.type === 'single' || item.type === 'multiple') && item.choices.length < 2) fields.choices = 'audits.instrument.errors.fewChoices';
    const earlier = new Set(allItems(definition).map((i) => i.name));
    if (item.showIf.some((c) => !earlier.has(c.item))) fields.showIfItem = 'audits.instrument.errors.conditionOrder';
    if (Object.keys(fields).length > 0) return { fields };
    section.items.push(item);
    return { definition };
  });
}

export async function removeItem(db: Db, actor: Actor | null, input: { territoryId: string; versionId: string; name: string }) {
  return changeDraft(db, actor, input.territoryId, input.versionId, (definition) => {
    if (allItems(definition).some((i) => i.showIf.some((c) => c.item === input.name))) return { fields: { name: 'audits.instrument.errors.usedInCondition' } };
    for (const s of definition.sections) s.items = s.items.filter((i) => i.name !== input.name);
    return { definition };
  });
}

/** Publishes a draft: from now on it never changes. */
export async function publishVersion(db: Db, actor: Actor | null, input: { territoryId: string; versionId: string }): Promise<Outcome<InstrumentVersion, 'not-found' | 'published' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.instrument.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const current = await versionOf(db, input.territoryId, input.versionId);
  if (!current) return { ok: false, error: 'not-found' };
  if (current.publishedAt) return { ok: false, error: 'published' };
  const fields = checkDefinition(current.definition);
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const [row] = await db.update(instrumentVersion).set({ publishedAt: new Date(), publishedBy: actor!.personId }).where(eq(instrumentVersion.id, input.versionId)).returning();
  return { ok: true, value: row! };
}

/** Starts the next version as a copy of the latest one (a draft there already is returned as it is). */
export async function startNewVersion(db: Db, actor: Actor | null, input: { territoryId: string; instrumentId: string }): Promise<Outcome<InstrumentVersion, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.instrument.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [owner] = await db.select().from(instrument).where(and(eq(instrument.id, input.instrumentId), eq(instrument.territoryId, input.territoryId)));
  if (!owner) return { ok: false, error: 'not-found' };
  const [latest] = await db.select().from(instrumentVersion).where(eq(instrumentVersion.instrumentId, owner.id)).orderBy(desc(instrumentVersion.version)).limit(1);
  if (latest && !latest.publishedAt) return { ok: true, value: latest };
  const [row] = await db
    .insert(instrumentVersion)
    .values({ instrumentId: owner.id, version: (latest?.version ?? 0) + 1, definition: latest?.definition ?? { title: {}, languages: [], sections: [] } })
    .returning();
  return { ok: true, value: row! };
}

export async function exportVersion(db: Db, actor: Actor | null, territoryId: string, versionId: string): Promise<Outcome<{ key: string; version: number; csv: string }, 'not-found'>> {
  const found = await getVersion(db, actor, territoryId, versionId);
  if (!found.ok) return found;
  return { ok: true, value: { key: found.value.key, version: found.value.version, csv: exportXlsForm(found.value.definition) } };
}

/** Imports an XLSForm-like CSV as a new instrument (a draft, to be reviewed and published). */
export async function importInstrument(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; key: string; csv: string; grounds: readonly string[] } | { territoryId: string; key: string; workbook: Buffer; grounds: readonly string[]; fileName: string },
): Promise<Outcome<InstrumentVersion, 'invalid' | 'duplicate' | 'problems'> & { problems?: ImportProblem[]; warnings?: ImportProblem[] }> {
  const permission = requirePermission(actor, 'audits.instrument.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const parsed = 'csv' in input ? importXlsForm(input.csv, input.grounds) : await importXlsxForm(input.workbook, input.grounds, input.fileName.replace(/\.xlsx$/i, ''));
  if (!parsed.ok) return { ok: false, error: 'problems', problems: parsed.problems };
  const warnings: ImportProblem[] = 'warnings' in parsed ? (parsed.warnings as ImportProblem[]) : [];
  const created = await createInstrument(db, actor, { territoryId: input.territoryId, key: input.key, title: parsed.definition.title, languages: parsed.definition.languages, definition: parsed.definition });
  return created.ok ? { ...created, warnings } : created;
}

export async function exportWorkbook(db: Db, actor: Actor | null, territoryId: string, versionId: string): Promise<Outcome<{ key: string; version: number; workbook: Buffer }, 'not-found'>> {
  const found = await getVersion(db, actor, territoryId, versionId);
  if (!found.ok) return found;
  return { ok: true, value: { key: found.value.key, version: found.value.version, workbook: await exportXlsxForm(found.value.definition) } };
}

/**
 * Replaces every text of a draft at once (title, section titles, questions, hints, options), for the
 * translation page; adding a language to the draft is adding it to the list.
 */
export async function translateDraft(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; versionId: string; languages: string[]; texts: Record<string, string> },
) {
  return changeDraft(db, actor, input.territoryId, input.versionId, (definition) => {
    const languages = [...new Set([...definition.languages, ...input.languages])];
    const pick = (key: string, current: Translations): Translations => {
      const next: Translations = {};
      for (const l of languages) {
        const v = input.texts[`${key}::${l}`];
        const text = v === undefined ? current[l] : v.trim();
        if (text) next[l] = text;
      }
      return next;
    };
    definition.languages = languages;
    definition.title = pick('title', definition.title);
    for (const s of definition.sections) {
      s.title = pick(`section.${s.name}`, s.title);
      for (const i of s.items) {
        i.label = pick(`label.${i.name}`, i.label);
        i.hint = pick(`hint.${i.name}`, i.hint);
        for (const c of i.choices) c.label = pick(`choice.${i.name}.${c.value}`, c.label);
      }
    }
    if (!definition.title[languages[0]!]) return { fields: { [`title::${languages[0]}`]: 'audits.instrument.errors.title' } };
    return { definition };
  });
}
