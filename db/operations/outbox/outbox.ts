import type { Executor } from '../../client';
import { integrationOutbox } from '../../schema/index';

export interface OutboxEvent {
  orgId: string | null;
  topic: string;
  payload: Record<string, unknown>;
  deliverAfter?: Date;
}

/** Written inside the caller's transaction: the event exists exactly when the change it reports does. */
export async function enqueueEvent(tx: Executor, event: OutboxEvent): Promise<string> {
  const [row] = await tx
    .insert(integrationOutbox)
    .values({ orgId: event.orgId, topic: event.topic, payload: event.payload, deliverAfter: event.deliverAfter })
    .returning({ id: integrationOutbox.id });
  return row.id;
}
