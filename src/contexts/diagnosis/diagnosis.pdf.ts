// PDFs of published diagnoses, rendered by Chromium from the very HTML of the public page (print
// CSS applies), kept in the database per language: a published diagnosis never changes.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { htmlToPdf } from '../../platform/pdf/pdf.ts';
import { diagnosisPdf } from './diagnosis.schema.ts';

export { chromiumPath, closePdfBrowser, htmlToPdf } from '../../platform/pdf/pdf.ts';

const inFlight = new Map<string, Promise<Buffer>>();

/** The stored PDF, or one rendered now (once, even when asked for twice at the same time) and stored. */
export async function pdfFor(db: Db, diagnosisId: string, locale: string, render: () => Promise<{ html: string; path: string }>): Promise<Buffer> {
  const [stored] = await db.select().from(diagnosisPdf).where(and(eq(diagnosisPdf.diagnosisId, diagnosisId), eq(diagnosisPdf.locale, locale)));
  if (stored) return stored.pdf;
  const key = `${diagnosisId}|${locale}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = (async () => {
      const { html, path: pagePath } = await render();
      const pdf = await htmlToPdf(html, pagePath);
      await db.insert(diagnosisPdf).values({ diagnosisId, locale, pdf }).onConflictDoNothing();
      return pdf;
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}
