import { createContext, useContext } from 'react';

/**
 * The request's Content-Security-Policy nonce, provided by entry.server.tsx for the inline scripts
 * Remix renders. Browsers hide nonces from scripts, so in the browser it is undefined.
 */
export const CspNonceContext = createContext<string | undefined>(undefined);

export function useCspNonce(): string | undefined {
  return useContext(CspNonceContext);
}
