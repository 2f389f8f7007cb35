import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { onChangePayload } from '@hocuspocus/server';
import IORedis from 'ioredis';
import type { Logger } from 'pino';

/** How long start-up waits for Redis to answer, and shutdown for it to say goodbye. */
const REDIS_CHECK_MS = 3_000;

export interface RedisOptions {
  url: string;
  /** Namespace of this deployment's keys and channels, so deployments can share one Redis. */
  prefix: string;
}

export interface RedisScaleOut {
  extension: RedisExtension;
  close(): Promise<void>;
}

/**
 * The extension, except that a store takes no lock. Its lock makes a store that meets another
 * process's store of the same document skip, and a process never stores edits it received through
 * Redis: an edit not yet passed on when the other process read its copy would be stored by nobody.
 * Stores merge into the stored state instead (mergeDraftState), so each process storing what its
 * own clients changed is safe at any moment (ADR 019).
 */
class RedisWithMergingStores extends RedisExtension {
  override async onStoreDocument(): Promise<void> {}
}

/** The URL without its password, for messages and logs. */
export function redisUrlForDisplay(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}

/** Why Redis at `url` does not answer a PING within `timeoutMs`, or undefined when it does. */
export async function whyRedisUnreachable(url: string, timeoutMs = REDIS_CHECK_MS): Promise<string | undefined> {
  const probe = new IORedis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The socket's own error (ECONNREFUSED, ENOTFOUND, …) says more than the rejected connect().
  let socketError: Error | undefined;
  probe.on('error', (error: Error) => (socketError ??= error));
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return (socketError ?? (error as Error)).message || String(error);
  } finally {
    probe.disconnect();
  }
}

/**
 * After an outage the processes' copies of a document differ, and the extension would only compare
 * them at the next edit. Announcing each document's state as a change does (a SyncStep1) makes the
 * other processes send what this one lacks and ask for what they lack.
 */
function catchUp(extension: RedisExtension): void {
  for (const document of extension.instance?.documents.values() ?? []) {
    void extension.onChange({
      documentName: document.name,
      document,
      transactionOrigin: { source: 'local' },
    } as onChangePayload);
  }
}

/**
 * `@hocuspocus/extension-redis` on REDIS_URL: each collab process passes its documents' updates and
 * awareness to the others that hold the same document, so co-editors connected to different
 * processes see each other. ioredis reconnects on its own after an outage (and subscribes again).
 */
export function redisScaleOut(options: RedisOptions & { logger: Logger }): RedisScaleOut {
  const clients: IORedis[] = [];
  let down = false;
  const extension = new RedisWithMergingStores({
    prefix: `${options.prefix}:collab`,
    // Called twice: one connection publishes, one subscribes.
    createClient: () => {
      const client = new IORedis(options.url, { connectionName: 'infra24-collab' });
      // Logged once per outage, not at every reconnect attempt.
      client.on('error', (error) => {
        if (down) return;
        down = true;
        options.logger.error(
          { err: error },
          "collab: Redis unreachable; co-editors on different collab processes do not see each other's edits until it is back",
        );
      });
      client.on('ready', () => {
        if (!down || clients.some((each) => each.status !== 'ready')) return;
        down = false;
        options.logger.info('collab: Redis reachable again');
        catchUp(extension);
      });
      clients.push(client);
      return client;
    },
  });
  return {
    extension,
    async close() {
      // The extension says goodbye (QUIT) before disconnecting; a Redis that is down would keep it waiting.
      await Promise.race([
        extension.onDestroy(),
        new Promise((resolve) => setTimeout(resolve, REDIS_CHECK_MS).unref()),
      ]);
      for (const client of clients) client.disconnect();
    },
  };
}
