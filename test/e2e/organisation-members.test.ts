// An organisation admin invites a colleague who has no account yet, in Catalan and Arabic at 320 px with axe:
// the colleague opens the link from the email (the server's mail drop), creates an account from the invitation,
// confirms the address, signs in, accepts, and appears among the organisation's people.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { assertAccessibleAndFits, launchBrowser, openContext, screenshot, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

/** The link in the newest email to an address that matches, from the mail drop folder (MAIL_DROP_DIR). */
function linkInMail(to: string, pattern: RegExp): string {
  const dir = process.env.MAIL_DROP_DIR;
  assert.ok(dir, 'the harness sets MAIL_DROP_DIR');
  const mails = fs
    .readdirSync(dir)
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { to: string; body: string })
    .filter((mail) => mail.to === to && pattern.test(mail.body));
  const link = /https?:\/\/\S+/.exec(mails.at(-1)?.body.match(pattern)?.[0] ?? '')?.[0];
  assert.ok(link, `a link in the email to ${to}`);
  return new URL(link).pathname + new URL(link).search;
}

async function submit(page: Page, selector = 'main form[method="post"] button[type="submit"]') {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
}

for (const locale of ['ca', 'ar'] as const) {
  test(`an organisation admin in ${locale} invites a colleague, who signs up, accepts and appears as member`, async () => {
    const email = `colleague-${locale}-${randomBytes(4).toString('hex')}@example.org`;
    const admin = await signInAs(browser, 'organisation-admin@coproduce.example', `/${locale}/desk`, { locale, width: 320, height: 800 });
    // From the desk to the organisation's people, by its link.
    await Promise.all([admin.waitForLoadState('load'), admin.locator('a[href$="/members"]').first().click()]);
    assert.match(new URL(admin.url()).pathname, new RegExp(`^/${locale}/organisations/[0-9a-f-]{36}/members$`));
    await assertAccessibleAndFits(admin, 'the organisation’s people');
    const membersPath = new URL(admin.url()).pathname;
    await admin.fill('input[name="email"]', email);
    await admin.selectOption('select[name="role"]', 'organisation-member');
    await submit(admin, 'form[action$="/members/invite"] button');
    assert.equal(await admin.locator('.notice').count(), 1, 'the invitation is sent');
    assert.equal(await admin.locator('tbody th', { hasText: email }).count(), 1, 'it waits in the invitations sent');
    await assertAccessibleAndFits(admin, 'after inviting');
    await screenshot(admin, `members-invited-320-${locale}`);

    // The colleague: the invitation email, then sign-up from it.
    const context = await openContext(browser, { locale, width: 320, height: 800 });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(linkInMail(email, /\S+\/organisations\/invitation\?token=\S+/));
    await assertAccessibleAndFits(page, 'the invitation');
    await Promise.all([page.waitForLoadState('load'), page.locator('main a[href*="/account/sign-up?next="]').click()]);
    const password = `una frase llarga i rara ${randomBytes(3).toString('hex')}`;
    await page.fill('input[name="displayName"]', `Laia Col·lega ${locale}`);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await page.check('input[name="terms"]');
    await submit(page);
    await page.goto(linkInMail(email, /\S+\/account\/verify\?\S+/));
    await assertAccessibleAndFits(page, 'address confirmed');
    await Promise.all([page.waitForLoadState('load'), page.locator('main a.button').click()]);
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await submit(page);
    assert.match(new URL(page.url()).pathname, new RegExp(`^/${locale}/organisations/invitation$`), 'back to the invitation, signed in');
    await submit(page);
    assert.match(new URL(page.url()).pathname, new RegExp(`^/${locale}/organisations/[0-9a-f-]{36}$`));
    await assertAccessibleAndFits(page, 'the organisation, joined');
    await context.close();

    // The admin sees the colleague among the people, as member.
    await admin.goto(membersPath);
    assert.equal(await admin.locator(`[data-member="Laia Col·lega ${locale}"]`).count(), 1);
    await assertAccessibleAndFits(admin, 'the people with the new member');
    await admin.context().close();
  });
}
