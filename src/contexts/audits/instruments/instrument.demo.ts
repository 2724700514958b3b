// The demo instrument: a front-desk service visit, written in Spanish and translated into every language the
// site speaks, after the observation guides of municipal citizen audits (arrival, being attended, requirements).
import type { Choice, Condition, Dimension, InstrumentDefinition, Item, ItemType } from './instrument.ts';

/** One text in the ten languages, Spanish (the instrument's own) first; acronyms follow their expansion in brackets. */
type TenLanguages = [es: string, en: string, ca: string, ar: string, ro: string, zh: string, ur: string, fr: string, uk: string, pt: string];
const tr = ([es, en, ca, ar, ro, zh, ur, fr, uk, pt]: TenLanguages) => ({ es, en, ca, ar, ro, zh, ur, fr, uk, pt });

function item(
  name: string,
  type: ItemType,
  label: TenLanguages,
  options: { hint?: TenLanguages; required?: boolean; showIf?: Condition[]; dimension: Dimension; grounds?: string[]; choices?: [string, TenLanguages][] },
): Item {
  return {
    name,
    type,
    label: tr(label),
    hint: options.hint ? tr(options.hint) : {},
    required: options.required ?? false,
    showIf: options.showIf ?? [],
    dimension: options.dimension,
    grounds: options.grounds ?? [],
    choices: (options.choices ?? []).map(([value, label]): Choice => ({ value, label: tr(label) })),
  };
}

export const frontDeskVisit: InstrumentDefinition = {
  title: tr(['Visita a un servicio de atención presencial', 'Front-desk service visit', "Visita a un servei d'atenció presencial", 'زيارة إلى مكتب خدمة حضورية', 'Vizită la un serviciu cu ghișeu pentru public', '走访面对面服务窗口', 'بالمشافہ خدمت کے کاؤنٹر کا دورہ', 'Visite d’un service d’accueil au guichet', 'Відвідування служби з особистим прийомом', 'Visita a um serviço de atendimento presencial']),
  languages: ['es', 'en', 'ca', 'ar', 'ro', 'zh', 'ur', 'fr', 'uk', 'pt'],
  sections: [
    {
      name: 'arrival',
      title: tr(['Llegada y entrada', 'Arriving and getting in', 'Arribada i entrada', 'الوصول والدخول', 'Sosirea și intrarea', '到达和进门', 'پہنچنا اور اندر جانا', 'Arrivée et entrée', 'Прибуття і вхід', 'Chegada e entrada']),
      items: [
        item('visit_date', 'date', ['Fecha de la visita', 'Date of the visit', 'Data de la visita', 'تاريخ الزيارة', 'Data vizitei', '走访日期', 'دورے کی تاریخ', 'Date de la visite', 'Дата відвідування', 'Data da visita'], { required: true, dimension: 'other' }),
        item('step_free', 'yes-no', ['¿Se puede entrar sin escalones?', 'Can you get in without steps?', 'Es pot entrar sense esglaons?', 'هل يمكن الدخول دون درجات؟', 'Se poate intra fără trepte?', '不走台阶能进去吗？', 'کیا سیڑھیوں کے بغیر اندر جا سکتے ہیں؟', 'Peut-on entrer sans marches ?', 'Чи можна увійти без сходинок?', 'É possível entrar sem degraus?'], {
          hint: ['Rampa, ascensor o entrada a nivel.', 'A ramp, a lift or a level entrance.', 'Rampa, ascensor o entrada a nivell.', 'منحدر أو مصعد أو مدخل مستوٍ.', 'O rampă, un lift sau o intrare la nivelul străzii.', '坡道、电梯或没有台阶的入口。', 'ریمپ، لفٹ یا ہموار داخلہ۔', 'Une rampe, un ascenseur ou une entrée de plain-pied.', 'Пандус, ліфт або вхід без перепаду висоти.', 'Uma rampa, um elevador ou uma entrada ao nível do chão.'],
          required: true,
          dimension: 'physical-accessibility',
          grounds: ['disability', 'age'],
        }),
        item('barriers', 'multiple', ['¿Qué barreras has visto?', 'Which barriers did you see?', 'Quines barreres has vist?', 'ما العوائق التي رأيتها؟', 'Ce obstacole ați văzut?', '你看到了哪些障碍？', 'آپ نے کون سی رکاوٹیں دیکھیں؟', 'Quels obstacles avez-vous vus ?', 'Які перешкоди ви побачили?', 'Que barreiras viu?'], {
          showIf: [{ item: 'step_free', op: 'eq', value: 'no' }],
          required: true,
          dimension: 'physical-accessibility',
          grounds: ['disability', 'age'],
          choices: [
            ['steps', ['Escalones sin rampa', 'Steps without a ramp', 'Esglaons sense rampa', 'درجات بلا منحدر', 'Trepte fără rampă', '有台阶，没有坡道', 'سیڑھیاں ہیں، ریمپ نہیں', 'Des marches sans rampe', 'Сходинки без пандуса', 'Degraus sem rampa']],
            ['heavy_door', ['Puerta pesada o estrecha', 'Heavy or narrow door', 'Porta pesada o estreta', 'باب ثقيل أو ضيق', 'Ușă grea sau îngustă', '门很重或很窄', 'بھاری یا تنگ دروازہ', 'Porte lourde ou étroite', 'Важкі або вузькі двері', 'Porta pesada ou estreita']],
            ['no_lift', ['No hay ascensor', 'No lift', 'No hi ha ascensor', 'لا يوجد مصعد', 'Nu există lift', '没有电梯', 'لفٹ نہیں ہے', 'Pas d’ascenseur', 'Немає ліфта', 'Não há elevador']],
            ['other', ['Otra', 'Other', 'Una altra', 'عائق آخر', 'Alt obstacol', '其他障碍', 'کوئی اور رکاوٹ', 'Autre obstacle', 'Інша перешкода', 'Outra barreira']],
          ],
        }),
        item('signage_languages', 'multiple', ['¿En qué idiomas están los carteles?', 'In which languages are the signs?', 'En quines llengües són els rètols?', 'بأي لغات كُتبت اللافتات؟', 'În ce limbi sunt indicatoarele?', '标识牌用的是哪些语言？', 'نشانات کن زبانوں میں ہیں؟', 'En quelles langues sont les panneaux ?', 'Якими мовами написані вивіски?', 'Em que línguas estão os letreiros?'], {
          dimension: 'language',
          grounds: ['language', 'nationality'],
          choices: [
            ['local', ['Solo en las lenguas oficiales', 'Only in the official languages', 'Només en les llengües oficials', 'باللغات الرسمية فقط', 'Doar în limbile oficiale', '只有官方语言', 'صرف سرکاری زبانوں میں', 'Seulement dans les langues officielles', 'Лише офіційними мовами', 'Só nas línguas oficiais']],
            ['english', ['También en inglés', 'Also in English', 'També en anglès', 'بالإنجليزية أيضاً', 'Și în engleză', '也有英语', 'انگریزی میں بھی', 'Aussi en anglais', 'Також англійською', 'Também em inglês']],
            ['other', ['También en otras lenguas', 'Also in other languages', 'També en altres llengües', 'بلغات أخرى أيضاً', 'Și în alte limbi', '也有其他语言', 'دوسری زبانوں میں بھی', 'Aussi dans d’autres langues', 'Також іншими мовами', 'Também noutras línguas']],
            ['pictograms', ['Con pictogramas', 'With pictograms', 'Amb pictogrames', 'مع رسوم توضيحية', 'Cu pictograme', '有图示标志', 'تصویری علامتوں کے ساتھ', 'Avec des pictogrammes', 'З піктограмами', 'Com pictogramas']],
          ],
        }),
        item('entrance_photo', 'photo', ['Foto de la entrada (sin personas)', 'Photo of the entrance (no people)', "Foto de l'entrada (sense persones)", 'صورة المدخل (بدون أشخاص)', 'Fotografie a intrării (fără oameni)', '入口照片（不要拍到人）', 'داخلے کی تصویر (لوگوں کے بغیر)', 'Photo de l’entrée (sans personne)', 'Фото входу (без людей)', 'Fotografia da entrada (sem pessoas)'], {
          hint: ['No fotografíes a nadie. Quitamos la ubicación de la foto.', 'Do not take pictures of people. We remove the location from the photo.', 'No fotografiïs ningú. Traiem la ubicació de la foto.', 'لا تصوّر أي شخص. نحذف الموقع من الصورة.', 'Nu fotografiați pe nimeni. Ștergem locația din fotografie.', '不要拍任何人。我们会删除照片里的位置信息。', 'کسی کی تصویر نہ لیں۔ ہم تصویر سے مقام ہٹا دیتے ہیں۔', 'Ne photographiez personne. Nous retirons la localisation de la photo.', 'Не фотографуйте людей. Ми видаляємо з фото дані про місце.', 'Não fotografe ninguém. Retiramos a localização da fotografia.'],
          dimension: 'physical-accessibility',
        }),
      ],
    },
    {
      name: 'attention',
      title: tr(['La atención', 'Being attended', "L'atenció", 'الاستقبال والخدمة', 'Cum ați fost serviți', '接待情况', 'آپ کی خدمت کیسے ہوئی', 'L’accueil', 'Обслуговування', 'O atendimento']),
      items: [
        item('wait_minutes', 'number', ['¿Cuántos minutos esperaste?', 'How many minutes did you wait?', 'Quants minuts vas esperar?', 'كم دقيقة انتظرت؟', 'Câte minute ați așteptat?', '你等了多少分钟？', 'آپ نے کتنے منٹ انتظار کیا؟', 'Combien de minutes avez-vous attendu ?', 'Скільки хвилин ви чекали?', 'Quantos minutos esperou?'], { required: true, dimension: 'access' }),
        item('appointment_needed', 'yes-no', ['¿Te pidieron cita previa para ser atendido?', 'Were you told you needed an appointment?', "Et van demanar cita prèvia per ser atès?", 'هل طُلب منك موعد مسبق لكي تُخدَم؟', 'Vi s-a cerut o programare ca să fiți serviți?', '他们是否要求你先预约才能办理？', 'کیا آپ سے کہا گیا کہ خدمت کے لیے پہلے وقت لیں؟', 'Vous a-t-on demandé un rendez-vous pour être reçu ?', 'Чи вимагали від вас попередній запис, щоб обслужити?', 'Pediram-lhe marcação prévia para ser atendido?'], {
          required: true,
          dimension: 'digital-access',
          grounds: ['age', 'socio-economic', 'language'],
        }),
        item('appointment_how', 'single', ['¿Cómo se podía pedir la cita?', 'How could you get an appointment?', 'Com es podia demanar la cita?', 'كيف كان يمكن طلب الموعد؟', 'Cum se putea face programarea?', '可以怎样预约？', 'وقت کیسے لیا جا سکتا تھا؟', 'Comment pouvait-on prendre rendez-vous ?', 'Як можна було записатися?', 'Como se podia fazer a marcação?'], {
          showIf: [{ item: 'appointment_needed', op: 'eq', value: 'yes' }],
          required: true,
          dimension: 'digital-access',
          grounds: ['age', 'socio-economic'],
          choices: [
            ['online_only', ['Solo por internet', 'Only online', 'Només per internet', 'عبر الإنترنت فقط', 'Doar pe internet', '只能在网上', 'صرف انٹرنیٹ پر', 'Seulement par internet', 'Лише через інтернет', 'Só pela internet']],
            ['phone', ['Por teléfono o por internet', 'By phone or online', 'Per telèfon o per internet', 'بالهاتف أو عبر الإنترنت', 'Prin telefon sau pe internet', '电话或网上', 'فون یا انٹرنیٹ سے', 'Par téléphone ou par internet', 'Телефоном або через інтернет', 'Por telefone ou pela internet']],
            ['in_person', ['También en persona', 'In person too', 'També en persona', 'حضورياً أيضاً', 'Și la ghișeu', '也可以现场预约', 'خود جا کر بھی', 'Aussi sur place', 'Також особисто', 'Também presencialmente']],
          ],
        }),
        item('language_offered', 'yes-no', ['¿Te ofrecieron atenderte en otra lengua o con intérprete?', 'Were you offered another language or an interpreter?', "Et van oferir atendre't en una altra llengua o amb intèrpret?", 'هل عرضوا عليك الخدمة بلغة أخرى أو بمترجم؟', 'Vi s-a oferit să fiți serviți în altă limbă sau cu un interpret?', '他们是否提出用其他语言或通过口译员为你服务？', 'کیا آپ کو دوسری زبان میں یا ترجمان کے ساتھ خدمت کی پیشکش ہوئی؟', 'Vous a-t-on proposé une autre langue ou un interprète ?', 'Чи запропонували вам обслуговування іншою мовою або з перекладачем?', 'Ofereceram-lhe atendimento noutra língua ou com intérprete?'], {
          required: true,
          dimension: 'language',
          grounds: ['language', 'nationality', 'ethnic-origin'],
        }),
        item('treatment_score', 'scale', ['¿Cómo te trataron? (0 muy mal, 100 muy bien)', 'How were you treated? (0 very badly, 100 very well)', "Com et van tractar? (0 molt malament, 100 molt bé)", 'كيف عاملوك؟ (0 سيئ جداً، 100 جيد جداً)', 'Cum ați fost tratați? (0 foarte rău, 100 foarte bine)', '他们对你的态度如何？（0 非常差，100 非常好）', 'آپ کے ساتھ کیسا سلوک ہوا؟ (0 بہت برا، 100 بہت اچھا)', 'Comment avez-vous été traité ? (0 très mal, 100 très bien)', 'Як до вас ставилися? (0 дуже погано, 100 дуже добре)', 'Como foi tratado? (0 muito mal, 100 muito bem)'], {
          hint: ['Explica por qué pones esta nota.', 'Say why you give this score.', 'Explica per què poses aquesta nota.', 'اشرح لماذا تعطي هذه الدرجة.', 'Spuneți de ce dați această notă.', '请说明你为什么打这个分。', 'بتائیں کہ آپ یہ نمبر کیوں دے رہے ہیں۔', 'Expliquez pourquoi vous donnez cette note.', 'Поясніть, чому ви ставите таку оцінку.', 'Explique porque dá esta nota.'],
          required: true,
          dimension: 'treatment',
          grounds: ['ethnic-origin', 'nationality', 'religion', 'sex-gender', 'age', 'disability'],
        }),
        item('treated_differently', 'yes-no', ['¿Te pareció que te trataban distinto que a otras personas?', 'Did it seem you were treated differently from other people?', "Et va semblar que et tractaven diferent que a altres persones?", 'هل بدا لك أنهم عاملوك بشكل مختلف عن الآخرين؟', 'Vi s-a părut că ați fost tratați altfel decât alte persoane?', '你是否觉得他们对待你和对待别人不一样？', 'کیا آپ کو لگا کہ آپ کے ساتھ دوسروں سے مختلف سلوک ہوا؟', 'Avez-vous eu l’impression d’être traité autrement que d’autres personnes ?', 'Чи здалося вам, що з вами поводилися інакше, ніж з іншими людьми?', 'Pareceu-lhe que o trataram de forma diferente das outras pessoas?'], {
          required: true,
          dimension: 'treatment',
          grounds: ['ethnic-origin', 'nationality', 'religion', 'sex-gender', 'gender-identity-orientation', 'age', 'disability'],
        }),
        item('treated_differently_what', 'text', ['Cuenta qué pasó, sin nombres', 'Say what happened, without names', 'Explica què va passar, sense noms', 'احكِ ما حدث، دون ذكر أسماء', 'Spuneți ce s-a întâmplat, fără nume', '请说说发生了什么，不要写名字', 'بتائیں کیا ہوا، نام لیے بغیر', 'Racontez ce qui s’est passé, sans nommer personne', 'Розкажіть, що сталося, без імен', 'Conte o que aconteceu, sem nomes'], {
          showIf: [{ item: 'treated_differently', op: 'eq', value: 'yes' }],
          required: true,
          dimension: 'treatment',
        }),
      ],
    },
    {
      name: 'requirements',
      title: tr(['Requisitos y documentos', 'Requirements and documents', 'Requisits i documents', 'الشروط والوثائق', 'Cerințe și documente', '要求和证件', 'شرائط اور دستاویزات', 'Conditions et documents', 'Вимоги і документи', 'Requisitos e documentos']),
      items: [
        item('documents_asked', 'multiple', ['¿Qué documentos te pidieron?', 'Which documents were you asked for?', 'Quins documents et van demanar?', 'ما الوثائق التي طلبوها منك؟', 'Ce documente vi s-au cerut?', '他们要求你提供哪些证件？', 'آپ سے کون سی دستاویزات مانگی گئیں؟', 'Quels documents vous a-t-on demandés ?', 'Які документи у вас вимагали?', 'Que documentos lhe pediram?'], {
          dimension: 'requirements',
          grounds: ['nationality', 'socio-economic'],
          choices: [
            ['id', ['DNI, NIE o pasaporte', 'Spanish ID card (DNI), foreigner’s identity number (NIE) or passport', 'DNI, NIE o passaport', 'بطاقة الهوية الإسبانية (DNI)، أو رقم هوية الأجنبي (NIE)، أو جواز السفر', 'Carte de identitate spaniolă (DNI), număr de identitate de străin (NIE) sau pașaport', '西班牙身份证 (DNI)、外国人身份号码 (NIE) 或护照', 'ہسپانوی شناختی کارڈ (DNI)، غیر ملکی کا شناختی نمبر (NIE) یا پاسپورٹ', 'Carte d’identité espagnole (DNI), numéro d’identité d’étranger (NIE) ou passeport', 'Іспанське посвідчення особи (DNI), ідентифікаційний номер іноземця (NIE) або паспорт', 'Cartão de identidade espanhol (DNI), número de identificação de estrangeiro (NIE) ou passaporte']],
            ['padron', ['Empadronamiento', 'Registration on the padrón', 'Empadronament', 'التسجيل في سجل السكان البلدي', 'Înscrierea în registrul municipal al locuitorilor', '市政居民登记', 'بلدیہ کے رہائشی رجسٹر میں اندراج', 'Inscription au registre municipal des habitants', 'Реєстрація в муніципальному реєстрі мешканців', 'Inscrição no registo municipal de habitantes']],
            ['rental', ['Contrato de alquiler', 'Rental contract', 'Contracte de lloguer', 'عقد الإيجار', 'Contract de închiriere', '租房合同', 'کرایہ نامہ', 'Contrat de location', 'Договір оренди', 'Contrato de arrendamento']],
            ['income', ['Prueba de ingresos', 'Proof of income', "Prova d'ingressos", 'إثبات الدخل', 'Dovada veniturilor', '收入证明', 'آمدنی کا ثبوت', 'Justificatif de revenus', 'Підтвердження доходів', 'Comprovativo de rendimentos']],
          ],
        }),
        item('extra_requirement', 'yes-no', ['¿Te pidieron algo que no sale en la información oficial?', 'Were you asked for something not in the official information?', "Et van demanar alguna cosa que no surt a la informació oficial?", 'هل طلبوا منك شيئاً غير مذكور في المعلومات الرسمية؟', 'Vi s-a cerut ceva ce nu apare în informațiile oficiale?', '他们是否要求了官方信息里没有写的东西？', 'کیا آپ سے کوئی ایسی چیز مانگی گئی جو سرکاری معلومات میں نہیں ہے؟', 'Vous a-t-on demandé quelque chose qui ne figure pas dans l’information officielle ?', 'Чи вимагали від вас щось, чого немає в офіційній інформації?', 'Pediram-lhe algo que não consta da informação oficial?'], {
          required: true,
          dimension: 'requirements',
          grounds: ['nationality', 'ethnic-origin', 'socio-economic'],
        }),
        item('requirement_document', 'document', ['Documento que te dieron (si lo hay)', 'Any paper you were given', "Document que et van donar (si n'hi ha)", 'ورقة أعطوك إياها (إن وُجدت)', 'Documentul primit (dacă există)', '他们给你的文件（如有）', 'آپ کو دیا گیا کاغذ (اگر ہو)', 'Document qu’on vous a remis (s’il y en a un)', 'Документ, який вам дали (якщо є)', 'Documento que lhe deram (se houver)'], {
          showIf: [{ item: 'extra_requirement', op: 'eq', value: 'yes' }],
          dimension: 'requirements',
        }),
        item('information_clear', 'scale', ['¿La información fue clara? (0 nada, 100 muy clara)', 'Was the information clear? (0 not at all, 100 very clear)', 'La informació va ser clara? (0 gens, 100 molt clara)', 'هل كانت المعلومات واضحة؟ (0 غير واضحة إطلاقاً، 100 واضحة جداً)', 'Informațiile au fost clare? (0 deloc, 100 foarte clare)', '信息清楚吗？（0 完全不清楚，100 非常清楚）', 'کیا معلومات واضح تھیں؟ (0 بالکل نہیں، 100 بہت واضح)', 'L’information était-elle claire ? (0 pas du tout, 100 très claire)', 'Чи була інформація зрозумілою? (0 зовсім ні, 100 дуже зрозуміла)', 'A informação foi clara? (0 nada, 100 muito clara)'], {
          hint: ['Explica por qué pones esta nota.', 'Say why you give this score.', 'Explica per què poses aquesta nota.', 'اشرح لماذا تعطي هذه الدرجة.', 'Spuneți de ce dați această notă.', '请说明你为什么打这个分。', 'بتائیں کہ آپ یہ نمبر کیوں دے رہے ہیں۔', 'Expliquez pourquoi vous donnez cette note.', 'Поясніть, чому ви ставите таку оцінку.', 'Explique porque dá esta nota.'],
          required: true,
          dimension: 'information',
          grounds: ['language', 'disability'],
        }),
        item('comments', 'text', ['Otros comentarios', 'Anything else', 'Altres comentaris', 'ملاحظات أخرى', 'Alte observații', '其他意见', 'دیگر تبصرے', 'Autres remarques', 'Інші коментарі', 'Outros comentários'], { dimension: 'other' }),
      ],
    },
  ],
};
