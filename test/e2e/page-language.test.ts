// A page is in one language or says so: in a zh, ar, ur or uk page, no text outside an element marked with
// its own `lang` may be written in Latin script (English left untranslated, Catalan data unmarked). Proper
// names that are the same in every language (the platform's, a territory's) and key names are allowed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openContext, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

/** Words written the same in every script: the platform's name, the demo territories', the Shift key; and an
 * acronym in brackets after its expansion. */
const sameInEveryLanguage = ['Coproduce', 'Barcelona', 'Fuenlabrada', 'Shift', 'API', 'Atom'];

/**
 * Text on the page, outside any element with its own lang, that is in Latin script. Written as a string: the
 * test runner's compiler would otherwise wrap the browser-side functions in a helper the page does not have.
 */
const latinScript = `(allowed) => {
  const found = [];
  const pageLang = document.documentElement.lang;
  const marked = (el) => {
    const withLang = el && el.closest('[lang]');
    return Boolean(withLang && withLang.getAttribute('lang') !== pageLang);
  };
  // An acronym in brackets right after its expansion in the page's language ("… (SAIER)") is the name on the door.
  const strip = (text) => allowed.reduce((s, word) => s.split(word).join(' '), text).replace(/[^\\s(]{2,}[^(]*\\((\\p{Lu}{2,8})\\)/gu, (m, acronym) => m.replace(acronym, ' '));
  const latin = /\\p{Script=Latin}{2,}/u;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    // translate="no": a proper name (a person's), the same in every language.
    if (!parent || parent.closest('script, style, [hidden], [aria-hidden="true"], .antenna-hp, [translate="no"]') || marked(parent)) continue;
    if (latin.test(strip(node.textContent || ''))) found.push(parent.tagName.toLowerCase() + ': ' + (node.textContent || '').trim().slice(0, 80));
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
    if (marked(el)) continue;
    for (const name of ['aria-label', 'title', 'alt', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value && latin.test(strip(value))) found.push(el.tagName.toLowerCase() + '[' + name + ']: ' + value.slice(0, 80));
    }
  }
  return found;
}`;

function latinOutsideLang(page: Page, allowed: string[]): Promise<string[]> {
  return page.evaluate(`(${latinScript})(${JSON.stringify(allowed)})`) as Promise<string[]>;
}

const locales = ['zh', 'ar', 'ur', 'uk'];

async function problemsOn(locale: string, visit: (page: Page, check: (label: string) => Promise<void>) => Promise<void>): Promise<string[]> {
  const context = await openContext(browser, { locale, width: 1024 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  await visit(page, async (label) => {
    assert.equal(await page.getAttribute('html', 'lang'), locale, `${label} says it is in ${locale}`);
    for (const found of await latinOutsideLang(page, sameInEveryLanguage)) problems.push(`${label} — ${found}`);
  });
  await context.close();
  return problems;
}

for (const locale of locales) {
  test(`every antenna page in ${locale} has no Latin-script text outside lang-marked elements`, async () => {
    const problems = await problemsOn(locale, async (page, check) => {
      await page.goto(`/${locale}/t/barcelona/antenna`);
      await check('antenna start');
      await Promise.all([page.waitForLoadState('load'), page.locator('main form[method="post"] button[type="submit"]').click()]);
      for (const step of ['service', 'story', 'when', 'where', 'grounds', 'before', 'wishes', 'contact']) {
        await page.goto(`/${locale}/t/barcelona/antenna/report/${step}`);
        await check(`antenna ${step}`);
      }
      await page.goto(`/${locale}/t/barcelona/antenna/follow`);
      await check('antenna follow');
    });
    assert.deepEqual(problems, [], `${problems.length} Latin-script texts in ${locale} antenna pages`);
  });

  // Data in the territory's own language (city, district names, titles typed in Catalan) is marked with its lang.
  test(`the home and territory pages in ${locale} have no Latin-script text outside lang-marked elements`, async () => {
    const problems = await problemsOn(locale, async (page, check) => {
      await page.goto(`/${locale}/`);
      await check('home');
      await page.goto(`/${locale}/t/barcelona`);
      await check('territory');
    });
    assert.deepEqual(problems, [], `${problems.length} Latin-script texts in ${locale} home and territory pages`);
  });
}

// The people in the field are residents: the auditor's pages speak their language; the questionnaire's and the
// catalogue's texts that have no translation show in their own language, marked with it.
for (const locale of ['ur', 'zh']) {
  test(`the audit's enrolment and an auditor's visit in ${locale} have no Latin-script text outside lang-marked elements`, async () => {
    const problems = await problemsOn(locale, async (page, check) => {
      await page.goto(`/${locale}/t/barcelona/audits/join`);
      await check('enrolment start');
    });
    const page = await signInAs(browser, 'auditor@coproduce.example', `/${locale}/t/barcelona/audits/visits`, { locale, width: 1024 });
    const check = async (label: string) => {
      assert.equal(await page.getAttribute('html', 'lang'), locale, `${label} says it is in ${locale}`);
      for (const found of await latinOutsideLang(page, sameInEveryLanguage)) problems.push(`${label} — ${found}`);
    };
    await check('visits');
    const part = await page.locator('main a[href*="/sections/1"]').first().getAttribute('href');
    assert.ok(part, 'the auditor has a visit to open');
    await page.goto(part);
    await check('visit, part 1');
    await page.goto(part.replace(/\/sections\/1$/, '/check'));
    await check('visit, check answers');
    await page.context().close();
    assert.deepEqual(problems, [], `${problems.length} Latin-script texts in ${locale} auditor pages`);
  });
}
