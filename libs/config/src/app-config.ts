import { plainToInstance, Type } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every key of `.env.example`, checked at start-up. */
class EnvironmentVariables {
  @IsOptional() @IsString() NODE_ENV?: string;
  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' }) DATABASE_URL?: string;
  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL' }) DATABASE_MIGRATION_URL?: string;
  @Type(() => Number) @IsInt() @Min(1) @Max(500) DATABASE_POOL_SIZE!: number;
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT!: number;
  @IsOptional() @IsString() JWT_SECRET?: string;
  @IsOptional() @IsString() JWT_PUBLIC_KEY?: string;
  @Type(() => Number) @IsInt() @Min(0) REVISION_RETENTION_DAYS!: number;
  @Type(() => Number) @IsInt() @Min(0) REVISION_RETENTION_MAX_VERSIONS!: number;
  @IsOptional() @Matches(/^(\S+\s+){4,5}\S+$/, { message: 'REVISION_RETENTION_CRON must be a 5- or 6-field cron expression' }) REVISION_RETENTION_CRON?: string;
  @IsOptional() @IsBooleanString() REVISION_RETENTION_ENABLED?: string;
  @Type(() => Number) @IsInt() @Min(1) @Max(10_000) REVISION_SNAPSHOT_EVERY!: number;
  @Type(() => Number) @IsInt() @Min(1) @Max(4096) REVISION_HEAD_CACHE_MB!: number;
  @Type(() => Number) @IsInt() @Min(0) REVISION_TRASH_DAYS!: number;
  @IsOptional() @Matches(/^\s*https?:\/\/[^\s,/]+\s*(,\s*https?:\/\/[^\s,/]+\s*)*$/, { message: 'CORS_ORIGINS must be comma-separated origins such as https://bi.example.com,http://localhost:5173' }) CORS_ORIGINS?: string;
  @IsOptional() @IsBooleanString() METRICS_ENABLED?: string;
  @IsOptional() @IsIn(LOG_LEVELS) LOG_LEVEL?: LogLevel;
  @IsOptional() @IsIn(['json', 'pretty']) LOG_FORMAT?: 'json' | 'pretty';
  @Type(() => Number) @IsInt() @Min(1) @Max(100) WEBHOOK_MAX_ATTEMPTS!: number;
  @Type(() => Number) @IsInt() @Min(10) @Max(3_600_000) WEBHOOK_RETRY_BASE_MS!: number;
  @Type(() => Number) @IsInt() @Min(100) @Max(120_000) WEBHOOK_TIMEOUT_MS!: number;
}

const DEFAULTS = { DATABASE_POOL_SIZE: '10', PORT: '3000', REVISION_RETENTION_DAYS: '30', REVISION_RETENTION_MAX_VERSIONS: '0', REVISION_SNAPSHOT_EVERY: '50', REVISION_HEAD_CACHE_MB: '32', REVISION_TRASH_DAYS: '30', WEBHOOK_MAX_ATTEMPTS: '8', WEBHOOK_RETRY_BASE_MS: '1000', WEBHOOK_TIMEOUT_MS: '10000' };

function definedOnly(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

export interface AppConfig {
  production: boolean;
  /** Unset → embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  /** The role that owns the schema and runs migrations; unset → `databaseUrl` does both. */
  databaseMigrationUrl?: string;
  /** Connections of the API's pool to PostgreSQL. */
  databasePoolSize: number;
  /** Git-ignored folder for the embedded cluster and the generated dev secret. */
  dataDir: string;
  port: number;
  jwt: { secret?: string; publicKey?: string };
  /** `trashDays`: deleted entities are purged by the job after this many days; 0 = never. */
  retention: { days: number; maxVersions: number; trashDays: number; cron: string; enabled: boolean };
  snapshotEvery: number;
  /** Bound of the write-side head cache (MB of the heads' JSON). */
  headCacheMb: number;
  logLevel: LogLevel;
  /** JSON lines (production default) or readable lines (development default). */
  logFormat: 'json' | 'pretty';
  /** Browser origins allowed by CORS (`CORS_ORIGINS`); empty: no CORS headers at all. */
  corsOrigins: string[];
  webhooks: { maxAttempts: number; retryBaseMs: number; timeoutMs: number };
  /** Serve Prometheus metrics at GET /metrics (unauthenticated). */
  metricsEnabled: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, dataDir = '.data'): AppConfig {
  const vars = plainToInstance(EnvironmentVariables, { ...DEFAULTS, ...definedOnly(env) });
  const problems = validateSync(vars, { forbidUnknownValues: false }).flatMap((error) => Object.values(error.constraints ?? {}));
  const production = vars.NODE_ENV === 'production';
  if (vars.DATABASE_MIGRATION_URL && !vars.DATABASE_URL) problems.push('DATABASE_MIGRATION_URL needs DATABASE_URL (the API role\'s connection)');
  if (production && !vars.JWT_SECRET && !vars.JWT_PUBLIC_KEY) problems.push('JWT_SECRET (or JWT_PUBLIC_KEY) is required when NODE_ENV=production');
  if (problems.length) throw new Error(`invalid configuration: ${problems.join('; ')}`);
  return {
    production,
    databaseUrl: vars.DATABASE_URL || undefined,
    databaseMigrationUrl: vars.DATABASE_MIGRATION_URL || undefined,
    databasePoolSize: vars.DATABASE_POOL_SIZE,
    dataDir,
    port: vars.PORT,
    jwt: { secret: vars.JWT_SECRET || undefined, publicKey: vars.JWT_PUBLIC_KEY?.replaceAll('\\n', '\n') || undefined },
    retention: {
      days: vars.REVISION_RETENTION_DAYS,
      maxVersions: vars.REVISION_RETENTION_MAX_VERSIONS,
      trashDays: vars.REVISION_TRASH_DAYS,
      cron: vars.REVISION_RETENTION_CRON ?? '0 3 * * *',
      enabled: (vars.REVISION_RETENTION_ENABLED ?? 'true') === 'true',
    },
    snapshotEvery: vars.REVISION_SNAPSHOT_EVERY,
    headCacheMb: vars.REVISION_HEAD_CACHE_MB,
    logLevel: vars.LOG_LEVEL ?? 'log',
    logFormat: vars.LOG_FORMAT ?? (production ? 'json' : 'pretty'),
    corsOrigins: (vars.CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    webhooks: { maxAttempts: vars.WEBHOOK_MAX_ATTEMPTS, retryBaseMs: vars.WEBHOOK_RETRY_BASE_MS, timeoutMs: vars.WEBHOOK_TIMEOUT_MS },
    metricsEnabled: (vars.METRICS_ENABLED ?? 'true') === 'true',
  };
}

/** Where PostgreSQL is and who Rewind logs in as: the options `openDatabase` takes. */
export function databaseOptions(config: Pick<AppConfig, 'databaseUrl' | 'databaseMigrationUrl' | 'dataDir'> & Partial<Pick<AppConfig, 'databasePoolSize'>>) {
  return { url: config.databaseUrl, migrationUrl: config.databaseMigrationUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize };
}

/** Reads `.env` when present, so a checkout configured from `.env.example` needs no exports. */
export function loadDotEnv(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
