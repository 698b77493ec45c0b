// A form's errors, GOV.UK style: checked when it is sent; then each clears as soon as it is fixed (a new error
// waits for the next send); a refusal from the server is shown until the form is sent again.
import { createMemo, createSignal, type Accessor } from 'solid-js'

/** An error and the field it is about (the id the summary's link moves focus to). */
export interface FieldError {
  id: string
  message: string
}

export interface Validation {
  errors: Accessor<FieldError[]>
  /** The message for one field, for the error beside it. */
  of(id: string): string | undefined
  /** Checks the form as it is sent: true when it may be sent. */
  check(): boolean
  /** Shows the server's refusal, beside `id` when it is about a field. */
  refuse(message: string, id: string): void
  /** Bumped whenever the summary should take focus (a send with errors, a refusal). */
  attempt: Accessor<number>
  reset(): void
}

export function createValidation(rules: () => FieldError[]): Validation {
  /** The fields that had errors when the form was last sent. */
  const [shown, setShown] = createSignal<ReadonlySet<string>>(new Set())
  const [refusal, setRefusal] = createSignal<FieldError | null>(null)
  const [attempt, setAttempt] = createSignal(0)
  const live = createMemo(() => (shown().size ? rules().filter((e) => shown().has(e.id)) : []))
  const errors = () => [...live(), ...(refusal() ? [refusal()!] : [])]
  return {
    errors,
    of: (id) => errors().find((e) => e.id === id)?.message,
    check() {
      const now = rules()
      setShown(new Set(now.map((e) => e.id)))
      setRefusal(null)
      if (now.length) setAttempt((n) => n + 1)
      return now.length === 0
    },
    refuse(message, id) {
      setRefusal({ id, message })
      setAttempt((n) => n + 1)
    },
    attempt,
    reset() {
      setShown(new Set<string>())
      setRefusal(null)
    },
  }
}

/** Shorter than the shortest justification the panel's rules accept ("at least a sentence"; 3 characters). */
export const isShort = (text: string, min = 3): boolean => text.trim().length < min
