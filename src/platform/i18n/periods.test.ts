import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manifests } from '../../app.ts';
import { loadCatalogue, i18nFor } from './i18n.ts';
import { formatPeriod } from './periods.ts';

for (const m of manifests) loadCatalogue(m.localesDir);
const period = (locale: Parameters<typeof i18nFor>[0], p: string) => formatPeriod(i18nFor(locale), p);

test('quarters are written in each language, with its own ordinals', () => {
  assert.equal(period('ca', '2024-Q1'), '1r trimestre 2024');
  assert.equal(period('ca', '2024-Q2'), '2n trimestre 2024');
  assert.equal(period('ca', '2024-Q4'), '4t trimestre 2024');
  assert.equal(period('en', '2024-Q3'), '3rd quarter 2024');
  assert.equal(period('es', '2024-Q1'), '1.er trimestre de 2024');
  assert.equal(period('es', '2024-Q2'), '2.º trimestre de 2024');
  assert.equal(period('fr', '2024-Q1'), '1er trimestre 2024');
  assert.equal(period('fr', '2024-Q2'), '2e trimestre 2024');
  assert.equal(period('zh', '2024-Q2'), '2024年第2季度');
  assert.equal(period('ar', '2024-Q1'), 'الربع الأول من 2024');
});

test('months are written by Intl in the reader’s language, never as 2024-01', () => {
  assert.match(period('ca', '2024-01'), /^gener (del |de )?2024$/);
  assert.equal(period('en', '2024-01'), 'January 2024');
  assert.match(period('uk', '2024-01'), /^січень 2024/);
  assert.doesNotMatch(period('ur', '2024-01'), /2024-01/);
  assert.equal(period('en', '2024'), '2024', 'a year has no thousands separator');
  assert.equal(period('en', 'earlier'), 'earlier', 'anything else is left as it is');
});
