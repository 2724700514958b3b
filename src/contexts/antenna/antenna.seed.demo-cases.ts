// The demo's history of Barcelona's antenna: the kinds of situation people told it between February 2025
// and March 2026, in their own words and languages, with how often each came up and where. Every person
// and story is invented; the skew follows what citizen audits and antenna reports commonly show (language
// barriers at social services where many newcomers live, online-only appointments for older people, the
// municipal register refused without a rental contract).

/** Services of the demo catalogue (audits context), by a short key. */
export const demoServices = {
  css: 'Centres de Serveis Socials',
  saier: "SAIER – Servei d'Atenció a Immigrants, Emigrants i Refugiats",
  oac: "Oficines d'Atenció Ciutadana (OAC)",
  housing: "Oficines d'Habitatge",
  libraries: 'Biblioteques de Barcelona',
} as const;
export type DemoService = keyof typeof demoServices;

export interface DemoSituation {
  service: DemoService | null;
  dimension: string;
  grounds: string[];
  /** Relative frequency among the cases. */
  weight: number;
  /** District code → how much more often than usual it happens there. */
  skew?: Record<string, number>;
  /** [language, story] told in the person's words. */
  stories: [string, string][];
}

/** How many cases each district brings, before skew: roughly its population and how many newcomers live there. */
export const districtWeights: Record<string, number> = { '01': 3, '02': 2, '03': 2.2, '04': 0.6, '05': 0.6, '06': 1, '07': 1.4, '08': 2.6, '09': 1.3, '10': 2 };

export const situations: DemoSituation[] = [
  {
    service: 'css',
    dimension: 'language',
    grounds: ['language', 'nationality'],
    weight: 15,
    skew: { '01': 3, '08': 3 },
    stories: [
      ['es', 'Fui al centro de servicios sociales a pedir la ayuda de alimentos. No había intérprete y la trabajadora social me dijo que volviera con alguien que hablara castellano.'],
      ['ar', 'ذهبت إلى مركز الخدمات الاجتماعية لأطلب المساعدة. لم يكن هناك مترجم، وقالوا لي أن أعود مع شخص يتكلم الإسبانية.'],
      ['ur', 'میں سوشل سروسز سینٹر گیا۔ وہاں کوئی مترجم نہیں تھا اور انہوں نے کہا کہ کسی ہسپانوی بولنے والے کو ساتھ لے کر آؤ۔'],
      ['ca', 'La meva veïna no parla català ni castellà. Al centre de serveis socials li van dir que sense traductor no la podien atendre i la van fer marxar.'],
      ['ro', 'Am mers la centrul de servicii sociale pentru ajutor. Nu era niciun traducător și mi-au spus să revin cu cineva care vorbește spaniolă.'],
    ],
  },
  {
    service: 'css',
    dimension: 'treatment',
    grounds: ['ethnic-origin'],
    weight: 7,
    stories: [
      ['es', 'En la recepción del centro me hablaron a gritos y delante de todos dijeron que «los de fuera» siempre vienen a pedir.'],
      ['ar', 'في الاستقبال تكلموا معي بصوت عالٍ، وأمام الجميع قالوا إن الأجانب يأتون دائماً ليطلبوا المساعدات.'],
      ['ca', 'La treballadora social em va dir que a les famílies gitanes no els donen l’ajut perquè «no el fan servir bé».'],
      ['ro', 'Asistenta socială mi-a spus că romii nu primesc ajutorul pentru că „nu știu să-l folosească”.'],
    ],
  },
  {
    service: 'css',
    dimension: 'requirements',
    grounds: ['nationality', 'socio-economic'],
    weight: 8,
    skew: { '01': 1.5, '03': 1.5 },
    stories: [
      ['es', 'Para la ayuda de alquiler me pidieron un año de empadronamiento y un contrato de trabajo. Eso no lo dice en ningún sitio de la web.'],
      ['ca', 'Em van demanar el passaport original i un certificat del consolat que no demanen a ningú més.'],
      ['ur', 'کرایہ کی مدد کے لیے انہوں نے ایک سال کا پادرون اور نوکری کا معاہدہ مانگا، جو ویب سائٹ پر کہیں نہیں لکھا۔'],
    ],
  },
  {
    service: 'css',
    dimension: 'treatment',
    grounds: ['gender-identity-orientation'],
    weight: 4,
    stories: [
      ['ca', 'Soc una dona trans. Al centre de serveis socials em van cridar pel nom antic davant de tothom, tot i que els havia demanat que no ho fessin.'],
      ['es', 'Cuando dije que vivo con mi pareja, otra mujer, la trabajadora social dijo que eso no cuenta como familia para la ayuda.'],
      ['en', 'The social worker kept calling me “he” after I explained I am a woman. I left without asking for the help I needed.'],
    ],
  },
  {
    service: 'css',
    dimension: 'language',
    grounds: ['disability'],
    weight: 3,
    stories: [
      ['es', 'Soy sorda. Pedí un intérprete de lengua de signos para la cita y me dijeron que no tienen. Tuve que ir con mi hija de doce años.'],
      ['ca', 'Soc sord. Em van trucar per telèfon per confirmar la cita tot i que a la fitxa diu que només puc rebre missatges.'],
    ],
  },
  {
    service: 'css',
    dimension: 'information',
    grounds: ['disability', 'age'],
    weight: 2,
    stories: [
      ['ca', 'Soc cega i els papers de l’ajut només són impresos en lletra petita. Ningú me’ls va llegir.'],
      ['es', 'Mi padre tiene una discapacidad intelectual. Le dieron la resolución sin explicarle nada y no entendió que se la habían denegado.'],
    ],
  },
  {
    service: 'css',
    dimension: 'treatment',
    grounds: ['age'],
    weight: 3,
    stories: [
      ['ca', 'Tinc 74 anys. La treballadora social només parlava amb el meu fill, com si jo no hi fos.'],
      ['es', 'Me dijeron que a mi edad ya no vale la pena hacer un curso y no me apuntaron.'],
    ],
  },
  {
    service: 'css',
    dimension: 'access',
    grounds: ['sex-gender'],
    weight: 3,
    stories: [
      ['es', 'Me dijeron que sin el permiso de mi exmarido no podían abrir el expediente de mis hijos.'],
      ['ar', 'قالوا لي إنهم لا يستطيعون فتح ملف لأولادي بدون موافقة زوجي السابق.'],
    ],
  },
  {
    service: 'css',
    dimension: 'digital-access',
    grounds: ['age', 'socio-economic'],
    weight: 3,
    stories: [
      ['ca', 'Per demanar l’ajut em van dir que ho fes amb el certificat digital. No en tinc i no sé com fer-lo.'],
      ['es', 'Solo se puede pedir la ayuda por internet. No tengo ordenador y en el centro no había nadie para ayudarme.'],
    ],
  },
  {
    service: 'oac',
    dimension: 'digital-access',
    grounds: ['age', 'socio-economic'],
    weight: 10,
    skew: { '04': 2, '05': 2, '07': 1.5, '09': 1.5 },
    stories: [
      ['ca', 'Tinc 79 anys i no tinc ordinador. A l’OAC em van dir que la cita només es demana per internet i em van fer tornar a casa.'],
      ['es', 'Mi madre tiene 82 años. En la oficina no la atendieron sin cita previa, y la cita solo se puede pedir por internet.'],
      ['en', 'The office only gives appointments online. I have no smartphone and nobody at the desk would book one for me.'],
    ],
  },
  {
    service: 'oac',
    dimension: 'requirements',
    grounds: ['socio-economic', 'nationality'],
    weight: 10,
    skew: { '01': 2, '03': 1.5, '08': 1.5 },
    stories: [
      ['es', 'Vivo en una habitación realquilada. En la OAC no me quisieron empadronar sin contrato de alquiler, aunque la ley dice que se puede.'],
      ['ar', 'أسكن في غرفة مستأجرة من الباطن. في مكتب خدمة المواطنين رفضوا تسجيلي في سجل السكان بدون عقد إيجار.'],
      ['ro', 'Locuiesc într-o cameră închiriată. La OAC nu au vrut să mă înscrie în registrul de locuitori fără contract de închiriere.'],
      ['ur', 'میں ایک کرائے کے کمرے میں رہتا ہوں۔ دفتر میں کرایہ نامے کے بغیر میرا پادرون کرنے سے انکار کر دیا گیا۔'],
      ['ca', 'Dormo al carrer. A l’oficina em van dir que sense domicili no em podien empadronar, i sense padró no puc demanar cap ajut.'],
    ],
  },
  {
    service: 'oac',
    dimension: 'physical-accessibility',
    grounds: ['disability'],
    weight: 4,
    skew: { '06': 8 },
    stories: [
      ['ca', 'Vaig en cadira de rodes. A l’OAC hi ha esglaons a l’entrada i el timbre no funcionava. Em van atendre al carrer.'],
      ['es', 'Con el andador no pude subir los escalones de la oficina. Nadie salió a ayudarme.'],
    ],
  },
  {
    service: 'oac',
    dimension: 'treatment',
    grounds: ['ethnic-origin'],
    weight: 4,
    skew: { '08': 1.5, '09': 2, '10': 2 },
    stories: [
      ['ca', 'A l’entrada de l’OAC el vigilant només ens va demanar el DNI a nosaltres, una família gitana.'],
      ['ro', 'La intrarea în birou, paznicul ne-a cerut actele doar nouă, o familie de romi.'],
      ['es', 'Mientras esperaba mi turno dijeron en voz alta que «los gitanos siempre traen problemas».'],
    ],
  },
  {
    service: 'oac',
    dimension: 'language',
    grounds: ['language', 'ethnic-origin'],
    weight: 3,
    skew: { '02': 2, '10': 3 },
    stories: [
      ['zh', '我去市民服务办公室办理登记。那里没有翻译，工作人员也不让我女儿帮我翻译。'],
      ['es', 'En la oficina no dejaron que mi hijo me tradujera y tampoco llamaron al servicio de traducción.'],
    ],
  },
  {
    service: 'oac',
    dimension: 'treatment',
    grounds: ['gender-identity-orientation'],
    weight: 3,
    stories: [
      ['es', 'En la OAC se rieron cuando vieron que el nombre de mi DNI no coincidía con mi aspecto.'],
      ['ca', 'Al taulell es van mirar i van fer bromes quan vaig dir que el meu marit i jo volíem el certificat de convivència.'],
    ],
  },
  {
    service: 'housing',
    dimension: 'treatment',
    grounds: ['ethnic-origin', 'nationality'],
    weight: 7,
    stories: [
      ['es', 'En la oficina de vivienda me dijeron que la bolsa de alquiler social «no es para gente recién llegada», aunque cumplo los requisitos.'],
      ['ar', 'في مكتب السكن قالوا لي إن السكن الاجتماعي ليس للناس الذين وصلوا حديثاً، مع أنني أستوفي الشروط.'],
      ['ca', 'Quan vaig dir que soc del Marroc, la persona de l’oficina d’habitatge va deixar d’escoltar-me i em va donar un fullet.'],
    ],
  },
  {
    service: 'housing',
    dimension: 'requirements',
    grounds: ['socio-economic'],
    weight: 6,
    skew: { '08': 1.5, '09': 1.5 },
    stories: [
      ['ca', 'Per a la mediació pel desnonament em van demanar nòmines. No en tinc perquè cuido gent gran sense contracte.'],
      ['es', 'Me dijeron que cobrando la renta mínima no podía apuntarme al registro de vivienda protegida.'],
      ['ro', 'Mi-au cerut fluturași de salariu ca să mă ajute cu evacuarea. Lucrez fără contract și nu am.'],
    ],
  },
  {
    service: 'housing',
    dimension: 'information',
    grounds: ['language'],
    weight: 4,
    stories: [
      ['ur', 'ہاؤسنگ آفس کے تمام فارم صرف کاتالان اور ہسپانوی میں ہیں۔ مجھے سمجھ نہیں آیا کہ کیا لکھنا ہے۔'],
      ['ar', 'كل الاستمارات في مكتب السكن بالكتالونية والإسبانية فقط. لم أفهم ماذا يجب أن أكتب.'],
    ],
  },
  {
    service: 'saier',
    dimension: 'access',
    grounds: ['nationality'],
    weight: 5,
    stories: [
      ['es', 'En el SAIER solo dan diez números al día. Fui tres mañanas a las siete y nunca me atendieron.'],
      ['fr', 'Au SAIER, il n’y a que dix tickets par jour. Je suis venu trois matins de suite et personne ne m’a reçu.'],
      ['ar', 'في SAIER يعطون عشرة أرقام فقط في اليوم. ذهبت ثلاثة أيام في الساعة السابعة صباحاً ولم يستقبلني أحد.'],
    ],
  },
  {
    service: 'libraries',
    dimension: 'treatment',
    grounds: ['religion', 'sex-gender'],
    weight: 4,
    stories: [
      ['es', 'En la biblioteca el vigilante nos siguió a mi hermana y a mí, las dos con hiyab, y a nadie más.'],
      ['ar', 'في المكتبة كان الحارس يتبعني أنا وأختي لأننا نلبس الحجاب، ولم يتبع أحداً غيرنا.'],
      ['ca', 'A la biblioteca em van dir que em tragués el mocador per fer-me el carnet, tot i que la foto ja era bona.'],
    ],
  },
  {
    service: 'libraries',
    dimension: 'access',
    grounds: ['socio-economic'],
    weight: 3,
    stories: [
      ['ca', 'Visc al carrer. A la biblioteca no em van deixar entrar amb la motxilla i em van dir que no és un lloc per dormir.'],
      ['es', 'No me dejaron usar los ordenadores para buscar trabajo porque no tenía un documento con domicilio.'],
    ],
  },
  {
    service: null,
    dimension: 'other',
    grounds: ['other'],
    weight: 2,
    stories: [
      ['es', 'No sé qué oficina era. Me pidieron papeles que no tenía y me trataron como si mintiera.'],
      ['ar', 'لا أعرف اسم المكتب. طلبوا مني أوراقاً ليست عندي، وعاملوني كأنني أكذب.'],
    ],
  },
];

/** Invented names for the people who chose to leave a contact (confidential reports). */
export const contactNames = ['Samira B.', 'Ionuț M.', 'Rosa G.', 'Bilal A.', 'Mei L.', 'Joan P.', 'Aisha K.', 'Dolors F.', 'Yusuf T.', 'Elena C.'];
