// The public enrolment form as GOV.UK-style steps: one question per page, then check answers.
// Pure: which steps there are, what each accepts, what comes next.
import { locales } from '../../../platform/i18n/locales.ts';
import { asciiDigits } from '../../../platform/i18n/digits.ts';

export const enrolmentSteps = ['name', 'contact', 'languages', 'via', 'organisation', 'motivation', 'consent'] as const;
export type EnrolmentStep = (typeof enrolmentSteps)[number];
export type EnrolmentAnswers = Record<string, string | string[]>;

export function isStep(value: string): value is EnrolmentStep {
  return (enrolmentSteps as readonly string[]).includes(value);
}

/** The steps that apply given the answers so far (the organisation's name only when enrolling through one). */
export function stepsFor(answers: EnrolmentAnswers): EnrolmentStep[] {
  return enrolmentSteps.filter((s) => s !== 'organisation' || answers.via === 'organisation');
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** Reads one step's fields: the values kept as typed, and errors by field. */
export function readStep(step: EnrolmentStep, body: Record<string, unknown>, consentVersion: number): { values: EnrolmentAnswers; errors: Record<string, string> } {
  const text = (name: string, max = 200) => (typeof body[name] === 'string' ? (body[name] as string).trim().slice(0, max) : '');
  const errors: Record<string, string> = {};
  switch (step) {
    case 'name': {
      const name = text('name');
      if (!name) errors.name = 'audits.enrol.errors.name';
      return { values: { name }, errors };
    }
    case 'contact': {
      const email = text('email').toLowerCase();
      const phone = asciiDigits(text('phone', 40));
      if (!emailPattern.test(email)) errors.email = 'audits.enrol.errors.email';
      if (phone && !/^[+0-9 ()-]{6,}$/.test(phone)) errors.phone = 'audits.enrol.errors.phone';
      return { values: { email, phone }, errors };
    }
    case 'languages': {
      const raw = body.languages;
      const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String).filter((l) => (locales as readonly string[]).includes(l));
      if (list.length === 0) errors.languages = 'audits.enrol.errors.languages';
      return { values: { languages: list }, errors };
    }
    case 'via': {
      const via = text('via');
      if (via !== 'self' && via !== 'organisation') errors.via = 'audits.enrol.errors.via';
      return { values: { via }, errors };
    }
    case 'organisation': {
      const organisation = text('organisation');
      if (!organisation) errors.organisation = 'audits.enrol.errors.organisation';
      return { values: { organisation }, errors };
    }
    case 'motivation':
      return { values: { motivation: text('motivation', 2000) }, errors };
    case 'consent': {
      const agreed = body.consent === String(consentVersion);
      if (!agreed) errors.consent = 'audits.enrol.errors.consent';
      return { values: { consent: agreed ? String(consentVersion) : '' }, errors };
    }
  }
}

/** The first step that still needs an answer, or null when every step is answered. */
export function nextUnanswered(answers: EnrolmentAnswers, consentVersion: number): EnrolmentStep | null {
  for (const step of stepsFor(answers)) {
    const { errors } = readStep(step, answers, consentVersion);
    if (Object.keys(errors).length > 0) return step;
    if (step === 'motivation' && answers.motivation === undefined) return step;
  }
  return null;
}

/** The step after this one (for "continue"), or null for check-answers. */
export function stepAfter(step: EnrolmentStep, answers: EnrolmentAnswers): EnrolmentStep | null {
  const steps = stepsFor(answers);
  return steps[steps.indexOf(step) + 1] ?? null;
}
