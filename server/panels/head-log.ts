// The signed head log: after every durable append, the chain's new head is signed with the server's
// Ed25519 key and appended to a file OUTSIDE the database. Someone who can edit the database but not
// this file (or the key) cannot delete or rewrite a tail unnoticed: verify compares the two.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { ChainName } from '../storage/port.ts'

export const HEAD_FORMAT = 'ratings-panel/head@1'

/** Heads a log may hold before start-up rewrites it as the newest of each chain. */
export const COMPACT_AFTER = 10_000

export interface SignedHead {
  panelId: string
  chain: ChainName
  seq: number
  hash: string
  at: string
  /** base64 Ed25519 signature over `headMessage(...)`. */
  sig: string
  /** Signed at start-up for a head the store held but the log did not (a crash between commit and signing). */
  recovered?: true
}

export const headMessage = (h: Pick<SignedHead, 'panelId' | 'chain' | 'seq' | 'hash'>): string =>
  `${HEAD_FORMAT}\n${h.panelId}\n${h.chain}\n${h.seq}\n${h.hash}`

export interface HeadKeys {
  privateKey: crypto.KeyObject | null
  publicKey: crypto.KeyObject
  /** base64 of the raw 32-byte public key (what browsers import). */
  publicKeyRaw: string
}

/** The key pair: loaded from `keyFile` (PKCS#8 PEM), or created there with mode 0600 on first start. */
export function loadOrCreateKeys(keyFile: string, pem?: string): HeadKeys {
  let privatePem = pem ?? null
  if (!privatePem) {
    if (fs.existsSync(keyFile)) privatePem = fs.readFileSync(keyFile, 'utf8')
    else {
      const { privateKey } = crypto.generateKeyPairSync('ed25519')
      privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
      fs.mkdirSync(path.dirname(keyFile), { recursive: true })
      fs.writeFileSync(keyFile, privatePem, { mode: 0o600, flag: 'wx' })
    }
  }
  const privateKey = crypto.createPrivateKey(privatePem)
  const publicKey = crypto.createPublicKey(privateKey)
  return { privateKey, publicKey, publicKeyRaw: rawPublicKey(publicKey) }
}

export const publicKeyFile = (keyFile: string): string => keyFile.replace(/(\.key|\.pem)?$/, '.pub')

/** The public half alone (verify and restore need only this). */
export function loadPublicKey(pubFile: string): HeadKeys {
  const publicKey = crypto.createPublicKey(fs.readFileSync(pubFile, 'utf8'))
  return { privateKey: null, publicKey, publicKeyRaw: rawPublicKey(publicKey) }
}

function rawPublicKey(k: crypto.KeyObject): string {
  const jwk = k.export({ format: 'jwk' })
  return Buffer.from(String(jwk.x), 'base64url').toString('base64')
}

export function verifyHeadSignature(keys: Pick<HeadKeys, 'publicKey'>, h: SignedHead): boolean {
  try {
    return crypto.verify(null, Buffer.from(headMessage(h)), keys.publicKey, Buffer.from(h.sig, 'base64'))
  } catch {
    return false
  }
}

export class HeadLog {
  private fd: number
  /** Newest signed head per `${panelId}/${chain}`. */
  private readonly newest = new Map<string, SignedHead>()
  private buffered: string[] = []
  /** Workspace heads to sign at the next flush: the newest per panel. */
  private readonly unsigned = new Map<string, Omit<SignedHead, 'sig' | 'at'>>()
  private flushScheduled = false

  constructor(
    readonly file: string,
    readonly keys: HeadKeys,
    private readonly now: () => Date,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const all = readHeadLog(file)
    for (const h of all) this.newest.set(`${h.panelId}/${h.chain}`, h)
    // Only the newest head of each chain is evidence: a long log is rewritten to those at start, so it (and
    // reading it at the next start) stays in proportion to the chains, not to every update ever signed.
    if (all.length > COMPACT_AFTER && all.length > 2 * this.newest.size) this.compact()
    this.fd = fs.openSync(file, 'a', 0o644)
    // The public key beside the private one, so verify and backups need no secret.
    const pub = this.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString()
    const pubFile = path.join(path.dirname(file), 'head-signing.pub')
    if (!fs.existsSync(pubFile) || fs.readFileSync(pubFile, 'utf8') !== pub) fs.writeFileSync(pubFile, pub)
  }

  sign(h: Omit<SignedHead, 'sig' | 'at'>): SignedHead {
    if (!this.keys.privateKey) throw new Error('the head log has no signing key')
    const sig = crypto.sign(null, Buffer.from(headMessage(h)), this.keys.privateKey).toString('base64')
    return { ...h, at: this.now().toISOString(), sig }
  }

  /**
   * Signs and appends a head. `durable`: written and fsynced before this returns (commands, whose answer
   * waits for it); otherwise written within this turn of the event loop, together with others
   * (workspace updates: a process crash keeps them, a power cut may lose the newest few).
   */
  record(h: Omit<SignedHead, 'sig' | 'at'>, durable: boolean): SignedHead {
    // The workspace heads waiting go first, and are as durable as this one.
    if (durable) this.signAllPending()
    const signed = this.sign(h)
    this.newest.set(`${h.panelId}/${h.chain}`, signed)
    this.buffered.push(JSON.stringify(signed) + '\n')
    if (durable) {
      this.flush()
      fs.fsyncSync(this.fd)
    } else this.scheduleFlush()
    return signed
  }

  /**
   * A workspace head, signed at the end of this turn of the event loop (not durable, as `record(…,
   * false)`), and only the newest of each panel's then: the chain links every update before it, so one
   * signature covers them all and a burst of updates costs one signature a panel, not one each. Not
   * later than that: a turn's updates commit together, so a backup's snapshot ends on a turn's newest
   * head, and the backup waits for that head to be signed (server/ops/backup.ts, pg-backup.ts).
   */
  recordWorkspace(h: Omit<SignedHead, 'sig' | 'at' | 'chain'>): void {
    if (!this.keys.privateKey) throw new Error('the head log has no signing key')
    const key = `${h.panelId}/workspace`
    const had = this.unsigned.get(key)
    if (!had || h.seq >= had.seq) this.unsigned.set(key, { ...h, chain: 'workspace' })
    this.scheduleFlush()
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => this.flush())
  }

  /** Rewrites the log as its newest heads, atomically (written aside, fsynced, renamed over it). */
  private compact(): void {
    const aside = `${this.file}.compacting`
    const fd = fs.openSync(aside, 'w', 0o644)
    try {
      fs.writeSync(fd, [...this.newest.values()].map((h) => JSON.stringify(h) + '\n').join(''))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(aside, this.file)
    const dir = fs.openSync(path.dirname(this.file), 'r')
    try {
      fs.fsyncSync(dir)
    } finally {
      fs.closeSync(dir)
    }
  }

  /** The newest signed head of a chain (a workspace head still waiting is signed now). */
  newestHead(panelId: string, chain: ChainName): SignedHead | null {
    const key = `${panelId}/${chain}`
    const pending = this.unsigned.get(key)
    if (pending) {
      this.unsigned.delete(key)
      this.signPending(key, pending)
      this.scheduleFlush()
    }
    return this.newest.get(key) ?? null
  }

  private signPending(key: string, h: Omit<SignedHead, 'sig' | 'at'>): void {
    const signed = this.sign(h)
    this.newest.set(key, signed)
    this.buffered.push(JSON.stringify(signed) + '\n')
  }

  private signAllPending(): void {
    for (const [key, h] of this.unsigned) this.signPending(key, h)
    this.unsigned.clear()
  }

  /** Signs every pending workspace head and writes what is buffered (not fsynced). */
  flush(): void {
    this.flushScheduled = false
    this.signAllPending()
    if (!this.buffered.length || this.fd < 0) return
    const text = this.buffered.join('')
    this.buffered = []
    fs.writeSync(this.fd, text)
  }

  close(): void {
    if (this.fd < 0) return
    this.flush()
    fs.fsyncSync(this.fd)
    fs.closeSync(this.fd)
    this.fd = -1
  }
}

/** Every head in a log file, in order; a torn last line (a crash mid-write) is skipped. */
export function readHeadLog(file: string): SignedHead[] {
  if (!fs.existsSync(file)) return []
  const out: SignedHead[] = []
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue
    try {
      out.push(JSON.parse(line) as SignedHead)
    } catch {
      // torn write at the end of the file
    }
  }
  return out
}

/** The newest head per panel and chain over several logs (one per process in scale-out). */
export function newestHeads(heads: Iterable<SignedHead>): Map<string, SignedHead> {
  const out = new Map<string, SignedHead>()
  for (const h of heads) {
    const key = `${h.panelId}/${h.chain}`
    const had = out.get(key)
    if (!had || h.seq >= had.seq) out.set(key, h)
  }
  return out
}
