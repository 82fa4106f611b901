import type { Principal } from '../../../shared/auth/principal';
import { HttpProblem, problems } from '../../../shared/http/problem';
import { postingRefusal, type Institution } from '../core/institutions';
import { getInstitution } from '../store/institutions';

/** An institution acts only for itself (DESIGN §2); another institution's id reads as forbidden. */
export function requireOwnInstitution(principal: Principal, id: string): void {
  if (principal.institutionId !== id) throw problems.forbidden('An institution may act only for its own id.');
}

/** The institution, which must exist and be allowed to post (409 with the reason otherwise). */
export async function postingInstitution(id: string): Promise<Institution> {
  const institution = await getInstitution(id);
  if (!institution) throw problems.notFound('No such institution.');
  const refusal = postingRefusal(institution);
  if (refusal) throw new HttpProblem(409, 'Institution cannot post', refusal, { type: '/problems/institution-inactive', extensions: { institutionStatus: institution.status } });
  return institution;
}
