import type { Hocuspocus } from '@hocuspocus/server';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { onFanout } from './fanout-timing';

/**
 * Open season documents and co-editing connections of this collab process, read at scrape time, and
 * how long an edit takes from its socket to every other co-editor's socket. Returns the way to stop timing.
 */
export function registerCollabMetrics(registry: Registry, hocuspocus: Hocuspocus): () => void {
  new Gauge({
    name: 'infra24_collab_documents',
    help: 'Season drafts held open by this collab process',
    registers: [registry],
    collect() {
      this.set(hocuspocus.getDocumentsCount());
    },
  });
  new Gauge({
    name: 'infra24_collab_connections',
    help: 'Co-editing WebSocket connections to this collab process',
    registers: [registry],
    collect() {
      this.set(hocuspocus.getConnectionsCount());
    },
  });
  const fanout = new Histogram({
    name: 'infra24_collab_fanout_seconds',
    help: 'Time from an edit coming off its socket to its broadcast written to every socket of the season draft',
    buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [registry],
  });
  return onFanout((milliseconds) => fanout.observe(milliseconds / 1000));
}
