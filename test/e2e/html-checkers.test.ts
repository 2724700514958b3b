// Two checkers besides axe, on a sample of every kind of public page, found from the front page as a visitor
// finds them: the Nu HTML Checker (vnu.jar, Java) for valid HTML, and IBM's Equal Access engine for WCAG 2.2.
// Both must report 0 errors. Pages are taken in Catalan, Arabic (right to left) and Chinese.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser } from './support.ts';

const require = createRequire(import.meta.url);
const vnuJar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
const aceSource = fs.readFileSync(require.resolve('accessibility-checker-engine/ace.js'), 'utf8');
const locales = ['ca', 'ar', 'zh'];

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

/** The links of a page's main content that stay on this site, without fragments. */
function linksOf(html: string, within: RegExp): string[] {
  const part = within.exec(html)?.[0] ?? '';
  return [...part.matchAll(/href="(\/[^"#]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

/**
 * The pages a visitor reaches from the front page: home, each territory's portal, every way in it offers
 * (the Agreement, directory, challenges, audit, antenna, diagnosis, plans…), and one page further in each.
 */
async function publicPages(locale: string): Promise<string[]> {
  const pages = new Set<string>([`/${locale}/`, `/${locale}/account/sign-in`]);
  const get = async (url: string) => (await fetch(new URL(url, baseUrl))).text();
  const home = await get(`/${locale}/`);
  const territories = [...new Set(linksOf(home, /<main[\s\S]*<\/main>/).filter((l) => /^\/[a-z]{2}\/t\/[a-z0-9-]+$/.test(l)))].slice(0, 2);
  for (const territory of territories) {
    pages.add(territory);
    const portal = await get(territory);
    const entries = [...new Set(linksOf(portal, /<section aria-labelledby="ways-in">[\s\S]*?<\/section>/))];
    for (const entry of entries) {
      pages.add(entry);
      const inner = linksOf(await get(entry), /<main[\s\S]*<\/main>/).find((l) => l.startsWith(entry + '/') && !/\.(csv|json|ics|atom|pdf|xlsx)$/.test(l));
      if (inner && !inner.endsWith('/exit')) pages.add(inner);
    }
  }
  return [...pages];
}

test('the Nu HTML Checker finds no error on the public pages in ca, ar and zh', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-vnu-'));
  const files = new Map<string, string>();
  for (const locale of locales) {
    for (const page of await publicPages(locale)) {
      const response = await fetch(new URL(page, baseUrl));
      assert.equal(response.status, 200, `${page} answers 200`);
      const file = path.join(dir, `${files.size}.html`);
      fs.writeFileSync(file, await response.text());
      files.set(file, page);
    }
  }
  assert.ok(files.size >= 20, `at least 20 pages checked (${files.size})`);
  // A known-bad document in the same run shows that the checker and this filter do find errors.
  const bad = path.join(dir, 'known-bad.html');
  fs.writeFileSync(bad, '<!doctype html><html lang="ca"><head><title>x</title></head><body><p><div>x</div></p><span id="a"></span><span id="a"></span></body></html>');
  files.set(bad, 'known-bad');
  // One Java process for every file; messages as JSON on standard output.
  const out = execFileSync('java', ['-jar', vnuJar, '--format', 'json', '--stdout', '--exit-zero-always', ...files.keys()], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const messages = (JSON.parse(out) as { messages: { type: string; subType?: string; url: string; message: string; extract?: string; lastLine?: number }[] }).messages;
  const errors = messages
    .filter((m) => m.type === 'error' || (m.type === 'non-document-error'))
    .map((m) => `${files.get(m.url.replace(/^file:/, '')) ?? m.url}:${m.lastLine ?? '?'} ${m.message} ${m.extract?.trim().slice(0, 80) ?? ''}`);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.ok(errors.filter((e) => e.startsWith('known-bad:')).length >= 2, 'the checker finds the known-bad document\'s errors');
  const real = errors.filter((e) => !e.startsWith('known-bad:'));
  assert.deepEqual(real, [], `${real.length} HTML errors`);
});

test('IBM Equal Access finds no WCAG 2.2 violation on the public pages in ca, ar and zh', async () => {
  // The engine is injected into the page: the strict CSP would refuse it, so this context bypasses it.
  const context = await browser.newContext({ baseURL: baseUrl, bypassCSP: true, viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  let checked = 0;
  const check = `(async () => {
    const report = await new ace.Checker().check(document, ['WCAG_2_2']);
    return report.results
      .filter((r) => r.value[0] === 'VIOLATION' && r.value[1] === 'FAIL')
      .map((r) => r.ruleId + ': ' + r.message + ' — ' + (r.snippet || '').slice(0, 100));
  })()`;
  // A known-bad page first: an image without a text alternative and a field without a label must be found.
  await page.setContent('<!doctype html><html lang="ca"><head><title>x</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>');
  await page.evaluate(aceSource);
  assert.ok(((await page.evaluate(check)) as string[]).length >= 2, 'the engine finds the known-bad page\'s violations');
  for (const locale of locales) {
    for (const url of await publicPages(locale)) {
      await page.goto(url);
      await page.evaluate(aceSource);
      const found = (await page.evaluate(check)) as string[];
      checked++;
      for (const f of found) problems.push(`${url} — ${f}`);
    }
  }
  await context.close();
  assert.ok(checked >= 20, `at least 20 pages checked (${checked})`);
  assert.deepEqual(problems, [], `${problems.length} WCAG 2.2 violations`);
});
