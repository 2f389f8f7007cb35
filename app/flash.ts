/** The cookie that carries an action's message across its redirect (app/flash.server.ts). */
export const FLASH_COOKIE = 'infra24_flash';

/** What an action says it did: "Saved.", "Approved — Ana was emailed." */
export interface Flash {
  kind: 'success' | 'info' | 'error';
  message: string;
  /** A second, quieter line. */
  description?: string;
  /** Tells two equal messages apart, so the same words after a second action show again. */
  id: string;
}
