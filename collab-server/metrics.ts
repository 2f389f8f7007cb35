import type { Hocuspocus } from '@hocuspocus/server';
import { Gauge, type Registry } from 'prom-client';

/** Open season documents and co-editing connections of this collab process, read at scrape time. */
export function registerCollabMetrics(registry: Registry, hocuspocus: Hocuspocus): void {
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
}
