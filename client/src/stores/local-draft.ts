// A draft kept in this browser only (localStorage), never synced: a blind vote's justification while the
// panel's votes are sealed. Kept per panel, proposal and voter; removed once the vote is sealed.
import { createSignal, type Accessor } from 'solid-js'

const keyOf = (panelId: string, proposalId: string, accountId: string) =>
  `ratings-panel.vote-draft.${panelId}.${proposalId}.${accountId}`

function read(key: string): string {
  try {
    return localStorage.getItem(key) ?? ''
  } catch {
    return ''
  }
}

export interface LocalDraft {
  value: Accessor<string>
  set(text: string): void
  /** Forgets the draft (the vote it was for is sealed on the server, which shows it back to its voter). */
  clear(): void
}

export function createLocalDraft(panelId: string, proposalId: string, accountId: string): LocalDraft {
  const key = keyOf(panelId, proposalId, accountId)
  const [value, setValue] = createSignal(read(key))
  const write = (text: string) => {
    try {
      if (text) localStorage.setItem(key, text)
      else localStorage.removeItem(key)
    } catch {
      // Storage may be blocked; the draft then lives as long as the page.
    }
  }
  return {
    value,
    set(text) {
      setValue(text)
      write(text)
    },
    clear() {
      setValue('')
      write('')
    },
  }
}
