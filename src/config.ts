// Environment → typed, validated configuration. Every variable is documented in the README.
import os from 'node:os';
import path from 'node:path';

// Tests: one key for every test process and data directory (templates are seeded in another process).
const testAccessLogKeyFile = path.join(os.tmpdir(), 'coproduce-test-access-log-signing.key');

export interface Config {
  port: number;
  host: string;
  /** Embedded database and files live here when DATABASE_URL is not set. */
  dataDir: string;
  databaseUrl: string | null;
  databasePoolSize: number;
  /** A streaming replica of DATABASE_URL: public pages and aggregates read from it (DATABASE_REPLICA_URL). */
  databaseReplicaUrl: string | null;
  databaseReplicaPoolSize: number;
  redisUrl: string | null;
  smtpUrl: string | null;
  /** Without SMTP: a folder where every email is also written whole, one file each (development and browser tests). */
  mailDropDir: string | null;
  publicUrl: string;
  trustProxy: boolean;
  logLevel: string;
  /** Load the demo dataset when the database is empty (default: yes, except with NODE_ENV=production). */
  seedDemo: boolean;
  /**
   * On SIGTERM, how long to wait for open connections to finish before closing them (SHUTDOWN_DRAIN_SECONDS;
   * default 10 in production, 0 otherwise). Set it above the load balancer's idle timeout for upstream connections.
   */
  shutdownDrainSeconds: number;
  /** Requests per minute per client on ordinary routes. */
  rateLimitPerMinute: number;
  env: 'production' | 'development' | 'test';
  /**
   * The access log's Ed25519 signing key, never in the database: ACCESS_LOG_SIGNING_KEY (a base64url
   * 32-byte seed; every instance of a deployment needs the same), else the file ACCESS_LOG_KEY_FILE
   * (default DATA_DIR/access-log-signing.key, made on first start).
   */
  accessLogKey: { kind: 'seed'; seed: string } | { kind: 'file'; path: string };
  /** Where the server writes the access log's signed checkpoints (for the operator to copy elsewhere). */
  accessLogCheckpointDir: string;
}

export class ConfigError extends Error {}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

function flag(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const databaseReplicaUrl = env.DATABASE_REPLICA_URL?.trim() || null;
  if (databaseReplicaUrl && !/^postgres(ql)?:\/\//.test(databaseReplicaUrl)) {
    throw new ConfigError('DATABASE_REPLICA_URL must start with postgres:// or postgresql://');
  }
  if (databaseReplicaUrl && !databaseUrl) throw new ConfigError('DATABASE_REPLICA_URL needs DATABASE_URL (the primary)');
  const port = integer('PORT', env.PORT, 3000, 0, 65535);
  const dataDir = path.resolve(env.DATA_DIR?.trim() || './data');
  const host = env.HOST?.trim() || 'localhost';
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    databasePoolSize: integer('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, 1, 200),
    databaseReplicaUrl,
    databaseReplicaPoolSize: integer('DATABASE_REPLICA_POOL_SIZE', env.DATABASE_REPLICA_POOL_SIZE, integer('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 10, 1, 200), 1, 200),
    redisUrl: env.REDIS_URL?.trim() || null,
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailDropDir: env.MAIL_DROP_DIR?.trim() ? path.resolve(env.MAIL_DROP_DIR.trim()) : null,
    publicUrl: (env.PUBLIC_URL?.trim() || `http://localhost:${port}`).replace(/\/$/, ''),
    trustProxy: flag('TRUST_PROXY', env.TRUST_PROXY, false),
    logLevel: env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'silent' : 'info'),
    // Demo data in production only when asked for by name.
    seedDemo: flag('SEED_DEMO', env.SEED_DEMO, nodeEnv !== 'production'),
    shutdownDrainSeconds: integer('SHUTDOWN_DRAIN_SECONDS', env.SHUTDOWN_DRAIN_SECONDS, nodeEnv === 'production' ? 10 : 0, 0, 600),
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 600, 1, 1_000_000_000),
    env: nodeEnv,
    accessLogKey: env.ACCESS_LOG_SIGNING_KEY?.trim()
      ? { kind: 'seed', seed: env.ACCESS_LOG_SIGNING_KEY.trim() }
      : { kind: 'file', path: path.resolve(env.ACCESS_LOG_KEY_FILE?.trim() || (nodeEnv === 'test' ? testAccessLogKeyFile : path.join(dataDir, 'access-log-signing.key'))) },
    accessLogCheckpointDir: path.resolve(env.ACCESS_LOG_CHECKPOINT_DIR?.trim() || path.join(dataDir, 'access-log-checkpoints')),
  };
}
