import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../shared/auth/principal';
import { mayAuthor } from '../core/authorisation';
import type { CaseRecord } from '../core/model';
import { edited, newCase, workflowState } from '../core/revisions';
import { isEditable } from '../core/workflow';
import type { CreateCaseRequest, UpdateCaseRequest } from '../schemas';
import { putDraftBody } from '../store/bodies';
import { createCase as storeNewCase } from '../store/cases';
import { caseNotFound, notAllowedNow, requireAuthorRegion } from './access';
import { changeCase } from './changes';

export async function createCase(principal: Principal, request: CreateCaseRequest): Promise<CaseRecord> {
  requireAuthorRegion(principal, request.region);
  const { body, ...content } = request;
  const id = randomUUID();
  const record = newCase(id, content, await putDraftBody(id, body), principal, new Date().toISOString());
  await storeNewCase(record);
  return record;
}

/** The caller may change this case's draft: an author of its region, and the case editable now. */
export function requireEditable(principal: Principal, current: CaseRecord): void {
  // Reviewers see the case, but it is not theirs to write.
  if (!mayAuthor(principal, current.draft.region)) throw caseNotFound();
  if (!isEditable(workflowState(current))) notAllowedNow(current, 'edit');
}

export async function editCase(principal: Principal, caseId: string, patch: UpdateCaseRequest): Promise<CaseRecord> {
  const { body, ...changes } = patch;
  if (changes.region) requireAuthorRegion(principal, changes.region);
  let bodyKey: string | undefined;
  return changeCase(principal, caseId, async (current) => {
    requireEditable(principal, current);
    // Content-addressed: stored once, whichever attempt gets there.
    if (body !== undefined) bodyKey ??= await putDraftBody(caseId, body);
    return { record: edited(current, changes, bodyKey, principal, new Date().toISOString()) };
  });
}
