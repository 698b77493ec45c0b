// Generator task for scenario 9: opening panels nobody has open (for ours: not in the server's memory)
// in waves, all of a wave at once, while another generator's members type in other panels. Each panel
// is opened as a browser opens it, its record and workspace documents together; the time is until
// both have synced. The clients stay connected until `closeCold`.
import { RawClient, type ClientSpec } from './raw-client.ts'
import { distOf, type Dist } from './stats.ts'

export interface ColdPlan {
  panels: { docs: ClientSpec[]; seeds?: (string | null)[] }[]
  waves: number
  /** From the task's start to the first wave, and between waves. */
  startMs: number
  gapMs: number
  timeoutMs: number
}

export interface ColdResult {
  /** Per panel: from opening both sockets until both documents had synced. */
  firstSync: Dist
  failures: number
  /** Each wave: from its start until its last panel had synced. */
  waveMs: number[]
}

let open: RawClient[] = []
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function openCold(p: ColdPlan): Promise<ColdResult> {
  const times: number[] = []
  const waveMs: number[] = []
  let failures = 0
  const per = Math.ceil(p.panels.length / p.waves)
  await sleep(p.startMs)
  for (let w = 0; w < p.waves; w++) {
    const wave = p.panels.slice(w * per, (w + 1) * per)
    const t0 = performance.now()
    await Promise.all(
      wave.map(async (panel) => {
        const clients = panel.docs.map((spec, i) => {
          const seed = panel.seeds?.[i]
          return new RawClient(spec, {}, seed ? new Uint8Array(Buffer.from(seed, 'base64')) : undefined)
        })
        open.push(...clients)
        const started = performance.now()
        try {
          await Promise.all(clients.map((c) => c.connect(p.timeoutMs)))
          times.push(performance.now() - started)
        } catch {
          failures++
        }
      }),
    )
    waveMs.push(performance.now() - t0)
    if (w < p.waves - 1) await sleep(p.gapMs)
  }
  return { firstSync: distOf(times), failures, waveMs }
}

export function closeCold(): number {
  const n = open.length
  for (const c of open) c.close()
  open = []
  return n
}
