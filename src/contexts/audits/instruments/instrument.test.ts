// Instruments as pure rules: skip logic, answer checks, and the XLSForm-like CSV round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultGrounds } from '../../territories/territory.settings.ts';
import { exportXlsForm, importXlsForm, isShown, missingRequired, parseRelevant, readAnswer, relevantOf, type Item } from './instrument.ts';
import { frontDeskVisit } from './instrument.demo.ts';

const item = (overrides: Partial<Item>): Item => ({ name: 'q', type: 'text', label: { en: 'Q' }, hint: {}, required: true, showIf: [], dimension: 'other', grounds: [], choices: [], ...overrides });

test('skip logic: an item is shown only when every condition holds', () => {
  const barriers = frontDeskVisit.sections[0]!.items.find((i) => i.name === 'barriers')!;
  assert.equal(isShown(barriers, {}), false);
  assert.equal(isShown(barriers, { step_free: { value: 'yes' } }), false);
  assert.equal(isShown(barriers, { step_free: { value: 'no' } }), true);
  const selected = item({ showIf: [{ item: 'docs', op: 'selected', value: 'padron' }] });
  assert.equal(isShown(selected, { docs: { value: ['id', 'padron'] } }), true);
  assert.equal(isShown(selected, { docs: { value: ['id'] } }), false);
});

test('a required item hidden by skip logic does not stop a submit; a shown one does', () => {
  const answers = { visit_date: { value: '2026-03-01' }, step_free: { value: 'yes' } };
  const missing = missingRequired(frontDeskVisit, answers).map((i) => i.name);
  assert.ok(!missing.includes('barriers'));
  assert.ok(missing.includes('wait_minutes'));
  assert.ok(missingRequired(frontDeskVisit, { ...answers, step_free: { value: 'no' } }).some((i) => i.name === 'barriers'));
});

test('answers are read as typed and checked: scales need 0–100 and a reason, numbers and dates must be real', () => {
  const scale = item({ type: 'scale' });
  assert.deepEqual(readAnswer(scale, '101', 'x'), { answer: { value: '101', reason: 'x' }, error: 'audits.fieldwork.errors.scale' });
  assert.deepEqual(readAnswer(scale, '70', ''), { answer: { value: 70, reason: '' }, error: 'audits.fieldwork.errors.reason' });
  assert.deepEqual(readAnswer(scale, '70', 'Kind'), { answer: { value: 70, reason: 'Kind' }, error: null });
  assert.equal(readAnswer(item({ type: 'number' }), 'twenty', undefined).error, 'audits.fieldwork.errors.number');
  assert.deepEqual(readAnswer(item({ type: 'number' }), '7,5', undefined).answer, { value: 7.5 });
  assert.equal(readAnswer(item({ type: 'date' }), '2026-02-30x', undefined).error, 'audits.fieldwork.errors.date');
  assert.equal(readAnswer(item({ type: 'yes-no' }), 'maybe', undefined).error, 'audits.fieldwork.errors.choice');
  assert.equal(readAnswer(item({ type: 'yes-no' }), undefined, undefined).error, 'audits.fieldwork.errors.required');
  assert.equal(readAnswer(item({ type: 'yes-no', required: false }), undefined, undefined).error, null);
  const multiple = item({ type: 'multiple', choices: [{ value: 'a', label: {} }, { value: 'b', label: {} }] });
  assert.deepEqual(readAnswer(multiple, ['a', 'evil'], undefined), { answer: { value: ['a'] }, error: null });
  // XLSForm types kept on a number and a note: integers must be whole, a note asks nothing.
  assert.equal(readAnswer(item({ type: 'number', xlsform: { type: 'integer' } }), '7.5', undefined).error, 'audits.fieldwork.errors.integer');
  assert.equal(readAnswer(item({ type: 'number', xlsform: { type: 'integer' } }), '7', undefined).error, null);
  assert.deepEqual(readAnswer(item({ type: 'note' }), 'typed anyway', undefined), { answer: { value: null }, error: null });
});

test('relevant conditions round-trip through the XLSForm syntax', () => {
  const conditions = [
    { item: 'step_free', op: 'eq' as const, value: 'no' },
    { item: 'docs', op: 'selected' as const, value: 'padron' },
  ];
  assert.equal(relevantOf(conditions), "${step_free} = 'no' and selected(${docs}, 'padron')");
  assert.deepEqual(parseRelevant(relevantOf(conditions)), conditions);
  assert.equal(parseRelevant('${a} > 3'), null);
});

test('the demo instrument exports to CSV and imports back to the same definition', () => {
  const csv = exportXlsForm(frontDeskVisit);
  assert.match(csv.split('\n')[0]!, /^sheet,type,name,label::es,label::en,label::ca,label::ar,label::ro,label::zh,label::ur,label::fr,label::uk,label::pt,hint::es,hint::en,hint::ca,hint::ar,hint::ro,hint::zh,hint::ur,hint::fr,hint::uk,hint::pt,required,relevant,dimension,grounds,list_name$/);
  const back = importXlsForm(csv, defaultGrounds);
  assert.equal(back.ok, true);
  assert.deepEqual(back.ok && back.definition, frontDeskVisit);
});

test('an import with problems reports each line and imports nothing', () => {
  const csv = [
    'sheet,type,name,label::en,required,relevant,dimension,grounds,list_name',
    'survey,begin_group,arrival,Arrival,,,,,',
    'survey,yes_no,step_free,Step-free?,yes,,physical-accessibility,disability,',
    'survey,rating,stars,Stars,,,other,,',
    "survey,text,why,Why?,,${step_free} > 'no',other,,",
    'survey,text,who,Who?,,,treatment,hair-colour,',
    'survey,end_group,arrival,,,,,,',
  ].join('\n');
  const result = importXlsForm(csv, defaultGrounds);
  assert.equal(result.ok, false);
  assert.deepEqual(
    !result.ok && result.problems.map((p) => [p.line, p.message]),
    [
      [4, 'audits.instrument.import.type'],
      [5, 'audits.instrument.import.relevant'],
      [6, 'audits.instrument.import.ground'],
    ],
  );
});
