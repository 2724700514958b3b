// Commitments that change in one language only, in Catalan and Arabic: the promoting group changes only the Catalan
// text, is warned that Spanish, English and Arabic are not translated and chooses to publish anyway; an Arabic
// reader is told their text is of version 1 and that version 2 changed only the Catalan text; the versions page
// shows, right to left, what changed per language. axe finds no WCAG 2.2 A/AA problem on these pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchBrowser, openContext, overflowsHorizontally, screenshot, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

const newLine = 'Fer servir un llenguatge planer en tot el que publiquem';

test('ca: the editor changes only the Catalan text, is warned of the untranslated languages and chooses', async () => {
  const page = await signInAs(browser, 'promoting-group-member@coproduce.example', '/ca/t/barcelona/agreement/commitments', { locale: 'ca' });
  page.setDefaultTimeout(15_000);
  await assertAccessible(page, 'commitments editor (ca)');
  const catalan = page.getByLabel('Compromisos en català');
  await catalan.fill(`${await catalan.inputValue()}\n${newLine}`);
  await page.getByRole('button', { name: 'Publica els nous compromisos' }).click();

  // Not published yet: the warning names the languages and asks.
  const warning = page.getByRole('region', { name: 'Algunes llengües no estan traduïdes' });
  await warning.waitFor();
  assert.match((await warning.textContent())!, /El text en espanyol, anglès i àrab és el mateix que a la versió 1/);
  assert.ok((await catalan.inputValue()).includes(newLine), 'what was typed is kept');
  await assertAccessible(page, 'commitments editor, untranslated warning (ca)');
  await screenshot(page, 'commitments-warning-ca');

  // Publishing again without choosing: an error beside the choice, linked from the summary.
  await page.getByRole('button', { name: 'Publica els nous compromisos' }).click();
  await page.locator('.error-summary').waitFor();
  await assertAccessible(page, 'commitments editor, error (ca)');
  await page.getByLabel(/^Publica ara\./).check();
  await page.getByRole('button', { name: 'Publica els nous compromisos' }).click();
  await page.waitForURL(/notice=publishedUntranslated/);
  assert.match((await page.locator('.notice').textContent())!, /Algunes llengües encara no estan traduïdes/);
  assert.ok((await page.locator('#commitments ~ ul, section[aria-labelledby="commitments"] ul').first().textContent())!.includes(newLine), 'the Catalan reader reads the new text');
  assert.equal(await page.locator('[data-text-version]').count(), 0, 'no notice for a current text');
  await assertAccessible(page, 'agreement after publishing (ca)');

  await page.getByRole('link', { name: 'La versió anterior i què ha canviat' }).click();
  await page.waitForURL(/\/agreement\/versions/);
  assert.match((await page.locator('main').textContent())!, /No actualitzada en espanyol, anglès i àrab\./);
  assert.ok((await page.locator('.diff ins').allTextContents()).some((l) => l.includes(newLine)));
  await assertAccessible(page, 'commitments versions (ca)');
  await screenshot(page, 'commitments-versions-ca');
  await page.context().close();
});

test('ar: the reader sees that the Arabic text is of version 1, and the versions page right to left at 320 px', async () => {
  const context = await openContext(browser, { locale: 'ar' });
  const page = await context.newPage();
  await page.goto('/ar/t/barcelona/agreement');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  const notice = page.locator('[data-text-version="1"]');
  assert.match((await notice.textContent())!, /هذا النص باللغة العربية من الإصدار 1\. غيّر الإصدار 2 النص باللغة الكتالانية فقط/);
  await assertAccessible(page, 'agreement, untranslated (ar)');
  await page.getByRole('link', { name: 'الإصدار السابق وما الذي تغيّر' }).click();
  await page.waitForURL(/\/agreement\/versions/);
  assert.match((await page.locator('main').textContent())!, /لم يُحدَّث باللغة الإسبانية والإنجليزية والعربية/);
  await page.setViewportSize({ width: 320, height: 800 });
  assert.equal(await overflowsHorizontally(page), false);
  await assertAccessible(page, 'commitments versions (ar)');
  await screenshot(page, 'commitments-versions-ar');
  await context.close();
});
