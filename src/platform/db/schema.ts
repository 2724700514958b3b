// The whole Drizzle schema: the platform's tables and every context's, for typed queries.
export * from '../platform.schema.ts';
export * from '../../contexts/territories/territory.schema.ts';
export * from '../../contexts/agreement/agreement.schema.ts';
export * from '../mail/mail.schema.ts';
export * from '../access-log/access-log.schema.ts';
export * from '../../contexts/identity/identity.schema.ts';
export * from '../../contexts/audits/audit.schema.ts';
export * from '../../contexts/antenna/antenna.schema.ts';
export * from '../../contexts/diagnosis/diagnosis.schema.ts';
