// People type digits in their own script: Arabic-Indic (٠١٢), Extended Arabic-Indic (۰۱۲, Urdu and Persian),
// Devanagari, full-width (０１２)… Every field that expects a number passes its text through asciiDigits first.

const decimalDigit = /\p{Nd}/u;
const decimalDigits = /\p{Nd}/gu;

/**
 * The value 0–9 of one Unicode decimal digit. Unicode encodes every Nd digit in contiguous runs of ten, in
 * ascending order from zero (a stability guarantee), so the value is the distance from the run's start, mod 10.
 */
function digitValue(codePoint: number): number {
  let start = codePoint;
  while (start > 0 && decimalDigit.test(String.fromCodePoint(start - 1))) start -= 1;
  return (codePoint - start) % 10;
}

const cache = new Map<string, string>();

/** The text with every Unicode decimal digit of any script replaced by its ASCII digit; everything else kept. */
export function asciiDigits(text: string): string {
  return text.replace(decimalDigits, (digit) => {
    let ascii = cache.get(digit);
    if (ascii === undefined) {
      ascii = String(digitValue(digit.codePointAt(0)!));
      cache.set(digit, ascii);
    }
    return ascii;
  });
}

/**
 * A number typed in a form: digits of any script, the Arabic decimal separator (٫) or a comma as the decimal
 * point, the Arabic minus and thousands separators tolerated. NaN when it is not a number.
 */
export function parseTypedNumber(text: string): number {
  const cleaned = asciiDigits(text.trim())
    .replace(/[\u066C\u2009\u202F\u00A0 ]/g, '')
    .replace(/[\u066B,]/g, '.')
    .replace(/^[\u2212\u2012\u2013]/, '-');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return Number.NaN;
  return Number(cleaned);
}
