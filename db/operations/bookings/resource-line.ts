import { sql } from 'drizzle-orm';
import type { Transaction } from '../../client';

/**
 * Holds the resource's write lock until the transaction ends, the same lock `insert_booking_with_change`
 * takes (migration 0019). Racing writers of one resource then meet the exclusion constraint one
 * after another instead of each waiting for the other's uncommitted row, a deadlock PostgreSQL
 * breaks only after a second. The constraint stays the guarantee; this only sets the order.
 */
export async function waitInLineForResource(tx: Transaction, resourceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('bookings'), hashtext(${resourceId}::uuid::text))`);
}
