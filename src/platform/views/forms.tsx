// Form components after the GOV.UK Design System: an error summary linking to each field,
// the message beside the field, hints tied with aria-describedby, values kept on error.
import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { useView, type FormReplay } from './context.ts';

/** Field name → translation key of the error (or an already translated message). */
export type FieldErrors = Record<string, string>;

function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const value = ids.filter(Boolean).join(' ');
  return value || undefined;
}

function fieldId(name: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const { t } = useView();
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" data-error-summary>
      <h2 class="error-summary__title" id="error-summary-title">
        {t('platform.forms.errorSummary')}
      </h2>
      <ul class="error-summary__list">
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{t(message)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The refused form being shown again, for the fields inside it (see Form). */
const ReplayContext = createContext<FormReplay | null>(null);

/** The path a form posts to, without its query, to match a refused form to the form on the page. */
export function actionPath(action: string): string {
  const path = action.split(/[?#]/)[0] ?? action;
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

export function Form(props: { action: string; method?: 'post' | 'get'; children: ComponentChildren; enctype?: string; class?: string }) {
  const view = useView();
  const { formReplay } = view;
  const method = props.method ?? 'post';
  // The form whose post was refused is drawn again with what was typed, the error summary first.
  const replay = method === 'post' && formReplay && actionPath(props.action) === formReplay.action ? formReplay : null;
  if (replay) replay.used = true;
  return (
    <form action={props.action} method={method} encType={props.enctype} class={props.class} id={replay?.errors._form ? fieldId('_form') : undefined} noValidate>
      {/* Read only for a post form: reading the token makes one, with its cookie, and keeps the page out of the page cache. */}
      {method === 'post' && <input type="hidden" name="_csrf" value={view.csrfToken} />}
      {replay && <ErrorSummary errors={replay.errors} />}
      <ReplayContext.Provider value={replay}>{props.children}</ReplayContext.Provider>
    </form>
  );
}

interface FieldProps {
  name: string;
  /** A sentence, or one with data marked in it (see `Sentence`). */
  label: ComponentChildren;
  /** A sentence, or one with data marked in it (see `Sentence`). */
  hint?: ComponentChildren;
  error?: string;
  /** On a page with one question: the label (or legend) is the page's h1, as GOV.UK's question pages do. */
  asHeading?: boolean;
}

function FieldShell({ name, label, hint, error, asHeading, children }: FieldProps & { children: ComponentChildren }) {
  const { t } = useView();
  const id = fieldId(name);
  const labelElement = (
    <label class="label" for={id}>
      {label}
    </label>
  );
  return (
    <div class={`form-group${error ? ' form-group--error' : ''}`}>
      {asHeading ? <h1 class="label-heading">{labelElement}</h1> : labelElement}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{t('platform.forms.errorPrefix')}</span> {t(error)}
        </p>
      )}
      {children}
    </div>
  );
}

/** A field's props with the refused form's value and error for it, when the form is shown again. */
function useReplay<P extends FieldProps & { value?: string | string[] | null }>(props: P, many = false): P {
  const replay = useContext(ReplayContext);
  if (!replay) return props;
  const value = replay.values[props.name];
  const error = replay.errors[props.name];
  const kept = value === undefined ? {} : { value: many ? value : Array.isArray(value) ? (value[0] ?? '') : value };
  return { ...props, ...kept, ...(error ? { error } : {}) };
}

export function TextInput(
  given: FieldProps & {
    value?: string | null;
    type?: 'text' | 'email' | 'password' | 'number' | 'search' | 'url' | 'tel' | 'month' | 'date';
    autocomplete?: string;
    inputMode?: 'numeric' | 'text' | 'email';
    width?: 'short' | 'full';
    /** Default: "auto" for typed text (its own direction, isolated), "ltr" for e-mail, phone, numbers and URLs. */
    dir?: 'ltr' | 'rtl' | 'auto';
  },
) {
  const props = useReplay(given);
  const id = fieldId(props.name);
  const type = props.type ?? 'text';
  const dir = props.dir ?? (type === 'text' || type === 'search' || type === 'password' ? 'auto' : 'ltr');
  return (
    <FieldShell {...props}>
      <input
        class={`input${props.width === 'short' ? ' input--short' : ''}`}
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' ? undefined : (props.value ?? undefined)}
        autoComplete={props.autocomplete}
        inputMode={props.inputMode}
        dir={dir}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.hint ? `${id}-hint` : undefined, props.error && `${id}-error`)}
      />
    </FieldShell>
  );
}

/** A file picker (the form needs enctype="multipart/form-data"); `accept` narrows what the picker offers. */
export function FileInput(given: FieldProps & { accept?: string; multiple?: boolean }) {
  const props = useReplay(given);
  const id = fieldId(props.name);
  return (
    <FieldShell {...props}>
      <input
        class="file-input"
        type="file"
        id={id}
        name={props.name}
        accept={props.accept}
        multiple={props.multiple}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.hint ? `${id}-hint` : undefined, props.error && `${id}-error`)}
      />
    </FieldShell>
  );
}

export function TextArea(given: FieldProps & { value?: string | null; rows?: number; maxLength?: number }) {
  const props = useReplay(given);
  const id = fieldId(props.name);
  return (
    <FieldShell {...props}>
      <textarea
        class="textarea"
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        maxLength={props.maxLength}
        dir="auto"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.hint ? `${id}-hint` : undefined, props.error && `${id}-error`)}
      >
        {props.value ?? ''}
      </textarea>
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
  /** The label's language when it is not the page's (a place name kept in the territory's language). */
  lang?: string;
  /** In a select, the heading this option is listed under (a facility under its service), with its own language if not the page's. */
  group?: { label: string; lang?: string };
}

/** Options in runs under their group's heading, in the order given; options without a group stand alone. */
function grouped(options: Option[]): { group?: Option['group']; options: Option[] }[] {
  const runs: { group?: Option['group']; options: Option[] }[] = [];
  for (const o of options) {
    const last = runs.at(-1);
    if (last && last.group?.label === o.group?.label) last.options.push(o);
    else runs.push({ group: o.group, options: [o] });
  }
  return runs;
}

export function Select(given: FieldProps & { options: Option[]; value?: string | null; placeholder?: string }) {
  const props = useReplay(given);
  const id = fieldId(props.name);
  return (
    <FieldShell {...props}>
      <select
        class="select"
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.hint ? `${id}-hint` : undefined, props.error && `${id}-error`)}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {grouped(props.options).map((run) => {
          const options = run.options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === props.value} lang={o.lang}>
              {o.label}
            </option>
          ));
          return run.group ? (
            <optgroup key={run.group.label} label={run.group.label} lang={run.group.lang}>
              {options}
            </optgroup>
          ) : (
            options
          );
        })}
      </select>
    </FieldShell>
  );
}

/** Radios or checkboxes in a fieldset whose legend is the question. */
export function Choices(
  given: FieldProps & { type: 'radio' | 'checkbox'; options: (Option & { hint?: string })[]; value?: string | string[] | null },
) {
  const props = useReplay(given, true);
  const { t } = useView();
  const id = fieldId(props.name);
  const selected = new Set(Array.isArray(props.value) ? props.value : props.value ? [props.value] : []);
  return (
    <div class={`form-group${props.error ? ' form-group--error' : ''}`}>
      <fieldset class="fieldset" aria-describedby={describedBy(props.hint ? `${id}-hint` : undefined, props.error && `${id}-error`)}>
        <legend class="fieldset__legend">{props.asHeading ? <h1 class="fieldset__heading">{props.label}</h1> : props.label}</legend>
        {props.hint && (
          <p class="hint" id={`${id}-hint`}>
            {props.hint}
          </p>
        )}
        {props.error && (
          <p class="error-message" id={`${id}-error`}>
            <span class="visually-hidden">{t('platform.forms.errorPrefix')}</span> {t(props.error)}
          </p>
        )}
        <div class={props.type === 'radio' ? 'radios' : 'checkboxes'}>
          {props.options.map((o, i) => {
            // The first option carries the field's id so the error summary can link to it.
            const optionId = i === 0 ? id : `${id}-${i}`;
            return (
              <div class="choice" key={o.value}>
                <input
                  class="choice__input"
                  id={optionId}
                  type={props.type}
                  name={props.name}
                  value={o.value}
                  checked={selected.has(o.value)}
                  aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                />
                <label class="choice__label" for={optionId} lang={o.lang}>
                  {o.label}
                </label>
                {o.hint && (
                  <p class="hint choice__hint" id={`${optionId}-hint`}>
                    {o.hint}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Button({ children, variant }: { children: ComponentChildren; variant?: 'secondary' | 'warning' }) {
  return (
    <button type="submit" class={`button${variant ? ` button--${variant}` : ''}`}>
      {children}
    </button>
  );
}
