import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import type { VNode } from 'preact';
import { ViewContext, type FormReplay, type ViewContextValue } from './context.ts';
import { Choices, ErrorSummary, Form, TextArea, TextInput } from './forms.tsx';
import { i18nFor } from '../i18n/i18n.ts';
import '../../app.ts';

function render(node: VNode, locale: 'es' | 'ar' = 'es', formReplay: FormReplay | null = null): string {
  const value: ViewContextValue = {
    ...i18nFor(locale),
    pathWithoutLocale: '/',
    search: '',
    csrfToken: 'token-123',
    assets: { css: '/a.css', js: '/a.js' },
    viewer: null,
    territory: null,
    formReplay,
  };
  return renderToString(<ViewContext.Provider value={value}>{node}</ViewContext.Provider>);
}

test('the error summary links each message to its field, translated', () => {
  const html = render(<ErrorSummary errors={{ email: 'platform.validation.required', story: 'platform.validation.tooLong' }} />);
  assert.match(html, /role="alert"/);
  assert.match(html, /Hay un problema/);
  assert.match(html, /<a href="#f-email">Escribe un valor<\/a>/);
  assert.match(html, /<a href="#f-story">Es demasiado largo<\/a>/);
  assert.equal(render(<ErrorSummary errors={{}} />), '');
});

test('a field in error says so beside it, is marked invalid and keeps what was typed', () => {
  const html = render(<TextInput name="email" label="Correo" hint="Lo usaremos para avisarte" value={'ana@<example>'} error="platform.validation.invalid" />);
  assert.match(html, /<label class="label" for="f-email">Correo<\/label>/);
  assert.match(html, /id="f-email-error"/);
  assert.match(html, /Este valor no es válido/);
  assert.match(html, /aria-invalid="true"/);
  assert.match(html, /aria-describedby="f-email-hint f-email-error"/);
  // Escaped, never raw markup.
  assert.match(html, /value="ana@&lt;example>"/);
});

test('a password is never written back into the page', () => {
  const html = render(<TextInput name="password" type="password" label="Contraseña" value="secret-value-12" />);
  assert.doesNotMatch(html, /secret-value-12/);
});

test('text areas keep their text, radios their choice, and every form carries the CSRF token', () => {
  assert.match(render(<TextArea name="story" label="Qué pasó" value="Me dijeron que volviera otro día" />), /Me dijeron que volviera otro día<\/textarea>/);
  const radios = render(
    <Choices type="radio" name="mode" label="¿Cómo?" value="confidential" options={[{ value: 'anonymous', label: 'Anónima' }, { value: 'confidential', label: 'Confidencial' }]} />,
  );
  assert.match(radios, /<legend class="fieldset__legend">¿Cómo\?<\/legend>/);
  assert.match(radios, /value="confidential" checked/);
  assert.doesNotMatch(radios, /value="anonymous" checked/);
  assert.match(render(<Form action="/x">{null}</Form>), /<input type="hidden" name="_csrf" value="token-123"\/>/);
  assert.doesNotMatch(render(<Form action="/x" method="get">{null}</Form>), /_csrf/);
});

test('a refused form is drawn again with what was typed and the error beside its field; other forms on the page are left alone', () => {
  const replay: FormReplay = { action: '/es/t/barcelona/challenges/new', values: { title: 'Vivienda digna', areas: ['housing', 'health'] }, errors: { description: 'platform.forms.badInput.nul' }, used: false };
  const html = render(
    <div>
      <Form action="/es/search" method="get">
        <TextInput name="title" label="Buscar" value="" />
      </Form>
      <Form action="/es/t/barcelona/challenges/new?from=list">
        <TextInput name="title" label="Título" value="" />
        <TextArea name="description" label="Descripción" value="" />
        <Choices name="areas" type="checkbox" label="Ámbitos" options={[{ value: 'housing', label: 'Vivienda' }, { value: 'health', label: 'Salud' }, { value: 'work', label: 'Trabajo' }]} />
      </Form>
    </div>,
    'es',
    replay,
  );
  assert.equal(replay.used, true);
  assert.equal((html.match(/value="Vivienda digna"/g) ?? []).length, 1, 'only the refused form gets the typed title');
  assert.match(html, /class="error-summary"/);
  assert.match(html, /<p class="error-message" id="f-description-error">/);
  assert.match(html, /value="housing" checked/);
  assert.match(html, /value="health" checked/);
  assert.doesNotMatch(html, /value="work" checked/);
  assert.doesNotMatch(html, /platform\.forms/);
});
