// A page is in one language or says so: in a zh, ar, ur or uk page, no text outside an element marked with
// its own `lang` may be written in Latin script (English left untranslated, Catalan data unmarked). Proper
// names that are the same in every language (the platform's, a territory's) and key names are allowed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { demoPeoplePassword, launchBrowser, openContext, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

/** Words written the same in every script: the platform's name, the demo territories', the Shift key, file formats
 * (an upload's JPEG, PNG, WebP or PDF too) and calendar programs by their brand names, licence codes and Creative Commons' name (its Ukrainian licences keep
 * it in Latin letters), the LGBTI acronym and the symbols of file sizes (kB, MB, as kg or km); and an acronym in
 * brackets after its expansion. */
const sameInEveryLanguage = ['Coproduce', 'Barcelona', 'Fuenlabrada', 'Shift', 'API', 'Atom', 'CSV', 'JSON', 'JPEG', 'PNG', 'WebP', 'PDF', 'iCal', 'Google', 'Outlook', 'Apple', 'Thunderbird', 'Creative Commons', 'CC BY-SA', 'CC BY', 'LGBTI', 'kB', 'MB'];

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

/** The links in the page's main content, as a resident sees them (a string: see `latinScript`). */
async function linksOn(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('main a[href]')].map((a) => a.getAttribute('href'))`)) as string[];
}

/** Follows the first link in the main content whose path matches, as a resident would click it. */
async function follow(page: Page, pattern: RegExp, label: string, check: (label: string) => Promise<void>): Promise<string> {
  const href = (await linksOn(page)).find((h) => pattern.test(h.split(/[?#]/)[0] ?? ''));
  assert.ok(href, `${label}: ${page.url()} links to ${pattern}`);
  await page.goto(href);
  await check(label);
  return href;
}

/**
 * Every page a resident reaches from the front page: the territory's portal and each of its sections with one of
 * their items, the forum's portal, and the account pages a resident uses. Found by following links.
 */
async function residentPages(page: Page, locale: string, check: (label: string) => Promise<void>): Promise<void> {
  await page.goto(`/${locale}/`);
  await follow(page, /^\/[a-z]{2}\/t\/barcelona$/, 'territory portal', check);
  const portal = page.url();
  const section = async (name: string, item: RegExp | null) => {
    await page.goto(portal);
    await follow(page, new RegExp(`^/${locale}/t/barcelona/${name}$`), name, check);
    if (item) await follow(page, item, `${name}: one item`, check);
  };
  const id = '[0-9a-f-]{36}';
  await section('directory', new RegExp(`^/${locale}/organisations/${id}$`));
  await page.goto(portal);
  await follow(page, new RegExp(`^/${locale}/t/barcelona/directory$`), 'directory', async () => {});
  await page.fill('main input[name="q"]', 'habitatge');
  await Promise.all([page.waitForURL(/[?&]q=habitatge/), page.locator('main form.filters button[type="submit"]').first().click()]);
  await check('directory: a search');
  await section('challenges', new RegExp(`^/${locale}/challenges/${id}$`));
  await section('agreement', new RegExp(`^/${locale}/t/barcelona/networks/[a-z-]+$`));
  await section('audits', new RegExp(`^/${locale}/t/barcelona/services$`));
  await page.goto(portal);
  await follow(page, new RegExp(`^/${locale}/t/barcelona/audits/join$`), 'audits: join the network', check);
  await section('plans', new RegExp(`^/${locale}/t/barcelona/plans/[a-z0-9-]+$`));
  await section('events', new RegExp(`^/${locale}/events/${id}$`));
  await section('statements', new RegExp(`^/${locale}/statements/${id}$`));
  await section('debates', new RegExp(`^/${locale}/debates/${id}$`));
  await section('library', new RegExp(`^/${locale}/t/barcelona/library/${id}$`));
  await section('projects', new RegExp(`^/${locale}/projects/${id}$`));
  await section('volunteering', new RegExp(`^/${locale}/volunteering/posts/${id}$`));
  // The forum's portal, and the framework drafted in one of its networks.
  await page.goto(portal);
  await follow(page, /^\/[a-z]{2}\/t\/metropolitan-social-forum$/, "the forum's portal", check);
  await follow(page, new RegExp(`^/${locale}/t/metropolitan-social-forum/frameworks$`), "the forum's frameworks", check);
  await follow(page, new RegExp(`^/${locale}/t/metropolitan-social-forum/frameworks/${id}$`), 'a framework', check);
  // The account pages: signing in and up, then the account, the desk and the notification settings.
  await page.goto(`/${locale}/`);
  const signIn = (await page.locator('a[href*="/account/sign-in"]').first().getAttribute('href'))!;
  await page.goto(signIn);
  await check('sign in');
  await follow(page, new RegExp(`^/${locale}/account/sign-up$`), 'sign up', check);
  await page.goto(signIn);
  await page.fill('input[name="email"]', 'organisation-member@coproduce.example');
  await page.fill('input[name="password"]', demoPeoplePassword);
  await Promise.all([page.waitForURL((url) => !url.pathname.endsWith('/sign-in')), page.locator('main form[method="post"] button[type="submit"]').first().click()]);
  const desk = await page.locator(`a[href="/${locale}/desk"]`).first().getAttribute('href');
  assert.ok(desk, 'a resident who signed in has a link to their desk');
  await page.goto(desk);
  await check('desk');
  const account = await page.locator('a[href$="/account"]').first().getAttribute('href');
  assert.ok(account, 'every page links to the account');
  await follow(page, new RegExp(`^/${locale}/notifications$`), 'notifications', check);
  await page.goto(desk);
  await follow(page, new RegExp(`^/${locale}/notifications/settings$`), 'notification settings', check);
  await page.goto(account);
  await check('account');
}

for (const locale of locales) {
  test(`every page a resident reaches from the front page in ${locale} has no Latin-script text outside lang-marked elements`, { timeout: 240_000 }, async () => {
    const problems = await problemsOn(locale, (page, check) => residentPages(page, locale, check));
    assert.deepEqual(problems, [], `${problems.length} Latin-script texts in ${locale} resident pages:\n${problems.join('\n')}`);
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
    // Every part of the questionnaire: its prompts, help texts and choices are in the auditor's language.
    for (const n of [2, 3]) {
      await page.goto(part.replace(/\/sections\/1$/, `/sections/${n}`));
      await check(`visit, part ${n}`);
    }
    await page.goto(part.replace(/\/sections\/1$/, '/check'));
    await check('visit, check answers');
    await page.context().close();
    assert.deepEqual(problems, [], `${problems.length} Latin-script texts in ${locale} auditor pages`);
  });

  // A comment is marked with the language of the page it was typed on: one typed on the Catalan page reads as Catalan here.
  test(`a library item with a comment typed in Catalan, read in ${locale}, has no Latin-script text outside lang-marked elements`, async () => {
    const page = await signInAs(browser, 'organisation-member@coproduce.example', '/ca/t/barcelona/library', { locale: 'ca', width: 1024 });
    const item = (await linksOn(page)).find((h) => /^\/ca\/t\/barcelona\/library\/[0-9a-f-]{36}$/.test(h));
    assert.ok(item, 'the library lists an item');
    await page.goto(item);
    const body = `Ens anirà molt bé per a la trobada de ${locale}.`;
    await page.fill('main textarea[name="body"]', body);
    await Promise.all([page.waitForURL(/notice=commented/), page.locator('main form[action$="/comments"] button[type="submit"]').click()]);
    await page.goto(item.replace(/^\/ca\//, `/${locale}/`));
    assert.equal(await page.getAttribute('html', 'lang'), locale);
    assert.equal(await page.locator(`main p:text-is("${body}")`).getAttribute('lang'), 'ca', 'the comment says it is in Catalan');
    const problems = (await latinOutsideLang(page, sameInEveryLanguage)).map((found) => `library item — ${found}`);
    await page.context().close();
    assert.deepEqual(problems, [], `${problems.length} Latin-script texts in the ${locale} library item:\n${problems.join('\n')}`);
  });
}
