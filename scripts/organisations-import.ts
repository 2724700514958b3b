// npm run organisations:import -- <file.csv> --territory <slug> [--report <errors.csv>] [--lang ca|es|en|ar]
// Imports organisations from a CSV file (columns: name,type,description,areas,districts,languages,website,
// public_email,public_phone; lists separated by "|"), with a progress bar and a row-by-row report of the rows
// that were not imported and why.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { writeCsv } from '../src/platform/csv/csv.ts';
import { withDatabase } from '../src/platform/db/cli.ts';
import { translator } from '../src/platform/i18n/i18n.ts';
import { isLocale } from '../src/platform/i18n/locales.ts';
import { findTerritory } from '../src/contexts/territories/territory.service.ts';
import { CsvFormatError, csvColumns, importOrganisationsCsv } from '../src/contexts/agreement/organisations/organisation.csv.ts';
import { manifests } from '../src/app.ts';

const usage = `Usage: npm run organisations:import -- <file.csv> --territory <slug> [--report <errors.csv>] [--lang en]

Columns (first line): ${csvColumns.join(',')}
Lists (areas, districts, languages) are separated by "|"; districts by name or code. Example:
  name,type,areas,districts,languages
  Associació Exemple,association,housing|poverty,Nou Barris|Sant Andreu,ca|es`;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { territory: { type: 'string' }, report: { type: 'string' }, lang: { type: 'string', default: 'en' } } });
const [file] = positionals;
if (!file || !values.territory) {
  console.error(usage);
  process.exit(2);
}
if (!fs.existsSync(file)) {
  console.error(`No such file: ${file}`);
  process.exit(2);
}
void manifests; // Loading the app's manifests loads every message catalogue, for the report's texts.
const t = translator(isLocale(values.lang) ? values.lang : 'en');

await withDatabase(async (database) => {
  await database.migrate();
  const territory = await findTerritory(database.db, values.territory!);
  if (!territory) throw new Error(`No territory "${values.territory}".`);
  const bar = new cliProgress.SingleBar({ format: 'Importing organisations [{bar}] {value}/{total} rows', hideCursor: true, noTTYOutput: true, notTTYSchedule: 1000 }, cliProgress.Presets.shades_classic);
  let started = false;
  let result;
  try {
    result = await importOrganisationsCsv(database.db, territory.id, fs.readFileSync(file, 'utf8'), `CSV import (${file.split('/').pop()})`, (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    });
  } catch (error) {
    if (error instanceof CsvFormatError) throw new Error(`${file}: ${error.message}`, { cause: error });
    throw error;
  } finally {
    if (started) bar.stop();
  }
  console.log(`${territory.name}: ${result.imported} organisations imported, ${result.errors.length} rows not imported.`);
  if (result.errors.length > 0) {
    const lines = result.errors.flatMap((e) => Object.entries(e.fields).map(([field, key]) => [e.line, e.name, field, t(key)]));
    console.log('\nRows not imported:');
    for (const [line, name, field, message] of lines.slice(0, 50)) console.log(`  line ${line} ${name ? `(${name}) ` : ''}${field}: ${message}`);
    if (lines.length > 50) console.log(`  … and ${lines.length - 50} more${values.report ? '' : ' (use --report <file> for all of them)'}`);
    if (values.report) {
      fs.writeFileSync(values.report, writeCsv(lines, { columns: ['line', 'name', 'field', 'problem'] }));
      console.log(`\nThe full report is in ${values.report}.`);
    }
    process.exitCode = 3;
  }
});
