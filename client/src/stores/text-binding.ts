// Binds a textarea to a shared Y.Text: local input becomes the minimal Y.Text edit, remote edits keep the caret in place.
import type * as Y from 'yjs'
import { diffText, transformIndex, type DeltaOp } from '../lib/text-diff.ts'

export interface TextBindingOptions {
  /** Called after each local edit reaches the Y.Text (for the "is typing" presence). */
  onLocalEdit?: () => void
  /** While true, local input is not written (the textarea should also be readOnly). */
  isReadOnly?: () => boolean
  /**
   * Local text for which this returns true is kept in the textarea and not shared (remote edits wait
   * meanwhile), so, say, a date of birth never leaves the browser. Called with the textarea's value.
   */
  hold?: (value: string) => boolean
  /** Told when holding starts and stops. */
  onHold?: (holding: boolean) => void
  /**
   * Text to show instead of the shared text, held back (not shared) until the member edits it: what
   * the server refused, offered back. The first edit then goes through `hold` like any other.
   */
  offered?: string
}

/**
 * Keeps `textarea` and `text` equal. While an IME composition is open, or while the local text is held
 * back (`hold`), remote edits wait (rewriting the value would lose the local text) and the local edit's
 * position is carried through them when it is finally written. Returns the function that unbinds.
 */
export function bindTextarea(
  textarea: HTMLTextAreaElement,
  text: Y.Text,
  opts: TextBindingOptions = {},
): () => void {
  const origin = { binding: 'textarea' }
  // What the textarea showed the last time it equalled the Y.Text.
  let shadow = text.toString()
  let composing = false
  let holding = false
  let held: DeltaOp[][] = []
  const setHolding = (h: boolean) => {
    if (h !== holding) opts.onHold?.(h)
    holding = h
  }
  textarea.value = shadow
  if (opts.offered !== undefined && opts.offered !== shadow) {
    textarea.value = opts.offered
    setHolding(true)
  }

  const pushLocal = () => {
    if (opts.isReadOnly?.()) {
      textarea.value = text.toString()
      shadow = textarea.value
      return
    }
    const edit = diffText(shadow, textarea.value)
    // Carry the edit's position through remote edits that arrived while we were composing.
    let index = edit.index
    for (const d of held) index = transformIndex(index, d)
    held = []
    if (edit.remove || edit.insert) {
      text.doc!.transact(() => {
        if (edit.remove) text.delete(index, edit.remove)
        if (edit.insert) text.insert(index, edit.insert)
      }, origin)
      opts.onLocalEdit?.()
    }
    reflect(null)
  }

  /** Shows the Y.Text in the textarea, moving the selection through `delta` when given. */
  const reflect = (delta: readonly DeltaOp[] | null) => {
    const value = text.toString()
    if (textarea.value !== value) {
      const focused = document.activeElement === textarea
      let { selectionStart: s, selectionEnd: e } = textarea
      const dir = textarea.selectionDirection
      if (delta) {
        s = transformIndex(s, delta)
        e = transformIndex(e, delta, s !== e)
      }
      textarea.value = value
      if (focused)
        textarea.setSelectionRange(Math.min(s, value.length), Math.min(e, value.length), dir ?? 'none')
    }
    shadow = value
  }

  const onInput = () => {
    if (composing) return
    setHolding(opts.hold?.(textarea.value) ?? false)
    if (!holding) pushLocal()
  }
  const onCompositionStart = () => {
    composing = true
  }
  const onCompositionEnd = () => {
    composing = false
    onInput()
  }
  const observer = (event: Y.YTextEvent, tr: Y.Transaction) => {
    if (tr.origin === origin) return
    if (composing || holding) held.push(event.delta as DeltaOp[])
    else reflect(event.delta as DeltaOp[])
  }

  textarea.addEventListener('input', onInput)
  textarea.addEventListener('compositionstart', onCompositionStart)
  textarea.addEventListener('compositionend', onCompositionEnd)
  text.observe(observer)
  return () => {
    textarea.removeEventListener('input', onInput)
    textarea.removeEventListener('compositionstart', onCompositionStart)
    textarea.removeEventListener('compositionend', onCompositionEnd)
    text.unobserve(observer)
  }
}
