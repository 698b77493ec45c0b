// The stance radios of a vote (support, oppose, abstain), as a GOV.UK fieldset with its error: shared by
// the open vote form and the blind one.
import { For } from 'solid-js'
import type { Stance } from '../../../../shared/panel/types.ts'
import { FieldErrorText } from '../../components/ErrorSummary.tsx'
import { useT } from '../../i18n/i18n.tsx'
import type { Validation } from '../../lib/validation.ts'

export const STANCES: Stance[] = ['support', 'oppose', 'abstain']

export function StanceChoice(props: {
  v: Validation
  /** The fieldset's id (the error summary links to it). */
  id: string
  /** The radios' name and id prefix. */
  name: string
  chosen: Stance | null
  onChoose: (s: Stance) => void
}) {
  const t = useT()
  return (
    <fieldset
      class="fieldset fieldset--inline"
      id={props.id}
      classList={{ 'form-group--error': !!props.v.of(props.id) }}
      aria-describedby={props.v.of(props.id) ? `${props.id}-error` : undefined}
    >
      <legend class="label">{t().vote.stance}</legend>
      <FieldErrorText id={props.id} message={props.v.of(props.id)} />
      <For each={STANCES}>
        {(s) => (
          <div class="radio">
            <input
              type="radio"
              id={`${props.name}-${s}`}
              name={props.name}
              value={s}
              checked={props.chosen === s}
              onChange={() => props.onChoose(s)}
            />
            <label for={`${props.name}-${s}`}>{t().stances[s]}</label>
          </div>
        )}
      </For>
    </fieldset>
  )
}
