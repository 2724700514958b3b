// A second reporter for Node's test runner: at the end, the time each test file took (the sum of its top-level
// tests), slowest first. The browser journeys use it to say where their time goes and to split them over servers.
import path from 'node:path';
import type { TestEvent } from 'node:test/reporters';

export default async function* durations(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const perFile = new Map<string, number>();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      const file = path.relative(process.cwd(), event.data.file);
      perFile.set(file, (perFile.get(file) ?? 0) + (event.data.details.duration_ms ?? 0));
    }
  }
  const rows = [...perFile].sort((a, b) => b[1] - a[1]);
  if (rows.length === 0) return;
  yield `\nTime per test file (s), slowest first:\n`;
  for (const [file, ms] of rows) yield `  ${(ms / 1000).toFixed(1).padStart(7)}  ${file}\n`;
}
