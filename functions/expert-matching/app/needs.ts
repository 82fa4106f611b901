import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../shared/auth/principal';
import type { StoredNeed } from '../core/need-state';
import type { SubmitNeedRequest } from '../schemas';
import { newNeedWrite } from '../store/needs';
import { statsWrites } from '../store/stats';
import { transact } from '../store/transactions';
import { yearOf } from './matching';

/** Stores the need — its INSERT on the stream is what starts matching — and counts it as received. */
export async function submitNeed(request: SubmitNeedRequest, principal: Principal): Promise<StoredNeed> {
  const need: StoredNeed = {
    id: randomUUID(),
    ...request,
    unitId: principal.unitId!,
    status: 'SUBMITTED',
    submittedAt: new Date().toISOString(),
    submittedBy: principal.label,
    acceptedCount: 0,
    acceptedExperts: [],
  };
  await transact([newNeedWrite(need), ...statsWrites(need.region, yearOf(need), { needsReceived: 1 })]);
  return need;
}
