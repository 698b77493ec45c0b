// Discretion footnotes, numbered in framework order as the published report numbers them.
import type { FinalResult } from '../../../../shared/engine/types.ts'

export interface Footnote {
  n: number
  standardId: string
  from: string | null
  to: string | null
  text: string
}

export function footnotesOf(final: FinalResult): Footnote[] {
  return final.standards
    .filter((s) => s.footnote)
    .map((s, i) => ({ n: i + 1, standardId: s.id, from: s.rulesBased, to: s.rating, text: s.footnote! }))
}
