// Turns repeated runs into figures (min, median, max per server), ratios and a plain-text table.
import { spreadOf, type Spread } from './stats.ts'
import { LABEL, type Kind } from './targets.ts'

export interface Figure<R> {
  label: string
  unit: string
  get(run: R): number
  /** Print ours/Hocuspocus and ours/relay (and ours ×2/ours) for this figure. */
  ratio?: boolean
  digits?: number
  /** Only these servers have this figure (the others show —). */
  only?: Kind[]
}

export interface Row {
  label: string
  unit: string
  byKind: Partial<Record<Kind, Spread>>
  oursOverHocuspocus: number | null
  oursOverRelay: number | null
  /** Ours ×2 (two processes, PostgreSQL + Redis) over ours alone. */
  ours2OverOurs: number | null
}

export function rowsOf<R>(runs: Partial<Record<Kind, R[]>>, figures: Figure<R>[]): Row[] {
  return figures.map((f) => {
    const byKind: Row['byKind'] = {}
    for (const [kind, rs] of Object.entries(runs) as [Kind, R[]][])
      if (rs.length && (!f.only || f.only.includes(kind))) byKind[kind] = spreadOf(rs.map(f.get))
    const ratio = (other: Kind, of: Kind = 'ours') => {
      const a = byKind[of]?.median
      const b = byKind[other]?.median
      return f.ratio &&
        a !== undefined &&
        b !== undefined &&
        Number.isFinite(a) &&
        Number.isFinite(b) &&
        b !== 0
        ? a / b
        : null
    }
    return {
      label: f.label,
      unit: f.unit,
      byKind,
      oursOverHocuspocus: ratio('hocuspocus'),
      oursOverRelay: ratio('relay'),
      ours2OverOurs: ratio('ours', 'ours-2'),
    }
  })
}

export const fmt = (x: number | null | undefined, digits?: number): string => {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2)
  return x.toFixed(d)
}

const cell = (s: Spread | undefined, digits?: number): string => {
  if (!s) return '—'
  if (s.runs.length <= 1 || s.min === s.max) return fmt(s.median, digits)
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`
}

/** A Markdown table: one row per figure, one column per server, then the ratios. */
export function renderTable(rows: Row[], kinds: Kind[], figures?: Figure<never>[]): string {
  const withRatios = rows.some((r) => r.oursOverHocuspocus !== null || r.oursOverRelay !== null)
  const withScaleOut = rows.some((r) => r.ours2OverOurs !== null)
  const head = [
    'figure',
    ...kinds.map((k) => LABEL[k]),
    ...(withRatios ? ['ours/Hocuspocus', 'ours/relay'] : []),
    ...(withScaleOut ? ['ours ×2/ours'] : []),
  ]
  const lines = rows.map((r, i) => {
    const digits = figures?.[i]?.digits
    return [
      `${r.label}${r.unit ? ` (${r.unit})` : ''}`,
      ...kinds.map((k) => cell(r.byKind[k], digits)),
      ...(withRatios
        ? [
            r.oursOverHocuspocus === null ? '' : `${fmt(r.oursOverHocuspocus, 2)}×`,
            r.oursOverRelay === null ? '' : `${fmt(r.oursOverRelay, 2)}×`,
          ]
        : []),
      ...(withScaleOut ? [r.ours2OverOurs === null ? '' : `${fmt(r.ours2OverOurs, 2)}×`] : []),
    ]
  })
  const widths = head.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c]!.length)))
  const row = (cells: string[]) => `| ${cells.map((x, c) => x.padEnd(widths[c]!)).join(' | ')} |`
  return [row(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(row)].join('\n')
}
