// Fieldwork pages for a phone: the auditor's visits, one section per page, check answers, done.
import { Layout } from '../../../platform/views/layout.tsx';
import { useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { isShown, type Answers, type InstrumentDefinition, type Item } from '../instruments/instrument.ts';
import { direction } from '../../../platform/i18n/locales.ts';
import { InLang, TranslatedName } from '../../../platform/views/lang.tsx';

/** When the instrument is not written in the reader's language, its texts are marked with their own. */
export function instrumentLanguage(definition: InstrumentDefinition, locale: string): { lang?: string; dir?: 'ltr' | 'rtl' } {
  if (definition.languages.includes(locale) || !definition.languages[0]) return {};
  return { lang: definition.languages[0], dir: direction(definition.languages[0]) };
}
import { AnswerText, AuditsNav, fieldworkScript, Tag, useInstrumentText } from '../audits.views.tsx';

/** The text of an instrument in the page's language or, when it has none, marked with the language it falls back to. */
export function textWithLang(texts: Partial<Record<string, string>>, locale: string, fallback: string[]): { text: string; lang: string | null } {
  for (const l of [locale, ...fallback]) if (texts[l]) return { text: texts[l]!, lang: l === locale ? null : l };
  const found = Object.entries(texts).find(([, v]) => Boolean(v));
  return found ? { text: found[1]!, lang: found[0] === locale ? null : found[0] } : { text: '', lang: null };
}

export function InstrumentText({ texts, definition }: { texts: Partial<Record<string, string>>; definition: InstrumentDefinition }) {
  const { locale } = useView();
  const { text, lang } = textWithLang(texts, locale, definition.languages);
  return <InLang lang={lang}>{text}</InLang>;
}

/** An item whose label has no text in the page's language is marked with the language it is shown in. */
export function itemLanguage(item: Item, definition: InstrumentDefinition, locale: string): { lang?: string; dir?: 'ltr' | 'rtl' } {
  const { lang } = textWithLang(item.label, locale, definition.languages);
  return lang ? { lang, dir: direction(lang) } : {};
}

/** The service worker, its scope and the manifest of an auditor's pages in a territory. */
export function offlinePaths(locale: string, slug: string) {
  const scope = `/${locale}/t/${slug}/audits/`;
  return { scope, sw: `${scope}offline.js`, manifest: `${scope}manifest.webmanifest` };
}

/** Marks the page for fieldwork.js: register the service worker, show each visit's sending state, send what waits. */
function OfflineRoot({ slug }: { slug: string }) {
  const { locale } = useView();
  const paths = offlinePaths(locale, slug);
  return <div hidden data-fieldwork-offline data-sw={paths.sw} data-scope={paths.scope} />;
}

/** A visit's "waiting to send / sent" state, filled in by fieldwork.js from what waits on the phone. */
export function VisitState({ visitId }: { visitId: string }) {
  const { t } = useView();
  return <span class="visit-list__state" hidden aria-live="polite" data-visit-state={visitId} data-waiting={t('audits.fieldwork.offline.waiting')} data-sent={t('audits.fieldwork.offline.sent')} />;
}
import type { VisitSheet } from './fieldwork.service.ts';
import type { Visit } from '../campaigns/campaign.service.ts';

export function MyVisitsPage({ slug, visits, notAuditor }: { slug: string; visits: (Visit & { facilityName: string; sections: number })[]; notAuditor: boolean }) {
  const { t, locale, date, territory } = useView();
  const territoryLang = territory?.lang ?? null;
  const base = `/${locale}/t/${slug}/audits/visits`;
  // Every part of every assigned visit, its check page and this page: what the service worker keeps.
  const keep = [
    base,
    ...visits.flatMap((v) => [...(v.status === 'submitted' ? [] : Array.from({ length: v.sections }, (_, i) => `${base}/${v.id}/sections/${i + 1}`)), `${base}/${v.id}/check`]),
  ];
  return (
    <Layout title={t('audits.fieldwork.visits.title')} scripts={[fieldworkScript]} manifest={offlinePaths(locale, slug).manifest}>
      <AuditsNav slug={slug} current="visits" />
      <h1>{t('audits.fieldwork.visits.title')}</h1>
      <OfflineRoot slug={slug} />
      {visits.length > 0 && (
        <p class="hint" role="status" data-offline-keep={JSON.stringify(keep)} data-offline-ready data-ready={t('audits.fieldwork.offline.ready')} data-partly={t('audits.fieldwork.offline.partly')} />
      )}
      {notAuditor ? (
        <p>{t('audits.fieldwork.visits.notAuditor')}</p>
      ) : visits.length === 0 ? (
        <p>{t('audits.fieldwork.visits.none')}</p>
      ) : (
        <ul class="visit-list">
          {visits.map((v) => (
            <li key={v.id} class="visit-list__item">
              <a href={v.status === 'submitted' ? `${base}/${v.id}/check` : `${base}/${v.id}/sections/1`}><InLang lang={territoryLang}>{v.facilityName}</InLang></a>
              <span class="visit-list__meta">
                {date(new Date(`${v.scheduledOn}T12:00:00Z`))} · {t(`audits.campaign.method.${v.method}`)} · <Tag kind={v.status}>{t(`audits.fieldwork.status.${v.status}`)}</Tag> <VisitState visitId={v.id} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function ItemField({ item, answers, error, text }: { item: Item; answers: Answers; error?: string; text: (x: Partial<Record<string, string>>) => string }) {
  const { t } = useView();
  const answer = answers[item.name];
  const label = `${text(item.label)}${item.required ? '' : ` ${t('audits.fieldwork.optional')}`}`;
  const hint = text(item.hint) || undefined;
  const value = answer?.value;
  const asText = value == null ? '' : Array.isArray(value) ? '' : String(value);
  switch (item.type) {
    case 'note':
      return (
        <div class="form-group">
          <p>{text(item.label)}</p>
          {hint && <p class="hint">{hint}</p>}
        </div>
      );
    case 'yes-no':
      return (
        <Choices
          name={item.name}
          type="radio"
          label={label}
          hint={hint}
          error={error}
          value={asText}
          options={[
            { value: 'yes', label: t('audits.fieldwork.yes') },
            { value: 'no', label: t('audits.fieldwork.no') },
          ]}
        />
      );
    case 'single':
    case 'multiple':
      return (
        <Choices
          name={item.name}
          type={item.type === 'single' ? 'radio' : 'checkbox'}
          label={label}
          hint={hint ?? (item.type === 'multiple' ? t('audits.fieldwork.chooseAll') : undefined)}
          error={error}
          value={Array.isArray(value) ? value : asText}
          options={item.choices.map((c) => ({ value: c.value, label: text(c.label) }))}
        />
      );
    case 'scale':
      return (
        <div class="scale">
          <TextInput name={item.name} label={label} hint={hint ?? t('audits.fieldwork.scaleHint')} error={error === 'audits.fieldwork.errors.reason' ? undefined : error} value={asText} inputMode="numeric" width="short" />
          <TextArea name={`${item.name}__reason`} label={t('audits.fieldwork.reason')} error={error === 'audits.fieldwork.errors.reason' ? error : undefined} value={answer?.reason ?? ''} rows={3} />
        </div>
      );
    case 'number':
      return <TextInput name={item.name} label={label} hint={hint} error={error} value={asText} inputMode="numeric" width="short" />;
    case 'date':
      return <TextInput name={item.name} label={label} hint={hint ?? t('audits.fieldwork.dateHint')} error={error} value={asText} type="date" width="short" />;
    case 'text':
      return <TextArea name={item.name} label={label} hint={hint} error={error} value={asText} rows={4} />;
    case 'photo':
    case 'document': {
      const id = `f-${item.name}__file`;
      const files = answer?.files?.length ?? 0;
      return (
        <div class={`form-group${error ? ' form-group--error' : ''}`}>
          <label class="label" for={id}>
            {label}
          </label>
          <p class="hint" id={`${id}-hint`}>
            {hint ? `${hint} ` : ''}
            {t(item.type === 'photo' ? 'audits.fieldwork.photoHint' : 'audits.fieldwork.documentHint')}
          </p>
          {error && (
            <p class="error-message" id={`f-${item.name}-error`}>
              <span class="visually-hidden">{t('platform.forms.errorPrefix')}</span> {t(error)}
            </p>
          )}
          {files > 0 && <p class="fieldwork__files">{t('audits.fieldwork.files', { count: files })}</p>}
          <input
            class="file-input"
            type="file"
            id={id}
            name={`${item.name}__file`}
            accept={item.type === 'photo' ? 'image/jpeg,image/png,image/webp' : 'image/jpeg,image/png,image/webp,application/pdf'}
            aria-describedby={`${id}-hint${error ? ` f-${item.name}-error` : ''}`}
          />
        </div>
      );
    }
  }
}

export function SectionPage({ slug, sheet, index, errors }: { slug: string; sheet: VisitSheet; index: number; errors: FieldErrors }) {
  const { t, locale } = useView();
  const text = useInstrumentText(sheet.definition);
  const section = sheet.definition.sections[index]!;
  const names = new Set(section.items.map((i) => i.name));
  const base = `/${locale}/t/${slug}/audits/visits/${sheet.visit.id}`;
  // Items controlled by an answer on this same page are all shown without JavaScript (the script hides
  // them until needed); items controlled by earlier pages follow the saved answers.
  const items = section.items.filter((item) => item.showIf.every((c) => names.has(c.item)) || isShown(item, sheet.answers));
  const multipart = items.some((i) => i.type === 'photo' || i.type === 'document');
  const total = sheet.definition.sections.length;
  return (
    <Layout title={`${text(section.title)} · ${sheet.facility.name}`} scripts={[fieldworkScript]} manifest={offlinePaths(locale, slug).manifest}>
      <OfflineRoot slug={slug} />
      <p class="caption">
        {t('audits.fieldwork.sectionOf', { n: index + 1, total })} · <TranslatedName entry={sheet.facility} /> · <TranslatedName entry={sheet.service} />
      </p>
      <h1>
        <InstrumentText texts={section.title} definition={sheet.definition} />
      </h1>
      <p>
        <VisitState visitId={sheet.visit.id} />
      </p>
      <ErrorSummary errors={errors} />
      <p
        class="fieldwork__status"
        data-fieldwork-status
        role="status"
        data-offline={t('audits.fieldwork.offline.kept')}
        data-restored={t('audits.fieldwork.offline.restored')}
        data-sending={t('audits.fieldwork.offline.sending')}
        data-files={t('audits.fieldwork.offline.files')}
        data-next={index + 1 < total ? `${base}/sections/${index + 2}` : `${base}/check`}
      />
      <Form action={`${base}/sections/${index + 1}`} enctype={multipart ? 'multipart/form-data' : undefined} class="fieldwork" >
        <input type="hidden" name="_visit" value={sheet.visit.id} />
        {items.map((item) => (
          <div key={item.name} class="fieldwork__item" data-show-if={item.showIf.length ? JSON.stringify(item.showIf) : undefined} {...itemLanguage(item, sheet.definition, locale)}>
            {item.showIf.length > 0 && item.showIf.every((c) => names.has(c.item)) && (
              <p class="hint fieldwork__condition">
                {t('audits.fieldwork.onlyIf', { question: text(section.items.find((i) => i.name === item.showIf[0]!.item)?.label ?? {}) })}
              </p>
            )}
            <ItemField item={item} answers={sheet.answers} error={errors[item.name]} text={text} />
          </div>
        ))}
        <Button>{t(index + 1 < total ? 'audits.fieldwork.saveContinue' : 'audits.fieldwork.saveCheck')}</Button>
      </Form>
      <p class="fieldwork__back">
        {index > 0 ? <a href={`${base}/sections/${index}`}>{t('audits.fieldwork.previous')}</a> : <a href={`/${locale}/t/${slug}/audits/visits`}>{t('audits.fieldwork.visits.title')}</a>}
      </p>
      <p class="hint">{t('audits.fieldwork.savedEachStep')}</p>
    </Layout>
  );
}

export function CheckPage({ slug, sheet, errors }: { slug: string; sheet: VisitSheet; errors: FieldErrors }) {
  const { t, locale } = useView();
  const text = useInstrumentText(sheet.definition);
  const base = `/${locale}/t/${slug}/audits/visits/${sheet.visit.id}`;
  const submitted = sheet.visit.status === 'submitted';
  // Error links go to the page of the section that holds the item.
  const sectionOf = new Map(sheet.definition.sections.flatMap((s, i) => s.items.map((item) => [item.name, i + 1] as const)));
  return (
    <Layout title={t(submitted ? 'audits.fieldwork.done.title' : 'audits.fieldwork.check.title')} scripts={[fieldworkScript]} manifest={offlinePaths(locale, slug).manifest}>
      <OfflineRoot slug={slug} />
      <p class="caption">
        <TranslatedName entry={sheet.facility} /> · <TranslatedName entry={sheet.service} /> · {t('audits.fieldwork.instrumentVersion', { version: sheet.instrumentVersion })}
      </p>
      <h1>{t(submitted ? 'audits.fieldwork.done.title' : 'audits.fieldwork.check.title')}</h1>
      <p>
        <VisitState visitId={sheet.visit.id} />
      </p>
      <p class="fieldwork__status" data-fieldwork-status role="status" data-offline={t('audits.fieldwork.offline.submitKept')} data-sending={t('audits.fieldwork.offline.sending')} />
      {Object.keys(errors).length > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" data-error-summary>
          <h2 class="error-summary__title" id="error-summary-title">
            {t('audits.fieldwork.check.incomplete')}
          </h2>
          <ul class="error-summary__list">
            {Object.keys(errors).map((name) => {
              const item = sheet.definition.sections.flatMap((s) => s.items).find((i) => i.name === name)!;
              return (
                <li key={name}>
                  <a href={`${base}/sections/${sectionOf.get(name)}#f-${name}`}>{t('audits.fieldwork.check.missing', { question: text(item.label) })}</a>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {submitted && <p class="audit-panel">{t('audits.fieldwork.done.body')}</p>}
      {sheet.definition.sections.map((section, i) => (
        <section key={section.name} aria-labelledby={`s-${section.name}`}>
          <h2 id={`s-${section.name}`}>
            <InstrumentText texts={section.title} definition={sheet.definition} />
          </h2>
          <dl class="summary-list">
            {section.items
              .filter((item) => isShown(item, sheet.answers))
              .map((item) => (
                <div class="summary-list__row" key={item.name}>
                  <dt class="summary-list__key">
                    <InstrumentText texts={item.label} definition={sheet.definition} />
                  </dt>
                  <dd class="summary-list__value">
                    <AnswerText item={item} answer={sheet.answers[item.name]} definition={sheet.definition} />
                  </dd>
                  {!submitted && (
                    <dd class="summary-list__actions">
                      <a href={`${base}/sections/${i + 1}#f-${item.name}`}>
                        {t('audits.fieldwork.check.change')}
                        <span class="visually-hidden">
                          {' '}
                          <InstrumentText texts={item.label} definition={sheet.definition} />
                        </span>
                      </a>
                    </dd>
                  )}
                </div>
              ))}
          </dl>
        </section>
      ))}
      {!submitted && (
        <Form action={`${base}/submit`} class="fieldwork-submit">
          <input type="hidden" name="_visit" value={sheet.visit.id} />
          <p>{t('audits.fieldwork.check.declaration')}</p>
          <Button>{t('audits.fieldwork.check.submit')}</Button>
        </Form>
      )}
      <p>
        <a href={`/${locale}/t/${slug}/audits/visits`}>{t('audits.fieldwork.visits.back')}</a>
      </p>
    </Layout>
  );
}
