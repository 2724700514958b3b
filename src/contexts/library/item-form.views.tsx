// The form to share an item in the library, and to edit it (the publisher only).
import { Layout } from '../../platform/views/layout.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, FileInput, Form, Select, TextArea, TextInput, type FieldErrors } from '../../platform/views/forms.tsx';
import type { Territory, Area } from '../territories/territory.service.ts';
import { areasOfWork, languageName, workingLanguages } from '../agreement/agreement.settings.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { libraryKinds, licences, type LibraryFile, type Publisher } from './library.service.ts';
import { acceptedExtensions, maxFilesPerItem } from './library.files.ts';

export type FormValues = Record<string, string | string[]>;

export interface ItemFormPageProps {
  territory: Territory;
  /** Absent when editing (the publisher does not change). */
  publishers: Publisher[] | null;
  districts: Area[];
  files: LibraryFile[];
  action: string;
  cancel: string;
  values: FormValues;
  errors: FieldErrors;
}

export function ItemFormPage(p: ItemFormPageProps) {
  const { t, locale } = useView();
  const title = p.publishers ? t('library.form.shareTitle') : t('library.form.editTitle');
  const one = (name: string) => {
    const v = p.values[name];
    return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
  };
  const list = (name: string) => {
    const v = p.values[name];
    return Array.isArray(v) ? v : v ? [v] : [];
  };
  return (
    <Layout title={title}>
      <ErrorSummary errors={p.errors} />
      <p>
        <a href={p.cancel}>{t('library.item.back', { territory: p.territory.name })}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t('library.form.lead')}</p>
      <Form action={p.action} enctype="multipart/form-data">
        {p.publishers &&
          (p.publishers.length === 1 && !p.errors.publisher ? (
            <>
              <input type="hidden" name="publisher" value={p.publishers[0]!.key} />
              <p>{t('library.form.sharedAs', { publisher: p.publishers[0]!.name })}</p>
            </>
          ) : (
            <Choices type="radio" name="publisher" label={t('library.form.publisher')} options={p.publishers.map((x) => ({ value: x.key, label: x.name, hint: t(`library.publisher.${x.kind}`) }))} value={one('publisher')} error={p.errors.publisher} />
          ))}
        <Choices type="radio" name="kind" label={t('library.item.kind')} options={libraryKinds.map((k) => ({ value: k, label: t(`library.kind.${k}`), hint: t(`library.kindHint.${k}`) }))} value={one('kind')} error={p.errors.kind} />
        <TextInput name="title" label={t('library.form.title')} value={one('title')} error={p.errors.title} />
        <TextArea name="summary" label={t('library.form.summary')} hint={t('library.form.summaryHint')} value={one('summary')} error={p.errors.summary} rows={3} />
        <TextArea name="body" label={t('library.form.body')} hint={t('library.form.bodyHint')} value={one('body')} error={p.errors.body} rows={10} />
        <Choices type="checkbox" name="areas" label={t('library.item.areas')} options={areasOfWork.map((a) => ({ value: a, label: t(`agreement.area.${a}`) }))} value={list('areas')} error={p.errors.areas} />
        {p.districts.length > 0 && <Choices type="checkbox" name="districtIds" label={t('library.item.districts')} hint={t('library.form.districtsHint')} options={p.districts.map((d) => ({ value: d.id, label: d.name }))} value={list('districtIds')} error={p.errors.districtIds} />}
        <Choices type="checkbox" name="languages" label={t('library.item.languages')} options={workingLanguages.map((l) => ({ value: l, label: languageName(l, locale as Locale), lang: l }))} value={list('languages')} error={p.errors.languages} />
        <Select name="licence" label={t('library.item.licence')} hint={t('library.form.licenceHint')} placeholder="" options={licences.map((l) => ({ value: l, label: t(`library.licence.${l}`) }))} value={one('licence')} error={p.errors.licence} />
        <TextArea name="links" label={t('library.form.links')} hint={t('library.form.linksHint')} value={one('links')} error={p.errors.links} rows={3} />
        {p.files.length > 0 && <Choices type="checkbox" name="removeFiles" label={t('library.form.removeFiles')} options={p.files.map((f) => ({ value: f.id, label: f.name }))} value={list('removeFiles')} />}
        <FileInput name="files" label={t('library.form.files')} hint={t('library.form.filesHint', { count: maxFilesPerItem, types: acceptedExtensions.join(' ') })} accept={acceptedExtensions.join(',')} multiple error={p.errors.files} />
        <Button>{p.publishers ? t('library.form.share') : t('library.form.save')}</Button>
      </Form>
      <p>
        <a href={href(locale, `/t/${p.territory.slug}/library`)}>{t('library.form.cancel')}</a>
      </p>
    </Layout>
  );
}
