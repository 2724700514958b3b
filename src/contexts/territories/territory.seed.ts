// The demo territories: Barcelona with its real districts and neighbourhoods, Fuenlabrada, and the
// Metropolitan Social Forum with the municipalities the conference session names.
import fs from 'node:fs';
import path from 'node:path';
import type { SeedContext } from '../../platform/manifest.ts';
import { addMunicipalityToForum, createTerritory, findTerritory, saveAreas } from './territory.service.ts';
import { parseAreas, type AreaImportOptions } from './area-import.ts';

export const demoDataDir = path.resolve(import.meta.dirname, '../../../demo');

// Fuenlabrada's eight district boards (juntas de distrito); no geometry or population is shipped.
const fuenlabradaDistricts = [
  'Centro',
  'Naranjo - La Serna',
  'Cerro - El Molino',
  'Arroyo - La Fuente',
  'Avanzada - La Cueva',
  'Loranca - Nuevo Versalles - Parque Miraflores',
  'Vivero - Hospital - Universidad',
  'Parque Europa - Los Arcos',
];

/** The forum's name in the other languages (its own is Catalan); cities keep their own names, marked with their language. */
export const forumNames = {
  es: 'Foro Social Metropolitano',
  en: 'Metropolitan Social Forum',
  fr: 'Forum social métropolitain',
  ar: 'المنتدى الاجتماعي الحضري',
  ro: 'Forumul Social Metropolitan',
  zh: '大都市区社会论坛',
  ur: 'میٹروپولیٹن سماجی فورم',
  uk: 'Метрополітенський соціальний форум',
  pt: 'Fórum Social Metropolitano',
};

export async function seedTerritories({ db, log }: SeedContext): Promise<void> {
  if (await findTerritory(db, 'barcelona')) return;
  const barcelona = await createTerritory(db, {
    slug: 'barcelona',
    name: 'Barcelona',
    kind: 'municipality',
    settings: { languages: ['ca', 'es', 'en', 'ar'], programmes: ['agreement'], branding: { accentColour: '#c8102e', attribution: 'Ajuntament de Barcelona, CartoBCN (CC-BY)' } },
  });
  const imports: [string, AreaImportOptions][] = [
    ['districts.geojson', { level: 'district', codeProperty: 'C_Distri', nameProperty: 'N_Distri', populationProperties: ['Homes', 'Dones'] }],
    [
      'neighbourhoods.geojson',
      { level: 'neighbourhood', codeProperty: 'C_Barri', nameProperty: 'N_Barri', populationProperties: ['Homes', 'Dones'], parentProperty: 'C_Distri' },
    ],
  ];
  for (const [file, options] of imports) {
    const input = JSON.parse(fs.readFileSync(path.join(demoDataDir, 'barcelona', file), 'utf8'));
    const parsed = parseAreas(input, options);
    if (parsed.rejected.length > 0) throw new Error(`Demo ${file}: ${parsed.rejected.length} features rejected`);
    const saved = await saveAreas(db, barcelona.id, options.level, parsed.areas);
    log(`Barcelona: ${saved.inserted} ${options.level === 'district' ? 'districts' : 'neighbourhoods'} imported`);
  }

  const fuenlabrada = await createTerritory(db, { slug: 'fuenlabrada', name: 'Fuenlabrada', kind: 'municipality', settings: { languages: ['es', 'en', 'ar', 'ca'] } });
  await saveAreas(
    db,
    fuenlabrada.id,
    'district',
    fuenlabradaDistricts.map((name, i) => ({ code: String(i + 1), name, population: null, parentCode: null, geometry: null })),
  );

  const forum = await createTerritory(db, {
    slug: 'metropolitan-social-forum',
    name: 'Fòrum Social Metropolità',
    names: forumNames,
    kind: 'forum',
    settings: { programmes: ['agreement'] },
  });
  await addMunicipalityToForum(db, forum.id, barcelona.id);
  for (const [slug, name] of [
    ['hospitalet-de-llobregat', "L'Hospitalet de Llobregat"],
    ['santa-coloma-de-gramenet', 'Santa Coloma de Gramenet'],
    ['terrassa', 'Terrassa'],
    ['mataro', 'Mataró'],
  ] as const) {
    const municipality = await createTerritory(db, { slug, name, kind: 'municipality', settings: { languages: ['ca', 'es', 'en', 'ar'] } });
    await addMunicipalityToForum(db, forum.id, municipality.id);
  }
  log('Fuenlabrada and the Metropolitan Social Forum created');
}
