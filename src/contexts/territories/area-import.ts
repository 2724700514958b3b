// Reads districts or neighbourhoods from a GeoJSON FeatureCollection: validates each feature,
// rewinds its rings for d3-geo, and says exactly which features were rejected and why.
import rewind from '@mapbox/geojson-rewind';

export interface AreaImportOptions {
  level: 'district' | 'neighbourhood';
  /** Property holding the area's code (unique within the territory and level). */
  codeProperty: string;
  nameProperty: string;
  /** Properties whose numbers add up to the population, e.g. ["Homes", "Dones"]. */
  populationProperties: string[];
  /** For neighbourhoods: property holding the code of the district they belong to. */
  parentProperty?: string;
  /** Decimal places kept in coordinates (6 ≈ 0.1 m). */
  precision?: number;
}

export interface ParsedArea {
  code: string;
  name: string;
  population: number | null;
  parentCode: string | null;
  geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon | null;
}

export interface RejectedFeature {
  /** 1-based position of the feature in the file. */
  position: number;
  label: string;
  reason: string;
}

export interface ParseResult {
  areas: ParsedArea[];
  rejected: RejectedFeature[];
}

export class GeoJsonFormatError extends Error {}

function round(coordinates: unknown, factor: number): unknown {
  if (typeof coordinates === 'number') return Math.round(coordinates * factor) / factor;
  if (Array.isArray(coordinates)) return coordinates.map((c) => round(c, factor));
  return coordinates;
}

function validPosition(p: unknown): boolean {
  return Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n)) && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
}

function validRing(ring: unknown): boolean {
  if (!Array.isArray(ring) || ring.length < 4 || !ring.every(validPosition)) return false;
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  return first[0] === last[0] && first[1] === last[1];
}

function geometryProblem(geometry: GeoJSON.Geometry | null | undefined): string | null {
  if (!geometry) return null;
  if (geometry.type === 'Polygon') return geometry.coordinates.every(validRing) ? null : 'a ring is not closed or has invalid coordinates (longitude, latitude in degrees)';
  if (geometry.type === 'MultiPolygon') {
    return geometry.coordinates.every((polygon) => Array.isArray(polygon) && polygon.every(validRing))
      ? null
      : 'a ring is not closed or has invalid coordinates (longitude, latitude in degrees)';
  }
  return `geometry type ${geometry.type} is not an area (Polygon or MultiPolygon expected)`;
}

export function parseAreas(input: unknown, options: AreaImportOptions, onProgress?: (done: number, total: number) => void): ParseResult {
  const collection = input as GeoJSON.FeatureCollection;
  if (!collection || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new GeoJsonFormatError('The file is not a GeoJSON FeatureCollection');
  }
  const crs = (collection as { crs?: { properties?: { name?: string } } }).crs?.properties?.name;
  if (crs && !/CRS84|EPSG::?4326/i.test(crs)) {
    throw new GeoJsonFormatError(`Coordinates must be longitude/latitude (WGS84); this file declares ${crs}`);
  }
  const factor = 10 ** (options.precision ?? 6);
  const areas: ParsedArea[] = [];
  const rejected: RejectedFeature[] = [];
  const seen = new Set<string>();
  const total = collection.features.length;
  collection.features.forEach((feature, i) => {
    const position = i + 1;
    const props = (feature?.properties ?? {}) as Record<string, unknown>;
    const rawCode = props[options.codeProperty];
    const rawName = props[options.nameProperty];
    const label = typeof rawName === 'string' ? rawName : `feature ${position}`;
    const reject = (reason: string) => rejected.push({ position, label, reason });
    onProgress?.(position, total);
    if (!feature || feature.type !== 'Feature') return reject('not a Feature');
    const code = rawCode === undefined || rawCode === null ? '' : String(rawCode).trim();
    if (!code) return reject(`property "${options.codeProperty}" (code) is missing`);
    if (seen.has(code)) return reject(`code ${code} appears twice`);
    if (typeof rawName !== 'string' || !rawName.trim()) return reject(`property "${options.nameProperty}" (name) is missing`);
    let population: number | null = null;
    if (options.populationProperties.length > 0) {
      let sum = 0;
      for (const property of options.populationProperties) {
        const value = Number(props[property]);
        if (props[property] === undefined || props[property] === null || !Number.isInteger(value) || value < 0) {
          return reject(`property "${property}" (population) is not a whole number ≥ 0`);
        }
        sum += value;
      }
      population = sum;
    }
    const problem = geometryProblem(feature.geometry);
    if (problem) return reject(problem);
    let parentCode: string | null = null;
    if (options.parentProperty) {
      const raw = props[options.parentProperty];
      if (raw === undefined || raw === null || String(raw).trim() === '') return reject(`property "${options.parentProperty}" (parent code) is missing`);
      parentCode = String(raw).trim();
    }
    let geometry: ParsedArea['geometry'] = null;
    if (feature.geometry) {
      // d3-geo wants exterior rings clockwise, the opposite of RFC 7946: rewind, then round.
      const wound = rewind({ type: 'Feature', properties: {}, geometry: structuredClone(feature.geometry) }, true) as GeoJSON.Feature;
      geometry = { ...(wound.geometry as GeoJSON.Polygon), coordinates: round((wound.geometry as GeoJSON.Polygon).coordinates, factor) } as ParsedArea['geometry'];
    }
    seen.add(code);
    areas.push({ code, name: rawName.trim(), population, parentCode, geometry });
  });
  return { areas, rejected };
}
