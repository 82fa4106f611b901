import type { Principal } from '../../../shared/auth/principal';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { mayAuthor, maySee, type MoveRefusal } from '../core/authorisation';
import type { CaseRecord } from '../core/model';
import { workflowState } from '../core/revisions';
import { allowedMoves, type Move } from '../core/workflow';
import { getCase } from '../store/cases';

export const caseNotFound = () => problems.notFound(text('您所辖地区内没有该案例。', 'No such case in your region.'));

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
  if (!mayAuthor(principal, region)) throw problems.forbidden(text(`您的令牌不含地区 ${region} 的管理权限。`, `Your token does not cover region ${region}.`));
}

export function moveForbidden(refusal: MoveRefusal): never {
  throw problems.forbidden(
    refusal === 'own-case'
      ? text('您撰写或编辑过本案例，须由未参与撰写和编辑的审核人批准或退回。', 'You wrote or edited this case: a reviewer who did neither must approve or reject it.')
      : text('您的角色不能对本案例执行此操作。', 'Your role may not make this move on this case.'),
  );
}

const ACTIONS: Record<Move | 'edit', { zh: string; en: string }> = {
  submit: { zh: '提交', en: 'submitted' },
  approve: { zh: '批准', en: 'approved' },
  reject: { zh: '退回', en: 'rejected' },
  publish: { zh: '发布', en: 'published' },
  withdraw: { zh: '撤回', en: 'withdrawn' },
  edit: { zh: '编辑', en: 'edited' },
};

/** 409 naming what the case's state does allow, so a client can tell what to offer instead. */
export function notAllowedNow(record: CaseRecord, action: Move | 'edit'): never {
  const allowed = allowedMoves(workflowState(record));
  const what = ACTIONS[action];
  const detail = text(
    `状态为 ${record.status} 的案例不能${what.zh}。当前允许的操作：${allowed.length ? allowed.join('、') : '无'}。`,
    `A ${record.status} case cannot be ${what.en}. Allowed now: ${allowed.length ? allowed.join(', ') : 'nothing'}.`,
  );
  throw problems.conflict(detail, {
    caseStatus: record.status,
    allowedMoves: allowed,
  });
}
