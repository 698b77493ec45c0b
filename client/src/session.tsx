// Who is signed in: GET /api/me once, shared with every view; signing out clears it.
import { createContext, createResource, useContext, type JSX, type Resource } from 'solid-js'
import { api } from './lib/http.ts'
import type { Account } from './lib/api-types.ts'

interface Session {
  /** The account, null when not signed in; undefined while loading. */
  account: Resource<Account | null>
  signOut(): Promise<void>
}

const SessionContext = createContext<Session>()

export function SessionProvider(props: { children: JSX.Element }) {
  const [account, { mutate }] = createResource(async () => {
    const r = await api<{ account: Account }>('GET', '/api/me')
    return r.ok ? r.value.account : null
  })
  const signOut = async () => {
    await api('POST', '/api/auth/sign-out')
    mutate(null)
  }
  return <SessionContext.Provider value={{ account, signOut }}>{props.children}</SessionContext.Provider>
}

export function useSession(): Session {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession: no SessionProvider')
  return s
}
