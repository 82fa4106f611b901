import { httpHandler } from '../../../shared/http/handler';
import { problems } from '../../../shared/http/problem';
import { NO_SUCH_EXPERT } from '../app/messages';
import { ok } from '../../../shared/http/responses';
import { requireExpertAccess } from '../app/experts';
import { expertView } from '../app/views';
import { getExpertRoute } from '../routes';
import { getExpert } from '../store/experts';

export const handler = httpHandler(getExpertRoute, async ({ params, principal }) => {
  requireExpertAccess(principal!, params.id);
  const expert = await getExpert(params.id);
  if (!expert) throw problems.notFound(NO_SUCH_EXPERT);
  return ok(expertView(expert));
});
