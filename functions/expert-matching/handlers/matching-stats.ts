import { httpHandler } from '../../../shared/http/handler';
import { ok } from '../../../shared/http/responses';
import { statsView } from '../app/views';
import { NATIONAL_SCOPE, provinceScope } from '../core/need-state';
import { matchingStatsRoute } from '../routes';
import { countersOf } from '../store/stats';

export const handler = httpHandler(matchingStatsRoute, async ({ query }) => {
  const scope = query.region && query.region !== '000000' ? provinceScope(query.region) : NATIONAL_SCOPE;
  return ok(statsView(scope, query.year, await countersOf(scope, query.year)));
});
