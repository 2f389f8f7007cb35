import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** `tstzrange`, only ever read as text: bookings fill it from a generated expression. */
export const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
