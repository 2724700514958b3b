// A choropleth map rendered to SVG on the server with d3-geo: no tiles, no JavaScript needed.
// The caller always shows a data table beside it; the map itself carries a title and a description.
import { geoMercator, geoPath } from 'd3-geo';
import { scaleQuantize } from 'd3-scale';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';

/** Sequential and colour-blind-safe (viridis, light to dark), readable in greyscale. */
export const sequentialPalette = ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487'] as const;
const noDataColour = '#d9d9d9';

/** The frame every map is drawn in; paths made for it can be stored and reused. */
export const mapFrame = { width: 640, height: 480 } as const;

/**
 * Smallest area (in square pixels of the map frame) a border's bend must make to be kept: Visvalingam's
 * simplification drops points whose triangle with their neighbours is smaller. At half a pixel the map looks the
 * same and Barcelona's districts take about a fifth of the path data (a territory page went from 63 to 26 kB).
 */
export const simplifyAreaPx = 0.5;

/** Each position of a polygon or multipolygon through `project` (other geometries are not drawn as areas). */
function projected(geometry: GeoJSON.Geometry, project: (position: GeoJSON.Position) => GeoJSON.Position): GeoJSON.Geometry {
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(project)) };
  if (geometry.type === 'MultiPolygon') return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(project))) };
  return geometry;
}

/**
 * Projects a set of areas into the map frame once: SVG path data by index (null without geometry). The areas are
 * projected to pixels, then simplified together as a topology (topojson), so that two districts' common border is
 * simplified once and stays common: no gaps or overlaps between neighbours.
 */
export function projectAreas(geometries: (GeoJSON.Geometry | null)[], minAreaPx = simplifyAreaPx): (string | null)[] {
  const drawable = geometries.filter((g): g is GeoJSON.Geometry => g !== null);
  if (drawable.length === 0) return geometries.map(() => null);
  const projection = geoMercator().fitSize([mapFrame.width, mapFrame.height], {
    type: 'FeatureCollection',
    features: drawable.map((geometry) => ({ type: 'Feature', properties: {}, geometry })),
  });
  const toFrame = (position: GeoJSON.Position) => projection([position[0]!, position[1]!]) ?? [0, 0];
  const inFrame: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: geometries.map((g, i) => ({ type: 'Feature', id: i, properties: {}, geometry: g ? projected(g, toFrame) : (null as unknown as GeoJSON.Geometry) })),
  };
  const shared = topology({ areas: inFrame }) as unknown as Topology<Objects<object>>;
  const simplified = simplify(presimplify(shared), minAreaPx);
  const areas = feature(simplified, simplified.objects.areas as GeometryCollection) as GeoJSON.FeatureCollection;
  // Already in the frame's pixels: drawn without a projection.
  const path = geoPath().digits(1);
  return areas.features.map((f, i) => (geometries[i] && f.geometry ? path(f.geometry) : null));
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
  /** Hidden to protect people (small numbers): hatched, and said so in the legend. */
  suppressed?: boolean;
  /** Makes the area a focusable link (e.g. to its row in the data table beside the map). */
  href?: string;
  /** The language of the label when it is data in another language than the page's (the area's own name). */
  lang?: string;
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
  /** Legend text for suppressed (hatched) areas; needed when any area is suppressed. */
  suppressedLabel?: string;
  /** Decimals the values are shown with (formatValue's precision); the legend's limits use the same. */
  decimals?: number;
}

/**
 * Equal-width classes whose limits are written at the precision the values are shown with
 * (`decimals`), so that classes never overlap ("1.3 – 1.6", "1.7 – 2.0") and a value falls in the class
 * whose limits contain it as shown. Empty classes are left out.
 */
export function legendSteps(values: number[], palette: readonly string[] = sequentialPalette, decimals = 0) {
  const unit = 10 ** -decimals;
  const onGrid = (n: number) => Number((n * unit).toFixed(decimals));
  const asShown = (v: number) => onGrid(Math.round(Number((v / unit).toFixed(6))));
  const snapUp = (x: number) => onGrid(Math.ceil(Number((x / unit).toFixed(6))));
  const shown = values.map(asShown);
  const max = Math.max(0, ...shown);
  const min = Math.min(max, ...shown);
  const scale = scaleQuantize<string>().domain([min, max === min ? min + unit : max]).range([...palette]);
  const last = palette.length - 1;
  return {
    colour: (v: number) => scale(asShown(v)),
    steps: palette
      .map((colour, i) => {
        const [from, to] = scale.invertExtent(colour);
        // A shown value v is in this class when from ≤ v < to (the last class also takes the maximum).
        return { colour, from: snapUp(from!), to: i === last ? Math.max(snapUp(from!), asShown(to!)) : onGrid(Math.round(snapUp(to!) / unit) - 1) };
      })
      .filter((s) => s.to >= s.from),
  };
}

function Hatch({ id }: { id: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#f0f0f0" />
      <line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="2.5" />
    </pattern>
  );
}

function Swatch({ colour, hatchId }: { colour: string; hatchId?: string }) {
  return (
    <svg class="map__swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {hatchId && (
        <defs>
          <Hatch id={hatchId} />
        </defs>
      )}
      <rect width="16" height="16" fill={hatchId ? `url(#${hatchId})` : colour} stroke="#555555" stroke-width="1" />
    </svg>
  );
}

export function Choropleth({ id, title, description, areas, formatValue, noDataLabel, legendLabel, suppressedLabel, decimals = 0 }: ChoroplethProps) {
  const drawable = areas.filter((a) => a.path);
  const { width, height } = mapFrame;
  const known = drawable.map((a) => a.value).filter((v): v is number => v !== null);
  const { colour, steps } = legendSteps(known, sequentialPalette, decimals);
  const hasSuppressed = Boolean(suppressedLabel) && drawable.some((a) => a.suppressed);
  // With links the areas are focusable, so the picture is a group of named links rather than one image.
  const interactive = drawable.some((a) => a.href);
  const fillOf = (a: MapArea) => (a.suppressed ? `url(#${id}-hatch)` : a.value === null ? noDataColour : colour(a.value));
  return (
    <figure class="map" id={id}>
      <svg class="map__svg" viewBox={`0 0 ${width} ${height}`} role={interactive ? 'group' : 'img'} aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {hasSuppressed && (
          <defs>
            <Hatch id={`${id}-hatch`} />
          </defs>
        )}
        <g class="map__areas">
          {drawable.map((a) => {
            const shape = (
              <path d={a.path} fill={fillOf(a)} stroke="#ffffff" stroke-width="1" data-code={a.code}>
                {!a.href && <title>{a.label}</title>}
              </path>
            );
            return a.href ? (
              <a key={a.code} href={a.href} class="map__area" aria-label={a.label} data-code={a.code} lang={a.lang}>
                {shape}
              </a>
            ) : (
              <g key={a.code} lang={a.lang}>
                {shape}
              </g>
            );
          })}
        </g>
      </svg>
      {/* The legend is HTML so that it stays readable when the map shrinks to a phone's width. */}
      <ul class="map__legend" aria-label={legendLabel}>
        {steps.map((s) => (
          <li key={s.colour}>
            <Swatch colour={s.colour} />
            {`${formatValue(s.from)} – ${formatValue(s.to)}`}
          </li>
        ))}
        <li>
          <Swatch colour={noDataColour} />
          {noDataLabel}
        </li>
        {hasSuppressed && (
          <li>
            <Swatch colour={noDataColour} hatchId={`${id}-hatch-legend`} />
            {suppressedLabel}
          </li>
        )}
      </ul>
      <figcaption class="map__caption">{description}</figcaption>
    </figure>
  );
}
