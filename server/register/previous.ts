// A service's previous inspection: panels of the same service are linked by the inspection's `serviceId`
// (inspection@2, or chosen when the panel is created). The previous one is the latest finalised panel of
// that service inspected before this one; its published ratings are shown beside the current ones where
// the frameworks share a standard (same id and title), and the rest is named as not comparable.
import type { Inspection } from '../../shared/inspection/types.ts'
import { recordViewOf } from '../../shared/panel/correction-diff.ts'
import type { PanelEvent } from '../../shared/panel/types.ts'
import { frozenRecordOf } from '../panels/audit.ts'
import type { LivePanel } from '../panels/live-panel.ts'
import type { Storage } from '../storage/port.ts'

interface Known {
  serviceId: string | null
  /** When it was inspected: the fieldwork month if known, else the day the panel was made. */
  when: string
  /** When the panel was made: of two of the same inspection (a record and its correction), the later. */
  createdAt: string
}

export interface PreviousAnswer {
  serviceId: string | null
  previous: {
    panelId: string
    title: string
    frameworkId: string
    frameworkTitle: string
    fieldwork: string | null
    published: string | null
    finalisedAt: string
    recordHash: string
    overall: { score: number | null; max: number | null; rating: string | null }
  } | null
  /** Standards both frameworks have (same id and title): the previous final rating beside the current. */
  standards: { id: string; title: string; previous: string | null; current: string | null }[]
  /** Standards only one of the two has, by id. */
  notShared: { current: string[]; previous: string[] }
}

const known = new Map<string, Known>()

function knownOf(panelId: string, created: PanelEvent | undefined): Known {
  const e = created?.type === 'panel.created' ? created : null
  const insp = e?.inspection as Inspection | undefined
  return {
    serviceId: insp?.serviceId ?? null,
    when: insp?.fieldwork ?? e?.at.slice(0, 10) ?? '',
    createdAt: e?.at ?? '',
  }
}

interface FrozenShape {
  title: string
  framework: { id: string; title: string }
  inspection: Inspection
  final: {
    standards: { id: string; title: string; rating: string | null }[]
    overall: { score: number | null; max: number | null; rating: string | null }
  }
  finalisedAt: string
}

export async function previousInspection(storage: Storage, panel: LivePanel): Promise<PreviousAnswer> {
  const insp = panel.state.inspection as Inspection
  const serviceId = insp.serviceId ?? null
  const empty: PreviousAnswer = {
    serviceId,
    previous: null,
    standards: [],
    notShared: { current: [], previous: [] },
  }
  if (!serviceId) return empty
  const when = insp.fieldwork ?? panel.state.createdAt.slice(0, 10)
  let best: { id: string; when: string; createdAt: string } | null = null
  for (const id of await storage.listAllPanelIds()) {
    if (id === panel.panelId) continue
    let k = known.get(id)
    if (!k) {
      k = knownOf(id, (await storage.loadEvents(id, 0))[0]?.event)
      known.set(id, k)
    }
    if (k.serviceId !== serviceId || k.when >= when) continue
    if (best && (k.when < best.when || (k.when === best.when && k.createdAt <= best.createdAt))) continue
    if (!(await storage.findPanel(id))?.finalisedAt) continue
    best = { id, ...k }
  }
  if (!best) return empty
  const frozen = frozenRecordOf(await storage.loadEvents(best.id))
  if (!frozen) return empty
  const rec = JSON.parse(frozen.canonical) as FrozenShape
  const now = recordViewOf(panel.framework, panel.state)
  const current = panel.state.rating.standards
  const prevById = new Map(rec.final.standards.map((s) => [s.id, s]))
  const shared = current.filter((s) => prevById.get(s.id)?.title === s.title)
  const sharedIds = new Set(shared.map((s) => s.id))
  return {
    serviceId,
    previous: {
      panelId: best.id,
      title: rec.title,
      frameworkId: rec.framework.id,
      frameworkTitle: rec.framework.title,
      fieldwork: rec.inspection.fieldwork ?? null,
      published: rec.inspection.published ?? null,
      finalisedAt: rec.finalisedAt,
      recordHash: frozen.hash,
      overall: rec.final.overall,
    },
    standards: shared.map((s) => ({
      id: s.id,
      title: s.title,
      previous: prevById.get(s.id)!.rating,
      current: now.final.standards.find((x) => x.id === s.id)?.rating ?? null,
    })),
    notShared: {
      current: current.filter((s) => !sharedIds.has(s.id)).map((s) => s.id),
      previous: rec.final.standards.filter((s) => !sharedIds.has(s.id)).map((s) => s.id),
    },
  }
}
