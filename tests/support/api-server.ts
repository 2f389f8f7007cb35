import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApi, type ApiDependencies } from '../../app/api/index';
import type { Database } from '../../db/client';

export interface ApiServer {
  baseUrl: string;
  request(
    method: string,
    path: string,
    options?: {
      key?: string;
      body?: unknown;
      rawBody?: string;
      contentType?: string;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** The real JSON API on a real loopback port, so requests race as they would in production. */
export async function startApiServer(db: Database, options: Partial<ApiDependencies> = {}): Promise<ApiServer> {
  const api = createApi({
    db,
    logError: (error) => console.error(error),
    publicUrl: 'http://localhost:3000',
    ...options,
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: api.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.key) headers.authorization = `Bearer ${options.key}`;
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
      const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text so the assertion shows it
      }
      return { status: response.status, body: parsed };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
