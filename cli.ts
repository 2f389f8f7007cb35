import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from './core/config';
import { isAppError } from './core/errors';
import { organizationCreateSchema } from './core/schemas/organization';
import { webhookEndpointCreateSchema } from './core/schemas/integrations';
import { parseInput } from './core/validation';
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
import { seedDemo } from './db/seed';

const USAGE = `Usage: npm run cli -- <command>

  org create --slug <slug> --name "<name>" [--time-zone America/New_York]
  org list
  api-key create --org <slug> [--role admin|staff] [--name <label>]   (the key is the last line of output)
  webhook add --org <slug> --url <https://…> [--topics booking.confirmed,booking.cancelled] [--secret <secret>]
                    (no --topics: every topic; the signing secret is the last line of output)
  webhook list --org <slug>
  integration set-secret --org <slug> --provider calcom|calendly --secret <secret>
  db migrate        apply migrations (also done at every start)
  db seed           add the demo organizations that are missing

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
      help: { type: 'boolean', short: 'h' },
    },
  });
  const selected = COMMANDS[positionals.slice(0, 2).join(' ')];
  if (values.help || !selected) {
    console.error(
      positionals.length && !values.help ? `Unknown command "${positionals.join(' ')}".\n\n${USAGE}` : USAGE,
    );
    return values.help ? 0 : 2;
  }
  const input = selected.prepare(values as Options);
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
