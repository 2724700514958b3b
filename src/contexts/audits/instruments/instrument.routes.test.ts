// XLSForm workbooks through HTTP: a coordinator imports a real form and sees each row it will not use,
// a broken workbook imports nothing, the export downloads a workbook; an auditor may not import.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { demoPeople } from '../audits.seed.ts';
import { defaultGrounds } from '../../territories/territory.settings.ts';
import { importXlsxForm } from './instrument.xlsx.ts';

let t: TestApp;
let coordinator: Record<string, string>;
let auditor: Record<string, string>;
const base = '/en/t/barcelona/audits/instruments';
const fixture = (name: string) => readFileSync(new URL(`../../../../test/fixtures/xlsform/${name}`, import.meta.url));

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  const territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  coordinator = actorHeader({ personId: demoPeople.coordinator, locale: 'en', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } }] });
  auditor = actorHeader({ personId: demoPeople.coordinator, locale: 'en', grants: [{ role: 'auditor', scope: { kind: 'territory', id: territoryId } }] });
});
after(async () => t.close());

async function upload(headers: Record<string, string>, key: string, content: Buffer) {
  const page = await t.app.inject({ url: base, headers: coordinator });
  const { token, cookie } = csrfFrom(page);
  const boundary = '----xlsform';
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const payload = Buffer.concat([
    Buffer.from(part('_csrf', token) + part('importKey', key)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${key}.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({ method: 'POST', url: `${base}/import`, headers: { ...headers, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}

test('a coordinator imports a real workbook: the draft opens with a placed warning per row it will not use, and exports back', async () => {
  const imported = await upload(coordinator, 'biomass', fixture('UCL_Biomass_Plot_Form.xlsx'));
  assert.equal(imported.statusCode, 200, imported.body.slice(0, 500));
  assert.match(imported.body, /Sheet survey, row 16, column type: The type “select_one_from_file UCL_regions.csv” is not supported/);
  assert.match(imported.body, /Sheet survey, row 10, column constraint: The expression/);
  const versionId = /versions\/([0-9a-f-]{36})\/xlsform\.xlsx/.exec(imported.body)?.[1];
  assert.ok(versionId);
  const download = await t.app.inject({ url: `${base}/versions/${versionId}/xlsform.xlsx`, headers: coordinator });
  assert.equal(download.statusCode, 200);
  assert.match(String(download.headers['content-type']), /spreadsheetml/);
  const back = await importXlsxForm(download.rawPayload, defaultGrounds);
  assert.ok(back.ok);
  assert.deepEqual(back.definition.languages, ['sw', 'en']);
});

test('a broken workbook gets one placed message per problem and imports nothing', async () => {
  const before = await t.app.inject({ url: base, headers: coordinator });
  const refused = await upload(coordinator, 'duplicate', fixture('duplicate_columns.xlsx'));
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Sheet survey, row 1, column label: The column “label” appears twice/);
  const notZip = await upload(coordinator, 'notzip', Buffer.from('PK but no zip at all'));
  assert.equal(notZip.statusCode, 400);
  assert.match(notZip.body, /not an .xlsx workbook/);
  const list = await t.app.inject({ url: base, headers: coordinator });
  assert.doesNotMatch(list.body, /duplicate|notzip/);
  assert.equal((list.body.match(/versions\//g) ?? []).length, (before.body.match(/versions\//g) ?? []).length);
});

test('an auditor may not import a workbook', async () => {
  const refused = await upload(auditor, 'sneaky', fixture('choice_filter_test.xlsx'));
  assert.ok([403, 404].includes(refused.statusCode), String(refused.statusCode));
  const list = await t.app.inject({ url: base, headers: coordinator });
  assert.doesNotMatch(list.body, /sneaky/);
});
