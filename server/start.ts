// Composition root: opens the store, builds the app and the sync service, listens, and shuts down cleanly.
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createAdaptorServer } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { createApp } from './app.ts'
import { OidcClient, type OidcSettings } from './auth/oidc.ts'
import { repoRoot } from './config.ts'
import type { AppContext } from './context.ts'
import { createLogger, type Logger } from './logger.ts'
import { Metrics } from './ops/metrics.ts'
import { Readiness } from './ops/readiness.ts'
import { HeadLog, loadOrCreateKeys } from './panels/head-log.ts'
import { PanelHub } from './panels/hub.ts'
import { startRetention } from './panels/retention.ts'
import { issueFirstOrganiserLink } from './routes/auth.ts'
import type { Storage } from './storage/port.ts'
import { openSqliteStorage } from './storage/sqlite.ts'
import type { WriterMode } from './storage/sqlite-writer.ts'
import { DEFAULT_LIMITS, type SyncLimits } from './sync/connection.ts'
import { SyncService } from './sync/service.ts'

export interface StartOptions {
  port: number
  host?: string
  dataDir: string
  allowedOrigins?: string[]
  publicUrl?: string | null
  databaseUrl?: string
  redisUrl?: string
  quiet?: boolean
  log?: Logger
  limits?: Partial<SyncLimits>
  sessionTtlHours?: number
  inviteTtlHours?: number
  secureCookies?: boolean
  idleUnloadMs?: number
  now?: () => Date
  /** Bearer token for GET /metrics; absent: metrics are off. */
  metricsToken?: string | null
  /** Retention: compact finalised panels' keystroke history after `days` (checked at start, then every 6 hours). */
  retention?: { days: number; archiveDir: string } | null
  /** Reverse proxies whose X-Forwarded-For is believed (`loopback` or addresses). */
  trustedProxies?: string[]
  /** Sign-in with OpenID Connect; absent: one-time links only. */
  oidc?: OidcSettings | null
  /** The head-signing key (PKCS#8 PEM file, created on first start) and the signed head log; both outside the database. */
  headKeyFile?: string
  /** The key itself (PEM), e.g. from a secret shared by several processes; overrides the file. */
  headKey?: string
  headLogFile?: string
  /** Where SQLite commits workspace writes (config SQLITE_WRITER; default adaptive). */
  sqliteWriter?: WriterMode
  /** Tests: wraps the store, e.g. to inject a fault or hold a write at a chosen moment. */
  wrapStorage?: (storage: Storage) => Storage
}

export interface RunningServer {
  port: number
  url: string
  firstSignInUrl: string | null
  storage: Storage
  ctx: AppContext
  close(): Promise<void>
}

async function openStorage(opts: StartOptions, log: Logger): Promise<Storage> {
  let storage: Storage
  if (opts.databaseUrl) {
    const { openPostgresStorage } = await import('./storage/postgres.ts')
    storage = await openPostgresStorage(opts.databaseUrl, {
      onError: (e) => log.error('postgres connection failed', { error: e.message }),
    })
  } else storage = openSqliteStorage(opts.dataDir, { writer: opts.sqliteWriter })
  return opts.wrapStorage ? opts.wrapStorage(storage) : storage
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const log = opts.log ?? createLogger({ quiet: opts.quiet ?? false })
  const now = opts.now ?? (() => new Date())
  const keyFile = opts.headKeyFile ?? path.join(opts.dataDir, 'head-signing.key')
  const heads = new HeadLog(
    opts.headLogFile ?? path.join(opts.dataDir, 'heads.log'),
    loadOrCreateKeys(keyFile, opts.headKey),
    now,
  )
  const metrics = new Metrics()
  const storage = metrics.instrument(
    await openStorage(opts, log).catch((e: unknown) => {
      metrics.close()
      heads.close()
      throw e
    }),
  )
  // Scale-out: the relay exists before the hub (whose panels report to it) and the sync service (whose
  // rooms publish through it); it starts handling messages once attached below.
  const relay = opts.redisUrl
    ? await (await import('./sync/redis-relay.ts')).connectRedisRelay(opts.redisUrl, { log })
    : null
  let sync: SyncService | null = null
  const hub = new PanelHub({
    storage,
    log,
    now,
    heads,
    onMembershipChanged: (panelId, accountId, role) => sync?.closeMember(panelId, accountId, role),
    idleUnloadMs: opts.idleUnloadMs ?? 5 * 60_000,
    ...relay?.panelHooks,
  })
  const limits = { ...DEFAULT_LIMITS, ...opts.limits }
  sync = new SyncService(hub, limits, log, relay ?? undefined)
  const service = sync
  metrics.attach({ openPanels: () => hub.openCount(), socketsByDoc: () => service.countByDoc() })
  const readiness = new Readiness(storage, now)
  const ctx: AppContext = {
    storage,
    hub,
    sync,
    heads,
    log,
    now,
    config: {
      allowedOrigins: opts.allowedOrigins ?? [],
      publicUrl: opts.publicUrl ?? null,
      sessionTtlHours: opts.sessionTtlHours ?? 12,
      inviteTtlHours: opts.inviteTtlHours ?? 72,
      secureCookies: opts.secureCookies ?? false,
      distDir: path.join(repoRoot, 'dist'),
      metricsToken: opts.metricsToken ?? null,
      trustedProxies: opts.trustedProxies ?? [],
    },
    metrics,
    readiness,
    oidc: opts.oidc ? new OidcClient(opts.oidc, storage, now) : null,
  }
  relay?.attach(ctx)
  await signUnsignedHeads(storage, heads, log)
  const app = createApp(ctx)
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes * 4 })
  const server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1'}:${port}`
  const firstSignInUrl = await issueFirstOrganiserLink(ctx, (opts.publicUrl ?? url).replace(/\/$/, ''))
  const retention = opts.retention
    ? startRetention(
        { storage, heads, now, log, hub, archiveDir: opts.retention.archiveDir },
        opts.retention.days,
      )
    : null

  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      // Stop taking new work, tell every client to reconnect, let in-flight writes land, then flush.
      readiness.markStopping()
      await retention?.stop()
      server.close()
      sync.closeAll()
      for (const c of wss.clients) c.terminate()
      if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections()
      await hub.close()
      await relay?.close()
      await storage.close()
      metrics.close()
      heads.close()
    })())
  return { port, url, firstSignInUrl, storage, ctx, close }
}

/**
 * Heads the store holds but the head log does not: a crash between a commit and its signature, or a
 * store from before head signing. They are signed now, marked `recovered`, and logged; verify says so.
 */
async function signUnsignedHeads(storage: Storage, heads: HeadLog, log: Logger): Promise<void> {
  let n = 0
  for (const h of await storage.listHeads()) {
    const signed = heads.newestHead(h.panelId, h.chain)
    if (signed && signed.seq >= h.seq) continue
    heads.record({ ...h, recovered: true }, false)
    n++
  }
  heads.flush()
  if (n) log.warn('signed heads the head log lacked', { heads: n })
}
