import type { DatabaseHandle } from './client';

const CHANNEL = 'integration_outbox';

/**
 * Calls `onEvent` whenever a transaction that wrote outbox rows commits (the insert trigger NOTIFYs).
 * PostgreSQL: one connection of the pool is held for LISTEN. PGlite: its own listen(). Returns the unlisten.
 */
export async function listenForOutboxEvents(handle: DatabaseHandle, onEvent: () => void): Promise<() => Promise<void>> {
  if (handle.pglite) {
    return handle.pglite.listen(CHANNEL, onEvent);
  }
  const client = await handle.pool!.connect();
  client.on('notification', onEvent);
  // A lost LISTEN connection only slows delivery down to the poll; it must not crash the process.
  client.on('error', () => undefined);
  await client.query(`listen ${CHANNEL}`);
  return async () => {
    client.off('notification', onEvent);
    await client.query(`unlisten ${CHANNEL}`).catch(() => undefined);
    client.release();
  };
}
