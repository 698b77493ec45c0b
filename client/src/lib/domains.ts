// Standards grouped under their domains, in framework order, with the domains' titles from the framework.
import type { Framework } from '../../../shared/framework/schema.ts'

export type DomainTitles = Record<string, string>

export function domainTitles(framework: Framework): DomainTitles {
  return Object.fromEntries(framework.domains.map((d) => [d.id, d.title]))
}

export function groupByDomain<S extends { domainId: string }>(
  standards: readonly S[],
  titles: DomainTitles,
): { id: string; title: string; standards: S[] }[] {
  const out: { id: string; title: string; standards: S[] }[] = []
  for (const s of standards) {
    let g = out.find((x) => x.id === s.domainId)
    if (!g) out.push((g = { id: s.domainId, title: titles[s.domainId] ?? s.domainId, standards: [] }))
    g.standards.push(s)
  }
  return out
}

/** Rating labels, best first, as the framework names them. */
export const ratingLabels = (framework: Framework): string[] => framework.ratings.map((r) => r.label)
