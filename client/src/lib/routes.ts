// Route patterns and matching: pure, so it is testable without a DOM.

export type Params = Record<string, string>

export interface Route<K extends string = string> {
  name: K
  /** A path pattern like `/panels/:id/standards/:sid`. */
  pattern: string
}

export interface Match<K extends string = string> {
  name: K
  params: Params
}

/** Matches a path against patterns in order; `:name` segments capture, decoded. */
export function matchRoute<K extends string>(routes: readonly Route<K>[], path: string): Match<K> | null {
  const parts = path.replace(/\/+$/, '').split('/').filter(Boolean)
  for (const r of routes) {
    const want = r.pattern.split('/').filter(Boolean)
    if (want.length !== parts.length) continue
    const params: Params = {}
    let ok = true
    for (let i = 0; i < want.length; i++) {
      const w = want[i]!
      const p = parts[i]!
      if (w.startsWith(':')) {
        try {
          params[w.slice(1)] = decodeURIComponent(p)
        } catch {
          ok = false
        }
      } else if (w !== p) ok = false
      if (!ok) break
    }
    if (ok) return { name: r.name, params }
  }
  return null
}
