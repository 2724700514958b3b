// A choropleth map rendered to SVG on the server with d3-geo: no tiles, no JavaScript needed.
// The caller always shows a data table beside it; the map itself carries a title and a description.
import { geoMercator, geoPath } from 'd3-geo';
import { scaleQuantize } from 'd3-scale';

/** Sequential and colour-blind-safe (viridis, light to dark), readable in greyscale. */
export const sequentialPalette = ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487'] as const;
const noDataColour = '#d9d9d9';

export interface MapArea {
  code: string;
  name: string;
  geometry: GeoJSON.Geometry;
  /** null when unknown or suppressed: drawn in grey and said so in the legend. */
  value: number | null;
  /** What a person reads for this area, e.g. "Eixample: 266,874 people". */
  label: string;
  /** Hidden to protect people (small numbers): hatched, and said so in the legend. */
  suppressed?: boolean;
  /** Makes the area a focusable link (e.g. to its row in the data table beside the map). */
  href?: string;
}

export interface ChoroplethProps {
  id: string;
  title: string;
  description: string;
  areas: MapArea[];
  formatValue(value: number): string;
  noDataLabel: string;
  /** Legend text for suppressed areas; needed when any area is suppressed. */
  suppressedLabel?: string;
  width?: number;
  height?: number;
}

export function legendSteps(values: number[], palette: readonly string[] = sequentialPalette) {
  const max = Math.max(0, ...values);
  const min = Math.min(max, ...values);
  const scale = scaleQuantize<string>().domain([min, max === min ? min + 1 : max]).range([...palette]);
  return {
    colour: (v: number) => scale(v),
    steps: palette.map((colour) => {
      const [from, to] = scale.invertExtent(colour);
      return { colour, from: from!, to: to! };
    }),
  };
}

export function Choropleth({ id, title, description, areas, formatValue, noDataLabel, suppressedLabel, width = 640, height = 480 }: ChoroplethProps) {
  const drawable = areas.filter((a) => a.geometry);
  const collection: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: drawable.map((a) => ({ type: 'Feature', properties: {}, geometry: a.geometry })),
  };
  const projection = geoMercator().fitSize([width, height], collection);
  const path = geoPath(projection).digits(1);
  const known = drawable.map((a) => a.value).filter((v): v is number => v !== null);
  const { colour, steps } = legendSteps(known);
  const hasSuppressed = Boolean(suppressedLabel) && drawable.some((a) => a.suppressed);
  const legendHeight = 22 * (steps.length + 1 + (hasSuppressed ? 1 : 0)) + 8;
  // With links the areas are focusable, so the picture is a group of named links rather than one image.
  const interactive = drawable.some((a) => a.href);
  const hatch = `url(#${id}-hatch)`;
  const fillOf = (a: MapArea) => (a.suppressed ? hatch : a.value === null ? noDataColour : colour(a.value));
  return (
    <figure class="map" id={id}>
      <svg
        class="map__svg"
        viewBox={`0 0 ${width} ${height + legendHeight}`}
        role={interactive ? 'group' : 'img'}
        aria-labelledby={`${id}-title ${id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <defs>
          <pattern id={`${id}-hatch`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#f0f0f0" />
            <line x1="0" y1="0" x2="0" y2="8" stroke="#6b6b6b" stroke-width="3" />
          </pattern>
        </defs>
        <g class="map__areas">
          {drawable.map((a) => {
            const shape = (
              <path d={path(a.geometry as GeoJSON.Geometry) ?? ''} fill={fillOf(a)} stroke="#ffffff" stroke-width="1" data-code={a.code}>
                {!a.href && <title>{a.label}</title>}
              </path>
            );
            return a.href ? (
              <a key={a.code} href={a.href} class="map__area" aria-label={a.label} data-code={a.code}>
                {shape}
              </a>
            ) : (
              <g key={a.code}>{shape}</g>
            );
          })}
        </g>
        <g class="map__legend" transform={`translate(8 ${height + 8})`} aria-hidden="true">
          {steps.map((s, i) => (
            <g key={s.colour} transform={`translate(0 ${i * 22})`}>
              <rect width="18" height="18" fill={s.colour} stroke="#555555" stroke-width="0.5" />
              <text x="26" y="14" font-size="14" fill="#1a1a1a">{`${formatValue(Math.ceil(s.from))} – ${formatValue(Math.floor(s.to))}`}</text>
            </g>
          ))}
          <g transform={`translate(0 ${steps.length * 22})`}>
            <rect width="18" height="18" fill={noDataColour} stroke="#555555" stroke-width="0.5" />
            <text x="26" y="14" font-size="14" fill="#1a1a1a">
              {noDataLabel}
            </text>
          </g>
          {hasSuppressed && (
            <g transform={`translate(0 ${(steps.length + 1) * 22})`}>
              <rect width="18" height="18" fill={hatch} stroke="#555555" stroke-width="0.5" />
              <text x="26" y="14" font-size="14" fill="#1a1a1a">
                {suppressedLabel}
              </text>
            </g>
          )}
        </g>
      </svg>
      <figcaption class="map__caption">{description}</figcaption>
    </figure>
  );
}
