import { httpHandler } from '../../../shared/http/handler';
import { problems } from '../../../shared/http/problem';
import { ok } from '../../../shared/http/responses';
import { explainCandidate } from '../app/explain';
import { ownsNeed } from '../app/services';
import { explainCandidateRoute } from '../routes';
import { getExpert } from '../store/experts';
import { needRecords } from '../store/needs';

export const handler = httpHandler(explainCandidateRoute, async ({ params, principal }) => {
  const records = await needRecords(params.id);
  if (!records || !ownsNeed(principal!, records.need)) throw problems.notFound('No such need of your unit.');
  const expert = await getExpert(params.expertId);
  if (!expert) throw problems.notFound('No such expert.');
  return ok(await explainCandidate(records, expert));
});
