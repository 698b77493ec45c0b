// A textarea bound to a shared Y.Text, with "X is typing" from presence and a warning against personal data.
import { createEffect, createMemo, createSignal, onCleanup, Show, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import { personalDataIn } from '../../../../shared/privacy/personal-data.ts'
import { FieldErrorText } from '../../components/ErrorSummary.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { bindTextarea } from '../../stores/text-binding.ts'
import { usePanel } from './panel-context.ts'

const TYPING_IDLE_MS = 3000

export interface SharedTextareaProps {
  id: string
  label: string
  hint?: string
  text: Accessor<Y.Text | null>
  /** The presence key others see while I type here (the draft key). */
  typingKey: string
  readOnly: boolean
  rows?: number
  /** Lets the parent read the current value (for a command), kept in sync with the Y.Text. */
  onValue?: (value: string) => void
  describedBy?: string
  /** Told when local text is being held back as possible personal data (so a form can refuse to send). */
  onHeld?: (held: boolean) => void
  /** The error to show beside the field (GOV.UK: above the textarea, and in its description). */
  error?: string
}

export function SharedTextarea(props: SharedTextareaProps) {
  const t = useT()
  const p = usePanel()
  const [value, setValue] = createSignal('')
  const [held, setHeld] = createSignal(false)
  let el!: HTMLTextAreaElement
  let idle: ReturnType<typeof setTimeout> | undefined

  const stopTyping = () => {
    clearTimeout(idle)
    if (p.awareness().getLocalState()?.typing === props.typingKey)
      p.awareness().setLocalStateField('typing', null)
  }
  // What the server refused here (or never got, after refusing another change), offered back to edit.
  const offered = createMemo(() => (props.readOnly ? undefined : p.conn.unshared().get(props.typingKey)))
  const [offering, setOffering] = createSignal(false)
  createEffect(() => {
    const text = props.text()
    if (!text) return
    const offer = offered()
    setOffering(offer !== undefined && offer !== text.toString())
    const update = () => {
      setValue(text.toString())
      props.onValue?.(text.toString())
    }
    update()
    const unbind = bindTextarea(el, text, {
      isReadOnly: () => props.readOnly,
      hold: (v) => personalDataIn(v) !== null,
      offered: offer,
      onHold: (h) => {
        setHeld(h)
        props.onHeld?.(h)
        // Edited and shared: the offer is settled once this input has been written (not before).
        if (!h && offer !== undefined) queueMicrotask(() => p.conn.settleUnshared(props.typingKey))
      },
      onLocalEdit: () => {
        p.awareness().setLocalStateField('typing', props.typingKey)
        clearTimeout(idle)
        idle = setTimeout(stopTyping, TYPING_IDLE_MS)
      },
    })
    text.observe(update)
    onCleanup(() => {
      text.unobserve(update)
      unbind()
      if (held()) {
        setHeld(false)
        props.onHeld?.(false)
      }
    })
  })
  onCleanup(stopTyping)

  const typers = () => p.people().filter((x) => !x.isMe && x.typing === props.typingKey)
  const typingText = () => {
    const names = typers().map((x) => x.name)
    if (!names.length) return ''
    return names.length === 1 ? t().presence.typing(names[0]!) : t().presence.typingMany(names.join(', '))
  }
  const hintId = () => `${props.id}-hint`
  const warnId = () => `${props.id}-warning`
  const personal = () => held() || offering() || personalDataIn(value()) !== null
  const refusedWhy = () => {
    const r = p.conn.refusal()
    const reasons = t().common.refusedReasons
    if (r?.where !== props.typingKey) return reasons.unsent!
    return reasons[r.code] ?? reasons.other!
  }
  return (
    <div class="form-group shared-text" classList={{ 'form-group--error': !!props.error }}>
      <label class="label" for={props.id}>
        {props.label}
      </label>
      <p class="hint" id={hintId()}>
        <Show when={props.hint}>{props.hint} </Show>
        {t().common.privacyHint}
      </p>
      <FieldErrorText id={props.id} message={props.error} />
      <textarea
        ref={el}
        id={props.id}
        class="textarea"
        rows={props.rows ?? 4}
        maxlength={10000}
        readOnly={props.readOnly || !props.text()}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={[
          hintId(),
          props.error ? `${props.id}-error` : '',
          personal() ? warnId() : '',
          props.describedBy ?? '',
        ]
          .filter(Boolean)
          .join(' ')}
        onBlur={stopTyping}
      />
      <p class="typing" aria-live="polite">
        {typingText() ? `✎ ${typingText()}` : ''}
      </p>
      <Show when={personal()}>
        <div class="warning-text" id={warnId()} role="alert">
          <Show
            when={offering()}
            fallback={<p>⚠ {held() ? t().common.privacyHeld : t().common.privacyWarning}</p>}
          >
            <p>⚠ {t().common.refusedHeld(refusedWhy())}</p>
            <button
              type="button"
              class="button button--secondary"
              onClick={() => p.conn.settleUnshared(props.typingKey)}
            >
              {t().common.discardRefused}
            </button>
          </Show>
        </div>
      </Show>
    </div>
  )
}
