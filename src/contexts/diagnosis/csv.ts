// The diagnosis's one CSV writer (open data and research extracts), on the project's CSV library.
import { stringify } from 'csv-stringify/sync';

export type CsvValue = string | number | null;

/**
 * Lines of CSV (RFC 4180 quoting; null is an empty field), each ended by `lineEnd`. A field with any
 * line break is quoted, whichever line end the file uses.
 */
export function csvLines(rows: CsvValue[][], lineEnd: '\r\n' | '\n' = '\r\n'): string {
  return stringify(rows, { record_delimiter: lineEnd === '\r\n' ? 'windows' : 'unix', quoted_match: /[\r\n]/ });
}
