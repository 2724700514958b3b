// XLSForm workbooks (.xlsx with survey, choices and settings sheets) as KoboToolbox and ODK write
// them: import into an instrument definition with warnings per row, and export back. Pure apart from
// the spreadsheet library.
import type ExcelJS from 'exceljs';

// The spreadsheet library is loaded on the first import or export, not with the server (about 13 MB).
const loadExcel = async () => (await import('exceljs')).default;
import type { Translations } from '../../../platform/i18n/translations.ts';
import { dimensions, parseRelevant, relevantOf, type Choice, type Condition, type Dimension, type ImportProblem, type InstrumentDefinition, type Item, type ItemType, type Section } from './instrument.ts';

/** A problem or a warning, placed where a coordinator can find it in the workbook. */
export interface WorkbookProblem extends ImportProblem {
  sheet: string;
}

export type WorkbookImport = { ok: true; definition: InstrumentDefinition; warnings: WorkbookProblem[] } | { ok: false; problems: WorkbookProblem[] };

// Rows past these are never read: a sheet may declare a million empty rows (a LibreOffice quirk).
const maxRows = 5000;
const maxColumns = 200;

const languageNames: Record<string, string> = {
  english: 'en', spanish: 'es', español: 'es', castellano: 'es', catalan: 'ca', català: 'ca', arabic: 'ar', العربية: 'ar',
  french: 'fr', français: 'fr', romanian: 'ro', română: 'ro', chinese: 'zh', 中文: 'zh', urdu: 'ur', اردو: 'ur',
  ukrainian: 'uk', українська: 'uk', portuguese: 'pt', português: 'pt', swahili: 'sw', kiswahili: 'sw',
};
const languageLabels: Record<string, string> = { en: 'English', es: 'Español', ca: 'Català', ar: 'العربية', fr: 'Français', ro: 'Română', zh: '中文', ur: 'اردو', uk: 'Українська', pt: 'Português', sw: 'Kiswahili' };

/** `English (en)`, `english`, `en` → `en`; null when the language cannot be told. */
export function languageCode(text: string): string | null {
  const source = text.trim().toLowerCase();
  const coded = /\(([a-z]{2,3}(?:-[a-z0-9]+)?)\)\s*$/.exec(source);
  if (coded) return coded[1]!;
  if (/^[a-z]{2,3}$/.test(source)) return source;
  return languageNames[source] ?? null;
}

/** Curly quotes typed by office programs are quotes in an expression. */
export function straightQuotes(expression: string): string {
  return expression.replace(/[\u2018\u2019\u201A\u201B]/g, "'").replace(/[\u201C\u201D\u201E\u201F]/g, '"');
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if ('result' in value) return cellText((value.result ?? '') as ExcelJS.CellValue);
  }
  return '';
}

interface SheetRows {
  name: string;
  header: string[];
  rows: { line: number; cells: Record<string, string> }[];
}

/** Reads a sheet's header (lower-cased, trimmed) and its non-empty rows; duplicate headers are problems. */
function readSheet(sheet: ExcelJS.Worksheet, problems: WorkbookProblem[]): SheetRows {
  const name = sheet.name.toLowerCase();
  const header: string[] = [];
  const headerRow = sheet.getRow(1);
  const seen = new Set<string>();
  for (let c = 1; c <= Math.min(headerRow.cellCount, maxColumns); c++) {
    const title = cellText(headerRow.getCell(c).value).toLowerCase().replace(/^requiredmsg$/, 'required_message');
    header[c] = title;
    if (!title) continue;
    if (seen.has(title)) problems.push({ sheet: name, line: 1, column: cellText(headerRow.getCell(c).value), message: 'audits.instrument.xlsx.errors.duplicateColumn', values: { sheet: name, row: 1, column: cellText(headerRow.getCell(c).value) } });
    seen.add(title);
  }
  const rows: SheetRows['rows'] = [];
  const last = Math.min(sheet.actualRowCount > 0 ? sheet.lastRow?.number ?? 0 : 0, maxRows);
  for (let r = 2; r <= last; r++) {
    const row = sheet.findRow(r);
    if (!row) continue;
    const cells: Record<string, string> = {};
    let any = false;
    for (let c = 1; c < header.length; c++) {
      const key = header[c];
      if (!key) continue;
      const text = cellText(row.getCell(c).value);
      if (text) {
        cells[key] = text;
        any = true;
      }
    }
    if (any) rows.push({ line: r, cells });
  }
  return { name, header: header.filter(Boolean), rows };
}

const supported: Record<string, ItemType> = {
  text: 'text', integer: 'number', decimal: 'number', date: 'date', select_one: 'single', select_multiple: 'multiple',
  note: 'note', image: 'photo', file: 'document', yes_no: 'yes-no', range: 'scale',
  // Read as free text, with a warning: the platform has no clock or map widget.
  time: 'text', geopoint: 'text',
};
const asText = new Set(['time', 'geopoint']);
// Metadata an app fills in by itself: nothing to ask an auditor, so skipped without a warning.
const metadata = new Set(['start', 'end', 'today', 'deviceid', 'subscriberid', 'simserial', 'phonenumber', 'username', 'email', 'audit']);
const mediaColumn = /^(media::|image$|image::|audio$|audio::|video$|video::|big-image)/;

function texts(cells: Record<string, string>, prefix: string, columns: Map<string, string>): Translations {
  const out: Translations = {};
  for (const [column, language] of columns) {
    const [head] = column.split('::');
    if (head === prefix && cells[column]) out[language] = cells[column]!;
  }
  return out;
}

/** Parses an .xlsx XLSForm. Problems stop the import (nothing is kept); warnings name each row the platform cannot use. */
export async function importXlsxForm(content: Buffer, knownGrounds: readonly string[], fallbackTitle = ''): Promise<WorkbookImport> {
  if (content.length < 4 || content[0] !== 0x50 || content[1] !== 0x4b) return { ok: false, problems: [{ sheet: '', line: 0, message: 'audits.instrument.xlsx.errors.notWorkbook' }] };
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ sheet: '', line: 0, message: 'audits.instrument.xlsx.errors.notWorkbook' }] };
  }
  const problems: WorkbookProblem[] = [];
  const warnings: WorkbookProblem[] = [];
  const find = (name: string) => workbook.worksheets.find((s) => s.name.trim().toLowerCase() === name);
  const surveySheet = find('survey');
  if (!surveySheet) return { ok: false, problems: [{ sheet: 'survey', line: 0, message: 'audits.instrument.xlsx.errors.noSurvey' }] };
  const survey = readSheet(surveySheet, problems);
  const choicesSheet = find('choices');
  const choices = choicesSheet ? readSheet(choicesSheet, problems) : { name: 'choices', header: [], rows: [] };
  const settingsSheet = find('settings');
  const settings = settingsSheet ? readSheet(settingsSheet, problems) : { name: 'settings', header: [], rows: [] };
  if (problems.length > 0) return { ok: false, problems };
  if (!survey.header.includes('type') || !survey.header.includes('name')) return { ok: false, problems: [{ sheet: 'survey', line: 1, message: 'audits.instrument.xlsx.errors.columns', values: { sheet: 'survey', row: 1 } }] };

  const setting = settings.rows[0]?.cells ?? {};
  const defaultLanguage = languageCode(setting.default_language ?? '') ?? 'en';
  // Columns carrying a text, by language: `label::English (en)`, `label::english`, or a bare `label`.
  const languageColumns = (header: string[]) => {
    const map = new Map<string, string>();
    for (const column of header) {
      const [head, ...rest] = column.split('::');
      if (!['label', 'hint', 'constraint_message', 'required_message'].includes(head!)) continue;
      if (rest.length === 0) map.set(column, defaultLanguage);
      else if (rest.length === 1) {
        const code = languageCode(rest[0]!);
        if (code) map.set(column, code);
      }
    }
    return map;
  };
  const surveyColumns = languageColumns(survey.header);
  const choiceColumns = languageColumns(choices.header);
  for (const sheet of [survey, choices]) {
    for (const column of sheet.header) if (mediaColumn.test(column)) warnings.push({ sheet: sheet.name, line: 1, column, message: 'audits.instrument.xlsx.warnings.mediaColumn', values: { sheet: sheet.name, row: 1, column } });
  }

  const lists = new Map<string, Choice[]>();
  for (const { cells } of choices.rows) {
    if (!cells.list_name || !cells.name) continue;
    lists.set(cells.list_name, [...(lists.get(cells.list_name) ?? []), { value: cells.name, label: texts(cells, 'label', choiceColumns) }]);
  }
  const allNames = new Set(survey.rows.map((r) => r.cells.name).filter(Boolean) as string[]);
  const languages = [...new Set([defaultLanguage, ...surveyColumns.values()])].filter((l) => survey.rows.some((r) => Object.keys(r.cells).some((c) => surveyColumns.get(c) === l)));
  const definition: InstrumentDefinition = { title: {}, languages: languages.length > 0 ? languages : [defaultLanguage], sections: [] };
  if (setting.form_title) definition.title = { [definition.languages[0]!]: setting.form_title };
  const titleTexts = texts(setting, 'form_title', new Map(Object.keys(setting).filter((c) => c.startsWith('form_title::')).map((c) => [c, languageCode(c.slice(12)) ?? defaultLanguage])));
  Object.assign(definition.title, titleTexts);
  const ownTitle = setting.form_id || fallbackTitle;
  if (!definition.title[definition.languages[0]!] && ownTitle) definition.title[definition.languages[0]!] = ownTitle;

  const skipped: NonNullable<InstrumentDefinition['xlsformSkipped']> = [];
  // Open groups, innermost last; a group's `relevant` applies to every item inside it.
  const groups: { name: string; title: Translations; showIf: Condition[] }[] = [];
  let current: Section | null = null;
  const sectionNames = new Set<string>();
  const open = (base: string, title: Translations) => {
    let name = base;
    for (let n = 2; sectionNames.has(name); n++) name = `${base}_${n}`;
    sectionNames.add(name);
    current = { name, title, items: [] };
    definition.sections.push(current);
  };
  const problem = (line: number, column: string, message: string, values: Record<string, string | number> = {}) =>
    problems.push({ sheet: 'survey', line, column, message, values: { sheet: 'survey', row: line, column, ...values } });
  const warn = (line: number, column: string, message: string, values: Record<string, string | number> = {}) =>
    warnings.push({ sheet: 'survey', line, column, message, values: { sheet: 'survey', row: line, column, ...values } });
  const unknownReference = (line: number, column: string, expression: string) => {
    for (const [, name] of expression.matchAll(/\$\{([^}]+)\}/g)) if (!allNames.has(name!)) problem(line, column, 'audits.instrument.xlsx.errors.unknownField', { name: name! });
  };

  for (const { line, cells } of survey.rows) {
    const typeWords = (cells.type ?? '').trim().toLowerCase().replace(/^(begin|end)_/, '$1 ').split(/\s+/);
    const grouping = (typeWords[0] === 'begin' || typeWords[0] === 'end') && (typeWords[1] === 'group' || typeWords[1] === 'repeat');
    const type = grouping ? `${typeWords[0]} ${typeWords[1] ?? ''}` : typeWords[0] ?? '';
    const list = grouping ? undefined : typeWords[1];
    const name = cells.name ?? '';
    if (cells.relevant) unknownReference(line, 'relevant', cells.relevant);
    if (type === 'begin group' || type === 'begin repeat') {
      if (type === 'begin repeat') warn(line, 'type', 'audits.instrument.xlsx.warnings.repeat', { name });
      const { conditions, rest } = readRelevant(cells.relevant ?? '');
      if (rest) warn(line, 'relevant', 'audits.instrument.xlsx.warnings.groupRelevant', { expression: rest });
      groups.push({ name: name || `part_${definition.sections.length + 1}`, title: texts(cells, 'label', surveyColumns), showIf: conditions });
      open(groups.at(-1)!.name, groups.at(-1)!.title);
      continue;
    }
    if (type === 'end group' || type === 'end repeat') {
      groups.pop();
      current = null;
      // Items after a nested group go on in a new part, titled like the group around them.
      const outer = groups.at(-1);
      if (outer) open(outer.name, outer.title);
      continue;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,59}$/.test(name)) {
      warn(line, 'name', 'audits.instrument.xlsx.warnings.name', { name });
      continue;
    }
    const itemType = supported[type];
    if (!itemType) {
      // Kept by name and type, so that expressions naming it still read after an export.
      skipped.push({ name, type: cells.type!.trim() });
      if (!metadata.has(type)) warn(line, 'type', 'audits.instrument.xlsx.warnings.type', { type: cells.type ?? '' });
      continue;
    }
    if (asText.has(type)) warn(line, 'type', 'audits.instrument.xlsx.warnings.asText', { type });
    const dimension = (cells.dimension || 'other') as Dimension;
    if (!dimensions.includes(dimension)) {
      problem(line, 'dimension', 'audits.instrument.import.dimension', { dimension });
      continue;
    }
    const grounds = (cells.grounds ?? '').split(/\s+/).filter(Boolean);
    const unknownGround = grounds.find((g) => !knownGrounds.includes(g));
    if (unknownGround) {
      problem(line, 'grounds', 'audits.instrument.import.ground', { ground: unknownGround });
      continue;
    }
    const { conditions: showIf, rest } = readRelevant(cells.relevant ?? '');
    if (rest) warn(line, 'relevant', 'audits.instrument.xlsx.warnings.expression', { expression: rest });
    const requiredCell = (cells.required ?? '').toLowerCase();
    // A note asks nothing, so it cannot be required.
    const required = itemType !== 'note' && /^(yes|true|true\(\)|1)$/.test(requiredCell);
    if (requiredCell && !required && !/^(no|false|false\(\)|0)$/.test(requiredCell)) warn(line, 'required', 'audits.instrument.xlsx.warnings.expression', { expression: straightQuotes(cells.required!) });
    const item: Item = { name, type: itemType, label: texts(cells, 'label', surveyColumns), hint: texts(cells, 'hint', surveyColumns), required, showIf: [...groups.flatMap((g) => g.showIf), ...showIf], dimension, grounds, choices: [] };
    const xlsform: NonNullable<Item['xlsform']> = {};
    if (type !== itemTypeName(itemType)) xlsform.type = type;
    if (rest) xlsform.relevant = rest;
    if (cells.constraint) {
      xlsform.constraint = straightQuotes(cells.constraint);
      if (!evaluableConstraint(xlsform.constraint)) warn(line, 'constraint', 'audits.instrument.xlsx.warnings.expression', { expression: xlsform.constraint });
      unknownReference(line, 'constraint', cells.constraint);
    }
    const constraintMessage = texts(cells, 'constraint_message', surveyColumns);
    if (Object.keys(constraintMessage).length > 0) xlsform.constraintMessage = constraintMessage;
    const requiredMessage = texts(cells, 'required_message', surveyColumns);
    if (Object.keys(requiredMessage).length > 0) xlsform.requiredMessage = requiredMessage;
    if (cells.default) xlsform.default = cells.default;
    if (cells.choice_filter) {
      xlsform.choiceFilter = straightQuotes(cells.choice_filter);
      warn(line, 'choice_filter', 'audits.instrument.xlsx.warnings.choiceFilter', { expression: xlsform.choiceFilter });
    }
    if (Object.keys(xlsform).length > 0) item.xlsform = xlsform;
    if (itemType === 'single' || itemType === 'multiple') {
      const options = list ? lists.get(list) : undefined;
      if (!list || !options || options.length === 0) {
        problem(line, 'type', 'audits.instrument.xlsx.errors.emptyList', { list: list ?? '' });
        continue;
      }
      item.choices = options.map((c) => ({ value: c.value, label: { ...c.label } }));
    }
    if (!current) open(`part_${definition.sections.length + 1}`, { ...definition.title });
    current!.items.push(item);
  }
  if (problems.length > 0) return { ok: false, problems };
  // A group that held only rows the platform skips has nothing to show.
  definition.sections = definition.sections.filter((s) => s.items.length > 0);
  if (skipped.length > 0) definition.xlsformSkipped = skipped;
  if (definition.sections.length === 0) return { ok: false, problems: [{ sheet: 'survey', line: 0, message: 'audits.instrument.xlsx.errors.nothing', values: { sheet: 'survey' } }] };
  return { ok: true, definition, warnings };
}

/** Splits an expression at its top-level `and`s, outside brackets and quotes. */
function topLevelParts(expression: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /\s/.test(c)) {
      const word = /^\s+(and|or)\s+/.exec(expression.slice(i));
      if (word?.[1] === 'or') return null;
      if (word) {
        parts.push(expression.slice(start, i).trim());
        start = i + word[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(expression.slice(start).trim());
  return parts.filter(Boolean);
}

/**
 * The parts of a `relevant` the skip logic evaluates, and the rest (kept as written, and reported):
 * only `and`-joined conditions can be split, so an `or` at the top keeps the whole expression apart.
 */
export function readRelevant(raw: string): { conditions: Condition[]; rest: string } {
  const expression = straightQuotes(raw).trim();
  const parts = topLevelParts(expression);
  if (!parts) return { conditions: [], rest: expression };
  const conditions: Condition[] = [];
  const rest: string[] = [];
  for (const part of parts) {
    const parsed = parseRelevant(part.replace(/\$\{([^}]+)\}\s*(!?=)\s*/, '${$1} $2 '));
    if (parsed) conditions.push(...parsed);
    else rest.push(part);
  }
  return { conditions, rest: rest.join(' and ') };
}

function itemTypeName(type: ItemType): string {
  return { 'yes-no': 'yes_no', scale: 'range', single: 'select_one', multiple: 'select_multiple', number: 'decimal', date: 'date', text: 'text', photo: 'image', document: 'file', note: 'note' }[type];
}

/** Constraints the platform checks itself: `. <op> number`, joined by `and`. */
export function evaluableConstraint(expression: string): boolean {
  return expression.split(/\s+and\s+/).every((part) => /^\.\s*(<=|>=|<|>|=|!=)\s*-?\d+(\.\d+)?$/.test(part.trim()));
}

/** Writes the definition as an XLSForm workbook; dimensions and grounds travel as extra columns. */
export async function exportXlsxForm(definition: InstrumentDefinition): Promise<Buffer> {
  const langs = definition.languages;
  const column = (prefix: string, l: string) => `${prefix}::${languageLabels[l] ?? l} (${l})`;
  const workbook = new (await loadExcel()).Workbook();
  const surveyHeader = ['type', 'name', ...langs.map((l) => column('label', l)), ...langs.map((l) => column('hint', l)), 'required', ...langs.map((l) => column('required_message', l)), 'relevant', 'constraint', ...langs.map((l) => column('constraint_message', l)), 'choice_filter', 'default', 'dimension', 'grounds'];
  const survey = workbook.addWorksheet('survey');
  survey.addRow(surveyHeader);
  const add = (sheet: ExcelJS.Worksheet, header: string[], values: Record<string, string>) => sheet.addRow(header.map((h) => values[h] ?? ''));
  const localised = (prefix: string, t: Translations | undefined) => Object.fromEntries(langs.map((l) => [column(prefix, l), t?.[l] ?? '']));
  const choices = workbook.addWorksheet('choices');
  const choiceHeader = ['list_name', 'name', ...langs.map((l) => column('label', l))];
  choices.addRow(choiceHeader);
  for (const section of definition.sections) {
    add(survey, surveyHeader, { type: 'begin group', name: section.name, ...localised('label', section.title) });
    for (const item of section.items) {
      const list = item.type === 'single' || item.type === 'multiple' ? ` ${item.name}_choices` : '';
      const x = item.xlsform ?? {};
      add(survey, surveyHeader, {
        type: `${x.type ?? itemTypeName(item.type)}${list}`,
        name: item.name,
        ...localised('label', item.label),
        ...localised('hint', item.hint),
        required: item.required ? 'yes' : '',
        ...localised('required_message', x.requiredMessage),
        relevant: [relevantOf(item.showIf), x.relevant ?? ''].filter(Boolean).join(' and '),
        constraint: x.constraint ?? '',
        ...localised('constraint_message', x.constraintMessage),
        choice_filter: x.choiceFilter ?? '',
        default: x.default ?? '',
        dimension: item.dimension,
        grounds: item.grounds.join(' '),
      });
      for (const choice of item.choices) add(choices, choiceHeader, { list_name: `${item.name}_choices`, name: choice.value, ...localised('label', choice.label) });
    }
    add(survey, surveyHeader, { type: 'end group' });
  }
  for (const row of definition.xlsformSkipped ?? []) add(survey, surveyHeader, { type: row.type, name: row.name });
  const settings = workbook.addWorksheet('settings');
  settings.addRow(['form_title', ...langs.map((l) => `form_title::${languageLabels[l] ?? l} (${l})`), 'default_language']);
  settings.addRow([definition.title[langs[0]!] ?? '', ...langs.map((l) => definition.title[l] ?? ''), `${languageLabels[langs[0]!] ?? langs[0]} (${langs[0]})`]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
