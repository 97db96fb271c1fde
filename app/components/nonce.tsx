import { createContext, useContext } from 'react';

const NonceContext = createContext('');

/** Provides the response's CSP nonce to the document's scripts (server only; browsers hide nonces). */
export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
