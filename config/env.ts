import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { splitHostList } from '../core/webhook-addresses';

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
  /** PostgreSQL only: a statement running longer is cancelled (the request answers 503). 0: no limit. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** PostgreSQL only: how long a statement waits for a lock (a locked table) before it gives up with 503. */
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** PostgreSQL only: how long a request waits for a pooled connection (or a new one) before 503. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
  /** PostgreSQL only: a transaction left idle this long is ended by the server, releasing its locks. */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /** How long /readyz waits for the database before it answers 503. */
  READINESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1_000),
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
  /**
   * Hosts, addresses or CIDR ranges outbound webhooks may reach although they are not public (loopback,
   * private networks), comma separated, e.g. `crm.internal,10.20.0.0/16`. Empty: public addresses only.
   */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform(splitHostList)
    .refine(
      (entries) => entries.every((entry) => !entry.includes('/') || ipaddr.isValidCIDR(entry)),
      'must list host names, addresses or CIDR ranges (e.g. 10.0.0.0/8), separated by commas',
    ),
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
  /** Mail-only deliveries (sign-in links, resets, invitations, reminders) in flight at once, apart from OUTBOX_CONCURRENCY. */
  OUTBOX_MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(8),
  /** Requests in flight at once to any one webhook endpoint; more of its events wait a moment. */
  WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(100).default(60_000),
  OUTBOX_RETENTION_DAYS: z.coerce.number().min(0).default(7),
  /** How long an anonymous visitor's public workshop page is served again before it is rendered afresh (0: off). */
  PAGE_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /**
   * How long the web process reuses an API key or a resource it read (0: off). A key revoked or a
   * resource changed by another process is seen within this; at most 5 s (ADR 032).
   */
  LOOKUP_CACHE_MS: z.coerce.number().int().min(0).max(5_000).default(5_000),
  /** The longest booking (and resident request, studio visit), in days; longer ones get 422 (ADR 024). */
  BOOKING_MAX_DAYS: z.coerce.number().int().min(1).max(3_660).default(31),
  /** The longest workshop session or draft session/block, in days. */
  SESSION_MAX_DAYS: z.coerce.number().int().min(1).max(3_660).default(14),
  /** The widest calendar, list or feed window a query may ask for, in days. */
  QUERY_MAX_DAYS: z.coerce.number().int().min(1).max(3_660).default(366),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Public workshop registrations (page and API together), per client address and per email, each hour. */
  REGISTRATIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(60),
  REGISTRATIONS_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).default(10),
  /** Password sign-ins per email from one address, and per address, each 15 minutes (core/rate-limits.ts). */
  SIGN_INS_PER_EMAIL_AND_IP_PER_15_MIN: z.coerce.number().int().min(1).default(10),
  SIGN_INS_PER_IP_PER_15_MIN: z.coerce.number().int().min(1).default(50),
  /** Sign-in, reset and sign-up emails per recipient, and requests for them per client address, each hour. */
  ACCOUNT_EMAILS_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).default(5),
  ACCOUNT_EMAILS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(30),
  /** Studio-visit requests without an account, per client address and per email, each hour. */
  VISIT_REQUESTS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  VISIT_REQUESTS_PER_EMAIL_PER_HOUR: z.coerce.number().int().min(1).default(5),
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
  /**
   * Who may say where a request came from (X-Forwarded-For): a number of proxy hops in front of
   * Infra24, or a comma-separated list of proxy addresses/CIDRs (`loopback`, `linklocal` and
   * `uniquelocal` name the usual ranges). Unset: the socket's address, and X-Forwarded-For is ignored.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(
      /^(\d{1,2}|(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*)$/,
      'must be a number of hops (e.g. 1) or a comma-separated list of proxy addresses or CIDRs (e.g. 10.0.0.0/8, loopback)',
    )
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Signs the short-lived cookie that carries "Saved." to the page after a redirect (ADR 033), comma
   * separated to rotate (the first signs). Unset: a random secret per process, which is enough for one
   * web process; with several behind a load balancer set the same value in each.
   */
  COOKIE_SECRET: z
    .string()
    .transform((raw) =>
      raw
        .split(',')
        .map((secret) => secret.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(32, 'each secret must be at least 32 characters (e.g. `openssl rand -hex 32`)')))
    // Empty (or only commas): unset, so cookies are never left unsigned.
    .transform((secrets) => (secrets.length ? secrets : undefined))
    .optional(),
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

/**
 * Whether the mailbox (page and API) shows sign-in, reset and invitation emails: only when no email
 * provider is set and the installation is a demo, where the mailbox is the only way to receive them.
 */
export function mailboxShowsSecretLinks(config: Pick<Config, 'demoMode' | 'RESEND_API_KEY' | 'SMTP_URL'>): boolean {
  return config.demoMode && !config.RESEND_API_KEY && !config.SMTP_URL;
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
