// The history as a story: exactly one step per panel event and one per typing burst. Pure.
//
// A typing burst is one person's workspace updates with no pause of BURST_PAUSE_MS (5 s) or more between two of
// them and no panel event in between; other people's updates meanwhile belong to their own bursts. A burst's step
// shows the panel as it was after its last update (with whatever others had typed by then); expanded, it lists its
// updates, each a point of the raw timeline the replay can also show.
import { EVENT, type Timeline } from './timeline.ts'

/** A pause this long (or longer) ends a typing burst: what "until they pause" means. */
export const BURST_PAUSE_MS = 5_000

export type StoryStep =
  | { kind: 'event'; raw: number; index: number }
  | {
      kind: 'burst'
      /** The raw step of its last update (where the step shows the panel), and of each of its updates. */
      raw: number
      raws: number[]
      accountId: string
      bytes: number
      from: number
      to: number
    }

export interface Story {
  steps: StoryStep[]
  /** For each raw step, the story step it belongs to. */
  ofRaw: Uint32Array
}

type Burst = Extract<StoryStep, { kind: 'burst' }>

export function storyOf(tl: Timeline): Story {
  const steps: StoryStep[] = []
  const open = new Map<string, Burst>()
  const close = () => {
    steps.push(...open.values())
    open.clear()
  }
  for (let s = 0; s < tl.length; s++) {
    if (tl.kind[s] === EVENT) {
      close()
      steps.push({ kind: 'event', raw: s, index: tl.ref[s]! })
      continue
    }
    const [, , accountId, bytes] = tl.edits[tl.ref[s]!]!
    const t = tl.time[s]!
    const b = open.get(accountId)
    if (b && t - b.to < BURST_PAUSE_MS) {
      b.raw = s
      b.raws.push(s)
      b.bytes += bytes
      b.to = t
      continue
    }
    if (b) steps.push(b)
    open.set(accountId, { kind: 'burst', raw: s, raws: [s], accountId, bytes, from: t, to: t })
  }
  close()
  steps.sort((a, b) => a.raw - b.raw)
  const ofRaw = new Uint32Array(tl.length)
  steps.forEach((st, i) => {
    if (st.kind === 'event') ofRaw[st.raw] = i
    else for (const r of st.raws) ofRaw[r] = i
  })
  return { steps, ofRaw }
}

/**
 * Where stepping from raw position `pos` goes: the next (or previous) story step's raw step, skipping bursts when
 * `eventsOnly`; from inside a burst, forward first reaches that burst's own end. Null past either end.
 */
export function nextStoryStop(
  story: Story,
  pos: number,
  direction: 1 | -1,
  eventsOnly: boolean,
): number | null {
  const here = story.ofRaw[pos]!
  const cur = story.steps[here]!
  if (direction === 1 && pos < cur.raw && (!eventsOnly || cur.kind === 'event')) return cur.raw
  for (let i = here + direction; i >= 0 && i < story.steps.length; i += direction) {
    const st = story.steps[i]!
    if (!eventsOnly || st.kind === 'event') return st.raw
  }
  return null
}

/** Which update of its burst a raw step is (1-based), or null when it is the burst's end or an event. */
export function updateInBurst(story: Story, pos: number): { n: number; of: number } | null {
  const st = story.steps[story.ofRaw[pos]!]!
  if (st.kind !== 'burst' || pos === st.raw) return null
  return { n: st.raws.indexOf(pos) + 1, of: st.raws.length }
}
