/**
 * The baseline of bench/booking-contention.ts: the least a booking endpoint can do. node:http and a
 * `pg` pool of DATABASE_POOL_SIZE, no framework, no authentication, no audit or outbox row: parse
 * the body, one INSERT into the same `bookings` table (same constraint, same triggers), answer 201
 * with the row, or 409 on an overlap. It answers GET /readyz like the real server, so the bench
 * starts both the same way.
 *
 *   DATABASE_URL=… BARE_ORG_ID=<organization id> PORT=… npx tsx bench/lib/bare-booking-server.ts
 */
import http from 'node:http';
import pg from 'pg';

const EXCLUSION_VIOLATION = '23P01';
const BOOKING_PATH = /^\/api\/v1\/orgs\/[^/]+\/bookings$/;

const orgId = process.env.BARE_ORG_ID;
if (!orgId) throw new Error('BARE_ORG_ID: the organization the bookings belong to');
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE || 20),
});
pool.on('error', () => undefined);

interface BookingBody {
  resourceId: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function answer(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

async function book(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const input = JSON.parse(await readBody(request)) as BookingBody;
  try {
    const { rows } = await pool.query(
      `insert into bookings (org_id, resource_id, title, status, starts_at, ends_at, source)
       values ($1, $2, $3, 'confirmed', $4, $5, 'api')
       returning id, resource_id, title, status, starts_at, ends_at`,
      [orgId, input.resourceId, input.title, input.startsAt, input.endsAt],
    );
    answer(response, 201, rows[0]);
  } catch (error) {
    if ((error as { code?: string }).code === EXCLUSION_VIOLATION) {
      answer(response, 409, { error: { code: 'conflict', message: 'The resource is already booked at that time' } });
      return;
    }
    throw error;
  }
}

const server = http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/readyz') return answer(response, 200, { ok: true });
  if (request.method === 'POST' && BOOKING_PATH.test(request.url ?? '')) {
    book(request, response).catch((error: Error) => answer(response, 500, { error: { message: error.message } }));
    return;
  }
  answer(response, 404, { error: { code: 'not_found' } });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');

process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
