import { parseArgs } from 'node:util';
import { ConfigError, parseConfig, type Config } from './config/env';
import { isAppError } from './core/errors';
import { organizationCreateSchema } from './core/schemas/organization';
import { webhookEndpointCreateSchema } from './core/schemas/integrations';
import { parseInput } from './core/validation';
import { backupDatabase, restoreDatabase } from './db/backup/index';
import type { DatabaseHandle } from './db/client';
import { EmbeddedDatabaseBusyError } from './db/embedded-lock';
import { createApiKey } from './db/operations/accounts/api-keys';
import { setIntegrationSecret, type InboundProvider } from './db/operations/integrations/inbound-events';
import { createWebhookEndpoint, listWebhookEndpoints } from './db/operations/integrations/webhook-endpoints';
import {
  createOrganization,
  listOrganizations,
  requireOrganizationBySlug,
} from './db/operations/accounts/organizations';
import { openConfiguredDatabase } from './db/open';
import { exportOrganization } from './db/org-transfer/export';
import { importOrganization } from './db/org-transfer/import';
import { seedDemo } from './db/seed';

const USAGE = `Usage: npm run cli -- <command>

  org create --slug <slug> --name "<name>" [--time-zone America/New_York]
  org list
  api-key create --org <slug> [--role admin|staff] [--name <label>]   (the key is the last line of output)
  webhook add --org <slug> --url <https://…> [--topics booking.confirmed,booking.cancelled] [--secret <secret>]
                    (no --topics: every topic; the signing secret is the last line of output)
  webhook list --org <slug>
  integration set-secret --org <slug> --provider calcom|calendly --secret <secret>
  org export --org <slug> --out <dir>        every row of one organization, as JSON Lines (sensitive: it holds secrets)
  org import --in <dir> [--as <new-slug>]    into this installation (same schema version), all or nothing
  db migrate        apply migrations (also done at every start)
  db seed           add the demo organizations that are missing
  db backup --out <file> [--force]    the whole database (pg_dump, or a copy of the embedded one)
  db restore --in <file> [--force]    replaces the whole database; --force if it is not empty

Works on the same database as \`npm start\`: DATABASE_URL, or the embedded one in DATA_DIR (./data).`;

class UsageError extends Error {}

type Options = Record<string, string | undefined>;

/** `prepare` checks the arguments before the database is opened, so mistakes are reported at once. */
interface Command<Input> {
  prepare(options: Options): Input;
  run(handle: DatabaseHandle, input: Input): Promise<void>;
}

function required(options: Options, name: string): string {
  const value = options[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
}

function command<Input>(definition: Command<Input>): Command<unknown> {
  return definition as Command<unknown>;
}

/** Commands that reach the database their own way (backup and restore must not migrate or lock it first). */
interface StandaloneCommand<Input> {
  prepare(options: Options): Input;
  run(config: Config, input: Input): Promise<void>;
}

function standalone<Input>(definition: StandaloneCommand<Input>): StandaloneCommand<unknown> {
  return definition as StandaloneCommand<unknown>;
}

const STANDALONE_COMMANDS: Record<string, StandaloneCommand<unknown>> = {
  'db backup': standalone({
    prepare: (options) => ({ out: required(options, 'out'), force: options.force === 'true' }),
    run: async (config, input) => {
      const location = { databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR };
      console.log(await backupDatabase(location, input.out, { force: input.force }));
    },
  }),
  'db restore': standalone({
    prepare: (options) => ({ in: required(options, 'in'), force: options.force === 'true' }),
    run: async (config, input) => {
      const location = { databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR };
      console.log(await restoreDatabase(location, input.in, { force: input.force }));
    },
  }),
};

const COMMANDS: Record<string, Command<unknown>> = {
  'org create': command({
    prepare: (options) =>
      parseInput(organizationCreateSchema, {
        slug: required(options, 'slug'),
        name: required(options, 'name'),
        timeZone: options['time-zone'],
      }),
    run: async ({ db }, input) => {
      const org = await createOrganization(db, input);
      console.log(`Created organization "${org.name}" (${org.slug}, ${org.timeZone}), id ${org.id}`);
    },
  }),
  'org list': command({
    prepare: () => undefined,
    run: async ({ db }) => {
      for (const org of await listOrganizations(db)) console.log(`${org.slug}\t${org.name}\t${org.timeZone}`);
    },
  }),
  'org export': command({
    prepare: (options) => ({ slug: required(options, 'org'), out: required(options, 'out') }),
    run: async ({ db }, input) => {
      const { dir, manifest } = await exportOrganization(db, input.slug, input.out);
      const rows = Object.values(manifest.tables).reduce((sum, table) => sum + table.rows, 0);
      console.error(
        'The export holds password hashes, API-key hashes and webhook secrets: keep it as safe as the database.',
      );
      console.log(
        `Exported ${manifest.organization.slug}: ${rows} rows in ${Object.keys(manifest.tables).length} tables to ${dir}`,
      );
    },
  }),
  'org import': command({
    prepare: (options) => ({ in: required(options, 'in'), as: options.as }),
    run: async ({ db }, input) => {
      const report = await importOrganization(db, input.in, { as: input.as });
      const rows = Object.values(report.rows).reduce((sum, count) => sum + count, 0);
      console.log(
        `Imported ${report.slug}: ${rows} rows${report.matchedUsers ? `; ${report.matchedUsers} people already had an account here and keep it` : ''}.`,
      );
    },
  }),
  'api-key create': command({
    prepare: (options) => {
      const role = options.role ?? 'admin';
      if (role !== 'admin' && role !== 'staff') throw new UsageError(`--role must be admin or staff, not "${role}"`);
      return { slug: required(options, 'org'), role: role as 'admin' | 'staff', name: options.name ?? `${role} key` };
    },
    run: async ({ db }, input) => {
      const org = await requireOrganizationBySlug(db, input.slug);
      const { key, apiKey } = await createApiKey(db, { orgId: org.id, role: input.role, name: input.name });
      console.error(
        `Created ${input.role} API key "${apiKey.name}" for ${org.slug} (id ${apiKey.id}). It is shown only now:`,
      );
      console.log(key);
    },
  }),
  'webhook add': command({
    prepare: (options) => {
      const topics = options.topics
        ? options.topics
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : [];
      const input = parseInput(webhookEndpointCreateSchema, {
        url: required(options, 'url'),
        topics,
        secret: options.secret,
      });
      return { slug: required(options, 'org'), ...input };
    },
    run: async ({ db }, input) => {
      const org = await requireOrganizationBySlug(db, input.slug);
      const endpoint = await createWebhookEndpoint(db, {
        orgId: org.id,
        url: input.url,
        topics: input.topics,
        secret: input.secret,
      });
      console.error(
        `Added webhook endpoint ${endpoint.id} for ${org.slug}: ${endpoint.url} (${endpoint.topics.length ? endpoint.topics.join(', ') : 'every topic'}). Its signing secret:`,
      );
      console.log(endpoint.secret);
    },
  }),
  'webhook list': command({
    prepare: (options) => ({ slug: required(options, 'org') }),
    run: async ({ db }, input) => {
      const org = await requireOrganizationBySlug(db, input.slug);
      for (const e of await listWebhookEndpoints(db, org.id))
        console.log(`${e.id}\t${e.url}\t${e.topics.length ? e.topics.join(',') : '*'}`);
    },
  }),
  'integration set-secret': command({
    prepare: (options) => {
      const provider = required(options, 'provider');
      if (provider !== 'calcom' && provider !== 'calendly')
        throw new UsageError(`--provider must be calcom or calendly, not "${provider}"`);
      const secret = required(options, 'secret');
      if (secret === 'no-secret-provided' || secret.length < 8)
        throw new UsageError("--secret must be the webhook's signing secret (8 characters or more)");
      return { slug: required(options, 'org'), provider: provider as InboundProvider, secret };
    },
    run: async ({ db }, input) => {
      const org = await requireOrganizationBySlug(db, input.slug);
      await setIntegrationSecret(db, org.id, input.provider, input.secret);
      console.log(
        `Set the ${input.provider} webhook secret of ${org.slug}. Point ${input.provider} at /api/v1/webhooks/${input.provider}/${org.slug}`,
      );
    },
  }),
  'db migrate': command({
    prepare: () => undefined,
    run: async () => console.log('Migrations are up to date.'), // opening the database applied them
  }),
  'db seed': command({
    prepare: () => undefined,
    run: async ({ db }) => {
      const created = await seedDemo(db);
      console.log(created.length ? `Seeded ${created.join(', ')}.` : 'The demo organizations are already there.');
    },
  }),
};

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'time-zone': { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      url: { type: 'string' },
      topics: { type: 'string' },
      secret: { type: 'string' },
      provider: { type: 'string' },
      out: { type: 'string' },
      in: { type: 'string' },
      as: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const name = positionals.slice(0, 2).join(' ');
  const selected = COMMANDS[name];
  const selectedStandalone = STANDALONE_COMMANDS[name];
  if (values.help || !(selected || selectedStandalone)) {
    console.error(
      positionals.length && !values.help ? `Unknown command "${positionals.join(' ')}".\n\n${USAGE}` : USAGE,
    );
    return values.help ? 0 : 2;
  }
  // The one boolean flag is passed on as a string, like every other option.
  const options: Options = { ...values, force: values.force ? 'true' : undefined, help: undefined };
  if (selectedStandalone) {
    const standaloneInput = selectedStandalone.prepare(options);
    await selectedStandalone.run(parseConfig(process.env), standaloneInput);
    return 0;
  }
  const input = selected.prepare(options);
  const handle = await openConfiguredDatabase(parseConfig(process.env), 'another Infra24 command');
  try {
    await selected.run(handle, input);
    return 0;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (isAppError(error) || error instanceof EmbeddedDatabaseBusyError || error instanceof ConfigError) {
      console.error((error as Error).message);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
