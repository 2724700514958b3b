// Self-assessment pages: the list and a new one, one self-assessment's facilities, a facility's
// questionnaire as its staff answer it (all sections on one page), and the check before sending.
import { Layout } from '../../../platform/views/layout.tsx';
import { useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { InLang, TranslatedName } from '../../../platform/views/lang.tsx';
import { localName } from '../../catalogue/catalogue.service.ts';
import { isShown, textIn } from '../instruments/instrument.ts';
import { AnswerText, AuditsNav, Tag, useInstrumentText } from '../audits.views.tsx';
import { InstrumentText, ItemField, itemLanguage } from '../fieldwork/fieldwork.views.tsx';
import type { SelfAssessmentDetail, SelfAssessmentList, StaffSheet } from './self-assessment.service.ts';

type Values = Record<string, string | string[]>;
const str = (values: Values, k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
const list = (values: Values, k: string) => (Array.isArray(values[k]) ? (values[k] as string[]) : typeof values[k] === 'string' && values[k] ? [values[k] as string] : []);

export const selfAssessmentsPath = (locale: string, slug: string, path = '') => `/${locale}/t/${slug}/audits/self-assessments${path}`;

export function SelfAssessmentsPage({ slug, data, mayCreate, values, errors }: { slug: string; data: SelfAssessmentList; mayCreate: boolean; values: Values; errors: FieldErrors }) {
  const { t, locale, date, territory } = useView();
  const base = selfAssessmentsPath(locale, slug);
  const placeLang = territory?.lang && territory.lang !== locale ? territory.lang : undefined;
  return (
    <Layout title={t('audits.selfAssessment.list.title')}>
      <AuditsNav slug={slug} current="self-assessments" />
      <h1>{t('audits.selfAssessment.list.title')}</h1>
      <p>{t('audits.selfAssessment.list.intro')}</p>
      {data.selfAssessments.length === 0 ? (
        <p>{t('audits.selfAssessment.list.none')}</p>
      ) : (
        <ul class="card-list">
          {data.selfAssessments.map((s) => (
            <li class="card" key={s.id}>
              <h2 class="card__title">
                <a href={`${base}/${s.id}`}>{s.title}</a>
              </h2>
              <p class="card__meta">
                <TranslatedName entry={s.service} /> · {t('audits.campaign.period', { from: date(new Date(`${s.startsOn}T12:00:00Z`)), to: date(new Date(`${s.endsOn}T12:00:00Z`)) })} ·{' '}
                {t('audits.selfAssessment.list.sent', { sent: s.submitted, total: s.facilities })}
              </p>
              <p>
                <a href={`${base}/${s.id}/comparison`}>
                  {t('audits.selfAssessment.comparison.link')}
                  <span class="visually-hidden"> · {s.title}</span>
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
      {mayCreate && data.services.length > 0 && (
        <section aria-labelledby="new-self-assessment">
          <h2 id="new-self-assessment">{t('audits.selfAssessment.new.title')}</h2>
          <ErrorSummary errors={errors} />
          <Form action={base}>
            <TextInput name="title" label={t('audits.selfAssessment.new.name')} hint={t('audits.selfAssessment.new.nameHint')} error={errors.title} value={str(values, 'title')} />
            <Select
              name="serviceId"
              label={t('audits.selfAssessment.new.service')}
              error={errors.serviceId}
              value={str(values, 'serviceId')}
              placeholder={t('audits.selfAssessment.new.choose')}
              options={data.services.map((s) => ({ value: s.id, label: localName(s, locale), lang: s.nameTranslations?.[locale] ? undefined : placeLang }))}
            />
            <Choices
              name="facilityIds"
              type="checkbox"
              label={t('audits.selfAssessment.new.facilities')}
              hint={t('audits.selfAssessment.new.facilitiesHint')}
              error={errors.facilityIds}
              value={list(values, 'facilityIds')}
              options={data.facilities.map((f) => ({ value: f.id, label: `${f.name} · ${localName(data.services.find((s) => s.id === f.serviceId)!, locale)}`, lang: placeLang }))}
            />
            <Select
              name="instrumentVersionId"
              label={t('audits.selfAssessment.new.instrument')}
              hint={t('audits.selfAssessment.new.instrumentHint')}
              error={errors.instrumentVersionId}
              value={str(values, 'instrumentVersionId')}
              placeholder={t('audits.selfAssessment.new.choose')}
              options={data.versions.map((v) => ({ value: v.id, label: `${textIn(v.definition.title, locale, v.definition.languages) || v.key} · ${t('audits.instrument.version', { version: v.version })}`, lang: v.definition.title[locale] ? undefined : v.definition.languages[0] }))}
            />
            <TextInput name="startsOn" type="date" label={t('audits.campaign.startsOn')} hint={t('audits.fieldwork.dateHint')} error={errors.startsOn} value={str(values, 'startsOn')} width="short" />
            <TextInput name="endsOn" type="date" label={t('audits.campaign.endsOn')} hint={t('audits.fieldwork.dateHint')} error={errors.endsOn} value={str(values, 'endsOn')} width="short" />
            <Button>{t('audits.selfAssessment.new.submit')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function SelfAssessmentPage({ slug, detail }: { slug: string; detail: SelfAssessmentDetail }) {
  const { t, locale, date } = useView();
  const s = detail.selfAssessment;
  const base = selfAssessmentsPath(locale, slug, `/${s.id}`);
  const text = useInstrumentText(detail.definition);
  return (
    <Layout title={s.title}>
      <AuditsNav slug={slug} current="self-assessments" />
      <p class="caption">
        <TranslatedName entry={detail.service} /> · {t('audits.campaign.period', { from: date(new Date(`${s.startsOn}T12:00:00Z`)), to: date(new Date(`${s.endsOn}T12:00:00Z`)) })}
      </p>
      <h1>{s.title}</h1>
      <p>
        {t('audits.selfAssessment.detail.instrument')}{' '}
        <InLang lang={detail.definition.title[locale] ? null : detail.definition.languages[0]}>{text(detail.definition.title)}</InLang> · {t('audits.instrument.version', { version: detail.instrumentVersion })}
      </p>
      <p>{t(detail.mayFill ? 'audits.selfAssessment.detail.fillIntro' : 'audits.selfAssessment.detail.readIntro')}</p>
      <h2>{t('audits.selfAssessment.detail.facilities')}</h2>
      <ul class="visit-list">
        {detail.facilities.map(({ facility, sheet }) => {
          const status = sheet?.status ?? 'new';
          const href = status === 'submitted' ? `${base}/facilities/${facility.id}/check` : `${base}/facilities/${facility.id}`;
          return (
            <li key={facility.id} class="visit-list__item">
              {detail.mayFill ? (
                <a href={href}>
                  <TranslatedName entry={facility} />
                </a>
              ) : (
                <TranslatedName entry={facility} />
              )}
              <span class="visit-list__meta">
                <Tag kind={status === 'new' ? 'scheduled' : status}>{t(`audits.selfAssessment.status.${status}`)}</Tag>
              </span>
            </li>
          );
        })}
      </ul>
      <p>
        <a class="button" href={`${base}/comparison`}>
          {t('audits.selfAssessment.comparison.link')}
        </a>
      </p>
      <p>
        <a href={selfAssessmentsPath(locale, slug)}>{t('audits.selfAssessment.list.back')}</a>
      </p>
    </Layout>
  );
}

export function StaffSheetPage({ slug, sheet, errors }: { slug: string; sheet: StaffSheet; errors: FieldErrors }) {
  const { t, locale } = useView();
  const text = useInstrumentText(sheet.definition);
  const base = selfAssessmentsPath(locale, slug, `/${sheet.selfAssessment.id}/facilities/${sheet.facility.id}`);
  const all = sheet.sections.flatMap((s) => s.items);
  return (
    <Layout title={`${t('audits.selfAssessment.sheet.title')} · ${sheet.facility.name}`}>
      <p class="caption">
        {sheet.selfAssessment.title} · <TranslatedName entry={sheet.service} />
      </p>
      <h1>
        {t('audits.selfAssessment.sheet.title')}: <TranslatedName entry={sheet.facility} />
      </h1>
      <p>{t('audits.selfAssessment.sheet.intro')}</p>
      <ErrorSummary errors={errors} />
      <Form action={base} class="fieldwork">
        {sheet.sections.map((section, i) => (
          <fieldset class="fieldset" key={i}>
            <legend class="fieldset__legend">
              <InstrumentText texts={section.title} definition={sheet.definition} />
            </legend>
            {section.items.map((item) => (
              <div key={item.name} class="fieldwork__item" {...itemLanguage(item, sheet.definition, locale)}>
                {item.showIf.length > 0 && (
                  <p class="hint fieldwork__condition">{t('audits.fieldwork.onlyIf', { question: text(all.find((x) => x.name === item.showIf[0]!.item)?.label ?? {}) })}</p>
                )}
                <ItemField item={item} answers={sheet.answers} error={errors[item.name]} text={text} />
              </div>
            ))}
          </fieldset>
        ))}
        <Button>{t('audits.fieldwork.saveCheck')}</Button>
      </Form>
      <p>
        <a href={selfAssessmentsPath(locale, slug, `/${sheet.selfAssessment.id}`)}>{t('audits.selfAssessment.sheet.back')}</a>
      </p>
    </Layout>
  );
}

export function StaffCheckPage({ slug, sheet, errors }: { slug: string; sheet: StaffSheet; errors: FieldErrors }) {
  const { t, locale } = useView();
  const text = useInstrumentText(sheet.definition);
  const root = selfAssessmentsPath(locale, slug, `/${sheet.selfAssessment.id}`);
  const base = `${root}/facilities/${sheet.facility.id}`;
  const submitted = sheet.status === 'submitted';
  const all = sheet.sections.flatMap((s) => s.items);
  return (
    <Layout title={t(submitted ? 'audits.selfAssessment.check.sentTitle' : 'audits.fieldwork.check.title')}>
      <p class="caption">
        {sheet.selfAssessment.title} · <TranslatedName entry={sheet.facility} />
      </p>
      <h1>{t(submitted ? 'audits.selfAssessment.check.sentTitle' : 'audits.fieldwork.check.title')}</h1>
      {Object.keys(errors).length > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" data-error-summary>
          <h2 class="error-summary__title" id="error-summary-title">
            {t('audits.fieldwork.check.incomplete')}
          </h2>
          <ul class="error-summary__list">
            {Object.keys(errors).map((name) => (
              <li key={name}>
                <a href={`${base}#f-${name}`}>{t('audits.fieldwork.check.missing', { question: text(all.find((i) => i.name === name)?.label ?? {}) })}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {submitted && <p class="audit-panel">{t('audits.selfAssessment.check.sentBody')}</p>}
      {sheet.sections.map((section, i) => (
        <section key={i} aria-labelledby={`s-${i}`}>
          <h2 id={`s-${i}`}>
            <InstrumentText texts={section.title} definition={sheet.definition} />
          </h2>
          <dl class="summary-list">
            {section.items
              .filter((item) => item.type !== 'note' && isShown(item, sheet.answers))
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
                      <a href={`${base}#f-${item.name}`}>
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
        <Form action={`${base}/submit`}>
          <p>{t('audits.selfAssessment.check.declaration')}</p>
          <Button>{t('audits.selfAssessment.check.submit')}</Button>
        </Form>
      )}
      <p>
        <a href={`${root}/comparison`}>{t('audits.selfAssessment.comparison.link')}</a>
      </p>
      <p>
        <a href={root}>{t('audits.selfAssessment.sheet.back')}</a>
      </p>
    </Layout>
  );
}
