// Finds contact details and identity numbers in text that everyone will read (a post's title): emails, phone
// numbers, Spanish DNI/NIE, IBANs, messaging and social links or handles, street addresses with a number. It says
// only which kind it found, never the text, so nothing typed ends up in a result, an error or a log.
import { asciiDigits } from '../../../platform/i18n/digits.ts';

export type ContactKind = 'email' | 'phone' | 'identity-number' | 'iban' | 'handle' | 'address';

/**
 * The text as the patterns read it: full-width letters and digits folded (NFKC), digits of every script made ASCII,
 * invisible characters (zero-width, bidi marks, soft hyphen) removed and every dash made "-", so that
 * "６１２ ３４５ ６７８", "٦١٢٣٤٥٦٧٨" or "612\u200B345678" read as the number they show.
 */
function normalised(text: string): string {
  return asciiDigits(text.normalize('NFKC'))
    .replace(/[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

const email = /[\p{L}\p{N}._%+-]+ ?@ ?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
// "samira[at]example[dot]org", "samira (arroba) example.org": the usual ways round a plain "@".
const spelledEmail = /[\p{L}\p{N}._%+-]+ ?[[(] ?(?:at|arroba|chez) ?[\])] ?[\p{L}\p{N}-]+(?: ?(?:\.|[[(] ?(?:dot|punt|punto|point) ?[\])]) ?[\p{L}\p{N}-]+)+/iu;

// Messaging and social links that lead to one person: wa.me/…, t.me/…, instagram.com/…, linkedin.com/in/…
const personalLink = /\b(?:wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|t\.me|telegram\.(?:me|dog)|signal\.me|m\.me|(?:www\.)?(?:instagram|facebook|fb|tiktok|twitter|x|threads|snapchat)\.com|(?:[a-z]{2,3}\.)?linkedin\.com\/in)\/\S/i;
// "@samira_b" standing alone (not "amig@s", not an email, which is caught above).
const handle = /(?<![\p{L}\p{N}._@-])@[\p{L}\p{N}_.]{3,}/u;

// DNI 12345678Z (also 12.345.678-Z) and NIE X1234567L: the letter is not checked, a mistyped one is still the person's.
const dni = /(?<![\p{L}\p{N}])\d{2}\.?\d{3}\.?\d{3} ?-? ?[TRWAGMYFPDXBNJZSQVHLCKE](?![\p{L}\p{N}])/iu;
const nie = /(?<![\p{L}\p{N}])[XYZ] ?-? ?\d{7} ?-? ?[TRWAGMYFPDXBNJZSQVHLCKE](?![\p{L}\p{N}])/iu;

// Two letters, two check digits, then the account in groups of four (or not): ES91 2100 0418 4502 0005 1332.
const iban = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\p{L}\p{N}])/iu;

// A run of digits joined by what people put between them in a phone number: spaces, dots, dashes, brackets.
const digitRun = /\+?\(?\+?\d(?:[ \u00A0\u202F.()-]{0,3}\d)+/g;
// Dates and times are numbers with dots and dashes too; they are taken out before the runs are read.
const dates = /(?<![\d.-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}([./-])\d{1,2}\1\d{2,4})(?![.-]?\d)/g;
const year = /^(?:19|20)\d\d$/;
const compactDate = /^(?:(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d\d)$/;
const localGrouping = /^(?:\d{4}([ .-])\d{4}|\d\d([ .-])\d\d\2\d\d\2\d\d)$/;

function isPhone(run: string): boolean {
  const digits = run.replace(/\D/g, '');
  const groups = run.split(/\D+/).filter(Boolean);
  // A list of years ("2025-2026 2027") is not a number anyone calls.
  if (groups.length > 1 && groups.every((g) => year.test(g))) return false;
  if (run.trimStart().replace('(', '').startsWith('+') || digits.startsWith('00')) return digits.length >= 8 && digits.length <= 15;
  // Spanish numbers: nine digits, mobiles from 6 or 7, landlines from 8 or 9 ("93 123 45 67", "612345678").
  if (digits.length === 9) return /^[6-9]/.test(digits);
  // Eight digits is a local number ("93123456", "9312 3456", "93 12 34 56"), written in one piece, in two fours or in
  // four pairs with the same thing between them; a compact date ("20260915") and hours ("10-13 15-19") are not.
  if (digits.length === 8) return !compactDate.test(digits) && (groups.length === 1 || localGrouping.test(run.trim()));
  // Ten digits or more is a number written the way of another country ("0612 345 678", "138 0013 8000").
  return digits.length >= 10 && digits.length <= 15;
}

function hasPhone(text: string): boolean {
  const withoutDates = text.replace(dates, ' § ');
  return [...withoutDates.matchAll(digitRun)].some((m) => isPhone(m[0]));
}

// A street with its number: a kind of street in any case, its name in capitals (with the small words between), a
// number. Names must start with a capital so that "a la plaça cada dilluns a les 10" stays ordinary text.
const anyCase = (word: string) => word.replace(/\p{L}/gu, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
const streetKinds = ['c/', 'c.', 'carrer', 'calle', 'avinguda', 'avenida', 'avda.', 'avda', 'av.', 'plaça', 'plaza', 'pl.', 'passeig', 'paseo', 'pg.', 'pº', 'rambla', 'ronda', 'travessera', 'travessia', 'travesía', 'via', 'vía', 'camí', 'camino', 'carretera', 'ctra.', 'rue', 'boulevard', 'street', 'st.', 'road', 'rd.', 'avenue', 'ave.', 'rua', 'strada', 'str.'];
const streetKind = `(?:${streetKinds.map((k) => anyCase(k.replace(/[./]/g, (c) => `\\${c}`))).join('|')})`;
const capitalised = String.raw`\p{Lu}[\p{L}'’.·-]*`;
const nameWord = String.raw`(?:${capitalised}|[dl]['’]${capitalised}|de|del|dels|la|les|el|els|los|las|i|y|des|du|of|the|da|do|dos)`;
// After the number: not a year, a time or an amount, and not a word that shows it counts something ("3 famílies"),
// unless the word is a floor or a door ("12 baixos").
// A floor and a door after the number ("12 3r 2a", "5 2º") are still the address.
const floor = String.raw`\d{1,2}(?:r|n|t|è|er|o|a|º|ª|°)(?![\p{L}\p{N}])`;
const notACount = String.raw`(?! ?(?:h\b|:|kg|€|%|(?!${floor})\d))(?! (?!(?:baixos?|bajos?|piso|pis|principal|àtic|ático|bis|local|porta|puerta|escala|esc)(?!\p{L}))\p{Ll}{3,})`;
// "carrer tallat 10 a 14 h": hours from and to, not a number on a door.
const notARange = String.raw`(?! ?(?:a|al|i|y|to|fins a|hasta|-) ?\d)`;
const address = new RegExp(String.raw`(?<!\p{L})${streetKind}(?!\p{L}) ?(?:${nameWord} ?){1,6},? ?(?:[nN][º°oO]\.? ?|[nN][úu]m\.? ?)?(?!(?:19|20)\d\d(?!\d))\d{1,4}${notACount}${notARange}`, 'u');

// The same typed all in lower case ("carrer de mallorca 401", "c/ aragó 12 3r 2a"), for the kinds of street people
// write before the name: one to three words of a name, none of them one that says when ("plaça cada dilluns a les 10")
// or for whom, and only the small words of a name between them.
const lowerStreetKinds = ['c/', 'c.', 'carrer', 'calle', 'avinguda', 'avenida', 'avda.', 'avda', 'av.', 'plaça', 'plaza', 'pl.', 'passeig', 'paseo', 'pg.', 'pº', 'rambla', 'travessera', 'travessia', 'travesía', 'camí', 'carretera', 'ctra.', 'rue', 'rua', 'strada'];
const lowerStreetKind = `(?:${lowerStreetKinds.map((k) => anyCase(k.replace(/[./]/g, (c) => `\\${c}`))).join('|')})`;
const particle = String.raw`(?:(?:de|del|dels|de la|de les|la|les|el|els|los|las|i|y|da|do|dos) |[dl]['’])`;
const notAName = String.raw`(?:cada|per|para|por|amb|con|sin|sense|fins|hasta|desde|des|entre|dia|día|dies|días|dilluns|dimarts|dimecres|dijous|divendres|dissabte|diumenge|lunes|martes|miércoles|jueves|viernes|sábado|domingo|tots|todos|todas|totes|cap|número|num|núm)`;
const lowerName = String.raw`(?!${notAName}(?!\p{L}))\p{L}[\p{L}'’·-]{2,}`;
const lowerCaseAddress = new RegExp(String.raw`(?<!\p{L})${lowerStreetKind}(?!\p{L}) ?${particle}{0,2}${lowerName}(?: ?${particle}{0,2}${lowerName}){0,2},? ?(?:[nN][º°oO]\.? ?|[nN][úu]m\.? ?)?(?!(?:19|20)\d\d(?!\d))\d{1,4}${notACount}${notARange}`, 'u');

// "12 rue de la Paix", "221B Baker Street": the number first, then the kind of street and a name with a capital.
const numberFirstAddress = new RegExp(String.raw`(?<![\p{L}\p{N}])\d{1,4}\p{L}?,? (?:${streetKind}(?!\p{L}) (?:${nameWord} ){0,5}${capitalised}|(?:${capitalised} ){1,3}${streetKind}(?!\p{L}))`, 'u');

/** The kinds of contact detail or identity number in the text; empty when there are none. */
export function contactDetailsIn(text: string): ContactKind[] {
  const s = normalised(text);
  const found: ContactKind[] = [];
  if (email.test(s) || spelledEmail.test(s)) found.push('email');
  if (personalLink.test(s) || handle.test(s.replace(email, ' '))) found.push('handle');
  if (dni.test(s) || nie.test(s)) found.push('identity-number');
  if (iban.test(s) && s.match(iban)![0].replace(/\D/g, '').length >= 10) found.push('iban');
  // An identity number's eight digits are not a local phone number.
  if (hasPhone(s.replace(iban, ' ').replace(dni, ' ').replace(nie, ' '))) found.push('phone');
  if (address.test(s) || lowerCaseAddress.test(s) || numberFirstAddress.test(s)) found.push('address');
  return found;
}
