// The live connection's state in words and an icon, announced politely when it changes.
import { useT } from '../../i18n/i18n.tsx'
import { usePanel } from './panel-context.ts'

const ICON = { connecting: '◌', connected: '●', reconnecting: '↻', offline: '⚠', stopped: '✕' } as const

export function ConnectionStatus() {
  const t = useT()
  const { conn } = usePanel()
  const text = () => {
    const s = conn.status()
    if (s === 'stopped')
      return t().connection.stopped[conn.stopReason() ?? 'other'] ?? t().connection.stopped.other!
    return t().connection[s]
  }
  return (
    <p
      class={`connection connection--${conn.status()}`}
      role="status"
      aria-live="polite"
      data-status={conn.status()}
    >
      <span class="visually-hidden">{t().connection.label}: </span>
      <span class="connection__icon" aria-hidden="true">
        {ICON[conn.status()]}
      </span>{' '}
      {text()}
    </p>
  )
}
