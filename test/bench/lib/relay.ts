// The floor: a bare `ws` relay. Rooms by URL path; each frame goes to the room's other sockets as is.
// No Yjs, no storage, no replies: a client's sync step 1 gets no answer from it.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

export interface Relay {
  port: number
  close(): Promise<void>
}

export async function startRelay(port: number): Promise<Relay> {
  const rooms = new Map<string, Set<WebSocket>>()
  const server = http.createServer((_req, res) => res.writeHead(404).end())
  const wss = new WebSocketServer({ server })
  wss.on('connection', (ws, req) => {
    const key = req.url ?? '/'
    let room = rooms.get(key)
    if (!room) rooms.set(key, (room = new Set()))
    room.add(ws)
    ws.on('message', (data, isBinary) => {
      for (const peer of room) if (peer !== ws && peer.readyState === 1) peer.send(data, { binary: isBinary })
    })
    ws.on('close', () => {
      room.delete(ws)
      if (!room.size) rooms.delete(key)
    })
    ws.on('error', () => ws.terminate())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate()
        wss.close()
        server.close(() => resolve())
      }),
  }
}
