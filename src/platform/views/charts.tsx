// Bar charts and trend lines as SVG rendered on the server (d3-scale): no JavaScript needed. The
// page always shows the same figures in a table beside the chart, and a sentence that says what it shows.
import type { ComponentChildren } from 'preact';
import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';

/** Okabe–Ito colours (safe for colour-blind readers), with dashes so series differ in greyscale too. */
export const seriesStyles = [
  { colour: '#0072b2', dash: '' },
  { colour: '#d55e00', dash: '6 4' },
  { colour: '#009e73', dash: '2 3' },
] as const;

export interface Bar {
  key: string;
  label: string;
  /** null when suppressed. */
  value: number | null;
  /** 'primary' or 'complementary' when suppressed. */
  status?: string;
}

export interface BarChartProps {
  id: string;
  title: string;
  description: string;
  bars: Bar[];
  formatValue(value: number): string;
  /** What a suppressed bar says, e.g. "< 5" or "hidden". */
  suppressedText(bar: Bar): string;
  width?: number;
}

export function BarChart({ id, title, description, bars, formatValue, suppressedText, width = 480 }: BarChartProps) {
  const rowHeight = 40;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const x = scaleLinear().domain([0, max]).range([0, width - 90]).nice();
  const y = scaleBand()
    .domain(bars.map((b) => b.key))
    .range([4, height - 4]);
  return (
    <figure class="chart" id={id}>
      <svg class="chart__svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#f0f0f0" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="2" />
          </pattern>
        </defs>
        {bars.map((b) => {
          const top = y(b.key)!;
          const length = b.value === null ? 24 : Math.max(1, x(b.value));
          return (
            <g key={b.key} transform={`translate(0 ${top})`}>
              <text x="0" y="13" font-size="13" fill="#1a1a1a">
                {b.label}
              </text>
              <rect x="0" y="18" width={length} height="16" fill={b.value === null ? `url(#${id}-hatch)` : seriesStyles[0].colour} />
              <text x={length + 6} y="31" font-size="13" fill="#1a1a1a">
                {b.value === null ? suppressedText(b) : formatValue(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="chart__caption">{description}</figcaption>
    </figure>
  );
}

export interface Series {
  key: string;
  label: string;
  /** The label's language when it is data in another language than the page's (an indicator's name). */
  lang?: string | undefined;
  /** One value per category; null where suppressed (the line breaks there). */
  values: (number | null)[];
}

export interface LineChartProps {
  id: string;
  title: string;
  /** The title's language when it is data in another language than the page's. */
  titleLang?: string | undefined;
  /** A sentence, or one with data marked in it with its language: shown as the caption, which names the picture too. */
  description: ComponentChildren;
  categories: string[];
  series: Series[];
  formatValue(value: number): string;
  width?: number;
  height?: number;
}

export function LineChart({ id, title, titleLang, description, categories, series, formatValue, width = 480, height = 280 }: LineChartProps) {
  const margin = { top: 12, right: 16, bottom: 48, left: 52 };
  const legendHeight = 22 * series.length + 8;
  const max = Math.max(1, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const x = scalePoint().domain(categories).range([margin.left, width - margin.right]).padding(0.3);
  const y = scaleLinear().domain([0, max]).range([height - margin.bottom, margin.top]).nice();
  const every = Math.max(1, Math.ceil(categories.length / 6));
  const segments = (s: Series) => {
    const parts: string[] = [];
    let current: string[] = [];
    s.values.forEach((v, i) => {
      if (v === null) {
        if (current.length) parts.push(current.join(' '));
        current = [];
        return;
      }
      current.push(`${current.length === 0 ? 'M' : 'L'}${x(categories[i]!)!.toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (current.length) parts.push(current.join(' '));
    return parts;
  };
  return (
    <figure class="chart" id={id}>
      <svg class="chart__svg" viewBox={`0 0 ${width} ${height + legendHeight}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`} lang={titleLang}>
          {title}
        </title>
        <g class="chart__axis">
          {y.ticks(5).map((t) => (
            <g key={t} transform={`translate(0 ${y(t).toFixed(1)})`}>
              <line x1={margin.left} x2={width - margin.right} stroke="#d0d0d0" />
              <text x={margin.left - 6} y="4" font-size="12" text-anchor="end" fill="#1a1a1a">
                {formatValue(t)}
              </text>
            </g>
          ))}
          {categories.map((c, i) =>
            i % every === 0 ? (
              <text key={c} x={x(c)!.toFixed(1)} y={height - margin.bottom + 18} font-size="12" text-anchor="middle" fill="#1a1a1a">
                {c}
              </text>
            ) : null,
          )}
        </g>
        {series.map((s, i) => {
          const style = seriesStyles[i % seriesStyles.length]!;
          return (
            <g key={s.key}>
              {segments(s).map((d) => (
                <path key={d} d={d} fill="none" stroke={style.colour} stroke-width="2.5" stroke-dasharray={style.dash || undefined} />
              ))}
              {s.values.map((v, j) => (v === null ? null : <circle key={categories[j]} cx={x(categories[j]!)!.toFixed(1)} cy={y(v).toFixed(1)} r="3.5" fill={style.colour} />))}
            </g>
          );
        })}
        <g transform={`translate(${margin.left} ${height})`}>
          {series.map((s, i) => {
            const style = seriesStyles[i % seriesStyles.length]!;
            return (
              <g key={s.key} transform={`translate(0 ${i * 22})`}>
                <line x1="0" x2="28" y1="9" y2="9" stroke={style.colour} stroke-width="2.5" stroke-dasharray={style.dash || undefined} />
                <text x="36" y="14" font-size="13" fill="#1a1a1a" lang={s.lang}>
                  {s.label}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      <figcaption class="chart__caption" id={`${id}-desc`}>
        {description}
      </figcaption>
    </figure>
  );
}
