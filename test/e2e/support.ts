// Browser journeys: playwright-core driving Debian's Chromium, with axe-core for WCAG 2.2 A/AA.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { currentTotp } from '../../src/contexts/identity/totp.ts';

export const baseUrl = process.env.BASE_URL ?? 'http://localhost:3000';
export const demoAdminPassword = process.env.DEMO_ADMIN_PASSWORD ?? '';
/** Shared by the demo people <role>@coproduce.example (one per role, in Barcelona). */
export const demoPeoplePassword = process.env.DEMO_PEOPLE_PASSWORD ?? '';
export const resultsDir = path.resolve(import.meta.dirname, '../../test-results');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface PageOptions {
  locale?: string;
  /** Width in CSS pixels; 320 for the smallest phones. */
  width?: number;
  height?: number;
  javaScriptEnabled?: boolean;
}

export async function openContext(browser: Browser, options: PageOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? 'en',
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    acceptDownloads: true,
  });
}

/** Fails with the list of violations when the page has any WCAG 2.2 A/AA problem axe can find. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(summary, [], `axe violations on ${label}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Fails when the page has an axe violation or does not fit its 320 px viewport. */
export async function assertAccessibleAndFits(page: Page, label: string): Promise<void> {
  assert.equal(await overflowsHorizontally(page), false, `${label} fits its width`);
  await assertAccessible(page, label);
}

/** Clicks a link or button and waits for the page it loads. */
export async function clickThrough(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

/**
 * The messages of one or more contexts in a locale, as the pages show them ({name} filled in from values); a key
 * the catalogues lack fails the journey, so a renamed message cannot make a journey look for nothing.
 */
export function contextMessages(contexts: string | string[], locale: string): (key: string, values?: Record<string, string>) => string {
  const catalogue: Record<string, string> = {};
  for (const context of [contexts].flat()) {
    Object.assign(catalogue, JSON.parse(fs.readFileSync(path.join(import.meta.dirname, `../../src/contexts/${context}/locales/${locale}.json`), 'utf8')) as Record<string, string>);
  }
  return (key, values = {}) => {
    assert.ok(catalogue[key], `${locale}: ${key}`);
    return catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  };
}

/** True when the page is wider than its viewport (content cut off or scrolling sideways at 320 px). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** Where journeys keep what outlives one test file: the TOTP secrets of the demo people who set up two-step sign in. */
const stateDir = process.env.E2E_STATE_DIR ?? path.join(resultsDir, 'state');
interface TwoStepState {
  secret: string;
  lastStep: number;
}
function stateFile(email: string) {
  return path.join(stateDir, `totp-${email.replace(/[^a-z0-9@.-]/gi, '_')}.json`);
}

/**
 * Keeps the secret of someone a journey set up two-step sign in for by hand, so later journeys can sign them in
 * with `signInAs` (step: the TOTP step of the last code used, which the server refuses a second time).
 */
export function rememberTwoStep(email: string, secret: string, step = Math.floor(Date.now() / 30_000)) {
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(stateFile(email), JSON.stringify({ secret, lastStep: step } satisfies TwoStepState));
}

/** A TOTP code for a step the server has not seen yet (it refuses a code used twice), waiting when needed. */
async function freshCode(email: string, state: TwoStepState): Promise<string> {
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, state.lastStep + 1);
  // The server accepts one step of drift; beyond that, wait for the clock.
  if (step > now + 1) await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 50));
  fs.writeFileSync(stateFile(email), JSON.stringify({ ...state, lastStep: step }));
  return currentTotp(state.secret, step * 30_000 + 1_000);
}

async function submitMainForm(page: Page) {
  await Promise.all([page.waitForLoadState('load'), page.locator('main form[method="post"] button[type="submit"]').first().click()]);
}

/**
 * Signs a demo person in through the real sign-in form and lands on `next`. If their role needs two-step sign
 * in, sets it up the first time (keeping the secret for later journeys) or answers with a fresh code.
 */
export async function signInAs(browser: Browser, email: string, next: string, options: PageOptions & { password?: string } = {}): Promise<Page> {
  const locale = options.locale ?? 'en';
  const context = await openContext(browser, options);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`/${locale}/account/sign-in?next=${encodeURIComponent(next)}`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', options.password ?? demoPeoplePassword);
  await submitMainForm(page);
  const url = new URL(page.url());
  if (url.pathname.endsWith('/account/two-factor/setup')) {
    const secret = (await page.locator('[data-totp-secret]').textContent())!.replace(/\s+/g, '');
    fs.mkdirSync(stateDir, { recursive: true });
    await page.fill('input[name="code"]', await freshCode(email, { secret, lastStep: 0 }));
    await submitMainForm(page);
    assert.equal(await page.locator('.recovery-codes li').count(), 10, `${email} sees ten recovery codes`);
    await Promise.all([page.waitForLoadState('load'), page.locator('main a.button').click()]);
  } else if (url.pathname.endsWith('/account/two-factor')) {
    assert.ok(fs.existsSync(stateFile(email)), `${email} has two-step sign in, set up outside the journeys`);
    const state = JSON.parse(fs.readFileSync(stateFile(email), 'utf8')) as TwoStepState;
    await page.fill('input[name="code"]', await freshCode(email, state));
    await submitMainForm(page);
  }
  assert.equal(new URL(page.url()).pathname, next.split('?')[0], `${email} lands on ${next}`);
  return page;
}
