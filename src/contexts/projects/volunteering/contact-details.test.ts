// What counts as a contact detail or an identity number in a public title, in the languages people post in, and
// the ordinary text that must pass: hours, weights, years, dates, counts, opening times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contactDetailsIn, type ContactKind } from './contact-details.ts';

function finds(kind: ContactKind, texts: string[]) {
  for (const text of texts) assert.ok(contactDetailsIn(text).includes(kind), `${kind} not found in ${JSON.stringify(text)}`);
}

test('emails, plain, spaced, spelled out or in full-width characters', () => {
  finds('email', ['Traducció, escriviu a samira.h@example.org', 'Ayuda: maria_lopez+ayuda@correo.es', 'samira @ gmail.com', 'samira[at]example[dot]org', 'escriu a hanane (arroba) correu.cat', 'ｓａｍｉｒａ＠ｅｘａｍｐｌｅ．ｏｒｇ', 'مساعدة في الترجمة samira@example.org', '帮忙翻译 li.wei@example.cn']);
});

test('phone numbers: Spanish and international, with spaces, dots, dashes, brackets, in any script of digits', () => {
  finds('phone', [
    'Traducció al 612345678',
    'Truqueu al +34 612 34 56 78',
    'Llamar al 93 123 45 67',
    'Telèfon 612-345-678',
    'Teléfono 612.34.56.78',
    '(+34) 612 345 678',
    '0034 612 345 678',
    'Appelez le 06 12 34 56 78',
    'Sunaţi la 0712 345 678',
    'Call +44 20 7946 0958',
    'Дзвоніть 067 123 45 67',
    '电话 138 0013 8000',
    'اتصلوا ٦١٢٣٤٥٦٧٨',
    'فون ۶۱۲ ۳۴۵ ۶۷۸',
    'Llamar ６１２ ３４５ ６７８',
    'WhatsApp 612\u200B345\u200B678',
    'Liga para 912 345 678',
  ]);
});

test('Spanish numbers typed as bare digits, and eight-digit local numbers, in any script of digits', () => {
  finds('phone', ['612345678', '93 123 45 67', '612 34 56 78', 'Truca al 93123456', 'Llamar al 93 12 34 56', 'Call 6123 4567', 'Telèfon ９３１２３４５６', 'اتصلوا ٩٣ ١٢ ٣٤ ٥٦', 'فون ۶۱۲۳ ۴۵۶۷', 'कॉल ९३१२३४५६']);
  // Eight digits that are a date or an identity number are not also a phone number.
  assert.deepEqual(contactDetailsIn('Data 20260915'), []);
  assert.deepEqual(contactDetailsIn('DNI 12345678Z'), ['identity-number']);
});

test('Spanish DNI and NIE, with or without dots and dashes, any case', () => {
  finds('identity-number', ['DNI 12345678Z', 'dni 12.345.678-Z', 'NIE X1234567L', 'nie x-1234567-l', 'Y 1234567 X per al tràmit']);
});

test('IBANs, grouped or not', () => {
  finds('iban', ['Donatius a ES91 2100 0418 4502 0005 1332', 'es9121000418450200051332', 'Virement FR76 3000 6000 0112 3456 7890 189']);
});

test('links and handles that lead to one person', () => {
  finds('handle', ['Escriviu per wa.me/34612345678', 'Telegram: t.me/samira_h', 'https://www.instagram.com/samira.h', 'linkedin.com/in/maria-lopez', 'Instagram @samira_h', 'Segueix-nos a @sostreobert']);
});

test('street addresses with a number, in Catalan, Spanish, French, English and Portuguese', () => {
  finds('address', ['Recollida al Carrer de Mallorca 123', 'C/ Major, 5, 2n 1a', 'Calle de Alcalá, 42', 'Av. Diagonal 640', 'Plaça Catalunya, núm. 3', 'Passeig de Sant Joan 12 baixos', '12 rue de la Paix', '221B Baker Street', 'Rue de la Paix 12', 'Avenida da Liberdade 5']);
});

test('street addresses typed all in lower case, with floor and door, in any script of digits', () => {
  finds('address', ['carrer de mallorca 401', 'c/ aragó 12 3r 2a', 'calle mayor 5', 'av. diagonal 640', 'passeig de gràcia 43', 'recollida a carrer d’aragó 12', 'avda. meridiana 350, 4t 1a', 'plaça del sol, núm. 4', 'carrer de mallorca ٤٠١', 'calle mayor ５', 'passeig de gràcia ۴۳', 'c/ aragó १२ ३r २a', 'rue de la paix 12']);
});

test('ordinary text stays ordinary, in several languages', () => {
  const ordinary = [
    '2 hores a la setmana',
    '2 hours a week',
    'Lots de 20 kg de menjar',
    'Calendari escolar 2026',
    'Curs 2025-2026',
    'Cursos 2025 2026 2027',
    'Ajuda per a 3 famílies',
    'Traducció a l’àrab per a una cita al CAP',
    'Dilluns de 10 a 13 h: arrelament, renovacions i recursos.',
    'Dimarts i dijous de 9-13 15-19 h',
    'Del 20/09/2026 al 15/10/2026',
    '20.09.2026 – 15.10.2026',
    '2026-09-20 – 2026-10-15',
    'Sopes a les 20:30 h',
    'Fins a 1.500 € per família',
    'Ayuda para 12 personas, 3 días',
    'Aide pour 2 familles, 10 heures par mois',
    'مساعدة لـ ٣ عائلات، ٢ ساعات في الأسبوع',
    'ہفتے میں ۲ گھنٹے مدد',
    '每周 2 小时，帮助 3 个家庭',
    'Допомога для 3 сімей, 2 години на тиждень',
    'Ajutor pentru 3 familii, 2 ore pe săptămână',
    'Ajuda para 3 famílias, 2 horas por semana',
    'Menjador a la plaça cada dilluns a les 10',
    'Trobada a la Rambla del Raval, dimarts a les 20 h',
    'Menjador a la Rambla del Raval, 3 famílies ateses',
    'Festa a la Plaça del Sol 2026',
    'Amig@s del barri',
    'Allotjament temporal per a una família desnonada',
    'Código postal 08001',
    'Pis de 2 habitacions i 1 bany',
    '1, 2, 3 o 4 persones',
    '2 carrers tallats per obres',
    'Viatge de 3 dies',
    '2 hours a week from 10 to 12',
    'collect 20 kg on day 15',
    'group of 12 to 15 people',
    'year 2026',
    'room 101',
    'La calle está cortada por obras',
    'Ayuda para cruzar la calle con 2 personas',
    'ajuda per creuar el carrer',
    'Ajuda per creuar el carrer 2 cops per setmana',
    'Menjador a la plaça major a les 10',
    'Carrer tallat de 10 a 14 h',
    'carrer tallat 10 a 14',
    'Passeig cada dia a les 10',
    'La plaza está libre 3 horas',
    'De 10 a 12 i de 16 a 20',
    'Grup de 12 a 15 persones',
    'Sala 101',
    'Codis 08001 i 08002',
    'Horari 10-13 15-19 h',
    'Lots de 20 kg el dia 15',
  ];
  for (const text of ordinary) assert.deepEqual(contactDetailsIn(text), [], JSON.stringify(text));
});

test('every kind found is named, and only the kind: the text itself is never in the answer', () => {
  assert.deepEqual(contactDetailsIn('Samira, 612 345 678, samira@example.org, 12345678Z'), ['email', 'identity-number', 'phone']);
  assert.ok(!JSON.stringify(contactDetailsIn('612 345 678')).includes('612'));
});
