import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Reply = (
  request: ReceivedRequest,
) => { status: number; headers?: Record<string, string>; body?: string; delayMs?: number } | 'hang';

/**
 * A real HTTP server on loopback that plays a receiver (a CRM, Resend). It records every request and
 * whether two requests for the same id were ever in flight at once.
 */
export async function startReceiver(reply: Reply = () => ({ status: 200 })) {
  const received: ReceivedRequest[] = [];
  const inFlight = new Map<string, number>();
  const overlaps: string[] = [];
  let respond = reply;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        path: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      received.push(request);
      const id = String(req.headers['x-infra24-event-id'] ?? req.headers['idempotency-key'] ?? '');
      if (id) {
        if (inFlight.get(id)) overlaps.push(id);
        inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
        res.on('close', () => inFlight.set(id, (inFlight.get(id) ?? 1) - 1));
      }
      const answer = respond(request);
      if (answer === 'hang') return; // never answers: the sender's timeout must fire
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body ?? '{}');
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    overlaps,
    setReply(next: Reply) {
      respond = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
