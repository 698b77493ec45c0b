// JSON (and bytes) over fetch: every answer becomes a Result, every failure the API's { code, message, problems }.
import type { Problem, Result } from '../../../shared/result.ts'

export interface ApiFailure {
  status: number
  code: string
  message: string
  problems?: Problem[]
  /** How many problems there were: an answer lists at most the first 100. */
  problemCount?: number
}

/** Status 0 means the request never reached the server (offline, DNS, aborted). */
export const NETWORK = 0

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<Result<T, ApiFailure>> {
  let res: Response
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    })
  } catch (e) {
    return { ok: false, error: { status: NETWORK, code: 'network', message: (e as Error).message } }
  }
  const text = await res.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    // Not JSON (a proxy error page, say): reported below by status.
  }
  if (res.ok) return { ok: true, value: json as T }
  return { ok: false, error: failureOf(res, json, text) }
}

/** A GET answered with bytes (`accept` names the type asked for); failures are the API's JSON, as above. */
export async function apiBytes(
  path: string,
  accept: string,
  signal?: AbortSignal,
): Promise<Result<Uint8Array, ApiFailure>> {
  let res: Response
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: { accept }, signal })
    if (res.ok) return { ok: true, value: new Uint8Array(await res.arrayBuffer()) }
  } catch (e) {
    return { ok: false, error: { status: NETWORK, code: 'network', message: (e as Error).message } }
  }
  const text = await res.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    // Not JSON: reported by status.
  }
  return { ok: false, error: failureOf(res, json, text) }
}

function failureOf(res: Response, json: unknown, text: string): ApiFailure {
  const e = (json as { error?: Partial<ApiFailure> } | null)?.error
  return {
    status: res.status,
    code: typeof e?.code === 'string' ? e.code : 'http-' + res.status,
    message: typeof e?.message === 'string' ? e.message : text.slice(0, 200) || res.statusText,
    ...(Array.isArray(e?.problems) ? { problems: e.problems } : {}),
    ...(typeof e?.problemCount === 'number' ? { problemCount: e.problemCount } : {}),
  }
}

/**
 * What to tell the person: the server's own message, ours when the server was never reached, and ours in their
 * language for a finalised panel (the server's words are English).
 */
export const failureText = (
  t: { common: { networkError: string }; errors: { finalised: string } },
  f: ApiFailure,
): string =>
  f.status === NETWORK ? t.common.networkError : f.code === 'finalised' ? t.errors.finalised : f.message
