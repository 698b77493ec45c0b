// A browser as far as sign-in needs one: follows redirects across origins by hand and keeps each
// origin's cookies (honouring Max-Age=0 and Expires in the past), so a flow through a provider can be
// walked step by step, and stopped before a URL to replay or tamper with it.
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>()

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(new URL(origin).origin)?.get(name)
  }

  cookieHeader(origin: string): string {
    return [...(this.jars.get(new URL(origin).origin) ?? new Map<string, string>())]
      .map(([k, v]) => `${k}=${v}`)
      .join('; ')
  }

  /** Keeps the cookies an answer sets, as the browser at `url` would. */
  keep(url: string, res: Response): void {
    const origin = new URL(url).origin
    const jar = this.jars.get(origin) ?? new Map<string, string>()
    this.jars.set(origin, jar)
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      const gone = attrs.some((a) => {
        const [k, v] = a.trim().split('=')
        return (
          (k?.toLowerCase() === 'max-age' && Number(v) <= 0) ||
          (k?.toLowerCase() === 'expires' && Date.parse(v ?? '') < Date.now())
        )
      })
      if (gone || value === '') jar.delete(name)
      else jar.set(name, value)
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    const cookies = this.cookieHeader(url)
    if (cookies) headers.set('cookie', cookies)
    const res = await fetch(url, { ...init, headers, redirect: 'manual' })
    this.keep(url, res)
    return res
  }

  /**
   * GETs url and follows redirects; stops at the first answer that is not a redirect, or before
   * requesting a URL `stopBefore` accepts (returned unrequested as `next`).
   */
  async navigate(
    url: string,
    stopBefore?: (next: URL) => boolean,
  ): Promise<{ res: Response | null; url: string; next: string | null; visited: string[] }> {
    const visited: string[] = []
    let current = url
    for (let hops = 0; hops < 20; hops++) {
      if (stopBefore?.(new URL(current))) return { res: null, url: current, next: current, visited }
      visited.push(current)
      const res = await this.request(current)
      const location = res.headers.get('location')
      if (res.status < 300 || res.status >= 400 || !location)
        return { res, url: current, next: null, visited }
      await res.arrayBuffer()
      current = new URL(location, current).href
    }
    throw new Error(`too many redirects from ${url}`)
  }
}
