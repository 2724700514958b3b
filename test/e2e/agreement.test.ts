// The Agreement in the browser, in Catalan and Spanish, on the real server: an organisation admin signs the
// commitments (for the demo organisation, or for one they register), the promoting group approves, the organisation
// asks to join a network and the coordinator accepts, it proposes a challenge that another organisation supports,
// and an anonymous visitor finds it in the directory by a misspelt search; the promoting group also declines and
// approves other requests and prioritises a challenge. Every page on the way has no WCAG 2.2 A/AA violations.
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, clickThrough, contextMessages, demoPeoplePassword, launchBrowser, openContext, overflowsHorizontally, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

const searches = { ca: { q: 'habitatje dign', label: 'Cerca' }, es: { q: 'fundacio sostre obertt', label: 'Buscar' } } as const;
const found = { ca: 'Associació Habitatge Digne Nou Barris', es: 'Fundació Sostre Obert' } as const;

test('ca at 320 px: from the front page, "sensellar" in the directory ranks the homelessness organisations first and marks the words that matched', async () => {
  const context = await openContext(browser, { locale: 'ca', width: 320, height: 800 });
  const page = await context.newPage();
  await page.goto('/ca/');
  await clickThrough(page, page.locator('main a[href="/ca/t/barcelona"]').first());
  await clickThrough(page, page.locator('[data-entry="directory"] a'));
  assert.equal(new URL(page.url()).pathname, '/ca/t/barcelona/directory');
  await page.getByLabel('Cerca', { exact: true }).fill('sensellar');
  await Promise.all([page.waitForURL(/q=sensellar/), page.getByRole('button', { name: 'Cerca' }).click()]);
  const results = page.locator('main .result-list > li');
  const metas = await results.locator('.card__meta').allTextContents();
  const names = await results.locator('.result-list__title a').allTextContents();
  const homeless = metas.filter((m) => m.includes('Sensellarisme')).length;
  assert.ok(homeless >= 3, `at least three homelessness organisations found (${names.join(' | ')})`);
  assert.ok(metas.slice(0, homeless).every((m) => m.includes('Sensellarisme')), `the homelessness organisations come first (${names.join(' | ')})`);
  const sense = names.findIndex((n) => n.includes('Sense Barreres'));
  assert.ok(sense === -1 || sense >= homeless, `"Sense Barreres" only after them (at ${sense})`);
  // Why each one matched: the words that resemble what was typed are marked in its name or description.
  assert.ok((await results.first().locator('mark').count()) > 0, 'the first result shows the words it matched');
  assert.equal(await overflowsHorizontally(page), false);
  await assertAccessible(page, 'directory ranked by field and closeness (ca, 320 px)');
  await context.close();
});

for (const locale of ['ca', 'es'] as const) {
  test(`${locale}: the directory finds an organisation by a misspelt search without accents, and its pages are accessible`, async () => {
    const context = await openContext(browser, { locale });
    const page = await context.newPage();
    await page.goto(`/${locale}/t/barcelona/directory`);
    await assertAccessible(page, `/${locale}/t/barcelona/directory`);
    await page.getByLabel(searches[locale].label, { exact: true }).fill(searches[locale].q);
    await page.getByRole('button', { name: searches[locale].label }).click();
    await page.waitForURL(/q=/);
    const result = page.getByRole('link', { name: found[locale] });
    await result.waitFor();
    await assertAccessible(page, `directory search ${locale}`);
    assert.equal(await overflowsHorizontally(page), false);
    await result.click();
    await page.waitForURL(/\/organisations\//);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), found[locale]);
    await assertAccessible(page, `organisation ${locale}`);
    await context.close();
  });

  test(`${locale}: the Agreement, a network, the challenges and a challenge have no accessibility violations`, async () => {
    const context = await openContext(browser, { locale });
    const page = await context.newPage();
    for (const path of ['/t/barcelona/agreement', '/t/metropolitan-social-forum/agreement', '/t/barcelona/networks/homeless-people', '/t/metropolitan-social-forum/networks/residential-inclusion', '/t/barcelona/challenges']) {
      const response = await page.goto(`/${locale}${path}`);
      assert.equal(response?.status(), 200, path);
      await assertAccessible(page, `${locale}${path}`);
    }
    await page.goto(`/${locale}/t/barcelona/challenges`);
    await page.getByRole('link', { name: /Nou Barris/ }).first().click();
    await page.waitForURL(/\/challenges\/[0-9a-f-]{36}/);
    await assertAccessible(page, `challenge ${locale}`);
    await context.close();
  });
}

async function submitIn(page: Page, scope: ReturnType<Page['locator']>) {
  await Promise.all([page.waitForLoadState('load'), scope.locator('button[type="submit"]').first().click()]);
}

async function signInAsPromotingGroup(page: Page, locale: string, path: string) {
  await page.goto(`/${locale}${path}`);
  assert.match(page.url(), /\/account\/sign-in/);
  await page.fill('input[name="email"]', 'promoting-group-member@coproduce.example');
  await page.fill('input[name="password"]', demoPeoplePassword);
  await submitIn(page, page.locator('main form[method="post"]'));
  assert.equal(new URL(page.url()).pathname, `/${locale}${path}`);
}

test('ca: the promoting group needs a reason to decline, approves a request, the directory finds the new member misspelt, and a challenge is prioritised', async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  const context = await openContext(browser, { locale: 'ca' });
  const page = await context.newPage();
  await signInAsPromotingGroup(page, 'ca', '/t/barcelona/agreement/review');
  await assertAccessible(page, 'review');
  const request = page.locator('section.panel', { hasText: 'Associació Cultural Filipina Bayanihan' });
  await request.getByLabel('No acceptar').check();
  await submitIn(page, request);
  assert.match(await page.locator('.error-summary').textContent() ?? '', /Doneu un motiu/);
  await assertAccessible(page, 'review with an error');
  await page.locator('section.panel', { hasText: 'Associació Cultural Filipina Bayanihan' }).getByLabel('Aprovar: passa a ser membre').check();
  await submitIn(page, page.locator('section.panel', { hasText: 'Associació Cultural Filipina Bayanihan' }));
  assert.match(await page.locator('.notice').textContent() ?? '', /L’organització ja és membre/);

  await page.goto('/ca/t/barcelona/directory?q=bayanihan+filipna');
  await page.getByRole('link', { name: 'Associació Cultural Filipina Bayanihan' }).waitFor();

  await page.goto('/ca/t/barcelona/challenges');
  await page.getByRole('link', { name: 'Dones grans que cuiden soles i sense respir' }).click();
  await page.waitForURL(/\/challenges\//);
  const form = page.locator('section', { hasText: 'Grup impulsor: estat i xarxes' });
  await form.getByLabel('Prioritzat', { exact: true }).check();
  await form.getByLabel('Xarxa de Suport a les Famílies Cuidadores').check();
  await submitIn(page, form);
  assert.match(await page.locator('.notice').textContent() ?? '', /El repte s’ha actualitzat/);
  assert.match(await page.locator('.lead .tag').first().textContent() ?? '', /Prioritzat/);
  await assertAccessible(page, 'prioritised challenge');
  await context.close();
});

test('es: the promoting group declines a request with a reason, and the organisation stays out of the directory', async () => {
  const context = await openContext(browser, { locale: 'es' });
  const page = await context.newPage();
  await signInAsPromotingGroup(page, 'es', '/t/barcelona/agreement/review');
  const request = page.locator('section.panel', { hasText: 'Associació LGTBI Diversitat Gràcia' });
  await request.getByLabel('No aceptar').check();
  await request.getByLabel('Motivo').fill('Falta la memoria de actividades del último año.');
  await submitIn(page, request);
  assert.match(await page.locator('.notice').textContent() ?? '', /La solicitud no se ha aceptado/);
  await assertAccessible(page, 'review after declining');
  await page.goto('/es/t/barcelona/directory?q=diversitat');
  assert.equal(await page.getByRole('link', { name: 'Associació LGTBI Diversitat Gràcia' }).count(), 0, 'not a member');
  await context.close();
});

/** The Agreement's texts in a language, so that the journey reads the page as a person would. */

/** Clicks and waits for the page it leads to. */

async function noticeOf(page: Page) {
  return (await page.locator('.notice').textContent()) ?? '';
}

interface Journey {
  locale: 'ca' | 'es';
  /** Register a new organisation through the form first, or sign for the demo admin's own. */
  register: boolean;
  network: { slug: string };
  /** A misspelt, accent-less search that must find the organisation. */
  search: (name: string) => string;
}

const suffix = randomBytes(3).toString('hex');
const journeys: Journey[] = [
  { locale: 'ca', register: false, network: { slug: 'inclusion-housing' }, search: () => 'reverdeks inserscio' },
  { locale: 'es', register: true, network: { slug: 'homeless-people' }, search: () => 'hortolanna cooperatiba' },
];

for (const j of journeys) {
  // Five people sign in one after another, some waiting for a fresh two-step code: longer than the usual journey.
  test(`${j.locale}: an organisation admin signs, the promoting group approves, the organisation joins a network, proposes a challenge another supports, and the directory finds it misspelt`, { timeout: 600_000 }, async () => {
    const t = contextMessages('agreement', j.locale);
    const { locale } = j;
    const organisationName = j.register ? `Cooperativa Hortolana ${suffix}` : 'Empresa d’Inserció Reverdeix';

    // The organisation admin: registers the organisation (and so administers it) or uses the one they administer.
    const admin = await signInAs(browser, 'organisation-admin@coproduce.example', `/${locale}/t/barcelona/agreement`, { locale });
    await assertAccessible(admin, `${locale} agreement signed in`);
    if (j.register) {
      await clickThrough(admin, admin.getByRole('link', { name: t('agreement.tools.register') }));
      await assertAccessible(admin, `${locale} register an organisation`);
      await admin.getByLabel(t('agreement.organisation.name'), { exact: true }).fill(organisationName);
      await admin.getByLabel(t('agreement.organisation.type'), { exact: true }).selectOption('cooperative');
      await admin.getByLabel(t('agreement.organisation.description'), { exact: true }).fill('Horts urbans i menjador social a Nou Barris: feina per a persones en atur de llarga durada.');
      await admin.getByLabel(t('agreement.area.food'), { exact: true }).check();
      await admin.getByLabel(t('agreement.area.employment'), { exact: true }).check();
      await admin.getByLabel('Nou Barris', { exact: true }).check();
      await admin.locator('input[name="languages"][value="es"]').check();
      await admin.locator('input[name="languages"][value="ar"]').check();
      await clickThrough(admin, admin.locator('main form[method="post"] button[type="submit"]'));
      assert.match(new URL(admin.url()).pathname, /\/organisations\/[0-9a-f-]{36}$/);
      assert.equal(await noticeOf(admin), t('agreement.notice.created'));
      assert.equal(await admin.getByRole('heading', { level: 1 }).textContent(), organisationName);
      await assertAccessible(admin, `${locale} registered organisation`);
      // Its page shows its admin the next step: signing the commitments.
      assert.equal(await admin.locator('#next-steps').textContent(), t('agreement.organisation.nextSteps'));
    }

    // Signs the commitments: without ticking the box the page says so and keeps the choice.
    await clickThrough(admin, admin.getByRole('link', { name: t('agreement.page.signLink') }));
    await assertAccessible(admin, `${locale} sign`);
    await admin.getByLabel(organisationName, { exact: true }).check();
    await clickThrough(admin, admin.getByRole('button', { name: t('agreement.sign.submit') }));
    assert.ok(((await admin.locator('.error-summary').textContent()) ?? '').includes(t('agreement.adhesion.errors.acceptRequired')));
    assert.equal(await admin.getByLabel(organisationName, { exact: true }).isChecked(), true, 'the choice is kept');
    await assertAccessible(admin, `${locale} sign with an error`);
    await admin.getByLabel(t('agreement.sign.accept'), { exact: true }).check();
    await clickThrough(admin, admin.getByRole('button', { name: t('agreement.sign.submit') }));
    assert.equal(await noticeOf(admin), t('agreement.notice.signed'));

    // The promoting group approves.
    const group = await signInAs(browser, 'promoting-group-member@coproduce.example', `/${locale}/t/barcelona/agreement/review`, { locale });
    const request = group.locator('section.panel', { hasText: organisationName });
    await request.getByLabel(t('agreement.review.approve'), { exact: true }).check();
    await clickThrough(group, request.getByRole('button', { name: t('agreement.review.submit') }));
    assert.equal(await noticeOf(group), t('agreement.notice.approved'));
    await assertAccessible(group, `${locale} review after approving`);
    await group.context().close();

    // The organisation asks to join a network.
    await admin.goto(`/${locale}/t/barcelona/networks/${j.network.slug}`);
    const networkName = (await admin.getByRole('heading', { level: 1 }).textContent())!;
    const join = admin.locator('section', { has: admin.getByRole('heading', { name: t('agreement.network.joinTitle') }) });
    await join.getByLabel(organisationName, { exact: true }).check();
    await join.getByLabel(t('agreement.network.joinMessage')).fill(locale === 'ca' ? 'Volem oferir feina a persones que acompanyeu.' : 'Queremos ofrecer huertos y comidas.');
    await clickThrough(admin, join.getByRole('button', { name: t('agreement.network.joinSubmit') }));
    assert.equal(await noticeOf(admin), t('agreement.notice.joinRequested'));
    await assertAccessible(admin, `${locale} network after asking to join`);

    // The network's coordinator (in Barcelona) accepts.
    const coordinator = await signInAs(browser, 'network-coordinator@coproduce.example', `/${locale}/t/barcelona/networks/${j.network.slug}/coordinate`, { locale });
    await assertAccessible(coordinator, `${locale} coordinate`);
    const pending = coordinator.locator('section.panel', { hasText: organisationName });
    await pending.getByLabel(t('agreement.coordinate.accept'), { exact: true }).check();
    await clickThrough(coordinator, pending.getByRole('button', { name: t('agreement.review.submit') }));
    assert.equal(await noticeOf(coordinator), t('agreement.notice.accepted'));
    await coordinator.context().close();

    // It proposes a challenge; evidence needs its source.
    await admin.goto(`/${locale}/t/barcelona/challenges`);
    await clickThrough(admin, admin.getByRole('link', { name: t('agreement.challenges.proposeLink') }));
    await assertAccessible(admin, `${locale} propose`);
    const title = `${locale === 'ca' ? 'Persones en atur de llarga durada sense feina adaptada' : 'Personas en paro de larga duración sin empleo adaptado'} ${suffix}`;
    await admin.getByLabel(organisationName, { exact: true }).check();
    await admin.getByLabel(t('agreement.propose.challengeTitle'), { exact: true }).fill(title);
    await admin.getByLabel(t('agreement.propose.description'), { exact: true }).fill(locale === 'ca' ? 'Moltes persones que acompanyem no troben feina adaptada.' : 'Muchas personas que acompañamos no encuentran empleo adaptado.');
    await admin.getByLabel(t('agreement.propose.evidenceText').replace('{n}', '1'), { exact: true }).fill(locale === 'ca' ? '60 persones ateses el 2026.' : '60 personas atendidas en 2026.');
    await admin.getByLabel(t('agreement.area.employment'), { exact: true }).check();
    await admin.getByLabel('Nou Barris', { exact: true }).check();
    await clickThrough(admin, admin.getByRole('button', { name: t('agreement.propose.submit') }));
    assert.ok((await admin.locator('.error-summary').count()) > 0, 'a source is needed');
    assert.equal(await admin.getByLabel(t('agreement.propose.challengeTitle'), { exact: true }).inputValue(), title, 'nothing typed is lost');
    await assertAccessible(admin, `${locale} propose with an error`);
    await admin.getByLabel(t('agreement.propose.evidenceSource').replace('{n}', '1'), { exact: true }).fill(locale === 'ca' ? 'Registre de l’entitat' : 'Registro de la entidad');
    await clickThrough(admin, admin.getByRole('button', { name: t('agreement.propose.submit') }));
    assert.equal(await noticeOf(admin), t('agreement.notice.proposed'));
    const challengePath = new URL(admin.url()).pathname;
    assert.match(challengePath, /\/challenges\/[0-9a-f-]{36}$/);
    await admin.context().close();

    // A member of another member organisation supports it with a comment.
    const member = await signInAs(browser, 'organisation-member@coproduce.example', challengePath, { locale });
    const comment = locale === 'ca' ? 'També ho veiem a Ciutat Vella.' : 'También lo vemos en Ciutat Vella.';
    await member.getByLabel(t('agreement.challenge.comment')).fill(comment);
    await clickThrough(member, member.getByRole('button', { name: t('agreement.challenge.supportSubmit') }));
    assert.equal(await noticeOf(member), t('agreement.notice.supported'));
    assert.ok(await member.getByText(comment).isVisible());
    assert.ok(await member.getByText('Fundació Sostre Obert').first().isVisible());
    await assertAccessible(member, `${locale} supported challenge`);
    await member.context().close();

    // Anyone finds the organisation in the directory by a misspelt search without accents, also on a small phone.
    const visitor = await (await openContext(browser, { locale, width: 320 })).newPage();
    await visitor.goto(`/${locale}/t/barcelona/directory`);
    await visitor.getByLabel(searches[locale].label, { exact: true }).fill(j.search(organisationName));
    await clickThrough(visitor, visitor.getByRole('button', { name: searches[locale].label }));
    const found = visitor.getByRole('link', { name: organisationName });
    await found.waitFor();
    assert.equal(await overflowsHorizontally(visitor), false, 'no sideways scrolling at 320 px');
    await assertAccessible(visitor, `${locale} directory at 320 px`);
    await clickThrough(visitor, found);
    assert.equal(await visitor.getByRole('heading', { level: 1 }).textContent(), organisationName);
    assert.ok(await visitor.getByRole('link', { name: networkName }).isVisible(), 'its network is on its page');
    await assertAccessible(visitor, `${locale} organisation page`);
    // And the challenge, with its support.
    await visitor.goto(challengePath);
    assert.ok(await visitor.getByText(comment).isVisible());
    await visitor.context().close();
  });
}
