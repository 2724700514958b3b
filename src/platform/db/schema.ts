// The whole Drizzle schema: the platform's tables and every context's, for typed queries.
export * from '../platform.schema.ts';
export * from '../../contexts/territories/territory.schema.ts';
export * from '../../contexts/audits/audit.schema.ts';
