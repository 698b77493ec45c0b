// A tiny History API router: the path as a signal, route matching, in-app links, focus on navigation.
import { createContext, createSignal, onCleanup, useContext, type JSX, splitProps } from 'solid-js'

export { matchRoute, type Match, type Params, type Route } from './routes.ts'

export interface Router {
  path: () => string
  /** `keepFocus`: the control that asked stays focused (the agenda's Next), instead of the new view's heading. */
  navigate(to: string, opts?: { replace?: boolean; keepFocus?: boolean }): void
  /** Whether the last navigation asked to keep focus where it is (read once per navigation). */
  takeKeepFocus(): boolean
}

/** Creates the router for the window; whoever creates it owns the popstate listener. */
export function createRouter(): Router {
  const [path, setPath] = createSignal(window.location.pathname)
  const onPop = () => setPath(window.location.pathname)
  let keepFocus = false
  window.addEventListener('popstate', onPop)
  onCleanup(() => window.removeEventListener('popstate', onPop))
  return {
    path,
    navigate(to, opts = {}) {
      if (to === window.location.pathname + window.location.hash) return
      keepFocus = !!opts.keepFocus
      if (opts.replace) window.history.replaceState(null, '', to)
      else window.history.pushState(null, '', to)
      setPath(window.location.pathname)
      if (!to.includes('#')) window.scrollTo(0, 0)
    },
    takeKeepFocus() {
      const k = keepFocus
      keepFocus = false
      return k
    },
  }
}

export const RouterContext = createContext<Router>()

export function useRouter(): Router {
  const r = useContext(RouterContext)
  if (!r) throw new Error('useRouter: no RouterContext')
  return r
}

/** An ordinary link that navigates in-app on a plain left click. */
export function Link(props: JSX.AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const router = useRouter()
  const [local, rest] = splitProps(props, ['href', 'onClick'])
  const onClick = (e: MouseEvent) => {
    if (typeof local.onClick === 'function') (local.onClick as (e: MouseEvent) => void)(e)
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    e.preventDefault()
    router.navigate(local.href)
  }
  return <a href={local.href} onClick={onClick} {...rest} />
}
