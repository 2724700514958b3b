// Evidence files: images are re-encoded without their metadata (EXIF, GPS, XMP, IPTC), keeping the
// orientation they were taken in; PDFs are kept as sent. Anything else is refused.
import sharp from 'sharp';

export const maxEvidenceBytes = 8 * 1024 * 1024;
const imageTypes = new Map([
  ['image/jpeg', 'jpeg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
]);

export type CleanedFile = { ok: true; mediaType: string; content: Buffer } | { ok: false; error: 'type' | 'size' | 'unreadable' };

export async function cleanEvidence(content: Buffer, declaredType: string): Promise<CleanedFile> {
  if (content.length === 0 || content.length > maxEvidenceBytes) return { ok: false, error: 'size' };
  if (declaredType === 'application/pdf') {
    return content.subarray(0, 5).toString('latin1') === '%PDF-' ? { ok: true, mediaType: 'application/pdf', content } : { ok: false, error: 'unreadable' };
  }
  if (!imageTypes.has(declaredType)) return { ok: false, error: 'type' };
  try {
    const image = sharp(content, { failOn: 'error', limitInputPixels: 40_000_000 });
    const { format } = await image.metadata();
    const kept = format && ['jpeg', 'png', 'webp'].includes(format) ? format : null;
    if (!kept) return { ok: false, error: 'type' };
    // sharp writes no metadata unless asked to; rotate() applies the EXIF orientation before it is dropped.
    const cleaned = await image.rotate().resize({ width: 2400, height: 2400, fit: 'inside', withoutEnlargement: true }).toFormat(kept as 'jpeg').toBuffer();
    return { ok: true, mediaType: `image/${kept}`, content: cleaned };
  } catch {
    return { ok: false, error: 'unreadable' };
  }
}
