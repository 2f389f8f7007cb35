import { Gauge, type Registry } from 'prom-client';
import type { DatabaseHandle } from './client';
import { outboxHealth } from './operations/outbox/outbox-health';

/** Pool use and the outbox, read when Prometheus scrapes (nothing is counted on the hot path). */
export function registerDatabaseMetrics(registry: Registry, handle: DatabaseHandle): void {
  const pool = handle.pool;
  if (pool) {
    new Gauge({
      name: 'infra24_db_pool_connections',
      help: 'Database pool connections by state (total, idle, waiting: requests waiting for a connection)',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
  }
  // Prometheus reads the gauges in the order they were made: the first one reads the outbox for both.
  const lag = new Gauge({
    name: 'infra24_outbox_delivery_lag_seconds',
    help: 'How long the oldest due outbox event has waited for the worker',
    registers: [],
  });
  new Gauge({
    name: 'infra24_outbox_events',
    help: 'Undelivered outbox events: due (to send now), scheduled (later), dead (gave up)',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      // A scrape that cannot reach the database leaves the last values.
      const health = await outboxHealth(handle.db).catch(() => undefined);
      if (!health) return;
      this.set({ state: 'due' }, health.due);
      this.set({ state: 'scheduled' }, health.scheduled);
      this.set({ state: 'dead' }, health.dead);
      lag.set(health.oldestDueSeconds);
    },
  });
  registry.registerMetric(lag);
}
