import type { Principal } from '../../../shared/auth/principal';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import type { CaseRecord } from '../core/model';
import { saveCase, type Companions } from '../store/cases';
import { visibleCase } from './access';

export interface Change {
  record: CaseRecord;
  companions?: Companions;
}

const ATTEMPTS = 5;
/** Spread retries out, so requests that collided do not collide again in step. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, attempt * (10 + Math.random() * 40)));

/**
 * Read, decide, write conditional on the revision read — and when another request changed the
 * case in between, decide again on what it is now (which may then refuse, e.g. a second
 * approval finds the case APPROVED). `decide` may do idempotent side work (storing a body,
 * copying files): a retry does it again to the same effect.
 */
export async function changeCase(principal: Principal, caseId: string, decide: (current: CaseRecord) => Promise<Change>): Promise<CaseRecord> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await backoff(attempt);
    const current = await visibleCase(principal, caseId);
    const change = await decide(current);
    if ((await saveCase(change.record, current.revision, change.companions)) === 'saved') return change.record;
  }
  throw problems.unavailable(1, text('该案例正被其他请求修改，请稍后重试。', 'The case is being changed by other requests right now; retry shortly.'));
}
