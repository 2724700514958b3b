// The antenna in a real browser: a case handler signs in with two-step sign in and sets up (or unlocks)
// their case key; a person reports anonymously in Arabic on a 320 px screen with JavaScript disabled and keeps the
// receipt; the handler triages, asks a question, classifies and refers with the person's consent; the
// person comes back with the receipt, reads the question and answers it. axe finds no WCAG 2.2 A/AA
// problem on any page. Reporting on someone's behalf in Romanian: antenna-on-behalf.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, demoPeoplePassword, launchBrowser, openContext, overflowsHorizontally, screenshot, signInAs } from './support.ts';
import { openCaseKey } from './antenna-support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await mirror?.context().close();
  await browser.close();
});

let mirror: Page | null = null;
let staff: Page;
let receipt = '';

/**
 * axe and the layout measurement run scripts in the page, which a context without JavaScript cannot.
 * The page the person sees (without JavaScript) is copied as it is into a page of the same site, at
 * the same width, with scripts allowed, and checked there — without asking the server again, so a
 * receipt shown once stays shown once.
 */
async function checkPage(page: Page, label: string) {
  assert.ok(await page.locator('a[data-antenna-exit]').isVisible(), `${label} has the exit button`);
  const viewport = page.viewportSize()!;
  if (!mirror) {
    const context = await openContext(browser, { width: viewport.width, height: viewport.height });
    mirror = await context.newPage();
    await mirror.goto('/en/t/barcelona/antenna/follow');
  }
  await mirror.setContent(await page.content(), { waitUntil: 'load' });
  await assertAccessible(mirror, label);
  assert.equal(await overflowsHorizontally(mirror), false, `${label} fits ${viewport.width} px`);
}

test('a case handler signs in with two-step sign in and opens their case key', async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  // Two-step sign in is set up here, or answered with a fresh code when another journey set it up first.
  staff = await signInAs(browser, 'case-handler@coproduce.example', '/en/t/barcelona/antenna/cases', { locale: 'en' });
  staff.setDefaultTimeout(10_000);
  await assertAccessible(staff, 'case queue');
  await openCaseKey(staff);
});

test('a person reports anonymously in Arabic at 320 px without JavaScript, keeps the receipt and comes back with it', async () => {
  const context = await openContext(browser, { locale: 'ar', width: 320, height: 800, javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const start = await page.goto('/ar/t/barcelona/antenna');
  assert.equal(start?.status(), 200);
  assert.equal(start?.headers()['cache-control'], 'no-store');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  await checkPage(page, 'start (ar)');
  await screenshot(page, 'antenna-start-ar-320');
  await page.getByRole('button', { name: 'ابدأ الآن' }).click();

  // One question per page.
  await checkPage(page, 'service (ar)');
  await page.getByLabel('الخدمة').selectOption('unknown');
  await page.getByRole('button', { name: 'متابعة' }).click();

  // An empty story: the error summary and the message beside the field.
  await page.getByRole('button', { name: 'متابعة' }).click();
  assert.ok(await page.locator('.error-summary').isVisible());
  await checkPage(page, 'story with an error (ar)');
  await page.getByLabel('احكِ بكلماتك').fill('طلبوا مني أوراقًا لا يطلبونها من الآخرين في مكتب الخدمات');
  await page.getByRole('button', { name: 'متابعة' }).click();

  await checkPage(page, 'when (ar)');
  await page.getByLabel('الشهر').selectOption('unknown');
  await page.getByRole('button', { name: 'متابعة' }).click();

  await checkPage(page, 'where (ar)');
  await page.getByRole('button', { name: 'متابعة' }).click();

  await checkPage(page, 'grounds (ar)');
  await page.getByLabel('جنسيتي أو أوراقي').check();
  await page.getByRole('button', { name: 'متابعة' }).click();

  await checkPage(page, 'before (ar)');
  await page.getByLabel('نعم').check();
  await page.getByRole('button', { name: 'متابعة' }).click();

  await checkPage(page, 'wishes (ar)');
  await page.getByLabel('نعم، يمكنكم إرسالها').check();
  await page.getByRole('button', { name: 'متابعة' }).click();

  await checkPage(page, 'contact (ar)');
  await page.getByLabel('مجهول الهوية').check();
  await page.getByRole('button', { name: 'متابعة' }).click();

  // Check your answers, with change links; a reload keeps everything. (Reload only once the page has
  // arrived: reloading during the navigation the click started detaches the page.)
  await page.getByRole('button', { name: 'أرسل البلاغ' }).waitFor();
  await page.reload();
  assert.ok((await page.textContent('main'))!.includes('طلبوا مني أوراقًا'));
  await checkPage(page, 'check your answers (ar)');
  await screenshot(page, 'antenna-check-ar-320');
  await page.getByRole('button', { name: 'أرسل البلاغ' }).click();

  await checkPage(page, 'confirmation (ar)');
  await screenshot(page, 'antenna-done-ar-320');
  receipt = (await page.locator('[data-receipt]').textContent())!.replace(/\s/g, '');
  assert.match(receipt, /^[0-9]{16}$/);
  // Shown once.
  await page.reload();
  assert.equal(await page.locator('[data-receipt]').count(), 0);

  // Later, with the receipt.
  await page.goto('/ar/t/barcelona/antenna/follow');
  await checkPage(page, 'follow sign-in (ar)');
  await page.getByLabel('رقم الإيصال').fill(receipt.replace(/(\d{4})(?=\d)/g, '$1 '));
  await page.getByRole('button', { name: 'افتح' }).click();
  await checkPage(page, 'my report (ar)');
  assert.ok((await page.textContent('main'))!.includes('تم الاستلام'));
  await page.getByLabel('رسالتك').fill('كان ذلك في مكتب الحي، صباح الاثنين');
  await page.getByRole('button', { name: 'أرسل', exact: true }).click();
  assert.ok((await page.textContent('main'))!.includes('كان ذلك في مكتب الحي'));
  await checkPage(page, 'my report after writing (ar)');
  await screenshot(page, 'antenna-case-ar-320');
  await context.close();
});

test('the handler triages the case, asks a question, classifies it and refers it with the person’s consent', async () => {
  await staff.goto('/en/t/barcelona/antenna/cases?status=new');
  await staff.locator('table tbody a').first().click();
  const caseUrl = staff.url();
  assert.ok((await staff.textContent('main'))!.includes('طلبوا مني أوراقًا'), 'the handler reads the story');
  await assertAccessible(staff, 'a case');
  await staff.getByLabel('New status').selectOption('in-triage');
  await staff.getByRole('button', { name: 'Change status' }).click();
  await staff.getByLabel('Write').fill('Which office was it, and on which day? QUESTION-E2E');
  await staff.getByLabel('A message the person can read').check();
  await staff.getByRole('button', { name: 'Save', exact: true }).click();
  await staff.locator('form[action$="/classify"] select[name="serviceId"]').selectOption({ index: 1 });
  await staff.locator('form[action$="/classify"]').getByLabel('My nationality or papers').check();
  await staff.getByLabel('Kind of barrier').selectOption('requirements');
  await staff.getByLabel('Month', { exact: true }).fill('2026-10');
  await staff.getByRole('button', { name: 'Save classification' }).click();
  await staff.getByLabel('A council service').check();
  await staff.locator('select[name="referServiceId"]').selectOption({ index: 1 });
  await staff.getByRole('button', { name: 'Pass on', exact: true }).click();
  assert.equal(staff.url(), caseUrl);
  const main = (await staff.textContent('main'))!;
  for (const text of ['Passed on', 'Classified', 'QUESTION-E2E']) assert.ok(main.includes(text), text);
  await assertAccessible(staff, 'a case after triage');
  await screenshot(staff, 'antenna-case-handler');
});

test('the person comes back with the receipt, reads the question and answers it', async () => {
  assert.match(receipt, /^[0-9]{16}$/);
  const context = await openContext(browser, { locale: 'ar', width: 320, height: 800, javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto('/ar/t/barcelona/antenna/follow');
  await page.getByLabel('رقم الإيصال').fill(receipt);
  await page.getByRole('button', { name: 'افتح' }).click();
  const main = (await page.textContent('main'))!;
  assert.ok(main.includes('QUESTION-E2E'), 'the question is there');
  assert.ok(main.includes('تم التحويل'), 'the status says it was passed on');
  await checkPage(page, 'my report with a question (ar)');
  await page.getByLabel('رسالتك').fill('مكتب الحي، يوم الاثنين ANSWER-E2E');
  await page.getByRole('button', { name: 'أرسل', exact: true }).click();
  await context.close();
  await staff.reload();
  assert.ok((await staff.textContent('main'))!.includes('ANSWER-E2E'), 'the handler reads the answer');
  await staff.context().close();
});

test('with JavaScript, "exit this page" and Shift pressed three times leave without keeping the antenna in history', async () => {
  const context = await openContext(browser, { locale: 'en' });
  // No request may leave this machine: the neutral site is answered locally.
  await context.route('https://www.google.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>weather</title>' }));
  const page = await context.newPage();
  await page.goto('/en/');
  await page.goto('/en/t/barcelona/antenna');
  assert.ok(await page.locator('[data-antenna-exit-hint]').isVisible(), 'the shortcut is explained when it works');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.waitForURL('https://www.google.com/**');
  await page.goBack();
  assert.match(page.url(), /\/en\/$/, 'going back skips the antenna page');

  await page.goto('/en/t/barcelona/antenna/follow');
  await page.getByRole('link', { name: 'Exit this page' }).click();
  await page.waitForURL('https://www.google.com/**');
  await page.goBack();
  assert.match(page.url(), /\/en\/$/);
  await context.close();
});

test('with JavaScript the report is sent with a proof of work', async () => {
  const context = await openContext(browser, { locale: 'en', width: 320 });
  const page = await context.newPage();
  await page.goto('/en/t/fuenlabrada/antenna');
  await checkPage(page, 'start (en)');
  await page.getByRole('button', { name: 'Start now' }).click();
  await page.getByLabel('Service').selectOption('unknown');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Tell us in your own words').fill('They would not give me an appointment without a phone number.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Month').selectOption('unknown');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Having little money, or my housing').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('No, keep it in the antenna').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Confidential').check();
  await page.getByLabel('Email').fill('person@example.org');
  await page.getByRole('button', { name: 'Continue' }).click();
  await checkPage(page, 'check your answers (en, JavaScript)');
  const submitted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/report/check'));
  await page.getByRole('button', { name: 'Send report' }).click();
  const body = (await submitted).postData() ?? '';
  assert.match(body, /pow=[0-9]+/, 'the form carries a solved proof of work');
  await page.waitForURL('**/report/done');
  assert.match((await page.locator('[data-receipt]').textContent())!, /^[0-9 ]{19}$/);
  await context.close();
});
