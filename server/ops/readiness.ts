// Readiness (GET /api/ready): ready while the store takes a durable write and the server is not stopping.
// Liveness stays GET /api/health. One probe at a time: callers that arrive while one is running share
// its verdict, so a busy load balancer or a hostile client cannot pile up writes.
import type { Storage } from '../storage/port.ts'

export interface ReadinessVerdict {
  ready: boolean
  /** Why not, in words an operator can act on. */
  reason?: string
}

export class Readiness {
  private stopping = false
  private inFlight: Promise<ReadinessVerdict> | null = null

  constructor(
    private readonly storage: Storage,
    private readonly now: () => Date,
  ) {}

  /** Shutdown has begun: the load balancer should send new work elsewhere. */
  markStopping(): void {
    this.stopping = true
  }

  check(): Promise<ReadinessVerdict> {
    if (this.stopping) return Promise.resolve({ ready: false, reason: 'the server is shutting down' })
    this.inFlight ??= this.storage
      .probeWrite(this.now().toISOString())
      .then(
        (): ReadinessVerdict => ({ ready: true }),
        (e: unknown): ReadinessVerdict => ({
          ready: false,
          reason: `the store cannot be written: ${messageOf(e)}`,
        }),
      )
      .finally(() => (this.inFlight = null))
    return this.inFlight
  }
}

function messageOf(e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : null
  return cause ?? (e instanceof Error ? e.message : String(e))
}
