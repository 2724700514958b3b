import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { maxLogoBytes, prepareLogo } from './logo.ts';

function crc32(buffer: Buffer): number {
  let c = ~0;
  for (const byte of buffer) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** A 1×1 PNG with a text chunk carrying a name and an eXIf chunk carrying a GPS position. */
function pngWithMetadata(): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from('Author\0Maria Garcia Lopez', 'latin1')),
    chunk('eXIf', Buffer.from('GPS 41.3851 2.1734', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
/** A minimal JPEG skeleton: SOI, APP0 JFIF, APP1 Exif, COM, DQT, SOS with data, EOI. */
function jpegWithMetadata(): Buffer {
  const segment = (marker: number, payload: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([head, payload]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, Buffer.from('Exif\0\0GPS 41.3851 2.1734 Camera Owner Maria', 'latin1')),
    segment(0xfe, Buffer.from('comment: taken at home', 'latin1')),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x12, 0x34, 0x56, 0xff, 0xd9]),
  ]);
}

test('a PNG keeps its image chunks and loses its text and EXIF chunks', () => {
  const result = prepareLogo(pngWithMetadata());
  assert.ok(result.ok);
  assert.equal(result.contentType, 'image/png');
  const text = result.bytes.toString('latin1');
  for (const kept of ['IHDR', 'IDAT', 'IEND']) assert.ok(text.includes(kept), kept);
  for (const gone of ['tEXt', 'Maria', 'eXIf', 'GPS']) assert.ok(!text.includes(gone), gone);
});

test('a JPEG keeps JFIF, tables and the scan, and loses EXIF and comments', () => {
  const input = jpegWithMetadata();
  const result = prepareLogo(input);
  assert.ok(result.ok);
  assert.equal(result.contentType, 'image/jpeg');
  const text = result.bytes.toString('latin1');
  assert.ok(text.includes('JFIF'));
  for (const gone of ['Exif', 'GPS', 'Maria', 'comment']) assert.ok(!text.includes(gone), gone);
  assert.deepEqual([...result.bytes.subarray(-5)], [0x12, 0x34, 0x56, 0xff, 0xd9]);
});

test('anything else is refused: other types (SVG can carry scripts), oversized files, damaged files', () => {
  assert.deepEqual(prepareLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), { ok: false, error: 'type' });
  assert.deepEqual(prepareLogo(Buffer.concat([pngWithMetadata(), Buffer.alloc(maxLogoBytes)])), { ok: false, error: 'size' });
  assert.deepEqual(prepareLogo(pngWithMetadata().subarray(0, 40)), { ok: false, error: 'damaged' });
  assert.deepEqual(prepareLogo(jpegWithMetadata().subarray(0, 30)), { ok: false, error: 'damaged' });
});
