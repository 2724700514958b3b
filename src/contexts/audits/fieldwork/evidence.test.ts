import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { cleanEvidence, maxEvidenceBytes } from './evidence.ts';

test('a photo loses its EXIF and GPS metadata and keeps its orientation', async () => {
  const photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#c33' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Artist: 'Auditor A-07' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 23/1 0/1' } })
    .toBuffer();
  const before = await sharp(photo).metadata();
  assert.ok(before.exif, 'the test photo carries EXIF');
  assert.match(photo.toString('latin1'), /Auditor A-07/);
  const cleaned = await cleanEvidence(photo, 'image/jpeg');
  assert.equal(cleaned.ok, true);
  if (!cleaned.ok) return;
  const after = await sharp(cleaned.content).metadata();
  assert.equal(after.exif, undefined);
  assert.equal(after.xmp, undefined);
  assert.equal(after.iptc, undefined);
  assert.doesNotMatch(cleaned.content.toString('latin1'), /Auditor A-07|GPS/);
  // Orientation 6 (rotated 90°) is applied before the tag is dropped: 40×20 becomes 20×40.
  assert.equal(after.width, 20);
  assert.equal(after.height, 40);
});

test('other file types, fakes and oversized files are refused', async () => {
  assert.deepEqual(await cleanEvidence(Buffer.from('MZ...'), 'application/x-msdownload'), { ok: false, error: 'type' });
  assert.deepEqual(await cleanEvidence(Buffer.from('not really a jpeg'), 'image/jpeg'), { ok: false, error: 'unreadable' });
  assert.deepEqual(await cleanEvidence(Buffer.from('<html>'), 'application/pdf'), { ok: false, error: 'unreadable' });
  assert.deepEqual(await cleanEvidence(Buffer.alloc(maxEvidenceBytes + 1), 'image/png'), { ok: false, error: 'size' });
});
