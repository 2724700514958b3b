// Browser journeys for accounts, in Spanish and Arabic: sign up → confirm from the emailed link (read from the
// server's mail drop folder: the outbox never shows a secret) → sign in → turn on two-step sign in (code computed from the key shown beside
// the QR code) → sign out → sign in with a code → download my data → delete the account.
// axe finds no WCAG 2.2 A/AA violation on any page on the way, error states included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertAccessible, demoAdminPassword, demoPeoplePassword, launchBrowser, openContext, overflowsHorizontally, rememberTwoStep, screenshot } from './support.ts';
import { currentTotp } from '../../src/contexts/identity/totp.ts';

let browser: Browser;
let admin: BrowserContext;
let adminPage: Page;

async function submit(page: Page, formSelector = 'main form[method="post"]') {
  await Promise.all([page.waitForLoadState('load'), page.locator(`${formSelector} button[type="submit"]`).first().click()]);
}

async function secretOn(page: Page): Promise<string> {
  return (await page.locator('[data-totp-secret]').textContent())!.replace(/\s+/g, '');
}

before(async () => {
  assert.ok(demoAdminPassword, 'the harness sets DEMO_ADMIN_PASSWORD');
  browser = await launchBrowser();
  // The demo administrator reads the outbox. Being a platform admin, they are first offered to set up
  // two-step sign in; the outbox does not need it, so this journey leaves their account as it was.
  admin = await openContext(browser, { locale: 'es' });
  adminPage = await admin.newPage();
  await adminPage.goto('/es/account/sign-in');
  await adminPage.fill('input[name="email"]', 'admin@coproduce.example');
  await adminPage.fill('input[name="password"]', demoAdminPassword);
  await submit(adminPage);
  assert.equal(new URL(adminPage.url()).pathname, '/es/account/two-factor/setup', 'the demo administrator signs in with a password only (has another journey turned on their two-step sign in?)');
});
after(async () => {
  await admin?.close();
  await browser?.close();
});

/** The link in the newest email to an address, from the server's mail drop folder (MAIL_DROP_DIR). */
async function linkFromOutbox(_locale: string, to: string): Promise<string> {
  const dir = process.env.MAIL_DROP_DIR;
  assert.ok(dir, 'the harness sets MAIL_DROP_DIR');
  const mails = fs
    .readdirSync(dir)
    .sort()
    .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { to: string; body: string })
    .filter((mail) => mail.to === to);
  const link = /https?:\/\/\S+/.exec(mails.at(-1)?.body ?? '')?.[0];
  assert.ok(link, `a link in the email to ${to}`);
  return new URL(link).pathname + new URL(link).search;
}

for (const locale of ['es', 'ar'] as const) {
  test(`the account journey in ${locale}, every page accessible`, async () => {
    const email = `journey-${locale}-${randomBytes(4).toString('hex')}@example.org`;
    const password = `una contraseña larga ${randomBytes(3).toString('hex')}`;
    const context = await openContext(browser, { locale });
    const page = await context.newPage();

    // Sign up: a mistake first (kept values, field errors), then right.
    await page.goto(`/${locale}/account/sign-up`);
    assert.equal(await page.getAttribute('html', 'dir'), locale === 'ar' ? 'rtl' : 'ltr');
    await assertAccessible(page, 'sign up');
    await page.fill('input[name="displayName"]', 'Amina Journey');
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', 'short');
    await submit(page);
    assert.equal(await page.inputValue('input[name="email"]'), email);
    assert.equal(await page.inputValue('input[name="password"]'), '');
    assert.equal(await page.locator('.error-summary li').count(), 2);
    await assertAccessible(page, 'sign up with errors');
    await page.fill('input[name="password"]', password);
    await page.check('input[name="terms"]');
    await submit(page);
    assert.match(page.url(), new RegExp(`/${locale}/account/sign-up/check-email$`));
    await assertAccessible(page, 'check your email');

    // Confirm from the outbox.
    const confirm = await linkFromOutbox(locale, email);
    await page.goto(confirm);
    assert.equal(await page.locator('main a.button').count(), 1);
    await assertAccessible(page, 'email confirmed');

    // Sign in.
    await page.goto(`/${locale}/account/sign-in`);
    await assertAccessible(page, 'sign in');
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await submit(page);
    assert.match(page.url(), new RegExp(`/${locale}/desk$`));
    await page.goto(`/${locale}/account`);
    assert.match((await page.locator('.account-nav').textContent()) ?? '', /Amina Journey/);
    await assertAccessible(page, 'your account');
    await screenshot(page, `account-${locale}`);
    for (const path of ['details', 'email', 'password', 'sessions', 'consents', 'data', 'delete']) {
      await page.goto(`/${locale}/account/${path}`);
      await assertAccessible(page, `/account/${path}`);
    }
    // At 320 px nothing scrolls sideways, the table of sessions included.
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of ['/account', '/account/sessions', '/account/details']) {
      await page.goto(`/${locale}${path}`);
      assert.equal(await overflowsHorizontally(page), false, `${path} at 320 px`);
    }
    await screenshot(page, `sessions-320-${locale}`);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Two-step sign in, with the key typed instead of scanned.
    await page.goto(`/${locale}/account/two-factor/setup`);
    await assertAccessible(page, 'set up two-step sign in');
    await screenshot(page, `two-factor-setup-${locale}`);
    const secret = await secretOn(page);
    await page.fill('input[name="code"]', '000000');
    await submit(page);
    assert.equal(await page.locator('.error-summary').count(), 1);
    await assertAccessible(page, 'set up two-step sign in, wrong code');
    await page.fill('input[name="code"]', currentTotp(secret));
    await submit(page);
    assert.equal(await page.locator('.recovery-codes li').count(), 10);
    await assertAccessible(page, 'recovery codes');

    // Sign out from the header, then sign in again with a code.
    await Promise.all([page.waitForLoadState('load'), page.locator('.account-nav button[type="submit"]').click()]);
    assert.match(page.url(), new RegExp(`/${locale}/account/sign-in\\?notice=signedOut$`));
    await assertAccessible(page, 'signed out');
    await page.fill('input[name="email"]', email);
    await page.fill('input[name="password"]', password);
    await submit(page);
    assert.match(page.url(), new RegExp(`/${locale}/account/two-factor\\?next=`));
    await assertAccessible(page, 'security code');
    // The code used to turn it on is not accepted twice; the next step's code is.
    await page.fill('input[name="code"]', currentTotp(secret, Date.now() + 30_000));
    await submit(page);
    assert.match(page.url(), new RegExp(`/${locale}/desk$`));

    // Download my data.
    await page.goto(`/${locale}/account/data`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('main a[download]').click()]);
    assert.match(download.suggestedFilename(), /^coproduce-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
    const file = await download.path();
    const zip = fs.readFileSync(file!);
    assert.equal(zip.subarray(0, 2).toString(), 'PK');
    assert.ok(zip.includes(Buffer.from('my-data.json')));

    // Delete the account: a mistake first, then confirmed.
    await page.goto(`/${locale}/account/delete`);
    await page.fill('input[name="password"]', password);
    await submit(page);
    assert.equal(await page.locator('.error-summary').count(), 1);
    await assertAccessible(page, 'delete, not confirmed');
    await page.check('input[name="confirm"]');
    await page.fill('input[name="password"]', password);
    await submit(page);
    assert.match(page.url(), new RegExp(`/${locale}/account/deleted$`));
    await assertAccessible(page, 'account deleted');
    await page.goto(`/${locale}/account`);
    assert.match(page.url(), new RegExp(`/${locale}/account/sign-in\\?next=`));
    await context.close();
  });

  test(`password reset in ${locale}: errors keep what was typed, every page accessible`, async () => {
    const context = await openContext(browser, { locale });
    const page = await context.newPage();
    await page.goto(`/${locale}/account/password-reset`);
    await page.fill('input[name="email"]', 'not an address');
    await submit(page);
    assert.equal(await page.inputValue('input[name="email"]'), 'not an address');
    await assertAccessible(page, 'password reset with an error');
    await page.fill('input[name="email"]', 'nobody@example.org');
    await submit(page);
    await assertAccessible(page, 'password reset sent');
    await context.close();
  });
}

test('administration pages (roles, access log) in Spanish and Arabic: accessible, and never wider than 320 px', async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  // The demo territory administrator of Barcelona turns on two-step sign in, which these pages require.
  const context = await openContext(browser, { locale: 'ar' });
  const page = await context.newPage();
  await page.goto('/ar/account/sign-in?next=%2Far%2Fadmin%2Froles');
  await page.fill('input[name="email"]', 'territory-admin@coproduce.example');
  await page.fill('input[name="password"]', demoPeoplePassword);
  await submit(page);
  assert.match(page.url(), /\/ar\/account\/two-factor\/setup\?next=/, 'the territory admin is asked to set up two-step sign in (has another journey turned it on already?)');
  const secret = await secretOn(page);
  await page.fill('input[name="code"]', currentTotp(secret));
  await submit(page);
  rememberTwoStep('territory-admin@coproduce.example', secret);
  await Promise.all([page.waitForLoadState('load'), page.locator('main a.button').click()]);
  assert.equal(new URL(page.url()).pathname, '/ar/admin/roles');
  for (const locale of ['es', 'ar']) {
    for (const path of ['/admin/roles', '/admin/access-log', '/admin/access-log?from=yesterday']) {
      await page.goto(`/${locale}${path}`);
      assert.equal(new URL(page.url()).pathname, `/${locale}${path.split('?')[0]}`);
      await assertAccessible(page, `${locale}${path}`);
      // Dense tables scroll inside themselves: the page never scrolls sideways, even at 320 px.
      await page.setViewportSize({ width: 320, height: 800 });
      assert.equal(await overflowsHorizontally(page), false, `${locale}${path} at 320 px`);
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    await page.goto(`/${locale}/admin/roles`);
    await Promise.all([page.waitForLoadState('load'), page.locator('a[href*="/revoke"]').first().click()]);
    await submit(page);
    assert.equal(await page.locator('.error-summary').count(), 1);
    await assertAccessible(page, `${locale} revoke a role, no reason`);
  }
  await screenshot(page, 'revoke-role-ar');
  await context.close();
});
