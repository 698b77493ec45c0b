// What routes and the sync endpoint share: the composition root builds one of these and passes it down.
import type { OidcClient } from './auth/oidc.ts'
import type { Logger } from './logger.ts'
import type { Metrics } from './ops/metrics.ts'
import type { Readiness } from './ops/readiness.ts'
import type { HeadLog } from './panels/head-log.ts'
import type { PanelHub } from './panels/hub.ts'
import type { Storage } from './storage/port.ts'
import type { SyncService } from './sync/service.ts'

export interface ServerConfig {
  /** Browser origins besides the server's own that may open sockets and send commands. */
  allowedOrigins: string[]
  /** Base URL printed in links; by default taken from the request. */
  publicUrl: string | null
  sessionTtlHours: number
  inviteTtlHours: number
  secureCookies: boolean
  distDir: string
  /** Peers whose X-Forwarded-For is believed (reverse proxies); empty: none. */
  trustedProxies: string[]
  /** Bearer token that GET /metrics requires; null: metrics are off. */
  metricsToken: string | null
}

export interface AppContext {
  storage: Storage
  hub: PanelHub
  sync: SyncService
  heads: HeadLog
  log: Logger
  now: () => Date
  config: ServerConfig
  metrics: Metrics
  readiness: Readiness
  /** Sign-in with the organisation's OpenID Connect provider; null when not configured. */
  oidc: OidcClient | null
}
