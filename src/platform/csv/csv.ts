// The one CSV writer of every export. A spreadsheet runs a cell that begins with =, +, -, @, tab or
// carriage return as a formula (OWASP "CSV injection"), so such text cells are prefixed with an
// apostrophe; numbers, and text that is only a number, are left as they are.
import { stringify, type Options } from 'csv-stringify/sync';

export type CsvCell = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

/** The text of a cell as a spreadsheet will not run it. */
export function neutraliseCell(value: string): string {
  return formulaStart.test(value) && !plainNumber.test(value) ? `'${value}` : value;
}

export interface CsvOptions {
  /** Column names written as the first line. */
  columns?: readonly string[];
  /** RFC 4180 uses CRLF (the default); 'unix' for LF. */
  lineEnd?: 'windows' | 'unix';
  /** Quote every field that matches, on top of the fields that need quoting. */
  quotedMatch?: RegExp;
  /** ',' by default; ';' for Decidim's files. */
  delimiter?: string;
}

/** Rows → CSV text, every text cell neutralised. */
export function writeCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const settings: Options = {
    cast: { string: (value: string) => neutraliseCell(value) },
    ...(options.lineEnd ? { record_delimiter: options.lineEnd } : {}),
    ...(options.quotedMatch ? { quoted_match: options.quotedMatch } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  };
  const body = rows.map((row) => [...row]);
  return stringify(options.columns ? [[...options.columns], ...body] : body, settings);
}
