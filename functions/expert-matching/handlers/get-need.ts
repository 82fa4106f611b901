import { httpHandler } from '../../../shared/http/handler';
import { problems } from '../../../shared/http/problem';
import { NO_SUCH_NEED } from '../app/messages';
import { ok } from '../../../shared/http/responses';
import { ownsNeed } from '../app/services';
import { needView } from '../app/views';
import { getNeedRoute } from '../routes';
import { getExperts } from '../store/experts';
import { needRecords } from '../store/needs';

export const handler = httpHandler(getNeedRoute, async ({ params, principal }) => {
  const records = await needRecords(params.id);
  // Another unit's need reads exactly like an unknown one.
  if (!records || !ownsNeed(principal!, records.need)) throw problems.notFound(NO_SUCH_NEED);
  return ok(needView(records, await getExperts(records.proposals.map((p) => p.expertId))));
});
