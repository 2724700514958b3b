// The demo service catalogue: front-desk municipal services of Barcelona and Fuenlabrada, the kind a
// citizen audit looks at (CAMUS audited access to municipal services).
import type { SeedContext } from '../../platform/manifest.ts';
import { systemActor } from '../../platform/auth/permissions.ts';
import { findTerritory, listAreas } from '../territories/territory.service.ts';
import { catalogueOf, createDepartment, createFacility, createService } from './catalogue.service.ts';
import type { Translations } from './catalogue.schema.ts';

export interface SeedFacility {
  name: string;
  district: string;
  address?: string;
  languages: string[];
  accessibility: string[];
  openingHours: string;
}
export interface SeedService {
  name: string;
  t: Translations;
  description: string;
  facilities: SeedFacility[];
}
export interface SeedDepartment {
  name: string;
  t: Translations;
  services: SeedService[];
}

// Descriptions and opening hours as each council types them: in its own first language (Catalan, Spanish).
const weekdays = 'dl.–dv. 9:00–14:00';
const weekdaysEs = 'lun.–vie. 9:00–14:00';
const barcelonaDistricts: [string, string, string][] = [
  ['01', 'Ciutat Vella', 'Plaça de Sant Miquel, 4'],
  ['02', 'Eixample', "Carrer d'Aragó, 328"],
  ['03', 'Sants-Montjuïc', 'Carrer de la Creu Coberta, 104'],
  ['04', 'Les Corts', 'Plaça de Comas, 18'],
  ['05', 'Sarrià-Sant Gervasi', "Carrer d'Iradier, 9"],
  ['06', 'Gràcia', 'Plaça de la Vila de Gràcia, 2'],
  ['07', 'Horta-Guinardó', 'Ronda del Guinardó, 49'],
  ['08', 'Nou Barris', 'Plaça Major de Nou Barris, 1'],
  ['09', 'Sant Andreu', "Plaça d'Orfila, 1"],
  ['10', 'Sant Martí', 'Plaça de Valentí Almirall, 1'],
];
// Which districts' front desks also serve people in other languages (demo variety for the audits).
const extraLanguages: Record<string, string[]> = { '01': ['en', 'ar', 'ur'], '03': ['en', 'ro'], '08': ['ar', 'zh'], '10': ['en', 'zh'] };
const stepFree = ['step-free-access', 'accessible-toilet'];
// Social services centres go by the same name in both councils.
const socialServicesCentres: Translations = {
  fr: 'Centres de services sociaux',
  ro: 'Centre de servicii sociale',
  zh: '社会服务中心',
  ur: 'سماجی خدمات کے مراکز',
  uk: 'Центри соціальних послуг',
  pt: 'Centros de serviços sociais',
};

const barcelona: SeedDepartment[] = [
  {
    name: 'Drets Socials',
    t: { es: 'Derechos Sociales', en: 'Social Rights', ar: 'الحقوق الاجتماعية', fr: 'Droits sociaux', ro: 'Drepturi sociale', zh: '社会权利', ur: 'سماجی حقوق', uk: 'Соціальні права', pt: 'Direitos sociais' },
    services: [
      {
        name: 'Centres de Serveis Socials',
        t: { es: 'Centros de Servicios Sociales', en: 'Social services centres', ar: 'مراكز الخدمات الاجتماعية', ...socialServicesCentres },
        description: 'Primer punt d’atenció social: informació, orientació, prestacions i suport a les famílies.',
        facilities: barcelonaDistricts.map(([code, name]) => ({
          name: `CSS ${name}`,
          district: code,
          languages: ['ca', 'es', ...(extraLanguages[code] ?? [])],
          accessibility: code === '05' || code === '07' ? [] : stepFree,
          openingHours: 'dl.–dv. 9:00–14:00, dt. i dj. 15:30–18:00',
        })),
      },
      {
        name: "SAIER – Servei d'Atenció a Immigrants, Emigrants i Refugiats",
        t: {
          es: 'SAIER – Servicio de Atención a Inmigrantes, Emigrantes y Refugiados',
          en: 'SAIER – Service for Immigrants, Emigrants and Refugees',
          ar: 'خدمة رعاية المهاجرين واللاجئين (SAIER)',
          fr: 'Service d’accueil des immigrés, des émigrés et des réfugiés (SAIER)',
          ro: 'Serviciul de asistență pentru imigranți, emigranți și refugiați (SAIER)',
          zh: '外来移民、出境移民和难民服务处 (SAIER)',
          ur: 'آنے اور جانے والے تارکینِ وطن اور پناہ گزینوں کے لیے معاونتی سروس (SAIER)',
          uk: 'Служба допомоги іммігрантам, емігрантам і біженцям (SAIER)',
          pt: 'Serviço de atendimento a imigrantes, emigrantes e refugiados (SAIER)',
        },
        description: 'Assessorament jurídic, lingüístic i social per a persones migrades i refugiades.',
        facilities: [{ name: 'SAIER', district: '01', languages: ['ca', 'es', 'en', 'fr', 'ar', 'ur', 'ro', 'zh', 'uk'], accessibility: [...stepFree, 'hearing-loop'], openingHours: weekdays }],
      },
    ],
  },
  {
    name: 'Atenció Ciutadana',
    t: { es: 'Atención Ciudadana', en: 'Citizen Services', ar: 'خدمة المواطنين', fr: 'Accueil des citoyens', ro: 'Relații cu cetățenii', zh: '市民服务', ur: 'شہری خدمات', uk: 'Обслуговування громадян', pt: 'Atendimento ao cidadão' },
    services: [
      {
        name: "Oficines d'Atenció Ciutadana (OAC)",
        t: {
          es: 'Oficinas de Atención Ciudadana (OAC)',
          en: 'Citizen service offices (OAC)',
          ar: 'مكاتب خدمة المواطنين (OAC)',
          fr: 'Bureaux d’accueil des citoyens (OAC)',
          ro: 'Birouri de relații cu cetățenii (OAC)',
          zh: '市民服务办公室 (OAC)',
          ur: 'شہری خدمات کے دفاتر (OAC)',
          uk: 'Офіси обслуговування громадян (OAC)',
          pt: 'Postos de atendimento ao cidadão (OAC)',
        },
        description: 'Inscripció al padró municipal, certificats, cites i tràmits generals.',
        facilities: barcelonaDistricts.map(([code, name, address]) => ({
          name: `OAC ${name}`,
          district: code,
          address,
          languages: ['ca', 'es', ...(code === '01' ? ['en'] : [])],
          accessibility: code === '06' ? [] : [...stepFree, ...(code === '02' ? ['pictograms'] : [])],
          openingHours: 'dl.–dv. 8:30–14:30',
        })),
      },
    ],
  },
  {
    name: 'Habitatge',
    t: { es: 'Vivienda', en: 'Housing', ar: 'السكن', fr: 'Logement', ro: 'Locuințe', zh: '住房', ur: 'رہائش', uk: 'Житло', pt: 'Habitação' },
    services: [
      {
        name: "Oficines d'Habitatge",
        t: { es: 'Oficinas de Vivienda', en: 'Housing offices', ar: 'مكاتب السكن', fr: 'Bureaux du logement', ro: 'Birouri pentru locuințe', zh: '住房服务处', ur: 'رہائش کے دفاتر', uk: 'Офіси з питань житла', pt: 'Gabinetes de habitação' },
        description: 'Ajuda per llogar, ajuts al lloguer, el registre d’habitatge social i assessorament davant un desnonament.',
        facilities: ['01', '02', '03', '07', '08', '09', '10'].map((code) => ({
          name: `Oficina d'Habitatge ${barcelonaDistricts.find(([c]) => c === code)![1]}`,
          district: code,
          languages: ['ca', 'es'],
          accessibility: stepFree,
          openingHours: weekdays,
        })),
      },
    ],
  },
  {
    name: 'Cultura',
    t: { es: 'Cultura', en: 'Culture', ar: 'الثقافة', fr: 'Culture', ro: 'Cultură', zh: '文化', ur: 'ثقافت', uk: 'Культура', pt: 'Cultura' },
    services: [
      {
        name: 'Biblioteques de Barcelona',
        t: { es: 'Bibliotecas de Barcelona', en: 'Barcelona libraries', ar: 'مكتبات برشلونة', fr: 'Bibliothèques de Barcelone', ro: 'Bibliotecile din Barcelona', zh: '巴塞罗那图书馆', ur: 'بارسلونا کے کتب خانے', uk: 'Бібліотеки Барселони', pt: 'Bibliotecas de Barcelona' },
        description: 'Biblioteques públiques: préstec, accés a internet, intercanvi de llengües i ajuda amb els tràmits digitals.',
        facilities: [
          { name: 'Biblioteca Sant Pau – Santa Creu', district: '01', languages: ['ca', 'es', 'en'], accessibility: [], openingHours: 'dl.–ds. 10:00–20:30' },
          { name: 'Biblioteca Sagrada Família', district: '02', languages: ['ca', 'es'], accessibility: stepFree, openingHours: 'dl.–ds. 10:00–20:30' },
          { name: 'Biblioteca Nou Barris', district: '08', languages: ['ca', 'es'], accessibility: stepFree, openingHours: 'dl.–ds. 10:00–20:30' },
          { name: 'Biblioteca Sant Martí de Provençals', district: '10', languages: ['ca', 'es'], accessibility: stepFree, openingHours: 'dl.–ds. 10:00–20:30' },
        ],
      },
    ],
  },
];

const fuenlabrada: SeedDepartment[] = [
  {
    name: 'Bienestar Social',
    t: { en: 'Social Welfare', ca: 'Benestar Social', ar: 'الرعاية الاجتماعية', fr: 'Action sociale', ro: 'Asistență socială', zh: '社会福利', ur: 'سماجی بہبود', uk: 'Соціальний захист', pt: 'Bem-estar social' },
    services: [
      {
        name: 'Centros de Servicios Sociales',
        t: { en: 'Social services centres', ca: 'Centres de Serveis Socials', ar: 'مراكز الخدمات الاجتماعية', ...socialServicesCentres },
        description: 'Atención social primaria, prestaciones y apoyo a las familias.',
        facilities: [
          { name: 'Centro de Servicios Sociales Centro', district: '1', languages: ['es'], accessibility: stepFree, openingHours: weekdaysEs },
          { name: 'Centro de Servicios Sociales Loranca', district: '6', languages: ['es'], accessibility: stepFree, openingHours: weekdaysEs },
          { name: 'Centro de Servicios Sociales El Naranjo', district: '2', languages: ['es'], accessibility: [], openingHours: weekdaysEs },
        ],
      },
    ],
  },
  {
    name: 'Participación Ciudadana',
    t: { en: 'Citizen Participation', ca: 'Participació Ciutadana', ar: 'المشاركة المواطنية', fr: 'Participation citoyenne', ro: 'Participare cetățenească', zh: '市民参与', ur: 'شہریوں کی شرکت', uk: 'Громадська участь', pt: 'Participação cidadã' },
    services: [
      {
        name: 'Oficina de Atención a la Ciudadanía',
        t: {
          en: 'Citizen service office',
          ca: "Oficina d'Atenció a la Ciutadania",
          ar: 'مكتب خدمة المواطنين',
          fr: 'Bureau d’accueil des citoyens',
          ro: 'Biroul de relații cu cetățenii',
          zh: '市民服务办公室',
          ur: 'شہری خدمات کا دفتر',
          uk: 'Офіс обслуговування громадян',
          pt: 'Posto de atendimento ao cidadão',
        },
        description: 'Padrón municipal, certificados y trámites generales.',
        facilities: [
          { name: 'OAC Plaza de la Constitución', district: '1', languages: ['es'], accessibility: stepFree, openingHours: weekdaysEs },
          { name: 'OAC Junta de Distrito Loranca', district: '6', languages: ['es'], accessibility: stepFree, openingHours: weekdaysEs },
        ],
      },
    ],
  },
];

async function seedCatalogue({ db }: SeedContext, territorySlug: string, departments: SeedDepartment[]): Promise<number> {
  const territory = await findTerritory(db, territorySlug);
  if (!territory) return 0;
  if ((await catalogueOf(db, territory.id)).departments.length > 0) return 0;
  const districts = new Map((await listAreas(db, territory.id, 'district')).map((d) => [d.code, d.id]));
  let count = 0;
  for (const d of departments) {
    const dep = await createDepartment(db, systemActor, { territoryId: territory.id, name: d.name, nameTranslations: d.t });
    if (!dep.ok) throw new Error(`Demo department ${d.name}: ${dep.error}`);
    for (const s of d.services) {
      const svc = await createService(db, systemActor, { territoryId: territory.id, departmentId: dep.value.id, name: s.name, nameTranslations: s.t, description: s.description });
      if (!svc.ok) throw new Error(`Demo service ${s.name}: ${svc.error}`);
      for (const f of s.facilities) {
        const fac = await createFacility(db, systemActor, {
          territoryId: territory.id,
          serviceId: svc.value.id,
          name: f.name,
          address: f.address ?? '',
          districtId: districts.get(f.district) ?? null,
          openingHours: f.openingHours,
          languages: f.languages,
          accessibility: f.accessibility,
        });
        if (!fac.ok) throw new Error(`Demo facility ${f.name}: ${fac.error}`);
        count++;
      }
    }
  }
  return count;
}

/** Each council's demo catalogue, with the language its names are written in (the territory's first). */
export const demoCatalogues: { slug: string; lang: string; departments: SeedDepartment[] }[] = [
  { slug: 'barcelona', lang: 'ca', departments: barcelona },
  { slug: 'fuenlabrada', lang: 'es', departments: fuenlabrada },
];

export async function seedCatalogues(context: SeedContext): Promise<void> {
  const bcn = await seedCatalogue(context, 'barcelona', barcelona);
  const fuen = await seedCatalogue(context, 'fuenlabrada', fuenlabrada);
  if (bcn + fuen > 0) context.log(`Service catalogue: ${bcn} facilities in Barcelona, ${fuen} in Fuenlabrada`);
}
