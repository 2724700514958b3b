import { defineConfig } from 'drizzle-kit';

// One schema for both engines: every context's *.schema.ts and the platform's tables.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/*.schema.ts', './src/contexts/**/*.schema.ts'],
  out: './migrations',
});
