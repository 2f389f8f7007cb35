import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createApi } from '../../app/api/index';
import { createCollabServer, type CollabServer } from '../../collab-server/index';
import { startApiServer, type ApiServer } from '../support/api-server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createOrgWithKeys, createTestResource, type OrgFixture } from '../support/fixtures';
import { createWorkshopWithSession } from '../support/workshops';

/**
 * Every JSON API endpoint that takes a body or a query, read from the OpenAPI document, is sent
 * bodies and queries built from its own schema with hostile values mixed in. Whatever it is sent,
 * it answers below 500, and a refusal (4xx) leaves every table as it was. The seed is fixed (set
 * FUZZ_SEED to try others); fast-check prints the seed and the failing request.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);

const TABLES = [
  'resources',
  'bookings',
  'seasons',
  'workshops',
  'workshop_sessions',
  'workshop_registrations',
  'users',
  'webhook_endpoints',
  'integration_outbox',
  'audit_log',
  'idempotency_keys',
];

/** A JSON token written as is: numbers JSON.stringify cannot write, and documents nested deeper than it could. */
class Raw {
  constructor(readonly text: string) {}
}

function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v) => {
    if (v instanceof Raw) {
      raws.push(v.text);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return v;
  });
  return (text ?? '').replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i) => raws[Number(i)]);
}

const DEEP = 10_000;
const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFFy',
    '\u0007\u001b[31m\u007f',
    '\u202Eevil',
    '\r\n\t',
    '🎨'.repeat(50),
    "'; drop table bookings; --",
    '<script>alert(1)</script>',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00Z',
    '2030-02-30T10:00:00Z',
    '2030-03-10T02:30:00-05:00',
    '2030-11-03T01:30:00',
    '0000-01-01',
    '9999-12-31',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(10_000),
    'y'.repeat(300_000),
  ),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(
      ([y, m, d]) =>
        `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T12:00:00Z`,
    ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(
    null,
    true,
    false,
    -1,
    0,
    -0,
    0.5,
    -(2 ** 31),
    2 ** 31,
    2 ** 53 + 2,
    1e308,
    new Raw('1e999'),
    new Raw('-1e999'),
    [],
    {},
    [1, 'two'],
    { $gt: '' },
    { __proto__: { admin: true } },
    new Raw(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`),
    new Raw(`${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`),
  ),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

type Schema = Record<string, any>;

/** Hostile values for one field: mostly of its own type (they get furthest), sometimes of any. */
function hostileFor(field: Schema): fc.Arbitrary<unknown> {
  const schema = resolved(field);
  const types = [schema.type, ...(schema.anyOf ?? schema.oneOf ?? []).map((s: Schema) => resolved(s).type)];
  if (types.includes('string')) return fc.oneof({ weight: 4, arbitrary: hostileString }, hostileValue);
  if (types.includes('object'))
    return fc.oneof(
      { weight: 2, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
      fc.constantFrom(
        new Raw(`${'['.repeat(DEEP)}${']'.repeat(DEEP)}`),
        new Raw(`{"a":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP + 1)}`),
      ),
      hostileValue,
    );
  return hostileValue;
}

function resolved(schema: Schema): Schema {
  return schema.$ref ? resolved(doc.components.schemas[schema.$ref.split('/').pop()]) : schema;
}

/** Values that fit the field's schema, so a request gets past validation to the database with hostile neighbours. */
function fitting(schema: Schema, doc: Schema, known: Record<string, string[]>, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return fitting(resolved(schema), doc, known, depth);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((s: Schema) => fitting(s, doc, known, depth)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...Object.values(known).flat()), fc.uuid());
      if (schema.format === 'date-time')
        return fc
          .date({ min: new Date('2030-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (schema.format === 'date') return fc.constantFrom('2030-03-01', '2030-05-31', '2031-01-01');
      if (schema.format === 'email') return fc.nat().map((n) => `person${n}@example.org`);
      if (schema.format === 'uri') return fc.webUrl();
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 5000, 5000) });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(fitting(schema.items ?? {}, doc, known, depth + 1), { maxLength: 3 });
    case 'object':
      return depth > 3 ? fc.constant({}) : objectOf(schema, doc, known, depth + 1);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** The required fields, fitting: start before end where a body has both, so the request gets as far as it can. */
function fittingObject(
  schema: Schema,
  known: Record<string, string[]>,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required: string[] = schema.required ?? [];
  // Only the required fields: optional ones have rules of their own (holdMinutes only for holds…).
  const fields = Object.fromEntries(
    required.map((name) => [
      name,
      name === 'resourceId' ? fc.constantFrom(...known.resource) : fitting(properties[name] ?? {}, doc, known, depth),
    ]),
  );
  const spans = fc.tuple(
    fc.date({ min: new Date('2030-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.integer({ min: 15, max: 240 }),
  );
  return fc.tuple(fc.record(fields), spans).map(([record, [start, minutes]]) => {
    if ('startsAt' in properties && 'endsAt' in properties && 'startsAt' in record && 'endsAt' in record) {
      record.startsAt = start.toISOString();
      record.endsAt = new Date(start.getTime() + minutes * 60_000).toISOString();
    }
    return record;
  });
}

/**
 * Bodies of the schema: mostly fitting ones with one field made hostile (the likeliest to reach the
 * database), else any mix of fitting, hostile and absent fields, sometimes with fields it does not know.
 */
function objectOf(given: Schema, doc: Schema, known: Record<string, string[]>, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolved(given);
  const names = Object.keys(schema.properties ?? {});
  const oneHostile = fc
    .tuple(
      fittingObject(schema, known, depth),
      names.length
        ? fc
            .constantFrom(...names)
            .chain((name) => hostileFor(schema.properties[name]).map((value) => [name, value] as const))
        : fc.constant(undefined),
    )
    .map(([record, hostile]) => (hostile ? { ...record, [hostile[0]]: hostile[1] } : record));
  const mixed = fc.record(
    Object.fromEntries(
      Object.entries<Schema>(schema.properties ?? {}).map(([name, field]) => [
        name,
        fc.oneof({ weight: 3, arbitrary: fitting(field, doc, known, depth) }, { weight: 1, arbitrary: hostileValue }),
      ]),
    ),
    { requiredKeys: [] },
  );
  const extra = fc.option(fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 2 }), { freq: 4 });
  return fc
    .tuple(fc.oneof({ weight: 3, arbitrary: oneHostile }, { weight: 1, arbitrary: mixed }), extra)
    .map(([record, more]) => (more ? { ...more, ...record } : record));
}

/** Query values as percent-encoded bytes, including ones no UTF-8 decoder accepts. */
function encodeQueryValue(value: unknown): string {
  if (value instanceof Raw) return value.text;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}
const rawQueryBytes = fc.constantFrom(
  new Raw('%00'),
  new Raw('%ED%A0%80'),
  new Raw('%FF%FE'),
  new Raw('%'),
  new Raw('%zz'),
);

interface Endpoint {
  method: string;
  path: string;
  query: Schema[];
  body?: Schema;
}

let database: TestDatabase;
let api: ApiServer;
let collab: CollabServer;
let fixture: OrgFixture;
// The document is built from the routes alone, so the tests can be listed from it before any server runs.
const doc: Schema = await (
  await createApi({ db: {} as never, logError: () => undefined }).request('/api/v1/openapi.json')
).json();
const known: Record<string, string[]> = {};
const serverErrors: unknown[] = [];

/** The error and, for a failed query, what the database said. */
function describeError(error: unknown): string {
  const cause = (error as { cause?: { message?: string } })?.cause?.message;
  return `${String(error).split('\n')[0].slice(0, 200)}${cause ? ` — ${cause}` : ''}`;
}

async function rowCounts(): Promise<Record<string, number>> {
  const select = TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ');
  return (await database.db.execute(sql.raw(`select ${select}`))).rows[0] as Record<string, number>;
}

function endpoints(): Endpoint[] {
  const found: Endpoint[] = [];
  for (const [path, operations] of Object.entries<Schema>(doc.paths)) {
    for (const [method, operation] of Object.entries<Schema>(operations)) {
      const query = (operation.parameters ?? []).filter((p: Schema) => p.in === 'query');
      const body = operation.requestBody?.content?.['application/json']?.schema;
      if (query.length || body) found.push({ method: method.toUpperCase(), path, query, body });
    }
  }
  return found;
}

/** Path parameters are real ids, so every request reaches the code behind them. */
function concretePath(path: string): string {
  return path
    .replace('/api/v1', '')
    .replace('{org}', 'fuzz')
    .replace('{sessionId}', known.session[0])
    .replace(/\/(resources|bookings|seasons|registrations|webhook-endpoints|workshops|outbox)\/\{id\}/, (_m, kind) => {
      const id = {
        resources: known.resource,
        bookings: known.booking,
        seasons: known.season,
        registrations: known.registration,
      }[kind as string];
      return `/${kind}/${id?.[0] ?? '00000000-0000-0000-0000-000000000000'}`;
    });
}

beforeAll(async () => {
  database = await createTestDatabase();
  collab = createCollabServer({
    db: database.db,
    logger: pino({ level: 'silent' }),
    debounceMs: 50,
    maxDebounceMs: 200,
  });
  api = await startApiServer(database.db, {
    drafts: collab.drafts,
    logError: (error) => serverErrors.push(error),
    registrationRateLimits: {
      perIp: { limit: 1_000_000, windowMs: 3_600_000 },
      perEmail: { limit: 1_000_000, windowMs: 3_600_000 },
    },
  });
  fixture = await createOrgWithKeys(database.db, 'fuzz');
  const room = await createTestResource(database.db, fixture.org.id, { title: 'Kiln' });
  const classroom = await createTestResource(database.db, fixture.org.id, { title: 'Classroom' });
  const { session } = await createWorkshopWithSession(database.db, {
    orgId: fixture.org.id,
    resourceId: classroom.id,
    slug: 'etching',
    capacity: 3,
    startsAt: '2030-04-02T22:00:00Z',
    endsAt: '2030-04-03T00:00:00Z',
  });
  const call = (method: string, path: string, body: unknown) =>
    api.request(method, `/orgs/fuzz${path}`, { key: fixture.adminKey, body });
  const booking = await call('POST', '/bookings', {
    resourceId: room.id,
    title: 'Firing',
    startsAt: '2030-03-04T10:00:00-05:00',
    endsAt: '2030-03-04T12:00:00-05:00',
  });
  const season = await call('POST', '/seasons', { name: 'Spring 2030', startsOn: '2030-03-01', endsOn: '2030-05-31' });
  const registration = await api.request('POST', `/orgs/fuzz/sessions/${session.id}/registrations`, {
    body: { name: 'Ana', email: 'ana@example.org' },
  });
  Object.assign(known, {
    resource: [room.id, classroom.id],
    booking: [booking.body.id],
    season: [season.body.id],
    session: [session.id],
    registration: [registration.body.id],
  });
}, 60_000);
afterAll(async () => {
  await api?.close();
  await collab?.close();
  await database?.close();
});

describe('the JSON API under hostile input', () => {
  it('finds every endpoint that takes a body or a query in the OpenAPI document', () => {
    expect(endpoints().length).toBeGreaterThanOrEqual(15);
  });

  for (const { method, path, query, body } of endpoints()) {
    it(`${method} ${path} answers below 500 and a refusal writes nothing`, async () => {
      const statuses: Record<number, number> = {};
      onTestFinished(() => console.info(`${method} ${path}: answers by status ${JSON.stringify(statuses)}`));
      const queryArbitrary = fc.record(
        Object.fromEntries(
          query.map((p) => [
            p.name,
            fc.oneof(
              { weight: 3, arbitrary: fitting(p.schema ?? {}, doc, known) },
              { weight: 1, arbitrary: hostileString },
              { weight: 1, arbitrary: rawQueryBytes },
            ),
          ]),
        ),
        { requiredKeys: [] },
      );
      const bodyArbitrary = body
        ? fc.oneof({ weight: 5, arbitrary: objectOf(body, doc, known) }, { weight: 1, arbitrary: hostileValue })
        : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(queryArbitrary, bodyArbitrary, async (queryValues, bodyValue) => {
          const search = Object.entries(queryValues)
            .map(([name, value]) => `${name}=${encodeQueryValue(value)}`)
            .join('&');
          const before = await rowCounts();
          serverErrors.length = 0;
          const response = await fetch(`${api.baseUrl}/api/v1${concretePath(path)}${search ? `?${search}` : ''}`, {
            method,
            headers: { authorization: `Bearer ${fixture.adminKey}`, 'content-type': 'application/json' },
            body: bodyValue === undefined ? undefined : toJson(bodyValue),
          });
          const text = await response.text();
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          expect(
            response.status,
            `${text.slice(0, 300)}\n${serverErrors.map(describeError).join('\n').slice(0, 500)}`,
          ).toBeLessThan(500);
          if (response.status >= 400) expect(await rowCounts(), text.slice(0, 300)).toEqual(before);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
