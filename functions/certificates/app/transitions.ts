import type { Principal } from '../../../shared/auth/principal';
import { text, type LocalizedText } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok, type HttpResult } from '../../../shared/http/responses';
import { publicView } from '../core/public-view';
import { todayInChina } from '../core/status';
import { applyTransition, type StateTransition } from '../store/certificates';
import { manageableCertificate, NOT_IN_REGION } from './access';
import { requireValidNumber } from './numbers';

const CONFLICT: Record<StateTransition, LocalizedText> = {
  revoke: text('该证书已被撤销。', 'The certificate is already revoked.'),
  reinstate: text('该证书未被撤销，无需恢复。', 'The certificate is not revoked.'),
  suspend: text('该证书已被暂停。', 'The certificate is already suspended.'),
  restore: text('该证书未被暂停，无需恢复。', 'The certificate is not suspended.'),
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
  if (result.outcome === 'not-found') throw problems.notFound(NOT_IN_REGION);
  if (result.outcome === 'conflict') throw problems.conflict(CONFLICT[transition], { certificateStatus: publicView(result.certificate).status });
  return ok(publicView(result.certificate));
}
