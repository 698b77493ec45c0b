// The binary answer of a replay seek: a small frame holding the JSON head (the panel state and where the
// replay landed) and the workspace update as raw bytes, so a seek neither base64-encodes nor parses
// half a megabyte of text. Pure; the server writes it, the replay view reads it.
//
//   bytes 0-3  "RPR1"
//   bytes 4-7  length N of the head, unsigned 32-bit big-endian
//   N bytes    the head: UTF-8 JSON
//   the rest   the workspace as one Y update (v1)

/** Asked for with `Accept: application/octet-stream` (or `?format=binary`); answered with this type. */
export const REPLAY_FRAME_TYPE = 'application/octet-stream'

const MAGIC = [0x52, 0x50, 0x52, 0x31] // RPR1

export function encodeReplayFrame(head: unknown, update: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(head))
  const out = new Uint8Array(8 + json.length + update.length)
  out.set(MAGIC, 0)
  new DataView(out.buffer).setUint32(4, json.length)
  out.set(json, 8)
  out.set(update, 8 + json.length)
  return out
}

/** The head and the update (a view into `bytes`, not a copy); null when it is not such a frame. */
export function decodeReplayFrame(bytes: Uint8Array): { head: unknown; update: Uint8Array } | null {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) return null
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4)
  if (8 + n > bytes.length) return null
  try {
    const head: unknown = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n)),
    )
    return { head, update: bytes.subarray(8 + n) }
  } catch {
    return null
  }
}
