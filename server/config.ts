// Environment configuration, parsed once with zod at start-up.
import path from 'node:path'
import { z } from 'zod'

const list = z
  .string()
  .optional()
  .transform((s) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : [],
  )

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  ALLOWED_ORIGINS: list,
  PUBLIC_URL: z.string().url().optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  INVITE_TTL_HOURS: z.coerce.number().positive().default(72),
  SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  LOG_QUIET: z.enum(['true', 'false']).optional(),
  /** Reverse proxies in front (comma-separated addresses, or `loopback`) whose X-Forwarded-For is believed. */
  TRUST_PROXY: list,
  /** Retention: compact the keystroke history of panels finalised this many days ago (unset: keep all). */
  RETENTION_DAYS: z.coerce.number().positive().optional(),
  /** Where archives are written before compaction (default DATA_DIR/archive). */
  ARCHIVE_DIR: z.string().optional(),
  /** Bearer token for GET /metrics; without it metrics are off. */
  METRICS_TOKEN: z.string().min(32, 'use at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  /** The Ed25519 head-signing key (PKCS#8 PEM), created on first start; default DATA_DIR/head-signing.key. */
  HEAD_KEY_FILE: z.string().min(1).optional(),
  /** The key itself (PEM), e.g. a secret shared by several processes; overrides HEAD_KEY_FILE. */
  HEAD_KEY: z
    .string()
    .regex(/-----BEGIN PRIVATE KEY-----/, 'a PKCS#8 PEM private key')
    .optional(),
  /** The signed head log (one per process); default DATA_DIR/heads.log. */
  HEAD_LOG_FILE: z.string().min(1).optional(),
  /**
   * Where SQLite commits workspace writes: `adaptive` (on the event loop while commits are quick, on a
   * writer thread while they are slow), or pinned to `inline` or `thread`.
   */
  SQLITE_WRITER: z.enum(['adaptive', 'inline', 'thread']).default('adaptive'),
})

/** Sign-in with OpenID Connect: all four variables, or none (one-time links only). */
const OIDC_VARS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const

export const FullEnvSchema = EnvSchema.extend({
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z
    .string()
    .url()
    .refine((u) => new URL(u).pathname.endsWith('/auth/oidc/callback'), 'must end in /auth/oidc/callback')
    .optional(),
}).superRefine((env, ctx) => {
  const set = OIDC_VARS.filter((k) => env[k] !== undefined)
  if (set.length && set.length < OIDC_VARS.length)
    for (const k of OIDC_VARS.filter((k) => env[k] === undefined))
      ctx.addIssue({ code: 'custom', path: [k], message: `needed with ${set.join(', ')}` })
})

export type Env = z.infer<typeof FullEnvSchema>

export function parseEnv(env: NodeJS.ProcessEnv): Env {
  const r = FullEnvSchema.safeParse(env)
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Configuration is not valid:\n${lines}`)
  }
  return r.data
}

export const repoRoot = path.resolve(import.meta.dirname, '..')
