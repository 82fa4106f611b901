import type { Principal } from '../../../shared/auth/principal';
import { problems } from '../../../shared/http/problem';
import { mayAuthor, maySee, type MoveRefusal } from '../core/authorisation';
import type { CaseRecord } from '../core/model';
import { workflowState } from '../core/revisions';
import { allowedMoves } from '../core/workflow';
import { getCase } from '../store/cases';

export const caseNotFound = () => problems.notFound('No such case in your region.');

/**
 * A case the caller may see. Another region's case reads as not found rather than forbidden, so
 * nobody learns which case ids exist elsewhere.
 */
export async function visibleCase(principal: Principal, caseId: string): Promise<CaseRecord> {
  const record = await getCase(caseId);
  if (!record || !maySee(principal, record.draft.region)) throw caseNotFound();
  return record;
}

/** Writing a case for (or moving one into) a region is for its issuers and admins. */
export function requireAuthorRegion(principal: Principal, region: string): void {
  if (!mayAuthor(principal, region)) throw problems.forbidden(`Your token does not cover region ${region}.`);
}

export function moveForbidden(refusal: MoveRefusal): never {
  throw problems.forbidden(
    refusal === 'own-case' ? 'You wrote or edited this case: a reviewer who did neither must approve or reject it.' : 'Your role may not make this move on this case.',
  );
}

/** 409 naming what the case's state does allow, so a client can tell what to offer instead. */
export function notAllowedNow(record: CaseRecord, what: string): never {
  const allowed = allowedMoves(workflowState(record));
  throw problems.conflict(`A ${record.status} case cannot be ${what}. Allowed now: ${allowed.length ? allowed.join(', ') : 'nothing'}.`, {
    caseStatus: record.status,
    allowedMoves: allowed,
  });
}
