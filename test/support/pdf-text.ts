// The text a reader sees in a PDF (the platform's own, written by Chromium), read with unpdf (Mozilla's PDF.js for
// servers): to check in a test what a PDF says.
import { extractText, getDocumentProxy } from 'unpdf';

/** The PDF's text, its pages one after the other. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: true });
  return text;
}
