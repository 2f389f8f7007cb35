import type { BadgeProps } from './ui/badge';

/** The badge tone of a workshop registration's status, the same on every page that shows one. */
export const REGISTRATION_STATUS_TONES: Record<string, BadgeProps['tone']> = {
  registered: 'success',
  attended: 'success',
  waitlisted: 'warning',
  offered: 'info',
  cancelled: 'danger',
  'session cancelled': 'danger',
  no_show: 'neutral',
};
