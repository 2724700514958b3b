// The demo's invented organisations of Barcelona (real-sounding names, none of them real) and the real
// names of the Citizen's Agreement's eleven action networks and the Metropolitan Social Forum's first one.
import type { OrganisationType, Translated } from './agreement.schema.ts';

export interface DemoOrganisation {
  name: string;
  type: OrganisationType;
  areas: string[];
  /** District codes (Barcelona's C_Distri). */
  districts: string[];
  languages: string[];
  description: string;
  website?: string;
  /** Year it joined the Agreement; 'pending' has signed and waits; null has not signed. */
  joined: number | 'pending' | null;
  verified?: boolean;
  forum?: boolean;
  /** Registered in another municipality of the Metropolitan Social Forum (its slug): a member of the Forum only. */
  municipality?: 'hospitalet-de-llobregat' | 'santa-coloma-de-gramenet' | 'terrassa' | 'mataro';
}

/** Members of the Metropolitan Social Forum registered in its other municipalities (which have no Agreement of their own). */
export const forumOrganisations: DemoOrganisation[] = [
  { name: 'Associació Sostre Digne Collblanc', municipality: 'hospitalet-de-llobregat', type: 'association', areas: ['housing', 'poverty'], districts: [], languages: ['ca', 'es', 'ur'], description: "Acompanyem famílies de l'Hospitalet amb risc de perdre l'habitatge i n'aturem els desnonaments.", joined: 2023, verified: true, forum: true },
  { name: 'Fundació Bellvitge Acull', municipality: 'hospitalet-de-llobregat', type: 'foundation', areas: ['migration', 'employment'], districts: [], languages: ['es', 'ca', 'ar', 'zh'], description: 'Acollida i orientació laboral per a persones migrades que arriben a Bellvitge i la Florida.', joined: 2023, forum: true },
  { name: 'Associació Veïnal Santa Rosa Viva', municipality: 'santa-coloma-de-gramenet', type: 'association', areas: ['housing', 'participation'], districts: [], languages: ['ca', 'es'], description: 'Veïns i veïnes que defensen un habitatge digne al barri de Santa Rosa.', joined: 2023, forum: true },
  { name: 'Rebost Compartit del Besòs', municipality: 'santa-coloma-de-gramenet', type: 'ngo', areas: ['food', 'poverty'], districts: [], languages: ['ca', 'es', 'ar', 'ro'], description: 'Botiga solidària amb aliments frescos per a famílies de Santa Coloma.', joined: 2024, forum: true },
  { name: "Cooperativa d'Habitatge La Vinya", municipality: 'terrassa', type: 'cooperative', areas: ['housing', 'older-people'], districts: [], languages: ['ca', 'es'], description: "Habitatge cooperatiu en cessió d'ús per a gent gran i joves a Terrassa.", joined: 2023, verified: true, forum: true },
  { name: 'Associació Egara per la Salut Mental', municipality: 'terrassa', type: 'association', areas: ['health', 'disability'], districts: [], languages: ['ca', 'es', 'fr'], description: 'Grups de suport i acompanyament per a persones amb un trastorn de salut mental i les seves famílies.', joined: 2024, forum: true },
  { name: 'Fundació Maresme Sense Llar', municipality: 'mataro', type: 'foundation', areas: ['homelessness', 'housing'], districts: [], languages: ['ca', 'es', 'en', 'ar'], description: 'Acollida nocturna i pisos de primera acollida per a persones sense llar a Mataró.', joined: 2023, verified: true, forum: true },
  { name: 'Associació Dones del Maresme', municipality: 'mataro', type: 'association', areas: ['gender', 'migration'], districts: [], languages: ['ca', 'es', 'ar', 'ur'], description: 'Espais de trobada i formació per a dones migrades de Mataró i el Maresme.', joined: 2024, forum: true },
];

export const demoOrganisations: DemoOrganisation[] = [
  { name: 'Associació Habitatge Digne Nou Barris', type: 'association', areas: ['housing', 'poverty'], districts: ['08'], languages: ['ca', 'es', 'ar'], description: "Acompanyem famílies amb risc de desnonament a Nou Barris i les ajudem a negociar amb bancs i propietaris.", joined: 2009, verified: true, forum: true },
  { name: 'Fundació Sostre Obert', type: 'foundation', areas: ['homelessness', 'housing'], districts: ['01', '02', '10'], languages: ['ca', 'es', 'en', 'ro'], description: "Habitatge primer per a persones que han viscut al carrer: un pis, suport i temps.", joined: 2007, verified: true, forum: true },
  { name: 'Xarxa Veïnal del Raval', type: 'neighbourhood-association', areas: ['participation', 'housing', 'food'], districts: ['01'], languages: ['ca', 'es', 'ur', 'bn', 'tl'], description: 'Veïns i veïnes del Raval que es troben cada setmana per resoldre problemes del barri plegats.', joined: 2011 },
  { name: 'Casal Infantil La Trama', type: 'association', areas: ['children', 'education'], districts: ['03'], languages: ['ca', 'es', 'ar'], description: "Centre obert per a infants de 6 a 16 anys a la Marina: reforç escolar, lleure i berenar.", joined: 2008, verified: true },
  { name: 'Fundació Pas a Pas per la Infància', type: 'foundation', areas: ['children', 'health'], districts: ['06', '10'], languages: ['ca', 'es', 'en'], description: 'Defensem els drets dels infants i acompanyem famílies amb criatures amb malalties cròniques.', joined: 2010, verified: true },
  { name: 'Associació Cuidem Qui Cuida', type: 'association', areas: ['caregiving', 'older-people', 'gender'], districts: ['02', '05'], languages: ['ca', 'es'], description: 'Grups de suport, respir i formació per a persones que cuiden un familiar gran o dependent.', joined: 2013 },
  { name: 'Servei Jurídic Popular Drassanes', type: 'association', areas: ['legal-advice', 'migration'], districts: ['01', '03'], languages: ['ca', 'es', 'ar', 'fr', 'ur', 'en'], description: "Assessorament jurídic gratuït en estrangeria: arrelament, reagrupament i recursos.", joined: 2012, verified: true, forum: true },
  { name: 'Col·lectiu Vida Independent Barcelona', type: 'social-movement', areas: ['disability', 'participation'], districts: ['02', '07'], languages: ['ca', 'es'], description: "Persones amb diversitat funcional que defensen l'assistència personal i la vida independent.", joined: 2014 },
  { name: 'Plataforma Ciutadania Activa Sant Andreu', type: 'social-movement', areas: ['participation', 'education'], districts: ['09'], languages: ['ca', 'es'], description: 'Voluntariat, aprenentatge servei i projectes de barri amb joves de Sant Andreu.', joined: 2016 },
  { name: 'Banc de Temps del Guinardó', type: 'association', areas: ['time-uses', 'participation'], districts: ['07'], languages: ['ca', 'es'], description: "Intercanviem hores de coneixement i ajuda entre veïns: una hora val una hora.", joined: 2015 },
  { name: 'Rebost Solidari de Sants', type: 'association', areas: ['food', 'poverty'], districts: ['03'], languages: ['ca', 'es', 'ar', 'zh'], description: 'Espai on les famílies trien els aliments que necessiten, amb dignitat i sense cues.', joined: 2014, verified: true },
  { name: 'Cooperativa Obrador Inclusiu', type: 'cooperative', areas: ['employment', 'food'], districts: ['10'], languages: ['ca', 'es', 'ar'], description: "Obrador de cuina que forma i contracta persones en situació d'atur de llarga durada.", joined: 2017 },
  { name: 'Fundació Feina Digna', type: 'foundation', areas: ['employment', 'migration'], districts: ['02', '08', '10'], languages: ['ca', 'es', 'en', 'fr', 'wo'], description: 'Itineraris de feina per a joves i persones migrades: orientació, formació i contacte amb empreses.', joined: 2008, verified: true, forum: true },
  { name: 'Associació de Dones Migrades Al-Nour', type: 'association', areas: ['gender', 'migration', 'participation'], districts: ['01', '08'], languages: ['ar', 'zgh', 'es', 'ca', 'fr'], description: 'Dones migrades que es donen suport: classes de català, acompanyament i xarxa entre veïnes.', joined: 2018 },
  { name: 'Associació Gent Gran Activa Les Corts', type: 'association', areas: ['older-people', 'participation'], districts: ['04'], languages: ['ca', 'es'], description: "Activitats i acompanyament contra la soledat de la gent gran del districte.", joined: 2010 },
  { name: 'Centre Obert El Trampolí', type: 'association', areas: ['children', 'education', 'food'], districts: ['08'], languages: ['ca', 'es', 'ar', 'ur'], description: "Centre obert a la Prosperitat: suport a l'estudi, esport i menjador d'estiu.", joined: 2009, verified: true },
  { name: 'Fundació Llar Compartida', type: 'foundation', areas: ['housing', 'older-people'], districts: ['02', '06'], languages: ['ca', 'es', 'en'], description: "Habitatge compartit entre gent gran i joves estudiants a canvi d'acompanyament.", joined: 2019, forum: true },
  { name: 'Cooperativa Habitatge Cooperatiu La Teulada', type: 'cooperative', areas: ['housing'], districts: ['09', '10'], languages: ['ca', 'es'], description: "Habitatge cooperatiu en cessió d'ús: assessorem grups que volen començar.", joined: 2020, forum: true },
  { name: 'Associació Salut Mental Connecta', type: 'association', areas: ['health', 'employment'], districts: ['07', '08'], languages: ['ca', 'es'], description: 'Grups de suport mutu i feina amb suport per a persones amb un problema de salut mental.', joined: 2012 },
  { name: 'Fundació Braços Oberts', type: 'ngo', areas: ['migration', 'legal-advice', 'housing'], districts: ['01', '03', '10'], languages: ['es', 'ca', 'en', 'fr', 'ar', 'uk', 'ru'], description: "Acollida de persones refugiades: primer allotjament, tràmits d'asil i aprenentatge de la llengua.", joined: 2015, verified: true, forum: true },
  { name: 'Associació Sord Barcelona Accessible', type: 'association', areas: ['disability', 'education'], districts: ['02'], languages: ['ca', 'es'], description: 'Defensem la llengua de signes catalana i l’accessibilitat a la informació pública.', joined: 2011 },
  { name: 'Federació d’Entitats del Poble-sec', type: 'federation', areas: ['participation', 'children', 'food'], districts: ['03'], languages: ['ca', 'es', 'ur', 'tl'], description: 'Reunim 25 entitats del Poble-sec per coordinar projectes i parlar amb una sola veu.', joined: 2007 },
  { name: 'Fundació Horitzó Jove', type: 'foundation', areas: ['employment', 'education', 'children'], districts: ['07', '09'], languages: ['ca', 'es', 'en'], description: 'Segones oportunitats per a joves que han deixat els estudis: tallers, pràctiques i mentoria.', joined: 2013 },
  { name: 'Associació Pa i Roses Trinitat', type: 'association', areas: ['food', 'gender'], districts: ['09'], languages: ['ca', 'es', 'ar'], description: 'Cuina comunitària i menjador social de dones a la Trinitat Vella.', joined: 2021 },
  { name: 'Creu Blanca Solidària de Sant Martí', type: 'ngo', areas: ['health', 'older-people', 'caregiving'], districts: ['10'], languages: ['ca', 'es', 'en', 'ro'], description: 'Voluntariat que acompanya persones grans a l’hospital i al metge.', joined: 2008 },
  { name: 'Ateneu Popular Nou Barris Viu', type: 'social-movement', areas: ['participation', 'education', 'time-uses'], districts: ['08'], languages: ['ca', 'es'], description: 'Cultura de barri, circ social i formació per a tothom a Nou Barris.', joined: 2010 },
  { name: 'Associació Rumb a Casa', type: 'association', areas: ['homelessness', 'health'], districts: ['01', '02'], languages: ['ca', 'es', 'en', 'ro', 'ar'], description: 'Equips de carrer que visiten de nit persones que dormen al ras i les acompanyen a recursos.', joined: 2012, verified: true },
  { name: 'Fundació Educació Sense Barreres', type: 'foundation', areas: ['education', 'disability', 'children'], districts: ['05', '06'], languages: ['ca', 'es', 'en'], description: "Escola inclusiva: suport a alumnes amb necessitats educatives i a les seves famílies.", joined: 2016 },
  { name: 'Associació Llibres i Llengües', type: 'association', areas: ['education', 'migration'], districts: ['01', '06'], languages: ['ca', 'es', 'zh', 'pa', 'bn', 'ur'], description: 'Classes de català i castellà i clubs de lectura multilingües per a persones nouvingudes.', joined: 2019 },
  { name: 'Cooperativa Cures Comunitàries', type: 'cooperative', areas: ['caregiving', 'employment', 'gender'], districts: ['07', '08', '09'], languages: ['es', 'ca', 'tl'], description: 'Treballadores de la llar i les cures organitzades en cooperativa, amb contractes dignes.', joined: 2020 },
  { name: 'Universitat Social del Besòs', type: 'university', areas: ['education', 'participation', 'poverty'], districts: ['10'], languages: ['ca', 'es', 'en'], description: 'Grup de recerca i aprenentatge servei sobre desigualtats als barris del Besòs.', joined: 2018 },
  { name: 'Associació Veïns Ciutat Meridiana Endavant', type: 'neighbourhood-association', areas: ['housing', 'participation'], districts: ['08'], languages: ['ca', 'es', 'ar'], description: 'Lluitem contra els desnonaments i pels serveis al barri de Ciutat Meridiana.', joined: 2011 },
  { name: 'Fundació Rodes i Camins', type: 'foundation', areas: ['disability', 'employment'], districts: ['04', '05'], languages: ['ca', 'es'], description: "Centre especial de treball i acompanyament a la feina per a persones amb discapacitat.", joined: 2009 },
  { name: 'Associació Temps per a Tu', type: 'association', areas: ['time-uses', 'gender', 'caregiving'], districts: ['02', '06'], languages: ['ca', 'es'], description: 'Conciliació i nous usos del temps: horaris que cuiden les persones.', joined: 2022 },
  { name: 'Xarxa d’Horts Comunitaris de Barcelona', type: 'social-movement', areas: ['food', 'participation'], districts: ['03', '07', '10'], languages: ['ca', 'es'], description: 'Horts urbans on veïns i entitats cultiven aliments i comunitat.', joined: 2023 },
  { name: 'Fundació Mans Amigues', type: 'foundation', areas: ['poverty', 'children', 'food'], districts: ['08', '09'], languages: ['ca', 'es', 'ar', 'ur'], description: 'Ajuda material i acompanyament a famílies amb infants en situació de pobresa.', joined: 2014 },
  { name: 'Associació LGTBI Diversitat Gràcia', type: 'association', areas: ['gender', 'health', 'participation'], districts: ['06'], languages: ['ca', 'es', 'en', 'pt'], description: 'Suport i trobada per a persones LGTBI grans i joves del districte.', joined: 'pending' },
  { name: 'Associació Cultural Filipina Bayanihan', type: 'association', areas: ['migration', 'participation'], districts: ['01'], languages: ['tl', 'en', 'es'], description: 'Comunitat filipina del Raval: festa, suport mutu i orientació per a nouvinguts.', joined: 'pending' },
  { name: 'Empresa d’Inserció Reverdeix', type: 'company', areas: ['employment'], districts: ['10'], languages: ['ca', 'es'], description: 'Empresa d’inserció de jardineria i neteja que contracta persones en risc d’exclusió.', joined: null },
  { name: 'Associació Menjador Obert Sant Antoni', type: 'association', areas: ['food', 'homelessness'], districts: ['02'], languages: ['ca', 'es', 'ro'], description: 'Sopars cada nit per a persones sense llar i suport per trobar recursos.', joined: 2017, verified: true },
];

export interface DemoNetwork {
  slug: string;
  name: Translated;
  purpose: Translated;
  goals: Translated;
  areas: string[];
}

export const barcelonaNetworks: DemoNetwork[] = [
  {
    slug: 'homeless-people',
    name: { ca: "Xarxa d'Atenció a Persones Sense Llar", es: 'Red de Atención a Personas sin Hogar', en: 'Network for Assistance to Homeless People', ar: 'شبكة مساعدة الأشخاص بلا مأوى' },
    purpose: { ca: 'Que ningú hagi de dormir al carrer a Barcelona.', es: 'Que nadie tenga que dormir en la calle en Barcelona.', en: 'No one should have to sleep on the street in Barcelona.', ar: 'ألّا يضطر أحد إلى النوم في الشارع في برشلونة.' },
    goals: { ca: 'Comptar cada any les persones que dormen al carrer\nCoordinar els equips de carrer\nMés places d’habitatge primer', es: 'Contar cada año a las personas que duermen en la calle\nCoordinar los equipos de calle\nMás plazas de vivienda primero', en: 'Count every year the people who sleep on the street\nCoordinate the street teams\nMore Housing First places' },
    areas: ['homelessness', 'housing'],
  },
  {
    slug: 'inclusion-housing',
    name: { ca: "Xarxa d'Habitatges d'Inclusió", es: 'Red de Viviendas de Inclusión', en: 'Inclusion Housing Network', ar: 'شبكة السكن من أجل الإدماج' },
    purpose: { ca: 'Més pisos d’inclusió i millor acompanyament a les famílies que hi viuen.', es: 'Más pisos de inclusión y mejor acompañamiento a las familias que viven en ellos.', en: 'More inclusion flats and better support for the families who live in them.', ar: 'المزيد من شقق الإدماج ودعم أفضل للأسر التي تسكنها.' },
    goals: { ca: 'Compartir pisos entre entitats\nPrevenir desnonaments', es: 'Compartir pisos entre entidades\nPrevenir desahucios', en: 'Share flats between organisations\nPrevent evictions' },
    areas: ['housing'],
  },
  {
    slug: 'open-centres-children',
    name: { ca: "Xarxa de Centres Oberts d'Atenció a la Infància i l'Adolescència", es: 'Red de Centros Abiertos de Atención a la Infancia y la Adolescencia', en: 'Network of Open Care Centres for Children and Adolescents', ar: 'شبكة المراكز المفتوحة لرعاية الأطفال والمراهقين' },
    purpose: { ca: 'Espais segurs per a infants i adolescents després de l’escola.', es: 'Espacios seguros para niños, niñas y adolescentes después de la escuela.', en: 'Safe places for children and teenagers after school.', ar: 'أماكن آمنة للأطفال والمراهقين بعد المدرسة.' },
    goals: { ca: 'Un centre obert a cada barri que el necessiti', es: 'Un centro abierto en cada barrio que lo necesite', en: 'An open centre in every neighbourhood that needs one' },
    areas: ['children', 'education'],
  },
  {
    slug: 'children-rights',
    name: { ca: 'Xarxa pels Drets dels Infants', es: 'Red por los Derechos de la Infancia', en: "Children's Rights Network", ar: 'شبكة حقوق الطفل' },
    purpose: { ca: 'Que els drets dels infants es tinguin en compte en totes les polítiques.', es: 'Que los derechos de la infancia se tengan en cuenta en todas las políticas.', en: "Children's rights taken into account in every policy.", ar: 'أن تُؤخذ حقوق الأطفال في الاعتبار في كل السياسات.' },
    goals: { ca: 'Escoltar els infants\nReduir la pobresa infantil', es: 'Escuchar a los niños y niñas\nReducir la pobreza infantil', en: 'Listen to children\nReduce child poverty' },
    areas: ['children', 'poverty'],
  },
  {
    slug: 'caregiving-families',
    name: { ca: 'Xarxa de Suport a les Famílies Cuidadores', es: 'Red de Apoyo a las Familias Cuidadoras', en: 'Network for the Support of Caregiving Families', ar: 'شبكة دعم الأسر التي تقدّم الرعاية' },
    purpose: { ca: 'Cuidar qui cuida: respir, formació i reconeixement.', es: 'Cuidar a quien cuida: respiro, formación y reconocimiento.', en: 'Care for those who care: respite, training and recognition.', ar: 'رعاية من يقدّمون الرعاية: راحة وتدريب واعتراف.' },
    goals: { ca: 'Més hores de respir\nGrups de suport a cada districte', es: 'Más horas de respiro\nGrupos de apoyo en cada distrito', en: 'More hours of respite\nSupport groups in every district' },
    areas: ['caregiving', 'older-people'],
  },
  {
    slug: 'immigration-legal-advice',
    name: { ca: "Xarxa d'Entitats Socials d'Assessorament Jurídic en Estrangeria", es: 'Red de Entidades Sociales de Asesoramiento Jurídico en Extranjería', en: 'Network of Social Entities for Legal Advice on Immigration', ar: 'شبكة الجمعيات الاجتماعية للاستشارة القانونية في شؤون الهجرة' },
    purpose: { ca: 'Assessorament jurídic de qualitat i gratuït per a les persones migrades.', es: 'Asesoramiento jurídico de calidad y gratuito para las personas migrantes.', en: 'Good, free legal advice for migrants.', ar: 'استشارة قانونية جيدة ومجانية للمهاجرين.' },
    goals: { ca: 'Criteris comuns d’assessorament\nDerivar sense perdre ningú', es: 'Criterios comunes de asesoramiento\nDerivar sin perder a nadie', en: 'Shared advice standards\nReferrals where nobody gets lost' },
    areas: ['migration', 'legal-advice'],
  },
  {
    slug: 'accessibility-independent-living',
    name: { ca: "Xarxa per l'Accessibilitat i la Vida Independent", es: 'Red por la Accesibilidad y la Vida Independiente', en: 'Accessibility and Independent Living Network', ar: 'شبكة إمكانية الوصول والحياة المستقلة' },
    purpose: { ca: 'Una ciutat on tothom pugui viure, moure’s i decidir per si mateix.', es: 'Una ciudad donde todo el mundo pueda vivir, moverse y decidir por sí mismo.', en: 'A city where everyone can live, move around and decide for themselves.', ar: 'مدينة يستطيع فيها الجميع أن يعيشوا ويتنقلوا ويقرروا بأنفسهم.' },
    goals: { ca: 'Assistència personal per a qui la necessiti', es: 'Asistencia personal para quien la necesite', en: 'Personal assistance for everyone who needs it' },
    areas: ['disability'],
  },
  {
    slug: 'active-citizenship',
    name: { ca: 'Xarxa per a una Ciutadania Activa i Compromesa', es: 'Red por una Ciudadanía Activa y Comprometida', en: 'Network for an Active and Committed Citizenship', ar: 'شبكة من أجل مواطنة فاعلة وملتزمة' },
    purpose: { ca: 'Més voluntariat i participació, i de més qualitat.', es: 'Más voluntariado y participación, y de más calidad.', en: 'More volunteering and participation, and better.', ar: 'تطوّع ومشاركة أكثر وأفضل.' },
    goals: { ca: 'Fer créixer el voluntariat jove', es: 'Hacer crecer el voluntariado joven', en: 'Grow youth volunteering' },
    areas: ['participation'],
  },
  {
    slug: 'adequate-food',
    name: { ca: 'Xarxa pel Dret a una Alimentació Adequada', es: 'Red por el Derecho a una Alimentación Adecuada', en: 'Network for the Right to Adequate Food in Barcelona', ar: 'شبكة الحق في غذاء كافٍ في برشلونة' },
    purpose: { ca: 'Que totes les persones puguin menjar bé, amb dignitat.', es: 'Que todas las personas puedan comer bien, con dignidad.', en: 'Everyone able to eat well, with dignity.', ar: 'أن يتمكن الجميع من الأكل جيدًا وبكرامة.' },
    goals: { ca: 'Passar de la cua a la botiga solidària\nMenys malbaratament', es: 'Pasar de la cola a la tienda solidaria\nMenos desperdicio', en: 'From queues to solidarity shops\nLess food waste' },
    areas: ['food', 'poverty'],
  },
  {
    slug: 'labour-inclusion',
    name: { ca: "Xarxa d'Inserció Sociolaboral de Barcelona", es: 'Red de Inserción Sociolaboral de Barcelona', en: 'Network for Labour Inclusion in Barcelona', ar: 'شبكة الإدماج في سوق العمل في برشلونة' },
    purpose: { ca: 'Feina digna per a les persones que més ho tenen difícil.', es: 'Trabajo digno para las personas que más lo tienen difícil.', en: 'Decent work for the people who find it hardest.', ar: 'عمل لائق لمن يجدون أكبر صعوبة.' },
    goals: { ca: 'Més empreses que contractin amb clàusules socials', es: 'Más empresas que contraten con cláusulas sociales', en: 'More companies hiring with social clauses' },
    areas: ['employment'],
  },
  {
    slug: 'new-uses-of-time',
    name: { ca: 'Xarxa NUST – Nous Usos Socials del Temps', es: 'Red NUST – Nuevos Usos Sociales del Tiempo', en: 'NUST Network – New Uses of Time', ar: 'شبكة الاستخدامات الاجتماعية الجديدة للوقت (NUST)' },
    purpose: { ca: 'Horaris que permetin viure, treballar i cuidar.', es: 'Horarios que permitan vivir, trabajar y cuidar.', en: 'Schedules that let people live, work and care.', ar: 'مواعيد تسمح بالعيش والعمل والرعاية.' },
    goals: { ca: 'Organitzacions amb horaris saludables', es: 'Organizaciones con horarios saludables', en: 'Organisations with healthy working hours' },
    areas: ['time-uses', 'caregiving'],
  },
];

export const residentialInclusionNetwork: DemoNetwork = {
  slug: 'residential-inclusion',
  name: { ca: "Xarxa Metropolitana d'Inclusió Residencial", es: 'Red Metropolitana de Inclusión Residencial', en: 'Metropolitan Network for Residential Inclusion', ar: 'الشبكة الحضرية الكبرى للإدماج السكني' },
  purpose: {
    ca: 'Respondre plegats, entre municipis i entitats, a l’exclusió residencial de l’àrea metropolitana.',
    es: 'Responder juntos, entre municipios y entidades, a la exclusión residencial del área metropolitana.',
    en: 'Municipalities and organisations responding together to residential exclusion across the metropolitan area.',
    ar: 'أن تستجيب البلديات والجمعيات معًا للإقصاء السكني في المنطقة الحضرية الكبرى.',
  },
  goals: { ca: 'Un mapa comú de l’exclusió residencial\nProtocols entre municipis', es: 'Un mapa común de la exclusión residencial\nProtocolos entre municipios', en: 'A shared map of residential exclusion\nProtocols between municipalities' },
  areas: ['housing', 'homelessness'],
};
