// My own sealed votes (blind panels), from the one route that answers them, and to me alone. Fetched again
// whenever the record's seals change (my vote, anyone's, a reveal), so a change made in another tab shows.
import { createEffect, createSignal, on, type Accessor } from 'solid-js'
import type { PanelState, Stance } from '../../../shared/panel/types.ts'
import { api } from '../lib/http.ts'

export interface MySealedVote {
  proposalId: string
  stance: Stance
  justification: string
  commitment: string
  at: string
}

/** A fingerprint of the seals in the state: it changes when anyone seals, changes or reveals a vote. */
const sealsOf = (state: PanelState): string =>
  state.proposalOrder
    .map((id) => {
      const p = state.proposals[id]!
      return `${id}:${p.revealed ? 'r' : ''}${Object.values(p.seals ?? {})
        .map((s) => s.commitment.slice(0, 8))
        .join(',')}`
    })
    .join(';')

export function createMySealedVotes(
  panelId: string,
  state: PanelState,
  enabled: Accessor<boolean>,
): { byProposal: Accessor<Record<string, MySealedVote>>; refresh(): Promise<void> } {
  const [byProposal, setByProposal] = createSignal<Record<string, MySealedVote>>({})
  const refresh = async (): Promise<void> => {
    if (!enabled()) {
      setByProposal({})
      return
    }
    const r = await api<{ sealed: MySealedVote[] }>(
      'GET',
      `/api/panels/${encodeURIComponent(panelId)}/my-sealed-votes`,
    )
    if (r.ok) setByProposal(Object.fromEntries(r.value.sealed.map((v) => [v.proposalId, v])))
  }
  createEffect(
    on(
      () => (enabled() ? sealsOf(state) : ''),
      () => void refresh(),
    ),
  )
  return { byProposal, refresh }
}
