// A server under test, alone in this process: `ours` (durable store on disk, or PostgreSQL and Redis as
// one of ours ×2's processes), `hocuspocus` (3.4.4, in memory, its defaults) or `relay` (the floor).
// The parent reads its CPU and RSS from /proc.
import { emit, memoryAfterGc, serveRequests, type Handler } from '../lib/ipc.ts'
import { startRelay } from '../lib/relay.ts'

type Kind = 'ours' | 'hocuspocus' | 'relay'
const [kind, portArg, dataDir, oursJson] = process.argv.slice(2) as [Kind, string, string, string | undefined]
/** Ours' options the bench may set (lib/targets.ts OursOptions: idle unload, PostgreSQL and Redis). */
const oursOptions = JSON.parse(oursJson || '{}') as {
  idleUnloadMs?: number
  databaseUrl?: string
  redisUrl?: string
}
const port = Number(portArg)

let close: () => Promise<void> = async () => undefined
const extra: Record<string, Handler> = {}
let counts: () => Record<string, number> = () => ({})

if (kind === 'relay') {
  const relay = await startRelay(port)
  close = relay.close
  emit('ready', { port: relay.port, url: `http://127.0.0.1:${relay.port}`, firstSignInUrl: null })
} else if (kind === 'hocuspocus') {
  const { Server } = await import('@hocuspocus/server')
  const Y = await import('yjs')
  const server = new Server({ port, quiet: true })
  await server.listen()
  close = () => server.destroy()
  counts = () => ({
    documents: server.hocuspocus.getDocumentsCount(),
    connections: server.hocuspocus.getConnectionsCount(),
  })
  // The convergence check compares raw clients with the server's own copy of a document.
  extra.docState = ({ name }: { name: string }) => {
    const doc = server.hocuspocus.documents.get(name)
    return doc ? Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64') : null
  }
  emit('ready', { port, url: `http://127.0.0.1:${port}`, firstSignInUrl: null })
} else {
  const { startServer } = await import('../../../server/start.ts')
  const { buildHistory } = await import('../lib/history.ts')
  // `npm run bench -- --no-guard` (run.ts) measures ours without its workspace guard.
  const limits = process.env.BENCH_WORKSPACE_GUARD === 'off' ? { guardWorkspace: false } : {}
  // SQLITE_WRITER pins where workspace writes commit (default adaptive), to compare the two.
  const writer = process.env.SQLITE_WRITER as 'adaptive' | 'inline' | 'thread' | undefined
  const running = await startServer({
    port,
    dataDir,
    quiet: true,
    limits,
    sqliteWriter: writer,
    ...oursOptions,
  })
  close = running.close
  counts = () => ({ panels: running.ctx.hub.openCount(), connections: running.ctx.sync.connectionCount() })
  extra.buildHistory = (p: Parameters<typeof buildHistory>[1]) => buildHistory(running.ctx.hub, p)
  extra.isOpen = ({ panelId }: { panelId: string }) => running.ctx.hub.isOpen(panelId) !== undefined
  emit('ready', { port: running.port, url: running.url, firstSignInUrl: running.firstSignInUrl })
}

serveRequests({
  ...extra,
  memory: () => ({ ...memoryAfterGc(), ...counts() }),
  stop: async () => {
    await close()
    setImmediate(() => process.exit(0))
    return true
  },
})

let stopping = false
process.on('SIGTERM', () => {
  if (stopping) return
  stopping = true
  // Exit through close() so a --cpu-prof profile is written; a failed close is reported, not swallowed.
  close().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`close failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
      process.exit(1)
    },
  )
})
