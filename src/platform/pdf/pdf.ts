// HTML to PDF with Chromium: one shared headless browser, JavaScript off, nothing fetched but the page itself
// and its /assets/… from the public folder (print CSS applies). No domain knowledge: contexts keep their PDFs.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { publicDir } from '../views/render.tsx';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const origin = 'http://coproduce.pdf';
const contentTypes: Record<string, string> = { '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

let browser: Promise<Browser> | null = null;

function sharedBrowser(): Promise<Browser> {
  // playwright-core is loaded with the first PDF, not with the server (about 70 MB).
  browser ??= import('playwright-core')
    .then(({ chromium }) => chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] }))
    .catch((error) => {
      browser = null;
      throw error;
    });
  return browser;
}

export async function closePdfBrowser(): Promise<void> {
  const current = browser;
  browser = null;
  if (current) await (await current).close().catch(() => undefined);
}

/** Renders an HTML document to an A4 PDF; its /assets/… are served from the public folder, nothing else is fetched. */
export async function htmlToPdf(html: string, pagePath: string): Promise<Buffer> {
  const context = await (await sharedBrowser()).newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== origin) return route.abort();
      if (url.pathname === pagePath) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      if (url.pathname.startsWith('/assets/')) {
        const file = path.resolve(publicDir, `.${url.pathname.slice('/assets'.length)}`);
        if (file.startsWith(publicDir + path.sep) && fs.existsSync(file)) {
          return route.fulfill({ status: 200, contentType: contentTypes[path.extname(file)] ?? 'application/octet-stream', body: fs.readFileSync(file) });
        }
      }
      return route.abort();
    });
    await page.goto(`${origin}${pagePath}`, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' } });
  } finally {
    await context.close();
  }
}

const rendering = new Map<string, Promise<Buffer>>();

/**
 * Renders a page to PDF once for every request that asks for `key` at the same time, and hands the file to `store`
 * (the context keeps it where its readers find it) before answering them all.
 */
export function renderPdfOnce(key: string, render: () => { html: string; path: string } | Promise<{ html: string; path: string }>, store: (pdf: Buffer) => Promise<unknown>): Promise<Buffer> {
  let pending = rendering.get(key);
  if (!pending) {
    pending = (async () => {
      const { html, path: pagePath } = await render();
      const pdf = await htmlToPdf(html, pagePath);
      await store(pdf);
      return pdf;
    })().finally(() => rendering.delete(key));
    rendering.set(key, pending);
  }
  return pending;
}
