// The PDF's file name and its fingerprint: only safe characters from any title, and a new file when endorsements change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pdfFileName, printDigest } from './print.service.ts';

test('a PDF file name keeps Latin letters without accents, digits and hyphens, whatever the title', () => {
  assert.equal(pdfFileName('Marc metropolità d’acció conjunta', 2, 'ca'), 'marc-metropolita-d-accio-conjunta-v2-ca.pdf');
  assert.equal(pdfFileName('../../etc/passwd"; filename=x.exe', 1, 'en'), 'etc-passwd-filename-x-exe-v1-en.pdf');
  assert.equal(pdfFileName('住房包容框架', 3, 'zh'), 'framework-v3-zh.pdf');
  assert.equal(pdfFileName('إطار العمل المشترك', 1, 'ar'), 'framework-v1-ar.pdf');
  const long = pdfFileName('Un títol molt llarg '.repeat(20), 1, 'ca');
  assert.match(long, /^[a-z0-9-]+-v1-ca\.pdf$/);
  assert.ok(long.length <= 80 + '-v1-ca.pdf'.length);
  assert.doesNotMatch(long, /--/);
});

test('the fingerprint changes with who endorses and with the network’s name, not with withdrawn endorsements or their order', () => {
  const a = { organisationId: 'a', organisationName: 'Entitat A', endorsedAt: new Date('2026-03-01T10:00:00Z'), withdrawnAt: null };
  const b = { organisationId: 'b', organisationName: 'Entitat B', endorsedAt: new Date('2026-03-02T10:00:00Z'), withdrawnAt: null };
  const gone = { ...b, withdrawnAt: new Date('2026-03-05T10:00:00Z') };
  assert.equal(printDigest([a, b], 'Xarxa'), printDigest([b, a], 'Xarxa'));
  assert.notEqual(printDigest([a, b], 'Xarxa'), printDigest([a], 'Xarxa'));
  assert.equal(printDigest([a, gone], 'Xarxa'), printDigest([a], 'Xarxa'));
  assert.notEqual(printDigest([a], 'Xarxa'), printDigest([a], 'Xarxa nova'));
});
