// XLSForm workbooks: real forms from other projects import as their README says, round-trip, and a
// broken workbook gets one placed, translated problem each and imports nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { defaultGrounds } from '../../territories/territory.settings.ts';
import en from '../locales/en.json' with { type: 'json' };
import { allItems } from './instrument.ts';
import { frontDeskVisit } from './instrument.demo.ts';
import { exportXlsxForm, importXlsxForm, readRelevant, type WorkbookImport } from './instrument.xlsx.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/xlsform/${name}`, import.meta.url));
const imported = async (name: string) => {
  const result = await importXlsxForm(fixture(name), defaultGrounds, name.replace('.xlsx', ''));
  assert.ok(result.ok, `${name}: ${JSON.stringify(!result.ok && result.problems)}`);
  return result as Extract<WorkbookImport, { ok: true }>;
};
const warned = (result: Extract<WorkbookImport, { ok: true }>) => result.warnings.map((w) => [w.sheet, w.line, w.column, w.message.split('.').pop()]);

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) book.addWorksheet(name).addRows(rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('the UCL biomass form (sheets declaring a million rows) parses in under 5 s with both languages and a warning per unusable row', async () => {
  const started = performance.now();
  const result = await imported('UCL_Biomass_Plot_Form.xlsx');
  assert.ok(performance.now() - started < 5000);
  const { definition } = result;
  assert.deepEqual(definition.languages, ['sw', 'en']);
  // 90 survey rows, the last of type deviceid: kept by name for the export, not asked.
  assert.deepEqual(definition.xlsformSkipped?.at(-1), { name: 'deviceid', type: 'deviceid' });
  const items = allItems(definition);
  assert.ok(items.some((i) => i.choices.some((c) => c.label.sw === 'Mwingine' && c.label.en)), 'the choices keep both languages');
  // Curly quotes in `${leader_name} = ‘other’` are read as quotes, so the skip logic applies.
  assert.deepEqual(items.find((i) => i.name === 'leader_name_other')!.showIf, [{ item: 'leader_name', op: 'eq', value: 'other' }]);
  // A repeat's condition applies to the questions inside it.
  assert.deepEqual(items.find((i) => i.name === 'tag')!.showIf, [{ item: 'any_trees', op: 'eq', value: 'yes' }]);
  assert.equal(items.find((i) => i.name === 'canopy_cover')!.xlsform?.type, 'integer');
  assert.equal(items.find((i) => i.name === 'note2')!.type, 'note');
  assert.deepEqual(items.find((i) => i.name === 'leader_number')!.xlsform?.constraintMessage, { sw: '10 digit phone number', en: '10 digit phone number' });
  const rows = warned(result);
  assert.ok(rows.some(([, line, column, m]) => line === 16 && column === 'type' && m === 'type'), 'select_one_from_file is named');
  assert.ok(rows.some(([, line, , m]) => line === 22 && m === 'asText'), 'geopoint is asked as text');
  assert.ok(rows.some(([, line, column, m]) => line === 26 && column === 'type' && m === 'type'), 'calculate is named');
  assert.ok(rows.some(([, line, column, m]) => line === 10 && column === 'constraint' && m === 'expression'), 'regex() constraint is reported');
  assert.ok(rows.some(([, line, column, m]) => line === 49 && column === 'required' && m === 'expression'), 'a required expression is reported');
  assert.ok(rows.some(([, line, , m]) => line === 32 && m === 'repeat'));
});

test('the specification test form maps english and chinese to en and zh and warns on what the platform does not use', async () => {
  const result = await imported('xlsform_spec_test.xlsx');
  assert.deepEqual(result.definition.languages, ['en', 'zh']);
  assert.deepEqual(result.definition.title, { en: 'Spec test' });
  const rows = warned(result);
  for (const line of [32, 34]) assert.ok(rows.some(([, l, , m]) => l === line && m === 'asText'), `row ${line}`);
  for (const line of [30, 33, 35, 37, 38, 40]) assert.ok(rows.some(([, l, c, m]) => l === line && c === 'type' && m === 'type'), `row ${line}`);
  assert.ok(rows.some(([, l, c, m]) => l === 3 && c === 'relevant' && m === 'groupRelevant'));
  const email = allItems(result.definition).find((i) => i.name === 'a_integer')!;
  assert.equal(email.xlsform?.type, 'integer');
});

test('the flat form imports and reports its media columns as not used', async () => {
  const result = await imported('flat_xlsform_test.xlsx');
  const media = result.warnings.filter((w) => w.message.endsWith('mediaColumn')).map((w) => `${w.sheet}:${w.column}`);
  assert.deepEqual(media, ['survey:image', 'survey:audio', 'survey:image::english', 'survey:media::audio::chinese', 'survey:media::video', 'choices:image']);
});

test('a choice filter is kept and reported', async () => {
  const result = await imported('choice_filter_test.xlsx');
  const county = allItems(result.definition).find((i) => i.name === 'county')!;
  assert.equal(county.xlsform?.choiceFilter, '${state}=cf');
  assert.ok(warned(result).some(([, l, c, m]) => l === 3 && c === 'choice_filter' && m === 'choiceFilter'));
});

test('sheet names and headers in capitals import exactly as in lower case', async () => {
  const upper = await imported('case_insensitivity.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fixture('case_insensitivity.xlsx') as unknown as ArrayBuffer);
  // The library refuses a name that differs only in case, so each sheet is renamed twice.
  book.worksheets.forEach((sheet, i) => (sheet.name = `sheet${i}`));
  const names = ['survey', 'choices', 'settings', 'external_choices', 'entities', 'osm'];
  for (const [i, sheet] of book.worksheets.entries()) {
    sheet.name = names[i]!;
    sheet.getRow(1).eachCell((cell) => (cell.value = String(cell.value).toLowerCase()));
  }
  const lower = await importXlsxForm(Buffer.from(await book.xlsx.writeBuffer()), defaultGrounds, 'case_insensitivity');
  assert.ok(lower.ok);
  assert.deepEqual(lower.definition, upper.definition);
  assert.equal(allItems(upper.definition)[0]!.label.en, 'Are you good?');
});

test('every form and the demo instrument round-trip: export then import gives the same instrument', async () => {
  for (const name of ['UCL_Biomass_Plot_Form.xlsx', 'xlsform_spec_test.xlsx', 'flat_xlsform_test.xlsx', 'choice_filter_test.xlsx', 'case_insensitivity.xlsx']) {
    const { definition } = await imported(name);
    const back = await importXlsxForm(await exportXlsxForm(definition), defaultGrounds);
    assert.ok(back.ok, name);
    assert.deepEqual(back.definition, definition, name);
  }
  const demo = await importXlsxForm(await exportXlsxForm(frontDeskVisit), defaultGrounds);
  assert.ok(demo.ok);
  assert.deepEqual(demo.definition, frontDeskVisit);
  assert.deepEqual(demo.warnings, []);
});

test('dimensions and grounds travel as extra columns', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await exportXlsxForm(frontDeskVisit)) as unknown as ArrayBuffer);
  const header = (book.getWorksheet('survey')!.getRow(1).values as string[]).slice(1);
  assert.ok(header.includes('dimension') && header.includes('grounds'));
  assert.ok(header.includes('label::Español (es)'));
});

test('a broken workbook gets one placed, translated problem each and imports nothing', async () => {
  const problems = async (content: Buffer) => {
    const result = await importXlsxForm(content, defaultGrounds);
    assert.equal(result.ok, false);
    const list = !result.ok ? result.problems : [];
    for (const p of list) assert.ok(p.message in en, `${p.message} is translated`);
    return list.map((p) => [p.sheet, p.line, p.column, p.message.split('.').pop(), p.values?.name ?? p.values?.list ?? p.values?.column]);
  };
  assert.deepEqual(await problems(Buffer.from('type,name\ntext,q\n')), [['', 0, undefined, 'notWorkbook', undefined]]);
  assert.deepEqual(await problems(Buffer.from('PK\u0003\u0004 not really a zip')), [['', 0, undefined, 'notWorkbook', undefined]]);
  assert.deepEqual(await problems(await workbook({ choices: [['list_name', 'name', 'label']] })), [['survey', 0, undefined, 'noSurvey', undefined]]);
  assert.deepEqual(await problems(fixture('duplicate_columns.xlsx')), [['survey', 1, 'label', 'duplicateColumn', 'label']]);
  const broken = await workbook({
    survey: [
      ['type', 'name', 'label', 'relevant'],
      ['select_one colours', 'colour', 'Colour?'],
      ['text', 'why', 'Why?', "${colour} = 'red' and ${shade} = 'dark'"],
      ['select_one yes_no', 'ok', 'OK?'],
    ],
    choices: [['list_name', 'name', 'label'], ['yes_no', 'yes', 'Yes'], ['yes_no', 'no', 'No']],
  });
  assert.deepEqual(await problems(broken), [
    ['survey', 2, 'type', 'emptyList', 'colours'],
    ['survey', 3, 'relevant', 'unknownField', 'shade'],
  ]);
});

test('the skip logic keeps the and-joined conditions it can evaluate and reports the rest', () => {
  assert.deepEqual(readRelevant("${a}=‘x’ and regex(${b}, 'y and z')"), { conditions: [{ item: 'a', op: 'eq', value: 'x' }], rest: "regex(${b}, 'y and z')" });
  assert.deepEqual(readRelevant("${a} = 'x' or ${b} = 'y'"), { conditions: [], rest: "${a} = 'x' or ${b} = 'y'" });
  assert.deepEqual(readRelevant(''), { conditions: [], rest: '' });
});
