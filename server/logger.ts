// Structured JSON-lines logging. Callers pass ids and counts, never secrets or justification text.
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

const REDACT = /token|cookie|secret|password|justification|text|footnote/i

function clean(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) out[k] = REDACT.test(k) ? '[redacted]' : v
  return out
}

export function createLogger(opts: { quiet?: boolean; write?: (line: string) => void } = {}): Logger {
  const write = opts.write ?? ((line: string) => process.stdout.write(line + '\n'))
  const emit = (level: string, msg: string, fields: Record<string, unknown> = {}) => {
    if (opts.quiet && level === 'info') return
    write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...clean(fields) }))
  }
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  }
}
