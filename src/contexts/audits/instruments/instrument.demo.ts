// The demo instrument: a front-desk service visit, in Spanish, English and Catalan, after the
// observation guides of municipal citizen audits (arrival, being attended, requirements, leaving).
import type { Choice, Condition, Dimension, InstrumentDefinition, Item, ItemType } from './instrument.ts';

type T3 = [es: string, en: string, ca: string];
const tr = ([es, en, ca]: T3) => ({ es, en, ca });

function item(
  name: string,
  type: ItemType,
  label: T3,
  options: { hint?: T3; required?: boolean; showIf?: Condition[]; dimension: Dimension; grounds?: string[]; choices?: [string, T3][] },
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
  title: tr(['Visita a un servicio de atención presencial', 'Front-desk service visit', "Visita a un servei d'atenció presencial"]),
  languages: ['es', 'en', 'ca'],
  sections: [
    {
      name: 'arrival',
      title: tr(['Llegada y entrada', 'Arriving and getting in', 'Arribada i entrada']),
      items: [
        item('visit_date', 'date', ['Fecha de la visita', 'Date of the visit', 'Data de la visita'], { required: true, dimension: 'other' }),
        item('step_free', 'yes-no', ['¿Se puede entrar sin escalones?', 'Can you get in without steps?', 'Es pot entrar sense esglaons?'], {
          hint: ['Rampa, ascensor o entrada a nivel.', 'A ramp, a lift or a level entrance.', 'Rampa, ascensor o entrada a nivell.'],
          required: true,
          dimension: 'physical-accessibility',
          grounds: ['disability', 'age'],
        }),
        item('barriers', 'multiple', ['¿Qué barreras has visto?', 'Which barriers did you see?', 'Quines barreres has vist?'], {
          showIf: [{ item: 'step_free', op: 'eq', value: 'no' }],
          required: true,
          dimension: 'physical-accessibility',
          grounds: ['disability', 'age'],
          choices: [
            ['steps', ['Escalones sin rampa', 'Steps without a ramp', 'Esglaons sense rampa']],
            ['heavy_door', ['Puerta pesada o estrecha', 'Heavy or narrow door', 'Porta pesada o estreta']],
            ['no_lift', ['No hay ascensor', 'No lift', 'No hi ha ascensor']],
            ['other', ['Otra', 'Other', 'Una altra']],
          ],
        }),
        item('signage_languages', 'multiple', ['¿En qué idiomas están los carteles?', 'In which languages are the signs?', 'En quines llengües són els rètols?'], {
          dimension: 'language',
          grounds: ['language', 'nationality'],
          choices: [
            ['local', ['Solo en las lenguas oficiales', 'Only in the official languages', 'Només en les llengües oficials']],
            ['english', ['También en inglés', 'Also in English', 'També en anglès']],
            ['other', ['También en otras lenguas', 'Also in other languages', 'També en altres llengües']],
            ['pictograms', ['Con pictogramas', 'With pictograms', 'Amb pictogrames']],
          ],
        }),
        item('entrance_photo', 'photo', ['Foto de la entrada (sin personas)', 'Photo of the entrance (no people)', "Foto de l'entrada (sense persones)"], {
          hint: ['No fotografíes a nadie. Quitamos la ubicación de la foto.', 'Do not take pictures of people. We remove the location from the photo.', 'No fotografiïs ningú. Traiem la ubicació de la foto.'],
          dimension: 'physical-accessibility',
        }),
      ],
    },
    {
      name: 'attention',
      title: tr(['La atención', 'Being attended', "L'atenció"]),
      items: [
        item('wait_minutes', 'number', ['¿Cuántos minutos esperaste?', 'How many minutes did you wait?', 'Quants minuts vas esperar?'], { required: true, dimension: 'access' }),
        item('appointment_needed', 'yes-no', ['¿Te pidieron cita previa para ser atendido?', 'Were you told you needed an appointment?', "Et van demanar cita prèvia per ser atès?"], {
          required: true,
          dimension: 'digital-access',
          grounds: ['age', 'socio-economic', 'language'],
        }),
        item('appointment_how', 'single', ['¿Cómo se podía pedir la cita?', 'How could you get an appointment?', 'Com es podia demanar la cita?'], {
          showIf: [{ item: 'appointment_needed', op: 'eq', value: 'yes' }],
          required: true,
          dimension: 'digital-access',
          grounds: ['age', 'socio-economic'],
          choices: [
            ['online_only', ['Solo por internet', 'Only online', 'Només per internet']],
            ['phone', ['Por teléfono o por internet', 'By phone or online', 'Per telèfon o per internet']],
            ['in_person', ['También en persona', 'In person too', 'També en persona']],
          ],
        }),
        item('language_offered', 'yes-no', ['¿Te ofrecieron atenderte en otra lengua o con intérprete?', 'Were you offered another language or an interpreter?', "Et van oferir atendre't en una altra llengua o amb intèrpret?"], {
          required: true,
          dimension: 'language',
          grounds: ['language', 'nationality', 'ethnic-origin'],
        }),
        item('treatment_score', 'scale', ['¿Cómo te trataron? (0 muy mal, 100 muy bien)', 'How were you treated? (0 very badly, 100 very well)', "Com et van tractar? (0 molt malament, 100 molt bé)"], {
          hint: ['Explica por qué pones esta nota.', 'Say why you give this score.', 'Explica per què poses aquesta nota.'],
          required: true,
          dimension: 'treatment',
          grounds: ['ethnic-origin', 'nationality', 'religion', 'sex-gender', 'age', 'disability'],
        }),
        item('treated_differently', 'yes-no', ['¿Te pareció que te trataban distinto que a otras personas?', 'Did it seem you were treated differently from other people?', "Et va semblar que et tractaven diferent que a altres persones?"], {
          required: true,
          dimension: 'treatment',
          grounds: ['ethnic-origin', 'nationality', 'religion', 'sex-gender', 'gender-identity-orientation', 'age', 'disability'],
        }),
        item('treated_differently_what', 'text', ['Cuenta qué pasó, sin nombres', 'Say what happened, without names', 'Explica què va passar, sense noms'], {
          showIf: [{ item: 'treated_differently', op: 'eq', value: 'yes' }],
          required: true,
          dimension: 'treatment',
        }),
      ],
    },
    {
      name: 'requirements',
      title: tr(['Requisitos y documentos', 'Requirements and documents', 'Requisits i documents']),
      items: [
        item('documents_asked', 'multiple', ['¿Qué documentos te pidieron?', 'Which documents were you asked for?', 'Quins documents et van demanar?'], {
          dimension: 'requirements',
          grounds: ['nationality', 'socio-economic'],
          choices: [
            ['id', ['DNI, NIE o pasaporte', 'ID card, NIE or passport', 'DNI, NIE o passaport']],
            ['padron', ['Empadronamiento', 'Registration on the padrón', 'Empadronament']],
            ['rental', ['Contrato de alquiler', 'Rental contract', 'Contracte de lloguer']],
            ['income', ['Prueba de ingresos', 'Proof of income', "Prova d'ingressos"]],
          ],
        }),
        item('extra_requirement', 'yes-no', ['¿Te pidieron algo que no sale en la información oficial?', 'Were you asked for something not in the official information?', "Et van demanar alguna cosa que no surt a la informació oficial?"], {
          required: true,
          dimension: 'requirements',
          grounds: ['nationality', 'ethnic-origin', 'socio-economic'],
        }),
        item('requirement_document', 'document', ['Documento que te dieron (si lo hay)', 'Any paper you were given', "Document que et van donar (si n'hi ha)"], {
          showIf: [{ item: 'extra_requirement', op: 'eq', value: 'yes' }],
          dimension: 'requirements',
        }),
        item('information_clear', 'scale', ['¿La información fue clara? (0 nada, 100 muy clara)', 'Was the information clear? (0 not at all, 100 very clear)', 'La informació va ser clara? (0 gens, 100 molt clara)'], {
          hint: ['Explica por qué pones esta nota.', 'Say why you give this score.', 'Explica per què poses aquesta nota.'],
          required: true,
          dimension: 'information',
          grounds: ['language', 'disability'],
        }),
        item('comments', 'text', ['Otros comentarios', 'Anything else', 'Altres comentaris'], { dimension: 'other' }),
      ],
    },
  ],
};
