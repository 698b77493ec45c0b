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

export type StandardInput =
  | { kind: 'judged'; judgement: string | null; note?: string }
  | { kind: 'cases'; keyQuestions: Record<string, KeyQuestionInput>; note?: string }

export interface Inspection {
  format: 'ratings-panel/inspection@1'
  framework: string
  service: string
  fieldwork?: string
  published?: string
  source?: string
  note?: string
  standards: Record<string, StandardInput>
  /** Case references in grid order, when counts came from a case grid. */
  caseRefs?: string[]
}
