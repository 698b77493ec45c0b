// `npm start`: read the environment, start the server, print the first sign-in link, stop on SIGTERM.
import path from 'node:path'
import { parseEnv } from './config.ts'
import { createLogger } from './logger.ts'
import { startServer } from './start.ts'

function exitWith(message: string): never {
  process.stderr.write(`ratings-panel: ${message}\n`)
  process.exit(1)
}

let env: ReturnType<typeof parseEnv>
try {
  env = parseEnv(process.env)
} catch (e) {
  exitWith((e as Error).message)
}
const log = createLogger({ quiet: env.LOG_QUIET === 'true' })
const server = await startServer({
  port: env.PORT,
  host: env.HOST,
  dataDir: env.DATA_DIR,
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  allowedOrigins: env.ALLOWED_ORIGINS,
  publicUrl: env.PUBLIC_URL ?? null,
  sessionTtlHours: env.SESSION_TTL_HOURS,
  inviteTtlHours: env.INVITE_TTL_HOURS,
  secureCookies: env.SECURE_COOKIES === 'true',
  metricsToken: env.METRICS_TOKEN ?? null,
  headKeyFile: env.HEAD_KEY_FILE,
  headKey: env.HEAD_KEY,
  headLogFile: env.HEAD_LOG_FILE,
  sqliteWriter: env.SQLITE_WRITER,
  trustedProxies: env.TRUST_PROXY,
  retention: env.RETENTION_DAYS
    ? { days: env.RETENTION_DAYS, archiveDir: env.ARCHIVE_DIR ?? path.join(env.DATA_DIR, 'archive') }
    : null,
  oidc:
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET && env.OIDC_REDIRECT_URL
      ? {
          issuer: env.OIDC_ISSUER,
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
          redirectUrl: env.OIDC_REDIRECT_URL,
        }
      : null,
  log,
}).catch((e: unknown) => {
  const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : ''
  exitWith(`could not start: ${e instanceof Error ? e.message : String(e)}${cause}`)
})
log.info('listening', { url: server.url, store: server.storage.kind })
process.stdout.write(`\nRatings Panel is running at ${server.url}\n`)
if (server.firstSignInUrl)
  process.stdout.write(
    `No accounts yet. Open this one-time link to sign in as the first organiser (valid 24 hours):\n  ${server.firstSignInUrl}\n\n`,
  )

let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  log.info('shutting down', { signal })
  const timer = setTimeout(() => process.exit(1), 8000)
  server.close().then(
    () => {
      clearTimeout(timer)
      process.exit(0)
    },
    (e: unknown) => {
      log.error('shutdown failed', { error: String(e) })
      process.exit(1)
    },
  )
}
process.on('SIGTERM', () => stop('SIGTERM'))
process.on('SIGINT', () => stop('SIGINT'))
