// Following the lead: a member's view goes where the lead's focus (the workspace `focus` map) goes, unless they
// choose to look elsewhere (any navigation of their own to another place), and comes back in one action.
// The lead never follows; someone typing is not moved but told, and stops following until they come back.
import { createEffect, createSignal, on, type Accessor } from 'solid-js'
import type { Focus } from '../../../../shared/ydoc/layout.ts'

export interface FollowDeps {
  focus: Accessor<Focus | null>
  /** The standard on screen, and whether the board (with or without a standard) is the view. */
  standardId: Accessor<string | null>
  onBoard: Accessor<boolean>
  ready: Accessor<boolean>
  me: string
  isLead: boolean
  go(standardId: string): void
  /** Told when the lead moved and this member was taken along, or was not (typing, or looking elsewhere). */
  onMoved(standardId: string, by: string, taken: boolean): void
}

export interface Follow {
  following: Accessor<boolean>
  /** The lead's standard when it is not what is on screen. */
  elsewhere: Accessor<string | null>
  stop(): void
  /** Back to the lead's standard, following again. */
  back(): void
}

const isTyping = () => {
  const el = document.activeElement
  return (
    !!el &&
    (el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'text'))
  )
}

export function createFollow(d: FollowDeps): Follow {
  // Opening a standard's own address is a choice of where to look; the board follows the lead from the start.
  const [following, setFollowing] = createSignal(!d.isLead && d.standardId() === null && d.onBoard())
  /** The standard a move of ours is on its way to, so that the route change it makes is not taken as a choice. */
  let moving: string | null = null
  const go = (sid: string) => {
    moving = sid
    d.go(sid)
  }
  const lead = () => {
    const f = d.focus()
    return f && f.standardId && f.by !== d.me ? f : null
  }

  createEffect(
    on(
      () => [lead()?.standardId, lead()?.at, d.ready()] as const,
      ([sid]) => {
        const f = lead()
        if (d.isLead || !sid || !f || !d.ready()) return
        if (d.standardId() === sid && d.onBoard()) return
        if (!following()) return d.onMoved(sid, f.by, false)
        if (isTyping()) {
          setFollowing(false)
          return d.onMoved(sid, f.by, false)
        }
        go(sid)
        d.onMoved(sid, f.by, true)
      },
      { defer: true },
    ),
  )

  // A route change we did not make is the member's own choice: following while it is the lead's standard.
  createEffect(
    on(
      () => [d.standardId(), d.onBoard()] as const,
      ([sid, onBoard]) => {
        if (d.isLead) return
        if (moving !== null && sid === moving) {
          moving = null
          return
        }
        moving = null
        const f = lead()
        if (f) setFollowing(onBoard && sid === f.standardId)
      },
      { defer: true },
    ),
  )

  return {
    following: () => following() && !d.isLead,
    elsewhere: () => {
      const f = lead()
      return f && !(d.onBoard() && d.standardId() === f.standardId) ? f.standardId : null
    },
    stop: () => setFollowing(false),
    back: () => {
      const f = lead()
      setFollowing(true)
      if (f?.standardId) go(f.standardId)
    },
  }
}
