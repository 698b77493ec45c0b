// The child side of the bench IPC: named request handlers, replies, and events pushed to the parent.
import { monitorEventLoopDelay } from 'node:perf_hooks'

export type Handler = (payload: any) => unknown

/** Event-loop delay of this process since the last `loopDelay` request, ms. */
const loop = monitorEventLoopDelay({ resolution: 5 })
loop.enable()

export function serveRequests(handlers: Record<string, Handler>): void {
  handlers = {
    cpuUsage: () => process.cpuUsage(),
    loopDelay: () => {
      const r = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 }
      loop.reset()
      return r
    },
    ...handlers,
  }
  process.on('message', (m: { id: number; type: string; payload: unknown }) => {
    const h = handlers[m.type]
    Promise.resolve()
      .then(() => {
        if (!h) throw new Error(`unknown request ${m.type}`)
        return h(m.payload)
      })
      .then(
        (result) => process.send?.({ id: m.id, ok: true, result }),
        (e: unknown) =>
          process.send?.({
            id: m.id,
            ok: false,
            error: e instanceof Error ? (e.stack ?? e.message) : String(e),
          }),
      )
  })
  // The parent going away ends the child: no orphaned load or servers.
  process.on('disconnect', () => process.exit(0))
}

export function emit(event: string, data: unknown = null): void {
  process.send?.({ event, data })
}

/** Memory after a full collection (children run with --expose-gc). */
export function memoryAfterGc(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc) {
    gc()
    gc()
  }
  return process.memoryUsage()
}
