// Socket writes batched per turn of the event loop: the first frame a socket gets in a turn corks it,
// and every socket corked this turn is uncorked together once the turn's work is done, so a member who
// receives several updates in one turn (a busy panel, a burst) gets them in one write, not one each.
// Each frame stays its own WebSocket message; only the system calls are shared.
//
// Committed workspace updates do not wait for the end of the turn: a batch committed at the end of a
// turn (server/storage/sqlite-writer.ts) is applied and broadcast inside that turn's last callbacks,
// and an uncork scheduled from there would wait a whole further turn. `releaseHeldSoon` writes what is
// held once the current callback and its promise jobs are done (every update of the batch broadcast).

interface Corkable {
  cork(): void
  uncork(): void
  destroyed?: boolean
}

const corked = new Set<Corkable>()
let scheduled = false
let releasing = false

const uncorkAll = () => {
  scheduled = false
  releasing = false
  for (const s of corked) if (!s.destroyed) s.uncork()
  corked.clear()
}

/** Writes every held socket once the current callback and the promise jobs it queued have run. */
export function releaseHeldSoon(): void {
  if (releasing || !corked.size) return
  releasing = true
  // process.nextTick after promise jobs: Node runs the tick queue once the microtask queue is empty.
  queueMicrotask(() => process.nextTick(uncorkAll))
}

/** Holds `socket`'s writes until the end of this turn (no-op for a socket already held). */
export function holdForTurn(socket: Corkable | undefined): void {
  if (!socket || corked.has(socket) || socket.destroyed) return
  socket.cork()
  corked.add(socket)
  if (!scheduled) {
    scheduled = true
    setImmediate(uncorkAll)
  }
}
