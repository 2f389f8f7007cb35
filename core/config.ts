import { z } from 'zod';

/** "1"/"true" or "0"/"false"; unset or empty stays undefined so a default can apply. */
const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value === '1' || value === 'true'));

/** Empty counts as unset, as with DATABASE_URL. */
const websocketUrl = z
  .url()
  .refine((value) => /^wss?:\/\//.test(value), 'must be a ws:// or wss:// URL')
  .optional()
  .or(z.literal('').transform(() => undefined));

/** Every environment variable Infra24 reads, parsed once at boot; a bad value stops the process naming it. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO: flag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set: collab processes pass document updates and presence to each other through it (ADR 019). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Namespace of this deployment's keys and channels in Redis, so deployments can share one. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'must be 1-100 letters, digits, _ . : or -')
    .default('infra24'),
  RESEND_API_KEY: z
    .string()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  RESEND_BASE_URL: z.url().optional(),
  /** Signing secret (whsec_…) of the Resend webhook that reports bounces and complaints. */
  RESEND_WEBHOOK_SECRET: z.string().min(1).optional(),
  /**
   * smtp(s)://user:password@host:port of Resend's SMTP relay or the organization's own server: the
   * transport that sends invites as a body part (ADR 030). With RESEND_API_KEY too, only invites use it.
   */
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  EMAIL_FROM: z.string().default('Infra24 <no-reply@infra24.local>'),
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
  OUTBOX_RETENTION_DAYS: z.coerce.number().min(0).default(7),
  /** How long an anonymous visitor's public workshop page is served again before it is rendered afresh (0: off). */
  PAGE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Public workshop registrations through the API, per client address and per email, each hour. */
  REGISTRATIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(60),
  REGISTRATIONS_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** Where a web process running apart reaches the collab process, e.g. ws://collab.internal:3001/collab (ADR 013). */
  COLLAB_URL: websocketUrl,
  /** Shared by the web and collab processes when they run apart: the web process's proof of who it is. */
  COLLAB_SERVICE_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. `openssl rand -hex 32`)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The collab address browsers use; unset, the board connects to /collab on the page's own address. */
  COLLAB_PUBLIC_URL: websocketUrl,
  /** How long a web process running apart waits for the collab process before answering 503. */
  COLLAB_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Set: GET /metrics answers Prometheus scrapers that send it as a Bearer token; unset, there is no /metrics. */
  METRICS_TOKEN: z
    .string()
    .min(16, 'must be at least 16 characters (e.g. `openssl rand -hex 16`)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export type ProcessRole = 'web' | 'collab' | 'worker';

export type Config = z.infer<typeof configSchema> & {
  /** Embedded PGlite (no DATABASE_URL) unless DEMO=0, or explicitly DEMO=1: seed the demo organizations. */
  demoMode: boolean;
  publicUrl: string;
};

export class ConfigError extends Error {}

const HOUR_MS = 3_600_000;

/** Public workshop registration limits: the page and the API count together, per address and per email. */
export function registrationRateLimits(
  config: Pick<Config, 'REGISTRATIONS_PER_IP_PER_HOUR' | 'REGISTRATIONS_PER_EMAIL_PER_HOUR'>,
) {
  return {
    perIp: { limit: config.REGISTRATIONS_PER_IP_PER_HOUR, windowMs: HOUR_MS },
    perEmail: { limit: config.REGISTRATIONS_PER_EMAIL_PER_HOUR, windowMs: HOUR_MS },
  };
}

/** Settings that only some combinations of processes need: web apart from collab needs to reach it. */
function missingForProcesses(config: z.infer<typeof configSchema>, processes: ProcessRole[]): string[] {
  const web = processes.includes('web');
  const collab = processes.includes('collab');
  const missing: string[] = [];
  if (web && !collab && !config.COLLAB_URL)
    missing.push(
      '  COLLAB_URL: required when the web process runs without the collab process (its ws://…/collab address)',
    );
  if (web !== collab && !config.COLLAB_SERVICE_TOKEN) {
    missing.push(
      '  COLLAB_SERVICE_TOKEN: required when the web and collab processes run apart (the same secret in both, at least 32 characters)',
    );
  }
  return missing;
}

/** `processes`: what this process runs (server.ts); the default, all of them, needs no collab settings. */
export function parseConfig(
  env: Record<string, string | undefined>,
  processes: ProcessRole[] = ['web', 'collab', 'worker'],
): Config {
  const result = configSchema.safeParse(env);
  const lines = result.success
    ? missingForProcesses(result.data, processes)
    : result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  if (!result.success || lines.length) throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  const config = result.data;
  const shownHost = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  return {
    ...config,
    demoMode: config.DEMO ?? !config.DATABASE_URL,
    publicUrl: config.PUBLIC_URL ?? `http://${shownHost}:${config.PORT}`,
  };
}
