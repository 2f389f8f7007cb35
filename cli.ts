import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from './core/config';
import { isAppError } from './core/errors';
import { organizationCreateSchema } from './core/schemas/organization';
import { parseInput } from './core/validation';
import type { DatabaseHandle } from './db/client';
import { EmbeddedDatabaseBusyError } from './db/embedded-lock';
import { createApiKey } from './db/operations/api-keys';
import { createOrganization, listOrganizations, requireOrganizationBySlug } from './db/operations/organizations';
import { openConfiguredDatabase } from './db/open';
import { seedDemo } from './db/seed';

const USAGE = `Usage: npm run cli -- <command>

  org create --slug <slug> --name "<name>" [--time-zone America/New_York]
  org list
  api-key create --org <slug> [--role admin|staff] [--name <label>]   (the key is the last line of output)
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
      parseInput(organizationCreateSchema, { slug: required(options, 'slug'), name: required(options, 'name'), timeZone: options['time-zone'] }),
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
      console.error(`Created ${input.role} API key "${apiKey.name}" for ${org.slug} (id ${apiKey.id}). It is shown only now:`);
      console.log(key);
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
      slug: { type: 'string' }, name: { type: 'string' }, 'time-zone': { type: 'string' },
      org: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const selected = COMMANDS[positionals.slice(0, 2).join(' ')];
  if (values.help || !selected) {
    console.error(positionals.length && !values.help ? `Unknown command "${positionals.join(' ')}".\n\n${USAGE}` : USAGE);
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
