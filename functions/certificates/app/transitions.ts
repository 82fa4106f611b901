import type { Principal } from '../../../shared/auth/principal';
import { problems } from '../../../shared/http/problem';
import { ok, type HttpResult } from '../../../shared/http/responses';
import { publicView } from '../core/public-view';
import { todayInChina } from '../core/status';
import { applyTransition, type StateTransition } from '../store/certificates';
import { manageableCertificate } from './access';
import { requireValidNumber } from './numbers';

const CONFLICT: Record<StateTransition, string> = {
  revoke: 'The certificate is already revoked.',
  reinstate: 'The certificate is not revoked.',
  suspend: 'The certificate is already suspended.',
  restore: 'The certificate is not suspended.',
};

/** Revoke / reinstate / suspend / restore: region check, one conditional update, the new public view. */
export async function changeState(principal: Principal, rawNumber: string, transition: StateTransition, reason?: string): Promise<HttpResult> {
  const number = requireValidNumber(rawNumber);
  await manageableCertificate(principal, number);
  const result = await applyTransition(number, transition, {
    date: todayInChina(),
    reason: reason ?? `${transition} by ${principal.label}`,
    by: principal.label,
  });
  if (result.outcome === 'not-found') throw problems.notFound('No such certificate in your region.');
  if (result.outcome === 'conflict') throw problems.conflict(CONFLICT[transition], { certificateStatus: publicView(result.certificate).status });
  return ok(publicView(result.certificate));
}
