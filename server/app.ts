// The Hono application: middleware, API routes, sync endpoint and the built client, on one port.
import fs from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { originGuard } from './auth/origin.ts'
import { sessionMiddleware, type AppEnv } from './auth/session.ts'
import type { AppContext } from './context.ts'
import { errorBody, makeErrorHandler } from './http/errors.ts'
import { jsonOnly } from './http/json-only.ts'
import { authRoutes } from './routes/auth.ts'
import { frameworkRoutes } from './routes/frameworks.ts'
import { oidcRoutes } from './routes/oidc.ts'
import { countCommands, opsRoutes } from './routes/ops.ts'
import { panelRoutes } from './routes/panels.ts'
import { recordRoutes } from './routes/records.ts'
import { correctionRoutes } from './routes/corrections.ts'
import { registerRoutes } from './routes/register.ts'
import { syncRoutes } from './routes/sync.ts'

export function createApp(ctx: AppContext) {
  const { storage, now, config } = ctx
  const app = new Hono<AppEnv>()
  app.onError(makeErrorHandler(ctx.log))

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", ...config.allowedOrigins.flatMap((o) => [o, o.replace(/^http/, 'ws')])],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      crossOriginEmbedderPolicy: false,
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    }),
  )
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 4 << 20,
      onError: (c) => c.json(errorBody('too-large', 'The body is larger than 4 MB.'), 413),
    }),
  )
  app.use('*', sessionMiddleware(storage, now))
  app.use('/api/*', originGuard(config.allowedOrigins))
  app.use('/api/*', jsonOnly())
  app.use('/auth/*', jsonOnly())

  // `oidc`: whether the sign-in page may offer the organisation's identity provider.
  app.get('/api/health', (c) => c.json({ ok: true, store: storage.kind, oidc: ctx.oidc !== null }))
  app.route('/', opsRoutes(ctx))
  app.use('/api/panels/:id/commands', countCommands(ctx))

  app.route('/', frameworkRoutes(ctx))
  app.route('/', authRoutes(ctx))
  app.route('/', oidcRoutes(ctx))
  app.route('/', panelRoutes(ctx))
  app.route('/', recordRoutes(ctx))
  app.route('/', correctionRoutes(ctx))
  app.route('/', registerRoutes(ctx))
  app.route('/', syncRoutes(ctx))

  app.all('/api/*', (c) => c.json(errorBody('not-found', `No route ${c.req.method} ${c.req.path}.`), 404))

  // The built client; every other path is the single-page app.
  const index = path.join(config.distDir, 'index.html')
  const assets = serveStatic({ root: path.relative(process.cwd(), config.distDir) || '.' })
  app.use('/assets/*', async (c, next) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable')
    return fs.existsSync(config.distDir) ? assets(c, next) : next()
  })
  // The demo inspection (Gloucestershire, 2020, as published), offered on the rate and create-panel pages.
  app.use('/demo/*', async (c, next) => {
    c.header('Cache-Control', 'no-cache')
    return fs.existsSync(config.distDir) ? assets(c, next) : next()
  })
  let indexHtml: string | null = null
  app.get('*', (c) => {
    indexHtml ??= fs.existsSync(index) ? fs.readFileSync(index, 'utf8') : null
    if (indexHtml === null) return c.text('The client has not been built: run `npm run build`.', 503)
    c.header('Cache-Control', 'no-cache')
    return c.html(indexHtml)
  })
  return app
}
