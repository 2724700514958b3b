// npm run territory:import -- <file.geojson> --territory <slug> --level district|neighbourhood
//   --code <property> --name <property> [--population <property>[+<property>…]] [--parent <property>]
//   [--create "<Territory name>"]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { withDatabase } from '../src/platform/db/cli.ts';
import { GeoJsonFormatError, parseAreas } from '../src/contexts/territories/area-import.ts';
import { createTerritory, findTerritory, saveAreas } from '../src/contexts/territories/territory.service.ts';

const usage = `Usage: npm run territory:import -- <file.geojson> --territory <slug> --level district|neighbourhood --code <property> --name <property> [--population <property>[+<property>]] [--parent <property>] [--create "<name>"]

Example (Barcelona's districts, population = men + women):
  npm run territory:import -- demo/barcelona/districts.geojson --territory barcelona --level district --code C_Distri --name N_Distri --population Homes+Dones`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    territory: { type: 'string' },
    level: { type: 'string' },
    code: { type: 'string' },
    name: { type: 'string' },
    population: { type: 'string' },
    parent: { type: 'string' },
    create: { type: 'string' },
  },
});

const [file] = positionals;
const level = values.level;
if (!file || !values.territory || !values.code || !values.name || (level !== 'district' && level !== 'neighbourhood')) {
  console.error(usage);
  process.exit(2);
}
if (level === 'neighbourhood' && !values.parent) {
  console.error('Neighbourhoods need --parent <property>: the property holding the code of their district.');
  process.exit(2);
}
if (!fs.existsSync(file)) {
  console.error(`No such file: ${file}`);
  process.exit(2);
}

await withDatabase(async (database) => {
  await database.migrate();
  let territory = await findTerritory(database.db, values.territory!);
  if (!territory) {
    if (!values.create) throw new Error(`No territory "${values.territory}". Add --create "<name>" to create a municipality with that slug.`);
    territory = await createTerritory(database.db, { slug: values.territory!, name: values.create, kind: 'municipality' });
    console.log(`Created municipality ${territory.name} (${territory.slug}).`);
  }
  let input: unknown;
  try {
    input = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const bar = new cliProgress.SingleBar({ format: 'Reading features [{bar}] {value}/{total}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 500 }, cliProgress.Presets.shades_classic);
  let started = false;
  let parsed;
  try {
    parsed = parseAreas(
      input,
      {
        level,
        codeProperty: values.code!,
        nameProperty: values.name!,
        populationProperties: values.population ? values.population.split('+').map((p) => p.trim()).filter(Boolean) : [],
        ...(values.parent ? { parentProperty: values.parent } : {}),
      },
      (done, total) => {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
    );
  } catch (error) {
    if (error instanceof GeoJsonFormatError) throw new Error(`${file}: ${error.message}`, { cause: error });
    throw error;
  } finally {
    if (started) bar.stop();
  }
  const saved = await saveAreas(database.db, territory.id, level, parsed.areas);
  console.log(`${territory.name}: ${saved.inserted} ${level}s added, ${saved.updated} updated, ${parsed.rejected.length} rejected.`);
  if (parsed.rejected.length > 0) {
    console.log('\nRejected features:');
    for (const r of parsed.rejected) console.log(`  #${r.position} ${r.label}: ${r.reason}`);
  }
  if (saved.orphans.length > 0) {
    console.log('\nImported without a district (no district has their parent code):');
    for (const o of saved.orphans) console.log(`  ${o.code} ${o.name}: district code ${o.parentCode}`);
  }
  if (parsed.rejected.length > 0) process.exitCode = 3;
});
