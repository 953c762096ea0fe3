import { createContext, useContext } from 'react'

// The CSP nonce of this response (server.mjs → load context → entry.server), for the inline
// scripts Remix renders. In the browser it is empty: the scripts have already run.
const NonceContext = createContext<string | undefined>(undefined)
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
