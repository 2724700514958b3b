// Pure rules of plans: what a measure, an indicator and a measurement must say, and how progress is derived.
import { isCalendarDay } from '../../platform/periods.ts';
import { measureStatuses, planKinds, type MeasureStatus } from './plans.schema.ts';
import { isUuid } from '../../platform/ids.ts';

export type FieldErrors = Record<string, string>;

export { isUuid };

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one): the platform's rule, under the plans' name. */
export const isDate = isCalendarDay;

export interface Period {
  periodFrom: string;
  periodTo: string;
}

export interface PlanInput {
  title: string;
  summary: string;
  kind: string;
  periodFrom: string;
  periodTo: string;
  approvedBy: string;
}

export function validatePlan(input: PlanInput): FieldErrors {
  const fields: FieldErrors = {};
  if (!input.title.trim()) fields.title = 'plans.plan.errors.title';
  else if (input.title.trim().length > 300) fields.title = 'plans.plan.errors.titleLong';
  if (!(planKinds as readonly string[]).includes(input.kind)) fields.kind = 'plans.plan.errors.kind';
  if (!isDate(input.periodFrom)) fields.periodFrom = 'plans.plan.errors.date';
  if (!isDate(input.periodTo)) fields.periodTo = 'plans.plan.errors.date';
  else if (!fields.periodFrom && input.periodTo < input.periodFrom) fields.periodTo = 'plans.plan.errors.periodOrder';
  if (input.approvedBy !== 'board' && input.approvedBy !== 'promoting-group') fields.approvedBy = 'plans.plan.errors.approvedBy';
  return fields;
}

/** A measure as typed in a form: every value a string, nothing lost when it comes back with errors. */
export interface MeasureInput {
  goalId: string;
  code: string;
  title: string;
  description: string;
  departmentId: string;
  owner: string;
  organisationIds: string[];
  challengeIds: string[];
  startsOn: string;
  deadline: string;
  status: string;
  droppedReason: string;
  progress: string;
}

export interface MeasureContext {
  period: Period;
  goalIds: ReadonlySet<string>;
  departmentIds: ReadonlySet<string>;
  organisationIds: ReadonlySet<string>;
  challengeIds: ReadonlySet<string>;
}

export interface ValidMeasure {
  goalId: string;
  code: string;
  title: string;
  description: string;
  departmentId: string;
  owner: string;
  organisationIds: string[];
  challengeIds: string[];
  startsOn: string | null;
  deadline: string;
  status: MeasureStatus;
  droppedReason: string | null;
  progress: number | null;
}

export function inPeriod(date: string, period: Period): boolean {
  return date >= period.periodFrom && date <= period.periodTo;
}

/** Progress typed by hand: empty (derived from the actions) or a whole number 0–100. */
export function parseProgress(raw: string): { value: number | null } | { error: string } {
  const text = raw.trim().replace(/%$/, '').trim();
  if (!text) return { value: null };
  if (!/^-?\d+$/.test(text)) return { error: 'plans.measure.errors.progressNumber' };
  const value = Number(text);
  if (value < 0 || value > 100) return { error: 'plans.measure.errors.progressRange' };
  return { value };
}

export function validateMeasure(input: MeasureInput, context: MeasureContext): { ok: true; value: ValidMeasure } | { ok: false; fields: FieldErrors } {
  const fields: FieldErrors = {};
  if (!context.goalIds.has(input.goalId)) fields.goalId = 'plans.measure.errors.goal';
  if (!input.title.trim()) fields.title = 'plans.measure.errors.title';
  else if (input.title.trim().length > 500) fields.title = 'plans.measure.errors.titleLong';
  if (!input.departmentId) fields.departmentId = 'plans.measure.errors.responsible';
  else if (!context.departmentIds.has(input.departmentId)) fields.departmentId = 'plans.measure.errors.department';
  if (input.organisationIds.some((id) => !context.organisationIds.has(id))) fields.organisationIds = 'plans.measure.errors.organisations';
  if (input.challengeIds.some((id) => !context.challengeIds.has(id))) fields.challengeIds = 'plans.measure.errors.challenges';
  if (!input.deadline.trim()) fields.deadline = 'plans.measure.errors.deadline';
  else if (!isDate(input.deadline)) fields.deadline = 'plans.measure.errors.date';
  else if (!inPeriod(input.deadline, context.period)) fields.deadline = 'plans.measure.errors.outsidePeriod';
  const startsOn = input.startsOn.trim();
  if (startsOn) {
    if (!isDate(startsOn)) fields.startsOn = 'plans.measure.errors.date';
    else if (!inPeriod(startsOn, context.period)) fields.startsOn = 'plans.measure.errors.outsidePeriod';
    else if (!fields.deadline && startsOn > input.deadline) fields.startsOn = 'plans.measure.errors.startAfterDeadline';
  }
  if (!(measureStatuses as readonly string[]).includes(input.status)) fields.status = 'plans.measure.errors.status';
  if (input.status === 'dropped' && !input.droppedReason.trim()) fields.droppedReason = 'plans.measure.errors.droppedReason';
  const progress = parseProgress(input.progress);
  if ('error' in progress) fields.progress = progress.error;
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    value: {
      goalId: input.goalId,
      code: input.code.trim().slice(0, 40),
      title: input.title.trim(),
      description: input.description.trim().slice(0, 10000),
      departmentId: input.departmentId,
      owner: input.owner.trim().slice(0, 300),
      organisationIds: [...new Set(input.organisationIds)],
      challengeIds: [...new Set(input.challengeIds)],
      startsOn: startsOn || null,
      deadline: input.deadline,
      status: input.status as MeasureStatus,
      droppedReason: input.status === 'dropped' ? input.droppedReason.trim().slice(0, 2000) : null,
      progress: 'value' in progress ? progress.value : null,
    },
  };
}

/**
 * A measure's progress: done is 100, dropped has none, a percent typed by hand wins, otherwise the share
 * of its actions done (0 without actions).
 */
export function measureProgress(measure: { status: MeasureStatus; progress: number | null }, actions: { done: boolean }[]): number | null {
  if (measure.status === 'dropped') return null;
  if (measure.status === 'done') return 100;
  if (measure.progress !== null) return measure.progress;
  if (actions.length === 0) return 0;
  return Math.round((actions.filter((a) => a.done).length / actions.length) * 100);
}

export interface IndicatorInput {
  name: string;
  unit: string;
  source: string;
  baseline: string;
  target: string;
  computation: string;
  serviceId: string;
}

function optionalNumber(raw: string): { value: number | null } | { error: string } {
  const text = raw.trim().replace(',', '.');
  if (!text) return { value: null };
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { error: 'plans.indicator.errors.number' };
  return { value: Number(text) };
}

export function validateIndicator(input: IndicatorInput, serviceIds: ReadonlySet<string>) {
  const fields: FieldErrors = {};
  if (!input.name.trim()) fields.name = 'plans.indicator.errors.name';
  if (!input.unit.trim()) fields.unit = 'plans.indicator.errors.unit';
  if (!input.source.trim()) fields.source = 'plans.indicator.errors.source';
  const baseline = optionalNumber(input.baseline);
  const target = optionalNumber(input.target);
  if ('error' in baseline) fields.baseline = baseline.error;
  if ('error' in target) fields.target = target.error;
  if (input.computation !== 'manual' && input.computation !== 'open-findings') fields.computation = 'plans.indicator.errors.computation';
  if (input.computation === 'open-findings' && !serviceIds.has(input.serviceId)) fields.serviceId = 'plans.indicator.errors.service';
  if (Object.keys(fields).length > 0) return { ok: false as const, fields };
  return {
    ok: true as const,
    value: {
      name: input.name.trim().slice(0, 300),
      unit: input.unit.trim().slice(0, 60),
      source: input.source.trim().slice(0, 300),
      baseline: 'value' in baseline ? baseline.value : null,
      target: 'value' in target ? target.value : null,
      computation: input.computation as 'manual' | 'open-findings',
      serviceId: input.computation === 'open-findings' ? input.serviceId : null,
    },
  };
}

export function validateMeasurement(input: { measuredOn: string; value: string }, period: Period) {
  const fields: FieldErrors = {};
  const measuredOn = input.measuredOn.trim();
  if (!measuredOn) fields.measuredOn = 'plans.measurement.errors.date';
  else if (!isDate(measuredOn)) fields.measuredOn = 'plans.measurement.errors.dateFormat';
  else if (!inPeriod(measuredOn, period)) fields.measuredOn = 'plans.measurement.errors.outsidePeriod';
  const value = optionalNumber(input.value);
  if ('error' in value || value.value === null) fields.value = 'plans.measurement.errors.value';
  if (Object.keys(fields).length > 0) return { ok: false as const, fields };
  return { ok: true as const, value: { measuredOn, value: (value as { value: number }).value } };
}
