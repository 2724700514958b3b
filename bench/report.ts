// What a bench run writes besides its table: a small SVG chart of every route's ratio to the baseline, and the
// comparison with the previous run on this machine (the newest earlier results file).
import fs from 'node:fs';
import path from 'node:path';

export interface Figure {
  engine: string;
  name: string;
  requestsPerSecond: number;
  p99: number;
  ratioToBaseline: number;
  target?: { ratio?: number; p99?: number };
}

const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Whether a figure meets its target (true when it has none). */
export function meets(m: Figure): boolean {
  return (m.target?.ratio === undefined || m.ratioToBaseline >= m.target.ratio) && (m.target?.p99 === undefined || m.p99 <= m.target.p99);
}

/** Horizontal bars, one per route and engine, of the ratio to the baseline (a log scale from 0.001 to 1), the target marked. */
export function chartSvg(figures: Figure[], title: string): string {
  const rowHeight = 18;
  const labelWidth = 380;
  const barWidth = 360;
  const top = 30;
  const height = top + figures.length * rowHeight + 30;
  const x = (ratio: number) => (Math.max(0, Math.log10(Math.max(ratio, 0.001)) + 3) / 3) * barWidth;
  const rows = figures.map((m, i) => {
    const y = top + i * rowHeight;
    const colour = meets(m) ? '#1b7f3b' : '#b3261e';
    const target = m.target?.ratio !== undefined ? `<line x1="${labelWidth + x(m.target.ratio)}" x2="${labelWidth + x(m.target.ratio)}" y1="${y}" y2="${y + rowHeight - 4}" stroke="#000" stroke-width="2"/>` : '';
    return `<text x="${labelWidth - 6}" y="${y + 12}" text-anchor="end">${escapeXml(`${m.engine} · ${m.name}`)}</text><rect x="${labelWidth}" y="${y}" width="${x(m.ratioToBaseline).toFixed(1)}" height="${rowHeight - 4}" fill="${colour}"/>${target}<text x="${labelWidth + x(m.ratioToBaseline) + 4}" y="${y + 12}">${m.ratioToBaseline.toFixed(3)} · p99 ${m.p99} ms</text>`;
  });
  const ticks = [0.001, 0.01, 0.1, 1].map((r) => `<line x1="${labelWidth + x(r)}" x2="${labelWidth + x(r)}" y1="${top - 4}" y2="${height - 24}" stroke="#ccc"/><text x="${labelWidth + x(r)}" y="${height - 10}" text-anchor="middle">${r}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + barWidth + 160}" height="${height}" font-family="sans-serif" font-size="11" role="img" aria-labelledby="t"><title id="t">${escapeXml(title)}</title><text x="4" y="16" font-size="13">${escapeXml(title)} (ratio to /healthz, log scale; black mark: target; red: target missed)</text>${ticks.join('')}${rows.join('')}</svg>\n`;
}

/** The newest results file in `dir` before this run's, if any. */
export function previousRun(dir: string): { file: string; measurements: Figure[] } | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => /^bench-.*\.json$/.test(f)).sort();
  const last = files.at(-1);
  if (!last) return null;
  const data = JSON.parse(fs.readFileSync(path.join(dir, last), 'utf8')) as { measurements: Figure[] };
  return { file: last, measurements: data.measurements };
}

/** Each figure against the same route and engine of the previous run: ratios, since both runs measured their own baseline. */
export function comparison(now: Figure[], before: Figure[]) {
  return now.map((m) => {
    const old = before.find((b) => b.engine === m.engine && b.name === m.name);
    return {
      engine: m.engine,
      route: m.name,
      'ratio before': old ? old.ratioToBaseline.toFixed(3) : '—',
      'ratio now': m.ratioToBaseline.toFixed(3),
      change: old && old.ratioToBaseline > 0 ? `${(((m.ratioToBaseline - old.ratioToBaseline) / old.ratioToBaseline) * 100).toFixed(0)} %` : '—',
      'p99 before': old ? old.p99 : '—',
      'p99 now': m.p99,
    };
  });
}
