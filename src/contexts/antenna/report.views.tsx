// Public pages of the antenna, after the GOV.UK Design System: a start page, one question per page,
// check your answers, confirmation with the receipt, and following a report with it.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { ComponentChildren } from 'preact';
import { Layout } from '../../platform/views/layout.tsx';
import { publicDir } from '../../platform/views/render.tsx';
import { href, useView } from '../../platform/views/context.ts';
import { ltrRun } from '../../platform/i18n/bidi.ts';
import { Button, Choices, ErrorSummary, Form, Select, TextArea, TextInput, type FieldErrors, type Option } from '../../platform/views/forms.tsx';
import { consentMethods, storyMaxLength, wishOptions, type Answers, type Draft, type Step } from './answers.ts';
import type { FiledReport, ReporterView } from './report.service.ts';

export const exitUrl = 'https://www.google.com/search?q=weather';
const antennaScript = `/assets/js/antenna.js?v=${createHash('sha256').update(fs.readFileSync(path.join(publicDir, 'js/antenna.js'))).digest('hex').slice(0, 10)}`;

/** Every antenna page: the "exit this page" button first, and the script for its keyboard shortcut. */
export function AntennaLayout({ title, children }: { title: string; children: ComponentChildren }) {
  const { t, locale, territory } = useView();
  // Through the server, which deletes the unsent draft and its cookie on the way out (the neutral site otherwise).
  const exitHref = territory ? href(locale, `/t/${territory.slug}/antenna/exit`) : exitUrl;
  return (
    <Layout title={title} scripts={[antennaScript]}>
      <div class="antenna-exit-bar">
        <a class="antenna-exit" href={exitHref} rel="noreferrer" data-antenna-exit data-antenna-exit-to={exitUrl}>
          {t('antenna.exit.button')}
        </a>
        <p class="antenna-exit__hint" data-antenna-exit-hint hidden>
          {t('antenna.exit.shortcut')}
        </p>
        <p class="visually-hidden" role="status" data-antenna-exit-status data-pressed1={t('antenna.exit.pressed1')} data-pressed2={t('antenna.exit.pressed2')} data-leaving={t('antenna.exit.leaving')} />
      </div>
      {children}
    </Layout>
  );
}

export interface Choices {
  services: Option[];
  districts: Option[];
  facilities: Option[];
  grounds: Option[];
  months: Option[];
}

function base(slug: string) {
  return `/t/${slug}/antenna`;
}

export function StartPage(props: { slug: string; territoryName: string; retentionDays: number; open: boolean; onBehalf: boolean }) {
  const { t, locale } = useView();
  const years = Math.round((props.retentionDays / 365) * 10) / 10;
  return (
    <AntennaLayout title={t(props.onBehalf ? 'antenna.onBehalf.title' : 'antenna.start.title')}>
      <h1>{t(props.onBehalf ? 'antenna.onBehalf.title' : 'antenna.start.title')}</h1>
      <p class="lead">{t(props.onBehalf ? 'antenna.onBehalf.lead' : 'antenna.start.lead', { territory: props.territoryName })}</p>
      <h2>{t('antenna.start.whoReads.title')}</h2>
      <p>{t('antenna.start.whoReads.body', { territory: props.territoryName })}</p>
      <h2>{t('antenna.start.whatHappens.title')}</h2>
      <ul>
        <li>{t('antenna.start.whatHappens.receipt')}</li>
        <li>{t('antenna.start.whatHappens.read')}</li>
        <li>{t('antenna.start.whatHappens.consent')}</li>
        <li>{t('antenna.start.whatHappens.count')}</li>
      </ul>
      <h2>{t('antenna.start.anonymous.title')}</h2>
      <p>{t('antenna.start.anonymous.body')}</p>
      <h2>{t('antenna.start.kept.title')}</h2>
      <p>{t('antenna.start.kept.body', { days: props.retentionDays, years })}</p>
      <h2>{t('antenna.start.safety.title')}</h2>
      <p>{t('antenna.start.safety.body')}</p>
      <p>{t('antenna.start.safety.exit')}</p>
      <p>{t('antenna.start.safety.history')}</p>
      {props.open ? (
        <Form action={href(locale, `${base(props.slug)}/${props.onBehalf ? 'on-behalf/' : ''}start`)}>
          <Button>{t('antenna.start.button')}</Button>
        </Form>
      ) : (
        <p class="antenna-notice">{t('antenna.start.closed')}</p>
      )}
      {!props.onBehalf && (
        <p>
          <a href={href(locale, `${base(props.slug)}/follow`)}>{t('antenna.start.follow')}</a>
        </p>
      )}
    </AntennaLayout>
  );
}

export function monthLabel(date: (value: Date, options?: Intl.DateTimeFormatOptions) => string, month: string): string {
  const [y, m] = month.split('-').map(Number);
  return date(new Date(Date.UTC(y!, m! - 1, 1)), { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function Hidden({ change }: { change: boolean }) {
  return change ? <input type="hidden" name="change" value="1" /> : null;
}

export function QuestionPage(props: {
  slug: string;
  step: Step;
  answers: Answers;
  choices: Choices;
  errors: FieldErrors;
  change: boolean;
  back: string;
  position: { index: number; total: number };
}) {
  const { t, locale } = useView();
  const { step, answers: a, choices, errors } = props;
  const title = t(`antenna.q.${step}.title`);
  const unknown = { value: 'unknown', label: t('antenna.q.dontKnow') };
  return (
    <AntennaLayout title={Object.keys(errors).length > 0 ? `${t('antenna.errorTitle')}: ${title}` : title}>
      <p>
        <a class="back-link" href={props.back}>
          {t('antenna.back')}
        </a>
      </p>
      <ErrorSummary errors={errors} />
      <p class="antenna-progress">{t('antenna.progress', { index: props.position.index, total: props.position.total })}</p>
      <Form action={href(locale, `${base(props.slug)}/report/${step}`)}>
        <Hidden change={props.change} />
        {step === 'consent' && (
          <>
            <h1>{title}</h1>
            <p>{t('antenna.q.consent.body')}</p>
            <Choices
              type="checkbox"
              name="consentGiven"
              label={t('antenna.q.consent.given')}
              options={[{ value: 'yes', label: t('antenna.q.consent.yes') }]}
              value={a.consentGiven ? 'yes' : null}
              error={errors.consentGiven}
            />
            <Choices
              type="radio"
              name="consentMethod"
              label={t('antenna.q.consent.method')}
              options={consentMethods.map((m) => ({ value: m, label: t(`antenna.consentMethod.${m}`) }))}
              value={a.consentMethod ?? null}
              error={errors.consentMethod}
            />
          </>
        )}
        {step === 'service' && (
          <>
            <h1>{title}</h1>
            <Select
              name="serviceId"
              label={t('antenna.q.service.label')}
              hint={t('antenna.q.service.hint')}
              options={[unknown, ...choices.services]}
              value={a.serviceId ?? null}
              placeholder={t('antenna.q.choose')}
              error={errors.serviceId}
            />
          </>
        )}
        {step === 'story' && (
          <>
            <h1>{title}</h1>
            <TextArea name="story" label={t('antenna.q.story.label')} hint={t('antenna.q.story.hint')} value={a.story ?? ''} rows={10} maxLength={storyMaxLength} error={errors.story} />
          </>
        )}
        {step === 'when' && (
          <>
            <h1>{title}</h1>
            <Select
              name="when"
              label={t('antenna.q.when.label')}
              hint={t('antenna.q.when.hint')}
              options={[...choices.months, { value: 'earlier', label: t('antenna.q.when.earlier') }, { value: 'unknown', label: t('antenna.q.when.unknown') }]}
              value={a.when ?? null}
              placeholder={t('antenna.q.choose')}
              error={errors.when}
            />
          </>
        )}
        {step === 'where' && (
          <>
            <h1>{title}</h1>
            <p class="hint">{t('antenna.q.where.hint')}</p>
            <Select name="districtId" label={t('antenna.q.where.district')} options={[unknown, ...choices.districts]} value={a.districtId ?? 'unknown'} error={errors.districtId} />
            <Select name="facilityId" label={t('antenna.q.where.facility')} options={[unknown, ...choices.facilities]} value={a.facilityId ?? 'unknown'} error={errors.facilityId} />
          </>
        )}
        {step === 'grounds' && (
          <Choices
            type="checkbox"
            name="grounds"
            label={title}
            asHeading
            hint={t('antenna.q.grounds.hintAll')}
            options={[...choices.grounds, { value: 'unsure', label: t('antenna.q.grounds.unsure') }]}
            value={a.grounds ?? []}
            error={errors.grounds}
          />
        )}
        {step === 'before' && (
          <Choices
            type="radio"
            name="before"
            label={title}
            asHeading
            hint={t('antenna.q.chooseOne')}
            options={(['yes', 'no', 'unsure'] as const).map((v) => ({ value: v, label: t(`antenna.q.before.${v}`) }))}
            value={a.before ?? null}
            error={errors.before}
          />
        )}
        {step === 'wishes' && (
          <>
            <h1>{title}</h1>
            <Choices
              type="checkbox"
              name="wishes"
              label={t('antenna.q.wishes.label')}
              hint={t('antenna.q.wishes.hint')}
              options={wishOptions.map((w) => ({ value: w, label: t(`antenna.wish.${w}`) }))}
              value={a.wishes ?? []}
            />
            <TextArea name="wishText" label={t('antenna.q.wishes.text')} value={a.wishText ?? ''} rows={3} maxLength={2000} error={errors.wishText} />
            <Choices
              type="radio"
              name="referral"
              label={t('antenna.q.wishes.referral')}
              hint={t('antenna.q.wishes.referralHint')}
              options={[
                { value: 'yes', label: t('antenna.q.wishes.referralYes') },
                { value: 'no', label: t('antenna.q.wishes.referralNo') },
              ]}
              value={a.referral ?? null}
              error={errors.referral}
            />
          </>
        )}
        {step === 'contact' && (
          <>
            <Choices
              type="radio"
              name="mode"
              label={title}
              asHeading
              hint={t('antenna.q.chooseOne')}
              options={[
                { value: 'anonymous', label: t('antenna.mode.anonymous'), hint: t('antenna.q.contact.anonymousHint') },
                { value: 'confidential', label: t('antenna.mode.confidential'), hint: t('antenna.q.contact.confidentialHint') },
              ]}
              value={a.mode ?? null}
              error={errors.mode}
            />
            <fieldset class="fieldset antenna-contact">
              <legend class="fieldset__legend">{t('antenna.q.contact.details')}</legend>
              <p class="hint">{t('antenna.q.contact.detailsHint')}</p>
              <TextInput name="contactName" label={t('antenna.q.contact.name')} value={a.contactName ?? ''} autocomplete="off" error={errors.contactName} />
              <TextInput name="contactEmail" type="email" label={t('antenna.q.contact.email')} value={a.contactEmail ?? ''} autocomplete="off" error={errors.contactEmail} />
              <TextInput name="contactPhone" type="tel" label={t('antenna.q.contact.phone')} value={a.contactPhone ?? ''} autocomplete="off" error={errors.contactPhone} />
            </fieldset>
          </>
        )}
        <Button>{t('antenna.continue')}</Button>
      </Form>
    </AntennaLayout>
  );
}

/** A name as the form's choice showed it, with its language when not the page's (a facility kept in Catalan). */
export interface ShownName {
  label: string;
  lang?: string;
}

export interface AnswerRow {
  step: Step;
  label: string;
  value: string;
  /** Names chosen from the territory's lists, shown instead of the value, each marked with its language. */
  names?: ShownName[];
  /** What the person typed, shown after the value, each part direction-isolated (e-mail and phone left to right). */
  typed?: { text: string; dir: 'auto' | 'ltr' }[];
}

export function answerRows(
  draft: Draft,
  labels: { service: (id: string) => ShownName; district: (id: string) => ShownName; facility: (id: string) => ShownName; ground: (key: string) => string },
  t: (key: string) => string,
  month: (m: string) => string,
): AnswerRow[] {
  const a = draft.answers;
  const dontKnow = t('antenna.q.dontKnow');
  const rows: AnswerRow[] = [];
  const where = (): AnswerRow => {
    const names = [a.districtId && a.districtId !== 'unknown' ? labels.district(a.districtId) : null, a.facilityId && a.facilityId !== 'unknown' ? labels.facility(a.facilityId) : null].filter(
      (n): n is ShownName => Boolean(n?.label),
    );
    return { step: 'where', label: t('antenna.check.where'), value: names.length ? '' : dontKnow, names };
  };
  if (draft.onBehalf) rows.push({ step: 'consent', label: t('antenna.check.consent'), value: a.consentMethod ? t(`antenna.consentMethod.${a.consentMethod}`) : '' });
  rows.push(
    a.serviceId && a.serviceId !== 'unknown' ? { step: 'service', label: t('antenna.check.service'), value: '', names: [labels.service(a.serviceId)] } : { step: 'service', label: t('antenna.check.service'), value: dontKnow },
    { step: 'story', label: t('antenna.check.story'), value: '', typed: [{ text: a.story ?? '', dir: 'auto' }] },
    {
      step: 'when',
      label: t('antenna.check.when'),
      value: a.when === 'earlier' ? t('antenna.q.when.earlier') : a.when === 'unknown' || !a.when ? t('antenna.q.when.unknown') : month(a.when),
    },
    where(),
    { step: 'grounds', label: t('antenna.check.grounds'), value: (a.grounds ?? []).map((g) => (g === 'unsure' ? t('antenna.q.grounds.unsure') : labels.ground(g))).join(', ') },
    { step: 'before', label: t('antenna.check.before'), value: a.before ? t(`antenna.q.before.${a.before}`) : '' },
    {
      step: 'wishes',
      label: t('antenna.check.wishes'),
      value: (a.wishes ?? []).map((w) => t(`antenna.wish.${w}`)).join(', ') || (a.wishText ? '' : '—'),
      typed: a.wishText ? [{ text: a.wishText, dir: 'auto' }] : [],
    },
    { step: 'wishes', label: t('antenna.check.referral'), value: a.referral === 'yes' ? t('antenna.q.wishes.referralYes') : t('antenna.q.wishes.referralNo') },
    {
      step: 'contact',
      label: t('antenna.check.contact'),
      value: a.mode === 'confidential' ? t('antenna.mode.confidential') : t('antenna.mode.anonymous'),
      typed:
        a.mode === 'confidential'
          ? [
              { text: a.contactName ?? '', dir: 'auto' as const },
              { text: a.contactEmail ?? '', dir: 'ltr' as const },
              { text: a.contactPhone ?? '', dir: 'ltr' as const },
            ].filter((p) => p.text)
          : [],
    },
  );
  return rows;
}

export function CheckPage(props: { slug: string; rows: AnswerRow[]; challenge: string; errors: FieldErrors; retentionDays: number }) {
  const { t, locale } = useView();
  return (
    <AntennaLayout title={t('antenna.check.title')}>
      <ErrorSummary errors={props.errors} />
      <h1>{t('antenna.check.title')}</h1>
      <dl class="summary-list antenna-answers">
        {props.rows.map((row, i) => (
          <div class="summary-list__row" key={i}>
            <dt class="summary-list__key">{row.label}</dt>
            <dd class="summary-list__value">
              {row.value}
              {(row.names ?? []).map((name, j) => (
                <>
                  {j > 0 && ' · '}
                  <span lang={name.lang}>{name.label}</span>
                </>
              ))}
              {(row.typed ?? []).map((part, j) => (
                <>
                  {(row.value || row.names?.length || j > 0) && ' · '}
                  <bdi dir={part.dir}>{part.text}</bdi>
                </>
              ))}
            </dd>
            <dd class="summary-list__actions">
              <a href={href(locale, `${base(props.slug)}/report/${row.step}?change=1`)}>
                {t('antenna.check.change')}
                <span class="visually-hidden"> {row.label}</span>
              </a>
            </dd>
          </div>
        ))}
      </dl>
      <h2>{t('antenna.check.sendTitle')}</h2>
      <p>{t('antenna.check.sendBody', { days: props.retentionDays })}</p>
      <Form action={href(locale, `${base(props.slug)}/report/check`)}>
        <input type="hidden" name="challenge" value={props.challenge} data-antenna-challenge />
        <input type="hidden" name="pow" value="" data-antenna-pow />
        <div class="antenna-hp" aria-hidden="true">
          <label for="antenna-website">{t('antenna.honeypot')}</label>
          <input id="antenna-website" name="website" type="text" tabIndex={-1} autoComplete="off" value="" />
        </div>
        <p class="antenna-working" data-antenna-working hidden role="status">
          {t('antenna.check.working')}
        </p>
        <Button>{t('antenna.check.send')}</Button>
      </Form>
    </AntennaLayout>
  );
}

/** A receipt in groups of four, always one isolated left-to-right run (in Arabic and Urdu pages too). */
export function Receipt({ receipt }: { receipt: string }) {
  return (
    <bdi class="receipt" dir="ltr" data-receipt>
      {groupReceipt(receipt)}
    </bdi>
  );
}

export function groupReceipt(receipt: string): string {
  return receipt.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function DonePage(props: { slug: string; receipt: string; reference: string }) {
  const { t, locale } = useView();
  return (
    <AntennaLayout title={t('antenna.done.title')}>
      <div class="panel panel--confirmation">
        <h1 class="panel__title">{t('antenna.done.title')}</h1>
        <p>{t('antenna.done.receiptLabel')}</p>
        <p class="antenna-receipt">
          <strong>
            <Receipt receipt={props.receipt} />
          </strong>
        </p>
      </div>
      <h2>{t('antenna.done.keep.title')}</h2>
      <ul>
        <li>{t('antenna.done.keep.once')}</li>
        <li>{t('antenna.done.keep.write')}</li>
        <li>{t('antenna.done.keep.safe')}</li>
        <li>{t('antenna.done.keep.lost')}</li>
      </ul>
      <h2>{t('antenna.done.next.title')}</h2>
      <p>{t('antenna.done.next.body')}</p>
      <p>
        <a href={href(locale, `${base(props.slug)}/follow`)}>{t('antenna.done.follow')}</a>
      </p>
    </AntennaLayout>
  );
}

export function FollowSignInPage(props: { slug: string; errors: FieldErrors }) {
  const { t, locale } = useView();
  return (
    <AntennaLayout title={t('antenna.follow.title')}>
      <ErrorSummary errors={props.errors} />
      <h1>{t('antenna.follow.title')}</h1>
      <p>{t('antenna.follow.lead')}</p>
      <Form action={href(locale, `${base(props.slug)}/follow`)}>
        <TextInput name="receipt" label={t('antenna.follow.receipt')} hint={t('antenna.follow.receiptHint', { example: ltrRun(groupReceipt('1234567890123456')) })} inputMode="numeric" autocomplete="off" dir="ltr" error={props.errors.receipt} />
        <Button>{t('antenna.follow.open')}</Button>
      </Form>
    </AntennaLayout>
  );
}

export function StatusText({ status, reason }: { status: string; reason: string | null }) {
  const { t } = useView();
  return (
    <p class={`antenna-status antenna-status--${status}`}>
      <strong>{t(`antenna.status.${status}`)}</strong> {t(`antenna.statusHelp.${status}`)}
      {reason && ` ${t(`antenna.closeReason.${reason}`)}`}
    </p>
  );
}

function authorLabel(t: (k: string) => string, author: string, viewer: 'reporter' | 'handler') {
  if (author === 'handler') return t(viewer === 'handler' ? 'antenna.author.handlerStaff' : 'antenna.author.handler');
  // "You" and "the organisation that helped you" speak to the reporter; the handler reads about them.
  if (viewer === 'handler') return t(author === 'intermediary' ? 'antenna.author.intermediaryStaff' : 'antenna.author.reporterStaff');
  return t(author === 'intermediary' ? 'antenna.author.intermediary' : 'antenna.author.reporter');
}

export function Conversation({ messages, viewer }: { messages: ReporterView['messages']; viewer: 'reporter' | 'handler' }) {
  const { t, date } = useView();
  if (messages.length === 0) return <p>{t('antenna.messages.none')}</p>;
  return (
    <ol class="antenna-messages">
      {messages.map((m) => (
        <li key={m.id} class={`antenna-message antenna-message--${m.author} antenna-message--${m.kind}`}>
          <p class="antenna-message__meta">
            <strong>{m.kind === 'note' ? t('antenna.author.note') : authorLabel(t, m.author, viewer)}</strong>
            {m.kind === 'information' && ` · ${t('antenna.messages.information')}`} · {date(m.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
          </p>
          <p class="antenna-message__text">{m.text}</p>
        </li>
      ))}
    </ol>
  );
}

export function FollowCasePage(props: { slug: string; view: ReporterView; errors: FieldErrors; values: { text?: string }; sent: boolean }) {
  const { t, locale, date } = useView();
  const { view } = props;
  const action = (p: string) => href(locale, `${base(props.slug)}/follow/${p}`);
  return (
    <AntennaLayout title={t('antenna.case.title')}>
      <ErrorSummary errors={props.errors} />
      {props.sent && (
        <p class="antenna-notice" role="status">
          {t('antenna.case.sent')}
        </p>
      )}
      <h1>{t('antenna.case.title')}</h1>
      <p>{t('antenna.case.sentOn', { date: date(view.createdAt) })}</p>
      <StatusText status={view.status} reason={view.statusReason} />
      <h2>{t('antenna.messages.title')}</h2>
      <Conversation messages={view.messages} viewer="reporter" />
      <h2>{t('antenna.case.write')}</h2>
      <Form action={action('message')}>
        <TextArea name="text" label={t('antenna.case.messageLabel')} hint={t('antenna.case.messageHint')} value={props.values.text ?? ''} rows={5} error={props.errors.text} />
        <Choices
          type="radio"
          name="kind"
          label={t('antenna.case.kind')}
          options={[
            { value: 'message', label: t('antenna.case.kindMessage') },
            { value: 'information', label: t('antenna.case.kindInformation') },
          ]}
          value="message"
        />
        <Button>{t('antenna.case.send')}</Button>
      </Form>
      <h2>{t('antenna.files.title')}</h2>
      {view.files.length > 0 && (
        <ul>
          {view.files.map((f) => (
            <li key={f.id}>{t('antenna.files.item', { name: f.name, size: Math.max(1, Math.round(f.size / 1024)) })}</li>
          ))}
        </ul>
      )}
      <Form action={action('file')} enctype="multipart/form-data">
        <div class={`form-group${props.errors.file ? ' form-group--error' : ''}`}>
          <label class="label" for="f-file">
            {t('antenna.files.label')}
          </label>
          <p class="hint" id="f-file-hint">
            {t('antenna.files.hint')}
          </p>
          {props.errors.file && (
            <p class="error-message" id="f-file-error">
              <span class="visually-hidden">{t('platform.forms.errorPrefix')}</span> {t(props.errors.file)}
            </p>
          )}
          <input class="file-upload" id="f-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,text/plain" aria-describedby={props.errors.file ? 'f-file-hint f-file-error' : 'f-file-hint'} />
        </div>
        <Button variant="secondary">{t('antenna.files.add')}</Button>
      </Form>
      <h2>{t('antenna.case.leave')}</h2>
      <Form action={action('sign-out')}>
        <Button variant="secondary">{t('antenna.case.signOut')}</Button>
      </Form>
    </AntennaLayout>
  );
}

export function OnBehalfHome(props: { slug: string; territoryName: string; filed: FiledReport[]; open: boolean; retentionDays: number }) {
  const { t, locale, date } = useView();
  return (
    <AntennaLayout title={t('antenna.onBehalf.title')}>
      <h1>{t('antenna.onBehalf.title')}</h1>
      <p class="lead">{t('antenna.onBehalf.lead', { territory: props.territoryName })}</p>
      <p>{t('antenna.onBehalf.consent')}</p>
      <p>{t('antenna.start.kept.body', { days: props.retentionDays, years: Math.round((props.retentionDays / 365) * 10) / 10 })}</p>
      {props.open ? (
        <Form action={href(locale, `${base(props.slug)}/on-behalf/start`)}>
          <Button>{t('antenna.onBehalf.start')}</Button>
        </Form>
      ) : (
        <p class="antenna-notice">{t('antenna.start.closed')}</p>
      )}
      <h2>{t('antenna.onBehalf.filed')}</h2>
      {props.filed.length === 0 ? (
        <p>{t('antenna.onBehalf.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <caption>{t('antenna.onBehalf.filedCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('antenna.queue.reference')}</th>
                <th scope="col">{t('antenna.queue.status')}</th>
                <th scope="col">{t('antenna.queue.received')}</th>
              </tr>
            </thead>
            <tbody>
              {props.filed.map((r) => (
                <tr key={r.reference}>
                  <th scope="row">{r.reference}</th>
                  <td>{t(`antenna.status.${r.status}`)}</td>
                  <td>{date(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>{t('antenna.onBehalf.followHelp')}</p>
      <p>
        <a href={href(locale, `${base(props.slug)}/follow`)}>{t('antenna.start.follow')}</a>
      </p>
    </AntennaLayout>
  );
}

export function ToldPage(props: { title: string; body: string; link?: { href: string; label: string } }) {
  return (
    <AntennaLayout title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.body}</p>
      {props.link && (
        <p>
          <a href={props.link.href}>{props.link.label}</a>
        </p>
      )}
    </AntennaLayout>
  );
}
