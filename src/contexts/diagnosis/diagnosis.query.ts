// The explorer's filters, read from the URL: unknown or malformed values fall back to defaults and
// are reported as field errors, never a server error.
import { dimensions, granularities, monthIndex, monthOf, sources, type Dimension, type ExplorerQuery, type Granularity } from './diagnosis.figures.ts';
import { monthOfDate } from '../../platform/periods.ts';
import { isUuid } from '../../platform/ids.ts';

export interface RawExplorerQuery {
  rows?: string;
  cols?: string;
  from?: string;
  to?: string;
  granularity?: string;
  service?: string;
  district?: string;
  ground?: string;
  source?: string;
  department?: string;
  dimension?: string;
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
const keyPattern = /^[a-z0-9-]{1,64}$/;

export function parseExplorerQuery(raw: RawExplorerQuery, today: Date): { query: ExplorerQuery; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const isDimension = (v: string | undefined): v is Dimension => (dimensions as readonly string[]).includes(v ?? '');
  const rows: Dimension = isDimension(raw.rows) ? raw.rows : 'service';
  let cols: Dimension = isDimension(raw.cols) ? raw.cols : 'ground';
  if (raw.rows && !isDimension(raw.rows)) errors.rows = 'diagnosis.explore.errors.dimension';
  if (raw.cols && !isDimension(raw.cols)) errors.cols = 'diagnosis.explore.errors.dimension';
  if (cols === rows) {
    if (raw.cols) errors.cols = 'diagnosis.explore.errors.same';
    cols = rows === 'source' ? 'ground' : 'source';
  }
  const thisMonth = monthOfDate(today);
  let to = raw.to && monthPattern.test(raw.to) ? raw.to : thisMonth;
  let from = raw.from && monthPattern.test(raw.from) ? raw.from : monthOf(monthIndex(to) - 11);
  if (raw.to && !monthPattern.test(raw.to)) errors.to = 'diagnosis.prepare.errors.month';
  if (raw.from && !monthPattern.test(raw.from)) errors.from = 'diagnosis.prepare.errors.month';
  if (monthIndex(to) < monthIndex(from)) {
    errors.to = 'diagnosis.prepare.errors.order';
    [from, to] = [to, from];
  }
  if (monthIndex(to) - monthIndex(from) >= 120) {
    errors.from = 'diagnosis.prepare.errors.tooLong';
    from = monthOf(monthIndex(to) - 119);
  }
  const granularity: Granularity = (granularities as readonly string[]).includes(raw.granularity ?? '') ? (raw.granularity as Granularity) : 'quarter';
  const filters: ExplorerQuery['filters'] = {};
  for (const name of ['service', 'district', 'department'] as const) {
    const value = raw[name];
    if (!value) continue;
    if (isUuid(value)) filters[name] = value.toLowerCase();
    else errors[name] = 'diagnosis.explore.errors.filter';
  }
  if (raw.ground) {
    if (keyPattern.test(raw.ground)) filters.ground = raw.ground;
    else errors.ground = 'diagnosis.explore.errors.filter';
  }
  if (raw.dimension) {
    if (keyPattern.test(raw.dimension)) filters.dimension = raw.dimension;
    else errors.dimension = 'diagnosis.explore.errors.filter';
  }
  if (raw.source) {
    if ((sources as readonly string[]).includes(raw.source)) filters.source = raw.source;
    else errors.source = 'diagnosis.explore.errors.filter';
  }
  return { query: { rows, cols, period: { from, to, granularity }, filters }, errors };
}
