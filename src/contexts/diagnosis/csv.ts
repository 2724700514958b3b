// The diagnosis's one CSV writer (open data and research extracts), on the project's CSV library.
import { writeCsv } from '../../platform/csv/csv.ts';

export type CsvValue = string | number | null;

/**
 * Lines of CSV (RFC 4180 quoting; null is an empty field), each ended by `lineEnd`. A field with any
 * line break is quoted, whichever line end the file uses.
 */
export function csvLines(rows: CsvValue[][], lineEnd: '\r\n' | '\n' = '\r\n'): string {
  return writeCsv(rows, { lineEnd: lineEnd === '\r\n' ? 'windows' : 'unix', quotedMatch: /[\r\n]/ });
}
