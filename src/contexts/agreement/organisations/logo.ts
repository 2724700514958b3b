// Logos: only PNG and JPEG (recognised by their bytes, not by what the browser says), with every
// metadata chunk removed (EXIF with GPS position, XMP, comments, text chunks) before they are stored.

export const maxLogoBytes = 512 * 1024;

export type LogoResult = { ok: true; contentType: 'image/png' | 'image/jpeg'; bytes: Buffer } | { ok: false; error: 'type' | 'size' | 'damaged' };

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks needed to draw the image; everything else (tEXt, iTXt, zTXt, eXIf, tIME…) is dropped. */
const pngKept = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'pHYs', 'bKGD']);

export function stripPng(input: Buffer): Buffer | null {
  if (!input.subarray(0, 8).equals(pngSignature)) return null;
  const parts: Buffer[] = [pngSignature];
  let at = 8;
  let sawEnd = false;
  while (at + 12 <= input.length) {
    const length = input.readUInt32BE(at);
    const type = input.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > input.length) return null;
    if (pngKept.has(type)) parts.push(input.subarray(at, end));
    at = end;
    if (type === 'IEND') {
      sawEnd = true;
      break;
    }
  }
  return sawEnd ? Buffer.concat(parts) : null;
}

/** Keeps JFIF (APP0) and Adobe (APP14, colour transform); drops APP1–APP13, APP15 (EXIF, XMP, ICC, IPTC) and comments. */
export function stripJpeg(input: Buffer): Buffer | null {
  if (input.length < 4 || input[0] !== 0xff || input[1] !== 0xd8) return null;
  const parts: Buffer[] = [input.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= input.length) {
    if (input[at] !== 0xff) return null;
    const marker = input[at + 1]!;
    if (marker === 0xff) {
      at++;
      continue;
    }
    const length = input.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > input.length) return null;
    if (marker === 0xda) {
      // Start of scan: the compressed image follows up to the end; copy it as it is.
      parts.push(input.subarray(at));
      return Buffer.concat(parts);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const dropped = marker === 0xfe || (isApp && marker !== 0xe0 && marker !== 0xee);
    if (!dropped) parts.push(input.subarray(at, end));
    at = end;
  }
  return null;
}

export function prepareLogo(input: Buffer): LogoResult {
  if (input.length > maxLogoBytes) return { ok: false, error: 'size' };
  if (input.subarray(0, 8).equals(pngSignature)) {
    const bytes = stripPng(input);
    return bytes ? { ok: true, contentType: 'image/png', bytes } : { ok: false, error: 'damaged' };
  }
  if (input[0] === 0xff && input[1] === 0xd8) {
    const bytes = stripJpeg(input);
    return bytes ? { ok: true, contentType: 'image/jpeg', bytes } : { ok: false, error: 'damaged' };
  }
  return { ok: false, error: 'type' };
}
