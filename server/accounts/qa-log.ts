// The account-level access log: who holds the quality-assurance role, as a hash chain kept in the access
// log table under a reserved id that no panel can have (panel ids are `p_…`), so both stores, backups and
// the signed head log carry it as they carry every other chain.
import { decideQa, qaHolders, type QaChangedEvent, type QaCommand } from '../../shared/accounts/qa-access.ts'
import type { DomainError, PanelEvent } from '../../shared/panel/types.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import { chainEvents, sha256, verifyChain, type ChainVerdict } from '../panels/chain.ts'
import type { HeadLog } from '../panels/head-log.ts'
import { ConcurrencyError, type Storage, type StoredEvent } from '../storage/port.ts'

export const ACCOUNT_LOG_ID = 'accounts'
export const accountLogGenesis = (): string => sha256('ratings-panel/account-access@1')

const eventsOf = (stored: StoredEvent[]) => stored.map((s) => s.event as unknown as QaChangedEvent)

/** Who holds the role now, read from the store (one query; every process sees the same). */
export async function qaAccounts(storage: Storage): Promise<Set<string>> {
  return qaHolders(eventsOf(await storage.loadAccessEvents(ACCOUNT_LOG_ID)))
}

export async function isQa(storage: Storage, accountId: string): Promise<boolean> {
  return (await qaAccounts(storage)).has(accountId)
}

/** The log and its verdict: every link re-derived from the genesis. */
export async function readQaLog(
  storage: Storage,
): Promise<{ events: StoredEvent[]; verdict: ChainVerdict; holders: Set<string> }> {
  const events = await storage.loadAccessEvents(ACCOUNT_LOG_ID)
  return {
    events,
    verdict: verifyChain(ACCOUNT_LOG_ID, events, accountLogGenesis()),
    holders: qaHolders(eventsOf(events)),
  }
}

let queue: Promise<unknown> = Promise.resolve()

/** Grants or withdraws the role through the rules, appended to the chain (one at a time; retried on a race). */
export function changeQa(
  deps: { storage: Storage; heads: HeadLog; now: () => Date },
  command: QaCommand,
  actor: { accountId: string; name: string; organiser: boolean },
): Promise<Result<StoredEvent[], DomainError>> {
  const run = async (): Promise<Result<StoredEvent[], DomainError>> => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await deps.storage.loadAccessEvents(ACCOUNT_LOG_ID)
      const decided = decideQa(qaHolders(eventsOf(stored)), command, actor, deps.now().toISOString())
      if (!decided.ok) return decided
      const head = stored.at(-1)
      const chained = chainEvents(
        ACCOUNT_LOG_ID,
        stored.length,
        head?.hash ?? accountLogGenesis(),
        decided.value as unknown as PanelEvent[],
      )
      try {
        await deps.storage.appendAccessEvents(ACCOUNT_LOG_ID, stored.length, chained)
      } catch (e) {
        if (e instanceof ConcurrencyError) continue
        throw e
      }
      const last = chained.at(-1)!
      deps.heads.record({ panelId: ACCOUNT_LOG_ID, chain: 'access', seq: last.seq, hash: last.hash }, true)
      return ok(chained)
    }
    return err({ code: 'conflict', message: 'The account log is busy; try again.' })
  }
  const p = queue.then(run, run)
  queue = p.catch(() => undefined)
  return p
}
