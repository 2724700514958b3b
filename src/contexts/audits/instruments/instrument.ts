// Instruments: the questionnaire definition, skip logic, answer checks and the XLSForm-like CSV used
// to share an instrument between cities. Pure functions.
import { parse } from 'csv-parse/sync';
import type { Translations } from '../../../platform/i18n/translations.ts';
import { writeCsv } from '../../../platform/csv/csv.ts';
import { asciiDigits, parseTypedNumber } from '../../../platform/i18n/digits.ts';

export const itemTypes = ['yes-no', 'scale', 'single', 'multiple', 'number', 'date', 'text', 'photo', 'document', 'note'] as const;
export type ItemType = (typeof itemTypes)[number];

export const dimensions = ['access', 'information', 'language', 'treatment', 'requirements', 'physical-accessibility', 'digital-access', 'other'] as const;
export type Dimension = (typeof dimensions)[number];

export interface Choice {
  value: string;
  label: Translations;
}

/** Show the item only when every condition holds (XLSForm `relevant`). */
export interface Condition {
  item: string;
  op: 'eq' | 'ne' | 'selected';
  value: string;
}

export interface Item {
  name: string;
  type: ItemType;
  label: Translations;
  hint: Translations;
  required: boolean;
  showIf: Condition[];
  dimension: Dimension;
  /** Grounds of discrimination this item can reveal. */
  grounds: string[];
  choices: Choice[];
  /** What an XLSForm workbook said that the platform keeps for the round trip but does not evaluate. */
  xlsform?: {
    type?: string;
    relevant?: string;
    constraint?: string;
    constraintMessage?: Translations;
    requiredMessage?: Translations;
    default?: string;
    choiceFilter?: string;
  };
}

export interface Section {
  name: string;
  title: Translations;
  items: Item[];
}

export interface InstrumentDefinition {
  title: Translations;
  /** Languages every text is written in; the first is the instrument's own. */
  languages: string[];
  sections: Section[];
  /** Rows of an imported XLSForm the platform cannot ask (calculations, metadata), kept for the export. */
  xlsformSkipped?: { name: string; type: string }[];
}

/** An answer as stored: the value (string, string[] or number) and, for scales, the reason. */
export interface AnswerValue {
  value: string | string[] | number | null;
  reason?: string;
  /** The language of the page the words were typed on (a text answer, a score's reason), to mark them with it. */
  lang?: string;
  /** Evidence uploads: ids of stored files. */
  files?: string[];
}
export type Answers = Record<string, AnswerValue>;

export const namePattern = /^[a-z][a-z0-9_]{0,59}$/;

/** A text in the reader's language, else the instrument's own language, else any. */
export function textIn(texts: Translations, locale: string, fallback: string[] = []): string {
  for (const l of [locale, ...fallback]) if (texts[l]) return texts[l]!;
  return Object.values(texts).find(Boolean) ?? '';
}

export function allItems(definition: InstrumentDefinition): Item[] {
  return definition.sections.flatMap((s) => s.items);
}

function holds(condition: Condition, answers: Answers): boolean {
  const answer = answers[condition.item]?.value;
  if (condition.op === 'selected') return Array.isArray(answer) ? answer.includes(condition.value) : answer === condition.value;
  const text = answer == null ? '' : Array.isArray(answer) ? answer.join(' ') : String(answer);
  return condition.op === 'eq' ? text === condition.value : text !== condition.value;
}

/** Skip logic: is the item shown, given the answers so far? */
export function isShown(item: Item, answers: Answers): boolean {
  return item.showIf.every((c) => holds(c, answers));
}

export function isEmpty(answer: AnswerValue | undefined): boolean {
  if (!answer) return true;
  const v = answer.value;
  if (Array.isArray(v)) return v.length === 0;
  if (v === null || v === '') return !(answer.files && answer.files.length > 0);
  return false;
}

/** Problems with the definition (before publishing), as message keys by field. */
export function checkDefinition(definition: InstrumentDefinition): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  if (definition.sections.length === 0) errors.sections = 'audits.instrument.errors.noSections';
  for (const section of definition.sections) {
    if (section.items.length === 0) errors[`section-${section.name}`] = 'audits.instrument.errors.emptySection';
    for (const item of section.items) {
      if (seen.has(item.name)) errors[`item-${item.name}`] = 'audits.instrument.errors.duplicateName';
      for (const c of item.showIf) if (!seen.has(c.item)) errors[`item-${item.name}`] = 'audits.instrument.errors.conditionOrder';
      if ((item.type === 'single' || item.type === 'multiple') && item.choices.length < 2) errors[`item-${item.name}`] = 'audits.instrument.errors.fewChoices';
      for (const l of definition.languages) if (!item.label[l]) errors[`item-${item.name}`] ??= 'audits.instrument.errors.missingTranslation';
      seen.add(item.name);
    }
  }
  return errors;
}

/**
 * Reads a submitted field into an answer and checks it. Returns the answer kept as typed (so an
 * error never loses it) and an error key when the value is bad, or missing where required.
 */
export function readAnswer(item: Item, raw: unknown, rawReason: unknown): { answer: AnswerValue; error: string | null } {
  const reason = typeof rawReason === 'string' ? rawReason.trim().slice(0, 2000) : undefined;
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' && raw !== '' ? [raw] : [];
  const text = typeof raw === 'string' ? raw.trim().slice(0, 4000) : '';
  const missing = item.required ? 'audits.fieldwork.errors.required' : null;
  switch (item.type) {
    case 'multiple': {
      const allowed = new Set(item.choices.map((c) => c.value));
      const values = list.filter((v) => allowed.has(v));
      return { answer: { value: values }, error: values.length === 0 ? missing : null };
    }
    case 'yes-no':
    case 'single': {
      const allowed = item.type === 'yes-no' ? ['yes', 'no'] : item.choices.map((c) => c.value);
      if (text === '') return { answer: { value: null }, error: missing };
      return { answer: { value: text }, error: allowed.includes(text) ? null : 'audits.fieldwork.errors.choice' };
    }
    case 'scale': {
      if (text === '') return { answer: { value: null, reason }, error: missing };
      const digits = asciiDigits(text);
      const n = Number(digits);
      if (!/^\d{1,3}$/.test(digits) || n < 0 || n > 100) return { answer: { value: text, reason }, error: 'audits.fieldwork.errors.scale' };
      if (!reason) return { answer: { value: n, reason }, error: 'audits.fieldwork.errors.reason' };
      return { answer: { value: n, reason }, error: null };
    }
    case 'number': {
      if (text === '') return { answer: { value: null }, error: missing };
      const n = parseTypedNumber(text);
      if (item.xlsform?.type === 'integer' && !Number.isInteger(n)) return { answer: { value: text }, error: 'audits.fieldwork.errors.integer' };
      return Number.isFinite(n) ? { answer: { value: n }, error: null } : { answer: { value: text }, error: 'audits.fieldwork.errors.number' };
    }
    case 'date': {
      if (text === '') return { answer: { value: null }, error: missing };
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
      return { answer: { value: text }, error: valid ? null : 'audits.fieldwork.errors.date' };
    }
    case 'text':
      return { answer: { value: text || null }, error: text === '' ? missing : null };
    case 'note':
      return { answer: { value: null }, error: null };
    case 'photo':
    case 'document':
      // Files are handled by the upload; the form field only carries the note.
      return { answer: { value: text || null }, error: null };
  }
}

/** Required items that are shown and have no answer: what stops a submit. */
export function missingRequired(definition: InstrumentDefinition, answers: Answers): Item[] {
  return allItems(definition).filter((item) => item.required && isShown(item, answers) && isEmpty(answers[item.name]));
}

// ---- XLSForm-like CSV ---------------------------------------------------------------------------
// One CSV with a `sheet` column: `settings` (form_title), `survey` (begin_group/end_group and items)
// and `choices` (list_name, name, label::<lang>). Types: yes_no, range (0–100 with a reason),
// select_one <list>, select_multiple <list>, decimal, date, text, image, file.

const toXlsType: Record<ItemType, string> = {
  'yes-no': 'yes_no',
  scale: 'range',
  single: 'select_one',
  multiple: 'select_multiple',
  number: 'decimal',
  date: 'date',
  text: 'text',
  photo: 'image',
  document: 'file',
  note: 'note',
};

export function relevantOf(conditions: Condition[]): string {
  return conditions
    .map((c) => (c.op === 'selected' ? `selected(\${${c.item}}, '${c.value}')` : `\${${c.item}} ${c.op === 'eq' ? '=' : '!='} '${c.value}'`))
    .join(' and ');
}

export function parseRelevant(text: string): Condition[] | null {
  const source = text.trim();
  if (source === '') return [];
  const conditions: Condition[] = [];
  for (const part of source.split(/\s+and\s+/)) {
    const selected = /^selected\(\$\{([a-z][a-z0-9_]*)\},\s*'([^']*)'\)$/.exec(part.trim());
    if (selected) {
      conditions.push({ item: selected[1]!, op: 'selected', value: selected[2]! });
      continue;
    }
    const compare = /^\$\{([a-z][a-z0-9_]*)\}\s*(=|!=)\s*'([^']*)'$/.exec(part.trim());
    if (!compare) return null;
    conditions.push({ item: compare[1]!, op: compare[2] === '=' ? 'eq' : 'ne', value: compare[3]! });
  }
  return conditions;
}

export function exportXlsForm(definition: InstrumentDefinition): string {
  const langs = definition.languages;
  const header = ['sheet', 'type', 'name', ...langs.map((l) => `label::${l}`), ...langs.map((l) => `hint::${l}`), 'required', 'relevant', 'dimension', 'grounds', 'list_name'];
  const rows: string[][] = [header];
  const row = (values: Record<string, string>) => rows.push(header.map((h) => values[h] ?? ''));
  const labels = (prefix: string, texts: Translations) => Object.fromEntries(langs.map((l) => [`${prefix}::${l}`, texts[l] ?? '']));
  row({ sheet: 'settings', name: 'form_title', ...labels('label', definition.title) });
  for (const section of definition.sections) {
    row({ sheet: 'survey', type: 'begin_group', name: section.name, ...labels('label', section.title) });
    for (const item of section.items) {
      const list = item.type === 'single' || item.type === 'multiple' ? ` ${item.name}_choices` : '';
      row({
        sheet: 'survey',
        type: `${toXlsType[item.type]}${list}`,
        name: item.name,
        ...labels('label', item.label),
        ...labels('hint', item.hint),
        required: item.required ? 'yes' : '',
        relevant: relevantOf(item.showIf),
        dimension: item.dimension,
        grounds: item.grounds.join(' '),
      });
    }
    row({ sheet: 'survey', type: 'end_group', name: section.name });
  }
  for (const item of allItems(definition)) {
    for (const choice of item.choices) row({ sheet: 'choices', list_name: `${item.name}_choices`, name: choice.value, ...labels('label', choice.label) });
  }
  return writeCsv(rows);
}

export interface ImportProblem {
  line: number;
  /** For a workbook: where the problem sits, so the coordinator can find it. */
  sheet?: string;
  column?: string;
  message: string;
  values?: Record<string, string | number>;
}

/** Reads an XLSForm-like CSV; problems are reported row by row (line numbers as in the file). */
export function importXlsForm(csv: string, knownGrounds: readonly string[]): { ok: true; definition: InstrumentDefinition } | { ok: false; problems: ImportProblem[] } {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  } catch {
    return { ok: false, problems: [{ line: 1, message: 'audits.instrument.import.unreadable' }] };
  }
  const problems: ImportProblem[] = [];
  const columns = records[0] ? Object.keys(records[0]) : [];
  const languages = columns.filter((c) => c.startsWith('label::')).map((c) => c.slice('label::'.length));
  if (!columns.includes('type') || !columns.includes('name') || languages.length === 0) return { ok: false, problems: [{ line: 1, message: 'audits.instrument.import.columns' }] };
  const texts = (record: Record<string, string>, prefix: string): Translations =>
    Object.fromEntries(languages.map((l) => [l, record[`${prefix}::${l}`] ?? '']).filter(([, v]) => v));
  const definition: InstrumentDefinition = { title: {}, languages, sections: [] };
  const lists = new Map<string, Choice[]>();
  const pendingLists: [Item, string][] = [];
  let section: Section | null = null;
  const fromXls = new Map(Object.entries(toXlsType).map(([k, v]) => [v, k as ItemType]));
  records.forEach((record, index) => {
    const line = index + 2;
    const sheet = record.sheet || 'survey';
    if (sheet === 'settings') {
      if (record.name === 'form_title') definition.title = texts(record, 'label');
      return;
    }
    if (sheet === 'choices') {
      const list = record.list_name ?? '';
      if (!list || !record.name) return void problems.push({ line, message: 'audits.instrument.import.choice' });
      lists.set(list, [...(lists.get(list) ?? []), { value: record.name, label: texts(record, 'label') }]);
      return;
    }
    const [rawType = '', listName] = (record.type ?? '').split(/\s+/);
    if (rawType === 'begin_group') {
      if (!namePattern.test(record.name ?? '')) return void problems.push({ line, message: 'audits.instrument.import.name', values: { name: record.name ?? '' } });
      section = { name: record.name!, title: texts(record, 'label'), items: [] };
      definition.sections.push(section);
      return;
    }
    if (rawType === 'end_group') {
      section = null;
      return;
    }
    const type = fromXls.get(rawType);
    if (!type) return void problems.push({ line, message: 'audits.instrument.import.type', values: { type: record.type ?? '' } });
    if (!namePattern.test(record.name ?? '')) return void problems.push({ line, message: 'audits.instrument.import.name', values: { name: record.name ?? '' } });
    if (!section) return void problems.push({ line, message: 'audits.instrument.import.outsideGroup' });
    const dimension = (record.dimension || 'other') as Dimension;
    if (!dimensions.includes(dimension)) return void problems.push({ line, message: 'audits.instrument.import.dimension', values: { dimension } });
    const grounds = (record.grounds ?? '').split(/\s+/).filter(Boolean);
    const unknown = grounds.find((g) => !knownGrounds.includes(g));
    if (unknown) return void problems.push({ line, message: 'audits.instrument.import.ground', values: { ground: unknown } });
    const showIf = parseRelevant(record.relevant ?? '');
    if (!showIf) return void problems.push({ line, message: 'audits.instrument.import.relevant' });
    const item: Item = { name: record.name!, type, label: texts(record, 'label'), hint: texts(record, 'hint'), required: /^(yes|true|1)$/i.test(record.required ?? ''), showIf, dimension, grounds, choices: [] };
    if (type === 'single' || type === 'multiple') {
      if (!listName) return void problems.push({ line, message: 'audits.instrument.import.list' });
      pendingLists.push([item, listName]);
    }
    section.items.push(item);
  });
  for (const [item, list] of pendingLists) item.choices = lists.get(list) ?? [];
  if (problems.length === 0) {
    const errors = checkDefinition(definition);
    for (const [field, message] of Object.entries(errors)) problems.push({ line: 0, message, values: { name: field.replace(/^(item|section)-/, '') } });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, definition };
}
