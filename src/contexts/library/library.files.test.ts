// What the library accepts as a file: the name's extension says what it claims to be, the bytes must be that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLibraryFile, cleanFileName, maxLibraryFileBytes } from './library.files.ts';

const pdf = Buffer.from('%PDF-1.7\n%%EOF\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

test('a PDF, an image, an office document and UTF-8 text are accepted by their content', () => {
  assert.deepEqual(checkLibraryFile('guia.pdf', pdf, false), { ok: true, name: 'guia.pdf', mediaType: 'application/pdf', bytes: pdf });
  assert.equal(checkLibraryFile('Mapa.PNG', png, false).ok, true);
  assert.equal(checkLibraryFile('fitxa.odt', Buffer.from('PK\u0003\u0004rest'), false).ok, true);
  const csv = checkLibraryFile('dades.csv', Buffer.from('districte,persones\nCiutat Vella,12\n'), false);
  assert.ok(csv.ok && csv.mediaType.startsWith('text/csv'));
});

test('a name that lies about the content, an unknown type, an empty or too large file are refused', () => {
  assert.deepEqual(checkLibraryFile('guia.pdf', Buffer.from('MZ\u0090\u0000 a Windows program'), false), { ok: false, error: 'content' });
  assert.deepEqual(checkLibraryFile('foto.jpg', pdf, false), { ok: false, error: 'content' });
  assert.deepEqual(checkLibraryFile('notes.txt', Buffer.from([0x66, 0x00, 0x67]), false), { ok: false, error: 'content' });
  assert.deepEqual(checkLibraryFile('notes.txt', Buffer.from([0xff, 0xfe, 0x41]), false), { ok: false, error: 'content' });
  assert.deepEqual(checkLibraryFile('setup.exe', pdf, false), { ok: false, error: 'type' });
  assert.deepEqual(checkLibraryFile('page.html', Buffer.from('<script>alert(1)</script>'), false), { ok: false, error: 'type' });
  assert.deepEqual(checkLibraryFile('buit.pdf', Buffer.alloc(0), false), { ok: false, error: 'content' });
  assert.deepEqual(checkLibraryFile('gran.pdf', pdf, true), { ok: false, error: 'size' });
  assert.deepEqual(checkLibraryFile('gran.pdf', Buffer.concat([pdf, Buffer.alloc(maxLibraryFileBytes)]), false), { ok: false, error: 'size' });
  assert.deepEqual(checkLibraryFile('.pdf', pdf, false), { ok: false, error: 'name' });
});

test('a file name loses its path, control characters and quotes', () => {
  assert.equal(cleanFileName('C:\\Users\\marta\\guia.pdf'), 'guia.pdf');
  assert.equal(cleanFileName('../../etc/"passwd"\u0000.txt'), 'passwd.txt');
  assert.equal(cleanFileName('  informe\r\nfinal.pdf '), 'informefinal.pdf');
});
