// What the library accepts as a file: a few document and image types, recognised by their bytes. The name's
// extension says what the file claims to be; its content must be that (a "guide.pdf" that is not a PDF is refused).

export const maxLibraryFileBytes = 10 * 1024 * 1024;
export const maxFilesPerItem = 5;

type Check = (bytes: Buffer) => boolean;
const startsWith = (signature: number[]) => (bytes: Buffer) => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
const zip = startsWith([0x50, 0x4b, 0x03, 0x04]);
/** Text: valid UTF-8 with no NUL and no other control characters than tab, line feed and carriage return. */
const text: Check = (bytes) => {
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(decoded);
};

const accepted: Record<string, { mediaType: string; check: Check }> = {
  pdf: { mediaType: 'application/pdf', check: startsWith([0x25, 0x50, 0x44, 0x46, 0x2d]) },
  png: { mediaType: 'image/png', check: startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { mediaType: 'image/jpeg', check: startsWith([0xff, 0xd8, 0xff]) },
  jpeg: { mediaType: 'image/jpeg', check: startsWith([0xff, 0xd8, 0xff]) },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', check: zip },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', check: zip },
  odp: { mediaType: 'application/vnd.oasis.opendocument.presentation', check: zip },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', check: zip },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', check: zip },
  pptx: { mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', check: zip },
  csv: { mediaType: 'text/csv; charset=utf-8', check: text },
  txt: { mediaType: 'text/plain; charset=utf-8', check: text },
};

/** For the file input's accept attribute. */
export const acceptedExtensions = Object.keys(accepted).map((e) => `.${e}`);

export type CheckedFile = { ok: true; name: string; mediaType: string; bytes: Buffer } | { ok: false; error: 'type' | 'size' | 'content' | 'name' };

/** A file name people can read and that is safe in a Content-Disposition header: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(-120);
}

export function checkLibraryFile(name: string, bytes: Buffer, truncated: boolean): CheckedFile {
  const clean = cleanFileName(name);
  if (!clean || clean.startsWith('.')) return { ok: false, error: 'name' };
  if (truncated || bytes.length > maxLibraryFileBytes) return { ok: false, error: 'size' };
  if (bytes.length === 0) return { ok: false, error: 'content' };
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(clean)?.[1]?.toLowerCase();
  const rule = extension ? accepted[extension] : undefined;
  if (!rule) return { ok: false, error: 'type' };
  if (!rule.check(bytes)) return { ok: false, error: 'content' };
  return { ok: true, name: clean, mediaType: rule.mediaType, bytes };
}
