// The quality-assurance role, at account level: granted and withdrawn by an organiser, each change an event
// in an account-level, hash-chained log of access changes. A QA account reads every finalised panel (its
// record, replay and verification) and the discretion register, and nothing that is not finalised.
import { err, ok, type Result } from '../result.ts'
import type { DomainError } from '../panel/types.ts'

export interface QaChangedEvent {
  type: 'qa.granted' | 'qa.withdrawn'
  /** The account whose role changed, and its name then. */
  accountId: string
  name: string
  by: string
  byName: string
  at: string
}

export type QaCommand = { type: 'grant' | 'withdraw'; account: { id: string; name: string } }

/** Who holds the role after these events (folded in order). */
export function qaHolders(events: Iterable<QaChangedEvent>): Set<string> {
  const holders = new Set<string>()
  for (const e of events) {
    if (e.type === 'qa.granted') holders.add(e.accountId)
    else holders.delete(e.accountId)
  }
  return holders
}

const fail = (code: DomainError['code'], message: string) => err<DomainError>({ code, message })

/** The rules: only an organiser grants or withdraws; granting twice or withdrawing what is not held is refused. */
export function decideQa(
  holders: ReadonlySet<string>,
  command: QaCommand,
  actor: { accountId: string; name: string; organiser: boolean },
  now: string,
): Result<QaChangedEvent[], DomainError> {
  if (!actor.organiser)
    return fail('forbidden', 'Only an organiser grants or withdraws the quality-assurance role.')
  const has = holders.has(command.account.id)
  if (command.type === 'grant' && has)
    return fail('conflict', `${command.account.name} already has the quality-assurance role.`)
  if (command.type === 'withdraw' && !has)
    return fail('conflict', `${command.account.name} does not have the quality-assurance role.`)
  return ok([
    {
      type: command.type === 'grant' ? 'qa.granted' : 'qa.withdrawn',
      accountId: command.account.id,
      name: command.account.name,
      by: actor.accountId,
      byName: actor.name,
      at: now,
    },
  ])
}
