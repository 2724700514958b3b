// Ranking offers for a need (and needs for an offer): the same kind of help always; then the same area of work,
// the same district above a neighbouring one above any other, and a shared language. Dates that do not overlap
// rule a pair out. Pure: tested on its own. Districts touch when their outlines share a border point.
import type { AidKind } from '../projects.schema.ts';

export interface Matchable {
  id: string;
  kind: AidKind;
  area: string;
  districtId: string | null;
  languages: readonly string[];
  fromOn: string | null;
  untilOn: string | null;
}

export interface Ranked<T> {
  post: T;
  score: number;
  sameDistrict: boolean;
  nearDistrict: boolean;
  sharedLanguages: string[];
  sameArea: boolean;
}

function overlaps(a: Matchable, b: Matchable): boolean {
  const aFrom = a.fromOn ?? '0000-01-01';
  const aUntil = a.untilOn ?? '9999-12-31';
  const bFrom = b.fromOn ?? '0000-01-01';
  const bUntil = b.untilOn ?? '9999-12-31';
  return aFrom <= bUntil && bFrom <= aUntil;
}

/** Candidates for `post`, best first; `neighbours` maps a district to the districts it touches. */
export function rankMatches<T extends Matchable>(post: Matchable, candidates: readonly T[], neighbours: ReadonlyMap<string, ReadonlySet<string>>): Ranked<T>[] {
  const ranked: Ranked<T>[] = [];
  for (const c of candidates) {
    if (c.id === post.id || c.kind !== post.kind || !overlaps(post, c)) continue;
    const sameArea = post.area !== '' && post.area === c.area;
    // Both say an area and they differ: not the same help.
    if (post.area !== '' && c.area !== '' && !sameArea) continue;
    const sameDistrict = post.districtId !== null && post.districtId === c.districtId;
    const nearDistrict = !sameDistrict && post.districtId !== null && c.districtId !== null && (neighbours.get(post.districtId)?.has(c.districtId) ?? false);
    const sharedLanguages = post.languages.filter((l) => c.languages.includes(l));
    // A shared language matters most: help one cannot talk through is no help.
    const score = (sharedLanguages.length > 0 ? 4 : 0) + (sameDistrict ? 3 : nearDistrict ? 2 : 0) + (sameArea ? 1 : 0);
    ranked.push({ post: c, score, sameDistrict, nearDistrict, sharedLanguages, sameArea });
  }
  return ranked.sort((a, b) => b.score - a.score || a.post.id.localeCompare(b.post.id));
}

type Position = number[];
function pointsOf(geometry: { type: string; coordinates?: unknown } | null | undefined): Position[] {
  if (!geometry || !('coordinates' in geometry)) return [];
  const out: Position[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v) && typeof v[0] === 'number') out.push(v as Position);
    else if (Array.isArray(v)) for (const x of v) walk(x);
  };
  walk(geometry.coordinates);
  return out;
}

/**
 * Which districts touch: outlines that share a border point (to about a metre). Municipal district files are
 * drawn from one border network, so neighbours share their vertices exactly.
 */
export function districtNeighbours(districts: readonly { id: string; geometry: unknown }[]): Map<string, Set<string>> {
  const owners = new Map<string, Set<string>>();
  for (const d of districts) {
    for (const [x, y] of pointsOf(d.geometry as { type: string; coordinates?: unknown })) {
      const key = `${x!.toFixed(5)},${y!.toFixed(5)}`;
      let set = owners.get(key);
      if (!set) owners.set(key, (set = new Set()));
      set.add(d.id);
    }
  }
  const result = new Map<string, Set<string>>(districts.map((d) => [d.id, new Set<string>()]));
  for (const set of owners.values()) {
    if (set.size < 2) continue;
    for (const a of set) for (const b of set) if (a !== b) result.get(a)!.add(b);
  }
  return result;
}
