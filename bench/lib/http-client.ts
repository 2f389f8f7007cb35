import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Requests go through node:http with a keep-alive Agent rather than global fetch: it has the least
 * client-side overhead (the client shares the machine's CPUs with the server, so a heavy client would
 * lower the server's figures), and reused connections measure the server, not TCP handshakes.
 * maxSockets is unbounded: concurrency is bounded by the caller, so a "race" of N really is N sockets.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });

export interface TimedResponse {
  status: number;
  body: unknown;
  ms: number;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // not JSON: keep the text so an unexpected answer can be shown
  }
}

/** One request, timed from before it is sent until the whole body has arrived. Network failures reject. */
export function requestJson(
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; localAddress?: string } = {},
): Promise<TimedResponse> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string | number> = { accept: 'application/json', ...options.headers };
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent, localAddress: options.localAddress }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: parseBody(Buffer.concat(chunks).toString('utf8')),
          ms: performance.now() - started,
        }),
      );
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/** Closes the kept-alive sockets so the process can exit (and the server can drain quickly). */
export function closeConnections(): void {
  agent.destroy();
}
