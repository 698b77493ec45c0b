// Socket writes batched per turn of the event loop: the first frame a socket gets in a turn corks it,
// and every socket corked this turn is uncorked together once the turn's work is done, so a member who
// receives several updates in one turn (a busy panel, a burst) gets them in one write, not one each.
// Each frame stays its own WebSocket message; only the system calls are shared.

interface Corkable {
  cork(): void
  uncork(): void
  destroyed?: boolean
}

const corked = new Set<Corkable>()
let scheduled = false

const uncorkAll = () => {
  scheduled = false
  for (const s of corked) if (!s.destroyed) s.uncork()
  corked.clear()
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
