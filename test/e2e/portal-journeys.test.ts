// Issue 14's last two journeys, in Catalan and Arabic at 320 px with axe:
// - a case handler goes from the desk to a new message: a person reports through the antenna's intake (sealed to
//   the handler's key like every report) and writes from the receipt page; the handler's desk counts the unread
//   message, its link leads to the queue, and the case shows the message;
// - an approved adhesion sends an email: an organisation admin registers an organisation and signs, the promoting
//   group approves, and the platform administrator (with the second step) reads the message to the organisation's people in
//   the outbox (recipient and subject).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { assertAccessibleAndFits, baseUrl, demoAdminPassword, launchBrowser, openContext, screenshot, signInAs } from './support.ts';
import { openCaseKey } from './antenna-support.ts';
import { submitReports } from '../../src/contexts/antenna/intake.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

async function go(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
}

for (const locale of ['ca', 'ar'] as const) {
  test(`a case handler in ${locale} goes from the desk to a new message, at 320 px`, async () => {
    // The handler's case key exists (set up or unlocked) before the report, so the report key is sealed to it.
    const staff = await signInAs(browser, 'case-handler@coproduce.example', '/en/t/barcelona/antenna/cases', { width: 320, height: 800 });
    await openCaseKey(staff);

    // A person reports through the real intake (proof of work, encryption on the server) and keeps the receipt.
    const { receipts } = await submitReports({ baseUrl, slug: 'barcelona', count: 1, concurrency: 1 });
    assert.equal(receipts.length, 1, 'the report is acknowledged');
    const words = `Al taulell em van dir que tornés amb algú que parlés castellà (${locale}-${randomBytes(3).toString('hex')})`;
    const reporter = await (await openContext(browser, { locale, width: 320, height: 800 })).newPage();
    reporter.setDefaultTimeout(15_000);
    await reporter.goto(`/${locale}/t/barcelona/antenna/follow`);
    await reporter.fill('input[name="receipt"]', receipts[0]!);
    await go(reporter, 'main form[method="post"] button[type="submit"]');
    await reporter.fill('textarea[name="text"]', words);
    await go(reporter, 'main form:has(textarea[name="text"]) button[type="submit"]');
    assert.ok((await reporter.textContent('main'))!.includes(words), 'the person sees their message sent');
    await reporter.context().close();

    // The desk counts the unread message; its link leads to the queue, newest first; the case shows the message.
    await staff.goto(`/${locale}/desk`);
    await assertAccessibleAndFits(staff, `the handler’s desk (${locale})`);
    const unread = staff.locator('[data-task="antenna.unread"]');
    assert.equal(await unread.count(), 1);
    assert.doesNotMatch((await unread.getAttribute('class')) ?? '', /desk-task--done/, 'something is unread');
    // "1 pendent" in Catalan; "واحد بالانتظار" (one), "اثنان…" (two) or a number in Arabic.
    assert.match((await unread.locator('.tag').textContent()) ?? '', /[1-9١-٩]|واحد|اثنان/, 'the desk shows how many are unread');
    await screenshot(staff, `desk-handler-unread-320-${locale}`);
    await go(staff, '[data-task="antenna.unread"] a');
    assert.match(new URL(staff.url()).pathname, new RegExp(`^/${locale}/t/barcelona/antenna/cases$`));
    await assertAccessibleAndFits(staff, `the queue, newest first (${locale})`);
    await go(staff, 'main table tbody th[scope="row"] a, main table tbody a');
    assert.match(new URL(staff.url()).pathname, new RegExp(`^/${locale}/t/barcelona/antenna/cases/`));
    assert.ok((await staff.textContent('main'))!.includes(words), 'the handler reads the new message');
    await assertAccessibleAndFits(staff, `the case with the new message (${locale})`);
    // Read now: the desk no longer counts it.
    await staff.goto(`/${locale}/desk`);
    assert.match((await staff.locator('[data-task="antenna.unread"]').getAttribute('class')) ?? '', /desk-task--done/, 'nothing left unread');
    await staff.context().close();
  });

  test(`an approved adhesion in ${locale} sends an email that the platform admin reads in the outbox`, { timeout: 300_000 }, async () => {
    const organisationName = `Cooperativa Avís ${locale} ${randomBytes(3).toString('hex')}`;
    const admin = await signInAs(browser, 'organisation-admin@coproduce.example', `/${locale}/t/barcelona/organisations/new`, { locale, width: 320, height: 800 });
    await admin.fill('input[name="name"]', organisationName);
    await admin.selectOption('select[name="type"]', 'cooperative');
    await admin.fill('textarea[name="description"]', 'Menjador social i feina per a persones en atur de llarga durada.');
    await admin.locator('input[name="areas"]').first().check();
    await admin.locator('input[name="districtIds"]').first().check();
    await admin.locator('input[name="languages"][value="ca"]').check();
    await go(admin, 'main form[method="post"] button[type="submit"]');
    assert.match(new URL(admin.url()).pathname, /\/organisations\/[0-9a-f-]{36}$/, 'the organisation is registered');
    await admin.goto(`/${locale}/t/barcelona/agreement/sign`);
    await admin.getByLabel(organisationName, { exact: true }).check();
    await admin.locator('input[name="accepted"][value="yes"]').check();
    await go(admin, 'main form[action$="/agreement/sign"] button[type="submit"]');
    assert.equal(await admin.locator('.error-summary').count(), 0, 'signed');
    await admin.context().close();

    const group = await signInAs(browser, 'promoting-group-member@coproduce.example', `/${locale}/t/barcelona/agreement/review`, { locale, width: 320, height: 800 });
    const request = group.locator('section.panel', { hasText: organisationName });
    await request.locator('input[type="radio"][value="approve"]').check();
    await Promise.all([group.waitForLoadState('load'), request.locator('button[type="submit"]').click()]);
    assert.equal(await group.locator('.notice').count(), 1, 'approved');
    await assertAccessibleAndFits(group, `the review after approving (${locale})`);
    await group.context().close();

    // The platform administrator, with the second step, reads the outbox. (This file runs after identity.test.ts,
    // which expects the demo administrator without two-step sign in; from here on signInAs keeps its secret.
    // platform-admin@coproduce.example holds the role in Barcelona only, and the outbox shows a territory's
    // readers only the mail of that territory, which a notification does not carry.)
    const platform = await signInAs(browser, 'admin@coproduce.example', `/${locale}/admin/outbox`, { locale, width: 320, height: 800, password: demoAdminPassword });
    const mail = platform.locator('main article.mail', { has: platform.locator('.mail__subject', { hasText: organisationName }) });
    assert.equal(await mail.count(), 1, 'the outbox holds one email about the organisation, its subject naming it');
    assert.match((await mail.locator('.mail__meta').textContent()) ?? '', /organisation-admin@coproduce\.example/, 'to the organisation’s admin');
    await assertAccessibleAndFits(platform, `the outbox (${locale})`);
    await screenshot(platform, `outbox-adhesion-320-${locale}`);
    await platform.context().close();
  });
}
