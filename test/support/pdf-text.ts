// The text a reader sees in a PDF that Chromium (Skia) wrote: each font's ToUnicode map applied to the glyph codes
// of the content streams' Tj/TJ operators. Enough to check what a PDF says in a test; not a general PDF reader.
import zlib from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(pdf: Buffer): Map<string, PdfObject> {
  const source = pdf.toString('latin1');
  const found = new Map<string, PdfObject>();
  for (const m of source.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('stream');
    if (at < 0) {
      found.set(m[1]!, { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
    let start = m.index + m[0].indexOf('stream') + 'stream'.length;
    if (source[start] === '\r') start++;
    if (source[start] === '\n') start++;
    const raw = pdf.subarray(start, start + length);
    found.set(m[1]!, { dict, stream: /\/FlateDecode/.test(dict) ? zlib.inflateSync(raw) : raw });
  }
  return found;
}

/** code (hex) → text, from a ToUnicode CMap's bfchar and bfrange sections. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(code!.toUpperCase(), utf16(text!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const first = parseInt(from!, 16);
      const base = parseInt(text!, 16);
      for (let code = first; code <= parseInt(to!, 16); code++) map.set(code.toString(16).toUpperCase().padStart(from!.length, '0'), String.fromCharCode(base + code - first));
    }
  }
  return map;
}

/** The PDF's text, page by page, one line per text block. */
export function pdfText(pdf: Buffer): string {
  const all = objects(pdf);
  const ref = (dict: string, key: string) => new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1];
  const lines: string[] = [];
  for (const page of [...all.values()].filter((o) => /\/Type \/Page\b/.test(o.dict))) {
    const fonts = new Map<string, Map<string, string>>();
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(page.dict)?.[1] ?? '';
    for (const [, name, id] of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const cmap = ref(all.get(id!)?.dict ?? '', 'ToUnicode');
      fonts.set(name!, cmap ? toUnicode(all.get(cmap)?.stream?.toString('latin1') ?? '') : new Map());
    }
    const contents = ref(page.dict, 'Contents');
    const stream = (contents && all.get(contents)?.stream?.toString('latin1')) ?? '';
    let font = new Map<string, string>();
    for (const block of stream.matchAll(/BT([\s\S]*?)ET/g)) {
      let line = '';
      for (const [, name, strings] of block[1]!.matchAll(/\/(\w+) [\d.]+ Tf|(<[0-9A-Fa-f\s]*>\s*Tj|\[[^\]]*\]\s*TJ)/g)) {
        if (name) {
          font = fonts.get(name) ?? new Map();
          continue;
        }
        for (const [, hex] of strings!.matchAll(/<([0-9A-Fa-f\s]*)>/g)) {
          const codes = hex!.replace(/\s/g, '').toUpperCase().match(/.{4}/g) ?? [];
          line += codes.map((c) => font.get(c) ?? '').join('');
        }
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}
