// The report form: its questions (one page each), what each accepts, and the order. Pure rules.
import { asciiDigits } from '../../platform/i18n/digits.ts';

export const storyMaxLength = 10_000;
export const shortMaxLength = 200;

export const wishOptions = ['counted', 'contact', 'change', 'advice'] as const;
export const dimensions = ['access', 'information', 'language', 'treatment', 'requirements', 'physical-accessibility', 'digital-access', 'other'] as const;
export const consentMethods = ['in-person', 'phone', 'written'] as const;
export const closeReasons = ['resolved', 'no-response', 'out-of-scope', 'duplicate', 'withdrawn'] as const;

export interface Answers {
  /** A service id of the territory's catalogue, or 'unknown'. */
  serviceId?: string;
  story?: string;
  /** 'YYYY-MM', 'earlier' (more than two years ago) or 'unknown'. */
  when?: string;
  /** A district id, or 'unknown'. */
  districtId?: string;
  /** A facility id, or 'unknown'. */
  facilityId?: string;
  /** Ground keys of the territory, or ['unsure']. */
  grounds?: string[];
  before?: 'yes' | 'no' | 'unsure';
  wishes?: string[];
  wishText?: string;
  referral?: 'yes' | 'no';
  mode?: 'anonymous' | 'confidential';
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
  /** The consent of the person an organisation files for. */
  consentGiven?: boolean;
  consentMethod?: string;
}

export interface Draft {
  territoryId: string;
  answers: Answers;
  /** Set when an organisation member files on someone's behalf. */
  onBehalf?: { organisationId: string; filedBy: string };
  /** Steps answered at least once, so "check your answers" is reachable only when all are. */
  done: string[];
  /** After submission: shown once on the confirmation page, then the draft is deleted. */
  submitted?: { receipt: string; reference: string };
}

export const publicSteps = ['service', 'story', 'when', 'where', 'grounds', 'before', 'wishes', 'contact'] as const;
export type Step = (typeof publicSteps)[number] | 'consent';

export function stepsFor(draft: Pick<Draft, 'onBehalf'>): Step[] {
  return draft.onBehalf ? ['consent', ...publicSteps] : [...publicSteps];
}

export function isStep(value: string): value is Step {
  return value === 'consent' || (publicSteps as readonly string[]).includes(value);
}

/** The first step not yet answered, or 'check'. */
export function nextStep(draft: Draft, after?: Step): Step | 'check' {
  const steps = stepsFor(draft);
  const from = after ? steps.indexOf(after) + 1 : 0;
  for (let i = from; i < steps.length; i++) if (!draft.done.includes(steps[i]!)) return steps[i]!;
  return steps.every((s) => draft.done.includes(s)) ? 'check' : steps.find((s) => !draft.done.includes(s))!;
}

export interface StepContext {
  serviceIds: string[];
  districtIds: string[];
  facilityIds: string[];
  grounds: string[];
  months: string[];
}

export type FormBody = Record<string, unknown>;
export type StepResult = { ok: true; patch: Answers } | { ok: false; errors: Record<string, string>; patch: Answers };

function str(body: FormBody, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

function list(body: FormBody, name: string): string[] {
  const v = body[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' && v !== '' ? [v] : [];
}

export { recentMonths } from '../../platform/periods.ts';

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const phonePattern = /^[+0-9 ()-]{6,25}$/;

/** Validates one page of the form. The patch always carries what was typed, so nothing is lost on error. */
export function validateStep(step: Step, body: FormBody, context: StepContext): StepResult {
  const errors: Record<string, string> = {};
  let patch: Answers = {};
  switch (step) {
    case 'consent': {
      const given = str(body, 'consentGiven') === 'yes';
      const method = str(body, 'consentMethod');
      patch = { consentGiven: given, consentMethod: method };
      if (!given) errors.consentGiven = 'antenna.errors.consentRequired';
      if (!(consentMethods as readonly string[]).includes(method)) errors.consentMethod = 'antenna.errors.chooseOne';
      break;
    }
    case 'service': {
      const serviceId = str(body, 'serviceId');
      patch = { serviceId };
      if (serviceId !== 'unknown' && !context.serviceIds.includes(serviceId)) errors.serviceId = 'antenna.errors.chooseOne';
      break;
    }
    case 'story': {
      const story = typeof body.story === 'string' ? body.story.replace(/\r\n/g, '\n').trim() : '';
      patch = { story };
      if (story.length === 0) errors.story = 'antenna.errors.storyRequired';
      else if (story.length > storyMaxLength) errors.story = 'antenna.errors.storyTooLong';
      break;
    }
    case 'when': {
      const when = str(body, 'when');
      patch = { when };
      if (!['earlier', 'unknown', ...context.months].includes(when)) errors.when = 'antenna.errors.chooseOne';
      break;
    }
    case 'where': {
      const districtId = str(body, 'districtId') || 'unknown';
      const facilityId = str(body, 'facilityId') || 'unknown';
      patch = { districtId, facilityId };
      if (districtId !== 'unknown' && !context.districtIds.includes(districtId)) errors.districtId = 'antenna.errors.chooseOne';
      if (facilityId !== 'unknown' && !context.facilityIds.includes(facilityId)) errors.facilityId = 'antenna.errors.chooseOne';
      break;
    }
    case 'grounds': {
      const grounds = list(body, 'grounds');
      patch = { grounds };
      const valid = grounds.every((g) => g === 'unsure' || context.grounds.includes(g));
      if (grounds.length === 0) errors.grounds = 'antenna.errors.groundsRequired';
      else if (!valid || grounds.length > context.grounds.length + 1) errors.grounds = 'antenna.errors.chooseOne';
      break;
    }
    case 'before': {
      const before = str(body, 'before');
      if (before === 'yes' || before === 'no' || before === 'unsure') patch = { before };
      else errors.before = 'antenna.errors.chooseOne';
      break;
    }
    case 'wishes': {
      const wishes = list(body, 'wishes').filter((w) => (wishOptions as readonly string[]).includes(w));
      const wishText = str(body, 'wishText');
      const referral = str(body, 'referral');
      patch = { wishes, wishText };
      if (referral === 'yes' || referral === 'no') patch.referral = referral;
      else errors.referral = 'antenna.errors.chooseOne';
      if (wishText.length > 2000) errors.wishText = 'antenna.errors.tooLong';
      break;
    }
    case 'contact': {
      const mode = str(body, 'mode');
      const contactName = str(body, 'contactName');
      const contactEmail = str(body, 'contactEmail');
      const contactPhone = asciiDigits(str(body, 'contactPhone'));
      patch = { contactName, contactEmail, contactPhone };
      if (mode === 'anonymous' || mode === 'confidential') patch.mode = mode;
      else errors.mode = 'antenna.errors.chooseOne';
      if (mode === 'confidential') {
        if (!contactEmail && !contactPhone) errors.contactEmail = 'antenna.errors.contactRequired';
        if (contactEmail && (!emailPattern.test(contactEmail) || contactEmail.length > shortMaxLength)) errors.contactEmail = 'antenna.errors.emailInvalid';
        if (contactPhone && !phonePattern.test(contactPhone)) errors.contactPhone = 'antenna.errors.phoneInvalid';
        if (contactName.length > shortMaxLength) errors.contactName = 'antenna.errors.tooLong';
      }
      if (mode === 'anonymous') patch = { mode, contactName: '', contactEmail: '', contactPhone: '' };
      break;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, patch } : { ok: true, patch };
}

/** Every step valid together: the last check before a report is stored. */
export function validateAll(draft: Draft, context: StepContext): Record<string, string> {
  const a = draft.answers;
  const asBody: FormBody = {
    ...a,
    consentGiven: a.consentGiven ? 'yes' : '',
    grounds: a.grounds ?? [],
    wishes: a.wishes ?? [],
  };
  const errors: Record<string, string> = {};
  for (const step of stepsFor(draft)) {
    const result = validateStep(step, asBody, context);
    if (!result.ok) Object.assign(errors, result.errors);
  }
  return errors;
}

/** Which step a field belongs to, for the "change" links and error links of the check page. */
export function stepOfField(field: string): Step {
  const map: Record<string, Step> = {
    consentGiven: 'consent',
    consentMethod: 'consent',
    serviceId: 'service',
    story: 'story',
    when: 'when',
    districtId: 'where',
    facilityId: 'where',
    grounds: 'grounds',
    before: 'before',
    wishes: 'wishes',
    wishText: 'wishes',
    referral: 'wishes',
    mode: 'contact',
    contactName: 'contact',
    contactEmail: 'contact',
    contactPhone: 'contact',
  };
  return map[field] ?? 'service';
}
