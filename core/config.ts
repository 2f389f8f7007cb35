import { z } from 'zod';

/** "1"/"true" or "0"/"false"; unset or empty stays undefined so a default can apply. */
const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value === '1' || value === 'true'));

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
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  RESEND_API_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
  RESEND_BASE_URL: z.url().optional(),
  /** Signing secret (whsec_…) of the Resend webhook that reports bounces and complaints. */
  RESEND_WEBHOOK_SECRET: z.string().min(1).optional(),
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
});

export type Config = z.infer<typeof configSchema> & {
  /** Embedded PGlite (no DATABASE_URL) unless DEMO=0, or explicitly DEMO=1: seed the demo organizations. */
  demoMode: boolean;
  publicUrl: string;
};

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  const shownHost = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  return {
    ...config,
    demoMode: config.DEMO ?? !config.DATABASE_URL,
    publicUrl: config.PUBLIC_URL ?? `http://${shownHost}:${config.PORT}`,
  };
}
