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
  /** Bearer token for GET /metrics; without it metrics are off. */
  METRICS_TOKEN: z.string().min(32, 'use at least 32 characters (e.g. openssl rand -hex 32)').optional(),
})

export type Env = z.infer<typeof EnvSchema>

export function parseEnv(env: NodeJS.ProcessEnv): Env {
  const r = EnvSchema.safeParse(env)
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Configuration is not valid:\n${lines}`)
  }
  return r.data
}

export const repoRoot = path.resolve(import.meta.dirname, '..')
