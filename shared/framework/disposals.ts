// Disposal types: what a case grid's `disposal` column may hold. They are framework data, never free text, so a
// name typed into the column is refused rather than kept. A framework without its own list takes the youth one.
import * as z from 'zod/mini'
import type { Framework } from './schema.ts'

/** HMIP youth inspections sort cases into court and out-of-court disposals (domains 2 and 3). */
export const YOUTH_DISPOSALS: readonly string[] = ['court', 'out-of-court']

/** "Out of court", "out_of_court" and "OUT-OF-COURT" are one type. */
const keyOf = (disposal: string) =>
  disposal
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')

export const DisposalsSchema = z
  .array(
    z
      .string()
      .check(
        z.regex(
          /^[A-Za-z][A-Za-z' -]{0,39}$/,
          'expected a disposal type: letters, spaces or hyphens (at most 40)',
        ),
      ),
  )
  .check(
    z.minLength(1, 'expected at least 1 disposal type'),
    z.maxLength(50, 'expected at most 50 disposal types'),
    z.refine((list) => new Set(list.map(keyOf)).size === list.length, 'a disposal type is listed twice'),
  )

export const disposalsOf = (f: Framework): readonly string[] => f.disposals ?? YOUTH_DISPOSALS

/** The framework's disposal type a grid cell names, or null. */
export function findDisposal(f: Framework, cell: string): string | null {
  const key = keyOf(cell)
  return disposalsOf(f).find((d) => keyOf(d) === key) ?? null
}

/** "court or out-of-court", for messages. */
export const listDisposals = (f: Framework): string => {
  const all = disposalsOf(f)
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]!}` : all.join('')
}
