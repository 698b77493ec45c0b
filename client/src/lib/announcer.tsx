// One polite live region for the whole app: views call announce() and screen readers hear it once.
import { createContext, createSignal, onCleanup, useContext, type JSX } from 'solid-js'

type Announce = (message: string) => void
const AnnouncerContext = createContext<Announce>()

export function AnnouncerProvider(props: { children: JSX.Element }) {
  const [text, setText] = createSignal('')
  let timer: ReturnType<typeof setTimeout> | undefined
  const queue: string[] = []
  // Clearing, then setting after a moment, makes a repeated message count as a change.
  const flush = () => {
    timer = undefined
    const next = queue.shift()
    if (next === undefined) return
    setText('')
    timer = setTimeout(() => {
      setText(next)
      timer = setTimeout(flush, 1200)
    }, 60)
  }
  const announce: Announce = (m) => {
    queue.push(m)
    if (!timer) flush()
  }
  onCleanup(() => clearTimeout(timer))
  return (
    <AnnouncerContext.Provider value={announce}>
      {props.children}
      <div
        class="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="announcer"
      >
        {text()}
      </div>
    </AnnouncerContext.Provider>
  )
}

export function useAnnounce(): Announce {
  const a = useContext(AnnouncerContext)
  if (!a) throw new Error('useAnnounce: no AnnouncerProvider')
  return a
}
