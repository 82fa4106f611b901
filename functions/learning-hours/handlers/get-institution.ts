import { hasGroup } from '../../../shared/auth/principal';
import { httpHandler } from '../../../shared/http/handler';
import { text } from '../../../shared/http/messages';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { requireOwnInstitution } from '../app/access';
import { institutionView } from '../app/views';
import { getInstitutionRoute } from '../routes';
import { getInstitution } from '../store/institutions';

export const handler = httpHandler(getInstitutionRoute, async ({ params, principal }) => {
  if (!hasGroup(principal, 'admin')) requireOwnInstitution(principal!, params.id);
  const institution = await getInstitution(params.id);
  if (!institution) throw problems.notFound(text('未找到该培训机构。', 'No such institution.'));
  return ok(institutionView(institution));
});
