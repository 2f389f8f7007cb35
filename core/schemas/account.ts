import { z } from 'zod';
import { line } from '../validation';

const email = z.email('must be an email address').trim().toLowerCase().max(254);
const password = line().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export const signUpSchema = z.object({ name: line().trim().min(1, 'is required').max(120), email, password });
export const signInSchema = z.object({ email, password: z.string().min(1, 'is required') });
export const emailOnlySchema = z.object({ email });
export const newPasswordSchema = z
  .object({ password, confirm: z.string() })
  .refine((value) => value.password === value.confirm, { message: 'does not match the password', path: ['confirm'] });
export const roleSchema = z.enum(['admin', 'staff', 'resident']);
export const inviteSchema = z.object({ email, role: roleSchema });

export type SignUpInput = z.infer<typeof signUpSchema>;

/** A member's new role, as the settings page changes it. */
export const roleChangeSchema = z.object({ userId: z.uuid(), role: roleSchema });

/** A new API key: a label to know it by and the role it acts with (never resident). */
export const apiKeyCreateSchema = z.object({
  name: line().trim().min(1, 'is required').max(100),
  role: z.enum(['admin', 'staff']),
});

export const apiKeyRevokeSchema = z.object({ id: z.uuid() });
