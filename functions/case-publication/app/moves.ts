import type { Principal } from '../../../shared/auth/principal';
import { moveRefusal } from '../core/authorisation';
import type { CaseRecord } from '../core/model';
import { moved, workflowState, type MoveDetails } from '../core/revisions';
import { applyMove, type CaseStatus, type Move } from '../core/workflow';
import { listAttachments } from '../store/attachments';
import { moveForbidden, notAllowedNow } from './access';

/** Who may make the move, and to which status it leads from here: 403 or 409 otherwise. */
export function checkMove(principal: Principal, current: CaseRecord, move: Move): CaseStatus {
  const refusal = moveRefusal(principal, move, current.draft.region, current.contributors);
  if (refusal) moveForbidden(refusal);
  const outcome = applyMove(workflowState(current), move);
  if (!outcome.ok) notAllowedNow(current, move);
  return outcome.to;
}

/**
 * Submit, approve, reject: one conditional write of the case. A submit fixes the attachments
 * the reviewer will see — those verified by then, each with its ETag — so that what gets
 * published is exactly what was reviewed.
 */
export async function reviewMove(principal: Principal, current: CaseRecord, move: 'submit' | 'approve' | 'reject', comment?: string) {
  const to = checkMove(principal, current, move);
  const details: MoveDetails = { comment };
  if (move === 'submit') {
    details.reviewedAttachments = (await listAttachments(current.id)).flatMap((a) => (a.status === 'VERIFIED' && a.etag ? [{ id: a.id, etag: a.etag }] : []));
  }
  return { record: moved(current, move, to, principal, new Date().toISOString(), details) };
}
