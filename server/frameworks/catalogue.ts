// The frameworks panels may use: the built-in ones, and those organisers made available (every version kept,
// named by the sha256 of its canonical JSON). A panel pins the exact version it was created with.
import { canonicalize } from '../../shared/canonical.ts'
import { builtinFrameworks, findFramework } from '../../shared/framework/builtin.ts'
import { parseFramework, standardsOf, type Framework } from '../../shared/framework/schema.ts'
import { sha256 } from '../panels/chain.ts'
import type { Account, Storage, StoredFramework } from '../storage/port.ts'

export const frameworkHash = (f: Framework): string => sha256(canonicalize(f))

export interface CatalogueEntry {
  id: string
  title: string
  format: Framework['format']
  provisional: boolean
  standards: number
  source: 'builtin' | 'uploaded'
  hash: string
  /** Uploaded frameworks: how many versions are kept, and the latest's upload. */
  versions?: number
  uploadedAt?: string
  uploadedBy?: string
}

const entryOf = (f: Framework, hash: string, source: CatalogueEntry['source']): CatalogueEntry => ({
  id: f.id,
  title: f.title,
  format: f.format,
  provisional: f.provisional,
  standards: standardsOf(f).length,
  source,
  hash,
})

/** A stored version, read back through the schema (a row that no longer parses is left out). */
function readStored(row: StoredFramework): Framework | null {
  try {
    const r = parseFramework(JSON.parse(row.json))
    return r.ok ? r.value : null
  } catch {
    return null
  }
}

export type SaveResult =
  { ok: true; hash: string; created: boolean } | { ok: false; reason: 'builtin'; message: string }

export function makeCatalogue(storage: Storage) {
  const builtinHashes = new Map(Object.values(builtinFrameworks).map((f) => [f.id, frameworkHash(f)]))

  /** Every stored version of `id`, newest first. */
  const versionsOf = async (id: string) => (await storage.listFrameworks()).filter((row) => row.id === id)

  return {
    async list(): Promise<CatalogueEntry[]> {
      const rows = await storage.listFrameworks()
      const latest = new Map<string, { row: StoredFramework; f: Framework; versions: number }>()
      for (const row of rows) {
        const held = latest.get(row.id)
        if (held) held.versions++
        else {
          const f = readStored(row)
          if (f) latest.set(row.id, { row, f, versions: 1 })
        }
      }
      return [
        ...Object.values(builtinFrameworks).map((f) => entryOf(f, builtinHashes.get(f.id)!, 'builtin')),
        ...[...latest.values()]
          .sort((a, b) => a.f.id.localeCompare(b.f.id))
          .map(({ row, f, versions }) => ({
            ...entryOf(f, row.hash, 'uploaded'),
            versions,
            uploadedAt: row.uploadedAt,
            uploadedBy: row.uploadedBy,
          })),
      ]
    },

    /** A built-in framework, or the latest uploaded version of `id` (or exactly the version `hash`). */
    async find(id: string, hash?: string): Promise<{ framework: Framework; hash: string } | null> {
      const builtin = findFramework(id)
      if (builtin) {
        const h = builtinHashes.get(id)!
        return hash === undefined || hash === h ? { framework: builtin, hash: h } : null
      }
      for (const row of await versionsOf(id)) {
        if (hash !== undefined && row.hash !== hash) continue
        const f = readStored(row)
        if (f) return { framework: f, hash: row.hash }
      }
      return null
    },

    /** Makes a validated framework available; a built-in id cannot be replaced. */
    async save(f: Framework, by: Account, at: string): Promise<SaveResult> {
      if (findFramework(f.id))
        return {
          ok: false,
          reason: 'builtin',
          message: `"${f.id}" is a built-in framework; give your framework another id.`,
        }
      const hash = frameworkHash(f)
      const known = (await versionsOf(f.id)).some((row) => row.hash === hash)
      if (!known)
        await storage.saveFramework({
          id: f.id,
          hash,
          title: f.title,
          json: JSON.stringify(f),
          uploadedBy: by.name,
          uploadedAt: at,
        })
      return { ok: true, hash, created: !known }
    },
  }
}

export type Catalogue = ReturnType<typeof makeCatalogue>
