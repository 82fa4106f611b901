import { httpHandler } from '../../../shared/http/handler';
import { problems } from '../../../shared/http/problem';
import { NO_SUCH_EXPERT, NO_SUCH_NEED } from '../app/messages';
import { ok } from '../../../shared/http/responses';
import { explainCandidate } from '../app/explain';
import { ownsNeed } from '../app/services';
import { explainCandidateRoute } from '../routes';
import { getExpert } from '../store/experts';
import { needRecords } from '../store/needs';

export const handler = httpHandler(explainCandidateRoute, async ({ params, principal }) => {
  const records = await needRecords(params.id);
  if (!records || !ownsNeed(principal!, records.need)) throw problems.notFound(NO_SUCH_NEED);
  const expert = await getExpert(params.expertId);
  if (!expert) throw problems.notFound(NO_SUCH_EXPERT);
  return ok(await explainCandidate(records, expert));
});
