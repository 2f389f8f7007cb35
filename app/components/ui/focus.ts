/** The one visible focus ring of every control (keyboard focus only), in the accent's readable shade. */
export const focusRing =
  'outline-none focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-surface';
