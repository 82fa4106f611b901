import type { Principal } from '../../../shared/auth/principal';
import { text } from '../../../shared/http/messages';
import { HttpProblem, problems } from '../../../shared/http/problem';
import { postingRefusal, type Institution } from '../core/institutions';
import { getInstitution } from '../store/institutions';

/** An institution acts only for itself (DESIGN §2); another institution's id reads as forbidden. */
export function requireOwnInstitution(principal: Principal, id: string): void {
  if (principal.institutionId !== id) throw problems.forbidden(text('培训机构只能以本机构身份操作。', 'An institution may act only for its own id.'));
}

/** The institution, which must exist and be allowed to post (409 with the reason otherwise). */
export async function postingInstitution(id: string): Promise<Institution> {
  const institution = await getInstitution(id);
  if (!institution) throw problems.notFound(text('未找到该培训机构。', 'No such institution.'));
  const refusal = postingRefusal(institution);
  if (refusal) {
    throw new HttpProblem(409, text('培训机构不能报送学时', 'Institution cannot post'), refusal, { type: '/problems/institution-inactive', extensions: { institutionStatus: institution.status } });
  }
  return institution;
}
