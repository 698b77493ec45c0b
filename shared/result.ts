// Result values: expected failures are data, not exceptions.
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E }

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value })
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error })

/** A problem found in input, named precisely enough for a person to fix it. */
export interface Problem {
  /** Where: a file name, a JSON path like `standards.2.1.keyQuestions.2.1.3.yes`, or `row 4, column "2.1.3"`. */
  where: string
  message: string
}
