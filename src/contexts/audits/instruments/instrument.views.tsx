// The questionnaire builder: instruments and their versions, sections and items, preview as an auditor
// sees it, publish, new version, and the XLSForm-like CSV to share with other cities.
import { Layout } from '../../../platform/views/layout.tsx';
import { useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, FileInput, Form, Select, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { localeNames, locales } from '../../../platform/i18n/locales.ts';
import { dimensions, itemTypes, textIn, type ImportProblem, type InstrumentDefinition } from './instrument.ts';
import type { InstrumentSummary, InstrumentVersion } from './instrument.service.ts';
import { AuditsNav, Tag, useInstrumentText } from '../audits.views.tsx';
import { ItemField } from '../fieldwork/fieldwork.views.tsx';

export function InstrumentsPage({ slug, instruments, errors, values, problems }: { slug: string; instruments: InstrumentSummary[]; errors: FieldErrors; values: Record<string, string | string[]>; problems: ImportProblem[] }) {
  const { t, locale, date } = useView();
  const base = `/${locale}/t/${slug}/audits/instruments`;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return (
    <Layout title={t('audits.instrument.list.title')}>
      <AuditsNav slug={slug} current="instruments" />
      <h1>{t('audits.instrument.list.title')}</h1>
      <ErrorSummary errors={errors} />
      <ul class="card-list">
        {instruments.map((i) => {
          const latest = i.versions[0]!;
          return (
            <li class="card" key={i.id}>
              <h2 class="card__title">{textIn(latest.definition.title, locale, latest.definition.languages) || i.key}</h2>
              <ul class="plain-list">
                {i.versions.map((ver) => (
                  <li key={ver.id}>
                    <a href={`${base}/versions/${ver.id}`}>{t('audits.instrument.version', { version: ver.version })}</a>{' '}
                    {ver.publishedAt ? <Tag kind="published">{t('audits.instrument.published', { date: date(ver.publishedAt) })}</Tag> : <Tag kind="draft">{t('audits.instrument.draft')}</Tag>}
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
      <h2>{t('audits.instrument.new.title')}</h2>
      <Form action={base}>
        <TextInput name="key" label={t('audits.instrument.new.key')} hint={t('audits.instrument.new.keyHint')} error={errors.key} value={v('key')} />
        <Choices
          name="languages"
          type="checkbox"
          label={t('audits.instrument.new.languages')}
          hint={t('audits.instrument.new.languagesHint')}
          error={errors.languages}
          value={(values.languages as string[] | undefined) ?? ['es', 'en']}
          options={locales.map((l) => ({ value: l, label: localeNames[l] }))}
        />
        <TextInput name="title" label={t('audits.instrument.new.titleLabel')} hint={t('audits.instrument.new.titleHint')} error={errors.title} value={v('title')} />
        <Button>{t('audits.instrument.new.submit')}</Button>
      </Form>
      <h2>{t('audits.instrument.import.title')}</h2>
      <p>{t('audits.instrument.import.help')}</p>
      {problems.length > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="import-problems" data-error-summary>
          <h3 class="error-summary__title" id="import-problems">
            {t('audits.instrument.import.problems')}
          </h3>
          <ul class="error-summary__list">
            {problems.map((p, i) => (
              <li key={i}>{placed(t, p)}</li>
            ))}
          </ul>
        </div>
      )}
      <Form action={`${base}/import`} enctype="multipart/form-data">
        <TextInput name="importKey" label={t('audits.instrument.new.key')} error={errors.importKey} value={v('importKey')} />
        <FileInput name="file" label={t('audits.instrument.import.file')} error={errors.file} accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
        <Button variant="secondary">{t('audits.instrument.import.submit')}</Button>
      </Form>
    </Layout>
  );
}

function conditionText(definition: InstrumentDefinition, text: (x: Partial<Record<string, string>>) => string, t: (k: string, v?: Record<string, string>) => string, c: { item: string; op: string; value: string }) {
  const item = definition.sections.flatMap((s) => s.items).find((i) => i.name === c.item);
  return t(`audits.instrument.condition.${c.op}`, { question: item ? text(item.label) : c.item, value: c.value });
}

/** A problem with its place: sheet, row and column for a workbook, the line for a CSV. */
function placed(t: (key: string, values?: Record<string, string | number>) => string, p: ImportProblem): string {
  const message = t(p.message, p.values);
  if (p.sheet === undefined) return t('audits.instrument.import.line', { line: p.line, message });
  if (p.line === 0) return message;
  return p.column ? t('audits.instrument.xlsx.place', { sheet: p.sheet, row: p.line, column: p.column, message }) : t('audits.instrument.xlsx.placeRow', { sheet: p.sheet, row: p.line, message });
}

export function VersionPage({ slug, version, grounds, errors, values, warnings = [] }: { slug: string; version: InstrumentVersion & { key: string }; grounds: string[]; errors: FieldErrors; values: Record<string, string | string[]>; warnings?: ImportProblem[] }) {
  const { t, locale } = useView();
  const definition = version.definition;
  const text = useInstrumentText(definition);
  const base = `/${locale}/t/${slug}/audits/instruments`;
  const vbase = `${base}/versions/${version.id}`;
  const draft = !version.publishedAt;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const items = definition.sections.flatMap((s) => s.items);
  return (
    <Layout title={`${text(definition.title) || version.key} · ${t('audits.instrument.version', { version: version.version })}`}>
      <AuditsNav slug={slug} current="instruments" />
      <p class="caption">
        {t('audits.instrument.version', { version: version.version })} · {draft ? t('audits.instrument.draft') : t('audits.instrument.immutable')} · {definition.languages.map((l) => localeNames[l as keyof typeof localeNames] ?? l).join(', ')}
      </p>
      <h1>{text(definition.title) || version.key}</h1>
      <ErrorSummary errors={errors} />
      {warnings.length > 0 && (
        <div class="notice" role="status" aria-labelledby="import-warnings">
          <h2 id="import-warnings">{t('audits.instrument.xlsx.warnings.title', { count: warnings.length })}</h2>
          <ul>
            {warnings.map((w, i) => (
              <li key={i}>{placed(t, w)}</li>
            ))}
          </ul>
        </div>
      )}
      <p class="actions">
        <a href={`${vbase}/preview`}>{t('audits.instrument.preview.link')}</a> · <a href={`${vbase}/xlsform.csv`}>{t('audits.instrument.export')}</a> · <a href={`${vbase}/xlsform.xlsx`}>{t('audits.instrument.xlsx.export')}</a>
        {draft && (
          <>
            {' · '}
            <a href={`${vbase}/texts`}>{t('audits.instrument.translate.page')}</a>
          </>
        )}
      </p>
      {definition.sections.map((section) => (
        <section key={section.name} aria-labelledby={`s-${section.name}`} class="builder-section">
          <h2 id={`s-${section.name}`}>
            {text(section.title)} <span class="caption">({section.name})</span>
          </h2>
          <ol class="builder-items">
            {section.items.map((item) => (
              <li key={item.name}>
                <strong>{text(item.label)}</strong> <span class="caption">({item.name})</span>
                <br />
                {t(`audits.instrument.types.${item.type}`)} · {t(`audits.dimension.${item.dimension}`)}
                {item.required && ` · ${t('audits.instrument.required')}`}
                {item.grounds.length > 0 && ` · ${item.grounds.map((g) => t(`audits.ground.${g}`)).join(', ')}`}
                {item.showIf.length > 0 && (
                  <>
                    <br />
                    {item.showIf.map((c) => conditionText(definition, text, t, c)).join(' · ')}
                  </>
                )}
                {draft && (
                  <Form action={`${vbase}/items/remove`} class="inline-form">
                    <input type="hidden" name="name" value={item.name} />
                    <button type="submit" class="button button--small button--secondary">
                      {t('audits.instrument.item.remove')}
                      <span class="visually-hidden"> {text(item.label)}</span>
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ol>
        </section>
      ))}
      {draft ? (
        <>
          <h2>{t('audits.instrument.section.add')}</h2>
          <Form action={`${vbase}/sections`}>
            <TextInput name="name" label={t('audits.instrument.name')} hint={t('audits.instrument.nameHint')} error={errors.name && !values.type ? errors.name : undefined} value={values.type ? '' : v('name')} width="short" />
            {definition.languages.map((l) => (
              <TextInput key={l} name={`title_${l}`} label={t('audits.instrument.section.titleIn', { language: localeNames[l as keyof typeof localeNames] ?? l })} error={errors[`title_${l}`]} value={v(`title_${l}`)} />
            ))}
            <Button variant="secondary">{t('audits.instrument.section.submit')}</Button>
          </Form>
          {definition.sections.length > 0 && (
            <>
              <h2>{t('audits.instrument.item.add')}</h2>
              <Form action={`${vbase}/items`}>
                <Select name="section" label={t('audits.instrument.item.section')} error={errors.section} value={v('section')} options={definition.sections.map((s) => ({ value: s.name, label: text(s.title) }))} />
                <TextInput name="name" label={t('audits.instrument.name')} hint={t('audits.instrument.nameHint')} error={values.type ? errors.name : undefined} value={values.type ? v('name') : ''} width="short" />
                <Select name="type" label={t('audits.instrument.item.type')} value={v('type')} options={itemTypes.map((ty) => ({ value: ty, label: t(`audits.instrument.types.${ty}`) }))} />
                {definition.languages.map((l) => (
                  <TextInput key={l} name={`label_${l}`} label={t('audits.instrument.item.labelIn', { language: localeNames[l as keyof typeof localeNames] ?? l })} error={errors[`label_${l}`]} value={v(`label_${l}`)} />
                ))}
                {definition.languages.map((l) => (
                  <TextInput key={l} name={`hint_${l}`} label={t('audits.instrument.item.hintIn', { language: localeNames[l as keyof typeof localeNames] ?? l })} value={v(`hint_${l}`)} />
                ))}
                <Choices name="required" type="checkbox" label={t('audits.instrument.required')} value={v('required')} options={[{ value: 'yes', label: t('audits.instrument.item.requiredLabel') }]} />
                <Select name="dimension" label={t('audits.finding.dimension')} value={v('dimension')} options={dimensions.map((d) => ({ value: d, label: t(`audits.dimension.${d}`) }))} />
                <Choices name="grounds" type="checkbox" label={t('audits.instrument.item.grounds')} value={(values.grounds as string[] | undefined) ?? []} options={grounds.map((g) => ({ value: g, label: t(`audits.ground.${g}`) }))} />
                <TextArea name="choice_values" label={t('audits.instrument.item.choiceValues')} hint={t('audits.instrument.item.choiceValuesHint')} error={errors.choices} value={v('choice_values')} rows={4} />
                {definition.languages.map((l) => (
                  <TextArea key={l} name={`choices_${l}`} label={t('audits.instrument.item.choicesIn', { language: localeNames[l as keyof typeof localeNames] ?? l })} value={v(`choices_${l}`)} rows={4} />
                ))}
                <fieldset class="fieldset">
                  <legend class="fieldset__legend">{t('audits.instrument.item.showIf')}</legend>
                  <Select name="showIfItem" label={t('audits.instrument.item.showIfItem')} placeholder={t('audits.instrument.item.always')} error={errors.showIfItem} value={v('showIfItem')} options={items.map((i) => ({ value: i.name, label: text(i.label) }))} />
                  <Select
                    name="showIfOp"
                    label={t('audits.instrument.item.showIfOp')}
                    value={v('showIfOp')}
                    options={(['eq', 'ne', 'selected'] as const).map((op) => ({ value: op, label: t(`audits.instrument.ops.${op}`) }))}
                  />
                  <TextInput name="showIfValue" label={t('audits.instrument.item.showIfValue')} hint={t('audits.instrument.item.showIfValueHint')} value={v('showIfValue')} width="short" />
                </fieldset>
                <Button variant="secondary">{t('audits.instrument.item.submit')}</Button>
              </Form>
            </>
          )}
          <h2>{t('audits.instrument.publish.title')}</h2>
          <p>{t('audits.instrument.publish.help')}</p>
          <Form action={`${vbase}/publish`}>
            <Button>{t('audits.instrument.publish.submit')}</Button>
          </Form>
        </>
      ) : (
        <Form action={`${base}/${version.instrumentId}/versions`}>
          <p>{t('audits.instrument.newVersion.help')}</p>
          <Button variant="secondary">{t('audits.instrument.newVersion.submit')}</Button>
        </Form>
      )}
    </Layout>
  );
}

export function PreviewPage({ slug, version }: { slug: string; version: InstrumentVersion & { key: string } }) {
  const { t, locale } = useView();
  const definition = version.definition;
  const text = useInstrumentText(definition);
  return (
    <Layout title={`${t('audits.instrument.preview.title')} · ${text(definition.title)}`}>
      <p class="caption">
        <a href={`/${locale}/t/${slug}/audits/instruments/versions/${version.id}`}>{t('audits.instrument.preview.back')}</a>
      </p>
      <h1>{text(definition.title)}</h1>
      <p class="audit-panel">{t('audits.instrument.preview.note')}</p>
      {definition.sections.map((section, i) => (
        <section key={section.name} aria-labelledby={`p-${section.name}`} class="preview-section">
          <p class="caption">{t('audits.fieldwork.sectionOf', { n: i + 1, total: definition.sections.length })}</p>
          <h2 id={`p-${section.name}`}>{text(section.title)}</h2>
          <div class="fieldwork">
            {section.items.map((item) => (
              <div key={item.name} class="fieldwork__item">
                {item.showIf.length > 0 && <p class="hint fieldwork__condition">{item.showIf.map((c) => conditionText(definition, text, t, c)).join(' · ')}</p>}
                <ItemField item={item} answers={{}} text={text} />
              </div>
            ))}
          </div>
        </section>
      ))}
    </Layout>
  );
}

/** Every text of a draft, in every language of the instrument, on one page. */
export function TranslatePage({ slug, version, errors, values }: { slug: string; version: InstrumentVersion & { key: string }; errors: FieldErrors; values: Record<string, string> }) {
  const { t, locale } = useView();
  const d = version.definition;
  const vbase = `/${locale}/t/${slug}/audits/instruments/versions/${version.id}`;
  const name = (l: string) => localeNames[l as keyof typeof localeNames] ?? l;
  const rows: [string, string, Partial<Record<string, string>>][] = [['title', t('audits.instrument.translate.title'), d.title]];
  for (const s of d.sections) {
    rows.push([`section.${s.name}`, t('audits.instrument.translate.section', { name: s.name }), s.title]);
    for (const i of s.items) {
      rows.push([`label.${i.name}`, t('audits.instrument.translate.question', { name: i.name }), i.label]);
      rows.push([`hint.${i.name}`, t('audits.instrument.translate.hint', { name: i.name }), i.hint]);
      for (const c of i.choices) rows.push([`choice.${i.name}.${c.value}`, t('audits.instrument.translate.choice', { name: i.name, value: c.value }), c.label]);
    }
  }
  return (
    <Layout title={t('audits.instrument.translate.page')}>
      <AuditsNav slug={slug} current="instruments" />
      <p class="caption">
        <a href={vbase}>{t('audits.instrument.preview.back')}</a>
      </p>
      <h1>{t('audits.instrument.translate.page')}</h1>
      <ErrorSummary errors={errors} />
      <Form action={`${vbase}/texts`}>
        <Select
          name="addLanguage"
          label={t('audits.instrument.translate.add')}
          placeholder={t('audits.instrument.translate.none')}
          value=""
          options={locales.filter((l) => !d.languages.includes(l)).map((l) => ({ value: l, label: name(l) }))}
        />
        {rows.map(([key, label, texts]) => (
          <fieldset class="fieldset translate-row" key={key}>
            <legend class="fieldset__legend">{label}</legend>
            {d.languages.map((l) => (
              <TextInput key={l} name={`${key}::${l}`} label={name(l)} error={errors[`${key}::${l}`]} value={values[`${key}::${l}`] ?? texts[l] ?? ''} />
            ))}
          </fieldset>
        ))}
        <Button>{t('audits.instrument.translate.save')}</Button>
      </Form>
    </Layout>
  );
}
