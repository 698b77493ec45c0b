// The client's address, for per-address limits and logs. Behind a reverse proxy every connection comes
// from the proxy, so X-Forwarded-For is read, but only from a peer named in TRUST_PROXY (otherwise any
// client could claim any address): the address is the rightmost entry that is not a trusted proxy.
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/** `loopback` stands for 127.0.0.0/8 and ::1; other entries are exact addresses. */
export type TrustedProxies = string[]

const plain = (a: string): string => a.replace(/^::ffff:/, '')

function isTrusted(address: string, trusted: TrustedProxies): boolean {
  const a = plain(address)
  return trusted.some((t) => (t === 'loopback' ? a === '::1' || a.startsWith('127.') : plain(t) === a))
}

export function clientAddress(c: Context, trusted: TrustedProxies = []): string {
  let peer: string
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
  if (!trusted.length || !isTrusted(peer, trusted)) return plain(peer)
  const hops = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
  for (let i = hops.length - 1; i >= 0; i--) if (!isTrusted(hops[i]!, trusted)) return plain(hops[i]!)
  return plain(hops[0] ?? peer)
}
