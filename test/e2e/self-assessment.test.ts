// A self-assessment inside the council, in Chromium on a 320 px screen: the demo service manager of the social
// services centres goes from their desk to the department's self-assessment, answers the citizen audit's
// questionnaire for a centre (a wrong score is refused beside the field, nothing typed is lost), sends it, and
// opens the comparison: the staff's answers beside the citizens' visits, the gaps said in words. In Catalan,
// then in Arabic (right to left) for another centre, with axe on every page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, demoPeoplePassword, launchBrowser, overflowsHorizontally, signInAs } from './support.ts';

let browser: Browser;
const opened: Page[] = [];
before(async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  browser = await launchBrowser();
});
after(async () => {
  for (const page of opened) await page.context().close();
  await browser?.close();
});

async function follow(page: Page, link: ReturnType<Page['locator']>) {
  await Promise.all([page.waitForLoadState('load'), link.click()]);
}

async function submit(page: Page, action: RegExp) {
  const form = page.locator('main form[method="post"]').filter({ has: page.locator('button[type="submit"]') });
  const count = await form.count();
  for (let i = 0; i < count; i++) {
    if (action.test((await form.nth(i).getAttribute('action')) ?? '')) {
      await Promise.all([page.waitForLoadState('load'), form.nth(i).locator('button[type="submit"]').click()]);
      return;
    }
  }
  assert.fail(`no form posting to ${action}`);
}

/** From the desk to the self-assessment, then to the first centre whose questionnaire is not started. */
async function openNextCentre(page: Page, notStarted: string, label: string): Promise<string> {
  await follow(page, page.locator('li[data-task="audits.selfAssessments"] a'));
  assert.match(new URL(page.url()).pathname, /\/audits\/self-assessments\/[0-9a-f-]{36}$/);
  await assertAccessible(page, `self-assessment, ${label}, 320 px`);
  const centre = page.locator('.visit-list__item', { hasText: notStarted }).first();
  await centre.waitFor();
  const name = ((await centre.locator('a').textContent()) ?? '').trim();
  await follow(page, centre.locator('a'));
  assert.match(new URL(page.url()).pathname, /\/facilities\/[0-9a-f-]{36}$/);
  return name;
}

async function answer(page: Page, score: string) {
  await page.fill('input[name="visit_date"]', '2026-05-04');
  await page.check('input[name="step_free"][value="yes"]');
  await page.fill('input[name="wait_minutes"]', '10');
  await page.check('input[name="appointment_needed"][value="no"]');
  await page.check('input[name="language_offered"][value="yes"]');
  await page.fill('input[name="treatment_score"]', score);
  await page.fill('textarea[name="treatment_score__reason"]', 'Atenem amb calma.');
  await page.check('input[name="treated_differently"][value="no"]');
  await page.check('input[name="extra_requirement"][value="no"]');
  await page.fill('input[name="information_clear"]', '85');
  await page.fill('textarea[name="information_clear__reason"]', 'Tenim fulls en diverses llengües.');
}

async function assertComparison(page: Page, label: string, disagree: string) {
  const rows = page.locator('#comparison tbody tr');
  assert.ok((await rows.count()) >= 6, 'a row per comparable question');
  // The interpreting question: staff say yes, most citizen visits found otherwise.
  const language = page.locator('#comparison tbody tr[data-verdict="disagree"]').filter({ hasText: disagree });
  assert.equal(await language.count(), 1, 'the interpreting question is marked as a disagreement');
  assert.ok(((await language.locator('.comparison__sentence').textContent()) ?? '').length > 40, 'a sentence says what the row shows');
  await page.locator('#comparison-summary').waitFor();
  await assertAccessible(page, `comparison, ${label}, 320 px`);
  assert.equal(await overflowsHorizontally(page), false);
}

test('the service manager fills a centre from the desk, sends it, and compares with the citizens, in Catalan and Arabic', async () => {
  const ca = await signInAs(browser, 'service-manager@coproduce.example', '/ca/desk', { locale: 'ca', width: 320 });
  opened.push(ca);
  const centre = await openNextCentre(ca, 'Sense començar', 'ca');
  await assertAccessible(ca, 'questionnaire, ca, 320 px');
  assert.equal(await overflowsHorizontally(ca), false);
  // A score above 100 is refused beside the field; every other answer stays as typed.
  await answer(ca, '140');
  await submit(ca, /\/facilities\/[0-9a-f-]{36}$/);
  await ca.locator('.error-summary').waitFor();
  await ca.locator('#f-treatment_score-error').waitFor();
  assert.equal(await ca.inputValue('input[name="treatment_score"]'), '140');
  assert.equal(await ca.inputValue('input[name="information_clear"]'), '85');
  assert.equal(await ca.isChecked('input[name="language_offered"][value="yes"]'), true);
  await assertAccessible(ca, 'questionnaire with an error, ca, 320 px');
  await ca.fill('input[name="treatment_score"]', '90');
  await submit(ca, /\/facilities\/[0-9a-f-]{36}$/);
  assert.match(new URL(ca.url()).pathname, /\/check$/);
  await assertAccessible(ca, 'check answers, ca, 320 px');
  await submit(ca, /\/submit$/);
  await ca.getByRole('heading', { name: 'Autoavaluació enviada' }).waitFor();
  assert.equal(await ca.locator('form[action$="/submit"]').count(), 0, 'a sent questionnaire can no longer be sent or changed');
  await follow(ca, ca.locator('main a', { hasText: 'Comparar amb els resultats de la ciutadania' }));
  await ca.getByRole('heading', { name: 'Personal i ciutadania, l’un al costat de l’altre' }).waitFor();
  assert.match((await ca.locator('main').textContent()) ?? '', /Qüestionaris del personal enviats: 4 de 6/);
  await assertComparison(ca, 'ca', 'intèrpret');
  // No auditor is named: the page shows counts only, never a code name.
  assert.doesNotMatch((await ca.locator('main').textContent()) ?? '', /\bA-\d{2}\b/);
  // The centre just sent is shown as sent on the self-assessment's page.
  await follow(ca, ca.locator('main a', { hasText: 'Tornar a l’autoavaluació' }));
  await ca.locator('.visit-list__item', { hasText: centre }).getByText('Enviat').waitFor();

  const ar = await signInAs(browser, 'service-manager@coproduce.example', '/ar/desk', { locale: 'ar', width: 320 });
  opened.push(ar);
  assert.equal(await ar.locator('html').getAttribute('dir'), 'rtl');
  await openNextCentre(ar, 'لم يبدأ', 'ar');
  await assertAccessible(ar, 'questionnaire, ar, 320 px');
  assert.equal(await overflowsHorizontally(ar), false);
  await answer(ar, '٨٠');
  await submit(ar, /\/facilities\/[0-9a-f-]{36}$/);
  assert.match(new URL(ar.url()).pathname, /\/check$/);
  await submit(ar, /\/submit$/);
  await ar.getByRole('heading', { name: 'تم إرسال التقييم الذاتي' }).waitFor();
  await follow(ar, ar.locator('main a', { hasText: 'المقارنة مع نتائج المواطنين' }));
  await ar.getByRole('heading', { name: 'الموظفون والمواطنون جنباً إلى جنب' }).waitFor();
  // The demo questionnaire is in Arabic too: the interpreting question reads in the page's language.
  await assertComparison(ar, 'ar', 'بمترجم');
});
