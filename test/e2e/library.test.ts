// The knowledge library in the browser, in Catalan and Spanish at 320 px: an organisation's member goes from
// their desk to the library's form, shares a guide with a PDF (after a form with a mistake); another
// organisation's admin goes from the territory's front page to the library, finds its feed and the guide by a
// misspelt word, opens it and comments; a moderator hides the comment and shows it again. Every page has 0 axe
// violations and fits 320 px.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessibleAndFits, clickThrough, contextMessages, launchBrowser, openContext, screenshot, signInAs } from './support.ts';
import { childNamed, childrenNamed, parseXml } from '../support/xml.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

const guide = {
  ca: { title: "Guia per acompanyar l'empadronament de persones nouvingudes", summary: 'Què cal portar, on anar i què fer si no hi ha un domicili fix.', body: "L'empadronament obre la porta a la sanitat i a l'escola.\n\nSi la persona no té domicili, els serveis socials poden fer un empadronament sense domicili fix.", misspelt: 'empadronamnet', comment: 'Gràcies! La farem servir al nostre punt d’acollida.' },
  es: { title: 'Guía para acompañar el empadronamiento de personas recién llegadas', summary: 'Qué hay que llevar, adónde ir y qué hacer si no hay un domicilio fijo.', body: 'El empadronamiento abre la puerta a la sanidad y a la escuela.\n\nSi la persona no tiene domicilio, los servicios sociales pueden hacer un empadronamiento sin domicilio fijo.', misspelt: 'empadronamineto', comment: '¡Gracias! La usaremos en nuestro punto de acogida.' },
} as const;

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

for (const locale of ['ca', 'es'] as const) {
  test(`${locale}: a member shares a guide from the desk; another organisation finds it by a misspelt word and comments; a moderator hides the comment and shows it again`, async () => {
    const t = contextMessages(['agreement', 'library'], locale);
    const g = guide[locale];
    const member = await signInAs(browser, 'organisation-member@coproduce.example', `/${locale}/desk`, { locale, width: 320, height: 800 });
    await clickThrough(member, member.locator('main a[href$="/t/barcelona/library/new"]'));
    assert.equal(await member.getByRole('heading', { level: 1 }).textContent(), t('library.form.shareTitle'));
    await assertAccessibleAndFits(member, `${locale} share form`);

    // First without a summary: the error is beside the field and what was typed stays.
    await member.getByRole('radio', { name: t('library.kind.guide'), exact: true }).check();
    await member.getByLabel(t('library.form.title')).fill(g.title);
    await member.getByLabel(t('library.form.body'), { exact: true }).fill(g.body);
    await member.getByRole('checkbox', { name: t('agreement.area.migration'), exact: true }).check();
    await member.getByRole('checkbox', { name: t('agreement.area.legal-advice'), exact: true }).check();
    await clickThrough(member, member.getByRole('button', { name: t('library.form.share'), exact: true }));
    assert.match((await member.locator('.error-summary').textContent()) ?? '', new RegExp(t('library.errors.summary')));
    assert.match((await member.locator('#f-summary-error').textContent()) ?? '', new RegExp(t('library.errors.summary')));
    assert.equal(await member.getByLabel(t('library.form.title')).inputValue(), g.title);
    await assertAccessibleAndFits(member, `${locale} share form with an error`);

    await member.getByLabel(t('library.form.summary')).fill(g.summary);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'library-e2e-')), locale === 'ca' ? 'guia-empadronament.pdf' : 'guia-empadronamiento.pdf');
    fs.writeFileSync(file, pdf);
    await member.getByLabel(t('library.form.files')).setInputFiles(file);
    await clickThrough(member, member.getByRole('button', { name: t('library.form.share'), exact: true }));
    assert.match(member.url(), /notice=shared/);
    assert.equal(await member.getByRole('heading', { level: 1 }).textContent(), g.title);
    assert.equal(await member.getByRole('link', { name: path.basename(file) }).count(), 1);
    await assertAccessibleAndFits(member, `${locale} shared guide`);
    await screenshot(member, `library-${locale}-shared`);
    await member.context().close();

    const reader = await signInAs(browser, 'organisation-admin@coproduce.example', `/${locale}/t/barcelona`, { locale, width: 320, height: 800 });
    await clickThrough(reader, reader.locator('main').getByRole('link', { name: t('library.portal.title'), exact: true }));
    await assertAccessibleAndFits(reader, `${locale} library`);
    // The library can be followed in a feed reader: announced in the head, linked on the page, the new guide first.
    const feedLink = reader.getByRole('link', { name: t('library.list.feed') });
    const feedHref = await feedLink.getAttribute('href');
    assert.equal(await reader.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href'), feedHref);
    const feed = parseXml(await (await reader.request.get(feedHref!)).text());
    assert.equal(childNamed(childrenNamed(feed, 'entry')[0]!, 'title')!.text, g.title);
    await reader.getByLabel(t('library.list.search')).fill(g.misspelt);
    await clickThrough(reader, reader.getByRole('button', { name: t('library.list.find') }));
    await assertAccessibleAndFits(reader, `${locale} library searched with a misspelt word`);
    await clickThrough(reader, reader.getByRole('link', { name: g.title }));
    assert.equal(await reader.getByRole('heading', { level: 1 }).textContent(), g.title);
    const commentBox = reader.locator('textarea[name="body"]');
    await commentBox.fill(g.comment);
    await clickThrough(reader, reader.getByRole('button', { name: t('library.comments.send') }));
    assert.match(reader.url(), /notice=commented/);
    assert.match((await reader.locator('#comments').locator('..').textContent()) ?? '', new RegExp(g.comment.replace(/[!¡?]/g, '.')));
    await assertAccessibleAndFits(reader, `${locale} guide with a comment`);
    await screenshot(reader, `library-${locale}-commented`);
    const guideUrl = reader.url().split(/[?#]/)[0]!;
    const commentId = /#comment-([0-9a-f-]{36})$/.exec(reader.url())![1]!;
    await reader.context().close();

    // A moderator hides the comment with a reason, then shows it again: everyone reads it again.
    const moderator = await signInAs(browser, 'promoting-group-member@coproduce.example', `/${locale}/t/barcelona/library`, { locale, width: 320, height: 800 });
    await clickThrough(moderator, moderator.getByRole('link', { name: g.title }));
    const card = moderator.locator(`#comment-${commentId}`);
    await card.getByLabel(t('library.comments.reason')).fill(locale === 'ca' ? 'Prova de moderació' : 'Prueba de moderación');
    await clickThrough(moderator, card.getByRole('button', { name: t('library.comments.hide') }));
    assert.match(moderator.url(), /notice=hidden/);
    assert.equal(await moderator.locator(`#comment-${commentId}`).getByRole('button', { name: t('library.comments.hide') }).count(), 0);
    await assertAccessibleAndFits(moderator, `${locale} guide with a hidden comment, as its moderator sees it`);
    await clickThrough(moderator, moderator.locator(`#comment-${commentId}`).getByRole('button', { name: t('library.comments.show') }));
    assert.match(moderator.url(), /notice=shown/);
    assert.equal((await moderator.locator('main .notice').textContent())?.trim(), t('library.notice.shown'));
    await moderator.context().close();
    const visitor = await (await openContext(browser, { locale, width: 320, height: 800 })).newPage();
    await visitor.goto(guideUrl);
    assert.match((await visitor.locator(`#comment-${commentId}`).textContent()) ?? '', new RegExp(g.comment.replace(/[!¡?]/g, '.')));
    assert.equal(await visitor.locator(`#comment-${commentId} form`).count(), 0, 'no moderation form for a visitor');
    await visitor.context().close();
  });
}

test('ar: a visitor reads the library right to left, with no axe violation', async () => {
  const context = await openContext(browser, { locale: 'ar', width: 320, height: 800 });
  const page = await context.newPage();
  await page.goto('/ar/t/barcelona/library?q=habitatje');
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await assertAccessibleAndFits(page, 'ar library searched');
  await clickThrough(page, page.locator('main .card__title a').first());
  assert.equal(await page.locator('main h1').getAttribute('lang'), 'ca');
  await assertAccessibleAndFits(page, 'ar library item');
  await context.close();
});
