import { createHash, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Principal } from '../../../shared/auth/principal';
import type { StoredNeed } from '../core/need-state';
import type { SubmitNeedRequest } from '../schemas';
import { needRecords, newNeedWrite } from '../store/needs';
import { statsWrites } from '../store/stats';
import { lostRace, transact } from '../store/transactions';
import { yearOf } from './matching';

/**
 * Stores the need — its INSERT on the stream is what starts matching — and counts it as received.
 * With the request's Idempotency-Key, the need's id is derived from (caller, key): a retry of a
 * request whose write was applied but whose answer was lost (a timeout) finds its own need
 * instead of storing and counting a second one.
 */
export async function submitNeed(request: SubmitNeedRequest, principal: Principal, idempotencyKey?: string): Promise<StoredNeed> {
  const need: StoredNeed = {
    id: idempotencyKey ? keyedNeedId(principal.subject, idempotencyKey) : randomUUID(),
    ...request,
    unitId: principal.unitId!,
    status: 'SUBMITTED',
    submittedAt: new Date().toISOString(),
    submittedBy: principal.label,
    acceptedCount: 0,
    acceptedExperts: [],
  };
  try {
    await transact([newNeedWrite(need), ...statsWrites(need.region, yearOf(need), { needsReceived: 1 })]);
  } catch (error) {
    if (!idempotencyKey || !lostRace(error)) throw error;
    const stored = (await needRecords(need.id))?.need;
    const same = stored?.submittedBy === need.submittedBy && (Object.keys(request) as (keyof SubmitNeedRequest)[]).every((k) => isDeepStrictEqual(stored[k], request[k]));
    // Another request under a key whose idempotency record has expired: a new need, as before.
    return same ? stored : submitNeed(request, principal);
  }
  return need;
}

/** A UUID-shaped id from (caller, Idempotency-Key). */
function keyedNeedId(subject: string, key: string): string {
  const hex = createHash('sha256').update(`submitNeed|${subject}|${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
