// Operations endpoints: Prometheus metrics behind a bearer token, and readiness for a load balancer.
import { timingSafeEqual } from 'node:crypto'
import { Hono, type MiddlewareHandler } from 'hono'
import type { AppEnv } from '../auth/session.ts'
import type { AppContext } from '../context.ts'
import { ApiError, errorBody } from '../http/errors.ts'

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function opsRoutes(ctx: AppContext) {
  const { metrics, readiness, config } = ctx
  const app = new Hono<AppEnv>()

  app.get('/metrics', async (c) => {
    // Without a configured token nobody may scrape: metrics say how busy the panels are.
    if (!config.metricsToken)
      return c.json(errorBody('metrics-disabled', 'Metrics are off: set METRICS_TOKEN to enable them.'), 404)
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1]
    if (!given || !sameSecret(given, config.metricsToken)) {
      c.header('WWW-Authenticate', 'Bearer realm="metrics"')
      return c.json(errorBody('unauthenticated', 'Send the metrics token as a bearer token.'), 401)
    }
    c.header('Content-Type', metrics.contentType)
    c.header('Cache-Control', 'no-store')
    return c.body(await metrics.text())
  })

  app.get('/api/ready', async (c) => {
    const v = await readiness.check()
    c.header('Cache-Control', 'no-store')
    return v.ready
      ? c.json({ ready: true, store: ctx.storage.kind })
      : c.json({ ready: false, store: ctx.storage.kind, reason: v.reason }, 503)
  })

  return app
}

/** Counts what the commands route answers: 200 accepted, anything else refused under its error code. */
export function countCommands(ctx: Pick<AppContext, 'metrics'>): MiddlewareHandler<AppEnv> {
  return async function commandOutcome(c, next) {
    await next()
    if (c.req.method !== 'POST') return
    if (c.res.status === 200) ctx.metrics.commandAccepted()
    else ctx.metrics.commandRefused(c.error instanceof ApiError ? c.error.code : `http-${c.res.status}`)
  }
}
