// The house rules, read from the imports of every source file: the platform never imports a context;
// a context uses another only through its exported service functions (never its tables, routes or
// views); and no two contexts import each other, directly or round a longer loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const src = path.join(root, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

const importPattern = /^\s*(import|export)\s+(type\s+)?[^'"]*?\sfrom\s+['"](\.[^'"]+)['"]|^\s*import\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;

function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(importPattern)) {
    const spec = match[3] ?? match[4] ?? match[5]!;
    found.push({ from: file, to: path.resolve(path.dirname(file), spec), typeOnly: Boolean(match[2]) });
  }
  return found;
}

/** 'catalogue' for src/contexts/catalogue/…, 'platform' for src/platform/…, null elsewhere. */
function contextOf(file: string): string | null {
  const rel = path.relative(src, file).split(path.sep);
  if (rel[0] === 'platform') return 'platform';
  if (rel[0] === 'contexts' && rel.length > 2) return rel[1]!;
  return null;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const files = sourceFiles(src);
const imports = files.flatMap(importsOf);
const rel = (file: string) => path.relative(root, file);

/** What a context offers the others: its service functions, and the small helpers named for it. */
const publicSurface = /\.(service|http|settings)\.ts$/;

test('the platform imports nothing from the contexts', () => {
  const wrong = imports.filter((i) => contextOf(i.from) === 'platform' && contextOf(i.to) !== 'platform' && contextOf(i.to) !== null);
  assert.deepEqual(wrong.map((i) => `${rel(i.from)} → ${rel(i.to)}`), []);
});

test("a context reads another's data only through its service functions, never its tables", () => {
  const wrong = imports.filter((i) => {
    const [a, b] = [contextOf(i.from), contextOf(i.to)];
    if (!a || !b || a === 'platform' || b === 'platform' || a === b) return false;
    // Tests may arrange a scene with another context's rows, and compare what two contexts show.
    if (isTest(i.from)) return false;
    if (/\.schema\.ts$/.test(i.to)) return true;
    // The demo story crosses contexts: seeds use other contexts' seeds.
    if (/\.seed\.ts$/.test(i.from) && /\.seed\.ts$/.test(i.to)) return false;
    return !publicSurface.test(i.to);
  });
  assert.deepEqual(wrong.map((i) => `${rel(i.from)} → ${rel(i.to)}`), []);
});

test('no loop between contexts', () => {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    const [a, b] = [contextOf(i.from), contextOf(i.to)];
    if (!a || !b || a === b || a === 'platform' || b === 'platform' || isTest(i.from) || i.typeOnly) continue;
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a)!.add(b);
  }
  const loops: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, trail: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      loops.push([...trail.slice(trail.indexOf(node)), node].join(' → '));
      return;
    }
    state.set(node, 'open');
    for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    state.set(node, 'done');
  };
  for (const node of edges.keys()) visit(node, []);
  assert.deepEqual(loops, []);
});

test('every table is named by the manifest of the context whose folder holds it', async () => {
  const { manifests } = await import('../../src/app.ts');
  const schemaFiles = files.filter((f) => f.endsWith('.schema.ts'));
  for (const file of schemaFiles) {
    const module = (await import(file)) as Record<string, unknown>;
    const context = contextOf(file)!;
    const manifest = manifests.find((m) => m.name === context);
    assert.ok(manifest, `${rel(file)}: no manifest named ${context}`);
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'object' || value === null || !(Symbol.for('drizzle:IsDrizzleTable') in value)) continue;
      assert.equal(manifest.tables?.[name], value, `${rel(file)}: table ${name} is not in the ${context} manifest's tables`);
    }
  }
});
