import { parseWithZod } from '@conform-to/zod/v4';
import {
  equipmentRequestSchema,
  guestVisitRequestSchema,
  visitRequestSchema,
} from '../../../core/schemas/booking-request';

/**
 * The browser's checks of the public request forms, loaded on demand (`useChecksOnDemand`): zod and
 * these schemas stay out of the pages' first JavaScript. The same schemas as the actions', so the
 * same messages.
 */
export const checkEquipmentRequest = (formData: FormData) => parseWithZod(formData, { schema: equipmentRequestSchema });

/** Signed in, the account is who asks: the form has no name or email to check. */
export const checkVisitRequest = (formData: FormData) => parseWithZod(formData, { schema: visitRequestSchema });
export const checkGuestVisitRequest = (formData: FormData) =>
  parseWithZod(formData, { schema: guestVisitRequestSchema });
