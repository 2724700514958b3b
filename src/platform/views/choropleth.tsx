// A choropleth map rendered to SVG on the server with d3-geo: no tiles, no JavaScript needed.
// The caller always shows a data table beside it; the map itself carries a title and a description.
import { geoMercator, geoPath } from 'd3-geo';
import { scaleQuantize } from 'd3-scale';

/** Sequential and colour-blind-safe (viridis, light to dark), readable in greyscale. */
export const sequentialPalette = ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487'] as const;
const noDataColour = '#d9d9d9';

/** The frame every map is drawn in; paths made for it can be stored and reused. */
export const mapFrame = { width: 640, height: 480 } as const;

/** Projects a set of areas into the map frame once: SVG path data by index (null without geometry). */
export function projectAreas(geometries: (GeoJSON.Geometry | null)[]): (string | null)[] {
  const drawable = geometries.filter((g): g is GeoJSON.Geometry => g !== null);
  if (drawable.length === 0) return geometries.map(() => null);
  const projection = geoMercator().fitSize([mapFrame.width, mapFrame.height], {
    type: 'FeatureCollection',
    features: drawable.map((geometry) => ({ type: 'Feature', properties: {}, geometry })),
  });
  const path = geoPath(projection).digits(1);
  return geometries.map((g) => (g ? path(g) : null));
}

export interface MapArea {
  code: string;
  name: string;
  /** SVG path data in the map frame (from projectAreas, usually stored with the area). */
  path: string;
  /** null when unknown or suppressed: drawn in grey and said so in the legend. */
  value: number | null;
  /** What a person reads for this area, e.g. "Eixample: 266,874 people". */
  label: string;
}

export interface ChoroplethProps {
  id: string;
  title: string;
  description: string;
  areas: MapArea[];
  formatValue(value: number): string;
  noDataLabel: string;
  /** Accessible name of the legend list, e.g. "Legend". */
  legendLabel: string;
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

function Swatch({ colour }: { colour: string }) {
  return (
    <svg class="map__swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect width="16" height="16" fill={colour} stroke="#555555" stroke-width="1" />
    </svg>
  );
}

export function Choropleth({ id, title, description, areas, formatValue, noDataLabel, legendLabel }: ChoroplethProps) {
  const drawable = areas.filter((a) => a.path);
  const { width, height } = mapFrame;
  const known = drawable.map((a) => a.value).filter((v): v is number => v !== null);
  const { colour, steps } = legendSteps(known);
  return (
    <figure class="map" id={id}>
      <svg class="map__svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g class="map__areas">
          {drawable.map((a) => (
            <path key={a.code} d={a.path} fill={a.value === null ? noDataColour : colour(a.value)} stroke="#ffffff" stroke-width="1" data-code={a.code}>
              <title>{a.label}</title>
            </path>
          ))}
        </g>
      </svg>
      {/* The legend is HTML so that it stays readable when the map shrinks to a phone's width. */}
      <ul class="map__legend" aria-label={legendLabel}>
        {steps.map((s) => (
          <li key={s.colour}>
            <Swatch colour={s.colour} />
            {`${formatValue(Math.ceil(s.from))} – ${formatValue(Math.floor(s.to))}`}
          </li>
        ))}
        <li>
          <Swatch colour={noDataColour} />
          {noDataLabel}
        </li>
      </ul>
      <figcaption class="map__caption">{description}</figcaption>
    </figure>
  );
}
