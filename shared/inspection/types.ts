// The normalised inspection the engine rates: what an inspection file (and its case grid) says.

export interface CaseRefs {
  yes: string[]
  no: string[]
  notApplicable: string[]
}

export type KeyQuestionInput =
  | { kind: 'counts'; yes: number; assessed: number; note?: string; cases?: CaseRefs }
  | { kind: 'percent'; percent: number; note?: string }
  | { kind: 'notApplicable'; note?: string; cases?: CaseRefs }
  /** A judged key question of a mixed standard (inspection@2). */
  | { kind: 'judgement'; rating: string; note?: string }

export type StandardInput =
  | { kind: 'judged'; judgement: string | null; note?: string }
  | { kind: 'cases'; keyQuestions: Record<string, KeyQuestionInput>; note?: string }

export interface Inspection {
  format: 'ratings-panel/inspection@1' | 'ratings-panel/inspection@2'
  framework: string
  service: string
  /** @2: a stable id for the service inspected, the same across panels. */
  serviceId?: string
  fieldwork?: string
  published?: string
  source?: string
  note?: string
  standards: Record<string, StandardInput>
  /** @2: the rating of each area rated by judgement, by area id (null: not yet given). */
  areas?: Record<string, string | null>
  /** @2: the overall rating, when the framework gives it by judgement. */
  overall?: { judgement: string; note?: string }
  /** @2: the cases in each of the framework's samples, by sample id (given, or counted from the grid). */
  samples?: Record<string, number>
  /** Case references in grid order, when counts came from a case grid. */
  caseRefs?: string[]
}
