// Generator task for scenario 8 (ours only): what one command costs as a panel's log grows. Every
// member holds the record doc open (a raw client each); one member votes `commands` times, one at a
// time; we count the record bytes each member receives per command and time each command's answer.
import { emit } from './ipc.ts'
import { RawClient } from './raw-client.ts'
import { distOf, type Dist } from './stats.ts'

export interface RecordTrafficPlan {
  url: string
  panels: { id: string; events: number; members: string[]; proposalId: string }[]
  commands: number
}

export interface RecordTrafficAt {
  events: number
  /** Record-doc bytes a member received per command (the frames, as sent on the wire). */
  bytesPerCommand: number
  latency: Dist
  /** From the command's request until the last member has its record update. */
  delivery: Dist
  /** The record doc a member synced on joining. */
  syncedBytes: number
}

export async function recordTraffic(p: RecordTrafficPlan): Promise<RecordTrafficAt[]> {
  const out: RecordTrafficAt[] = []
  emit('window-start')
  for (const panel of p.panels) {
    const ws = p.url.replace(/^http/, 'ws')
    let arrived = 0
    let waiting: (() => void) | null = null
    const clients = panel.members.map(
      (cookie) =>
        new RawClient(
          {
            url: `${ws}/sync/${panel.id}/record`,
            dialect: 'y-websocket',
            handshake: 'sync',
            docName: '',
            headers: { cookie, origin: p.url },
          },
          {
            onUpdate: () => {
              arrived++
              if (waiting && arrived >= clients.length) waiting()
            },
          },
        ),
    )
    try {
      await Promise.all(clients.map((c) => c.connect()))
      const syncedBytes = clients[0]!.counts.bytesIn
      const before = clients.map((c) => c.counts.bytesIn)
      const times: number[] = []
      const delivery: number[] = []
      for (let n = 0; n < p.commands; n++) {
        arrived = 0
        const all = new Promise<void>((resolve) => (waiting = resolve))
        const voter = panel.members[n % panel.members.length]!
        const t0 = performance.now()
        const res = await fetch(`${p.url}/api/panels/${panel.id}/commands`, {
          method: 'POST',
          headers: { cookie: voter, origin: p.url, 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'vote',
            proposalId: panel.proposalId,
            stance: n % 2 ? 'support' : 'oppose',
            justification: `Measured vote ${n}: the sample supports the higher band in most cases; see the notes.`,
          }),
        })
        await res.arrayBuffer()
        times.push(performance.now() - t0)
        if (res.status !== 200) throw new Error(`vote on the ${panel.events}-event panel: ${res.status}`)
        let timer: NodeJS.Timeout | undefined
        await Promise.race([
          all,
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('a record update was not delivered in 10 s')), 10_000)
          }),
        ]).finally(() => clearTimeout(timer))
        delivery.push(performance.now() - t0)
        waiting = null
      }
      const received = clients.reduce((n, c, i) => n + c.counts.bytesIn - before[i]!, 0)
      out.push({
        events: panel.events,
        bytesPerCommand: received / clients.length / p.commands,
        latency: distOf(times),
        delivery: distOf(delivery),
        syncedBytes,
      })
    } finally {
      for (const c of clients) c.close()
    }
  }
  emit('window-end')
  return out
}
