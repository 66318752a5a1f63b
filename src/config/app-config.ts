import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LANG, hasMessage, isLang, LANGS, type Lang } from '../i18n/i18n';
import { type Message, msg, render } from '../i18n/message';
import type { MailConfig } from './mail-config';
import type { StorageConfig } from './storage-config';

/**
 * The one place that reads the environment. Everything else receives the typed AppConfig
 * through dependency injection, so a bad value stops the boot before anything starts.
 * A check's own words are catalogue keys (`config.reason.…`), so the refusal reads in the
 * language of whoever starts the app.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'config.reason.postgres_url')
    .optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().min(1).default('./.data'),
  UPLOADS_DIR: z.string().min(1).default('./uploads'),
  SESSION_SECRET: z.string().min(32).optional(),
  DEMO: bool.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  ACCESS_TOKEN_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(20),
  TRUST_PROXY: z
    .string()
    .regex(/^(false|loopback|[0-9a-fA-F:.,/ ]+)$/, 'config.reason.trust_proxy')
    .default('false'),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  UPLOAD_MAX_FILE_MB: z.coerce.number().int().min(1).max(10240).default(50),
  UPLOAD_TEMP_MAX_AGE_MINUTES: z.coerce.number().int().min(1).max(100000).default(1440),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]/, 'config.reason.smtp_url')
    .optional(),
  MAIL_FROM: z.string().min(3).max(320).optional(),
  APP_URL: z.string().url().optional(),
  MAIL_WORKER_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(10_000),
  MAIL_SCAN_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  TIME_ZONE: z.string().refine(validTimeZone, 'config.reason.time_zone').default('Asia/Jakarta'),
  AUDIT_ANCHOR_SECRET: z.string().min(32).optional(),
  AUDIT_ANCHOR_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(5).max(86400).default(900),
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(2),
  JOB_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  HUB_CHECK_HOURS: z.coerce.number().min(0).max(720).default(24),
  SPBE_LANG: z.enum(LANGS).default(DEFAULT_LANG),
});

export type DatabaseKind = 'embedded' | 'postgres';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl?: string;
  databaseKind: DatabaseKind;
  dbPoolSize: number;
  dataDir: string;
  uploadsDir: string;
  sessionSecret: string;
  demo: boolean;
  logLevel: string;
  logPretty: boolean;
  version: string;
  auth: AuthConfig;
  storage: StorageConfig;
  mail: MailConfig;
  audit: AuditConfig;
  jobs: JobsConfig;
  /** Hours between scheduled SPL endpoint checks (TLS certificates); 0 turns them off. */
  hubCheckHours: number;
  /** The language the command line speaks when a command is given no --lang. */
  cliLang: Lang;
}

export interface JobsConfig {
  /** A job whose instance went silent this long is failed and, with retries left, run again. */
  expireSeconds: number;
  retryLimit: number;
  /** How often one instance looks for expired jobs. */
  superviseSeconds: number;
}

export interface AuditConfig {
  /** Key of the HMAC that signs each anchor over all chain heads. */
  anchorSecret: string;
  anchorIntervalMs: number;
}

export interface AuthConfig {
  sessionIdleMs: number;
  sessionMaxMs: number;
  accessTokenMs: number;
  maxFailures: number;
  lockMs: number;
  loginRatePerMinute: number;
  /**
   * Which proxies' X-Forwarded-For/-Proto are believed (Express `trust proxy`): none by default,
   * so the client address in logs, audit and the login rate limit is the peer's own.
   */
  trustProxy: string | false;
  /** Cookies get the Secure flag in production, where the app sits behind HTTPS. */
  secureCookies: boolean;
}

/** A bad environment variable: `problem` names it and says why, in the catalogue's words. */
export class ConfigError extends Error {
  readonly problem: Message;

  constructor(
    readonly variable: string,
    reason: Message | string,
  ) {
    const problem = msg('config.invalid', { variable, reason });
    super(render('en', problem));
    this.name = 'ConfigError';
    this.problem = problem;
  }
}

/**
 * The language a start-up problem is told in, read apart from the configuration that failed:
 * SPBE_LANG when it names a language, else Indonesian.
 */
export function startupLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return isLang(env.SPBE_LANG) ? env.SPBE_LANG : DEFAULT_LANG;
}

/** Why zod refused a value, in catalogue words; a check without words of its own is quoted. */
function reasonOf(issue: z.core.$ZodIssue): Message | string {
  if (hasMessage(issue.message)) return msg(issue.message);
  if (issue.code === 'invalid_type')
    return msg(issue.expected === 'int' ? 'config.reason.integer' : 'config.reason.number');
  if (issue.code === 'too_small') {
    const min = Number(issue.minimum);
    return issue.origin === 'string'
      ? msg('config.reason.min_chars', { min })
      : msg('config.reason.min', { min });
  }
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum);
    return issue.origin === 'string'
      ? msg('config.reason.max_chars', { max })
      : msg('config.reason.max', { max });
  }
  if (issue.code === 'invalid_value')
    return msg('config.reason.one_of', { values: issue.values.map(String) });
  if (issue.code === 'invalid_format' && issue.format === 'url') return msg('config.reason.url');
  return issue.message;
}

/** A fixed secret is acceptable only outside production; production must set its own. */
const DEV_SESSION_SECRET = 'development-only-secret-change-me-in-production';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue.path[0]), reasonOf(issue));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET', msg('config.reason.required_in_production'));
  }
  if (production && e.DEMO) throw new ConfigError('DEMO', msg('config.reason.false_in_production'));
  const databaseKind: DatabaseKind = e.DATABASE_URL ? 'postgres' : 'embedded';
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseKind,
    // PGlite is one backend session: a single pooled connection avoids interleaved protocol messages.
    dbPoolSize: databaseKind === 'embedded' ? 1 : e.DB_POOL_SIZE,
    dataDir: resolve(e.DATA_DIR),
    uploadsDir: resolve(e.UPLOADS_DIR),
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    demo: e.DEMO ?? (databaseKind === 'embedded' && e.NODE_ENV === 'development'),
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY ?? e.NODE_ENV === 'development',
    version: readVersion(),
    auth: {
      sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
      sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
      accessTokenMs: e.ACCESS_TOKEN_MINUTES * 60_000,
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
      loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
      trustProxy: e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY,
      secureCookies: production,
    },
    storage: storageConfig(e),
    mail: mailConfig(e),
    audit: {
      anchorSecret: e.AUDIT_ANCHOR_SECRET ?? e.SESSION_SECRET ?? DEV_SESSION_SECRET,
      anchorIntervalMs: e.AUDIT_ANCHOR_MINUTES * 60_000,
    },
    jobs: {
      expireSeconds: e.JOB_EXPIRE_SECONDS,
      retryLimit: e.JOB_RETRY_LIMIT,
      superviseSeconds: e.JOB_SUPERVISE_SECONDS,
    },
    hubCheckHours: e.HUB_CHECK_HOURS,
    cliLang: e.SPBE_LANG,
  };
}

function mailConfig(e: z.infer<typeof envSchema>): MailConfig {
  if (e.SMTP_URL && !e.MAIL_FROM)
    throw new ConfigError('MAIL_FROM', msg('config.reason.required_with', { other: 'SMTP_URL' }));
  if (e.MAIL_FROM && !e.SMTP_URL)
    throw new ConfigError('SMTP_URL', msg('config.reason.required_with', { other: 'MAIL_FROM' }));
  return {
    enabled: Boolean(e.SMTP_URL && e.MAIL_FROM),
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    workerIntervalMs: e.MAIL_WORKER_INTERVAL_MS,
    scanIntervalMs: e.MAIL_SCAN_INTERVAL_MS,
    maxAttempts: e.MAIL_MAX_ATTEMPTS,
    retryBaseMs: e.MAIL_RETRY_BASE_MS,
    digestHour: e.MAIL_DIGEST_HOUR,
    timeZone: e.TIME_ZONE,
  };
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function storageConfig(e: z.infer<typeof envSchema>): StorageConfig {
  if (e.STORAGE_DRIVER === 's3' && !e.S3_BUCKET)
    throw new ConfigError('S3_BUCKET', msg('config.reason.required_for_s3'));
  return {
    driver: e.STORAGE_DRIVER,
    uploadsDir: resolve(e.UPLOADS_DIR),
    maxFileBytes: e.UPLOAD_MAX_FILE_MB * 1024 * 1024,
    tempMaxAgeMs: e.UPLOAD_TEMP_MAX_AGE_MINUTES * 60_000,
    s3: e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          forcePathStyle: e.S3_FORCE_PATH_STYLE ?? false,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
        }
      : undefined,
  };
}

function readVersion(): string {
  // package.json sits two levels above both src/config and dist/config.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../../package.json') as { version: string }).version;
}

/** Injection token for the typed configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** Reads `.env` from the working folder when present; variables already set win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
