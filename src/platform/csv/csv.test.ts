// Every export goes through writeCsv: a cell a spreadsheet would run as a formula is written as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { neutraliseCell, writeCsv } from './csv.ts';

test('cells that begin with =, +, -, @, tab or carriage return are prefixed with an apostrophe', () => {
  for (const attack of ['=HYPERLINK("http://evil.example","click")', '+1+cmd|calc', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
    assert.equal(neutraliseCell(attack), `'${attack}`);
  }
  const [row] = parse(writeCsv([['=HYPERLINK("http://evil.example")', 'Fundació', -3, '-0.25', '12']])) as string[][];
  assert.deepEqual(row, [`'=HYPERLINK("http://evil.example")`, 'Fundació', '-3', '-0.25', '12']);
});

test('a header row, line ends and quoting', () => {
  assert.equal(writeCsv([['a', null]], { columns: ['x', 'y'], lineEnd: 'unix' }), 'x,y\na,\n');
  assert.equal(writeCsv([['a\nb']], { lineEnd: 'windows', quotedMatch: /[\r\n]/ }), '"a\nb"\r\n');
});
