// The Citizens' Audit Network: the public enrolment (start, one question per page, check answers,
// confirmation), and the coordinators' pages for auditors and training.
import { Layout } from '../../../platform/views/layout.tsx';
import { useView } from '../../../platform/views/context.ts';
import { Button, Choices, ErrorSummary, Form, TextArea, TextInput, type FieldErrors } from '../../../platform/views/forms.tsx';
import { localeNames, locales } from '../../../platform/i18n/locales.ts';
import { stepsFor, type EnrolmentAnswers, type EnrolmentStep } from './enrolment.ts';
import type { AuditorRow, TrainingSession } from './network.service.ts';
import { AuditsNav, Tag } from '../audits.views.tsx';

export function JoinStartPage({ slug, territoryName, open }: { slug: string; territoryName: string; open: boolean }) {
  const { t, locale } = useView();
  return (
    <Layout title={t('audits.enrol.start.title')}>
      <h1>{t('audits.enrol.start.title')}</h1>
      <p class="lead">{t('audits.enrol.start.lead', { city: territoryName })}</p>
      <h2>{t('audits.enrol.start.whatTitle')}</h2>
      <ul>
        <li>{t('audits.enrol.start.what1')}</li>
        <li>{t('audits.enrol.start.what2')}</li>
        <li>{t('audits.enrol.start.what3')}</li>
      </ul>
      <h2>{t('audits.enrol.start.dataTitle')}</h2>
      <p>{t('audits.enrol.start.data')}</p>
      <p>{t('audits.enrol.start.time')}</p>
      {open ? (
        <p>
          <a class="button button--start" href={`/${locale}/t/${slug}/audits/join/name`} role="button">
            {t('audits.enrol.start.button')}
          </a>
        </p>
      ) : (
        <p>{t('audits.enrol.start.closed')}</p>
      )}
    </Layout>
  );
}

export function JoinStepPage({ slug, step, answers, errors, consent, change }: { slug: string; step: EnrolmentStep; answers: EnrolmentAnswers; errors: FieldErrors; consent: { version: number; text: string }; change: boolean }) {
  const { t, locale } = useView();
  const steps = stepsFor(answers);
  const position = steps.indexOf(step);
  const value = (name: string) => (typeof answers[name] === 'string' ? (answers[name] as string) : '');
  const base = `/${locale}/t/${slug}/audits/join`;
  const title = t(`audits.enrol.${step}.title`);
  return (
    <Layout title={title}>
      <p>
        <a href={position > 0 ? `${base}/${steps[position - 1]}` : base}>{t('audits.enrol.back')}</a>
      </p>
      <p class="caption">{t('audits.enrol.progress', { n: position + 1, total: steps.length })}</p>
      <ErrorSummary errors={errors} />
      <Form action={`${base}/${step}${change ? '?change=1' : ''}`}>
        {step === 'name' && <TextInput name="name" label={title} asHeading hint={t('audits.enrol.name.hint')} error={errors.name} value={value('name')} autocomplete="name" />}
        {step === 'contact' && (
          <>
            <h1>{title}</h1>
            <TextInput name="email" type="email" label={t('audits.enrol.contact.email')} hint={t('audits.enrol.contact.emailHint')} error={errors.email} value={value('email')} autocomplete="email" />
            <TextInput name="phone" type="tel" label={t('audits.enrol.contact.phone')} error={errors.phone} value={value('phone')} autocomplete="tel" width="short" />
          </>
        )}
        {step === 'languages' && (
          <Choices
            name="languages"
            type="checkbox"
            label={title}
            asHeading
            hint={t('audits.enrol.languages.hint')}
            error={errors.languages}
            value={(answers.languages as string[] | undefined) ?? []}
            options={locales.map((l) => ({ value: l, label: localeNames[l] }))}
          />
        )}
        {step === 'via' && (
          <Choices
            name="via"
            type="radio"
            label={title}
            asHeading
            error={errors.via}
            value={value('via')}
            options={[
              { value: 'self', label: t('audits.enrol.via.self') },
              { value: 'organisation', label: t('audits.enrol.via.organisation'), hint: t('audits.enrol.via.organisationHint') },
            ]}
          />
        )}
        {step === 'organisation' && <TextInput name="organisation" label={title} asHeading error={errors.organisation} value={value('organisation')} autocomplete="organization" />}
        {step === 'motivation' && <TextArea name="motivation" label={title} asHeading hint={t('audits.enrol.motivation.hint')} value={value('motivation')} maxLength={2000} />}
        {step === 'consent' && (
          <>
            <h1>{title}</h1>
            <p class="caption">{t('audits.enrol.consent.version', { version: consent.version })}</p>
            <blockquote class="consent-text">{consent.text}</blockquote>
            <Choices
              name="consent"
              type="checkbox"
              label={t('audits.enrol.consent.legend')}
              error={errors.consent}
              value={value('consent')}
              options={[{ value: String(consent.version), label: t('audits.enrol.consent.agree') }]}
            />
          </>
        )}
        <Button>{t('audits.enrol.continue')}</Button>
      </Form>
    </Layout>
  );
}

export function JoinCheckPage({ slug, answers, errors, signedIn }: { slug: string; answers: EnrolmentAnswers; errors: FieldErrors; signedIn: boolean }) {
  const { t, locale } = useView();
  const base = `/${locale}/t/${slug}/audits/join`;
  const show = (step: EnrolmentStep): string => {
    switch (step) {
      case 'contact':
        return [answers.email, answers.phone].filter(Boolean).join(' · ');
      case 'languages':
        return ((answers.languages as string[]) ?? []).map((l) => localeNames[l as keyof typeof localeNames] ?? l).join(', ');
      case 'via':
        return answers.via ? t(`audits.enrol.via.${answers.via === 'organisation' ? 'organisation' : 'self'}`) : '';
      case 'consent':
        return answers.consent ? t('audits.enrol.consent.given', { version: String(answers.consent) }) : '';
      default:
        return String(answers[step] ?? '') || '—';
    }
  };
  return (
    <Layout title={t('audits.enrol.check.title')}>
      <h1>{t('audits.enrol.check.title')}</h1>
      <ErrorSummary errors={errors} />
      <dl class="summary-list">
        {stepsFor(answers).map((step) => (
          <div class="summary-list__row" key={step}>
            <dt class="summary-list__key">{t(`audits.enrol.${step}.title`)}</dt>
            <dd class="summary-list__value">{show(step)}</dd>
            <dd class="summary-list__actions">
              <a href={`${base}/${step}?change=1`}>
                {t('audits.fieldwork.check.change')}
                <span class="visually-hidden"> {t(`audits.enrol.${step}.title`)}</span>
              </a>
            </dd>
          </div>
        ))}
      </dl>
      <Form action={`${base}/check`}>
        <p>{t('audits.enrol.check.declaration')}</p>
        <p>{signedIn ? t('audits.enrol.check.linked') : t('audits.enrol.check.emailLink', { email: String(answers.email ?? '') })}</p>
        <Button>{t('audits.enrol.check.submit')}</Button>
      </Form>
    </Layout>
  );
}

export function JoinDonePage({ code, sent, slug }: { code: string; sent: boolean; slug: string }) {
  const { t, locale } = useView();
  return (
    <Layout title={t('audits.enrol.done.title')}>
      <div class="audit-panel audit-panel--confirmation">
        <h1>{t('audits.enrol.done.title')}</h1>
        {code && <p>{t('audits.enrol.done.code', { code })}</p>}
      </div>
      <h2>{t('audits.enrol.done.nextTitle')}</h2>
      {sent ? (
        <p>{t('audits.enrol.done.checkEmail', { days: 14 })}</p>
      ) : (
        <p>
          <a href={`/${locale}/t/${slug}/audits/application`}>{t('audits.enrol.done.seeApplication')}</a>
        </p>
      )}
      <p>{t('audits.enrol.done.next')}</p>
    </Layout>
  );
}

export function AuditorsPage({
  slug,
  auditors,
  trainings,
  errors,
  typed = {},
}: {
  slug: string;
  auditors: AuditorRow[];
  trainings: (TrainingSession & { attendees: string[] })[];
  errors: FieldErrors;
  typed?: Record<string, string>;
}) {
  const { t, locale, date } = useView();
  const base = `/${locale}/t/${slug}/audits`;
  const codeOf = new Map(auditors.map((a) => [a.id, a.codeName]));
  return (
    <Layout title={t('audits.network.title')}>
      <AuditsNav slug={slug} current="auditors" />
      <h1>{t('audits.network.title')}</h1>
      <p class="hint">{t('audits.network.logged')}</p>
      <ErrorSummary errors={errors} />
      <div class="table-scroll" tabIndex={0} role="region" aria-label={t('audits.table.scroll')}>
        <table class="table">
          <caption>{t('audits.network.caption', { count: auditors.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('audits.network.code')}</th>
              <th scope="col">{t('audits.network.name')}</th>
              <th scope="col">{t('audits.network.contact')}</th>
              <th scope="col">{t('audits.network.via')}</th>
              <th scope="col">{t('audits.network.languages')}</th>
              <th scope="col" class="numeric">
                {t('audits.network.trainings')}
              </th>
              <th scope="col" class="numeric">
                {t('audits.network.load')}
              </th>
              <th scope="col">{t('audits.network.status')}</th>
            </tr>
          </thead>
          <tbody>
            {auditors.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.codeName}</th>
                <td>{a.name}</td>
                <td>
                  {a.email}
                  {a.phone && <br />}
                  {a.phone}
                </td>
                <td>{a.enrolledVia === 'organisation' ? a.organisationName : t('audits.enrol.via.self')}</td>
                <td>{a.languages.join(', ')}</td>
                <td class="numeric">{a.trainings}</td>
                <td class="numeric">{t('audits.network.loadValue', { campaigns: a.campaigns, visits: a.openVisits })}</td>
                <td>
                  <Tag kind={a.status}>{t(`audits.network.statuses.${a.status}`)}</Tag>
                  {(a.status === 'applied' || a.status === 'more-information') && (
                    <>
                      {' '}
                      <a href={`#decide-${a.id}`}>
                        {t('audits.network.decide.link')}
                        <span class="visually-hidden"> {a.codeName}</span>
                      </a>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Applications base={base} auditors={auditors.filter((a) => a.status === 'applied' || a.status === 'more-information')} errors={errors} typed={typed} />
      <h2>{t('audits.network.training.title')}</h2>
      <ul>
        {trainings.map((s) => (
          <li key={s.id}>
            <strong>{s.title}</strong> · {date(new Date(`${s.heldOn}T12:00:00Z`))} · {t('audits.network.training.attended', { count: s.attendees.length })}:{' '}
            {s.attendees.map((id) => codeOf.get(id)).filter(Boolean).join(', ')}
          </li>
        ))}
      </ul>
      <Form action={`${base}/trainings`}>
        <TextInput name="title" label={t('audits.network.training.name')} error={errors.title} />
        <TextInput name="heldOn" type="date" label={t('audits.network.training.date')} error={errors.heldOn} width="short" />
        <Choices
          name="auditorIds"
          type="checkbox"
          label={t('audits.network.training.who')}
          options={auditors.filter((a) => a.status === 'accepted').map((a) => ({ value: a.id, label: `${a.codeName} · ${a.name}` }))}
        />
        <Button variant="secondary">{t('audits.network.training.add')}</Button>
      </Form>
    </Layout>
  );
}

/** Each application waiting for a decision: what the person wrote, accept, or refuse with a reason / ask for more. */
function Applications({ base, auditors, errors, typed }: { base: string; auditors: AuditorRow[]; errors: FieldErrors; typed: Record<string, string> }) {
  const { t } = useView();
  if (auditors.length === 0) return null;
  return (
    <>
      <h2>{t('audits.network.decide.title')}</h2>
      {auditors.map((a) => (
        <section class="audit-panel" key={a.id} id={`decide-${a.id}`} aria-labelledby={`decide-${a.id}-title`}>
          <h3 id={`decide-${a.id}-title`}>
            {a.codeName} · {a.name}
          </h3>
          <p>{a.motivation || t('audits.network.decide.noMotivation')}</p>
          {a.decisionMessage && <p class="hint">{t('audits.network.decide.asked', { message: a.decisionMessage })}</p>}
          <Form action={`${base}/auditors/${a.id}/decision`}>
            <input type="hidden" name="decision" value="accepted" />
            <Button>
              {t('audits.network.accept')}
              <span class="visually-hidden"> {a.codeName}</span>
            </Button>
          </Form>
          <Form action={`${base}/auditors/${a.id}/decision`}>
            <Choices
              name={`decision-${a.id}`}
              type="radio"
              label={t('audits.network.decide.otherwise', { code: a.codeName })}
              error={errors[`decision-${a.id}`]}
              value={typed[`decision-${a.id}`] ?? ''}
              options={[
                { value: 'declined', label: t('audits.network.decide.decline') },
                { value: 'more-information', label: t('audits.network.decide.ask') },
              ]}
            />
            <TextArea name={`message-${a.id}`} label={t('audits.network.decide.message')} hint={t('audits.network.decide.messageHint')} error={errors[`message-${a.id}`]} value={typed[`message-${a.id}`] ?? ''} rows={3} maxLength={2000} />
            <Button variant="secondary">
              {t('audits.network.decide.send')}
              <span class="visually-hidden"> {a.codeName}</span>
            </Button>
          </Form>
        </section>
      ))}
    </>
  );
}
